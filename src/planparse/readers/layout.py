"""Where a page's lines sit, for the parts of a page that content order gets wrong: the two-column
heading of a Vietnamese administrative document (issuer, number left; motto, place and date right),
printed as a table without rules or as two text boxes, and drawn in any order in the PDF's content.

Coordinates here run top-down (y grows down the page), as in images; the PDF reader flips its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import lexicon
from ..text import fold, fold_ws, strip_accents

HEADING_ZONE = 0.4  # the heading sits in the top 40% of the first page
CENTRED = 0.08  # a line centred within 8% of the page's width of its middle is the document's heading
MIN_COLUMN_GAP = 15.0  # points (or pixels at 72 dpi) between the two columns of a heading


@dataclass
class Run:
    """A run of text on one line, with its box (x0 left, y0 top, x1 right, y1 bottom)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def visual_lines(runs: list[Run]) -> list[list[Run]]:
    """Runs grouped into lines (overlapping the line's first run by more than half the lower one's
    height), top to bottom, each left to right."""
    lines: list[list[Run]] = []
    for r in sorted(runs, key=lambda r: (r.y0 + r.y1) / 2):
        if lines:
            first = lines[-1][0]  # the line's first run: a tall run beside two lines does not join them
            overlap = min(first.y1, r.y1) - max(first.y0, r.y0)
            if overlap > 0.5 * min(first.y1 - first.y0, r.y1 - r.y0):
                lines[-1].append(r)
                continue
        lines.append([r])
    return [sorted(line, key=lambda r: r.x0) for line in lines]


@lru_cache(maxsize=None)
def _doc_heading_re() -> re.Pattern:
    """The document types (sections.json), without marks: OCR and legacy fonts lose them."""
    kinds = lexicon.sections().doc_types + lexicon.sections().other_doc_types
    words = sorted({strip_accents(fold(k)) for k in kinds}, key=len, reverse=True)
    return re.compile(rf"^(?:{'|'.join(re.escape(w) for w in words)})\b")


def _is_doc_heading(text: str) -> bool:
    t = strip_accents(fold(text)).strip(" *")
    return bool(_doc_heading_re().match(t)) and len(t.split()) <= 6 and text.upper() == text


def _gaps(line: list[Run]) -> list[tuple[float, float]]:
    """(width, middle) of the spaces between a line's runs."""
    return [(b.x0 - a.x1, (a.x1 + b.x0) / 2) for a, b in zip(line, line[1:])]


def heading_rows(lines: list[list[Run]], width: float, height: float) -> tuple[list[tuple[list[Run], list[Run]]], int]:
    """The two-column heading at the top of a first page as rows (left runs, right runs), and how many
    of `lines` it takes. ([], 0) when the page does not open with one: its first line must hold two
    runs with a clear gap between them (the issuer's first line and the motto)."""
    if not lines or lines[0][0].y0 > height * HEADING_ZONE:
        return [], 0
    zone: list[list[Run]] = []
    for line in lines:
        text = "".join(r.text for r in line)
        if line[0].y0 > height * HEADING_ZONE or _is_doc_heading(text) or _is_doc_heading(" ".join(r.text for r in line)):
            break
        x0, x1 = line[0].x0, max(r.x1 for r in line)
        if abs((x0 + x1) / 2 - width / 2) < CENTRED * width and all(g < MIN_COLUMN_GAP for g, _ in _gaps(line)):
            break  # a line centred on the page: the heading is over
        zone.append(line)
    rows = column_rows(zone)
    return rows, len(rows)


def column_rows(lines: list[list[Run]]) -> list[tuple[list[Run], list[Run]]]:
    """Lines of a block printed in two columns (the heading; 'Nơi nhận' beside the signature) as rows
    (left runs, right runs), from the first line, which must hold both columns with a clear gap, to
    the first line that runs across the space between them."""
    if not lines:
        return []
    gaps = _gaps(lines[0])
    if not gaps or max(gaps)[0] < MIN_COLUMN_GAP:
        return []
    k = gaps.index(max(gaps))
    lo, hi = lines[0][k].x1, lines[0][k + 1].x0  # the space between the columns, narrowed line by line
    rows: list[tuple[list[Run], list[Run]]] = []
    for line in lines:
        x0, x1 = line[0].x0, max(r.x1 for r in line)
        if any(r.x0 < lo and r.x1 > hi for r in line):
            break  # a run across the space between the columns
        split = [(g, j) for j, (g, _) in enumerate(_gaps(line))
                 if g >= MIN_COLUMN_GAP / 2 and line[j].x1 < hi and line[j + 1].x0 > lo]
        if split:
            j = max(split)[1]
            left, right = line[:j + 1], line[j + 1:]
        elif x1 <= hi and (x0 < lo or (x0 + x1) / 2 < (lo + hi) / 2):
            left, right = line, []
        elif x0 >= lo:
            left, right = [], line
        else:
            break
        lo = max([lo] + [r.x1 for r in left])
        hi = min([hi] + [r.x0 for r in right])
        if lo >= hi:
            break
        rows.append((left, right))
    return rows


def runs_text(runs: list[Run]) -> str:
    return fold_ws(" ".join(r.text for r in runs))
