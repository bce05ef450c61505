"""Markdown web transcriptions of plans -> the blocks a DOCX of the same plan gives.

Transcriptions made from the web pages of plans share a layout that a plain text reader cannot see:

- tables are written one cell at a time: a line holding only "|" opens each cell, the cell's lines
  follow, and the row ends with one more "|" line, so the "|" closing a row and the "|" opening the
  next stand on consecutive lines, exactly like an empty cell. Which of the two each pair is follows
  from the widths of the rows (`_row_breaks`). A row of one cell spans the table (a group row), and
  a cell keeps its paragraphs as `lines`, as DOCX reports them. GFM pipe tables are read too;
- paragraphs are separated by blank lines and hard-wrapped inside sentences (lines join with a
  space); a label alone ("**1.**") and the text after it, or a sentence going on in lower case after a
  blank line, are one paragraph;
- bold and italic markers are split over lines, doubled or left open (`**1.\nCông tác ...**`,
  `**6.****`, `vi:**** **Toàn bộ`), so every unescaped `*` is read as a toggle, never as text; a
  paragraph is bold when all its letters are;
- footnote references are glued to words ("quan[1];") and their texts follow the signature. Like the
  DOCX reader, which reads the body and not the footnotes part, both are left out of the blocks.

Each block keeps its first source line and the offsets of its first and last source characters.
A document without blank lines between paragraphs (a page scrape) has its lines joined by the text
reader's rules, and the body text found between its "|" lines is cut out of its tables.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ..labels import parse_label
from ..models import Block, Cell, Document
from ..text import fold_ws
from .lines import LONE_PIPE as _PIPE_LINE, RULE_LINE as _RULE_LINE, Line, join_lines, rejoined, wrapped_heading_lines

MARKDOWN_EXT = (".md", ".markdown")

_ATX = re.compile(r"^\s{0,3}(#{1,6})(?:\s+|$)")
_ATX_CLOSE = re.compile(r"(?:^|\s+)#+\s*$")
# "Số: 130/KH-UBND | Ninh Bình, ngày 13 tháng 7 năm 2022 |": a table row of a page export, cells parted by "|"
# and closed by one, with no delimiter row under it
_GFM_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_BULLET_START = re.compile(r"^\s*[*+]\s+(?=\S)")
_FOOTNOTE_MARK = re.compile(r"\[\^?(\d{1,3})\]")
_FOOTNOTE_DEF = re.compile(r"^\s*[*_]*\s*\[\^?(\d{1,3})\]:?")
_INLINE_TAG = re.compile(r"<(/?)(b|strong|i|em|u|span|p|sup|sub|font|div|br)\b[^>]*?/?>", re.I)
_ESCAPABLE = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_TERMINAL = re.compile(r"[.;:!?][\"”)\]]*$")
_LABEL_ONLY = re.compile(r"^(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2}){0,4}|[a-zđ])[.)]$")
_PARAGRAPH_LABEL = re.compile(r"^(?:[IVX]{1,5}|\d{1,2})\.\s")
_ROW_LABEL = re.compile(r"^(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2}){1,3})\.?$")


@dataclass(frozen=True)
class MarkdownSettings:
    """What the layout of a "|" table costs (`_layout`) and when a document is a page scrape."""

    short_row: int = 1  # a row with fewer cells than the table's width
    extra_cell: int = 2  # each cell of a row beyond the width
    empty_cell: int = 1
    empty_row: int = 3  # a row whose cells are all empty, on top of its cells
    label_inside: int = 2  # a group label ("II", "1.2") that is not its row's first cell
    widths_around: int = 3  # widths tried each side of the longest run of cells that repeats
    lines_per_blank_run: int = 25  # fewer runs of blank lines than one per this many lines: a scrape
    body_gap_lines: int = 40  # in a scrape, text between "|" lines this long is body text


SETTINGS = MarkdownSettings()


@dataclass
class _Line:
    raw: str
    start: int
    end: int
    lineno: int

    @property
    def blank(self) -> bool:
        return not self.raw.strip()


@dataclass
class _Part:
    """A stretch of source lines read as one thing: a paragraph, a heading, or a table."""

    kind: str  # "para", "heading", "pipe", "gfm", "bare" (rows without a delimiter row), "html" (a <table>), "grid"
    lines: list[_Line]
    rows: list[list[list[_Line]]] = field(default_factory=list)  # pipe tables: rows of cells of lines
    width: int = 0  # pipe tables: the number of columns


_TableRow = tuple[list[Cell], _Line, _Line]  # cells, first and last source line


@dataclass
class _Inline:
    text: str
    bold: bool
    open_at_breaks: list[bool] = field(default_factory=list)  # emphasis still open at each line break


def looks_like_transcription(text: str) -> bool:
    """A .txt that holds the transcription's tables (cells opened by lines holding only "|", a GFM table, a
    pandoc grid table, or one left in HTML) is a web transcription: the text reader cannot read those tables."""
    lines = text.split("\n")
    pipes = [i for i, ln in enumerate(lines) if _PIPE_LINE.match(ln)]
    if len(pipes) >= 4 and any(b - a == 1 for a, b in zip(pipes, pipes[1:])):
        return True
    if any(_gfm_header(row, nxt) for row, nxt in zip(lines, lines[1:])):
        return True
    if any(_GRID_BORDER.match(a) and b.lstrip().startswith("|") for a, b in zip(lines, lines[1:])):
        return True  # a pandoc grid table
    opens = [i for i, ln in enumerate(lines) if _HTML_TABLE_OPEN.match(ln)]
    if opens and _HTML_TABLE_CLOSE.search("\n".join(lines[opens[0]:opens[0] + HTML_TABLE_LINES])):
        return True  # a table left in HTML
    return sum(_bare_row(ln) and "|" in ln.strip()[:-1] for ln in lines[:40]) >= 2  # a page export's heading rows


def read_markdown(path: str | Path, data: Optional[bytes] = None) -> Document:
    from .text import load_text, with_warnings

    text, warnings = load_text(path, data)
    return with_warnings(markdown_to_document(text, str(path)), warnings)


def markdown_to_document(text: str, source: str) -> Document:
    lines = _heading_cells_rejoined(_source_lines(text))
    footnotes, notes_from, notes_to = _footnotes(lines)
    body = lines[:notes_from] + lines[notes_to:]
    blank_separated = _blank_separated(body)
    parts = _parts(body, blank_separated)
    if not blank_separated:
        parts = _split_paragraphs_blankless(parts)
    return Document(source=source, format="markdown", blocks=_blocks(_join_paragraphs(parts), footnotes))


def _heading_cells_rejoined(lines: list[_Line]) -> list[_Line]:
    """The heading of a page saved as Markdown (see `wrapped_heading_lines`): each wrapped line goes on the next,
    offsets still the source's; the "|" lines stay, as they part the heading table's cells."""
    return rejoined(lines, wrapped_heading_lines([ln.raw for ln in lines])[0],
                    lambda a, b: _Line(raw=f"{a.raw.strip()} {b.raw.strip()}", start=a.start, end=b.end, lineno=a.lineno))


def _join_paragraphs(parts: list[_Part]) -> list[_Part]:
    """Paragraphs a blank line split that Word prints as one: an outline label alone ("**1.**") and
    its heading's text after it; a sentence that goes on in lower case after a blank line ("các cơ
    quan, đơn vị, địa phương" / "liên quan.")."""
    out: list[_Part] = []
    for part in parts:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == part.kind == "para" and _continues_paragraph(prev, part):
            out[-1] = _Part("para", prev.lines + part.lines)
        else:
            out.append(part)
    return out


