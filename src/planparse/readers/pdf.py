"""PDF reader: pypdfium2 for page text and, on pages that draw ruling lines, for their tables
(pdf_tables.py); pdfplumber's table finder where a page's drawing is more than plain rules, or where
the fast reading disagrees with what the page prints and pdfplumber's (or no table) agrees better:
`pdf_tables.violations` counts text cut by a cell side, drawn rules through a cell or past the table,
and rule bands left unread, and the reading with fewest wins (ties keep the fast one).

Per page, before that: a page turned by /Rotate whose text runs upright in its own space is read
with rotation 0; a page without a text layer, or whose text layer is not text (text_layer.py), is
OCR'd (ocr.py: stamps, seals and noise left out, one warning naming the pages). The first page's
two-column heading is read by position (layout.py) as rows [left, right]. Lines then go through the
same paragraph joiner as text files; table rows continue across pages (a header row the next page
repeats dropped, a row the page break cut joined).

Budgets (limits.py, read when a file is read): more than 'pages' pages is E110 before any page is
read; past 'ocr_pages' OCR'd pages the rest are left out with a warning; a page over 'page_area' is
rendered at a lower resolution (its bitmap no larger than the limit's page at RENDER_DPI); a page
drawing more than 'ruling_objects' lines and rectangles (or more rules than a table needs,
pdf_tables.DenseRulings) is read without tables, with a warning.
"""
from __future__ import annotations

import re
import subprocess
import tempfile
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Optional

from .. import lexicon, limits
from ..errors import CorruptFile, EncryptedFile, NoText, PageTooLarge, TooManyPages
from ..labels import parse_label
from ..models import Document
from ..text import fold_ws, nfc
from .borderless import read_table as read_borderless_table
from .layout import HEADING_ZONE, Run, heading_rows, visual_lines
from .lines import Line
from .ocr import (RENDER_DPI, OcrPage, TooManyPixels, layout_words, ocr_pdf_page_words, reads_poorly, render_dpi, tesseract,
                  turned_warning, upright_turn)
from .text_layer import not_text
from .pdf_tables import (DenseRulings, RuledTable, TooManyPaths, choose_reading, erase_rules, find_tables, image_rules,
                         page_rules, table_cells, text_rects)
from .text import lines_to_blocks

MERGED_LEFT = "\x00"  # a cell a merged cell on its left covers (Cell span 0)
MERGED_ABOVE = "\x01"  # prefixes the text of the merged cell above that covers this one (Cell merged_above)
_PAGE_NO = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$|^\s*Trang\s+\d+", re.I)


def _clean(s: str) -> str:
    # pdfium joins a line that ends in a hyphen to the next and writes the hyphen as U+FFFE (\x02 in a
    # box's text): Vietnamese breaks no syllable, so it is a printed hyphen ("24/KH-" / "UBND", "Quý IV-" / "2025")
    return nfc(s.replace("\x02", "-").replace("\ufffe", "-").replace("\r\n", "\n").replace("\r", "\n"))


def _text_lines(text: str, page: int, start_no: int) -> list[Line]:
    out = []
    for k, raw in enumerate(text.split("\n")):
        t = raw.strip()
        out.append(Line(text=t, start=0, end=len(raw), lineno=start_no + k, page=page, blank=not t))
    return out


