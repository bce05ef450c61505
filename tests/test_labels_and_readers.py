from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planparse.labels import parse_label
from planparse.readers.text import text_to_document


def test_labels():
    assert parse_label("II. NHIỆM VỤ")[0].style == "ROMAN"
    assert parse_label("1.2.1. Đảm bảo")[0].style == "DEC3"
    assert parse_label("2.1 Mục tiêu:")[0].key == "1"
    assert parse_label("b) Trách nhiệm")[0].style == "ALPHA"
    assert parse_label("01/NQ-CP ngày 06/01/2023")[0] is None
    assert parse_label("100% cán bộ")[0] is None


def test_a_plans_part_is_a_label_of_the_top_level_and_a_part_named_in_a_sentence_is_not():
    assert [(lb.style, lb.key, rest) for lb, rest in map(parse_label, ["Phần thứ hai", "PHẦN II. NHIỆM VỤ", "Phần 3"])] == [
        ("ROMAN", "P2", ""), ("ROMAN", "P2", "NHIỆM VỤ"), ("ROMAN", "P3", "")]
    assert parse_label("Phần I của Kế hoạch này")[0] is None
    assert parse_label("Phần III Kế hoạch này; tuyên truyền nâng cao nhận thức")[0] is None  # a line a PDF broke
    assert parse_label("Phần kinh phí do ngân sách nhà nước bảo đảm")[0] is None


def test_labels_closed_by_a_slash_or_a_dash_as_older_and_commune_plans_type_them():
    assert [(lb.style, lb.key, rest) for lb, rest in map(parse_label, [
        "I/ MỤC ĐÍCH, YÊU CẦU", "1/ Mục đích:", "a/ Tuyên truyền trên hệ thống loa", "b- Tổ chức hội nghị",
        "2.1- Thời gian", "2.2/ Địa điểm"])] == [
        ("ROMAN", "I", "MỤC ĐÍCH, YÊU CẦU"), ("DEC1", "1", "Mục đích:"), ("ALPHA", "a", "Tuyên truyền trên hệ thống loa"),
        ("ALPHA", "b", "Tổ chức hội nghị"), ("DEC2", "1", "Thời gian"), ("DEC2", "2", "Địa điểm")]
    assert [(lb.style, lb.key, rest) for lb, rest in map(parse_label, ["1 - Phòng Y tế: tham mưu", "2 – Trung tâm Y tế"])] \
        == [("DEC1", "1", "Phòng Y tế: tham mưu"), ("DEC1", "2", "Trung tâm Y tế")]  # the dash after a space
    # a date, a fraction, an OCR'd "b/." label, a prefixed word, a range are not
    for text in ("1/2026 là năm bản lề", "1/ 3 số xã đạt chuẩn", "b/. Địa chỉ:", "e-Government", "2 - 3 lớp tập huấn"):
        assert parse_label(text)[0] is None, text
    from planparse.pipeline import document_to_plan
    doc = text_to_document("KẾ HOẠCH\nTuyên truyền bầu cử năm 2026\nI/ MỤC ĐÍCH, YÊU CẦU\n1/ Mục đích: Nâng cao nhận thức.\n"
                           "II/ NỘI DUNG\n1/ Tuyên truyền trên loa truyền thanh.\n2/ Tổ chức hội nghị cử tri.\n", "x.txt")
    assert [t.ref for t in document_to_plan(doc).tasks] == ["II.1", "II.2"]


def test_solutions_counted_in_words_are_ordinal_labels():
    assert [(lb.style, lb.key, rest) for lb, rest in map(parse_label, [
        "Một là, tăng cường sự lãnh đạo của cấp ủy.", "Hai là: đổi mới công tác tuyên truyền.", "Bốn là, huy động nguồn lực."])] == [
        ("ORDINAL", "1", "tăng cường sự lãnh đạo của cấp ủy."), ("ORDINAL", "2", "đổi mới công tác tuyên truyền."),
        ("ORDINAL", "4", "huy động nguồn lực.")]
    assert parse_label("Năm 2026 là năm bản lề")[0] is None
    assert parse_label("Hai làng nghề được công nhận")[0] is None


