"""Speed of `extract` on a 20-page text-layer PDF, against raw pdfplumber text extraction of the same
file in the same run (medians of several runs). Not part of CI's pass/fail.

    .venv/bin/python benchmarks/bench_extract.py
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def make_20_pages(tmp: Path) -> Path:
    """Concatenate the corpus PDFs' pages until there are 20 (pypdfium2 can import pages)."""
    import pypdfium2 as pdfium
    out = pdfium.PdfDocument.new()
    srcs = [pdfium.PdfDocument(str(p)) for p in sorted((ROOT / "corpus" / "pdf").glob("*.pdf"))]
    while len(out) < 20:
        for s in srcs:
            if len(out) >= 20:
                break
            out.import_pages(s, [i for i in range(len(s)) if len(out) + i < 20][: 20 - len(out)])
    path = tmp / "twenty.pdf"
    out.save(str(path))
    return path


def cpu(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return statistics.median(times)


def main() -> None:
    import pdfplumber
    from planparse.pipeline import extract_file

    with tempfile.TemporaryDirectory() as d:
        pdf = make_20_pages(Path(d))
        extract_file(pdf)  # warm: imports and lexicons load once per process
        ours = cpu(lambda: extract_file(pdf))

        def plumber():
            with pdfplumber.open(str(pdf)) as p:
                for page in p.pages:
                    page.extract_text()
        raw = cpu(plumber)
    print(f"20-page PDF: planparse extract {ours:.3f} s CPU (median of 5), pdfplumber extract_text {raw:.3f} s, "
          f"ratio {raw / ours:.1f}x")


if __name__ == "__main__":
    main()