def _continues_paragraph(prev: _Part, part: _Part) -> bool:
    before, this = _plain(_raw(prev)), _plain(_raw(part))
    if not before or not this:
        return False
    if _LABEL_ONLY.match(before):
        return not _LABEL_ONLY.match(this)
    return this[0].islower() and parse_label(this)[0] is None and not _TERMINAL.search(before)


def _raw(part: _Part) -> str:
    return "\n".join(ln.raw for ln in part.lines)


def _blocks(parts: list[_Part], footnotes: set[str]) -> list[Block]:
    blocks: list[Block] = []
    table_index = 0
    for part in parts:
        if part.kind in ("pipe", "gfm", "bare", "html", "grid"):
            rows = _pipe_table(part.rows, part.width, footnotes) if part.kind == "pipe" \
                else html_table(part.lines, footnotes) if part.kind == "html" \
                else grid_table(part.lines, footnotes) if part.kind == "grid" \
                else _gfm_table(part.lines, footnotes, delimiter=part.kind == "gfm")
            for cells, first, last in rows:
                blocks.append(Block(id=f"b{len(blocks)}", kind="row", text=" | ".join(c.text for c in cells),
                                    cells=cells, table=table_index, line=first.lineno, start=first.start,
                                    end=last.end))
            table_index += 1 if rows else 0
            continue
        raw = "\n".join(_strip_heading(ln.raw) if part.kind == "heading" else ln.raw for ln in part.lines)
        inline = _inline(raw, footnotes)
        if inline.text:
            first, last = part.lines[0], part.lines[-1]
            blocks.append(Block(id=f"b{len(blocks)}", kind="heading" if part.kind == "heading" else "paragraph",
                                text=inline.text, bold=inline.bold, line=first.lineno, start=first.start,
                                end=last.end))
    return blocks


