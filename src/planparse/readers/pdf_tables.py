"""Ruled tables of a PDF page read from its drawing, with pypdfium2 alone.

Ruling lines come from the page's path objects (lines and rectangles); crossing lines group into
tables; each table's grid is the distinct heights of its horizontal rules and positions of its
vertical rules. A grid box starts a cell when it has a rule above and on its left; otherwise it is
part of a merged cell (returned as None, as pdfplumber does). Cell text is the page text inside the
cell's box. A page drawn with other shapes (curves, complex paths) returns None: the caller then
falls back on pdfplumber's table finder.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

TOL = 1.5  # points: rules this close are one rule; a rule this near a box edge borders it

Box = tuple[float, float, float, float]  # left, bottom, right, top (PDF points, origin bottom-left)


@dataclass
class RuledTable:
    bbox: Box
    rows: list[list[Optional[Box]]]  # a cell's box, or None where a merged cell covers the grid box


@dataclass
class PageRules:
    horizontal: list[tuple[float, float, float]]  # (y, left, right), merged where they continue
    vertical: list[tuple[float, float, float]]  # (x, bottom, top)
    plain: bool  # False: the page also draws curves or complex paths that are not rules

    @property
    def grid(self) -> bool:
        """Rules both ways: a table, not just an underline or a header rule."""
        return len(self.horizontal) >= 2 and len(self.vertical) >= 2


def page_rules(page, pdfium_c) -> PageRules:
    """The page's ruling lines, from its path objects (lines, and the sides of rectangles)."""
    horizontal, vertical = [], []
    plain = True
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
        try:
            left, bottom, right, top = obj.get_bounds()
        except Exception:  # a path pdfium cannot place
            continue
        w, h = right - left, top - bottom
        if w < 3 and h < 3:
            continue  # a dot
        if h <= 3:
            horizontal.append(((bottom + top) / 2, left, right))
        elif w <= 3:
            vertical.append(((left + right) / 2, bottom, top))
        elif pdfium_c.FPDFPath_CountSegments(obj.raw) in (4, 5):  # a rectangle: its four sides
            horizontal += [(bottom, left, right), (top, left, right)]
            vertical += [(left, bottom, top), (right, bottom, top)]
        else:
            plain = False
    return PageRules(_merge(horizontal), _merge(vertical), plain)


def _merge(rules: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Rules at (nearly) one position that touch or overlap become one."""
    placed: list[tuple[float, float, float]] = []
    anchor = None
    for pos, a, z in sorted(rules):
        if anchor is None or pos - anchor > TOL:
            anchor = pos
        placed.append((anchor, a, z))
    out: list[tuple[float, float, float]] = []
    for pos, a, z in sorted(placed):
        if out and out[-1][0] == pos and a <= out[-1][2] + TOL:
            out[-1] = (pos, out[-1][1], max(out[-1][2], z))
        else:
            out.append((pos, a, z))
    return out


def _distinct(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in values:
        if not out or abs(out[-1] - v) > TOL:
            out.append(v)
    return out


def find_tables(rules: PageRules) -> Optional[list[RuledTable]]:
    """The page's ruled tables from top to bottom, or None when its drawing is not plain rules."""
    if not rules.plain:
        return None
    hs, vs = rules.horizontal, rules.vertical
    parent = list(range(len(hs) + len(vs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, hl, hr) in enumerate(hs):
        for j, (x, vb, vt) in enumerate(vs):
            if hl - TOL <= x <= hr + TOL and vb - TOL <= y <= vt + TOL:
                parent[root(i)] = root(len(hs) + j)
    groups: dict[int, list[int]] = {}
    for i in range(len(parent)):
        groups.setdefault(root(i), []).append(i)
    tables = []
    for members in groups.values():
        th = [hs[i] for i in members if i < len(hs)]
        tv = [vs[i - len(hs)] for i in members if i >= len(hs)]
        if len(th) >= 2 and len(tv) >= 2:
            tables.append(_grid(th, tv))
    return sorted(tables, key=lambda t: -t.bbox[3])


def _grid(th: list, tv: list) -> RuledTable:
    ys = _distinct(sorted({y for y, _, _ in th}, reverse=True))  # top to bottom
    xs = _distinct(sorted({x for x, _, _ in tv}))

    def ruled_above(r: int, c: int) -> bool:
        return any(abs(y - ys[r]) <= TOL and hl - TOL <= xs[c] and hr + TOL >= xs[c + 1] for y, hl, hr in th)

    def ruled_left(r: int, c: int) -> bool:
        return any(abs(x - xs[c]) <= TOL and vb - TOL <= ys[r + 1] and vt + TOL >= ys[r] for x, vb, vt in tv)

    rows: list[list[Optional[Box]]] = []
    for r in range(len(ys) - 1):
        row: list[Optional[Box]] = []
        for c in range(len(xs) - 1):
            if not (ruled_above(r, c) and ruled_left(r, c)):
                row.append(None)
                continue
            c2 = c + 1
            while c2 < len(xs) - 1 and not ruled_left(r, c2):
                c2 += 1
            r2 = r + 1
            while r2 < len(ys) - 1 and not ruled_above(r2, c):
                r2 += 1
            row.append((xs[c], ys[r2], xs[c2], ys[r]))
        rows.append(row)
    return RuledTable(bbox=(xs[0], ys[-1], xs[-1], ys[0]), rows=rows)
