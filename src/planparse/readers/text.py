"""TXT / Markdown reader: source lines -> paragraph and table-row blocks.

Text extractions of plans are hard-wrapped, often with a blank line between every line of one
sentence, so blank lines cannot mark paragraphs. A line starts a new paragraph when it carries an
outline label, is a heading, or follows a line that visibly ended one (terminal punctuation on a
short line, or a short unpunctuated heading line followed by a capital).
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import CorruptFile, EmptyFile
from ..models import Block, Cell, Document
from ..text import fold_ws, nfc, vi
from .files import read_limited
from .lines import Line, check_lines, is_lone_pipe, join_lines, rejoined, wrapped_heading_lines
from .spilled import find_spilled_table, parse_spilled_table, parse_spilled_task_table

_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
_MD_EMPH = re.compile(r"\*{2,}|_{2,}|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_MD_BULLET = re.compile(r"^\s*[*]\s+")
_HTML_TAG = re.compile(r"</?(?:b|i|u|em|strong|br|span|p)\b[^>]*>", re.IGNORECASE)


LEGACY_CODEC = "cp1258"
_LINE_BREAK = re.compile(rb"(\r\n?|\n)")


def decode_bytes(data: bytes, path: str) -> str:
    """Bytes -> str: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1258 (line by line
    in a UTF-8 file with some Windows-1258 lines)."""
    return decode(data, path)[0]


def decode(data: bytes, path: str) -> tuple[str, int]:
    """The text and how many of its lines were decoded as Windows-1258 while the rest is UTF-8.

    A file that is not UTF-8 as a whole but has UTF-8 lines with letters beyond ASCII is UTF-8 with a
    few lines pasted from a Windows-1258 (or cp1252/latin-1) source: only the lines that are not UTF-8
    are decoded as Windows-1258. A file without such lines is Windows-1258 throughout, as before."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), 0
        except UnicodeDecodeError as e:
            raise CorruptFile(path, "bad UTF-16") from e
    if data.count(b"\x00") > len(data) // 10:
        raise CorruptFile(path, "binary data, not text")
    try:
        return data.decode("utf-8"), 0
    except UnicodeDecodeError:
        pass
    pieces = _LINE_BREAK.split(data)  # lines at even places, their line breaks between
    out: list[str] = []
    legacy = 0
    utf8_letters = False
    for k, piece in enumerate(pieces):
        if k % 2:
            out.append(piece.decode("ascii"))
            continue
        try:
            out.append(piece.decode("utf-8"))
            utf8_letters = utf8_letters or not piece.isascii()
        except UnicodeDecodeError:
            out.append(piece.decode(LEGACY_CODEC, errors="replace"))
            legacy += 1
    if not utf8_letters:
        return data.decode(LEGACY_CODEC, errors="replace"), 0
    return "".join(out), legacy


def _clean_markup(s: str) -> tuple[str, bool]:
    """Strip markdown/HTML emphasis; return (text, was_heading)."""
    heading = False
    m = _MD_HEADING.match(s)
    if m:
        heading = True
        s = s[m.end():]
    s = _HTML_TAG.sub("", s)
    s = _MD_BULLET.sub("- ", s)
    s = _MD_EMPH.sub("", s)
    s = s.replace("\\.", ".").replace("\\-", "-").replace("\\*", "*")
    return s, heading


def load_text(path: str | Path, data: bytes | None = None) -> tuple[str, list[str]]:
    """A text file's content as NFC text with "\\n" line ends, and the warnings reading it gave.
    An empty file is an error, not a plan; so are a file, a line or a count of lines over the limits."""
    path = str(path)
    if data is None:
        data = read_limited(path)
    if not data.strip():
        raise EmptyFile(path)
    text, legacy = decode(data, path)
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    check_lines(text, path)
    warnings = [f"{legacy} line{'s' if legacy != 1 else ''} decoded as {LEGACY_CODEC}, the rest as UTF-8"] if legacy else []
    return text, warnings


def read_text_file(path: str | Path, data: bytes | None = None) -> str:
    """A text file's content as NFC text with "\\n" line ends (`load_text` without its warnings)."""
    return load_text(path, data)[0]


def read_text(path: str | Path, data: bytes | None = None) -> Document:
    path = str(path)
    text, warnings = load_text(path, data)
    return text_file_document(text, path, warnings)


def text_file_document(text: str, path: str, warnings: list[str] | None = None) -> Document:
    """The document of a text file's decoded content: Markdown when its name or its markup says so."""
    fmt = "markdown" if path.lower().endswith((".md", ".markdown")) or re.search(r"^#{1,6} |\*\*", text, re.M) else "text"
    return with_warnings(text_to_document(text, path, fmt), warnings)


def with_warnings(doc: Document, warnings: list[str] | None) -> Document:
    return doc.model_copy(update={"warnings": doc.warnings + warnings}) if warnings else doc


# a page's number as printed at its head or foot: "- 3 -", "– 12 –", "Trang 2", "Trang 2/10", "Page 3 of 9" (a bare
# number is not: it may be a table's row number the copy spilled one cell a line)
PAGE_FURNITURE = re.compile(r"^\s*(?:[-–—]\s*\d{1,3}\s*[-–—]|(?:trang|page)\s+\d{1,3}(?:\s*(?:/|của|trên|of)\s*\d{1,3})?)\s*$",
                            re.I)


