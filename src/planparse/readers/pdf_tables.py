"""Ruled tables of a PDF page read from its drawing, with pypdfium2 alone.

Ruling lines come from the page's path objects (lines and rectangles); crossing lines group into
tables; each table's grid is the distinct heights of its horizontal rules and positions of its
vertical rules. A grid box starts a cell when it has a rule above and on its left; otherwise it is
part of a merged cell (returned as None, as pdfplumber does). Cell text is the page text inside the
cell's box. A page drawn with other shapes (curves, complex paths) returns None: the caller then
falls back on pdfplumber's table finder.

Work here grows faster than the number of rules (crossings, grid boxes), so a page drawn with more
rules than any table needs raises `DenseRulings` (the reader then reads the page as text), and every
step below is kept near-linear in the rules, cells and text runs it is given.
"""
from __future__ import annotations

import ctypes
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Callable, Optional

TOL = 1.5  # points: rules this close are one rule; a rule this near a box edge borders it
# what a page's tables ever need (the corpus: 16 horizontal and 15 vertical rules, 1 table of 15 x 7 per page at most)
MAX_RULES = 2_000  # merged rules of one page, both ways
MAX_CROSSINGS = 250_000  # horizontal/vertical rule pairs looked at for crossings
MAX_GRID_BOXES = 40_000  # grid boxes of one page's tables together
MAX_TABLES = 200  # ruled tables on one page

Box = tuple[float, float, float, float]  # left, bottom, right, top (PDF points, origin bottom-left)


class DenseRulings(Exception):
    """A page draws more rules, crossings or grid boxes than a table needs (MAX_* above): not read for tables."""


class TooManyPaths(DenseRulings):
    """A page draws more path objects than the caller's budget (limit 'ruling_objects')."""


@dataclass
class RuledTable:
    bbox: Box
    rows: list[list[Optional[Box]]]  # a cell's box, or None where a merged cell covers the grid box
    drawn: bool = True  # False: some sides are not drawn (columns from the text's gutters, an open border closed)
    xs: tuple[float, ...] = ()  # the grid's column edges, left to right
    ys: tuple[float, ...] = ()  # its row edges, top to bottom
    _cell_starts: Optional[list[list[int]]] = field(default=None, repr=False, compare=False)

    def origin(self, r: int, c: int) -> tuple[int, int]:
        """The grid position of the cell that covers grid box (r, c): itself, one on its left (merged
        across) or one above (merged down): the nearest cell, rows up then columns left, whose box
        holds the grid box's middle. A row's cells never overlap (each ends where the next begins),
        so only the last two cells starting at or left of c in a row can hold it."""
        if self.rows[r][c] is not None:
            return r, c
        x, y = self.rows_x(c), self._mid_y(r)
        starts = self._starts()
        for r0 in range(r, -1, -1):
            cols = starts[r0]
            k = bisect_right(cols, c)
            for c0 in cols[max(0, k - 2):k][::-1]:
                box = self.rows[r0][c0]
                if box[0] - TOL <= x <= box[2] + TOL and box[1] - TOL <= y <= box[3] + TOL:
                    return r0, c0
        return r, c

    def _starts(self) -> list[list[int]]:
        """Per row, the columns where a cell starts."""
        if self._cell_starts is None:
            self._cell_starts = [[c for c, box in enumerate(row) if box is not None] for row in self.rows]
        return self._cell_starts

    def rows_x(self, c: int) -> float:
        return (self.xs[c] + self.xs[c + 1]) / 2

    def _mid_y(self, r: int) -> float:
        return (self.ys[r] + self.ys[r + 1]) / 2


@dataclass
class PageRules:
    horizontal: list[tuple[float, float, float]]  # (y, left, right), merged where they continue
    vertical: list[tuple[float, float, float]]  # (x, bottom, top)
    plain: bool  # False: the page also draws curves or complex paths that are not rules

    @property
    def grid(self) -> bool:
        """Rules both ways: a table, not just an underline or a header rule."""
        return len(self.horizontal) >= 2 and len(self.vertical) >= 2


def _path_objects(page, pdfium_c, max_depth: int = 2):
    """The raw handles of the page's path objects, those inside form XObjects too (down to `max_depth`), without
    a Python wrapper per object: a page of text has dozens of text objects and a handful of paths."""
    path, form = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
    stack = [(pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, page.raw, 0)]
    while stack:
        count, get, parent, level = stack.pop()
        for i in range(count(parent)):
            raw = get(parent, i)
            if not raw:
                continue
            kind = pdfium_c.FPDFPageObj_GetType(raw)
            if kind == path:
                yield raw
            elif kind == form and level < max_depth - 1:
                stack.append((pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, raw, level + 1))


