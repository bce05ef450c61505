"""Repair speed: syllables per second on one core over the OCR'd evaluation set (corpus/ocr-eng).

"cold": every cache emptied, one pass (what a first batch of new documents costs); "again": the same
texts a second time (repeated phrases already decoded). Medians of 3 runs, CPU time, with raw
tokenization of the same text in the same run as the baseline. Not part of CI's pass/fail.

    .venv/bin/python benchmarks/bench_repair.py
"""
from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    from planparse.repair import clear_caches, repair_text
    from planparse.repair.lm import language_model

    language_model()
    files = sorted((ROOT / "corpus" / "ocr-eng").glob("*.ocr.txt"))
    texts = [p.read_text(encoding="utf-8") for p in files]
    # steady state: caches warmed on other documents (the seeds), then new documents (the real ones)
    warmup = [t for p, t in zip(files, texts) if p.name[0].isdigit()]
    fresh = [t for p, t in zip(files, texts) if not p.name[0].isdigit()]
    fresh_syllables = sum(len(re.findall(r"\w+", t)) for t in fresh)
    syllables = sum(len(re.findall(r"\w+", t)) for t in texts)
    cold, warm, base, steady = [], [], [], []
    for _ in range(3):
        clear_caches()
        t = time.process_time()
        for x in texts:
            repair_text(x, "always")
        cold.append(time.process_time() - t)
        t = time.process_time()
        for x in texts:
            repair_text(x, "always")
        warm.append(time.process_time() - t)
        t = time.process_time()
        for x in texts:
            re.findall(r"\w+", x)
        base.append(time.process_time() - t)
        clear_caches()
        for x in warmup:
            repair_text(x, "always")
        t = time.process_time()
        for x in fresh:
            repair_text(x, "always")
        steady.append(time.process_time() - t)
    print(f"{syllables} syllables: cold {syllables / statistics.median(cold):,.0f}/s, "
          f"again {syllables / statistics.median(warm):,.0f}/s, new documents after a warm-up on others "
          f"{fresh_syllables / statistics.median(steady):,.0f}/s (one core, CPU time, median of 3); "
          f"tokenizing alone {syllables / statistics.median(base):,.0f}/s")


if __name__ == "__main__":
    main()