# ------------------------------------------------------------------------------------------ lines
def _source_lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    offset = 0
    for lineno, raw in enumerate(text.split("\n"), start=1):
        out.append(_Line(raw=raw, start=offset, end=offset + len(raw), lineno=lineno))
        offset += len(raw) + 1
    return out


def _blank_separated(lines: list[_Line]) -> bool:
    """Blank lines separate paragraphs unless the document has almost none between its lines (a
    page scrape): fewer than one run of blank lines in `lines_per_blank_run` lines of text."""
    filled = [i for i, ln in enumerate(lines) if not ln.blank]
    if not filled:
        return True
    inner = lines[filled[0]:filled[-1] + 1]
    runs = sum(1 for prev, ln in zip(inner, inner[1:]) if ln.blank and not prev.blank)
    content = sum(1 for ln in inner if not ln.blank and not _PIPE_LINE.match(ln.raw))
    return runs >= 1 and runs * SETTINGS.lines_per_blank_run >= content


def _footnotes(lines: list[_Line]) -> tuple[set[str], int, int]:
    """The footnote numbers whose references are left out of the text, and the lines the footnote
    texts take: from the first paragraph that opens with the lowest number referenced above it, to
    the end or to the next table. A reference counts when its footnote text is there or when it is
    glued to a word ("quan[1];"); "danh mục [3]" with no footnote 3 is text."""
    glued = {m.group(1) for ln in lines for m in re.finditer(r"(?<=[\w\"”)*.,;:])\[(\d{1,3})\]", ln.raw)}
    referenced: dict[str, int] = {}
    for i, ln in enumerate(lines):
        head = _FOOTNOTE_DEF.match(ln.raw)
        for m in _FOOTNOTE_MARK.finditer(ln.raw):
            if not (head and m.start() < head.end()):
                referenced.setdefault(m.group(1), i)
    for i, ln in enumerate(lines):
        head = _FOOTNOTE_DEF.match(ln.raw)
        if not head or not _opens_paragraph(lines, i):
            continue
        before = {k for k, at in referenced.items() if at < i}
        if before and head.group(1) == min(before, key=int):
            end = next((j for j in range(i, len(lines)) if _PIPE_LINE.match(lines[j].raw)), len(lines))
            while end < len(lines) and end > i and not lines[end - 1].blank:
                end -= 1  # a table after the notes starts after a blank line
            end = max(end, i + 1)
            defined = {m.group(1) for j in range(i, end) if _opens_paragraph(lines, j)
                       and (m := _FOOTNOTE_DEF.match(lines[j].raw))}
            return (before & defined) | glued, i, end
    return glued, len(lines), len(lines)


def _opens_paragraph(lines: list[_Line], i: int) -> bool:
    return i == 0 or lines[i - 1].blank or bool(_PIPE_LINE.match(lines[i - 1].raw))


def _gfm_header(row: str, delimiter: str) -> bool:
    """A GFM table starts with a header row over a delimiter row of as many cells ("|---|:--:|")."""
    return "|" in row and not _PIPE_LINE.match(row) and "-" in delimiter and bool(_GFM_DELIMITER.match(delimiter)) \
        and len(_split_gfm_row(row)) == len(_split_gfm_row(delimiter))


def _bare_row(raw: str) -> bool:
    """A line closed by an unescaped "|" whose first cell holds text (checked by splitting, not by a regex
    that backtracks over a long line)."""
    line = raw.strip()
    if not line.endswith("|") or line.endswith("\\|"):
        return False
    first = line[1:] if line.startswith("|") else line
    first = first.split("|", 1)[0]
    return any(c not in " \t\\" for c in first)


def _strip_heading(raw: str) -> str:
    m = _ATX.match(raw)
    return _ATX_CLOSE.sub("", raw[m.end():]) if m else raw