def test_symbol_font_and_arrow_bullets_are_bullets():
    # a PDF keeps Word's Symbol bullet as the private-use U+F0B7; arrows and diamonds are Word's other bullets
    for bullet in ("\uf0b7", "➢", "❖", "✓"):
        label, rest = parse_label(f"{bullet} Tổ chức tuyên truyền trên loa truyền thanh.")
        assert label is not None and label.style == "DOT" and rest == "Tổ chức tuyên truyền trên loa truyền thanh.", bullet
    from planparse.pipeline import document_to_plan
    doc = text_to_document("KẾ HOẠCH\nTuyên truyền bầu cử năm 2026\nII. NỘI DUNG\n1. Tuyên truyền\n"
                           "\uf0b7 Phát thanh trên loa truyền thanh xã.\n\uf0b7 Treo băng rôn tại trụ sở.\n", "x.txt")
    assert [t.ref for t in document_to_plan(doc).tasks] == ["II.1.1", "II.1.2"]


def test_a_roman_numeral_with_a_dash_or_before_a_heading_in_capitals_without_its_dot_is_a_section_label():
    assert [(lb.style, lb.key, rest) for lb, rest in map(parse_label, [
        "II- NỘI DUNG KẾ HOẠCH", "IV - Tổ chức thực hiện", "III TỔ CHỨC THỰC HIỆN"])] == [
        ("ROMAN", "II", "NỘI DUNG KẾ HOẠCH"), ("ROMAN", "IV", "Tổ chức thực hiện"), ("ROMAN", "III", "TỔ CHỨC THỰC HIỆN")]
    assert parse_label("V Sở Y tế chủ trì")[0] is None  # a bare numeral only over a section's heading in capitals
    assert parse_label("XIV CỦA ĐẢNG; TĂNG TỐC, BỨT PHÁ HOÀN THÀNH CÁC MỤC TIÊU")[0] is None  # a title's wrapped line
    assert parse_label("IV KINH PHÍ THỰC HIỆN")[0].key == "IV"
    assert parse_label("VI PHẠM HÀNH CHÍNH TRONG LĨNH VỰC THƯƠNG MẠI")[0] is None  # "vi phạm" is a word
    assert parse_label("X QUANG")[0] is None
    doc = text_to_document("KẾ HOẠCH\nKiểm tra an toàn năm 2026\nI. MỤC ĐÍCH\nBảo đảm an toàn.\n"
                           "III TỔ CHỨC THỰC HIỆN\nGiao phòng Quản lý Công nghiệp thực hiện các công việc sau:\n"
                           "1. Tổ chức kiểm tra.\n", "x.txt")
    from planparse.pipeline import document_to_plan
    assert [(t.ref, t.lead) for t in document_to_plan(doc).tasks] == [("III.1", ["phòng Quản lý Công nghiệp"])]


def test_a_capital_letter_over_a_heading_in_capitals_is_a_part_label():
    assert [(lb.style, lb.key, rest) for lb, rest in map(parse_label, ["A. NHIỆM VỤ CHUNG", "B- NHIỆM VỤ CỤ THỂ",
                                                                        "Đ. KHEN THƯỞNG"])] == [
        ("UPPER", "A", "NHIỆM VỤ CHUNG"), ("UPPER", "B", "NHIỆM VỤ CỤ THỂ"), ("UPPER", "Đ", "KHEN THƯỞNG")]
    assert parse_label("A. Nguyễn Văn Bình, Trưởng thôn")[0] is None  # an initial, not a part
    assert parse_label("B. Kế hoạch số 12/KH-UBND")[0] is None
    assert parse_label("I. NHIỆM VỤ")[0].style == "ROMAN"  # I, V, X are Roman numerals


