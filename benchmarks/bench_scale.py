"""Batch at scale: N documents (real plans of corpus/real with the corpus renditions, text ones made
distinct), docs/s and peak RSS of a fresh batch at -j1, -j2 and on a Dask LocalCluster of 2 workers,
and the CPU time of the final combined writes; the Dask cluster with 1 and with 2 workers, for its speed-up.
Appends the run to benchmarks/results-scale.md. Not part of CI.

    .venv/bin/python benchmarks/bench_scale.py [--docs 1000] [--docs 10000] [--only "dask 2"]
"""
from __future__ import annotations

import argparse
import json
import resource
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


def run(folder: Path, args: list[str]) -> tuple[float, int, Path]:
    out = Path(tempfile.mkdtemp())
    code = ("import resource,subprocess,sys;"
            f"r=subprocess.run([{str(ROOT / '.venv' / 'bin' / 'planparse')!r},'batch',{str(folder)!r},'--out',{str(out)!r}]"
            f"+{args!r},capture_output=True);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return time.perf_counter() - t, int(r.stdout.strip() or 0), out


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
             "| docs | engine | docs/s | peak RSS MiB (largest process) | final writes CPU s |", "|---|---|---|---|---|"]
    engines = (("local -j1", ["-j", "1"]), ("local -j2", ["-j", "2"]),
               ("dask LocalCluster, 1 worker", ["-j", "1", "--engine", "dask"]),
               ("dask LocalCluster, 2 workers", ["-j", "2", "--engine", "dask"]))
    engines = tuple(e for e in engines if not args.only or any(o in e[0] for o in args.only))
    for n in args.docs or [1000]:
        with tempfile.TemporaryDirectory() as d:
            folder = Path(d) / "in"
            build(n, folder)
            for name, extra in engines:
                wall, rss, out = run(folder, extra)
                write = final_write_cpu(out) if name == "local -j2" else None
                lines.append(f"| {n} | {name} | {n / wall:.1f} | {rss / 1024:.0f} | "
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
