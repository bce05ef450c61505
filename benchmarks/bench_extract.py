"""Speed of `extract` on a 20-page text-layer PDF, against raw pdfplumber text extraction of the same
file in the same run (medians of several runs); and, per text-layer PDF of the corpus, warm `extract` against bare
pypdfium2 text extraction (every page's text range) in the same run, the ratio issue 16 bars at 3x. Not part of
CI's pass/fail.

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
    per_pdf_against_pypdfium()


def _bare_pypdfium(path: Path) -> None:
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(str(path))
    for page in pdf:
        text = page.get_textpage()
        text.get_text_range()
        text.close()
        page.close()
    pdf.close()


def per_pdf_against_pypdfium(runs: int = 7) -> None:
    """Text-layer PDFs only (a scan's cost is Tesseract's): the corpus renditions, the table PDFs and the real
    text-layer plan."""
    from planparse.pipeline import extract_file

    pdfs = sorted((ROOT / "corpus" / "pdf").glob("*.pdf")) + sorted((ROOT / "corpus" / "pdf-tables").glob("*.pdf")) \
        + [ROOT / "corpus" / "real" / "ninh-binh" / "kh196-2024-cong-nghiep-van-hoa.pdf"]
    total_ours = total_bare = 0.0
    for pdf in pdfs:
        extract_file(pdf)
        ours, bare = cpu(lambda: extract_file(pdf), runs), cpu(lambda: _bare_pypdfium(pdf), runs)
        total_ours, total_bare = total_ours + ours, total_bare + bare
        print(f"{pdf.name:40s} extract {ours * 1000:6.1f} ms  pypdfium2 text {bare * 1000:5.1f} ms  {ours / bare:4.1f}x")
    print(f"all {len(pdfs)} text-layer PDFs: {total_ours / total_bare:.2f}x bare pypdfium2 text (sums of medians)")


if __name__ == "__main__":
    main()