def test_capital_letter_parts_hold_their_numbered_items_and_unit_headings():
    from planparse.pipeline import document_to_plan

    text = ("KẾ HOẠCH\nPhát triển văn hóa đọc năm 2025\nII. NHIỆM VỤ VÀ GIẢI PHÁP\nA. NHIỆM VỤ CHUNG\n"
            "1. Đẩy mạnh tuyên truyền về văn hóa đọc.\nB. NHIỆM VỤ CỤ THỂ\n1. Phòng Văn hóa và Thông tin\n"
            "a) Chủ trì tổ chức Ngày sách và Văn hóa đọc Việt Nam.\n2. UBND các xã, thị trấn\n"
            "Bố trí không gian đọc tại nhà văn hóa thôn.\nIII. TỔ CHỨC THỰC HIỆN\n"
            "Phòng Văn hóa và Thông tin theo dõi, tổng hợp báo cáo UBND huyện.\n")
    plan = document_to_plan(text_to_document(text, "x.txt"))
    assert [(t.ref, t.text[:20], t.lead) for t in plan.tasks] == [
        ("II.A.1", "Đẩy mạnh tuyên truyề", []),
        ("II.B.1", "Chủ trì tổ chức Ngày", ["Phòng Văn hóa và Thông tin"]),  # a unit's single duty takes its ref
        ("II.B.2", "Bố trí không gian đọ", ["UBND các xã, thị trấn"]),
        ("III.1", "Phòng Văn hóa và Thô", ["Phòng Văn hóa và Thông tin"])]


def test_a_parts_title_under_its_label_names_it_and_its_items_are_its_own():
    from planparse.pipeline import document_to_plan

    text = ("KẾ HOẠCH\nPhát triển kinh tế - xã hội năm 2026\nPhần thứ nhất\nĐÁNH GIÁ KẾT QUẢ NĂM 2025\n"
            "I. KẾT QUẢ ĐẠT ĐƯỢC\n1. Tổng giá trị sản xuất đạt 95% kế hoạch.\nPhần thứ hai\nNHIỆM VỤ NĂM 2026\n"
            "I. NHIỆM VỤ, GIẢI PHÁP\n1. Tăng cường công tác quản lý đất đai.\nPhần thứ ba\nTỔ CHỨC THỰC HIỆN\n"
            "1. Phòng Kinh tế\n- Hướng dẫn các hợp tác xã xây dựng phương án sản xuất.\n")
    plan = document_to_plan(text_to_document(text, "x.txt"))
    assert [(t.ref, t.text, t.lead) for t in plan.tasks] == [
        ("I.1", "Tăng cường công tác quản lý đất đai.", []),
        ("P3.1", "Hướng dẫn các hợp tác xã xây dựng phương án sản xuất.", ["Phòng Kinh tế"])]
    assert plan.kpis == []  # the first part reports what was done


def test_wrapped_lines_with_blank_lines_join_into_paragraphs():
    text = ("1. Giao nhiệm vụ cho tổ công nghệ số cộng đồng, trong đó thành viên tổ\n\n"
            "công nghệ số hướng dẫn người dân.\n\n- Đơn vị chủ trì thực hiện: UBND các phường;\n")
    doc = text_to_document(text, "x.txt")
    assert [b.text for b in doc.blocks] == [
        "1. Giao nhiệm vụ cho tổ công nghệ số cộng đồng, trong đó thành viên tổ công nghệ số hướng dẫn người dân.",
        "- Đơn vị chủ trì thực hiện: UBND các phường;"]


def test_name_broken_at_its_hyphen_is_not_a_bullet():
    text = "- Đơn vị phối hợp thực hiện: phòng Văn hóa Thông tin, Văn phòng HĐND\n\n- UBND tỉnh.\n"
    doc = text_to_document(text, "x.txt")
    assert len(doc.blocks) == 1 and doc.blocks[0].text.endswith("Văn phòng HĐND - UBND tỉnh.")


