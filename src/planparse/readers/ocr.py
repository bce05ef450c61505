"""Scans: page images read with Tesseract (`-l vie`, Debian packages tesseract-ocr, tesseract-ocr-vie)."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path
from typing import Optional

from ..errors import CorruptFile, NoText
from ..models import Document
from .lines import Line
from .text import lines_to_blocks

OCR_TIMEOUT_S = 120
RENDER_DPI = 300


def tesseract() -> Optional[str]:
    return shutil.which("tesseract")


def ocr_image(image: Path, lang: str = "vie") -> str:
    """Text of one image. One thread: as fast per page here, and the batch runs pages in parallel."""
    exe = tesseract()
    if exe is None:
        raise FileNotFoundError("tesseract")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    r = subprocess.run([exe, str(image), "-", "-l", lang], capture_output=True, env=env, timeout=OCR_TIMEOUT_S)
    err = r.stderr.decode("utf-8", errors="replace").strip()
    if r.returncode != 0:
        raise RuntimeError(err.splitlines()[-1] if err else "tesseract failed")
    return unicodedata.normalize("NFC", r.stdout.decode("utf-8", errors="replace"))


def ocr_pdf_page(page, lang: str = "vie") -> str:
    """Render a pypdfium2 page and OCR it."""
    with tempfile.TemporaryDirectory() as tmp:
        img = Path(tmp) / "page.png"
        page.render(scale=RENDER_DPI / 72).to_pil().convert("L").save(img)
        return ocr_image(img, lang)


def read_image(path: str | Path) -> Document:
    path = str(path)
    if tesseract() is None:
        raise NoText(path, "an image; install tesseract-ocr and tesseract-ocr-vie to read scans")
    try:
        text = ocr_image(Path(path))
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        raise CorruptFile(path, f"OCR failed: {e}") from e
    if not text.strip():
        raise NoText(path, "OCR found no text")
    lines = [Line(text=t.strip(), start=0, end=len(t), lineno=k + 1, page=1, blank=not t.strip())
             for k, t in enumerate(text.split("\n"))]
    return Document(source=path, format="pdf", pages=1, blocks=lines_to_blocks(lines),
                    warnings=["read by OCR (tesseract -l vie)"])
