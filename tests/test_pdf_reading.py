"""Reading PDF plans as printed: the generated task tables (corpus/pdf-tables, made from DOCX by
scripts/build_pdf_tables.py) against the DOCX they came from, rotated pages, text layers that are not
text, the two-column heading, and what OCR leaves out of a scan (stamps, seals, noise)."""
import shutil
from pathlib import Path

import pytest

from planparse.pipeline import extract_file
from planparse.readers import read_document

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
TABLES = sorted((CORPUS / "pdf-tables").glob("*.pdf"))
KH1105 = CORPUS / "real" / "lao-cai" / "sct-kh1105-2026-kiem-tra.pdf"
KH996 = CORPUS / "real" / "lam-dong" / "996KH-TCTLNTW-C04.pdf"
KH196 = CORPUS / "real" / "ninh-binh" / "kh196-2024-cong-nghiep-van-hoa.pdf"
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")


def _task_rows(doc) -> list[list[str]]:
    """The 6-column rows, a cell merged with the one above as printed there."""
    return [[c.text for c in b.cells] for b in doc.blocks if b.kind == "row" and b.cells and len(b.cells) == 6]


@pytest.mark.parametrize("pdf", TABLES, ids=lambda p: p.name)
def test_one_row_per_printed_row_as_in_the_docx(pdf):
    """Every printed row once (the header row Word repeats on each page taken once, rows a page break
    cut joined), lettered sub-items apart with their own cells, wrapped cells whole."""
    rows = _task_rows(read_document(pdf))
    assert rows == _task_rows(read_document(pdf.with_suffix(".docx")))
    assert sum(1 for r in rows if r[0] == "STT") == 1


@pytest.mark.parametrize("pdf", TABLES, ids=lambda p: p.name)
def test_tasks_from_the_pdf_are_the_tasks_from_the_docx(pdf):
    def key(plan):
        return [(t.ref, t.text, t.lead, t.support, t.deadline.text if t.deadline else None) for t in plan.tasks]

    from_pdf, from_docx = extract_file(pdf), extract_file(pdf.with_suffix(".docx"))
    assert key(from_pdf) == key(from_docx)
    assert from_pdf.meta.number == "215/KH-SKHCN" and from_pdf.meta.date == "2026-01-12"


def test_sub_items_keep_their_numbered_row_and_own_units():
    plan = extract_file(CORPUS / "pdf-tables" / "ke-hoach-phu-luc-doc.pdf")
    subs = [t for t in plan.tasks if t.ref.split(".")[-1] in ("a", "b", "c", "d")]  # "PL.I.4.a": label in the ref
    assert len(subs) == 10
    c = next(t for t in subs if t.text.startswith("Phổ cập kỹ năng số"))  # cut by a page break
    assert c.text.endswith("Tổ công nghệ số cộng đồng.")
    assert c.lead == ["UBND các xã, phường"] and c.support == ["Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh"]


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_page_turned_by_rotate_is_read_upright(tmp_path, rotation):
    import pypdfium2 as pdfium

    src = CORPUS / "pdf" / "000_db1299a2e6faf1e1.pdf"
    doc = pdfium.PdfDocument(str(src))
    for i in range(len(doc)):
        doc[i].set_rotation(rotation)
    turned = tmp_path / f"turned-{rotation}.pdf"
    doc.save(str(turned))
    doc.close()
    a, b = extract_file(src), extract_file(turned)
    assert [t.model_dump(exclude={"span"}) for t in b.tasks] == [t.model_dump(exclude={"span"}) for t in a.tasks]
    assert [k.model_dump(exclude={"span"}) for k in b.kpis] == [k.model_dump(exclude={"span"}) for k in a.kpis]
    assert b.meta == a.meta