# ---------------------------------------------------------------------------------------- parts
def _parts(lines: list[_Line], blank_separated: bool) -> list[_Part]:
    """Cut the lines into paragraphs, ATX headings and tables. A "|" table runs to the last "|" line
    before the next blank line; what follows that line up to the blank is text again."""
    parts: list[_Part] = []
    para: list[_Line] = []
    html_closes: Optional[_HtmlTables] = None

    def flush() -> None:
        if para:
            parts.extend(_Part("para", chunk) for chunk in _split_chunk(list(para), blank_separated))
            para.clear()

    i, n = 0, len(lines)
    while i < n:
        ln = lines[i]
        if ln.blank or _RULE_LINE.match(ln.raw):
            flush()
            i += 1
            continue
        if _PIPE_LINE.match(ln.raw):
            flush()
            last_pipe = j = i
            while j < n and not lines[j].blank:
                if _PIPE_LINE.match(lines[j].raw):
                    last_pipe = j
                j += 1
            for part in _pipe_parts(lines[i:last_pipe + 1], blank_separated):
                parts.extend(_parts(part.lines, blank_separated) if part.kind == "para" else [part])
            i = last_pipe + 1
            continue
        if _GRID_BORDER.match(ln.raw) and ln.raw.count("+") <= GRID_COLUMNS + 1 and i + 1 < n \
                and lines[i + 1].raw.lstrip().startswith("|"):
            flush()  # a pandoc grid table: "+---+---+" borders, "|" lines, a cell's text wrapped inside its column
            j = i + 1
            while j < n and (_GRID_BORDER.match(lines[j].raw) or lines[j].raw.lstrip().startswith("|")):
                j += 1
            parts.append(_Part("grid", lines[i:j]))
            i = j
            continue
        if _HTML_TABLE_OPEN.match(ln.raw) and (end := (html_closes := html_closes or _HtmlTables(lines)).end(i)) is not None:
            flush()  # a table a converter left in HTML (merged cells as colspan / rowspan)
            parts.append(_Part("html", lines[i:end + 1]))
            i = end + 1
            continue
        if i + 1 < n and _gfm_header(ln.raw, lines[i + 1].raw):
            flush()
            j = i + 2
            while j < n and not lines[j].blank and "|" in lines[j].raw and not _PIPE_LINE.match(lines[j].raw):
                j += 1
            parts.append(_Part("gfm", lines[i:j]))
            i = j
            continue
        if _bare_row(ln.raw):
            flush()
            j = i + 1
            while j < n and _bare_row(lines[j].raw):
                j += 1
            parts.append(_Part("bare", lines[i:j]))
            i = j
            continue
        if _ATX.match(ln.raw):
            flush()
            if _strip_heading(ln.raw).strip():
                parts.append(_Part("heading", [ln]))
            i += 1
            continue
        para.append(ln)
        i += 1
    flush()
    return parts


def _split_chunk(chunk: list[_Line], blank_separated: bool) -> list[list[_Line]]:
    """A blank-separated chunk is one paragraph, except that a list item ("- ...", "a) ...") after a
    line that ended a sentence starts a new one (recipient lists, items written without blank lines).
    A dash after an unfinished line is a wrapped "kinh tế - xã hội", not an item."""
    if not blank_separated:
        return [chunk]
    out: list[list[_Line]] = [[chunk[0]]]
    for prev, ln in zip(chunk, chunk[1:]):
        prev_text = _plain(prev.raw)
        this = _plain(ln.raw)
        label, _ = parse_label(this)
        if label is not None and _TERMINAL.search(prev_text):
            out.append([ln])
        else:
            out[-1].append(ln)
    return out


@lru_cache(maxsize=8192)
def _plain(raw: str) -> str:
    """A line's text without its markup (asked of the same line by several layout rules)."""
    return _inline(raw, set()).text


def _split_paragraphs_blankless(parts: list[_Part]) -> list[_Part]:
    """Without blank lines, paragraphs are found by the text reader's line-joining rules; a line that
    is bold from end to end ("**I. MỤC ĐÍCH, YÊU CẦU**") stands alone."""
    out: list[_Part] = []
    for part in parts:
        if part.kind != "para":
            out.append(part)
            continue
        lines: list[Line] = []
        by_start: dict[int, _Line] = {}
        for ln in part.lines:
            cleaned = _plain(ln.raw)
            if not cleaned:
                continue
            stripped = ln.raw.strip()
            whole_bold = stripped.startswith("**") and stripped.endswith("**") and stripped.count("**") == 2
            lines.append(Line(text=cleaned, start=ln.start, end=ln.end, lineno=ln.lineno, heading=whole_bold))
            by_start[ln.start] = ln
        for para in join_lines(lines):
            out.append(_Part("para", [by_start[x.start] for x in para]))
    return out


# ----------------------------------------------------------------------------------- "|" tables
def _gaps(run: list[_Line]) -> list[list[_Line]]:
    """The lines between consecutive "|" lines (none: the two "|" end a row or hold an empty cell)."""
    gaps: list[list[_Line]] = []
    current: Optional[list[_Line]] = None
    for ln in run:
        if _PIPE_LINE.match(ln.raw):
            if current is not None:
                gaps.append(current)
            current = []
        elif current is not None:
            current.append(ln)
    return gaps