def test_leaked_url_line_is_dropped():
    text = "1.1. Mục tiêu: tài khoản qua phần\nhttps://example.vn/a?b=1\nmềm VNeID.\n"
    doc = text_to_document(text, "x.txt")
    assert doc.blocks[0].text == "1.1. Mục tiêu: tài khoản qua phần mềm VNeID."


def test_block_offsets_point_into_the_source():
    text = "KẾ HOẠCH\n\nThực hiện Kế hoạch số 1/KH-UBND ngày 2/3/2024.\n"
    doc = text_to_document(text, "x.txt")
    for b in doc.blocks:
        assert text[b.start:b.end].strip().startswith(b.text[:5])


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_text_reader_never_raises(text):
    doc = text_to_document(text, "fuzz.txt")
    for b in doc.blocks:
        if b.kind == "row":
            assert b.cells
        else:
            assert b.text and b.text == b.text.strip()


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(max_size=60))
def test_parse_label_never_raises_and_keeps_text(text):
    label, rest = parse_label(text)
    assert label is not None or rest == text


def test_spilled_task_table_rows_are_rebuilt():
    from planparse.pipeline import document_to_plan

    text = "\n".join([
        "KẾ HOẠCH", "Cung cấp dịch vụ công trực tuyến năm 2021", "I. NỘI DUNG", "(Thực hiện theo Phụ lục kèm theo)",
        "PHỤ LỤC", "NỘI DUNG CUNG CẤP DỊCH VỤ CÔNG NĂM 2021",
        "TT Tên nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp", "Thời gian", "hoàn thành", "Sản phẩm", "hoàn thành",
        "1.1", "Lập danh sách thủ tục hành chính", "đủ điều kiện", "Phòng, cơ quan chuyên", "môn; UBND phường",
        "Văn phòng", "HĐND-UBND", "thị xã", "20/8", "Báo cáo danh mục",
        "Triển khai thực hiện ký số các văn", "bản điện tử", "Phòng, cơ quan chuyên", "môn", "Văn phòng", "HĐND-UBND thị xã",
        "Thường xuyên", "Văn bản điện tử",
    ])
    plan = document_to_plan(text_to_document(text, "spilled.txt"))
    rows = [(t.ref, t.lead, t.support, t.deadline.kind if t.deadline else None) for t in plan.tasks if t.ref.startswith("PL")]
    assert rows == [("PL.1.1", ["Phòng, cơ quan chuyên môn", "UBND phường"], ["Văn phòng HĐND-UBND thị xã"], "on"),
                    ("PL.2", ["Phòng, cơ quan chuyên môn"], ["Văn phòng HĐND-UBND thị xã"], "ongoing")]


def test_a_spilled_task_cell_continues_past_a_line_ending_in_cua():
    from planparse.pipeline import document_to_plan

    text = "\n".join([
        "KẾ HOẠCH", "Cung cấp dịch vụ công trực tuyến năm 2021", "I. NỘI DUNG", "(Thực hiện theo Phụ lục kèm theo)",
        "PHỤ LỤC", "NỘI DUNG CUNG CẤP DỊCH VỤ CÔNG NĂM 2021",
        "TT Tên nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp", "Thời gian", "hoàn thành", "Sản phẩm", "hoàn thành",
        "1", "Xây dựng video hướng dẫn đăng tải", "trên Trang thông tin điện tử của", "Cơ quan, đơn vị, mạng xã hội",
        "Phòng, cơ quan chuyên", "môn; UBND phường", "Văn phòng", "HĐND-UBND thị xã", "Thường xuyên", "Video",
    ])
    task = [t for t in document_to_plan(text_to_document(text, "spilled.txt")).tasks if t.ref.startswith("PL")][0]
    assert "Cơ quan, đơn vị, mạng xã hội" in task.text
    assert task.lead == ["Phòng, cơ quan chuyên môn", "UBND phường"] and task.support == ["Văn phòng HĐND-UBND thị xã"]