def page_rules(page, pdfium_c, max_paths: Optional[int] = None) -> PageRules:
    """The page's ruling lines, from its path objects (lines, and the sides of rectangles); TooManyPaths
    as soon as there are more than `max_paths` path objects."""
    horizontal, vertical = [], []
    plain = True
    n = 0
    box = [ctypes.c_float() for _ in range(4)]
    refs = [ctypes.byref(v) for v in box]
    for raw in _path_objects(page, pdfium_c):
        n += 1
        if max_paths is not None and n > max_paths:
            raise TooManyPaths(f"more than {max_paths} paths")
        if not pdfium_c.FPDFPageObj_GetBounds(raw, *refs):
            continue  # a path pdfium cannot place
        left, bottom, right, top = (v.value for v in box)
        w, h = right - left, top - bottom
        if w < 3 and h < 3:
            continue  # a dot
        if h <= 3:
            horizontal.append(((bottom + top) / 2, left, right))
        elif w <= 3:
            vertical.append(((left + right) / 2, bottom, top))
        elif pdfium_c.FPDFPath_CountSegments(raw) in (4, 5):  # a rectangle: its four sides
            if not _visible(raw, pdfium_c):
                continue  # white shading behind a line of text, not a frame
            horizontal += [(bottom, left, right), (top, left, right)]
            vertical += [(left, bottom, top), (right, bottom, top)]
        else:
            plain = False
    return PageRules(_merge(horizontal), _merge(vertical), plain)


IMAGE_RULE_INCHES = 0.2  # a printed rule runs at least this far; a letter's stroke is shorter
IMAGE_DARK = 128  # grey level under which a pixel is ink


def image_rules(gray, dpi: float, page_height: float) -> PageRules:
    """The ruling lines a scanned page prints, read from its pixels (`gray`: a 2-D array, y down): runs of ink at
    least IMAGE_RULE_INCHES long along a row (horizontal rules) or a column (vertical ones), in PDF points with y
    up, merged as drawn rules are. Rows are read three at a time, so a rule a slightly skewed scan steps across
    two rows is still one run."""
    import numpy as np

    dark = np.asarray(gray) < IMAGE_DARK
    if dark.ndim != 2 or dark.shape[0] < 3 or dark.shape[1] < 3:
        return PageRules([], [], True)
    k = 72.0 / dpi
    min_len = max(8, int(dpi * IMAGE_RULE_INCHES))
    banded_rows = dark[:-2] | dark[1:-1] | dark[2:]
    banded_cols = dark[:, :-2] | dark[:, 1:-1] | dark[:, 2:]
    horizontal = [(page_height - (row + 1) * k, a * k, z * k) for row, a, z in _ink_runs(banded_rows, min_len)]
    vertical = [((col + 1) * k, page_height - z * k, page_height - a * k) for col, a, z in _ink_runs(banded_cols.T, min_len)]
    return PageRules(_merge(horizontal), _merge(vertical), True)


def erase_rules(gray, dpi: float):
    """The grey image with its long runs of ink (the rules image_rules reads) painted white, a pixel either side:
    Tesseract reads the text of a ruled table's cells as lines of text once the grid is gone."""
    import numpy as np

    arr = np.array(gray, dtype=np.uint8)
    dark = arr < IMAGE_DARK
    min_len = max(8, int(dpi * IMAGE_RULE_INCHES))
    mask = np.zeros_like(dark)
    for row, a, z in _ink_runs(dark, min_len):
        mask[max(0, row - 1):row + 2, a:z] = True
    for col, a, z in _ink_runs(dark.T, min_len):
        mask[a:z, max(0, col - 1):col + 2] = True
    arr[mask] = 255
    return arr


