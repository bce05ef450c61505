"""The pypdfium2 ruled-table reader: grid rules to cells (merged cells as None), and the same rows
as pdfplumber's table finder on every ruled page of the corpus PDFs."""
from pathlib import Path

import pytest

from planparse.readers.pdf_tables import _grid

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def test_grid_of_plain_rules_gives_one_box_per_cell():
    # 2 rows x 3 columns, every rule full length
    th = [(100.0, 0.0, 300.0), (80.0, 0.0, 300.0), (60.0, 0.0, 300.0)]
    tv = [(0.0, 60.0, 100.0), (100.0, 60.0, 100.0), (200.0, 60.0, 100.0), (300.0, 60.0, 100.0)]
    t = _grid(th, tv)
    assert t.bbox == (0.0, 60.0, 300.0, 100.0)
    assert t.rows == [[(0.0, 80.0, 100.0, 100.0), (100.0, 80.0, 200.0, 100.0), (200.0, 80.0, 300.0, 100.0)],
                      [(0.0, 60.0, 100.0, 80.0), (100.0, 60.0, 200.0, 80.0), (200.0, 60.0, 300.0, 80.0)]]


def test_merged_cells_cover_their_boxes_and_leave_none():
    # header cell spans columns 2-3 (no rule between them in row 1); column 1 spans both rows
    th = [(100.0, 0.0, 300.0), (80.0, 100.0, 300.0), (60.0, 0.0, 300.0)]
    tv = [(0.0, 60.0, 100.0), (100.0, 60.0, 100.0), (200.0, 60.0, 80.0), (300.0, 60.0, 100.0)]
    t = _grid(th, tv)
    assert t.rows[0] == [(0.0, 60.0, 100.0, 100.0), (100.0, 80.0, 300.0, 100.0), None]
    assert t.rows[1] == [None, (100.0, 60.0, 200.0, 80.0), (200.0, 60.0, 300.0, 80.0)]


def test_rules_drawn_in_pieces_are_one_rule():
    from planparse.readers.pdf_tables import _merge
    assert _merge([(50.0, 0.0, 40.0), (50.5, 40.0, 90.0), (50.0, 120.0, 150.0)]) == [(50.0, 0.0, 90.0), (50.0, 120.0, 150.0)]


@pytest.mark.parametrize("pdf", sorted((CORPUS / "pdf").glob("*.pdf")), ids=lambda p: p.name)
def test_same_rows_as_pdfplumber_on_the_corpus(pdf):
    import pdfplumber
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from planparse.readers.pdf import _cell_text
    from planparse.readers.pdf_tables import find_tables, page_rules
    from planparse.text import fold_ws

    doc = pdfium.PdfDocument(str(pdf))
    with pdfplumber.open(str(pdf)) as plumber:
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            ours = [[[None if box is None else _cell_text(textpage.get_text_bounded(*box)) for box in row]
                     for row in t.rows] for t in find_tables(page_rules(page, pdfium_c))]
            theirs = [[[None if c is None else fold_ws(c) for c in row] for row in t.extract()]
                      for t in sorted(plumber.pages[i].find_tables(), key=lambda t: t.bbox[1])]
            assert ours == theirs, f"page {i + 1}"
    doc.close()