def _pipe_parts(run: list[_Line], blank_separated: bool) -> list[_Part]:
    gaps = _gaps(run)
    if not gaps:
        return []
    if blank_separated:
        rows, width = _rows(gaps)
        return [_Part("pipe", run, rows=rows, width=width)]
    return _pipe_parts_blankless(gaps)


def _rows(gaps: list[list[_Line]]) -> tuple[list[list[list[_Line]]], int]:
    """Rows of cells and the table's width. Empty gaps after the last text are "|" lines that close
    nothing (left by the transcription): they are dropped."""
    while gaps and not gaps[-1]:
        gaps = gaps[:-1]
    if not gaps:
        return [], 0
    labels = [bool(g) and bool(_ROW_LABEL.match(_plain(" ".join(ln.raw for ln in g)))) for g in gaps]
    breaks, width = _row_breaks([not g for g in gaps], labels)
    return _rows_at(gaps, breaks), width


def _rows_at(gaps: list[list[_Line]], breaks: set[int]) -> list[list[list[_Line]]]:
    rows: list[list[list[_Line]]] = [[]]
    for i, g in enumerate(gaps):
        if i in breaks:
            rows.append([])
        else:
            rows[-1].append(g)
    return [r for r in rows if r]


def _row_breaks(empty: list[bool], labels: Optional[list[bool]] = None) -> tuple[set[int], int]:
    """Which empty gaps end a row rather than hold an empty cell, and the table's width.

    Widths around the longest run of cells with text that occurs more than once are tried (rows
    longer than the width are allowed, at a cost: one odd row, where the transcription left out a
    row break, must not widen the whole table). The layout kept costs least (see `_layout`), then
    has the narrowest width; at equal cost an empty cell closes a short row ("Ghi chú" left blank)
    rather than opens the next."""
    m = len(empty)
    labels = labels or [False] * m
    runs: list[int] = []
    run = 0
    for e in empty + [True]:
        if e:
            if run:
                runs.append(run)
            run = 0
        else:
            run += 1
    repeated = [r for r in set(runs) if runs.count(r) > 1]
    narrowest = max(repeated) if repeated else max(runs, default=1)
    best: Optional[tuple[int, int, set[int]]] = None
    around = SETTINGS.widths_around
    for width in range(max(1, narrowest - around), min(m, narrowest + around) + 1):
        cost, breaks = _layout(empty, labels, width)
        if best is None or cost < best[0]:
            best = (cost, width, breaks)
    if best is None:
        return set(), m
    return best[2], best[1]


def _layout(empty: list[bool], labels: list[bool], width: int,
            costs: MarkdownSettings = SETTINGS) -> tuple[int, set[int]]:
    """Least-cost layout of the gaps in rows of `width` cells: (cost, breaks), costs as in
    `MarkdownSettings`; at equal cost, more rows (two short rows rather than one through an empty
    cell). The state is the number of cells in the current row so far (0 right after a break, when
    a cell must follow; width + 1 for "more than width") and whether one of them holds text."""
    m = len(empty)
    top = width + 1
    inf = float("inf")

    def closing(k: int, text: int) -> int:  # costs in hundredths; each row earns one back (ties: more rows)
        return 100 * ((costs.short_row if k < width else 0) + (0 if text else costs.empty_row)) - 1

    def adding(i: int, k: int) -> int:
        return 100 * ((costs.empty_cell if empty[i] else 0) + (costs.extra_cell if k >= width else 0)
                      + (costs.label_inside if labels[i] and k > 0 else 0))

    # cost_to_go[i][k][t]: least cost of gaps i.. when the current row has k cells, t: any with text
    cost_to_go = [[[inf, inf] for _ in range(top + 1)] for _ in range(m + 1)]
    for k in range(1, top + 1):
        for t in (0, 1):
            cost_to_go[m][k][t] = closing(k, t)
    for i in range(m - 1, -1, -1):
        here, nxt = cost_to_go[i], cost_to_go[i + 1]
        for k in range(top + 1):
            for t in (0, 1):
                best = nxt[min(k + 1, top)][t or not empty[i]] + adding(i, k)
                if empty[i] and k >= 1 and i > 0:
                    best = min(best, closing(k, t) + nxt[0][0])
                here[k][t] = best
    breaks: set[int] = set()
    k = t = 0
    for i in range(m):
        as_cell = cost_to_go[i + 1][min(k + 1, top)][int(t or not empty[i])] + adding(i, k)
        if as_cell == cost_to_go[i][k][t]:
            k, t = min(k + 1, top), int(t or not empty[i])
        else:
            breaks.add(i)
            k = t = 0
    return int(cost_to_go[0][0][0]), breaks