def text_to_document(text: str, source: str, fmt: str = "text", page: int | None = None) -> Document:
    if fmt == "markdown":
        from .markdown import MARKDOWN_EXT, looks_like_transcription, markdown_to_document

        if source.lower().endswith(MARKDOWN_EXT) or looks_like_transcription(text):
            return markdown_to_document(text, source)  # e.g. a transcription read again after repair
    lines: list[Line] = []
    offset = 0
    for lineno, raw in enumerate(text.split("\n"), start=1):
        start = offset
        offset += len(raw) + 1
        cleaned, heading = _clean_markup(raw)
        if "\t" in cleaned and cleaned.strip():
            cells = [fold_ws(c) for c in cleaned.split("\t")]
            lines.append(Line(text="\t".join(cells), start=start, end=start + len(raw), lineno=lineno, page=page, cells=cells))
            continue
        if not cleaned.strip() or fmt == "text" and PAGE_FURNITURE.match(cleaned):
            # ("- 3 -", "Trang 2/3": a page's number a copy from a PDF left among the lines, not text)
            lines.append(Line(text="", start=start, end=start + len(raw), lineno=lineno, page=page, blank=True))
            continue
        lines.append(Line(text=cleaned.strip(), start=start, end=start + len(raw), lineno=lineno, page=page, heading=heading,
                          hard_break=raw.endswith("  ")))
    if fmt == "markdown":
        for prev, ln in zip(lines, lines[1:]):
            ln.blank_before = prev.blank
    blocks = lines_to_blocks(_heading_cells_rejoined(lines))
    return Document(source=source, format=fmt, blocks=blocks)


def _heading_cells_rejoined(lines: list[Line]) -> list[Line]:
    """The heading of a page saved as text (see `wrapped_heading_lines`): each wrapped line goes on the next, offsets
    still the source's, and the "|" lines parting the cells before the document-type line are dropped."""
    wrapped, kind = wrapped_heading_lines([ln.text for ln in lines])
    if not kind:
        return lines
    joined = rejoined(lines, wrapped, lambda a, b: Line(text=f"{a.text} {b.text}", start=a.start, end=b.end,
                                                         lineno=a.lineno, page=a.page, heading=a.heading))
    return [ln for ln in joined if not (ln.lineno < lines[kind].lineno and is_lone_pipe(ln.text))]


def lines_to_blocks(lines: list[Line], id_prefix: str = "b") -> list[Block]:
    """Group lines into tables (tab-separated or spilled) and joined paragraphs."""
    blocks: list[Block] = []
    table_index = 0
    i = 0
    pending: list[Line] = []

    def flush() -> None:
        for para in join_lines(pending):
            blocks.append(_para_block(para, f"{id_prefix}{len(blocks)}"))
        pending.clear()

    while i < len(lines):
        ln = lines[i]
        if ln.cells is not None:
            flush()
            while i < len(lines) and (lines[i].cells is not None or lines[i].blank):
                if lines[i].cells is not None:
                    lr = lines[i]
                    blocks.append(Block(id=f"{id_prefix}{len(blocks)}", kind="row",
                                        text=" | ".join(fold_ws(c.replace("\x00", "").lstrip("\x01")) for c in lr.cells),
                                        cells=[_cell(c) for c in lr.cells],
                                        table=table_index,
                                        page=lr.page, line=lr.lineno, start=lr.start, end=lr.end))
                i += 1
            table_index += 1
            continue
        spill = find_spilled_table(lines, i)
        if spill is not None:
            flush()
            if "task" in spill.roles:
                end, rows = parse_spilled_task_table(lines, spill)
            else:
                end, rows = parse_spilled_table(lines, i, spill)
            for cells, first in rows:
                blocks.append(Block(id=f"{id_prefix}{len(blocks)}", kind="row", text=" | ".join(cells),
                                    cells=[Cell(text=c) for c in cells], table=table_index,
                                    page=first.page, line=first.lineno, start=first.start, end=first.end))
            table_index += 1
            i = end
            continue
        pending.append(ln)
        i += 1
    flush()
    return blocks


def _cell(c: str) -> Cell:
    """A reader's cell string: "\\x00" covered by the cell on its left, "\\x01" + text merged with the one above."""
    if c == "\x00":
        return Cell(text="", span=0)
    merged = c.startswith("\x01")
    text = c[1:] if merged else c
    lines = [ln for ln in text.split("\n") if ln.strip()]
    # a printed line is mostly a wrap; lines are kept apart only when each is a person's name ("Vũ Việt Linh"), read
    # without a mark OCR left between its words from a rule or a speck ("Nguyễn - Thị Loan")
    if len(lines) > 1:
        names = [_STRAY_MARK.sub(" ", ln).strip() for ln in lines]
        if all(_PERSON.fullmatch(n) for n in names):
            return Cell(text=fold_ws(" ".join(names)), merged_above=merged, lines=names)
    return Cell(text=fold_ws(text), merged_above=merged)


_STRAY_MARK = re.compile(r"(?<=\w)\s+[-–—_|~¬=›:;,.'\"]+\s+(?=\w)")


# a person's name: capitalised words, or one middle word printed small among three or more ("Nguyễn Thị thúy Nhung")
_PERSON = re.compile(vi(r"(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]+\s+){1,4}[A-ZĐÀ-Ỹ][a-zđà-ỹ]+"
                     r"|[A-ZĐÀ-Ỹ][a-zđà-ỹ]+\s+(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]+\s+)?[a-zđà-ỹ]+\s+[A-ZĐÀ-Ỹ][a-zđà-ỹ]+"))


def _para_block(para: list[Line], bid: str) -> Block:
    text = para[0].text
    for prev, ln in zip(para, para[1:]):
        if prev.text.endswith("-") and re.search(r"https?://\S*-$", prev.text):
            text += ln.text  # a URL broken at its hyphen
        else:
            text += " " + ln.text
    text = fold_ws(text)
    kind = "heading" if para[0].heading else "paragraph"
    return Block(id=bid, kind=kind, text=text, page=para[0].page, line=para[0].lineno,
                 start=para[0].start, end=para[-1].end)
