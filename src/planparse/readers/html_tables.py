"""Tables a converter left as HTML inside a transcription ("<table><tr><td colspan="2">..."): rows of cells, each
cell its lines, spans laid out on the table's grid (html.parser from the standard library: no network, no DTD)."""
from __future__ import annotations

from html.parser import HTMLParser
from typing import Optional

from ..limits import current

MAX_CELLS = 200_000  # cells of one table; past that the rest is not read

_LINE_BREAKS = {"br", "p", "div", "li"}


def _span(value: Optional[str]) -> int:
    """A declared colspan / rowspan, leniently: not a number is 1, more than the 'declared_span' limit is the limit."""
    try:
        return max(1, min(current().declared_span, int(str(value).strip())))
    except (TypeError, ValueError):
        return 1


class _Rows(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[list[tuple[list[str], int, int]], int, int]] = []  # (cells, first line, last line)
        self.cell: Optional[list[str]] = None
        self.spans = (1, 1)
        self.row: Optional[list[tuple[list[str], int, int]]] = None
        self.row_line = 1
        self.depth = 0  # nested tables are read as their outer cell's text
        self.cells = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                return
        if self.depth > 1:
            if (tag in _LINE_BREAKS or tag in ("tr", "td", "th", "table")) and self.cell is not None:
                self.cell.append("")  # a nested table's cells are lines of the outer cell
            return
        if tag == "tr":
            self._end_row()
            self.row, self.row_line = [], self.getpos()[0]
        elif tag in ("td", "th"):
            self._end_cell()
            if self.row is None:
                self.row, self.row_line = [], self.getpos()[0]
            a = dict(attrs)
            self.cell, self.spans = [""], (_span(a.get("colspan")), _span(a.get("rowspan")))
        elif tag in _LINE_BREAKS and self.cell is not None:
            self.cell.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.depth -= 1
            if self.depth == 0:
                self._end_row()
        elif self.depth > 1:
            return
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag in _LINE_BREAKS and self.cell is not None:
            self.cell.append("")

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell[-1] += data

    def _end_cell(self) -> None:
        if self.cell is not None and self.row is not None and self.cells < MAX_CELLS:
            self.row.append((self.cell, *self.spans))
            self.cells += self.spans[0] * self.spans[1]
        self.cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self.row is not None:
            self.rows.append((self.row, self.row_line, self.getpos()[0]))
        self.row = None


def table_rows(html: str) -> list[tuple[list[tuple[list[str], int, bool]], int, int]]:
    """[(cells, first line, last line)], the lines counted from 1 in `html`; a cell is (its lines, the grid columns
    it spans, whether it goes on a cell spanning rows above). As the DOCX reader lays merged cells out: a cell
    spanning columns is followed by cells of span 0, one spanning rows repeats below, marked merged above."""
    parser = _Rows()
    parser.feed(html)
    parser.close()
    out: list[tuple[list[tuple[list[str], int, bool]], int, int]] = []
    below: dict[int, tuple[int, list[str], int]] = {}  # column -> (rows still covered, lines, span) of a cell above
    for cells, first, last in parser.rows:
        row: list[tuple[list[str], int, bool]] = []
        col = 0

        def covered() -> None:
            nonlocal col
            while col in below:
                left, lines, span = below[col]
                row.append((lines, span, True))
                row.extend(([], 0, False) for _ in range(span - 1))
                if left > 1:
                    below[col] = (left - 1, lines, span)
                else:
                    del below[col]
                col += span

        for raw, colspan, rowspan in cells:
            covered()
            lines = [" ".join(x.split()) for x in raw if x.strip()]
            row.append((lines, colspan, False))
            row.extend(([], 0, False) for _ in range(colspan - 1))
            if rowspan > 1:
                below[col] = (rowspan - 1, lines, colspan)
            col += colspan
        covered()
        out.append((row, first, last))
    return out
