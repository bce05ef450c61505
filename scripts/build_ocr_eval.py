"""Make the repair evaluation set: documents whose text is known, OCR'd without Vietnamese.

For each clean corpus PDF (and each ../shared/real document with a text layer, DOCX converted to PDF
with LibreOffice), render every page to an image (pypdfium2, 200 dpi) and OCR it with
`tesseract -l eng`, which drops Vietnamese marks much as seed 002's scanner did. The page's own text
layer is the reference. Writes corpus/ocr-eng/<name>.ocr.txt and <name>.ref.txt, committed so that
`planparse eval-repair` needs neither Tesseract nor LibreOffice.

    python scripts/build_ocr_eval.py [--real ../shared/real/lam-dong] [--max-pages 6]
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "corpus" / "ocr-eng"


def page_texts_and_images(pdf: Path, tmp: Path, max_pages: int) -> list[tuple[str, Path]]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    out = []
    for i in range(min(len(doc), max_pages)):
        page = doc[i]
        text = page.get_textpage().get_text_range().replace("\r\n", "\n").replace("\x02", "").replace("\ufffe", "")
        img = tmp / f"{pdf.stem}-{i}.png"
        page.render(scale=200 / 72).to_pil().convert("L").save(img)
        out.append((unicodedata.normalize("NFC", text), img))
    doc.close()
    return out


def ocr(img: Path) -> str:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    r = subprocess.run(["tesseract", str(img), "-", "-l", "eng"], capture_output=True, text=True, env=env, timeout=120)
    return unicodedata.normalize("NFC", r.stdout)


def to_pdf(docx: Path, tmp: Path) -> Path | None:
    profile = tmp / "lo-profile"
    r = subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(tmp), str(docx)], capture_output=True, timeout=180)
    pdf = tmp / (docx.stem + ".pdf")
    return pdf if r.returncode == 0 and pdf.exists() else None


def slug(name: str) -> str:
    s = unicodedata.normalize("NFD", name)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").replace("đ", "d").replace("Đ", "D")
    return re.sub(r"[^A-Za-z0-9]+", "-", s).strip("-").lower()[:60]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--real", default=str(ROOT.parent / "shared" / "real" / "lam-dong"))
    ap.add_argument("--max-pages", type=int, default=6)
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    sources: list[Path] = sorted((ROOT / "corpus" / "pdf").glob("*.pdf"))
    real = Path(args.real)
    if real.is_dir():
        sources += sorted(p for p in real.iterdir() if p.suffix.lower() in (".pdf", ".docx"))
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for src in sources:
            pdf = to_pdf(src, tmp) if src.suffix.lower() == ".docx" else src
            if pdf is None:
                print("skip (conversion failed):", src.name)
                continue
            pages = page_texts_and_images(pdf, tmp, args.max_pages)
            ref = "\n".join(t for t, _ in pages)
            if len(re.findall(r"\w+", ref)) < 50:
                print("skip (no text layer):", src.name)
                continue
            hyp = "\n".join(ocr(img) for _, img in pages)
            name = slug(src.stem) if src.parent != ROOT / "corpus" / "pdf" else src.stem
            (OUT / f"{name}.ref.txt").write_text(ref, encoding="utf-8")
            (OUT / f"{name}.ocr.txt").write_text(hyp, encoding="utf-8")
            print("wrote", name, len(pages), "pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