def test_text_layer_traits():
    from planparse.readers.text_layer import not_text

    clean = ("Thực hiện Kế hoạch số 705/KH-UBND ngày 21/9/2023 của UBND tỉnh Nghệ An về việc nâng cao chất "
             "lượng cung cấp dịch vụ công trực tuyến, UBND thị xã Cửa Lò ban hành Kế hoạch triển khai như sau: ")
    assert not_text(clean * 2) is None
    assert not_text("(cid:54)(cid:1250) (cid:3)(cid:38)(cid:148)(cid:49) " * 5) == "(cid:N) glyphs"
    garbled = "6Ӣ C‘NG 7+ѬѪ1* CӜNG H’A X; HӜI CHӪ NGHƬA VIӊT NAM ĈO¬N KIӆM TRA ĈӝF OұS 7ӵ do +ҥQK phúc "
    assert not_text(garbled * 3) == "letters outside the Vietnamese alphabet"
    shifted = "Wkxf klhq Nh krdfk vr 705 qjdb 21/9/2023 fxd XEQG wlqk Qjkh Dq yh ylhf qdqj fdr fkdw oxrqj "
    assert not_text(shifted * 3) == "words that are not Vietnamese syllables"
    assert not_text("Trang 3") is None  # too short to judge
    # typed in a legacy font: its codes are letters outside the alphabet, yet it is text the repair stage decodes
    from planparse.repair.legacy import encode_tcvn3, encode_vni
    assert not_text(encode_vni(clean) * 2) is None and not_text(encode_tcvn3(clean) * 2) is None


def test_the_glyph_garbage_pdf_is_known_as_such_without_ocr():
    import pypdfium2 as pdfium

    from planparse.readers.text_layer import not_text

    doc = pdfium.PdfDocument(str(KH1105))
    assert all(not_text(doc[i].get_textpage().get_text_range()) for i in range(len(doc)))
    clean = pdfium.PdfDocument(str(KH196))
    assert not any(not_text(clean[i].get_textpage().get_text_range()) for i in range(len(clean)))


@needs_tesseract
def test_the_glyph_garbage_pdf_is_read_by_ocr():
    plan = extract_file(KH1105)
    assert any("pages 1,2,3,4,5,6 have a text layer that is not text" in w for w in plan.warnings)
    # the inspection team a decision of the Sở set up issues it (KH-ĐKT), under the Sở of the place line's province
    assert plan.meta.issuer.startswith("Đoàn") and plan.meta.issuer.endswith("Sở Công Thương tỉnh Lào Cai")
    assert plan.meta.number == "1105/KH-ĐKT" and plan.meta.date == "2026-03-10"
    assert "vật liệu" in plan.meta.title and plan.meta.title.endswith("trên địa bàn tỉnh Lào Cai")
    assert len(plan.tasks) >= 10
    # the appendix's ruled table is read from the page's rules, its cells filled with the OCR'd words
    rows = [[c.text for c in b.cells] for b in read_document(KH1105).blocks if b.kind == "row" and b.page == 4]
    assert len(rows) >= 6 and all(len(r) == 5 for r in rows)
    assert sum(1 for r in rows if r[4] == "02 ngày") >= 5 and any(r[3] == "23/3/2026" for r in rows)