def _pipe_parts_blankless(gaps: list[list[_Line]]) -> list[_Part]:
    """Without blank lines, text between tables sits between "|" lines too. A gap that reads as body
    text (two or more numbered outline items, an ATX heading, or very long) is text; the gaps between
    such text are tables. A table's first row (up to its first "|" pair) longer than every later row
    holds an earlier one-row table in front of the header (a signature beside the next heading)."""
    out: list[_Part] = []
    table: list[list[_Line]] = []

    def flush_table() -> None:
        if not any(table):
            table.clear()
            return
        first_break = next((k for k, g in enumerate(table) if not g and k > 0), len(table))
        later, later_width = _rows(table[first_break + 1:])
        if 0 < later_width < first_break:
            extra = first_break - later_width
            out.append(_table_part([table[:extra]], extra))
            out.append(_table_part([table[extra:first_break]] + later, later_width))
        else:
            out.append(_table_part(*_rows(table)))
        table.clear()

    for g in gaps:
        if _is_body_text(g):
            flush_table()
            out.append(_Part("para", g))
        else:
            table.append(g)
    flush_table()
    return out


def _table_part(rows: list[list[list[_Line]]], width: int) -> _Part:
    lines = [ln for row in rows for cell in row for ln in cell]
    return _Part("pipe", lines, rows=rows, width=width)


def _is_body_text(gap: list[_Line]) -> bool:
    if len(gap) > SETTINGS.body_gap_lines or any(_ATX.match(ln.raw) for ln in gap):
        return True
    return sum(1 for ln in gap if _PARAGRAPH_LABEL.match(_plain(ln.raw))) >= 2


def _pipe_table(rows: list[list[list[_Line]]], width: int, footnotes: set[str]) -> list[_TableRow]:
    """Rows of cells; a row of one cell in a wider table spans it (a group row, as DOCX reports it)."""
    out: list[_TableRow] = []
    for row in rows:
        cells = [_cell(cell, footnotes) for cell in row]
        if not any(c.text for c in cells):
            continue
        if len(cells) == 1 and width > 1:
            cells = [Cell(text=cells[0].text, span=width)] + [Cell(text="", span=0) for _ in range(width - 1)]
        lines = [ln for cell in row for ln in cell]
        out.append((cells, lines[0], lines[-1]))
    return out


_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)


def _cell(lines: list[_Line], footnotes: set[str]) -> Cell:
    """A cell's text, and its paragraphs as DOCX keeps them (`Cell.lines`) when it has several: a rule
    line ends one; a line break where bold or italic ends or begins, before a capital, a number or a
    list label, starts one ("**ỦY BAN NHÂN\nDÂN**\nTỈNH ĐỒNG THÁP"); so does a line opening with a
    capital or a list label after one that ended a sentence ("Nơi nhận:\n- Bộ ..."). Other breaks,
    inside an emphasis or in plain text, are wraps."""
    raws: list[str] = []
    after_rule: list[bool] = []
    rule = True
    for ln in lines:
        if _RULE_LINE.match(ln.raw):
            rule = True
            continue
        for part in (p for p in _BREAK_TAG.split(ln.raw) if p.strip()):  # "<br>": a line break typed in one line
            raws.append(part)
            after_rule.append(rule)
            rule = False
    whole = _inline("\n".join(raws), footnotes)
    groups: list[list[str]] = []
    for k, raw in enumerate(raws):
        if not groups or after_rule[k] or (not whole.open_at_breaks[k - 1] and _starts_cell_line(raws[k - 1], raw)):
            groups.append([raw])
        else:
            groups[-1].append(raw)
    paragraphs = [t for t in (_inline("\n".join(g), footnotes).text for g in groups) if t]
    return Cell(text=fold_ws(" ".join(paragraphs)), lines=paragraphs if len(paragraphs) > 1 else None)


def _starts_cell_line(prev_raw: str, raw: str) -> bool:
    this = _plain(raw)
    if not this:
        return False
    opens = this[:1].isupper() or this[:1].isdigit() or parse_label(this)[0] is not None
    at_edge = prev_raw.rstrip().endswith(("*", "_")) or raw.lstrip().startswith(("*", "_")) \
        and not _BULLET_START.match(raw)
    return opens and (at_edge or bool(_TERMINAL.search(_plain(prev_raw))))