def test_a_pdf_cell_printing_one_name_a_line_keeps_its_lines_and_a_wrapped_list_does_not():
    from planparse.readers.text import _cell
    names = _cell("Đỗ Mạnh Cường\nVũ Việt Linh\nNguyễn Thị Loan")
    assert names.text == "Đỗ Mạnh Cường Vũ Việt Linh Nguyễn Thị Loan"
    assert names.lines == ["Đỗ Mạnh Cường", "Vũ Việt Linh", "Nguyễn Thị Loan"]
    assert _cell("Văn phòng\nUBND tỉnh").lines is None
    assert _cell("\x01Các sở, ban, ngành tỉnh; UBND các\nxã, phường").merged_above


def test_a_numbered_heading_wrapped_onto_a_short_capitals_line_is_one_heading():
    text = ("III. NỘI DUNG, GIẢI PHÁP TRỌNG TÂM VÀ PHÂN CÔNG\nNHIỆM VỤ\n"
            "1. Triển khai các giải pháp tổng thể nhằm nâng cao hiệu lực quản lý của Nhà nước.\n")
    doc = text_to_document(text, "x.txt")
    assert doc.blocks[0].text == "III. NỘI DUNG, GIẢI PHÁP TRỌNG TÂM VÀ PHÂN CÔNG NHIỆM VỤ"


def test_a_line_break_inside_an_open_bracket_does_not_end_the_paragraph():
    text = ("- Sở Văn hóa, Thể thao và Du lịch tham mưu triển khai các nội dung tại Tiểu dự án 1 (thuộc Dự án 7:\n"
            "Truyền thông, giáo dục về phòng, chống ma túy).\n- Sở Giáo dục và Đào tạo tham mưu triển khai.\n")
    doc = text_to_document(text, "x.txt")
    assert len(doc.blocks) == 2 and doc.blocks[0].text.endswith("(thuộc Dự án 7: Truyền thông, giáo dục về phòng, chống ma túy).")


def test_a_cell_printing_a_name_a_line_keeps_the_names_apart_even_with_a_small_middle_name():
    from planparse.readers.text import _cell

    cell = _cell("Đỗ Mạnh Cường\nVũ Việt Linh\nNguyễn Thị thúy Nhung")
    assert cell.lines == ["Đỗ Mạnh Cường", "Vũ Việt Linh", "Nguyễn Thị thúy Nhung"]
    assert _cell("Văn phòng UBND\ntỉnh Lâm Đồng").lines is None  # a name wrapped over two lines


def test_a_mark_ocr_left_between_the_words_of_a_name_in_a_cell_does_not_part_the_names():
    from planparse.readers.text import _cell

    cell = _cell("Trần Văn Nam\nLê Thị - Hoa\nPhạm | Quốc Huy")  # a speck or a rule read as '-' or '|'
    assert cell.lines == ["Trần Văn Nam", "Lê Thị Hoa", "Phạm Quốc Huy"]
    assert cell.text == "Trần Văn Nam Lê Thị Hoa Phạm Quốc Huy"
    assert _cell("Văn phòng - Thống kê\nCông an xã").lines is None  # units, not names


def test_the_capital_and_small_letter_classes_tell_vietnamese_case():
    import re

    from planparse.text import LOWER, UPPER, vi
    assert all(re.fullmatch(UPPER, c) for c in "AĂÂĐÊÔƠƯÀẢÃÁẠỦỸ") and not any(re.fullmatch(UPPER, c) for c in "aăđêủỹ")
    assert all(re.fullmatch(LOWER, c) for c in "aăâđêôơưàảãáạủỹ") and not any(re.fullmatch(LOWER, c) for c in "AĐỦ")
    # the range "À-Ỹ" holds small letters too: a pattern written with it reads them as capitals
    assert re.fullmatch("[A-ZĐÀ-Ỹ]", "ủ") and not re.fullmatch(vi("[A-ZĐÀ-Ỹ]"), "ủ")