def test_two_column_heading_read_by_position():
    """kh196 draws its heading after the body; it comes out first, as rows [left, right]."""
    doc = read_document(KH196)
    rows = [[c.text for c in b.cells] for b in doc.blocks[:3]]
    assert rows == [["ỦY BAN NHÂN DÂN", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
                    ["TỈNH NINH BÌNH", "Độc lập - Tự do - Hạnh phúc"],
                    ["Số: /KH-UBND", "Ninh Bình, ngày tháng 11 năm 2024"]]
    assert doc.blocks[3].text == "KẾ HOẠCH"
    meta = extract_file(KH196).meta
    assert (meta.issuer, meta.number, meta.date, meta.place) == ("UBND tỉnh Ninh Bình", None, "2024-11", "Ninh Bình")


def test_heading_rows_split_at_the_space_between_the_columns():
    from planparse.readers.layout import Run, heading_rows, runs_text, visual_lines

    runs = [Run("BỘ CÔNG AN", 150, 43, 223, 56), Run("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", 304, 41, 552, 55),
            # the left column's second line runs on past the first line's end
            Run("TỔ CÔNG TÁC LIÊN NGÀNH TW", 95, 57, 280, 69), Run("Độc lập - Tự do - Hạnh phúc", 350, 56, 506, 69),
            Run("Số: 996 /KH-TCTLNTW-C04", 110, 84, 264, 96), Run("Hà Nội, ngày 24 tháng 02 năm 2026", 325, 83, 522, 97),
            Run("KẾ HOẠCH", 286, 132, 350, 145)]
    rows, n = heading_rows(visual_lines(runs), 595, 842)
    assert n == 3
    assert [[runs_text(a), runs_text(b)] for a, b in rows] == [
        ["BỘ CÔNG AN", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"], ["TỔ CÔNG TÁC LIÊN NGÀNH TW", "Độc lập - Tự do - Hạnh phúc"],
        ["Số: 996 /KH-TCTLNTW-C04", "Hà Nội, ngày 24 tháng 02 năm 2026"]]
    single = [Run("Header text that must not reach the body", 90, 40, 300, 52), Run("KẾ HOẠCH", 280, 80, 330, 92)]
    assert heading_rows(visual_lines(single), 612, 792) == ([], 0)


def _word(text, box, line=(1, 1, 1), conf=95.0):
    from planparse.readers.ocr import Word

    return Word(text, conf, line, box)


def test_a_received_stamp_in_coloured_ink_is_left_out():
    from PIL import Image, ImageDraw

    from planparse.readers.ocr import layout_words

    page = Image.new("RGB", (2480, 3508), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((130, 440, 730, 860), outline=(220, 30, 30), width=8)  # the stamp's red box
    draw.text((200, 470), "UBND TINH", fill=(220, 30, 30))
    words = [_word("BỘ", (150, 180, 200, 230)), _word("CÔNG", (210, 180, 300, 230)), _word("AN", (310, 180, 360, 230)),
             _word("CỘNG", (1270, 180, 1410, 230)), _word("HOÀ", (1430, 180, 1540, 230)),
             _word("UBND", (170, 470, 300, 520), (4, 1, 1)), _word("TỈNH", (320, 470, 430, 520), (4, 1, 1)),
             _word("ĐẾN", (150, 560, 260, 640), (5, 1, 1)), _word("Số:", (300, 560, 380, 600), (5, 1, 1)),
             _word("1614", (400, 560, 520, 600), (5, 1, 1)), _word("Chuyển:", (160, 700, 320, 740), (5, 1, 2)),
             _word("KẾ", (1190, 550, 1280, 600), (7, 1, 1)), _word("HOẠCH", (1290, 550, 1500, 600), (7, 1, 1))]
    out = layout_words(words, page, first_page=True)
    text = " ".join(t for t, _ in out.lines)
    assert "UBND" not in text and "ĐẾN" not in text and "Chuyển" not in text and "1614" not in text
    assert "KẾ HOẠCH" in text and out.lines[0][1] == ["BỘ CÔNG AN", "CỘNG HOÀ"]
    assert out.dropped == ["a received stamp"]


def test_a_received_stamp_on_a_grey_scan_is_left_out_by_its_block():
    from PIL import Image

    from planparse.readers.ocr import layout_words

    page = Image.new("RGB", (2480, 3508), "white")
    words = [_word("CÔNG", (150, 450, 280, 500), (4, 1, 1)), _word("VĂN", (300, 450, 400, 500), (4, 1, 1)),
             _word("ĐẾN", (420, 450, 530, 500), (4, 1, 1)), _word("Ngày:", (150, 520, 280, 560), (4, 1, 2)),
             _word("Thực", (300, 1500, 400, 1550), (9, 1, 1)), _word("hiện", (420, 1500, 520, 1550), (9, 1, 1))]
    out = layout_words(words, page, first_page=False)
    assert [t for t, _ in out.lines] == ["Thực hiện"]


def test_noise_lines_are_left_out_and_words_kept():
    from PIL import Image

    from planparse.readers.ocr import layout_words

    page = Image.new("RGB", (2480, 3508), "white")
    words = [_word("999000090001000000020gg", (475, 820, 1200, 860), (9, 1, 1), conf=0.0),
             _word("—....", (454, 900, 600, 930), (9, 1, 2), conf=30.0),
             _word("ngày44tháng", (400, 1000, 700, 1050), (9, 1, 3), conf=20.0),
             _word("năm", (720, 1000, 800, 1050), (9, 1, 3), conf=10.0),
             _word("Thực", (300, 1500, 400, 1550), (10, 1, 1)), _word("hiện", (420, 1500, 520, 1550), (10, 1, 1))]
    out = layout_words(words, page, first_page=False)
    assert [t for t, _ in out.lines] == ["ngày44tháng năm", "Thực hiện"]
    assert out.dropped == ["noise lines"]


@needs_tesseract
def test_the_scan_issuer_is_not_the_stamp():
    plan = extract_file(KH996)
    assert plan.meta.issuer != "UBND tỉnh Lâm Đồng"  # the received stamp's words
    assert "OCR left out a received stamp on pages 1" in plan.warnings
    assert plan.meta.title.endswith("ma túy năm 2026")  # without the noise line under it ('999000090001...gg')


def test_a_body_other_than_ubnd_heading_the_left_column_is_the_issuer():
    from planparse.models import Block, Cell, Document
    from planparse.pipeline import document_to_plan

    def row(i, left, right):
        return Block(id=f"b{i}", kind="row", text=f"{left} | {right}", cells=[Cell(text=left), Cell(text=right)], table=0)

    blocks = [row(0, "SỞ Y TẾ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), row(1, "", "Độc lập - Tự do - Hạnh phúc"),
              row(2, "Số: 12/KH-SYT", "Quảng Ninh, ngày 05 tháng 3 năm 2026"),
              Block(id="b3", kind="paragraph", text="KẾ HOẠCH"),
              Block(id="b4", kind="paragraph", text="Tiêm chủng mở rộng năm 2026"),
              Block(id="b5", kind="paragraph", text="I. MỤC ĐÍCH, YÊU CẦU")]
    meta = document_to_plan(Document(source="x.pdf", format="pdf", blocks=blocks)).meta
    assert (meta.issuer, meta.issuer_level, meta.number) == ("Sở Y tế tỉnh Quảng Ninh", "province", "12/KH-SYT")


def test_a_row_cut_by_a_page_break_is_told_from_a_new_sub_item():
    from planparse.readers.pdf import _continues

    above = ["8", "Triển khai số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực theo quy",
             "Văn phòng UBND tỉnh", "Các sở, ban, ngành tỉnh; UBND các", "Thường xuyên", "Hồ sơ được số hóa"]
    rest = ["", "định; bảo đảm tỷ lệ số hóa hồ sơ đạt 100%", "", "xã, phường", "", ""]
    sub = ["", "a) Cơ sở dữ liệu đất đai.", "Sở Nông nghiệp và Môi trường", "Công an tỉnh", "Tháng 9/2026", "Dữ liệu"]
    unlabelled = ["", "Cơ sở dữ liệu hộ tịch.", "Sở Tư pháp", "UBND các xã, phường", "Tháng 12/2026", "Dữ liệu số"]
    numbered = ["9", "xây dựng kho dữ liệu mở", "Sở Khoa học và Công nghệ", "", "", ""]
    assert _continues(above, rest)
    assert not _continues(above, sub) and not _continues(above, unlabelled) and not _continues(above, numbered)


def test_a_sub_row_under_merged_cells_at_the_top_of_a_page_is_its_own_row():
    """The number and task cells merged over two product rows are drawn anew, empty, on the next page:
    the second product row is not the rest of the first (its lead and monitor cells print whole names
    again), and it takes the number and task of the cells it goes on, as within a page."""
    from planparse.readers.lines import Line
    from planparse.readers.pdf import MERGED_ABOVE, _carry_merged, _continues

    above = ["3", "Tham mưu ban hành Kế hoạch tuyên truyền công tác cải cách hành chính\ntrên địa bàn tỉnh năm 2026",
             "Kế hoạch tuyên\ntruyền cải cách\nhành chính năm\n2026 của UBND\ntỉnh", "Ban hành kế\nhoạch trong\ntháng 01/2026",
             "Sở Nội vụ", "Các cơ quan,\nđơn vị, địa\nphương", "Sở Nội vụ"]
    sub = ["", "", "Kế hoạch tuyên\ntruyền cải cách\nhành chính năm\n2026 của cơ\nquan", "Ban hành kế\nhoạch trong\ntháng 01/2026",
           "Các cơ quan,\nđơn vị, địa\nphương", "", "Sở Nội vụ"]
    assert not _continues(above, sub)
    rows = [Line(text="\t".join(sub), start=0, end=0, lineno=1, page=2, cells=list(sub))]
    _carry_merged(above, rows)
    assert rows[0].cells[:2] == [MERGED_ABOVE + "3", MERGED_ABOVE + above[1]] and rows[0].cells[2:] == sub[2:]
    cut = ["", "", "", "chức thực hiện", "", "", ""]  # the rest of a deadline the break cut, in lower case
    assert _continues(above, cut)


def test_the_recipients_beside_the_signature_come_out_as_two_columns():
    from PIL import Image

    from planparse.readers.ocr import layout_words

    page = Image.new("RGB", (2480, 3508), "white")
    line = (20, 1, 1)
    words = [_word("Thực", (300, 2000, 400, 2050), (19, 1, 1)), _word("hiện./.", (420, 2000, 600, 2050), (19, 1, 1)),
             _word("Nơi", (250, 2200, 330, 2240), line), _word("nhận:", (340, 2200, 460, 2240), line),
             _word("KT.", (1500, 2195, 1580, 2245), line), _word("GIÁM", (1600, 2195, 1740, 2245), line),
             _word("ĐỐC", (1760, 2195, 1870, 2245), line),
             _word("-", (250, 2260, 270, 2300), (20, 1, 2)), _word("Như", (290, 2260, 380, 2300), (20, 1, 2)),
             _word("trên;", (390, 2260, 500, 2300), (20, 1, 2)), _word("PHÓ", (1480, 2258, 1580, 2302), (20, 1, 2)),
             _word("GIÁM", (1600, 2258, 1740, 2302), (20, 1, 2)), _word("ĐỐC", (1760, 2258, 1870, 2302), (20, 1, 2)),
             _word("-", (250, 2320, 270, 2360), (20, 1, 3)), _word("Lưu:", (290, 2320, 390, 2360), (20, 1, 3)),
             _word("VT.", (400, 2320, 470, 2360), (20, 1, 3)),
             _word("Hoàng", (1500, 2600, 1660, 2650), (21, 1, 1)), _word("Văn", (1680, 2600, 1780, 2650), (21, 1, 1)),
             _word("Thuân", (1800, 2600, 1950, 2650), (21, 1, 1))]
    out = layout_words(words, page, first_page=False)
    assert out.lines[0] == ("Thực hiện./.", None)
    assert [cells for _, cells in out.lines[1:]] == [["Nơi nhận:", "KT. GIÁM ĐỐC"], ["- Như trên;", "PHÓ GIÁM ĐỐC"],
                                                     ["- Lưu: VT.", ""], ["", "Hoàng Văn Thuân"]]


@needs_tesseract
def test_a_page_tesseract_cannot_read_is_left_out_with_a_warning(monkeypatch):
    """One page OCR fails on costs that page only: the others are read, and the warning names it."""
    import planparse.readers.pdf as pdf_reader

    real = pdf_reader.ocr_pdf_page_words
    calls = []

    def flaky(page, lang="vie", prepare=None):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("tesseract: image too large")
        return real(page, lang, prepare)

    monkeypatch.setattr(pdf_reader, "ocr_pdf_page_words", flaky)
    doc = read_document(KH1105)
    assert any("pages 2 could not be OCR'd (tesseract: image too large)" in w for w in doc.warnings)
    assert {b.page for b in doc.blocks} >= {1, 3}


def test_a_date_cut_at_its_year_is_joined_and_other_figures_are_not():
    from planparse.readers.pdf import _cell_text
    assert _cell_text("Trước 15/12/20\n26") == "Trước 15/12/2026"
    assert _cell_text("Tháng 01/2025\n02/2025") == "Tháng 01/2025\n02/2025"
    assert _cell_text("QĐ 15/2020\n2021-2025") == "QĐ 15/2020\n2021-2025"


def test_the_coloured_ink_mask_read_in_bands_is_the_mask_of_the_whole_page():
    """A red seal across a band boundary and a blue signature: the same blocks as testing the page at once."""
    import numpy as np
    from PIL import Image

    from planparse.readers import ocr

    page = np.full((700, 333, 3), 255, dtype=np.uint8)
    page[240:300, 40:120] = (200, 30, 30)  # red, across the first band's end (256 rows)
    page[500:505, 200:330] = (20, 20, 180)  # a blue stroke
    page[100:110, 10:300] = (10, 10, 10)  # black print is not coloured
    a = page.astype(np.int16)
    r, g, b = a[..., 0], a[..., 1], a[..., 2]
    whole = ((r - np.maximum(g, b) > 60) & (r > 120)) | ((b - np.maximum(r, g) > 40) & (b > 100))
    h, w = 700 // 8 * 8, 333 // 8 * 8
    expected = whole[:h, :w].reshape(h // 8, 8, w // 8, 8).any(axis=(1, 3))
    got = ocr._coloured_mask(Image.fromarray(page), 8)
    assert got.shape == expected.shape and (got == expected).all() and got.sum() == expected.sum() > 0


def test_a_hyphen_pdfium_marks_at_a_line_end_is_kept():
    # pdfium joins "24/KH-" / "UBND" and writes the hyphen as U+FFFE (as \x02 in a box's text): Vietnamese
    # breaks no syllable at a line end, so the hyphen is printed text
    from planparse.readers.pdf import _clean
    assert _clean("Kế hoạch số 24/KH\ufffeUBND ngày 14/8/2025") == "Kế hoạch số 24/KH-UBND ngày 14/8/2025"
    assert _clean("Nghị quyết số 71/NQ\x02CP của Chính phủ") == "Nghị quyết số 71/NQ-CP của Chính phủ"
    assert _clean("Quí IV\ufffe2025") == "Quí IV-2025"


def test_a_list_line_each_item_repeats_is_not_a_running_header_wherever_pages_break():
    from planparse.readers.lines import Line
    from planparse.readers.pdf import _drop_furniture

    def page(n, *texts):
        return [Line(text=t, start=0, end=len(t), lineno=k, page=n) for k, t in enumerate(texts)]
    lead = "- Đơn vị chủ trì: Sở Khoa học và Công nghệ."
    pages = [page(n, "UBND TỈNH AN GIANG", f"{n}. Triển khai nhiệm vụ số {n} của Kế hoạch", lead, "Trang " + str(n))
             for n in range(1, 5)]
    kept = [ln.text for ln in _drop_furniture(pages) if not ln.blank]
    assert kept.count(lead) == 4 and "UBND TỈNH AN GIANG" not in kept and not any(t.startswith("Trang") for t in kept)


def _has_osd() -> bool:
    import subprocess

    if shutil.which("tesseract") is None:
        return False
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split()
    return "osd" in out and "vie" in out


FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@pytest.mark.skipif(not _has_osd() or not FONT.exists(), reason="needs tesseract with osd and vie, and DejaVu Sans")
@pytest.mark.parametrize("turn", [90, 180])
def test_a_page_scanned_on_its_side_or_upside_down_is_read_upright(tmp_path, turn):
    from PIL import Image, ImageDraw, ImageFont

    lines = ["ỦY BAN NHÂN DÂN XÃ AN PHÚ", "Số: 12/KH-UBND", "An Phú, ngày 10 tháng 3 năm 2026", "", "KẾ HOẠCH",
             "Phòng chống dịch bệnh năm 2026", "", "I. NHIỆM VỤ",
             "1. Trạm Y tế xã chủ trì, phối hợp với Công an xã tuyên truyền phòng chống dịch.",
             "2. Công an xã bảo đảm an ninh trật tự trên địa bàn xã trong mùa dịch.",
             "3. Các thôn tổ chức tổng vệ sinh môi trường, hoàn thành trước ngày 30/5/2026.",
             "II. TỔ CHỨC THỰC HIỆN", "Văn phòng UBND xã tổng hợp, báo cáo kết quả trước ngày 15/12/2026."]
    page = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    draw, font = ImageDraw.Draw(page), ImageFont.truetype(str(FONT), 34)
    for k, line in enumerate(lines):
        draw.text((150, 150 + 52 * k), line, font=font, fill=0)
    pdf = tmp_path / "turned.pdf"
    page.rotate(turn, expand=True).convert("RGB").save(pdf, resolution=200)
    plan = extract_file(pdf)
    assert any("scanned turned on its side or upside down" in w for w in plan.warnings)
    assert plan.meta.number == "12/KH-UBND" and [t.lead for t in plan.tasks][:2] == [["Trạm Y tế xã"], ["Công an xã"]]


def test_a_heading_ocr_read_one_letter_off_is_still_the_type_heading():
    from planparse.models import Block
    from planparse.structure import heading_type_and_rest

    for printed in ("KẼẾHOẠCH", "KẾHOẠCH", "KẾ HOẠCHH"):
        assert heading_type_and_rest(Block(id="b0", kind="paragraph", text=printed))[0] == "kế hoạch", printed
    assert heading_type_and_rest(Block(id="b0", kind="paragraph", text="KẾ TOÁN"))[0] is None
