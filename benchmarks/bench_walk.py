"""Does the walk after reading grow linearly with the number of items? Times `read_for_extraction` +
`document_to_plan` (what `planparse extract` runs) on generated plans of N = 2k, 4k, 8k, 16k short items,
median of 3 runs each, for four shapes of list: bullets, numbered items, numbered items with a), b) under
them, and unlabelled lines. Prints time per item and t(16k) / t(2k) / 8 (1.0 = linear). Not part of CI.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_walk.py [--sizes 2000,4000] [--shapes bullets,plain]
        [--runs 3] [--docx]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

HEAD = "KẾ HOẠCH\nThực hiện nhiệm vụ cải cách hành chính năm 2026\nI. MỤC ĐÍCH\nBảo đảm thực hiện đúng tiến độ.\nII. NHIỆM VỤ\n"
DUTY = "Nhiệm vụ số {i} giao Sở Nội vụ chủ trì, thực hiện trong năm 2026."


def plan_lines(n: int, shape: str) -> list[str]:
    """n items of one shape under II. NHIỆM VỤ."""
    if shape == "bullets":
        return [f"- {DUTY.format(i=i)}" for i in range(1, n + 1)]
    if shape == "numbered":
        return [f"{i}. {DUTY.format(i=i)}" for i in range(1, n + 1)]
    if shape == "nested":  # 1. heading, then a) b) c) d) under it
        out: list[str] = []
        for i in range(1, n + 1):
            if i % 4 == 1:
                out.append(f"{i // 4 + 1}. Nhóm nhiệm vụ số {i // 4 + 1}")
            out.append(f"{'abcd'[(i - 1) % 4]}) {DUTY.format(i=i)}")
        return out
    if shape == "plain":
        return [DUTY.format(i=i) for i in range(1, n + 1)]
    raise ValueError(shape)


def plan_text(n: int, shape: str) -> str:
    return HEAD + "\n".join(plan_lines(n, shape)) + "\n"


def write_plan(tmp: Path, n: int, shape: str, docx: bool) -> Path:
    text = plan_text(n, shape)
    if not docx:
        path = tmp / f"{shape}-{n}.txt"
        path.write_text(text, encoding="utf-8")
        return path
    import docx as python_docx  # python-docx

    d = python_docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    path = tmp / f"{shape}-{n}.docx"
    d.save(str(path))
    return path


def run_once(path: Path) -> tuple[float, int]:
    from planparse.pipeline import document_to_plan, read_for_extraction

    t = time.perf_counter()
    plan = document_to_plan(read_for_extraction(path))
    return time.perf_counter() - t, len(plan.tasks)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="2000,4000,8000,16000")
    ap.add_argument("--shapes", default="bullets,numbered,nested,plain")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--docx", action="store_true", help="write the plans as DOCX instead of plain text")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as d:
        run_once(write_plan(Path(d), 50, "bullets", args.docx))  # warm: imports and lexicons load once
        for shape in args.shapes.split(","):
            times: dict[int, float] = {}
            for n in sizes:
                path = write_plan(Path(d), n, shape, args.docx)
                runs = [run_once(path) for _ in range(args.runs)]
                times[n] = statistics.median(t for t, _ in runs)
                print(f"{shape:9s} N={n:6d}: {times[n]:8.3f} s  {times[n] / n * 1e6:8.1f} µs/item  "
                      f"tasks={runs[0][1]}", flush=True)
            lo, hi = min(sizes), max(sizes)
            if hi > lo:
                print(f"{shape:9s} t({hi})/t({lo})/{hi // lo} = {times[hi] / times[lo] / (hi / lo):.2f}  (1.0 = linear)",
                      flush=True)


if __name__ == "__main__":
    main()