def test_heading_cells_of_a_page_saved_as_text_are_rejoined(tmp_path):
    """A legal-text site's page saved as text parts the heading cells by lines holding only "|" and wraps each
    cell's first line after one word: the issuer, number and place come out whole, as from a DOCX heading."""
    from planparse.pipeline import extract_file

    text = ("ỦY\nBAN NHÂN DÂN\nHUYỆN ĐÔNG SƠN\n-------\n|\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\n---------------\n|\nSố:\n57/KH-UBND\n|\nĐông\nSơn, ngày 04 tháng 3 năm 2023\n"
            "|\nKẾ HOẠCH\nTuyên truyền phòng chống thiên tai năm 2023\nI. MỤC ĐÍCH, YÊU CẦU\n"
            "1. Nâng cao nhận thức của người dân.\nII. NHIỆM VỤ\n1. Phòng Nông nghiệp chủ trì tổ chức tập huấn, "
            "hoàn thành trước ngày 30/6/2023.\n")
    doc = text_to_document(text, "x.txt")
    assert [(b.text, b.line) for b in doc.blocks[:7]] == [
        ("ỦY BAN NHÂN DÂN", 1), ("HUYỆN ĐÔNG SƠN", 3), ("-------", 4), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 6),
        ("Độc lập - Tự do - Hạnh phúc ---------------", 8), ("Số: 57/KH-UBND", 11),
        ("Đông Sơn, ngày 04 tháng 3 năm 2023", 14)]
    assert text[doc.blocks[0].start:doc.blocks[0].end] == "ỦY\nBAN NHÂN DÂN"  # offsets still those of the source
    path = tmp_path / "x.txt"
    path.write_text(text, encoding="utf-8")
    meta = extract_file(path).meta
    assert (meta.issuer, meta.number, meta.place, meta.date) == ("UBND huyện Đông Sơn", "57/KH-UBND", "Đông Sơn",
                                                                  "2023-03-04")
    plain = "ỦY\nBAN NHÂN DÂN\nXÃ AN PHÚ\nSố:\n12/KH-UBND\nKẾ HOẠCH\nTuyên truyền\n"  # no "|" lines: lines as read
    assert [b.text for b in text_to_document(plain, "y.txt").blocks][:4] == ["ỦY", "BAN NHÂN DÂN", "XÃ AN PHÚ", "Số:"]


@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="reading .odt/.rtf needs LibreOffice")
def test_odt_and_rtf_plans_are_read_through_libreoffice_as_the_docx_they_were_saved_from(tmp_path):
    import subprocess

    from planparse.pipeline import extract_file
    src = Path(__file__).parent.parent / "corpus" / "docx" / "000_db1299a2e6faf1e1.docx"
    want = [(t.text, t.lead) for t in extract_file(src).tasks]
    for fmt in ("odt", "rtf"):
        subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                        "--convert-to", fmt, "--outdir", str(tmp_path), str(src)], check=True, capture_output=True,
                       timeout=120)
        plan = extract_file(tmp_path / f"{src.stem}.{fmt}")
        assert [(t.text, t.lead) for t in plan.tasks] == want, fmt
        assert f"converted from .{fmt} with LibreOffice" in plan.warnings