# ------------------------------------------------------------------------------------- GFM tables
def _split_gfm_row(raw: str) -> list[str]:
    s = raw.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    cells, current, i = [], "", 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s) and s[i + 1] == "|":
            current += "\\|"
            i += 2
            continue
        if s[i] == "|":
            cells.append(current)
            current = ""
        else:
            current += s[i]
        i += 1
    cells.append(current)
    return cells


def _gfm_table(lines: list[_Line], footnotes: set[str], delimiter: bool = True) -> list[_TableRow]:
    """Header row, delimiter row (dropped), body rows. A body row with an empty first cell whose other
    cells all go on in lower case is a cell continued on the next line (GFM cells hold one line)."""
    out: list[_TableRow] = []
    for k, ln in enumerate(lines):
        if k == 1 and delimiter:
            continue  # the delimiter row
        row = [_gfm_cell(c, footnotes) for c in _split_gfm_row(ln.raw)]
        texts = [c.text for c in row]
        if not any(texts):
            continue
        if k > 2 and out and len(out) > 1 and _continues(texts):
            cells, first, _ = out[-1]
            merged = [Cell(text=fold_ws(f"{cells[i].text if i < len(cells) else ''} {t}"))
                      for i, t in enumerate(texts)] + cells[len(texts):]
            out[-1] = (merged, first, ln)
            continue
        out.append((row, ln, ln))
    return out


_GRID_BORDER = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")
GRID_COLUMNS = 64  # a border of more columns than any plan's table is read as text


def grid_table(lines: list[_Line], footnotes: set[str]) -> list[_TableRow]:
    """A pandoc grid table: its columns are where its first border puts '+', a row runs from one border to the
    next, and each cell's lines inside its column are one wrapped text."""
    border = lines[0].raw
    cuts = [k for k, ch in enumerate(border) if ch == "+"]
    out: list[_TableRow] = []
    block: list[_Line] = []

    def flush_row() -> None:
        if not block:
            return
        cells = []
        for a, b in zip(cuts, cuts[1:]):
            text = " ".join(ln.raw[a + 1:b].strip(" |") for ln in block)
            cells.append(Cell(text=fold_ws(_inline(text, footnotes).text)))
        if any(c.text for c in cells):
            out.append((cells, block[0], block[-1]))
        block.clear()

    for ln in lines:
        if _GRID_BORDER.match(ln.raw):
            flush_row()
        else:
            block.append(ln)
    flush_row()
    return out


_HTML_TABLE_OPEN = re.compile(r"^\s*<table\b", re.I)
_HTML_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)
_HTML_TABLE_ANY = re.compile(r"<table\b", re.I)
HTML_TABLE_LINES = 20_000  # a <table> never closed within this many lines is read as text


class _HtmlTables:
    """Where each <table> of a text closes, found in time linear in the text: the lines holding a closing tag, and
    the running count of opening minus closing tags, are counted once."""

    def __init__(self, lines: list[_Line]) -> None:
        self.closes: list[int] = []
        self.depth = [0]
        for k, ln in enumerate(lines):
            raw = ln.raw
            opened = len(_HTML_TABLE_ANY.findall(raw)) if "<" in raw else 0
            closed = len(_HTML_TABLE_CLOSE.findall(raw)) if "</" in raw else 0
            if closed:
                self.closes.append(k)
            self.depth.append(self.depth[-1] + opened - closed)

    def end(self, i: int) -> Optional[int]:
        """The line where the table opened on line i closes; None when it does not within HTML_TABLE_LINES."""
        from bisect import bisect_left

        at = bisect_left(self.closes, i)
        for c in self.closes[at:at + 64]:  # nested tables: one close each
            if c - i > HTML_TABLE_LINES:
                return None
            if self.depth[c + 1] <= self.depth[i]:
                return c
        return None


def html_table(lines: list[_Line], footnotes: set[str]) -> list[_TableRow]:
    """A table left in HTML: one row per <tr>, a cell per <td>/<th>; a cell spanning columns is followed by empty
    cells and one spanning rows leaves its column empty below it, as a DOCX table's merged cells read; <br> and
    <p> part a cell's lines."""
    from .html_tables import table_rows

    out: list[_TableRow] = []
    for row, first, last in table_rows("\n".join(ln.raw for ln in lines)):
        cells = []
        for cell_lines, span, merged_above in row:
            parts = [t for t in (_inline(x, footnotes).text for x in cell_lines) if t]
            cells.append(Cell(text=fold_ws(" ".join(parts)), lines=parts if len(parts) > 1 else None, span=span,
                              merged_above=merged_above))
        if any(c.text for c in cells):
            out.append((cells, lines[min(first, len(lines)) - 1], lines[min(last, len(lines)) - 1]))
    return out


