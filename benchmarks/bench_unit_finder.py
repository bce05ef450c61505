"""Issue 13 experiment: `extract` over corpus/real and corpus/seeds with the spaCy unit-span finder against the
underthesea POS-tagger one, in the same process, rounds alternating; CPU time, medians. Caches of the span
finder are cleared before every round so no round reuses a text analysed before. A second part times a cold
`planparse extract` of one plan in fresh processes (imports and model or matcher loading included).

    .venv/bin/python benchmarks/bench_unit_finder.py [--rounds 7]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def corpus_files() -> list[Path]:
    real = [p for p in sorted((ROOT / "corpus" / "real").glob("*/*")) if p.name != "MANIFEST.tsv"]
    return real + sorted((ROOT / "corpus" / "seeds").glob("*.txt"))


def warm(rounds: int) -> dict[str, float]:
    from planparse.extract import spans, units
    from planparse.pipeline import extract_file

    files = corpus_files()

    def run(mode: str) -> float:
        units.UNIT_FINDER = mode
        spans._analyse.cache_clear()
        spans._norm.cache_clear()
        t = time.process_time()
        for f in files:
            extract_file(f)
        return time.process_time() - t

    for mode in ("tagger", "spacy"):
        run(mode)  # loads the tagger model, spaCy and the matchers once
    times: dict[str, list[float]] = {"tagger": [], "spacy": []}
    for r in range(rounds):
        for mode in (("tagger", "spacy") if r % 2 == 0 else ("spacy", "tagger")):
            times[mode].append(run(mode))
    return {m: statistics.median(v) for m, v in times.items()}


def cold(runs: int, path: Path) -> dict[str, float]:
    times: dict[str, list[float]] = {"tagger": [], "spacy": []}
    for r in range(runs):
        for mode in (("tagger", "spacy") if r % 2 == 0 else ("spacy", "tagger")):
            env = dict(os.environ, PLANPARSE_UNIT_FINDER=mode)
            t = time.perf_counter()
            subprocess.run([str(ROOT / ".venv" / "bin" / "planparse"), "extract", str(path), "-o", "-"],
                           env=env, check=True, capture_output=True)
            times[mode].append(time.perf_counter() - t)
    return {m: statistics.median(v) for m, v in times.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    files = corpus_files()
    w = warm(args.rounds)
    print(f"warm: extract of {len(files)} plans (corpus/real + corpus/seeds), CPU s, median of {args.rounds}: "
          f"tagger {w['tagger']:.3f}, spaCy {w['spacy']:.3f}, ratio {w['tagger'] / w['spacy']:.2f}x")
    one = ROOT / "corpus" / "real" / "provinces-2025" / "dong-thap-kh617-2025.md"
    c = cold(5, one)
    print(f"cold: planparse extract {one.name} in a fresh process, wall s, median of 5: "
          f"tagger {c['tagger']:.2f}, spaCy {c['spacy']:.2f}, ratio {c['tagger'] / c['spacy']:.2f}x")


if __name__ == "__main__":
    main()
