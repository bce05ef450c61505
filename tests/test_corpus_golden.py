"""Golden-file tests: every gold seed scores >= 0.95 micro-F1 on its text, and its DOCX and PDF
renditions stay within 0.02 of the text; every real plan with gold (corpus/real) meets its bar."""

import shutil

import pytest

from planparse.evaluate import load_gold, score
from planparse.pipeline import extract_file
from planparse.validate import validate_plan

from conftest import CORPUS

GOLD = load_gold(CORPUS / "gold")
SEED_GOLD = sorted(stem for stem in GOLD if (CORPUS / "seeds" / f"{stem}.txt").exists())
REAL_SOURCES = {p.stem: p for p in (CORPUS / "real").glob("*/*") if p.name != "MANIFEST.tsv"}  # "... 29.9.2025.doc"
REAL_GOLD = sorted(stem for stem in GOLD if stem not in SEED_GOLD)
REAL_BAR = 0.90  # the bar of issue 13 for real plans


def _f1(path):
    plan = extract_file(path)
    data = plan.model_dump(mode="json")
    validate_plan(data)
    return score(GOLD[path.stem if path.stem in GOLD else path.name.split(".")[0]], data).micro.f1


@pytest.mark.parametrize("stem", SEED_GOLD)
def test_text_meets_the_bar(stem):
    assert _f1(CORPUS / "seeds" / f"{stem}.txt") >= 0.95


@pytest.mark.parametrize("stem", SEED_GOLD)
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_renditions_match_the_text(stem, fmt):
    text_f1 = _f1(CORPUS / "seeds" / f"{stem}.txt")
    assert _f1(CORPUS / fmt / f"{stem}.{fmt}") >= text_f1 - 0.02


def test_every_real_gold_has_its_source_in_the_corpus():
    assert REAL_GOLD and all(stem in REAL_SOURCES for stem in REAL_GOLD)


@pytest.mark.parametrize("stem", REAL_GOLD)
def test_real_plan_meets_the_bar(stem):
    assert _f1(REAL_SOURCES[stem]) >= REAL_BAR


RENDITIONS = sorted([*(CORPUS / "seeds").glob("00[0134]_*.txt"), *(CORPUS / "docx").glob("*.docx"),
                     *(CORPUS / "pdf").glob("*.pdf")])


@pytest.mark.parametrize("path", RENDITIONS, ids=lambda p: p.name)
def test_every_unit_and_deadline_span_slices_back_to_what_was_printed(path):
    from planparse.pipeline import document_to_plan
    from planparse.readers import read_document

    doc = read_document(path)
    plan = document_to_plan(doc)
    blocks = {b.id: b for b in doc.blocks}
    for item in plan.tasks + plan.kpis:
        assert item.span is not None and item.span.block in blocks
        for unit in item.lead_units + item.support_units:
            assert unit.span is not None, unit.text
            printed = blocks[unit.span.block].text[unit.span.start:unit.span.end]
            assert printed.lower() == unit.text.lower()
        if item.deadline is not None and item.deadline.text:
            dl = item.deadline
            if dl.span is not None:
                assert blocks[dl.span.block].text[dl.span.start:dl.span.end].lower() == dl.text.lower()


def test_docx_numbering_is_rebuilt_not_in_the_text():
    import docx
    d = docx.Document(str(CORPUS / "docx" / "003_49d7825a55f0067e.docx"))
    texts = [p.text for p in d.paragraphs]
    assert "MỤC ĐÍCH, YÊU CẦU" in texts  # Word numbering holds the "I."
    from planparse.readers import read_document
    blocks = read_document(CORPUS / "docx" / "003_49d7825a55f0067e.docx").blocks
    assert any(b.text == "I. MỤC ĐÍCH, YÊU CẦU" for b in blocks)
    assert not any("Header text" in b.text for b in blocks)


def test_several_appendices_keep_their_refs_apart():
    from planparse.pipeline import document_to_plan
    from planparse.readers.text import text_to_document

    table = ("STT\tTên chỉ tiêu\tĐơn vị chủ trì\tĐơn vị tính\tChỉ tiêu\n"
             "1\tTỷ lệ hồ sơ trực tuyến\tPhòng Nội vụ\t%\t{v}\n")
    text = ("KẾ HOẠCH\nChuyển đổi số năm 2024\nI. NHIỆM VỤ\n1. Triển khai phần mềm.\n"
            "Phụ lục I\nCHỈ TIÊU NĂM 2024\n" + table.format(v=50) + "\nPhụ lục II\nCHỈ TIÊU NĂM 2025\n" + table.format(v=70))
    plan = document_to_plan(text_to_document(text, "two-appendices.txt"))
    assert [(k.ref, k.target.value) for k in plan.kpis] == [("PL1.1", 50), ("PL2.1", 70)]


PRINTED_REAL = sorted((CORPUS / "pdf-real").glob("*.pdf"))


@pytest.mark.parametrize("pdf", PRINTED_REAL, ids=[p.stem for p in PRINTED_REAL])
def test_a_real_plan_printed_to_pdf_reads_as_its_docx(pdf):
    assert _f1(pdf) >= _f1(REAL_SOURCES[pdf.stem]) - 0.02


SCANNED_REAL = sorted((CORPUS / "scan-real").glob("*.pdf"))
SCAN_FLOOR = 0.75  # 0.805 and 0.987 when they were added (stop 20); 0.615 and 0.711 read without the scans' tables


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")
@pytest.mark.parametrize("pdf", SCANNED_REAL, ids=[p.stem for p in SCANNED_REAL])
def test_a_real_plan_scanned_is_read_with_its_tables(pdf):
    assert _f1(pdf) >= SCAN_FLOOR
