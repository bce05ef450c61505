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
from ..text import fold_ws, nfc
from .lines import Line, join_lines
from .spilled import find_spilled_table, parse_spilled_table, parse_spilled_task_table

_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
_MD_EMPH = re.compile(r"\*{2,}|_{2,}|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_MD_BULLET = re.compile(r"^\s*[*]\s+")
_HTML_TAG = re.compile(r"</?(?:b|i|u|em|strong|br|span|p)\b[^>]*>", re.IGNORECASE)


def decode_bytes(data: bytes, path: str) -> str:
    """Bytes -> str: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1258."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise CorruptFile(path, "bad UTF-16") from e
    if data.count(b"\x00") > len(data) // 10:
        raise CorruptFile(path, "binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return data.decode("cp1258", errors="replace")


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


def read_text_file(path: str | Path, data: bytes | None = None) -> str:
    """A text file's content as NFC text with "\\n" line ends; an empty file is an error, not a plan."""
    path = str(path)
    if data is None:
        data = Path(path).read_bytes()
    if not data.strip():
        raise EmptyFile(path)
    return nfc(decode_bytes(data, path)).replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: str | Path, data: bytes | None = None) -> Document:
    path = str(path)
    text = read_text_file(path, data)
    fmt = "markdown" if path.lower().endswith((".md", ".markdown")) or re.search(r"^#{1,6} |\*\*", text, re.M) else "text"
    return text_to_document(text, path, fmt)


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
        if not cleaned.strip():
            lines.append(Line(text="", start=start, end=start + len(raw), lineno=lineno, page=page, blank=True))
            continue
        lines.append(Line(text=cleaned.strip(), start=start, end=start + len(raw), lineno=lineno, page=page, heading=heading,
                          hard_break=raw.endswith("  ")))
    if fmt == "markdown":
        for prev, ln in zip(lines, lines[1:]):
            ln.blank_before = prev.blank
    blocks = lines_to_blocks(lines)
    return Document(source=source, format=fmt, blocks=blocks)


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
    # a printed line is mostly a wrap; lines are kept apart only when each is a person's name ("Vũ Việt Linh")
    names = len(lines) > 1 and all(_PERSON.fullmatch(ln.strip()) for ln in lines)
    return Cell(text=fold_ws(text), merged_above=merged, lines=lines if names else None)


_PERSON = re.compile(r"(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]+\s+){1,4}[A-ZĐÀ-Ỹ][a-zđà-ỹ]+")


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
