"""One reader per format behind one interface: `read_document(path) -> Document`."""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import CorruptFile, EmptyFile, MissingFile, PlanParseError, UnsupportedFormat
from ..models import Document

TEXT_EXT = (".txt", ".md", ".markdown", ".text")
MARKDOWN_EXT = (".md", ".markdown")
IMAGE_EXT = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")


def read_document(path: str | Path) -> Document:
    path = str(path)
    if not os.path.exists(path):
        raise MissingFile(path)
    if os.path.isdir(path):
        raise UnsupportedFormat(path, "is a directory")
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError as e:
        raise CorruptFile(path, e.strerror or "cannot open") from e
    if size == 0:
        raise EmptyFile(path)
    low = path.lower()
    if head.startswith(b"%PDF") or low.endswith(".pdf"):
        from .pdf import read_pdf
        return read_pdf(path)
    if low.endswith((".docx", ".docm")) or (head.startswith(b"PK") and not low.endswith(TEXT_EXT)):
        from .docx import read_docx
        return read_docx(path)
    if low.endswith(".doc") and head.startswith(b"\xd0\xcf\x11\xe0"):
        from .doc import read_doc
        return read_doc(path)
    if low.endswith(IMAGE_EXT):
        from .ocr import read_image
        return read_image(path)
    if low.endswith(MARKDOWN_EXT):
        from .markdown import read_markdown
        return read_markdown(path)
    if low.endswith(TEXT_EXT) or not os.path.splitext(low)[1]:
        return _read_plain_text(path)
    if low.endswith((".doc", ".htm", ".html", ".rtf")):
        raise UnsupportedFormat(path, "only .txt/.md, .docx and .pdf are read")
    raise UnsupportedFormat(path)


def _read_plain_text(path: str) -> Document:
    """A .txt goes to the text reader (hard wraps, OCR, blank lines that mean nothing), unless it holds
    the tables of a web transcription, which only the Markdown reader can read."""
    from .markdown import looks_like_transcription, read_markdown
    from .text import decode_bytes, read_text

    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise CorruptFile(path, e.strerror or "cannot open") from e
    if data.strip() and looks_like_transcription(decode_bytes(data, path)):
        return read_markdown(path, data)
    return read_text(path, data)


__all__ = ["read_document", "PlanParseError"]