def test_paragraphs_a_template_wrapped_in_content_controls_are_read_in_their_place(tmp_path):
    from docx import Document as Docx
    from docx.oxml.ns import qn
    from lxml import etree

    from planparse.pipeline import extract_file
    from planparse.readers import read_document

    d = Docx()
    for t in ["ỦY BAN NHÂN DÂN", "XÃ AN PHÚ", "Số: 12/KH-UBND", "KẾ HOẠCH", "Phòng chống dịch năm 2026", "I. NHIỆM VỤ",
              "1. Trạm Y tế xã chủ trì, phối hợp với Công an xã tuyên truyền.", "2. Công an xã bảo đảm an ninh trật tự."]:
        d.add_paragraph(t)
    paragraphs = [c for c in d.element.body.iterchildren() if c.tag == qn("w:p")]
    sdt = etree.Element(qn("w:sdt"))  # a content control holding custom XML holding the plan's body
    paragraphs[5].addprevious(sdt)
    wrapped = etree.SubElement(etree.SubElement(sdt, qn("w:sdtContent")), qn("w:customXml"))
    for p in paragraphs[5:]:
        wrapped.append(p)
    table = d.add_table(rows=2, cols=2)
    for r, row in enumerate([("TT", "Nội dung"), ("1", "Phun hóa chất")]):
        for c, v in enumerate(row):
            table.cell(r, c).text = v
    tr = table._tbl.findall(qn("w:tr"))[1]
    row_control = etree.Element(qn("w:sdt"))  # a row in a content control, its second cell in another
    tr.addprevious(row_control)
    etree.SubElement(row_control, qn("w:sdtContent")).append(tr)
    tc = tr.findall(qn("w:tc"))[1]
    cell_control = etree.Element(qn("w:sdt"))
    tc.addprevious(cell_control)
    etree.SubElement(cell_control, qn("w:sdtContent")).append(tc)
    d.save(tmp_path / "sdt.docx")
    blocks = read_document(tmp_path / "sdt.docx").blocks
    assert [b.text for b in blocks if b.kind != "row"][4:] == [
        "Phòng chống dịch năm 2026", "I. NHIỆM VỤ", "1. Trạm Y tế xã chủ trì, phối hợp với Công an xã tuyên truyền.",
        "2. Công an xã bảo đảm an ninh trật tự."]
    assert [[c.text for c in b.cells] for b in blocks if b.kind == "row"] == [["TT", "Nội dung"], ["1", "Phun hóa chất"]]
    assert [t.lead for t in extract_file(tmp_path / "sdt.docx").tasks][:2] == [["Trạm Y tế xã"], ["Công an xã"]]


def test_items_parted_by_line_breaks_in_one_word_paragraph_are_items_a_wrapped_line_is_not(tmp_path):
    from docx import Document as Docx
    from docx.enum.text import WD_BREAK

    from planparse.readers import read_document

    d = Docx()
    p = d.add_paragraph()
    lines = ["1. Trạm Y tế xã chủ trì tuyên truyền phòng chống dịch", "trên địa bàn xã; thời gian: quý II/2026.",
             "2. Công an xã bảo đảm an ninh trật tự, phối hợp các tổ chức chính trị", "- xã hội.",
             "- Các thôn tổ chức tổng vệ sinh."]
    for k, line in enumerate(lines):
        run = p.add_run(line)
        if k < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)
    d.save(tmp_path / "br.docx")
    assert [b.text for b in read_document(tmp_path / "br.docx").blocks] == [
        "1. Trạm Y tế xã chủ trì tuyên truyền phòng chống dịch trên địa bàn xã; thời gian: quý II/2026.",
        "2. Công an xã bảo đảm an ninh trật tự, phối hợp các tổ chức chính trị - xã hội.",
        "- Các thôn tổ chức tổng vệ sinh."]