def read_pdf(path: str | Path) -> Document:
    path = str(path)
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as e:
        msg = str(e).lower()
        if "password" in msg or "security" in msg:
            raise EncryptedFile(path) from e
        raise CorruptFile(path, "cannot parse PDF") from e
    pages: list[list[Line]] = []
    plumber = None

    def _plumber_page(i: int):
        nonlocal plumber
        if plumber is None:
            import pdfplumber
            plumber = pdfplumber.open(path)
        return plumber.pages[i]
    any_text = False
    warnings: list[str] = []
    ocr_pages: list[int] = []
    garbled: dict[int, str] = {}  # page -> why its text layer is not text
    left_out: dict[str, list[int]] = {}  # what OCR left out (stamps, seals, noise) -> pages
    ocr_failed: dict[int, str] = {}  # page -> why Tesseract could not read it
    over_ocr: list[int] = []  # pages past the limit 'ocr_pages', left out
    blank: list[int] = []  # pages with nothing printed on them
    dense: dict[int, str] = {}  # page -> why it was read without tables
    lowered: dict[int, float] = {}  # page -> the resolution an oversized page was rendered at
    turned: list[int] = []  # scanned pages turned upright before they were read
    budget = limits.current()
    open_table: Optional[list[float]] = None  # the gutters of a table without rules that ran to a page's foot
    try:
        n_pages = len(pdf)
        if n_pages > budget.pages:
            raise TooManyPages(path, f"{n_pages} pages, limit {budget.pages}")
        for i in range(n_pages):
            limits.progress()  # a long scan is not a hung file: a batch worker's clock restarts per page
            try:
                page = pdf[i]
                textpage = _upright(page, pdfium_c)
                width, height = page.get_width(), page.get_height()  # as read (a /Rotate undone swaps them)
            except pdfium.PdfiumError as e:
                raise CorruptFile(path, f"page {i + 1} of {n_pages} cannot be loaded (the page count may lie)") from e
            if not (0 < width < float("inf") and 0 < height < float("inf")):
                raise CorruptFile(path, f"page {i + 1} has no usable size ({width} x {height} pt)")
            text = _clean(textpage.get_text_range())
            reason = not_text(text) if text.strip() else None
            if reason is not None:
                garbled[i + 1] = reason
                text = ""
            ocr_lines: list[Line] = []
            if not text.strip() and tesseract() is not None and _looks_blank(page):
                blank.append(i + 1)  # nothing printed: no OCR (10,000 empty pages cost seconds, not hours)
                pages.append([])
                continue
            if not text.strip() and tesseract() is not None and len(ocr_pages) >= budget.ocr_pages:
                over_ocr.append(i + 1)  # past the limit 'ocr_pages': left out
                pages.append([])
                continue
            if not text.strip() and tesseract() is not None:
                # a scanned page, or glyphs that map to garbage: read the page's image
                ocr_pages.append(i + 1)
                start = sum(map(len, pages))
                dpi = render_dpi(width, height)
                scanned: list[list[RuledTable]] = []
                try:
                    words, rgb = ocr_pdf_page_words(page, prepare=None if i + 1 in garbled else
                                                    lambda grey: _without_table_rules(grey, dpi, height, scanned))
                    if reads_poorly([w.text for w in words]) and (turn := _upright_turn_of(rgb)):
                        # scanned on its side (a landscape appendix fed in upright) or upside down: turned upright
                        # in memory and read again, its tables found again in the turned image
                        was = page.get_rotation()
                        page.set_rotation((was + turn) % 360)
                        width, height = page.get_width(), page.get_height()
                        dpi, before = render_dpi(width, height), list(scanned)
                        scanned.clear()
                        again, turned_rgb = ocr_pdf_page_words(page, prepare=None if i + 1 in garbled else
                                                               lambda grey: _without_table_rules(grey, dpi, height, scanned))
                        if not reads_poorly([w.text for w in again]):
                            words, rgb = again, turned_rgb
                            turned.append(i + 1)
                        else:  # no better read upright: as it was
                            page.set_rotation(was)
                            width, height = page.get_width(), page.get_height()
                            dpi, scanned[:] = render_dpi(width, height), before
                except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
                    ocr_failed[i + 1] = str(e) or type(e).__name__  # the other pages are still read
                    pages.append([])
                    continue
                if dpi < RENDER_DPI:
                    lowered[i + 1] = dpi
                # glyphs mapped to garbage still sit where they print: the page's ruled tables are read
                # from its rules, their cells filled with the OCR'd words inside them
                reading, ruled = _choose(page, textpage, pdfium_c, True, lambda: None, dense, i + 1) \
                    if i + 1 in garbled else ("text", [])
                ruled = ruled if reading == "fast" else []
                if i + 1 not in garbled:  # a scan: its tables from the rules printed in its pixels
                    ruled = scanned[0] if scanned else []
                k = dpi / 72
                apart = [(t.bbox[0] * k, (height - t.bbox[3]) * k, t.bbox[2] * k, (height - t.bbox[1]) * k) for t in ruled]
                ocr = layout_words(words, rgb, first_page=i == 0, apart=apart, dpi=dpi)
                for what in ocr.dropped:
                    left_out.setdefault(what, []).append(i + 1)
                ocr_lines = _ocr_lines_with_tables(ocr, ruled, height, i + 1, start, dpi)
                text = "\n".join(t for t, _ in ocr.lines) or "\n".join(w.text for w in ocr.words)
            if text.strip():
                any_text = True
            start_no = sum(map(len, pages))
            head: list[Line] = []
            below = None  # PDF y under the heading: the page's text is read from there down
            if i == 0 and text.strip() and ocr_pages[-1:] != [1] and page.get_rotation() == 0:
                rows, below = _first_page_heading(page, textpage)
                head = [Line(text="\t".join(r), start=0, end=0, lineno=k, page=1, cells=r) for k, r in enumerate(rows)]
                start_no = len(head)
            # text turned in the page's own space (/Rotate turns it upright for display): its rules and
            # cells would be read across, so the page is read as text
            reading, ruled = _choose(page, textpage, pdfium_c, bool(text.strip()) and ocr_pages[-1:] != [i + 1]
                                     and page.get_rotation() == 0,
                                     lambda: _plumber_page(i), dense, i + 1)
            if reading == "plumber":  # drawn with more than plain rules, or read better so
                page_lines = _page_with_tables(_plumber_page(i), i + 1, start_no)
                head = []
            elif reading == "fast":
                page_lines = _page_with_ruled_tables(page, textpage, ruled, i + 1, start_no, top=below)
            elif ocr_lines:
                page_lines = ocr_lines
            elif (open_table or _may_hold_a_table(text)) and (found := _page_with_borderless_table(
                    page, textpage, i + 1, start_no, below, open_table)) is not None:
                page_lines, open_table = found
                pages.append(head + page_lines)
                continue
            elif below is not None:
                page_lines = _text_lines(_clean(textpage.get_text_bounded(0, 0, page.get_width(), below)), i + 1, start_no)
            else:
                page_lines = _text_lines(text, i + 1, start_no)
            pages.append(head + page_lines)
            open_table = None
    finally:
        if plumber is not None:
            plumber.close()
        pdf.close()
    if not any_text:
        if over_ocr:
            raise TooManyPages(path, f"no text on the {len(ocr_pages)} pages OCR'd; {len(over_ocr)} more are over the "
                                     f"limit 'ocr_pages' ({budget.ocr_pages})")
        if ocr_failed and all(why.startswith(TooManyPixels.PREFIX) for why in ocr_failed.values()):
            raise PageTooLarge(path, f"page {min(ocr_failed)}: {ocr_failed[min(ocr_failed)]}")
        if ocr_failed:
            raise NoText(path, f"OCR failed ({sorted(set(ocr_failed.values()))[0]})")
        if garbled and tesseract() is None:
            raise NoText(path, "its text layer is not text (glyphs mapped to garbage); install tesseract-ocr and "
                               "tesseract-ocr-vie to OCR it")
        if blank and not ocr_pages:
            raise NoText(path, f"{'all ' if len(blank) > 1 else ''}{len(blank)} page{'s' if len(blank) > 1 else ''} blank")
        raise NoText(path, "scanned pages; install tesseract-ocr and tesseract-ocr-vie to OCR them"
                     if tesseract() is None else "OCR found no text")
    scanned = [p for p in ocr_pages if p not in garbled]
    if scanned:
        warnings.append(f"pages {_pages(scanned)} have no text layer: read by OCR (tesseract -l vie)")
    if garbled:
        why = sorted(set(garbled.values()))
        done = "read by OCR (tesseract -l vie)" if tesseract() is not None else "left out (no tesseract to OCR them)"
        warnings.append(f"pages {_pages(sorted(garbled))} have a text layer that is not text ({'; '.join(why)}): {done}")
    for what, where in left_out.items():
        warnings.append(f"OCR left out {what} on pages {_pages(where)}")
    if ocr_failed:
        warnings.append(f"pages {_pages(sorted(ocr_failed))} could not be OCR'd ({'; '.join(sorted(set(ocr_failed.values())))}): "
                        "left out")
    if over_ocr:
        warnings.append(f"pages {_span(over_ocr)} need OCR but are over the limit 'ocr_pages' ({budget.ocr_pages}): left out")
    if turned:
        warnings.append(turned_warning(turned))
    if lowered:
        warnings.append(f"pages {_pages(sorted(lowered))} are too large to render at {RENDER_DPI} dpi (limit 'page_area'): "
                        f"rendered for OCR at {min(lowered.values()):.0f} dpi")
    for why in sorted(set(dense.values())):
        warnings.append(f"pages {_pages(sorted(p for p, w in dense.items() if w == why))} {why}: read without tables")
    lines = _drop_furniture(pages)
    blocks = lines_to_blocks(lines)
    return Document(source=path, format="pdf", pages=n_pages, blocks=blocks, warnings=warnings, ocr_pages=ocr_pages)