def _ink_runs(mat, min_len: int) -> list[tuple[int, int, int]]:
    """(row, first, end) of each run of True at least `min_len` long along the rows of a boolean matrix."""
    import numpy as np

    padded = np.zeros((mat.shape[0], mat.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mat
    step = np.diff(padded, axis=1)
    rows, starts = np.nonzero(step == 1)
    _, ends = np.nonzero(step == -1)  # row-major: each run's end follows its start in the same row
    keep = ends - starts >= min_len
    return list(zip(rows[keep].tolist(), starts[keep].tolist(), ends[keep].tolist()))


def _visible(raw, pdfium_c) -> bool:
    """Does the path draw something on a white page: stroked or filled in a colour that is not white?"""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(raw, ctypes.byref(fill), ctypes.byref(stroke)):
        return True
    rgba = [ctypes.c_uint() for _ in range(4)]
    for drawn, get in ((stroke.value, pdfium_c.FPDFPageObj_GetStrokeColor), (fill.value, pdfium_c.FPDFPageObj_GetFillColor)):
        if drawn:
            if not get(raw, *(ctypes.byref(v) for v in rgba)):
                return True
            r, g, b, a = (v.value for v in rgba)
            if a > 0 and min(r, g, b) < 230:
                return True
    return False


def text_rects(textpage) -> list[Box]:
    """The boxes of the page's runs of text (pdfium gives one per line of a cell or paragraph)."""
    return [textpage.get_rect(i) for i in range(textpage.count_rects())]


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


def find_tables(rules: PageRules, text_rects: Optional[Callable[[], list[Box]]] = None) -> Optional[list[RuledTable]]:
    """The page's ruled tables from top to bottom, or None when its drawing is not plain rules.

    Rules that cross group into tables. A side left without a border (no outer frame) is closed where
    the other rules end. Horizontal rules alone (three or more of one width, no vertical rules) make a
    table when `text_rects` is given: its columns are the gutters the text leaves (`_text_columns`).
    """
    if not rules.plain:
        return None
    hs, vs = rules.horizontal, rules.vertical
    if len(hs) + len(vs) > MAX_RULES:
        raise DenseRulings(f"{len(hs) + len(vs)} rules")
    parent = list(range(len(hs) + len(vs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_x = sorted(range(len(vs)), key=lambda j: vs[j][0])
    xs = [vs[j][0] for j in by_x]
    spans = [(bisect_left(xs, hl - TOL), bisect_right(xs, hr + TOL)) for _, hl, hr in hs]
    if sum(b - a for a, b in spans) > MAX_CROSSINGS:
        raise DenseRulings("rules crossing too often")
    for i, (y, hl, hr) in enumerate(hs):
        a, b = spans[i]
        for j in sorted(by_x[a:b]):  # in the order the rules were listed, as before
            x, vb, vt = vs[j]
            if vb - TOL <= y <= vt + TOL:
                parent[root(i)] = root(len(hs) + j)
    groups: dict[int, list[int]] = {}
    for i in range(len(parent)):
        groups.setdefault(root(i), []).append(i)
    tables = []
    used: set[int] = set()
    for members in groups.values():
        th = [hs[i] for i in members if i < len(hs)]
        tv = [vs[i - len(hs)] for i in members if i >= len(hs)]
        if len(th) + len(tv) >= 3 and th and tv:
            n_rules = len(th) + len(tv)
            th, tv = _close_open_sides(th, tv)
            if len(th) >= 2 and len(tv) >= 2:
                tables.append(_grid(th, tv, drawn=len(th) + len(tv) == n_rules))
                used.update(i for i in members if i < len(hs))
    if text_rects is not None:
        bands = _horizontal_rule_bands([h for i, h in enumerate(hs) if i not in used], tables)
        if bands:
            rects = text_rects()
            for band in bands:
                t = _text_columns(band, rects)
                if t is not None:
                    tables.append(t)
    if len(tables) > MAX_TABLES:
        raise DenseRulings(f"{len(tables)} tables")
    return sorted(tables, key=lambda t: -t.bbox[3])


OPEN_SIDE = 3.0  # points: rules reaching this far past the outermost crossing rule mean a side without a border
MIN_BAND_WIDTH = 150.0  # points: horizontal rules narrower than this are underlines, not a table's rows


def _close_open_sides(th: list, tv: list) -> tuple[list, list]:
    """Add the border a table does not draw (inner rules only): where horizontal rules run on past the
    outermost vertical rule, or vertical rules past the outermost horizontal one, the side is there."""
    left, right = min(hl for _, hl, _ in th), max(hr for _, _, hr in th)
    bottom, top = min(vb for _, vb, _ in tv), max(vt for _, _, vt in tv)
    xs = [x for x, _, _ in tv]
    ys = [y for y, _, _ in th]
    th, tv = list(th), list(tv)
    if top > max(ys) + OPEN_SIDE:
        th.append((top, left, right))
    if bottom < min(ys) - OPEN_SIDE:
        th.append((bottom, left, right))
    lo, hi = min(bottom, min(ys)), max(top, max(ys))
    if left < min(xs) - OPEN_SIDE:
        tv.append((left, lo, hi))
    if right > max(xs) + OPEN_SIDE:
        tv.append((right, lo, hi))
    return th, tv


def _horizontal_rule_bands(free: list[tuple[float, float, float]], tables: list[RuledTable]) -> list[list]:
    """Runs of three or more horizontal rules of one width (with the shorter rules between them that
    stop at a merged cell), outside the tables already found: tables ruled only across."""
    wide = sorted((h for h in free if h[2] - h[1] >= MIN_BAND_WIDTH), key=lambda h: -h[0])
    clusters: list[list] = []
    for h in wide:
        for c in clusters:
            if abs(c[0][1] - h[1]) <= 2 * TOL and abs(c[0][2] - h[2]) <= 2 * TOL:
                c.append(h)
                break
        else:
            clusters.append([h])
    bands: list[list] = []
    for c in sorted((c for c in clusters if len(c) >= 3), key=lambda c: c[0][1] - c[0][2]):  # widest first
        left, right, top, bottom = c[0][1], c[0][2], c[0][0], c[-1][0]
        if any(t.bbox[1] - TOL <= (top + bottom) / 2 <= t.bbox[3] + TOL for t in tables) \
                or any(b[-1][0] - TOL <= (top + bottom) / 2 <= b[0][0] + TOL for b in bands):
            continue  # inside a table already found (the rules of its merged cells)
        inner = [h for h in free if bottom - TOL <= h[0] <= top + TOL and h[1] >= left - TOL and h[2] <= right + TOL
                 and h not in c]
        bands.append(sorted(c + inner, key=lambda h: -h[0]))
    return sorted(bands, key=lambda b: -b[0][0])


MIN_GUTTER = 4.0  # points of clear space between two columns' text


def _text_columns(band: list[tuple[float, float, float]], rects: list[Box]) -> Optional[RuledTable]:
    """A table ruled only across: rows between the rules, columns where no row's text runs (a row whose
    text crosses a gutter is merged over it). Needs three columns or more."""
    left = min(h[1] for h in band)
    right = max(h[2] for h in band)
    ys = _distinct(sorted({h[0] for h in band}, reverse=True))
    if len(ys) < 3:
        return None
    inside = [r for r in rects if r[0] >= left - TOL and r[2] <= right + TOL and ys[-1] < (r[1] + r[3]) / 2 < ys[0]]
    rows: list[list[Box]] = [[] for _ in range(len(ys) - 1)]
    for r in inside:
        mid = (r[1] + r[3]) / 2
        k = next(i for i in range(len(ys) - 1) if ys[i + 1] <= mid <= ys[i])
        rows[k].append(r)
    filled = [k for k, row in enumerate(rows) if row]
    if len(filled) < 2:
        return None

    def gutters(keep: list[int], allowed: int) -> list[tuple[float, float]]:
        n = int(right - left) + 1
        diff = [0] * (n + 1)  # cover[x]: how many of the rows print at x (points from the left), by differences
        for k in keep:
            spans = sorted((max(0, int(r[0] - left)), min(n, int(r[2] - left) + 1)) for r in rows[k])
            end = -1
            for a, z in spans:  # each row counted once where its runs overlap
                a = max(a, end)
                if a < z:
                    diff[a] += 1
                    diff[z] -= 1
                    end = z
        cover, run = [0] * n, 0
        for x in range(n):
            run += diff[x]
            cover[x] = run
        runs, start = [], None
        for x in range(n + 1):
            free = x < n and cover[x] <= allowed
            if free and start is None:
                start = x
            elif not free and start is not None:
                if x - start >= MIN_GUTTER and start > 0 and x < n:
                    runs.append((left + start, left + x))
                start = None
        return runs

    first = gutters(filled, max(1, len(filled) * 3 // 10))
    spanning = {k for k in filled for r in rows[k] for a, z in first if r[0] < a and r[2] > z}
    runs = gutters([k for k in filled if k not in spanning], 0)
    if len(runs) < 2:
        return None
    xs = [left] + [(a + z) / 2 for a, z in runs] + [right]
    tv = [(left, ys[-1], ys[0]), (right, ys[-1], ys[0])]
    for x in xs[1:-1]:
        for k in range(len(ys) - 1):
            if not any(r[0] < x - 1 and r[2] > x + 1 for r in rows[k]):
                tv.append((x, ys[k + 1], ys[k]))
    return _grid(band, tv, drawn=False)


def _grid(th: list, tv: list, drawn: bool = True) -> RuledTable:
    ys = _distinct(sorted({y for y, _, _ in th}, reverse=True))  # top to bottom
    xs = _distinct(sorted({x for x, _, _ in tv}))

    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if max(n_rows, 0) * max(n_cols, 0) > MAX_GRID_BOXES:
        raise DenseRulings(f"a grid of {n_rows} x {n_cols}")
    # above[r][c]: a rule along the top of grid box (r, c); left[r][c]: one along its left side. Each rule
    # marks the boxes it runs along (ys fall, so a rule's rows are found in the negated list)
    above = [bytearray(n_cols) for _ in range(n_rows + 1)]
    left = [bytearray(n_cols + 1) for _ in range(n_rows)]
    neg = [-y for y in ys]
    for y, hl, hr in th:
        c_from, c_to = bisect_left(xs, hl - TOL), bisect_right(xs, hr + TOL) - 1  # boxes c_from .. c_to - 1
        for r in range(bisect_left(neg, -y - TOL), min(bisect_right(neg, -y + TOL), n_rows + 1)):
            for c in range(c_from, min(c_to, n_cols)):
                above[r][c] = 1
    for x, vb, vt in tv:
        r_from, r_to = bisect_left(neg, -vt - TOL), bisect_right(neg, -vb + TOL) - 1
        for c in range(bisect_left(xs, x - TOL), min(bisect_right(xs, x + TOL), n_cols + 1)):
            for r in range(r_from, min(r_to, n_rows)):
                left[r][c] = 1

    rows: list[list[Optional[Box]]] = []
    for r in range(n_rows):
        row: list[Optional[Box]] = []
        for c in range(n_cols):
            if not (above[r][c] and left[r][c]):
                row.append(None)
                continue
            c2 = c + 1
            while c2 < n_cols and not left[r][c2]:
                c2 += 1
            r2 = r + 1
            while r2 < n_rows and not above[r2][c]:
                r2 += 1
            row.append((xs[c], ys[r2], xs[c2], ys[r]))
        rows.append(row)
    return RuledTable(bbox=(xs[0], ys[-1], xs[-1], ys[0]), rows=rows, drawn=drawn, xs=tuple(xs), ys=tuple(ys))


# ------------------------------------------------------------ which reading of a page's tables is right

def table_cells(t: RuledTable) -> list[Box]:
    return [box for row in t.rows for box in row if box is not None]


def violations(tables: list[list[Box]], rects: list[Box], rules: PageRules) -> int:
    """How often a reading of a page's tables (each table its cells' boxes) disagrees with what the
    page prints. Each of these counts one:

    - a run of text inside a table that a cell side cuts (a line of text never crosses a cell's side:
      a cut means a rule was missed and two cells run together, or a side was invented);
    - a run of text inside a table's box that no cell holds;
    - a drawn rule inside a table's box that lies on no cell side (a rule through a cell's middle: a
      row or column was missed);
    - a drawn rule that runs on past a table's side (a column or row outside the box was left out);
    - a run of three or more wide horizontal rules outside every table (a table ruled only across
      that was not read), one per rule.
    The reading with fewer is right; a tie keeps the fast reader's.
    """
    n = 0
    boxes = []
    by_cx = sorted(rects, key=lambda r: r[0] + r[2])
    cxs = [(r[0] + r[2]) / 2 for r in by_cx]
    for cells in tables:
        if not cells:
            continue
        bbox = (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))
        boxes.append(bbox)
        vsides, hsides = _Sides(), _Sides()
        for left, bottom, right, top in cells:
            for x in (left, right):
                vsides.add(x, (bottom, top))
            for y in (bottom, top):
                hsides.add(y, (left, right))
        xs, ys = sorted(vsides), sorted(hsides)
        vspans = [_union(vsides[x]) for x in xs]
        hspans = [_union(hsides[y]) for y in ys]
        area = sum((c[2] - c[0]) * (c[3] - c[1]) for c in cells)
        holes = area < (bbox[2] - bbox[0]) * (bbox[3] - bbox[1]) - TOL * (bbox[2] - bbox[0] + bbox[3] - bbox[1])
        bl, bb, br, bt = bbox
        for r in by_cx[bisect_right(cxs, bl):bisect_left(cxs, br)]:  # text runs whose middle is across the box
            r0, r1, r2, r3 = r
            cx, cy = (r0 + r2) / 2, (r1 + r3) / 2
            if not (bl < cx < br and bb < cy < bt):
                continue
            cut = False
            for k in range(bisect_right(xs, r0 + TOL), bisect_left(xs, r2 - TOL)):
                for b, t in vspans[k]:
                    if b < cy < t:
                        cut = True
                        break
            if not cut:
                for k in range(bisect_right(ys, r1 + TOL), bisect_left(ys, r3 - TOL)):
                    for a, z in hspans[k]:
                        if a < cx < z:
                            cut = True
                            break
            if cut or holes and not any(c[0] - TOL <= cx <= c[2] + TOL and c[1] - TOL <= cy <= c[3] + TOL for c in cells):
                n += 1
        for y, hl, hr in rules.horizontal:
            if bbox[1] + TOL < y < bbox[3] - TOL and hl < bbox[2] - TOL and hr > bbox[0] + TOL:
                on = hsides.key(y)
                mid = (max(hl, bbox[0]) + min(hr, bbox[2])) / 2
                if on is None or not any(a - TOL <= mid <= z + TOL for a, z in hsides[on]):
                    n += 1
            if bbox[1] - TOL <= y <= bbox[3] + TOL and (hl < bbox[0] - OPEN_SIDE < hr or hl < bbox[2] + OPEN_SIDE < hr):
                n += 1
        for x, vb, vt in rules.vertical:
            if bbox[0] + TOL < x < bbox[2] - TOL and vb < bbox[3] - TOL and vt > bbox[1] + TOL:
                on = vsides.key(x)
                mid = (max(vb, bbox[1]) + min(vt, bbox[3])) / 2
                if on is None or not any(b - TOL <= mid <= t + TOL for b, t in vsides[on]):
                    n += 1
            if bbox[0] - TOL <= x <= bbox[2] + TOL and (vb < bbox[1] - OPEN_SIDE < vt or vb < bbox[3] + OPEN_SIDE < vt):
                n += 1
    for band in _horizontal_rule_bands(rules.horizontal, []):
        mid = (band[0][0] + band[-1][0]) / 2
        if not any(b[1] - TOL <= mid <= b[3] + TOL for b in boxes):
            n += len(band)
    return n


def _union(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for a, z in sorted(spans):
        if out and a <= out[-1][1] + TOL:
            out[-1] = (out[-1][0], max(out[-1][1], z))
        else:
            out.append((a, z))
    return out


class _Sides(dict):
    """Cell sides by position: a side within TOL of a position already listed goes under the first
    such position listed. Positions are bucketed by TOL, so a lookup costs the few in three buckets."""

    def __init__(self) -> None:
        super().__init__()
        self._buckets: dict[int, list[float]] = {}
        self._order: dict[float, int] = {}

    SMALL = 48  # up to this many positions a plain search is quicker

    def key(self, v: float) -> Optional[float]:
        """The first listed position within TOL of v, or None."""
        if len(self) <= self.SMALL:
            for k in self:
                if abs(k - v) <= TOL:
                    return k
            return None
        b = int(v // TOL)
        best, first = None, len(self._order)
        for j in (b - 1, b, b + 1):
            for k in self._buckets.get(j, ()):
                if abs(k - v) <= TOL and self._order[k] < first:
                    best, first = k, self._order[k]
        return best

    def add(self, v: float, span: tuple[float, float]) -> None:
        k = self.key(v)
        if k is None:
            k = v
            self._order[k] = len(self._order)
            self._buckets.setdefault(int(k // TOL), []).append(k)
            self[k] = []
        self[k].append(span)


def choose_reading(fast: list[list[Box]], plumber: Callable[[], list[list[Box]]], rects: Callable[[], list[Box]],
                   rules: PageRules, fast_drawn: bool = False) -> str:
    """'fast', 'plumber' or 'text' (no table): the reading of a page with fewest `violations`; ties go
    to the fast reader, then to pdfplumber. pdfplumber (`plumber()`, its tables' cells) is run only
    when the fast reading has a violation. `fast_drawn`: every side of the fast reading's cells is a
    drawn rule, so no text can cross one (print does not run text over a rule, and a rule the grid
    missed is caught by the checks on rules): its text is not looked at, which keeps clean pages cheap."""
    scores = {"fast": violations(fast, [] if fast_drawn else rects(), rules)}
    if scores["fast"]:
        if fast_drawn:  # scored without the text so far
            scores["fast"] = violations(fast, rects(), rules)
        scores["plumber"] = violations(plumber(), rects(), rules)
        scores["text"] = violations([], rects(), rules)
    return min(scores, key=lambda k: (scores[k], ["fast", "plumber", "text"].index(k)))