def _gfm_cell(raw: str, footnotes: set[str]) -> Cell:
    """A pipe table's cell; its '<br>' line breaks part its lines as a DOCX cell's paragraphs ("UBND HUYỆN NAM
    ĐÀN<br>**PHÒNG NỘI VỤ**": the superior, then the issuer)."""
    parts = [t for t in (_inline(p.replace("\\|", "|"), footnotes).text for p in _BREAK_TAG.split(raw)) if t]
    return Cell(text=fold_ws(" ".join(parts)), lines=parts if len(parts) > 1 else None)


def _continues(texts: list[str]) -> bool:
    if texts[0] or not any(texts[1:]):
        return False
    for t in texts[1:]:
        if t and (not t[0].islower() or parse_label(t)[0] is not None):
            return False
    return True


# ---------------------------------------------------------------------------------- inline markup
def _inline(raw: str, footnotes: set[str]) -> _Inline:
    """Markup off, text kept: escapes give their character, every unescaped `*` (and `_` that is not
    inside a word) toggles emphasis, HTML inline tags go, <br> is a space, footnote references go (a
    space left before the punctuation that followed one goes too). Bold when every letter and digit
    lies inside a bold stretch."""
    chars: list[str] = []
    bold_flags: list[bool] = []
    open_at_breaks: list[bool] = []
    bold = False
    italic = False
    i, n = 0, len(raw)
    lines_start = True
    while i < n:
        c = raw[i]
        if lines_start:
            m = _BULLET_START.match(raw, i)
            if m and raw[i:m.end()].strip() == "*" and _has_text_after(raw, m.end()):
                chars.append("-")
                bold_flags.append(bold)
                chars.append(" ")
                bold_flags.append(bold)
                i = m.end()
                lines_start = False
                continue
            if not c.isspace():
                lines_start = False
        if c == "\n":
            chars.append(" ")
            bold_flags.append(bold)
            open_at_breaks.append(bold or italic)
            lines_start = True
            i += 1
            continue
        if c == "\\" and i + 1 < n:
            nxt = raw[i + 1]
            if nxt in _ESCAPABLE:
                chars.append(nxt)
                bold_flags.append(bold)
                i += 2
                continue
            if nxt == "\n":  # a hard line break
                i += 1
                continue
        if c == "*":
            j = i
            while j < n and raw[j] == "*":
                j += 1
            count = j - i
            if count // 2 % 2:
                bold = not bold
            if count % 2:
                italic = not italic
            i = j
            continue
        if c == "_":
            j = i
            while j < n and raw[j] == "_":
                j += 1
            before = raw[i - 1] if i > 0 else " "
            after = raw[j] if j < n else " "
            inside_word = before.isalnum() and after.isalnum()
            flanking = not before.isspace() or not after.isspace()
            if not inside_word and flanking:
                count = j - i
                if count // 2 % 2:
                    bold = not bold
                if count % 2:
                    italic = not italic
            else:
                chars.extend(raw[i:j])
                bold_flags.extend([bold] * (j - i))
            i = j
            continue
        if c == "<":
            m = _INLINE_TAG.match(raw, i)
            if m:
                tag = m.group(2).lower()
                if tag in ("b", "strong"):
                    bold = not m.group(1)
                elif tag == "br":
                    chars.append(" ")
                    bold_flags.append(bold)
                i = m.end()
                continue
        if c == "[":
            m = _FOOTNOTE_MARK.match(raw, i)
            if m and m.group(1) in footnotes and i > 0:
                chars.append("\x00")
                bold_flags.append(bold)
                i = m.end()
                continue
        chars.append(c)
        bold_flags.append(bold)
        i += 1
    text = "".join(chars)
    all_bold = any(ch.isalnum() for ch in text) and all(f for ch, f in zip(text, bold_flags) if ch.isalnum())
    text = re.sub(r"\s*\x00+(?=\s*[.,;:!?)/])", "", text).replace("\x00", "")
    if "&" in text:  # "&nbsp;", "&amp;", "&#273;": entity references read as their characters, as CommonMark does
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    return _Inline(text=fold_ws(text), bold=all_bold, open_at_breaks=open_at_breaks)


_ENTITY = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")


def _has_text_after(raw: str, at: int) -> bool:
    end = raw.find("\n", at)
    rest = raw[at:] if end < 0 else raw[at:end]
    return any(ch.isalnum() for ch in rest)