class BoundedText:
    """Text in a box of one page, as pypdfium2's `get_text_bounded` gives it, with one call into pdfium
    instead of two (its wrapper asks for the length first, and each call walks every character of the
    page): the buffer is sized once a page, and a box whose text would not fit is asked the usual way."""

    def __init__(self, textpage) -> None:
        import ctypes

        import pypdfium2.raw as pdfium_c

        self.textpage = textpage
        self._call = pdfium_c.FPDFText_GetBoundedText
        self._size = 2 * textpage.count_chars() + 64  # a box's text is its characters and a line break between lines
        self._buffer = (ctypes.c_ushort * self._size)()

    def __call__(self, left: float, bottom: float, right: float, top: float) -> str:
        n = self._call(self.textpage, left, top, right, bottom, self._buffer, self._size)
        if n >= self._size:
            return self.textpage.get_text_bounded(left, bottom, right, top)
        if n <= 0:
            return ""
        text = bytes(memoryview(self._buffer)[:n]).decode("utf-16-le", errors="ignore")
        return text[:-1] if text.endswith("\x00") else text


def _first_page_heading(page, textpage) -> tuple[list[list[str]], Optional[float]]:
    """The two-column heading at the top of the first page (layout.heading_rows) as rows [left, right],
    and the PDF height under it; ([], None) without one. Its text may come anywhere in the content
    (a PDF may draw the heading after the body), so it is read by position."""
    width, height = page.get_width(), page.get_height()
    bounded = BoundedText(textpage)
    runs = []
    for r in text_rects(textpage):
        if r[3] < height * (1 - HEADING_ZONE):
            continue
        t = _clean(bounded(*r)).strip()
        if t:
            runs.append(Run(t, r[0], height - r[3], r[2], height - r[1]))
    lines = visual_lines(runs)
    rows, n = heading_rows(lines, width, height)
    if not rows:
        return [], None

    def side(rs: list[Run]) -> str:  # pdfium's own spacing over the side's whole box
        if not rs:
            return ""
        box = (min(r.x0 for r in rs), height - max(r.y1 for r in rs), max(r.x1 for r in rs), height - min(r.y0 for r in rs))
        return fold_ws(_clean(bounded(*box)))

    return [[side(left), side(right)] for left, right in rows], height - max(r.y1 for line in lines[:n] for r in line) - 0.5


