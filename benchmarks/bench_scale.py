"""Batch at scale: N documents (real plans of corpus/real with the corpus renditions, text ones made
distinct), docs/s and peak RSS (per role: workers, the batch process, Tesseract; each process's VmHWM sampled
every second) of a fresh batch at -j1, -j2 and on a Dask LocalCluster of 2 workers,
and the CPU time of the final combined writes; the Dask cluster with 1 and with 2 workers, for its speed-up.
Appends the run to benchmarks/results-scale.md. Not part of CI.

    .venv/bin/python benchmarks/bench_scale.py [--docs 1000] [--docs 10000] [--only "dask 2"]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SUFFIXES = (".txt", ".md", ".docx", ".pdf")


def sources() -> list[Path]:
    found = [p for d in ("seeds", "docx", "pdf") for p in sorted((CORPUS / d).glob("*"))]
    found += sorted(p for p in (CORPUS / "real").rglob("*") if p.suffix in SUFFIXES)
    return [p for p in found if p.suffix in SUFFIXES and not p.name.startswith("002_")]  # no OCR-damaged seed


def build(n: int, dest: Path) -> None:
    srcs = sources()
    dest.mkdir(parents=True)
    for i in range(n):
        src = srcs[i % len(srcs)]
        out = dest / f"{i:05d}_{src.name}"
        data = src.read_bytes()
        if src.suffix in (".txt", ".md"):
            data += b"\n" * (1 + i // len(srcs))  # distinct bytes, same text
        out.write_bytes(data)


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat", encoding="ascii", errors="replace") as f:
                    children.setdefault(int(f.read().rsplit(")", 1)[1].split()[1]), []).append(int(d))
            except OSError:
                pass
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += children.get(pid, [])
    return out


def _peaks(root: int, peaks: dict[str, int]) -> None:
    """Peak resident memory (VmHWM, MiB) of each process of the batch's tree so far, by role: the batch process,
    its workers (and their children that read files), Tesseract, LibreOffice."""
    for pid in _tree(root):
        try:
            with open(f"/proc/{pid}/status", encoding="utf-8") as f:
                fields = dict(line.split(":", 1) for line in f if ":" in line)
            hwm = int(fields["VmHWM"].split()[0]) // 1024
        except (OSError, KeyError, ValueError):
            continue
        name = fields.get("Name", "").strip()
        role = "batch" if pid == root else {"tesseract": "tesseract", "soffice.bin": "soffice"}.get(name, "workers")
        peaks[role] = max(peaks.get(role, 0), hwm)


def run(folder: Path, args: list[str]) -> tuple[float, dict[str, int], Path]:
    """Wall time of a fresh batch, and the peak memory of its processes by role (sampled every second)."""
    out = Path(tempfile.mkdtemp())
    t = time.perf_counter()
    proc = subprocess.Popen([str(ROOT / ".venv" / "bin" / "planparse"), "batch", str(folder), "--out", str(out)] + args,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peaks: dict[str, int] = {}
    while proc.poll() is None:
        _peaks(proc.pid, peaks)
        time.sleep(1.0)
    return time.perf_counter() - t, peaks, out


def final_write_cpu(out: Path) -> float:
    sys.path.insert(0, str(ROOT / "src"))
    from planparse.batch import STATE, write_outputs

    state = json.loads((out / STATE).read_text(encoding="utf-8"))
    times = []
    for _ in range(3):
        t = time.process_time()
        write_outputs(out, state)
        times.append(time.process_time() - t)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, action="append")
    ap.add_argument("--only", action="append", help="run only the engines whose name contains this")
    args = ap.parse_args()
    lines = ["", f"## Run of {time.strftime('%Y-%m-%d %H:%M')}", "",
             "| docs | engine | docs/s | peak RSS MiB: workers / batch / Tesseract | final writes CPU s |",
             "|---|---|---|---|---|"]
    engines = (("local -j1", ["-j", "1"]), ("local -j2", ["-j", "2"]),
               ("dask LocalCluster, 1 worker", ["-j", "1", "--engine", "dask"]),
               ("dask LocalCluster, 2 workers", ["-j", "2", "--engine", "dask"]))
    engines = tuple(e for e in engines if not args.only or any(o in e[0] for o in args.only))
    for n in args.docs or [1000]:
        with tempfile.TemporaryDirectory() as d:
            folder = Path(d) / "in"
            build(n, folder)
            for name, extra in engines:
                wall, peaks, out = run(folder, extra)
                write = final_write_cpu(out) if name == "local -j2" else None
                rss = " / ".join(str(peaks.get(r, 0)) for r in ("workers", "batch", "tesseract"))
                lines.append(f"| {n} | {name} | {n / wall:.1f} | {rss} | "
                             f"{f'{write:.2f}' if write is not None else '–'} |")
                print(lines[-1], flush=True)
                shutil.rmtree(out, ignore_errors=True)
    text = "\n".join(lines) + "\n"
    results = ROOT / "benchmarks" / "results-scale.md"
    with results.open("a", encoding="utf-8") as f:
        f.write(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
