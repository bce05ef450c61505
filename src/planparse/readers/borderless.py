"""Tables printed without rules (a Word table with no borders, printed to PDF): columns from where the header's
cells stand and the white space the body leaves between them, rows from the running number.

Coordinates run top-down (y grows down the page), as in layout.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .. import lexicon
from ..text import fold, fold_ws
from .layout import Run

MIN_COLUMNS = 3  # STT, the work, and one column of who or when at least
HEADER_LINES = 4  # a header cell wraps over a few lines at most ("Thời gian" / "hoàn thành")
MAX_GAP_LINES = 3.0  # a vertical gap of more than three lines' height ends the table
MAX_WIDTH = 20000  # points: wider than the widest page a plan prints on (A0 is 2384 pt)
MAX_BODY_LINES = 300  # lines a page's table is measured over (a page prints 40-60)
_ROW_REF = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[IVX]{1,5}|[A-Z])\.?$")
_LETTERED = re.compile(r"^[a-zđ]\)\s")
_GROUP_REF = re.compile(r"^(?:[IVX]{1,5}|[A-Z])\.?$")
_GROUP_LABEL = re.compile(r"^(?:[IVX]{1,5}|[A-Z])[.)]\s+\S")


@dataclass
class BorderlessTable:
    top: int  # index of the header's first line
    end: int  # index of the first line after the table
    gutters: list[float]  # x of the white space between columns, left to right
    rows: list[list[str]]  # the header's row first; a cell's printed lines joined by "\n"


@lru_cache(maxsize=1)
def _column_words() -> tuple[str, ...]:
    return tuple(sorted({k for keys in lexicon.sections().table_columns.values() for k in keys}, key=len, reverse=True))


def _names_a_column(text: str) -> bool:
    f = fold(text).strip(" :")
    return any(k in f for k in _column_words()) and not re.search(r"\d", f)


def _header_at(lines: list[list[Run]], i: int) -> Optional[tuple[list[tuple[float, float, list[str]]], int]]:
    """The columns (x0, x1, header lines) of a header opening at line i ('STT | Nhiệm vụ | Cơ quan chủ trì | ...'),
    its wrapped lines merged into the columns they stand under, and the index of the line after it; None where
    line i opens no header."""
    first = lines[i]
    if len(first) < MIN_COLUMNS or fold(first[0].text).strip(" .") not in lexicon.sections().table_columns["ref"]:
        return None
    cols = [[r.x0, r.x1, [fold_ws(r.text)]] for r in first]
    end = i + 1
    for line in lines[i + 1:i + HEADER_LINES]:
        if not all(len(r.text.split()) <= 4 and not re.search(r"\d", r.text) for r in line):
            break  # a row's number or a long cell: the body
        placed = [next((c for c in cols if _under(r, c[0], c[1])), None) for r in line]
        if None in placed:
            break  # a cell's line standing where no header line does: the body (a row the page above began)
        for r, c in zip(line, placed):
            c[0], c[1] = min(c[0], r.x0), max(c[1], r.x1)
            c[2].append(fold_ws(r.text))
        end += 1
    if sum(1 for c in cols[1:] if _names_a_column(" ".join(c[2]))) < 2:
        return None  # a number list, not a table's header ('STT' over two columns that name nothing)
    return [(a, b, t) for a, b, t in cols], end


def _under(run: Run, x0: float, x1: float) -> bool:
    """A header's wrapped line stands inside its column's first line, or centred under it."""
    return (run.x0 >= x0 - 4 and run.x1 <= x1 + 4) or abs((run.x0 + run.x1) - (x0 + x1)) / 2 <= 6


def _gutters(columns: list[tuple[float, float, list[str]]], body: list[list[Run]]) -> Optional[list[float]]:
    """Between each two header cells, the middle of the widest stretch of the fewest body lines printing there;
    None where two header cells touch."""
    lo = int(columns[0][0])
    span = int(columns[-1][1]) - lo + 2
    if not 0 < span <= MAX_WIDTH:
        return None  # a header wider than any page (a crafted file's coordinates)
    cover = [0] * span
    for line in body[:MAX_BODY_LINES]:
        marked = set()
        for r in line:
            marked.update(range(max(0, int(r.x0) - lo), min(len(cover), int(r.x1) - lo + 1)))
        for x in marked:
            cover[x] += 1
    gutters = []
    for (_, right, _), (left, _, _) in zip(columns, columns[1:]):
        a, z = int(right) - lo + 1, int(left) - lo
        if z - a < 1:
            return None
        least = min(cover[a:z])
        best, run_start = (0, a), None
        for x in range(a, z + 1):
            if x < z and cover[x] == least:
                run_start = x if run_start is None else run_start
            elif run_start is not None:
                best = max(best, (x - run_start, run_start))
                run_start = None
        width, start = best
        gutters.append(lo + start + width / 2)
    return gutters


def _column_of(run: Run, gutters: list[float]) -> Optional[int]:
    """The column a run stands in; None when it runs across a gutter (a paragraph, or a row spanning the table)."""
    inside = [k for k, g in enumerate(gutters) if run.x0 < g - 1 and run.x1 > g + 1]
    if inside:
        return None
    return sum(1 for g in gutters if run.x0 >= g)


def read_table(lines: list[list[Run]], i: int, gutters: Optional[list[float]] = None,
               continues: bool = False) -> Optional[BorderlessTable]:
    """The table whose header opens at line i, or, given the gutters of a table the page above left open, the
    rows continuing it from line i; None where there is none. `continues`: the page above left a table open, so
    the rows under a header here may open with the rest of a row the page break cut."""
    header_rows: list[list[str]] = []
    start = i
    if gutters is None:
        found = _header_at(lines, i)
        if found is None:
            return None
        columns, i = found
        gutters = _gutters(columns, lines[i:])
        if gutters is None:
            return None
        header_rows = [["\n".join(t) for _, _, t in columns]]
    width = len(gutters) + 1
    rows: list[list[list[str]]] = []
    k = i
    prev_bottom: Optional[float] = None
    while k < len(lines):
        line = lines[k]
        height = max(r.y1 - r.y0 for r in line)
        if prev_bottom is not None and line[0].y0 - prev_bottom > MAX_GAP_LINES * height:
            break
        placed = [_column_of(r, gutters) for r in line]
        if None in placed:
            text = fold_ws(" ".join(r.text for r in line))
            label = fold_ws(line[0].text)
            if len(line) == 2 and placed[0] == 0 and _GROUP_REF.match(label):  # "III | PHÁT TRIỂN ..." over the columns
                rows.append([[label], [fold_ws(line[1].text)]] + [[] for _ in range(width - 2)])
            elif len(line) == 1 and _GROUP_LABEL.match(text):  # "II. NHÓM NHIỆM VỤ ..." across the table
                rows.append([[text]] + [[] for _ in range(width - 1)])
            else:
                break  # a paragraph across the columns: the table is over
            prev_bottom = max(r.y1 for r in line)
            k += 1
            continue
        cells: list[list[str]] = [[] for _ in range(width)]
        for r, c in zip(line, placed):
            cells[c].append(fold_ws(r.text))
        ref = " ".join(cells[0])
        opens = bool(ref and _ROW_REF.match(ref.strip())) or bool(cells[1] and _LETTERED.match(cells[1][0]))
        if header_rows and not rows and not opens and not continues:
            return None  # text above the first row's number: cells centred in their rows, which no position tells apart
        if not rows or opens:
            rows.append(cells)
        else:
            for c in range(width):
                rows[-1][c] += cells[c]
        prev_bottom = max(r.y1 for r in line)
        k += 1
    if not rows:
        return None
    body = [["\n".join(c) for c in row] for row in rows]
    return BorderlessTable(top=start, end=k, gutters=gutters, rows=header_rows + body)
