"""One reader per format behind one interface: `read_document(path) -> Document`."""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import CorruptFile, EmptyFile, PlanParseError, UnsupportedFormat
from ..models import Document
from .files import open_regular, read_limited

TEXT_EXT = (".txt", ".md", ".markdown", ".text")
MARKDOWN_EXT = (".md", ".markdown")
IMAGE_EXT = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")
CONVERTED_EXT = (".odt", ".rtf")  # converted by LibreOffice, as a .doc is
DOCUMENT_EXT = TEXT_EXT + IMAGE_EXT + (".pdf", ".docx", ".docm", ".doc") + CONVERTED_EXT  # every extension a reader takes


def read_document(path: str | Path) -> Document:
    path = str(path)
    with open_regular(path) as f:  # a pipe, device or socket is refused before it is opened
        size = os.fstat(f.fileno()).st_size
        try:
            head = f.read(8)
        except OSError as e:
            raise CorruptFile(path, e.strerror or "cannot read") from e
    if size == 0:
        raise EmptyFile(path)
    low = path.lower()
    if head.startswith(b"%PDF") or low.endswith(".pdf"):
        from .pdf import read_pdf
        return read_pdf(path)
    if low.endswith(".odt") and head.startswith(b"PK") or low.endswith(".rtf") and head.startswith(b"{\\rtf"):
        from .doc import read_doc
        return read_doc(path)
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
        raise UnsupportedFormat(path, "only .txt/.md, .docx, .doc, .odt, .rtf and .pdf are read")
    raise UnsupportedFormat(path)


def suffix_for_content(head: bytes) -> str:
    """The file name ending that bytes with no name of their own (standard input) are read as."""
    if head.startswith(b"%PDF"):
        return ".pdf"
    if head.startswith(b"PK"):
        return ".docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return ".doc"
    if head.startswith(b"{\\rtf"):
        return ".rtf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff")):
        return ".png" if head.startswith(b"\x89PNG") else ".jpg"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return ".tif"
    return ".txt"  # a transcription with Markdown tables is told apart from plain text by its content


def _read_plain_text(path: str) -> Document:
    """A .txt goes to the text reader (hard wraps, OCR, blank lines that mean nothing), unless it holds
    the tables of a web transcription, which only the Markdown reader can read."""
    from .markdown import looks_like_transcription, markdown_to_document
    from .text import load_text, text_file_document, with_warnings

    text, warnings = load_text(path, read_limited(path))  # decoded once, for the choice and the reader
    if looks_like_transcription(text):
        return with_warnings(markdown_to_document(text, path), warnings)
    return text_file_document(text, path, warnings)


__all__ = ["read_document", "PlanParseError"]
