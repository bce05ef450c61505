"""Metadata and implements rules of the data contract, on small real-looking snippets."""
import pytest

from planparse.extraction.citations import Places, extract_citations_from, normalise_cited_issuer
from planparse.extraction.meta import extract_meta, heading_bodies, heading_lines
from planparse.models import Block, Cell
from planparse.structure import build_structure
from planparse.models import Document


def _row(i, *cells):
    cs = [Cell(text=" ".join(c), lines=list(c) if len(c) > 1 else None) for c in cells]
    return Block(id=f"h{i}", kind="row", text=" | ".join(c.text for c in cs), cells=cs, table=0)


def _meta(header_rows, body=("KẾ HOẠCH", "Kiểm tra công tác năm 2026", "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích")):
    blocks = list(header_rows) + [Block(id=f"b{k}", kind="paragraph", text=t) for k, t in enumerate(body)]
    return extract_meta(build_structure(Document(source="x.docx", format="docx", blocks=blocks)))[0]


@pytest.mark.parametrize("left,issuer,level", [
    (("UBND TỈNH LÀO CAI", "SỞ CÔNG THƯƠNG", "Số: /KH-SCT"), "Sở Công Thương tỉnh Lào Cai", "province"),
    (("ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: /KH-UBND"), "UBND tỉnh Lâm Đồng", "province"),
    (("UỶ BAN MTTQ VIỆT NAM", "PHƯỜNG BẮC CAM RANH", "BAN THƯỜNG TRỰC", "Số: /KH-MTTQ-BTT"),
     "Ban Thường trực Ủy ban MTTQ Việt Nam phường Bắc Cam Ranh", "commune"),
    (("ỦY BAN BẦU CỬ XÃ PHỐ BẢNG", "TIỂU BAN THÔNG TIN, TUYÊN TRUYỀN, KHÁNH TIẾT", "Số: 01/KH-TBTTKT"),
     "Tiểu ban thông tin, tuyên truyền, khánh tiết xã Phố Bảng", "commune"),
    # the youth union's executive committee under its district union, named by its abbreviation
    (("HUYỆN ĐOÀN THANH CHƯƠNG", "BCH ĐOÀN XÃ THANH NGỌC", "Số: 08-KH/ĐTN"), "BCH Đoàn xã Thanh Ngọc", "commune"),
    # a body that ends with its level word takes its superior's place name after it, not the level again
    (("UBND XÃ AN PHÚ", "CÔNG AN XÃ", "Số: 02/KH-CAX"), "Công an xã An Phú", "commune"),
    # a party committee's board is named after the committee, whose head begins with a level word
    (("TỈNH ỦY BẮC NINH", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "Số: 12-KH/BTGDVTU"), "Ban Tuyên giáo và Dân vận Tỉnh ủy Bắc Ninh",
     "province"),
    (("HUYỆN ỦY YÊN THÀNH", "BAN DÂN VẬN", "Số: 05-KH/BDVHU"), "Ban Dân vận Huyện ủy Yên Thành", "district"),
])
def test_issuer_is_the_last_body_of_the_heading_completed_from_its_superior(left, issuer, level):
    meta = _meta([_row(0, left, ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"))])
    assert meta.issuer.casefold() == issuer.casefold() and meta.issuer_level == level


def test_a_name_in_capitals_reads_with_its_joining_words_and_heads_in_lower_case():
    from planparse.extraction.meta import _proper_case
    assert _proper_case("BAN TUYÊN GIÁO VÀ DÂN VẬN") == "Ban Tuyên giáo và Dân Vận"
    assert _proper_case("TỈNH ỦY BẮC NINH") == "Tỉnh ủy Bắc Ninh"  # a head, not the level word before a name
    assert _proper_case("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG") == "Ủy ban nhân dân tỉnh Lâm Đồng"


def test_an_abbreviation_in_a_heading_in_capitals_stays_in_capitals():
    meta = _meta([_row(0, ("HĐND - UBND XÃ TIÊN LÃNG", "Số: 07/KH-UBND"), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",))])
    assert meta.issuer == "HĐND - UBND xã Tiên Lãng"


@pytest.mark.parametrize("printed", ["Tiên Lãng, ngày 10 tháng 01 năm 2026", "Tiên Lãng, ngày 10/01/2026",
                                     "Tiên Lãng, ngày 10-01-2026"])
def test_the_issue_date_typed_in_words_or_figures(printed):
    meta = _meta([_row(0, ("UBND XÃ TIÊN LÃNG", "Số: 07/KH-UBND"), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", printed))])
    assert (meta.date, meta.place) == ("2026-01-10", "Tiên Lãng")


@pytest.mark.parametrize("printed, date", [("Tiên Lãng, ngày — tháng 7 năm 2026", "2026-07"),
                                           ("Tiên Lãng, ngày ..... tháng 7 năm 2026", "2026-07"),
                                           ("Tiên Lãng, ngày ___ tháng ___ năm 2026", "2026")])
def test_a_blank_day_or_month_printed_as_dots_or_a_rule_leaves_the_rest_of_the_date(printed, date):
    meta = _meta([_row(0, ("UBND XÃ TIÊN LÃNG", "Số: /KH-UBND"), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", printed))])
    assert (meta.date, meta.place) == (date, "Tiên Lãng")


@pytest.mark.parametrize("printed", ["Số: 15/KH-UBND", "Số: 15/KH - UBND", "Số: 15 / KH-UBND", "Số:15/KH-UBND"])
def test_the_number_typed_with_spaces_around_its_parts_is_the_same_number(printed):
    meta = _meta([_row(0, ("UBND XÃ TIÊN LÃNG", printed), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                                          "Tiên Lãng, ngày 10 tháng 01 năm 2026"))])
    assert meta.number == "15/KH-UBND"


def test_a_running_header_above_the_heading_gives_neither_number_nor_date():
    # a gazette copy: "CÔNG BÁO/Số 286/Ngày 27-05-2026" is the gazette's issue, not the plan's number or date
    from planparse.pipeline import document_to_plan
    from planparse.readers.text import text_to_document

    text = ("CÔNG BÁO/Số 286/Ngày 27-05-2026\nTHỦ TƯỚNG CHÍNH PHỦ\nSố: 844/QĐ-TTg\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 13 tháng 5 năm 2026\n"
            "KẾ HOẠCH HÀNH ĐỘNG\nThực hiện bảo hiểm y tế toàn dân\nI. NHIỆM VỤ\n"
            "1. Bộ Y tế chủ trì, phối hợp với các bộ, ngành theo dõi, đôn đốc việc triển khai Kế hoạch.\n")
    meta = document_to_plan(text_to_document(text, "x.txt")).meta
    assert (meta.number, meta.date, meta.place) == ("844/QĐ-TTg", "2026-05-13", "Hà Nội")


def test_a_plan_issued_with_a_decision_takes_its_date_and_keeps_the_caption_out_of_its_title():
    from planparse.pipeline import document_to_plan
    from planparse.readers.text import text_to_document

    text = ("THỦ TƯỚNG CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "KẾ HOẠCH HÀNH ĐỘNG\nThực hiện Chỉ thị số 52-CT/TW ngày 03 tháng 10 năm 2025 của Ban Bí thư\n"
            "(Kèm theo Quyết định số 844/QĐ-TTg\nngày 13 tháng 5 năm 2026 của Thủ tướng Chính phủ)\nI. NHIỆM VỤ\n"
            "1. Bộ Y tế chủ trì, phối hợp với các bộ, ngành theo dõi, đôn đốc việc triển khai Kế hoạch.\n"
            "PHỤ LỤC\nDANH MỤC NHIỆM VỤ THỰC HIỆN CHỈ THỊ SỐ 52-CT/TW NGÀY 03 THÁNG 10 NĂM 2025\n")
    meta = document_to_plan(text_to_document(text, "x.txt")).meta
    assert meta.date == "2026-05-13" and meta.number is None
    assert meta.title == "Thực hiện Chỉ thị số 52-CT/TW ngày 03 tháng 10 năm 2025 của Ban Bí thư"
    assert meta.issuer == "Thủ tướng Chính phủ" and meta.issuer_level is None  # a central body: no level of the three


@pytest.mark.parametrize("read,issuer", [
    ("UBND TỈNH ĐỒNG THÁP_", "UBND tỉnh Đồng Tháp"),  # the rule under the heading, OCR'd
    ("UBND THÀNH PHỐ HÀ NỘI (", "UBND thành phố Hà Nội"),  # a column's rule
    ("UBND thành phố Hồ Chí Minh, ngày 18 tháng 11 năm 2025", "UBND thành phố Hồ Chí Minh"),  # the date line run in
])
def test_what_ocr_leaves_after_a_heading_is_not_part_of_the_issuer(read, issuer):
    from planparse.extraction.meta import normalise_issuer

    assert normalise_issuer(read) == issuer


def test_a_rule_ocrd_after_the_number_is_not_part_of_it():
    meta = _meta([_row(0, ("UBND TỈNH ĐẮK LẮK", "Số: 0125/KH-UBND_"), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                                                    "Đắk Lắk, ngày 10 tháng 11 năm 2025"))])
    assert meta.number == "0125/KH-UBND"


def test_the_signers_name_without_the_title_a_person_is_addressed_by():
    from planparse.pipeline import document_to_plan
    from planparse.readers.text import text_to_document

    text = ("BAN CHỈ ĐẠO\nSố: 03/KH-BCĐ\nKẾ HOẠCH\nPhòng, chống thiên tai năm 2026\nI. NHIỆM VỤ\n"
            "1. Các thành viên Ban Chỉ đạo theo dõi địa bàn được phân công.\nTRƯỞNG BAN\n\nĐ/c Vũ Thị Lan\n")
    signer = document_to_plan(text_to_document(text, "x.txt")).meta.signer
    assert (signer.name, signer.title) == ("Vũ Thị Lan", "Trưởng ban")


@pytest.mark.parametrize("printed,name", [("Đại tá Trần Văn Bình", "Trần Văn Bình"),
                                           ("TS. Lê Thị Hoa", "Lê Thị Hoa"), ("Thiếu tướng Nguyễn An", "Nguyễn An")])
def test_the_signers_name_without_the_rank_or_degree_printed_before_it(printed, name):
    from planparse.pipeline import document_to_plan
    from planparse.readers.text import text_to_document

    text = ("CÔNG AN TỈNH HÀ TĨNH\nSố: 156/KH-CAT-PC06\nKẾ HOẠCH\nThực hiện Đề án 06 năm 2026\nI. NHIỆM VỤ\n"
            f"1. Công an các xã rà soát dữ liệu dân cư.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\n{printed}\n")
    signer = document_to_plan(text_to_document(text, "x.txt")).meta.signer
    assert (signer.name, signer.title) == (name, "Phó Giám đốc")


def test_a_received_stamp_is_not_the_issuer():
    lines = heading_lines([Block(id=f"p{k}", kind="paragraph", text=t) for k, t in enumerate(
        ["BỘ CÔNG AN", "TỔ CÔNG TÁC LIÊN NGÀNH TW", "UBND TỈNH LÂM ĐỒNG", "ĐẾN", "Chuyển: .....", "Số: 996/KH-TCTLNTW"])])
    assert heading_bodies(lines) == ["BỘ CÔNG AN", "TỔ CÔNG TÁC LIÊN NGÀNH TW"]


def _cite(*sentences, places=None):
    blocks = [Block(id=f"o{k}", kind="paragraph", text=t) for k, t in enumerate(sentences)]
    return [(c.doc_type, c.number, c.date, c.issuer) for c in extract_citations_from(blocks, places or Places({"tỉnh": "Đồng Tháp"}))]


def test_documents_inside_a_cited_documents_title_are_not_cited():
    got = _cite("Thực hiện Kế hoạch số 283/KH-UBND ngày 24/9/2025 của Uỷ ban nhân dân Tỉnh về thực hiện Nghị quyết số "
                "71/NQ-CP ngày 01/5/2025 của Chính phủ và Chương trình hành động số 10-CTr/TU ngày 13/8/2025 của Ban "
                "Thường vụ Tỉnh uỷ về thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;")
    assert got == [("Kế hoạch", "283/KH-UBND", "2025-09-24", "UBND tỉnh Đồng Tháp")]


def test_each_basis_clause_is_cited_and_a_request_is_not():
    places = Places({"tỉnh": "Lào Cai"})
    got = _cite("Căn cứ Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ ngày 26 tháng 8 năm 2024;",
                "Căn cứ Nghị định số 181/2024/NĐ-CP ngày 31/12/2024 của Chính phủ quy định chi tiết một số điều;",
                "Căn cứ Quyết định số 2797/QĐ-SCT ngày 28/11/2025 của Giám đốc Sở Công Thương về việc thành lập Tổ kiểm tra;",
                "Xét đề nghị của Công ty TNHH Lương Việt tại Văn bản số 05/2026/VLN/CV-LV ngày 21/4/2026;", places=places)
    assert got == [("Luật", None, "2024-08-26", None), ("Nghị định", "181/2024/NĐ-CP", "2024-12-31", "Chính phủ"),
                   ("Quyết định", "2797/QĐ-SCT", "2025-11-28", "Giám đốc Sở Công Thương tỉnh Lào Cai")]


@pytest.mark.parametrize("sentences,place,expected", [
    # a plural citation: one document per number, each dated by the date after it, all issued by the issuer after the list
    (["Căn cứ Công điện số 223/CĐ-TTg ngày 20/11/2025 của Thủ tướng Chính phủ về ứng phó lũ đặc biệt lớn; Các Công điện: "
      "số 007/CĐ-UBND ngày 17/11/2025, số 008/CĐ-UBND và số 009/CĐ-UBND ngày 19/11/2025; số 010/CĐ-UBND ngày 20/11/2025 "
      "của UBND tỉnh về khẩn trương tập trung ứng phó lũ lụt;",
      "Căn cứ các Quyết định của UBND tỉnh về công tác phòng, chống thiên tai;"], "Đắk Lắk",
     [("Công điện", "223/CĐ-TTg", "2025-11-20", "Thủ tướng Chính phủ"),
      ("Công điện", "007/CĐ-UBND", "2025-11-17", "UBND tỉnh Đắk Lắk"),
      ("Công điện", "008/CĐ-UBND", "2025-11-19", "UBND tỉnh Đắk Lắk"),
      ("Công điện", "009/CĐ-UBND", "2025-11-19", "UBND tỉnh Đắk Lắk"),
      ("Công điện", "010/CĐ-UBND", "2025-11-20", "UBND tỉnh Đắk Lắk")]),
    # a programme named without a number in a cited title does not hide the next document after 'và'; a numbered one does
    (["Căn cứ Quyết định số 4255/QĐ-BNN-KHCN ngày 04/12/2024 của Bộ Nông nghiệp và Phát triển nông thôn về việc phê duyệt "
      "Chương trình “Quan trắc môi trường phục vụ quản lý ngành đến năm 2040” và Kế hoạch 223/KH-UBND ngày 24/10/2025 của "
      "UBND tỉnh về quan trắc, cảnh báo môi trường nuôi trồng thủy sản;",
      "Thực hiện Kế hoạch số 283/KH-UBND ngày 24/9/2025 của UBND tỉnh về thực hiện Nghị quyết số 71/NQ-CP ngày 01/4/2025 "
      "của Chính phủ và Kế hoạch số 17/KH-UBND ngày 11/8/2025 của UBND tỉnh;"], "Thanh Hóa",
     [("Quyết định", "4255/QĐ-BNN-KHCN", "2024-12-04", "Bộ Nông nghiệp và Phát triển nông thôn"),
      ("Kế hoạch", "223/KH-UBND", "2025-10-24", "UBND tỉnh Thanh Hóa"),
      ("Kế hoạch", "283/KH-UBND", "2025-09-24", "UBND tỉnh Thanh Hóa")]),
])
def test_citations_of_real_basis_sentences(sentences, place, expected):
    assert _cite(*sentences, places=Places({"tỉnh": place})) == expected


def test_a_document_amending_the_cited_one_in_a_bracket_is_cited_too():
    got = _cite("Căn cứ Quyết định số 650/QĐ-LĐTBXH ngày 21 tháng 7 năm 2022 của Bộ trưởng Bộ Lao động - Thương binh và Xã "
                "hội (được điều chỉnh bổ sung bởi Quyết định số 128/QĐ-LĐTBXH ngày 17 tháng 3 năm 2023 của Bộ trưởng Bộ "
                "Lao động - Thương binh và Xã hội, phê duyệt điều chỉnh một số nội dung của Kế hoạch truyền thông);",
                places=Places({"thành phố": "Cần Thơ"}))
    assert [(t, n, d) for t, n, d, _ in got] == [("Quyết định", "650/QĐ-LĐTBXH", "2022-07-21"),
                                                ("Quyết định", "128/QĐ-LĐTBXH", "2023-03-17")]


def test_a_number_broken_at_its_hyphen_is_read_whole():
    got = _cite("Thực hiện Chỉ thị số 45- CT/TW ngày 14 tháng 4 năm 2025 của Bộ Chính trị về Đại hội đảng bộ các cấp; "
                "Kế hoạch số 223/KH- UBND ngày 24/10/2025 của UBND tỉnh;", places=Places({"tỉnh": "Nghệ An"}))
    assert [(n, d) for _, n, d, _ in got] == [("45-CT/TW", "2025-04-14"), ("223/KH-UBND", "2025-10-24")]


def test_two_documents_joined_at_the_top_are_both_cited():
    got = _cite("Thực hiện Kế hoạch hành động số 705/KH-UBND ngày 21/9/2021 của UBND tỉnh Nghệ An về nâng cao chất lượng; "
                "Kế hoạch số 185/KH-UBND ngày 14/10/2023 của UBND thành phố Vinh về chuyển đổi số;")
    assert [g[1] for g in got] == ["705/KH-UBND", "185/KH-UBND"] and got[1][3] == "UBND thành phố Vinh"


@pytest.mark.parametrize("printed,places,expected", [
    ("Thủ tướng", {}, "Thủ tướng Chính phủ"),
    ("Ủy ban nhân dân tỉnh Lào Cai", {}, "UBND tỉnh Lào Cai"),
    ("UBND tỉnh", {"tỉnh": "Hưng Yên"}, "UBND tỉnh Hưng Yên"),
    ("Ban Thường vụ Tỉnh ủy", {"tỉnh": "Bắc Ninh"}, "Ban Thường vụ Tỉnh ủy Bắc Ninh"),
    ("Bộ Chính trị", {"tỉnh": "Bắc Ninh"}, "Bộ Chính trị"),
])
def test_cited_issuers_are_normalised_and_completed_with_the_plans_place(printed, places, expected):
    assert normalise_cited_issuer(printed, Places(places)) == expected


def test_a_scans_heading_with_a_misread_mark_still_names_its_body():
    lines = heading_lines([Block(id=f"p{k}", kind="paragraph", text=t) for k, t in enumerate(
        ["BỘ CÔNG AN", "TỎ CÔNG TÁC LIÊN NGÀNH TW", "Số: 996/KH-TCTLNTW"])])
    assert heading_bodies(lines) == ["BỘ CÔNG AN", "TỎ CÔNG TÁC LIÊN NGÀNH TW"]


def test_a_title_naming_what_it_implements_comes_before_the_opening_that_cites_it():
    blocks = [Block(id=f"b{k}", kind="paragraph", text=t) for k, t in enumerate([
        "KẾ HOẠCH", "Triển khai thực hiện Chỉ thị số 30/CT-TTg ngày 29/8/2024 của Thủ tướng Chính phủ về phát triển "
        "các ngành công nghiệp văn hóa trên địa bàn tỉnh Ninh Bình",
        "Thực hiện Chỉ thị số 30/CT-TTg ngày 29/8/2024 của Thủ tướng Chính phủ, UBND tỉnh ban hành Kế hoạch như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU"])]
    meta = extract_meta(build_structure(Document(source="x.pdf", format="pdf", blocks=blocks)))[0]
    assert meta.title.startswith("Triển khai thực hiện Chỉ thị số 30/CT-TTg")


def test_a_cited_issuers_name_goes_on_after_and_and_ends_where_its_title_begins():
    got = _cite("Căn cứ Quyết định số 4255/QĐ-BNN-KHCN ngày 04/12/2024 của Bộ Nông nghiệp và Phát triển nông thôn "
                "ban hành Kế hoạch quan trắc môi trường;",
                "Thực hiện Kế hoạch số 223/KH- UBND ngày 24/10/2025 của UBND tỉnh Thanh Hóa về quan trắc;",
                places=Places({"tỉnh": "Thanh Hóa"}))
    assert got == [("Quyết định", "4255/QĐ-BNN-KHCN", "2024-12-04", "Bộ Nông nghiệp và Phát triển nông thôn"),
                   ("Kế hoạch", "223/KH-UBND", "2025-10-24", "UBND tỉnh Thanh Hóa")]


def test_a_cited_bodys_name_goes_on_over_its_comma_but_not_into_a_second_body():
    got = _cite("Thực hiện Công văn số 310/BVHTTDL-DSVH ngày 20/01/2024 của Bộ Văn hóa, Thể thao và Du lịch về "
                "bảo tồn di sản;",
                "Căn cứ Công văn số 77/LĐTBXH-TE ngày 05/3/2014 của Bộ Lao động, Thương binh và Xã hội về trẻ em;",
                "Thực hiện Công văn số 15/BTC-NSNN ngày 02/01/2024 của Bộ Tài chính, Bộ Nội vụ về kinh phí;")
    assert [c[3] for c in got] == ["Bộ Văn hóa, Thể thao và Du lịch", "Bộ Lao động, Thương binh và Xã hội", "Bộ Tài chính"]


def test_a_committee_named_after_its_remit_keeps_its_whole_name():
    """'Ban Chỉ đạo về phát triển khoa học, công nghệ, ... và chuyển đổi số': the commas and 'và' of its remit are
    its name, which ends where the document's title begins; with its level printed it takes the place."""
    got = _cite("Căn cứ Quyết định số 05-QĐ/BCĐ ngày 02/9/2025 của Ban Chỉ đạo về phát triển khoa học, công nghệ, "
                "đổi mới sáng tạo và chuyển đổi số tỉnh ban hành Quy chế làm việc;",
                "Thực hiện Thông báo số 41-TB/TGV ngày 20/7/2025 của Tổ giúp việc Ban chỉ đạo Trung ương về phát triển "
                "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số thông báo kết luận cuộc họp;",
                "Thực hiện Kế hoạch số 07-KH/BCĐ ngày 15/8/2025 của Ban Chỉ đạo phát triển khoa học, công nghệ, "
                "chuyển đổi số và đề án 06 về triển khai nhiệm vụ năm 2025;",
                "Căn cứ Quyết định số 12/QĐ-BCĐ ngày 03/3/2025 của Ban Chỉ đạo tỉnh về việc ban hành Quy chế hoạt động;")
    assert [c[3] for c in got] == [
        "Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số tỉnh Đồng Tháp",
        "Tổ giúp việc Ban chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
        "Ban Chỉ đạo phát triển khoa học, công nghệ, chuyển đổi số và đề án 06",
        "Ban Chỉ đạo tỉnh Đồng Tháp"]


def test_a_cited_documents_date_after_its_issuer_or_at_another_mention_is_its_date():
    got = _cite("Căn cứ Quyết định số 411/QĐ-TTg của Thủ tướng Chính phủ ngày 31/3/2022 phê duyệt Chiến lược;",
                "Căn cứ Quyết định số 142/QĐ-TTg của Thủ tướng Chính phủ phê duyệt Chiến lược dữ liệu; Quyết định số "
                "1229/QĐ-UBND ngày 28/02/2025 của UBND Thành phố về triển khai Quyết định số 142/QĐ-TTg ngày 02/02/2024;")
    assert got[0] == ("Quyết định", "411/QĐ-TTg", "2022-03-31", "Thủ tướng Chính phủ")
    assert got[1] == ("Quyết định", "142/QĐ-TTg", "2024-02-02", "Thủ tướng Chính phủ")


def test_the_plans_own_department_completes_giam_doc_so_and_tone_marks_stay_as_printed():
    places = Places({"tỉnh": "Lào Cai"}, own_department="Sở Công Thương tỉnh Lào Cai")
    assert normalise_cited_issuer("Giám đốc Sở", places) == "Giám đốc Sở Công Thương tỉnh Lào Cai"
    assert normalise_cited_issuer("Uỷ ban MTTQ Việt Nam", places) == "Uỷ ban MTTQ Việt Nam"
    assert normalise_cited_issuer("Uỷ ban nhân dân tỉnh", places) == "UBND tỉnh Lào Cai"
    assert normalise_cited_issuer("Ban Thường vụ Tỉnh uỷ", places) == "Ban Thường vụ Tỉnh uỷ Lào Cai"


def test_a_document_after_a_title_that_names_none_is_cited_too():
    got = _cite("Căn cứ Chỉ thị số 02-CT/TU ngày 05/8/2025 của Ban Thường vụ Tỉnh ủy về lãnh đạo cuộc bầu cử đại biểu "
                "Quốc hội khóa XVI và Chỉ thị số 007/CT-UBND ngày 06/10/2025 của UBND tỉnh về việc tổ chức cuộc bầu cử;",
                places=Places({"tỉnh": "Đắk Lắk"}))
    assert [g[1] for g in got] == ["02-CT/TU", "007/CT-UBND"]
    assert got[1][3] == "UBND tỉnh Đắk Lắk"


def test_the_short_name_in_brackets_ends_a_cited_title():
    got = _cite("Thực hiện Nghị quyết số 163/2024/QH15 ngày 27/11/2024 của Quốc hội phê duyệt chủ trương đầu tư Chương "
                "trình mục tiêu quốc gia (Nghị quyết số 163/2024/QH15), Nghị quyết số 50/NQ-CP ngày 13/3/2025 của Chính "
                "phủ về ban hành Kế hoạch triển khai Nghị quyết số 163/2024/QH15 ngày 27/11/2024 của Quốc hội (Nghị quyết "
                "số 50/NQ-CP) và Quyết định số 7619/QĐ-BCA ngày 08/9/2025 của Bộ trưởng Bộ Công an phê duyệt Chương trình;")
    assert [g[1] for g in got] == ["163/2024/QH15", "50/NQ-CP", "7619/QĐ-BCA"]


def test_a_citation_with_a_space_typed_in_its_number_keeps_its_place_in_the_block():
    text = "Thực hiện Kế hoạch số 223/KH- UBND ngày 10/5/2025 của UBND tỉnh về chuyển đổi số;"
    [c] = extract_citations_from([Block(id="o0", kind="paragraph", text=text)], Places({"tỉnh": "Đắk Lắk"}))
    assert c.number == "223/KH-UBND"
    assert text[c.span.start:c.span.end] == "Kế hoạch số 223/KH- UBND ngày 10/5/2025 của UBND tỉnh"


def test_a_cited_number_cut_at_the_line_end_is_kept_whole():
    """'Thực hiện Kế hoạch số 9669/KH-' then 'UBND ngày ...' on the next line: one number, not '9669/KH-'."""
    from planparse.pipeline import document_to_plan
    from planparse.readers.text import text_to_document

    text = ("ỦY BAN NHÂN DÂN XÃ A\nKẾ HOẠCH\nChuyển đổi số năm 2026\nThực hiện Kế hoạch số 9669/KH-\n"
            "UBND ngày 12/12/2025 của UBND tỉnh Thanh Hóa về chuyển đổi số, UBND xã ban hành Kế hoạch như sau:\n"
            "I. NHIỆM VỤ\n1. Rà soát thủ tục hành chính.\n")
    (cited,) = document_to_plan(text_to_document(text, "x.txt")).implements
    assert (cited.number, cited.date) == ("9669/KH-UBND", "2025-12-12")


def test_the_cited_issuer_is_kept_when_the_plans_own_body_follows_after_a_comma():
    """'... của UBND tỉnh Thanh Hóa về chuyển đổi số, UBND xã ban hành Kế hoạch': the plan's own issuance
    starts at 'UBND xã', not at the cited 'UBND tỉnh'."""
    from planparse.pipeline import document_to_plan
    from planparse.readers.text import text_to_document

    text = ("ỦY BAN NHÂN DÂN XÃ A\nKẾ HOẠCH\nChuyển đổi số năm 2026\nThực hiện Kế hoạch số 9669/KH-UBND ngày "
            "12/12/2025 của UBND tỉnh Thanh Hóa về chuyển đổi số, UBND xã ban hành Kế hoạch như sau:\n"
            "I. NHIỆM VỤ\n1. Rà soát thủ tục hành chính.\n")
    (cited,) = document_to_plan(text_to_document(text, "x.txt")).implements
    assert cited.issuer == "UBND tỉnh Thanh Hóa"


def test_a_law_cited_by_name_and_year_is_dated_by_that_year():
    from planparse.pipeline import document_to_plan
    from planparse.readers.text import text_to_document

    text = ("ỦY BAN NHÂN DÂN\nTỈNH ĐẮK LẮK\nSố: 1/KH-UBND\nKẾ HOẠCH\nQuan trắc môi trường\n"
            "Căn cứ Luật Thủy sản năm 2017;\nCăn cứ Bộ luật Dân sự 2015;\nCăn cứ Luật Đầu tư công;\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;\nI. MỤC TIÊU\n")
    cited = document_to_plan(text_to_document(text, "x.txt")).implements
    assert [(c.doc_type, c.number, c.date) for c in cited] == [
        ("Luật", None, "2017"), ("Bộ luật", None, "2015"), ("Luật", None, None), ("Luật", None, "2025-02-19")]


def test_an_amending_law_is_one_law_whose_name_holds_the_laws_it_amends():
    got = _cite("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều "
                "của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;")
    assert got == [("Luật", None, "2015-06-19", None), ("Luật", None, "2019-11-22", None)]


def test_a_kind_in_lower_case_with_its_number_is_cited():
    got = _cite("Thực hiện văn bản số 456/SNNMT-TL ngày 02/01/2026 của Sở Nông nghiệp và Môi trường về việc triển khai công "
                "tác phòng, chống thiên tai, Ủy ban nhân dân xã ban hành Kế hoạch như sau:")
    assert got == [("Văn bản", "456/SNNMT-TL", "2026-01-02", "Sở Nông nghiệp và Môi trường tỉnh Đồng Tháp")]
    assert _cite("Thực hiện các văn bản chỉ đạo của cấp trên, Ủy ban nhân dân xã ban hành Kế hoạch như sau:") == []


@pytest.mark.parametrize("printed,issuer", [
    ("Thủ tưởng Chính phủ", "Thủ tướng Chính phủ"),  # a misspelt mark
    ("Bộ Chính tri", "Bộ Chính trị"),
    ("Bộ Công an", "Bộ Công an"),  # not a near miss of a central body: as printed
    ("Ủy ban Thường vụ Quốc hôị", "Ủy ban Thường vụ Quốc hội"),
])
def test_a_misspelt_central_body_is_read_as_its_name(printed, issuer):
    assert normalise_cited_issuer(printed, Places({"tỉnh": "Đắk Lắk"})) == issuer


def test_a_central_body_read_by_ocr_with_a_wrong_mark_is_spelt_and_levelled_as_printed():
    from planparse.extraction.meta import _proper_case, level_of

    assert _proper_case("TỎ CÔNG TÁC LIÊN NGÀNH TW") == "Tổ công tác Liên Ngành TW"  # OCR read TỔ as TỎ
    assert level_of("Tổ công tác liên ngành TW") == "national" and level_of("Ban Chỉ đạo Trung ương") == "national"
    assert _proper_case("SỞ CÔNG THƯƠNG") == "Sở Công Thương"


def test_a_letters_subject_is_its_title_as_printed_over_its_lines():
    left = ("UBND TỈNH LÂM ĐỒNG", "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ", "Số: /BCĐ", "V/v triển khai thực hiện các nhiệm vụ",
            "trọng tâm phục vụ mô hình chính quyền địa phương 02 cấp")
    meta = _meta([_row(0, left, ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Lâm Đồng, ngày tháng 8 năm 2025"))],
                 body=("Kính gửi: Các sở, ban, ngành thuộc tỉnh;", "1. Hoàn thiện hạ tầng công nghệ thông tin"))
    assert meta.doc_type == "Công văn"
    assert meta.title == "V/v triển khai thực hiện các nhiệm vụ trọng tâm phục vụ mô hình chính quyền địa phương 02 cấp"


def test_the_signers_post_in_another_body_is_not_the_signing_title():
    body = ("KẾ HOẠCH", "Kiểm tra công tác năm 2026", "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "TM. BAN CHỈ ĐẠO",
            "PHÓ TRƯỞNG BAN", "PHÓ CHỦ TỊCH UBND TỈNH", "Nguyễn Ngọc Phúc")
    meta = _meta([_row(0, ("UBND TỈNH LÂM ĐỒNG", "Số: /KH-UBND"), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",))], body=body)
    assert meta.signer.title.casefold() == "phó trưởng ban" and meta.signer.name == "Nguyễn Ngọc Phúc"


@pytest.mark.parametrize("signature,signer", [
    ("GIÁM ĐỐC\n(ký, đóng dấu)\nĐinh Văn Hải\n", ("Đinh Văn Hải", "Giám đốc")),
    ("TRƯỞNG BAN\nVũ Thị Kim\n", ("Vũ Thị Kim", "Trưởng ban")),
    ("TM. BAN THƯỜNG TRỰC\nPHÓ CHỦ TỊCH THƯỜNG TRỰC\nHoàng Thị Em\n", ("Hoàng Thị Em", "Phó Chủ tịch Thường trực")),
    ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nTrần Thị Bình\n", ("Trần Thị Bình", "Phó Giám đốc")),
    # a web page's signature table, its column marks on lines of their own
    ("|\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nLò Văn Pâng\n|\n", ("Lò Văn Pâng", "Phó Giám đốc")),
])
def test_the_signer_under_a_title_alone_and_a_title_as_the_data_spells_it(signature, signer):
    from planparse.pipeline import document_to_plan
    from planparse.readers.text import text_to_document
    plan = document_to_plan(text_to_document(
        "SỞ NỘI VỤ\nSố: 20/KH-SNV\nKẾ HOẠCH\nCải cách hành chính năm 2026\nI. NHIỆM VỤ\n"
        "1. Văn phòng Sở tổ chức tuyên truyền.\n" + signature, "x.txt"))
    assert (plan.meta.signer.name, plan.meta.signer.title) == signer


@pytest.mark.parametrize("opening,dated", [
    ("Thực hiện Chương trình mục tiêu quốc gia phòng, chống ma túy đến năm 2030 (gọi chung là Chương trình), Ủy ban "
     "nhân dân tỉnh Lâm Đồng xây dựng kế hoạch thực hiện Chương trình như sau:", None),
    ("Căn cứ Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021 - 2025;", None),  # its span, no date
])
def test_a_national_target_programme_is_cited_by_its_name(opening, dated):
    cited = _cite(opening, places=Places({"tỉnh": "Lâm Đồng"}))
    assert cited == [("Chương trình", None, dated, None)]


def test_a_programme_named_in_a_cited_decisions_title_is_not_cited_itself():
    cited = _cite("Căn cứ Quyết định số 90/QĐ-TTg ngày 18/01/2022 của Thủ tướng Chính phủ phê duyệt Chương trình mục "
                  "tiêu quốc gia giảm nghèo bền vững giai đoạn 2021 - 2025;")
    assert cited == [("Quyết định", "90/QĐ-TTg", "2022-01-18", "Thủ tướng Chính phủ")]


def test_a_title_after_a_comma_names_no_document_the_plan_cites():
    cited = _cite("Căn cứ Quyết định số 650/QĐ-LĐTBXH ngày 21 tháng 7 năm 2022 của Bộ trưởng Bộ Lao động - Thương binh và "
                  "Xã hội (được điều chỉnh bổ sung bởi Quyết định số 128/QĐ-LĐTBXH ngày 17 tháng 3 năm 2023 của Bộ trưởng "
                  "Bộ Lao động - Thương binh và Xã hội, phê duyệt Điều chỉnh Kế hoạch truyền thông về Chương trình mục "
                  "tiêu quốc gia giảm nghèo bền vững giai đoạn 2021 - 2025);")
    assert [c[1] for c in cited] == ["650/QĐ-LĐTBXH", "128/QĐ-LĐTBXH"]


def test_the_issuer_named_before_the_document_it_spoke_in():
    cited = _cite("Thực hiện ý kiến chỉ đạo của Chủ tịch UBND tỉnh tại Công văn số 1234/UBND-KGVX ngày 05/3/2024 về "
                  "việc triển khai Tháng hành động;", places=Places({"tỉnh": "Nghệ An"}))
    assert cited == [("Công văn", "1234/UBND-KGVX", "2024-03-05", "Chủ tịch UBND tỉnh Nghệ An")]


@pytest.mark.parametrize("printed,places,issuer", [
    ("Ban Thường vụ Huyện ủy", {"tỉnh": "Nghệ An", "huyện": "Yên Thành"}, "Ban Thường vụ Huyện ủy Yên Thành"),
    ("Ban Thường vụ Tỉnh ủy", {"tỉnh": "Nghệ An", "huyện": "Yên Thành"}, "Ban Thường vụ Tỉnh ủy Nghệ An"),
    ("Thành ủy", {"thành phố": "Hà Nội"}, "Thành ủy Hà Nội"),
    ("Thành ủy", {"tỉnh": "Nghệ An"}, "Thành ủy"),  # a city of the province, not named: no place added
])
def test_a_party_committee_takes_the_place_of_its_own_level(printed, places, issuer):
    assert normalise_cited_issuer(printed, Places(places)) == issuer


def test_a_part_listing_the_plans_basis_names_what_it_implements():
    """"I. CĂN CỨ XÂY DỰNG KẾ HOẠCH" (or "1. Cơ sở pháp lý" under the plan's grounds) lists its basis as items, not in
    an opening "Căn cứ ..." sentence; a line of that part that names no document, and the parts after it, cite nothing."""
    from planparse.extraction.meta import extract_citations

    body = ("KẾ HOẠCH", "Phát triển thương mại điện tử năm 2024", "I. CĂN CỨ XÂY DỰNG KẾ HOẠCH",
            "1. Quyết định số 645/QĐ-TTg ngày 15/5/2020 của Thủ tướng Chính phủ phê duyệt Kế hoạch tổng thể;",
            "2. Thông tư 12/2023/TT-BCT ngày 30/6/2023 của Bộ Công Thương về thương mại điện tử;",
            "3. Tình hình thực tế của địa phương.", "II. NHIỆM VỤ",
            "1. Sở Công Thương chủ trì triển khai Quyết định số 10/QĐ-UBND ngày 02/01/2024.")
    blocks = [Block(id=f"b{k}", kind="paragraph", text=t) for k, t in enumerate(body)]
    st = build_structure(Document(source="x.docx", format="docx", blocks=blocks))
    meta, _ = extract_meta(st)
    assert [(c.doc_type, c.number, c.date, c.issuer) for c in extract_citations(st, meta)] == [
        ("Quyết định", "645/QĐ-TTg", "2020-05-15", "Thủ tướng Chính phủ"),
        ("Thông tư", "12/2023/TT-BCT", "2023-06-30", "Bộ Công Thương")]
    grounds = ("KẾ HOẠCH", "Phát triển thương mại điện tử năm 2024", "I. CƠ SỞ XÂY DỰNG KẾ HOẠCH", "1. Cơ sở pháp lý",
               "- Luật Thương mại ngày 14 tháng 6 năm 2005;", "2. Cơ sở thực tiễn",
               "- Kết quả thực hiện Kế hoạch số 20/KH-UBND ngày 10/02/2023 còn hạn chế.")
    blocks = [Block(id=f"b{k}", kind="paragraph", text=t) for k, t in enumerate(grounds)]
    st = build_structure(Document(source="x.docx", format="docx", blocks=blocks))
    assert [(c.doc_type, c.number, c.date) for c in extract_citations(st, extract_meta(st)[0])] == [
        ("Luật", None, "2005-06-14")]


def test_a_title_in_capitals_dates_and_names_the_issuer_of_what_it_implements():
    """With no basis in its opening, a title in capitals cites the document ("... CHỈ THỊ SỐ 12-CT/TW NGÀY 05 THÁNG 3
    NĂM 2022 CỦA BỘ CHÍNH TRỊ"): its date and issuer are read as in a sentence, its text stays the title's."""
    from planparse.extraction.meta import extract_citations

    body = ("KẾ HOẠCH", "TRIỂN KHAI CHỈ THỊ SỐ 12-CT/TW NGÀY 05 THÁNG 3 NĂM 2022 CỦA BỘ CHÍNH TRỊ VỀ CÔNG TÁC DÂN TỘC",
            "I. MỤC ĐÍCH, YÊU CẦU", "1. Nâng cao nhận thức của cán bộ.")
    blocks = [Block(id=f"b{k}", kind="paragraph", text=t) for k, t in enumerate(body)]
    st = build_structure(Document(source="x.docx", format="docx", blocks=blocks))
    cited = extract_citations(st, extract_meta(st)[0])
    assert [(c.doc_type, c.number, c.date, c.issuer) for c in cited] == [
        ("Chỉ thị", "12-CT/TW", "2022-03-05", "Bộ Chính trị")]
    assert cited[0].text.startswith("CHỈ THỊ SỐ 12-CT/TW NGÀY 05 THÁNG 3 NĂM 2022")


def test_a_plan_issued_with_a_decision_is_signed_and_based_as_the_decision_is():
    """"QUYẾT ĐỊNH Ban hành Kế hoạch ...", its basis, its articles and its signature, then "KẾ HOẠCH (Kèm theo Quyết
    định số ...)" with no signature of its own: the decision's signer signs the plan and its "Căn cứ ..." lines are
    the plan's basis (but a submission it was issued on is not)."""
    from planparse.extraction.meta import extract_citations

    body = ("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "Số: 88/QĐ-SNNMT", "Gia Nghĩa, ngày 05 tháng 3 năm 2026", "QUYẾT ĐỊNH",
            "Ban hành Kế hoạch phòng, chống dịch bệnh gia súc năm 2026", "GIÁM ĐỐC SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
            "Căn cứ Luật Thú y ngày 19 tháng 6 năm 2015;",
            "Căn cứ Quyết định số 12/QĐ-UBND ngày 08/01/2026 của UBND tỉnh về phát triển chăn nuôi;",
            "Xét Tờ trình số 05/TTr-CCCNTY ngày 01/3/2026 của Chi cục Chăn nuôi và Thú y.", "QUYẾT ĐỊNH:",
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phòng, chống dịch bệnh gia súc năm 2026.",
            "Điều 2. Quyết định này có hiệu lực từ ngày ký.", "Nơi nhận:", "- Như Điều 2;", "- Lưu: VT.",
            "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Bình",
            "KẾ HOẠCH", "Phòng, chống dịch bệnh gia súc năm 2026",
            "(Kèm theo Quyết định số 88/QĐ-SNNMT ngày 05/3/2026 của Sở Nông nghiệp và Môi trường)",
            "I. MỤC ĐÍCH, YÊU CẦU", "1. Chủ động phòng, chống dịch bệnh.", "II. NHIỆM VỤ",
            "1. Chi cục Chăn nuôi và Thú y chủ trì tiêm phòng vắc xin; thời gian: Quý II/2026.")
    blocks = [Block(id=f"b{k}", kind="paragraph", text=t) for k, t in enumerate(body)]
    st = build_structure(Document(source="x.docx", format="docx", blocks=blocks))
    meta, _ = extract_meta(st)
    assert (meta.signer.name, meta.signer.title) == ("Trần Văn Bình", "Phó Giám đốc")
    assert (meta.number, meta.date) == ("88/QĐ-SNNMT", "2026-03-05")
    assert [(c.doc_type, c.number) for c in extract_citations(st, meta)] == [("Luật", None), ("Quyết định", "12/QĐ-UBND")]


def test_a_plan_without_a_decision_before_it_takes_no_signer_from_its_heading():
    body = ("UBND XÃ AN PHÚ", "Số: 12/KH-UBND", "An Phú, ngày 02 tháng 3 năm 2026", "KẾ HOẠCH",
            "Phòng, chống thiên tai năm 2026", "Căn cứ Quyết định số 12/QĐ-UBND ngày 08/01/2026 của UBND tỉnh;",
            "I. NHIỆM VỤ", "1. Công an xã chủ trì tuần tra.")
    blocks = [Block(id=f"b{k}", kind="paragraph", text=t) for k, t in enumerate(body)]
    st = build_structure(Document(source="x.docx", format="docx", blocks=blocks))
    assert st.issuing_signature == [] and st.issuing_opening == [] and extract_meta(st)[0].signer is None


def test_a_peoples_committee_printed_without_its_place_takes_the_level_the_title_gives_the_place_line():
    """A web page that lost the heading's second line ("ỦY BAN NHÂN DÂN" over "Yên Bái, ngày ..."): the title
    names the place with its level ("... TRÊN ĐỊA BÀN TỈNH YÊN BÁI")."""
    rows = [_row(0, ("ỦY BAN NHÂN DÂN",), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",)),
            _row(1, ("Số: 31/KH-UBND",), ("Yên Bái, ngày 02 tháng 4 năm 2026",))]
    meta = _meta(rows, body=("KẾ HOẠCH", "PHÒNG, CHỐNG THIÊN TAI NĂM 2026 TRÊN ĐỊA BÀN TỈNH YÊN BÁI", "I. NHIỆM VỤ",
                             "1. Sở Nông nghiệp và Môi trường chủ trì."))
    assert (meta.issuer, meta.issuer_level) == ("UBND tỉnh Yên Bái", "province")
    commune = _meta(rows, body=("KẾ HOẠCH", "Phòng, chống thiên tai năm 2026 trên địa bàn xã Yên Bái", "I. NHIỆM VỤ",
                                "1. Công an xã chủ trì."))
    assert (commune.issuer, commune.issuer_level) == ("UBND xã Yên Bái", "commune")


@pytest.mark.parametrize("opening", [
    ("Căn cứ:", "- Luật Phòng, chống thiên tai ngày 19/6/2013;",
     "- Quyết định số 12/QĐ-TTg ngày 08/01/2026 của Thủ tướng Chính phủ về phòng, chống thiên tai;",
     "UBND tỉnh ban hành Kế hoạch như sau:"),
    # the list alone, as a web page that dropped its "Căn cứ:" line prints it
    ("- Luật Phòng, chống thiên tai ngày 19/6/2013;",
     "- Quyết định số 12/QĐ-TTg ngày 08/01/2026 của Thủ tướng Chính phủ về phòng, chống thiên tai;"),
    # each item a basis sentence of its own, and an item that names no document
    ("- Căn cứ Luật Phòng, chống thiên tai ngày 19/6/2013;",
     "- Căn cứ Quyết định số 12/QĐ-TTg ngày 08/01/2026 của Thủ tướng Chính phủ về phòng, chống thiên tai;",
     "- Tình hình thực tế của địa phương."),
])
def test_an_opening_basis_printed_as_a_list_names_what_the_plan_implements(opening):
    from planparse.extraction.meta import extract_citations

    body = ("KẾ HOẠCH", "Phòng, chống thiên tai năm 2026") + opening + ("I. NHIỆM VỤ", "1. Công an tỉnh chủ trì.")
    blocks = [Block(id=f"b{k}", kind="paragraph", text=t) for k, t in enumerate(body)]
    st = build_structure(Document(source="x.docx", format="docx", blocks=blocks))
    assert [(c.doc_type, c.number, c.date, c.issuer) for c in extract_citations(st, extract_meta(st)[0])] == [
        ("Luật", None, "2013-06-19", None), ("Quyết định", "12/QĐ-TTg", "2026-01-08", "Thủ tướng Chính phủ")]


def test_a_body_named_in_capitals_is_spelt_as_the_plans_own_sentences_spell_it():
    rows = [_row(0, ("UBND TỈNH QUẢNG TRỊ", "SỞ TƯ PHÁP"), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",)),
            _row(1, ("Số: 21/KH-STP",), ("Quảng Trị, ngày 02 tháng 4 năm 2026",))]
    meta = _meta(rows, body=("KẾ HOẠCH", "Kiểm tra công tác hộ tịch năm 2026",
                             "Thực hiện Kế hoạch số 30/KH-UBND của UBND tỉnh, Sở Tư pháp ban hành Kế hoạch như sau:",
                             "I. NHIỆM VỤ", "1. Văn phòng Sở chủ trì, phối hợp với cơ sở tư nhân rà soát."))
    assert meta.issuer == "Sở Tư pháp tỉnh Quảng Trị"
    # not found in the text: as the heading is read ("Sở Tư Pháp"), never from a lower-case look-alike ("cơ sở tư ...")
    meta = _meta(rows, body=("KẾ HOẠCH", "Kiểm tra công tác hộ tịch năm 2026", "I. NHIỆM VỤ",
                             "1. Văn phòng Sở chủ trì, phối hợp với cơ sở tư nhân rà soát."))
    assert meta.issuer.casefold() == "sở tư pháp tỉnh quảng trị" and meta.issuer.startswith("Sở Tư")


def test_documents_listed_one_after_another_share_the_issuer_named_after_the_last():
    cited = extract_citations_from([Block(id="b0", kind="paragraph", text=(
        "Căn cứ Công văn số 112/BCĐ ngày 03/3/2026 và Công văn số 118/BCĐ ngày 09/3/2026 của Ban Chỉ đạo tỉnh về triển "
        "khai chính quyền số;"))], Places({}, None))
    assert [(c.number, c.issuer) for c in cited] == [("112/BCĐ", "Ban Chỉ đạo tỉnh"), ("118/BCĐ", "Ban Chỉ đạo tỉnh")]


def test_a_cited_documents_title_ends_with_its_sentence_when_the_next_one_opens_a_basis():
    """'... của Bộ Nội vụ về việc tinh gọn bộ máy. Để thực hiện hiệu quả Kế hoạch số 02-KH/BCĐTW ...': the second
    sentence cites a document of its own, not one named in the first document's title."""
    cited = extract_citations_from([Block(id="b0", kind="paragraph", text=(
        "Căn cứ Công văn số 210/BNV-TCBC ngày 10/3/2026 của Bộ Nội vụ về việc tinh gọn bộ máy. Để thực hiện hiệu quả "
        "Kế hoạch số 02-KH/BCĐTW về chuyển đổi số; UBND tỉnh yêu cầu các sở thực hiện như sau:"))], Places({}, None))
    assert [(c.doc_type, c.number) for c in cited] == [("Công văn", "210/BNV-TCBC"), ("Kế hoạch", "02-KH/BCĐTW")]
    # an abbreviation's full stop ("TP. Hồ Chí Minh") ends no sentence
    cited = extract_citations_from([Block(id="b0", kind="paragraph", text=(
        "Thực hiện Quyết định số 15/QĐ-UBND ngày 05/01/2026 của UBND TP. Hồ Chí Minh về phát triển đô thị;"))],
        Places({}, None))
    assert [(c.number, c.issuer) for c in cited] == [("15/QĐ-UBND", "UBND thành phố Hồ Chí Minh")]


def test_a_party_committees_plan_cites_a_central_body_without_the_province():
    """'Tỉnh ủy Quảng Nam' names the province Quảng Nam (not 'ủy Quảng Nam'); 'Ban Chỉ đạo Trung ương' is central."""
    from planparse.extraction.meta import extract_citations

    body = ("TỈNH ỦY QUẢNG NAM", "Số 45-KH/TU", "Quảng Nam, ngày 12 tháng 3 năm 2026", "KẾ HOẠCH",
            "thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị", "-----",
            "Thực hiện Kế hoạch số 02-KH/BCĐTW ngày 19/6/2025 của Ban Chỉ đạo Trung ương và Kế hoạch số 12-KH/BCĐ "
            "ngày 02/7/2025 của Ban Chỉ đạo, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch như sau:",
            "I. NHIỆM VỤ", "1. Văn phòng Tỉnh ủy theo dõi.")
    blocks = [Block(id=f"b{k}", kind="paragraph", text=t) for k, t in enumerate(body)]
    st = build_structure(Document(source="x.docx", format="docx", blocks=blocks))
    meta = extract_meta(st)[0]
    assert meta.title == "thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị"  # the rule under it is not
    assert [(c.number, c.issuer) for c in extract_citations(st, meta)] == [
        ("02-KH/BCĐTW", "Ban Chỉ đạo Trung ương"), ("12-KH/BCĐ", "Ban Chỉ đạo tỉnh Quảng Nam")]


@pytest.mark.parametrize("date_line", ["Đồng Tiến, ngày 15 tháng 9 năm n 2025,", "Đồng Tiến, ngày 15 tháng 9 năm n2025."])
def test_specks_ocr_reads_beside_the_heading_and_in_the_date_line_are_not_read(date_line):
    """A scan's specks: "'KẾ HOẠCH" is the plan's heading, "năm n 2025" and "năm n2025" still date it."""
    body = ("ỦY BAN NHÂN DÂN", "XÃ ĐỒNG TIẾN", "Số: 45/KH-UBND.", date_line, "'KẾ HOẠCH",
            "Phổ cập kỹ năng số năm 2025", "I. NHIỆM VỤ", "1. Công an xã chủ trì tuần tra.")
    blocks = [Block(id=f"b{k}", kind="paragraph", text=t) for k, t in enumerate(body)]
    meta = extract_meta(build_structure(Document(source="x.pdf", format="pdf", blocks=blocks)))[0]
    assert (meta.doc_type, meta.number, meta.date, meta.title) == ("Kế hoạch", "45/KH-UBND", "2025-09-15",
                                                                    "Phổ cập kỹ năng số năm 2025")


def test_a_plan_issued_with_a_decision_implements_what_its_title_names_too_each_document_once():
    """The decision's basis names the law by name and date, the plan's title over two lines in capitals names it by
    number ("LUẬT ... SỐ 72/2025/QH15"): one law, numbered and dated, with the decision's other basis."""
    from planparse.extraction.meta import extract_citations

    body = ("BỘ Y TẾ", "Số: 15/QĐ-BYT", "Hà Nội, ngày 24 tháng 7 năm 2025", "QUYẾT ĐỊNH",
            "Ban hành Kế hoạch triển khai thi hành Luật Phòng bệnh", "BỘ TRƯỞNG BỘ Y TẾ",
            "Căn cứ Luật Phòng bệnh ngày 16 tháng 6 năm 2025;",
            "Căn cứ Nghị định số 42/2025/NĐ-CP ngày 27 tháng 02 năm 2025 của Chính phủ;", "QUYẾT ĐỊNH:",
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch triển khai thi hành Luật Phòng bệnh.",
            "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Trần Văn Thuấn",
            "KẾ HOẠCH", "TRIỂN KHAI THI HÀNH", "LUẬT PHÒNG BỆNH SỐ 114/2025/QH15",
            "(Kèm theo Quyết định số 15/QĐ-BYT ngày 24 tháng 7 năm 2025 của Bộ trưởng Bộ Y tế)",
            "I. MỤC ĐÍCH, YÊU CẦU", "1. Quán triệt Luật.", "II. NỘI DUNG", "1. Cục Phòng bệnh chủ trì tập huấn.")
    blocks = [Block(id=f"b{k}", kind="paragraph", text=t) for k, t in enumerate(body)]
    st = build_structure(Document(source="x.docx", format="docx", blocks=blocks))
    cited = extract_citations(st, extract_meta(st)[0])
    assert [(c.doc_type, c.number, c.date) for c in cited] == [
        ("Nghị định", "42/2025/NĐ-CP", "2025-02-27"), ("Luật", "114/2025/QH15", "2025-06-16")]
    law = cited[1]
    assert law.span.block == "b15" and law.text == "LUẬT PHÒNG BỆNH SỐ 114/2025/QH15"


def _issuer_of(*heading: str) -> str:
    from planparse.pipeline import document_to_plan
    from planparse.readers.text import text_to_document

    text = "\n".join(heading) + "\nKẾ HOẠCH\nCông tác năm 2026\nI. NHIỆM VỤ\n1. Tổ Văn phòng rà soát hồ sơ.\n"
    return document_to_plan(text_to_document(text, "x.txt")).meta.issuer


@pytest.mark.parametrize("heading,issuer", [
    (("UBND HUYỆN THANH CHƯƠNG", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "Số: 35/KH-PGDĐT", "Thanh Chương, ngày 12 tháng 9 năm 2025"),
     "Phòng Giáo dục và Đào tạo huyện Thanh Chương"),
    (("UBND THÀNH PHỐ HÀ NỘI", "SỞ Y TẾ", "Số: 1234/KH-SYT", "Hà Nội, ngày 02 tháng 02 năm 2026"),
     "Sở Y tế thành phố Hà Nội"),
    (("SỞ CÔNG THƯƠNG", "Số: 12/KH-SCT", "Lào Cai, ngày 02 tháng 02 năm 2026"), "Sở Công Thương tỉnh Lào Cai"),
    (("BỘ Y TẾ", "Số: 456/KH-BYT", "Hà Nội, ngày 01 tháng 4 năm 2026"), "Bộ Y tế"),
    # a school's date line names its town, not a province: no 'tỉnh Nghi Xuân'
    (("SỞ GD&ĐT HÀ TĨNH", "TRƯỜNG THPT NGUYỄN DU", "Số: 08/KH-THPTND", "Nghi Xuân, ngày 15 tháng 9 năm 2025"),
     "Trường THPT Nguyễn Du"),
])
def test_a_body_in_capitals_is_spelt_as_plans_spell_it_and_placed_only_in_a_province(heading, issuer):
    assert _issuer_of(*heading) == issuer