BLANK_SCALE = 0.5  # 36 dpi: a line of 10 pt text is a few dark pixels a glyph, a blank page none
BLANK_DARK_PIXELS = 20


def _upright_turn_of(rgb) -> int:
    """Degrees clockwise that turn a rendered page image upright (ocr.upright_turn), 0 when upright or unsure."""
    with tempfile.TemporaryDirectory() as tmp:
        img = Path(tmp) / "page.png"
        rgb.convert("L").save(img)
        return upright_turn(img)


def _looks_blank(page) -> bool:
    """A page with nothing on it, or nothing dark enough to be print when rendered small: a blank
    page of a scan, or one of a crafted PDF's thousands. Such a page is not sent to OCR."""
    try:
        if next(iter(page.get_objects()), None) is None:
            return True
        w, h = page.get_width(), page.get_height()
        scale = min(BLANK_SCALE, 2000 / max(w, h, 1))  # a crafted huge page is looked at small too
        pixels = page.render(scale=scale, grayscale=True).to_numpy()
        return int((pixels < 160).sum()) < BLANK_DARK_PIXELS
    except Exception:  # noqa: BLE001 - when in doubt the page is OCR'd as before
        return False


def _scanned_tables(grey, dpi: float, height: float) -> list[RuledTable]:
    """The ruled tables a scanned page prints, found from the rules in its pixels as drawn rules are (two rows
    and two columns at least); none where its ink makes no plain grid."""
    import numpy as np

    try:
        tables = find_tables(image_rules(np.asarray(grey), dpi, height)) or []
    except DenseRulings:
        return []
    return [t for t in tables if len(t.rows) >= 2 and len(t.xs) >= 3]


def _without_table_rules(grey, dpi: float, height: float, found: list[list[RuledTable]]):
    """The scan as OCR is to read it: where it prints ruled tables (kept in `found`), with their rules erased."""
    from PIL import Image

    tables = _scanned_tables(grey, dpi, height)
    found.append(tables)
    return Image.fromarray(erase_rules(grey, dpi)) if tables else grey


def _ocr_lines_with_tables(ocr: OcrPage, tables: list[RuledTable], height: float, page_no: int,
                           start_no: int, dpi: float) -> list[Line]:
    """An OCR'd page's lines with its ruled tables put back where they print, each row a line of
    cells holding the OCR'd words inside the cell's box (the page rendered at `dpi`)."""
    k = dpi / 72
    out: list[Line] = []

    def line(text: str, cells: Optional[list[str]] = None) -> None:
        out.append(Line(text=text, start=0, end=len(text), lineno=start_no + len(out), page=page_no, cells=cells))

    entries = list(zip(ocr.tops, ocr.lines))
    n = 0
    for t in tables:
        top = (height - t.bbox[3]) * k
        while n < len(entries) and entries[n][0] < top:
            line(entries[n][1][0], entries[n][1][1])
            n += 1
        texts: dict[tuple[int, int], str] = {}
        for r_i, row in enumerate(t.rows):
            cells = []
            for c_i, box in enumerate(row):
                if box is not None:
                    px = (box[0] * k, (height - box[3]) * k, box[2] * k, (height - box[1]) * k)
                    inside = [w for w in ocr.words if px[0] <= (w.box[0] + w.box[2]) / 2 <= px[2]
                              and px[1] <= (w.box[1] + w.box[3]) / 2 <= px[3]]
                    runs = [Run(w.text, *w.box) for w in inside]
                    texts[r_i, c_i] = _cell_text("\n".join(" ".join(r.text for r in ln) for ln in visual_lines(runs)))
                    cells.append(texts[r_i, c_i])
                    continue
                r0, c0 = t.origin(r_i, c_i)
                cells.append(MERGED_LEFT if r0 == r_i else MERGED_ABOVE + texts.get((r0, c0), ""))
            line("\t".join(cells), cells)
    for _, (text, cells) in entries[n:]:
        line(text, cells)
    return out


