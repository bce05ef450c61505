"""Batch throughput: docs/s and pages/s for TXT, DOCX and PDF, the corpus replicated to N documents, at
-j1 and -j2; the PDF pipeline against raw pdfplumber extract_text() over the same PDFs in the same run;
peak RSS of the batch process at two sizes. Writes benchmarks/results-batch.md. Not part of CI.

    .venv/bin/python benchmarks/bench_batch.py [--docs 1000] [--small 100]
"""
from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


def replicate(fmt: str, n: int, dest: Path) -> list[Path]:
    folder = {"txt": CORPUS / "seeds", "docx": CORPUS / "docx", "pdf": CORPUS / "pdf"}[fmt]
    sources = sorted(p for p in folder.glob(f"*.{fmt}") if not p.name.startswith("002_"))
    dest.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        src = sources[i % len(sources)]
        p = dest / f"{i:05d}_{src.name}"
        shutil.copy(src, p)
        out.append(p)
    return out


def pages(paths: list[Path]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for p in paths:
        if p.suffix == ".pdf":
            doc = pdfium.PdfDocument(str(p))
            total += len(doc)
            doc.close()
    return total


def run_batch(folder: Path, jobs: int) -> tuple[float, int]:
    """Wall time and peak RSS (KiB, largest process of the run) of one fresh batch."""
    out = Path(tempfile.mkdtemp())
    t = time.perf_counter()
    subprocess.run([str(ROOT / ".venv" / "bin" / "planparse"), "batch", str(folder), "--out", str(out), "-j", str(jobs)],
                   capture_output=True, check=False)
    wall = time.perf_counter() - t
    shutil.rmtree(out, ignore_errors=True)
    return wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def rss_of(folder: Path) -> int:
    """Peak RSS of a batch run in a fresh interpreter (so earlier runs do not count)."""
    code = ("import resource,subprocess,sys,tempfile;"
            f"subprocess.run([{str(ROOT / '.venv' / 'bin' / 'planparse')!r},'batch',{str(folder)!r},'--out',tempfile.mkdtemp(),'-j','1'],"
            "capture_output=True);print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return int(r.stdout.strip() or 0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--small", type=int, default=100)
    args = ap.parse_args()
    lines = [f"# Batch benchmark ({args.docs} documents per format)", "",
             "| format | -j | docs/s | pages/s | wall s |", "|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for fmt in ("txt", "docx", "pdf"):
            paths = replicate(fmt, args.docs, tmp / fmt)
            n_pages = pages(paths)
            for jobs in (1, 2):
                wall, _ = run_batch(tmp / fmt, jobs)
                pps = f"{n_pages / wall:.1f}" if n_pages else "–"
                lines.append(f"| {fmt} | {jobs} | {args.docs / wall:.1f} | {pps} | {wall:.1f} |")
                print(lines[-1], flush=True)
        import pdfplumber

        pdfs = sorted((tmp / "pdf").glob("*.pdf"))
        t = time.perf_counter()
        for p in pdfs:
            with pdfplumber.open(str(p)) as doc:
                for page in doc.pages:
                    page.extract_text()
        raw = time.perf_counter() - t
        wall1, _ = run_batch(tmp / "pdf", 1)
        lines += ["", f"Raw pdfplumber extract_text over the same {len(pdfs)} PDFs: {raw:.1f} s; "
                      f"full planparse batch -j1: {wall1:.1f} s (ratio {raw / wall1:.2f}×)."]
        replicate("pdf", args.small, tmp / "small")
        rss_small, rss_big = rss_of(tmp / "small"), rss_of(tmp / "pdf")
        lines += [f"Peak RSS, batch -j1: {args.small} PDFs {rss_small / 1024:.0f} MiB, {args.docs} PDFs {rss_big / 1024:.0f} MiB."]
    text = "\n".join(lines) + "\n"
    (ROOT / "benchmarks" / "results-batch.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
