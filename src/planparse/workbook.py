"""plans.xlsx: the batch's four tables as one workbook for the offices that work in Excel.

Sheets plans / tasks / kpis / units with the CSVs' columns; the header frozen and filtered, columns
sized for what they hold, dates as dates (dd/mm/yyyy), figures as numbers. Every text is written as
a string cell, never a formula, so '=HYPERLINK(...)' in a plan is shown, not run; characters XML
cannot hold (control characters from a damaged file) are replaced.
"""
from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
WIDE = {"text": 70, "title": 50, "indicator": 60, "file": 40, "document": 40, "lead": 40, "support": 40,
        "canonical": 40, "deadline_text": 30, "section": 30, "product": 40, "basis": 30, "issuer": 30,
        "signer_title": 25, "reason": 40}
DATE_FORMAT = "dd/mm/yyyy"


class PlanWorkbook:
    """A workbook written row by row (openpyxl's write-only mode: memory does not grow with rows)."""

    def __init__(self, sheets: dict[str, list[str]]):
        self.book = Workbook(write_only=True)
        self.sheets = {}
        self.rows = {}
        self.columns = sheets
        bold = Font(bold=True)
        for name, cols in sheets.items():
            ws = self.book.create_sheet(name)
            ws.freeze_panes = "A2"
            for i, col in enumerate(cols, start=1):
                ws.column_dimensions[get_column_letter(i)].width = WIDE.get(col, 16)
            header = []
            for col in cols:
                cell = WriteOnlyCell(ws, col)
                cell.font = bold
                header.append(cell)
            ws.append(header)
            self.sheets[name], self.rows[name] = ws, 0

    def add(self, sheet: str, rows: Iterable[list]) -> None:
        ws, cols = self.sheets[sheet], self.columns[sheet]
        for row in rows:
            ws.append([self._cell(ws, col, v) for col, v in zip(cols, row)])
            self.rows[sheet] += 1

    @staticmethod
    def _cell(ws, col: str, value: object) -> object:
        if isinstance(value, str):
            if (col == "date" or col.startswith("deadline_")) and ISO_DATE.match(value):
                try:
                    cell = WriteOnlyCell(ws, datetime.date.fromisoformat(value))
                    cell.number_format = DATE_FORMAT
                    return cell
                except ValueError:
                    pass
            cell = WriteOnlyCell(ws, ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
            cell.data_type = "s"  # a string, whatever it starts with: never a formula
            return cell
        return value

    def discard(self) -> None:
        """Finish each sheet's temporary file when the workbook will not be saved (a failed write)."""
        for ws in self.sheets.values():
            try:
                ws.close()
            except Exception:  # noqa: BLE001 - best effort on a path that is already failing
                pass

    def save(self, path: Path) -> None:
        for name, ws in self.sheets.items():
            last = get_column_letter(len(self.columns[name]))
            ws.auto_filter.ref = f"A1:{last}{self.rows[name] + 1}"
        self.book.save(path)