def _pages(numbers: list[int]) -> str:
    return ",".join(map(str, numbers))


def _span(numbers: list[int]) -> str:
    """Page numbers, a consecutive run of three or more as 'first-last' (one short line for thousands)."""
    if len(numbers) >= 3 and numbers[-1] - numbers[0] == len(numbers) - 1:
        return f"{numbers[0]}-{numbers[-1]}"
    return _pages(numbers)


UPRIGHT_SAMPLE = 40  # characters whose angle tells how the page's text runs


def _upright(page, pdfium_c):
    """The page's text page, read upright. A page turned by /Rotate whose text runs upright in the
    page's own space (turned after it was made, e.g. by a viewer or a scanner's software) is read as
    written: its rotation is set to 0 in memory, so text, rules and cells share one upright frame. A
    page whose text runs turned in its own space keeps its rotation (and is read without tables)."""
    textpage = page.get_textpage()
    if page.get_rotation() == 0:
        return textpage
    n = textpage.count_chars()
    step = max(1, n // UPRIGHT_SAMPLE)
    angles = [pdfium_c.FPDFText_GetCharAngle(textpage.raw, k) for k in range(0, n, step)]
    upright = [a for a in angles if a >= 0 and (a < 0.1 or a > 6.18)]
    if n and len(upright) * 2 > len([a for a in angles if a >= 0]):
        page.set_rotation(0)
        textpage = page.get_textpage()
    return textpage


def _choose(page, textpage, pdfium_c, has_text: bool, plumber_page, dense: dict[int, str],
            page_no: int) -> tuple[str, list[RuledTable]]:
    """How to read a page's tables: 'fast' (its rules, pdf_tables.py), 'plumber' (pdfplumber's table
    finder: the page draws more than plain rules, or the fast reading disagrees with what the page
    prints and pdfplumber's agrees better: `choose_reading`) or 'text' (no table). A page drawing more
    than the limit 'ruling_objects' lines and rectangles, or more rules than a table needs, is 'text',
    and `dense` says why."""
    if not has_text:
        return "text", []
    cap = limits.current().ruling_objects
    try:
        return _choose_tables(page, textpage, pdfium_c, plumber_page, cap)
    except TooManyPaths:  # counted as they are read, before any table is looked for
        dense[page_no] = f"draw more than {cap} lines and rectangles (limit 'ruling_objects')"
        return "text", []
    except DenseRulings as e:
        dense[page_no] = f"draw more rules than a table needs ({e})"
        return "text", []


def _choose_tables(page, textpage, pdfium_c, plumber_page, max_paths: int) -> tuple[str, list[RuledTable]]:
    rules = page_rules(page, pdfium_c, max_paths)
    if not (rules.grid or len(rules.horizontal) >= 3):
        return "text", []
    rects: list = []
    read: list[bool] = []

    def page_rects() -> list:
        if not read:  # once per page, even when it has no text boxes
            rects.extend(text_rects(textpage))
            read.append(True)
        return rects

    ruled = find_tables(rules, page_rects)
    if ruled is None:
        return "plumber", []
    if not ruled:
        return "text", []
    return choose_reading([table_cells(t) for t in ruled], lambda: plumber_cells(plumber_page()), page_rects,
                          rules, fast_drawn=all(t.drawn for t in ruled)), ruled


def plumber_cells(plumber_page) -> list[list[tuple[float, float, float, float]]]:
    """pdfplumber's tables on a page as cell boxes in PDF coordinates (origin bottom-left); none without a
    page (an OCR'd page, whose cells are only ever filled from its own rules)."""
    if plumber_page is None:
        return []
    h = float(plumber_page.height)
    return [[(x0, h - bottom, x1, h - top) for x0, top, x1, bottom in t.cells] for t in plumber_page.find_tables()]


def _edges(page_lines: list[Line]) -> list[tuple[str, Line]]:
    """The first two and last two text lines of a page, with the edge they are at."""
    content = [ln for ln in page_lines if not ln.blank and ln.cells is None]
    return [("top", ln) for ln in content[:2]] + [("bottom", ln) for ln in content[-2:] if ln not in content[:2]]


def _drop_furniture(pages: list[list[Line]]) -> list[Line]:
    """Blank running headers/footers and page numbers; where a table goes on over a page, drop the
    header rows the page repeats and join a row the page break cut in two. A running line is at the same edge of
    at least half the pages; a line of the list ('- Đơn vị chủ trì: ...', 'b) Cơ quan thực hiện:') a plan repeats
    under each item is never one, wherever the page breaks fall."""
    counts = Counter((edge, ln.text) for p in pages for edge, ln in _edges(p))
    need = max(2, len(pages) // 2)
    for p in pages:
        for edge, ln in _edges(p):
            if _PAGE_NO.match(ln.text) or (len(pages) > 1 and counts[(edge, ln.text)] >= need
                                           and parse_label(ln.text)[0] is None):
                ln.blank = True
    out: list[Line] = []
    head: list[list[str]] = []  # the first rows of the table still open at the end of the last page
    for p in pages:
        content = [ln for ln in out if not ln.blank]
        last = content[-1] if content and content[-1].cells is not None else None
        rows = [ln for ln in p if not ln.blank]
        if last is not None and rows and rows[0].cells is not None and len(rows[0].cells) == len(last.cells):
            k = 0
            while k < len(rows) and k < len(head) and rows[k].cells == head[k]:
                rows[k].blank, rows[k].cells = True, None  # the header row repeated on this page
                k += 1
            if k < len(rows) and rows[k].cells is not None and _continues(last.cells, rows[k].cells):
                first = rows[k]
                joined = [fold_ws(f"{a} {b}") if b != MERGED_LEFT else a for a, b in zip(last.cells, first.cells)]
                for below in rows[k + 1:]:  # rows merged with the cut row's cells carry its whole text
                    if below.cells is None or len(below.cells) != len(joined):
                        break
                    below.cells = [MERGED_ABOVE + j.lstrip(MERGED_ABOVE) if c == MERGED_ABOVE + f else c
                                   for c, f, j in zip(below.cells, first.cells, joined)]
                    below.text = "\t".join(below.cells)
                last.cells = joined
                last.text = "\t".join(last.cells)
                first.blank = True
                first.cells = None
                _carry_number(last.cells, rows[k + 1:])  # its lettered siblings below the cut
            elif k < len(rows) and rows[k].cells is not None:
                _carry_number(last.cells, rows[k:])
                _carry_merged(last.cells, rows[k:])
        else:
            head = []
        heading = False  # still among the first rows of a table that name its columns
        for ln in p:
            if ln.blank:
                continue
            if ln.cells is None:
                head, heading = [], False
            elif not head:
                head, heading = [ln.cells], True
            elif heading and len(head) < 3 and len(head[0]) == len(ln.cells) and _is_head_row(ln.cells):
                head.append(ln.cells)
            else:
                heading = False
        out.extend(p)
    return out


def _carry_number(above: list[str], rows: list[Line]) -> None:
    """Lettered sub-items at the top of a page whose numbered row is on the page before: the number
    cell merged down over them is drawn anew on this page, empty; give it the number back."""
    number = above[0].lstrip(MERGED_ABOVE)
    parent = above[0].startswith(MERGED_ABOVE) or not any(c.strip(MERGED_LEFT) for c in above[2:])
    if not number or not parent or re.match(r"^[IVX]+\.?$", number):
        return
    for ln in rows:
        if ln.cells is None or ln.cells[0] not in ("", MERGED_ABOVE) or parse_label(ln.cells[1] if len(ln.cells) > 1 else "")[0] is None:
            break
        ln.cells = [MERGED_ABOVE + number] + ln.cells[1:]
        ln.text = "\t".join(ln.cells)


def _carry_merged(above: list[str], rows: list[Line]) -> None:
    """A sub-row at the top of a page under the number and task cells of the row on the page before:
    those merged cells are drawn anew on this page, empty; give them the text of the cells they go on
    (as a merged cell within a page would), for the first row and the rows the same merged cells cover."""
    first = rows[0].cells
    lead = 0
    while lead < len(first) and first[lead] == "" and above[lead].lstrip(MERGED_ABOVE) not in ("", MERGED_LEFT):
        lead += 1
    if lead < 2 or lead == len(first) or not first[lead]:
        return
    carried = [MERGED_ABOVE + a.lstrip(MERGED_ABOVE) for a in above[:lead]]
    for n, ln in enumerate(rows):
        if ln.cells is None or len(ln.cells) != len(first) or n and any(c != MERGED_ABOVE for c in ln.cells[:lead]):
            break
        ln.cells = carried + ln.cells[lead:]
        ln.text = "\t".join(ln.cells)


def _is_head_row(cells: list[str]) -> bool:
    """A header row names its columns: no cell opens with a number or a roman numeral."""
    return bool(cells) and not re.match(r"^\s*(?:\d|[IVX]+\.?\s*$)", cells[0] or "") and not any(len(c) > 80 for c in cells)


def _continues(above: list[str], row: list[str]) -> bool:
    """Is `row`, at the top of a page, the rest of the row `above` that the page break cut? Its number
    cell is empty, its text does not open a new item ('a)', '-'), and a cell goes on in lower case, or is
    empty where the row above printed one (the part that fitted before the break) while no cell prints
    again what the row above printed, or goes on a cell that ended lines above the break."""
    if row[0] or not any(c and c != "\x00" for c in row[1:]):
        return False
    text = next((c for c in row[1:] if c and c != "\x00"), "")
    if parse_label(text)[0] is not None:
        return False
    if any(c and c != "\x00" and c[0].islower() for c in row[1:]):
        return True
    printed = [a.lstrip(MERGED_ABOVE) for a in above]
    tallest = max((a.count("\n") + 1 for a in printed[1:] if a and a != MERGED_LEFT), default=0)
    for a, b in zip(printed[1:], row[1:]):
        if not a or not b or MERGED_LEFT in (a, b):
            continue
        if a == b or tallest >= 3 and a.count("\n") + 1 <= tallest - 2:
            return False  # a cell printed again, or one that ended well above the break, has nothing to go on with
    return any(a and a != MERGED_LEFT and not b for a, b in zip(printed[1:], row[1:]))


_LINE_END_HYPHEN = re.compile(r"(?<=\w)-[ \t]*\r?\n\s*(?=\w)")
# '15/12/20' / '26' in a narrow cell: a date whose year a line break cut (not '01/2025' / '02/2025')
_BROKEN_DATE = re.compile(r"(?<![\d/])(\d{1,2}/\d{1,2}/)(\d{0,3})[ \t]*\r?\n\s*(\d{1,4})(?![\d/])")


def _join_broken_date(m: re.Match) -> str:
    return m.group(1) + m.group(2) + m.group(3) if len(m.group(2) + m.group(3)) == 4 else m.group(0)


def _cell_text(raw: str) -> str:
    # pdfium writes a hyphen that ends a line as \x02 and joins the lines; a hyphen it leaves at a line
    # end inside a word ("2026-" / "2027") joins the two lines without a space
    raw = raw.replace("\x02", "-").replace("\ufffe", "-")
    joined = _clean(_BROKEN_DATE.sub(_join_broken_date, _LINE_END_HYPHEN.sub("-", raw)))
    # the printed lines stay apart ("\n"): a cell may print one name a line (Cell.lines)
    return "\n".join(ln for ln in (fold_ws(x) for x in joined.split("\n")) if ln)


def _page_with_ruled_tables(page, textpage, tables: list[RuledTable], page_no: int, start_no: int,
                            top: Optional[float] = None) -> list[Line]:
    """Text above, between and below the tables, and each table row as a line of cells (from `top`
    down, when the heading above it was read apart)."""
    width, height = page.get_width(), page.get_height()
    bounded = BoundedText(textpage)
    out: list[Line] = []
    above = height if top is None else top
    for t in tables:
        left, bottom, right, top = t.bbox
        if top < above:
            out += _text_lines(_clean(bounded(0, top, width, above)), page_no, start_no + len(out))
        texts: dict[tuple[int, int], str] = {}
        for r_i, row in enumerate(t.rows):
            cells = []
            for c_i, box in enumerate(row):
                if box is not None:
                    texts[r_i, c_i] = _cell_text(bounded(*box))
                    cells.append(texts[r_i, c_i])
                    continue
                r0, c0 = t.origin(r_i, c_i)
                if r0 == r_i:
                    cells.append(MERGED_LEFT)
                else:
                    cells.append(MERGED_ABOVE + texts.get((r0, c0), ""))
            out.append(Line(text="\t".join(cells), start=0, end=0, lineno=start_no + len(out), page=page_no, cells=cells))
        above = min(above, bottom)
    if above > 0:
        out += _text_lines(_clean(bounded(0, 0, width, above)), page_no, start_no + len(out))
    return out


MAX_BORDERLESS_RUNS = 2000  # runs of text on a page read by position (a page of a plan prints a few hundred)
MAX_BORDERLESS_HEADS = 4  # lines opening 'STT' tried as a table's header on one page (a crafted page prints thousands)


@lru_cache(maxsize=1)
def _table_head() -> re.Pattern:
    """A line opening with a number column's name ('STT', 'TT', 'Số thứ tự': sections.json)."""
    words = sorted(lexicon.sections().table_columns["ref"], key=len, reverse=True)
    return re.compile(r"^\s*(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + r")(?!\w)",
                      re.M | re.I)


def _may_hold_a_table(text: str) -> bool:
    """A line opening 'STT' / 'TT': a table's header may be printed here (a cheap test before reading positions)."""
    return bool(_table_head().search(text))


def _page_with_borderless_table(page, textpage, page_no: int, start_no: int, top: Optional[float],
                                open_gutters: Optional[list[float]]) -> Optional[tuple[list[Line], Optional[list[float]]]]:
    """A page holding a table printed without rules (borderless.py): the text above and below it, and each row a
    line of cells; with the table's gutters when it runs to the page's foot (its next page may go on with it).
    None where no such table is found."""
    width, height = page.get_width(), page.get_height()
    if textpage.count_rects() > MAX_BORDERLESS_RUNS:
        return None  # each run's text is a walk over the page's characters: read as text
    bounded = BoundedText(textpage)
    runs = []
    for r in text_rects(textpage):
        if top is not None and r[1] > top:
            continue  # in the heading, read apart
        t = _clean(bounded(*r)).strip()
        if t:
            runs.append(Run(t, r[0], height - r[3], r[2], height - r[1]))
    lines = visual_lines(runs)
    heads = [k for k, line in enumerate(lines) if _table_head().match(line[0].text)][:MAX_BORDERLESS_HEADS]
    table = next((t for k in heads if (t := read_borderless_table(lines, k, continues=bool(open_gutters)))), None)
    if table is None and open_gutters and lines:
        table = read_borderless_table(lines, 0, open_gutters)
    if table is None:
        return None
    above = height if top is None else top
    first_top = height - min(r.y0 for r in lines[table.top]) + 0.5
    last_bottom = height - max(r.y1 for r in lines[table.end - 1]) - 0.5
    out = _text_lines(_clean(bounded(0, first_top, width, above)), page_no, start_no) if first_top < above else []
    number = ""  # a numbered row's number, printed once over its lettered sub-rows (a merged cell, in a ruled table)
    for row in table.rows:
        cells = [_cell_text(c) for c in row]
        if re.match(r"^\d{1,3}\.?$", cells[0]):
            number = cells[0]
        elif not cells[0] and number and len(cells) > 1 and re.match(r"^[a-zđ]\)", cells[1]):
            cells[0] = MERGED_ABOVE + number
        else:
            number = ""
        out.append(Line(text="\t".join(cells), start=0, end=0, lineno=start_no + len(out), page=page_no, cells=cells))
    if last_bottom > 0:
        out += _text_lines(_clean(bounded(0, 0, width, last_bottom)), page_no, start_no + len(out))
    rest = lines[table.end:]
    runs_on = all(len(line) == 1 and len(line[0].text.split()) <= 5 for line in rest)  # a page number at most
    return out, table.gutters if runs_on else None


def _page_with_tables(page, page_no: int, start_no: int) -> list[Line]:
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    out: list[Line] = []
    y = 0.0
    for t in tables:
        x0, top, x1, bottom = t.bbox
        if top > y:
            region = page.within_bbox((0, y, page.width, top))
            out += _text_lines(_clean(region.extract_text() or ""), page_no, start_no + len(out))
        rows = t.extract()
        boxes = [r.cells for r in t.rows]
        for r_i, row in enumerate(rows):
            cells = []
            for c_i, c in enumerate(row):
                if c is not None:
                    cells.append(_cell_text(c))
                    continue
                r0, c0 = _plumber_origin(boxes, r_i, c_i)
                cells.append(MERGED_LEFT if r0 == r_i else MERGED_ABOVE + _cell_text(rows[r0][c0] or ""))
            out.append(Line(text="\t".join(cells), start=0, end=0, lineno=start_no + len(out), page=page_no, cells=cells))
        y = bottom
    if y < page.height:
        region = page.within_bbox((0, y, page.width, page.height))
        out += _text_lines(_clean(region.extract_text() or ""), page_no, start_no + len(out))
    return out


def _plumber_origin(boxes: list[list], r: int, c: int) -> tuple[int, int]:
    """The cell of a pdfplumber table (bboxes x0, top, x1, bottom; None where covered) that covers (r, c)."""
    xs = sorted({b[0] for row in boxes for b in row if b is not None})
    tops = [next((b[1] for b in row if b is not None), None) for row in boxes]
    x = xs[c] + 1 if c < len(xs) else None
    y = tops[r] + 1 if tops[r] is not None else None
    if x is None or y is None:
        return r, c
    for r0 in range(r, -1, -1):
        for c0 in range(c, -1, -1):
            b = boxes[r0][c0] if c0 < len(boxes[r0]) else None
            if b is not None and b[0] - 1 <= x <= b[2] + 1 and b[1] - 1 <= y <= b[3] + 1:
                return r0, c0
    return r, c