def test_a_plan_typed_inside_a_one_column_table_is_read_as_its_paragraphs(tmp_path):
    from docx import Document as Docx

    from planparse.pipeline import extract_file

    d = Docx()
    heading = d.add_table(rows=1, cols=2)  # a heading of two columns stays a table
    heading.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ AN PHÚ\nSố: 12/KH-UBND"
    heading.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nAn Phú, ngày 10 tháng 3 năm 2026"
    cell = d.add_table(rows=1, cols=1).cell(0, 0)  # the frame drawn round the rest
    cell.text = "KẾ HOẠCH"
    for line in ["Phòng chống dịch năm 2026", "I. NHIỆM VỤ", "1. Trạm Y tế xã chủ trì tuyên truyền.",
                 "2. Công an xã bảo đảm an ninh trật tự."]:
        cell.add_paragraph(line)
    d.save(tmp_path / "frame.docx")
    plan = extract_file(tmp_path / "frame.docx")
    assert (plan.meta.number, plan.meta.issuer, plan.meta.title) == ("12/KH-UBND", "UBND xã An Phú",
                                                                     "Phòng chống dịch năm 2026")
    assert [(t.ref, t.lead) for t in plan.tasks] == [("I.1", ["Trạm Y tế xã"]), ("I.2", ["Công an xã"])]


def test_text_typed_in_legacy_fonts_is_read_by_its_font_and_an_h_font_shows_capitals(tmp_path):
    from docx import Document as Docx

    from planparse.pipeline import extract_file
    from planparse.readers import read_document
    from planparse.repair.legacy import encode_tcvn3, encode_vni

    d = Docx()
    for text, font in [("ủy ban nhân dân", ".VnTimeH"), ("xã tân hòa", ".VnTimeH"), ("Số: 45/KH-UBND", ".VnTime"),
                       ("kế hoạch", ".VnTimeH"), ("Chuyển đổi số năm 2026", ".VnTime"), ("i. nhiệm vụ", ".VnTimeH"),
                       ("1. Công an xã chủ trì rà soát dữ liệu dân cư.", "VNI-Times"),
                       ("2. Trạm Y tế xã tuyên truyền phòng dịch.", ".VnTime")]:
        run = d.add_paragraph().add_run(encode_vni(text) if font.startswith("VNI") else encode_tcvn3(text))
        run.font.name = font
    d.add_paragraph().add_run("Nơi nhận: Lưu VT.").font.name = ".VnTime"  # Unicode in a legacy font: left as is
    d.save(tmp_path / "legacy.docx")
    doc = read_document(tmp_path / "legacy.docx")
    assert [b.text for b in doc.blocks] == [
        "ỦY BAN NHÂN DÂN", "XÃ TÂN HÒA", "Số: 45/KH-UBND", "KẾ HOẠCH", "Chuyển đổi số năm 2026", "I. NHIỆM VỤ",
        "1. Công an xã chủ trì rà soát dữ liệu dân cư.", "2. Trạm Y tế xã tuyên truyền phòng dịch.", "Nơi nhận: Lưu VT."]
    assert any("legacy Vietnamese fonts" in w and ".VnTimeH" in w and "VNI-Times" in w for w in doc.warnings)
    plan = extract_file(tmp_path / "legacy.docx")
    assert (plan.meta.issuer, [t.lead for t in plan.tasks]) == ("UBND xã Tân Hòa", [["Công an xã"], ["Trạm Y tế xã"]])


def test_page_numbers_a_copy_from_a_pdf_left_among_the_lines_are_not_text():
    doc = text_to_document("I. NHIỆM VỤ\n1. Phòng Tài chính tham mưu bố trí kinh phí; thời gian: tháng\n6/2026.\nTrang 2/3\n"
                           "2. UBND các xã tuyên truyền.\n- 3 -\n3. Các thôn tổng vệ sinh.\n", "x.txt")
    assert [b.text for b in doc.blocks] == ["I. NHIỆM VỤ", "1. Phòng Tài chính tham mưu bố trí kinh phí; thời gian: tháng 6/2026.",
                                            "2. UBND các xã tuyên truyền.", "3. Các thôn tổng vệ sinh."]
    # a bare number stays: it may be a row's number a copy spilled one cell a line
    assert "2" in " ".join(b.text for b in text_to_document("TT\nNội dung\n1\nRà soát\n2\nKiểm tra\n", "x.txt").blocks).split()
