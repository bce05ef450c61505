"""The Markdown reader: web transcriptions of plans read into the blocks a DOCX of the plan gives."""
import re
import string
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from planparse.readers import read_document
from planparse.readers.markdown import looks_like_transcription, markdown_to_document
from planparse.readers.text import read_text

REAL = Path(__file__).resolve().parents[1] / "corpus" / "real" / "provinces-2025"
SEEDS = Path(__file__).resolve().parents[1] / "corpus" / "seeds"


def read(text: str):
    return markdown_to_document(text, "x.md").blocks


def rows(text: str) -> list[list[str]]:
    return [[c.text for c in b.cells] for b in read(text) if b.kind == "row"]


def cells_of(*rows_: list[str]) -> str:
    """A table in the transcription's layout: each cell opened by a line "|", each row closed by one."""
    out = []
    for row in rows_:
        for cell in row:
            out.append("|")
            out.extend(cell.split("\n") if cell else [])
        out.append("|")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------ "|" tables
HEADING = """|
**ỦY BAN NHÂN
DÂN**
TỈNH ĐỒNG THÁP
--------
|
**CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số: 617/KH-UBND
|
*Đồng Tháp,
ngày 01 tháng 12 năm 2025*
|

**KẾ HOẠCH**
"""


def test_heading_table_gives_two_rows_of_two_cells_with_their_lines():
    blocks = read(HEADING)
    assert [[c.text for c in b.cells] for b in blocks[:2]] == [
        ["ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc"],
        ["Số: 617/KH-UBND", "Đồng Tháp, ngày 01 tháng 12 năm 2025"]]
    assert blocks[0].cells[0].lines == ["ỦY BAN NHÂN DÂN", "TỈNH ĐỒNG THÁP"]  # as a DOCX cell keeps them
    assert blocks[1].cells[1].lines is None  # one italic line, wrapped
    assert {b.table for b in blocks[:2]} == {0}
    assert blocks[2].kind == "paragraph" and blocks[2].text == "KẾ HOẠCH" and blocks[2].bold


def test_signature_cells_keep_the_recipients_and_the_signer_as_lines():
    text = cells_of(["*Nơi nhận:*\n- Bộ Khoa học và Công nghệ;\n- Lưu: VT, KGVX.",
                     "**TM. ỦY BAN\nNHÂN DÂN**\nKT. CHỦ TỊCH\n**PHÓ CHỦ TỊCH**\n**Huỳnh Minh Tuấn**"])
    (sig,) = [b for b in read(text) if b.kind == "row"]
    assert sig.cells[0].lines == ["Nơi nhận:", "- Bộ Khoa học và Công nghệ;", "- Lưu: VT, KGVX."]
    assert sig.cells[1].lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Huỳnh Minh Tuấn"]


TASKS = cells_of(
    ["**STT**", "**Tên nhiệm vụ**", "**Cơ quan chủ trì**", "**Cơ quan phối hợp**", "**Thời gian hoàn thành**"],
    ["**I.\nNÂNG CAO NHẬN THỨC VÀ ĐỔI MỚI TƯ DUY**"],
    ["1", "Triển khai nền tảng đào tạo\ntrực tuyến mở đại trà.", "Sở KH&CN", "Các sở, ban, ngành tỉnh", "Thường xuyên"],
    ["2", "Triển khai đánh giá mức độ\nchuyển đổi số.", "Sở KH&CN", "UBND các xã, phường", "Quí IV-2025"],
    ["", "", "", "", ""])


def test_a_pipe_pair_after_a_full_row_starts_the_next_row_and_a_group_row_spans_the_table():
    blocks = [b for b in read(TASKS) if b.kind == "row"]
    assert [[c.text for c in b.cells] for b in blocks] == [
        ["STT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
        ["I. NÂNG CAO NHẬN THỨC VÀ ĐỔI MỚI TƯ DUY", "", "", "", ""],
        ["1", "Triển khai nền tảng đào tạo trực tuyến mở đại trà.", "Sở KH&CN", "Các sở, ban, ngành tỉnh", "Thường xuyên"],
        ["2", "Triển khai đánh giá mức độ chuyển đổi số.", "Sở KH&CN", "UBND các xã, phường", "Quí IV-2025"]]
    group = blocks[1].cells
    assert group[0].span == 5 and [c.span for c in group[1:]] == [0, 0, 0, 0]  # the grid DOCX reports


def test_empty_cells_are_told_from_row_breaks_by_the_width_of_the_rows():
    # "3 | Cơ cấu kinh tế" and six empty cells, then a sub-row whose STT cell is empty
    text = cells_of(["STT", "Nội dung", "Đơn vị", "KH 2025", "UTH 2025", "2026", "2027", "2028"],
                    ["1", "Tổng sản phẩm (GRDP)", "Tỷ đồng", "172.033", "172.033", "193.549", "218.628", "247.907"],
                    ["3", "Cơ cấu kinh tế", "", "", "", "", "", ""],
                    ["", "- Nông, lâm nghiệp, thủy sản", "%", "34,48", "34,48", "33,31", "31,76", "30,22"],
                    ["4", "Chỉ số giá tiêu dùng (CPI)", "%", "", "5,04", "5,21", "5,21", "5,21"])
    got = rows(text)
    assert got[2] == ["3", "Cơ cấu kinh tế", "", "", "", "", "", ""]
    assert got[3] == ["", "- Nông, lâm nghiệp, thủy sản", "%", "34,48", "34,48", "33,31", "31,76", "30,22"]
    assert got[4] == ["4", "Chỉ số giá tiêu dùng (CPI)", "%", "", "5,04", "5,21", "5,21", "5,21"]


def test_an_empty_last_cell_closes_its_row():
    text = cells_of(["TT", "Nội dung thực hiện", "Cơ quan chủ trì", "Thời gian", "Sản phẩm dự kiến"],
                    ["1", "Triển khai thực hiện chi đặc thù", "Sở Tài chính", "Thường xuyên", ""],
                    ["2", "Hướng dẫn phương pháp thống kê", "Sở Nội vụ", "2025", ""],
                    ["3", "Ban hành Quy chế phối hợp", "Sở Xây dựng", "2025", "Quyết định của Chủ tịch"])
    assert rows(text)[1:] == [["1", "Triển khai thực hiện chi đặc thù", "Sở Tài chính", "Thường xuyên", ""],
                              ["2", "Hướng dẫn phương pháp thống kê", "Sở Nội vụ", "2025", ""],
                              ["3", "Ban hành Quy chế phối hợp", "Sở Xây dựng", "2025", "Quyết định của Chủ tịch"]]


def test_one_row_without_its_break_does_not_widen_the_table():
    good = [["1", "Tổ chức lại Ban Chỉ huy", "Bộ CHQS tỉnh", "Trước ngày 30/11/2025"],
            ["2", "Rà soát kế hoạch", "Sở Nội vụ", "2025"], ["3", "Diễn tập", "Bộ CHQS tỉnh", "2026"]]
    glued = ["4", "Ban hành Quy chế", "Sở Xây dựng", "2025", "5", "Thành lập Quỹ", "Sở Tài chính", "2025"]
    got = rows(cells_of(["TT", "Nội dung", "Chủ trì", "Thời gian"], *good, glued, *good))
    assert [len(r) for r in got] == [4, 4, 4, 4, 8, 4, 4, 4]


def test_a_group_label_opens_its_row():
    # a second header row [X, Y] with an empty cell, then a group row [I, title]
    text = cells_of(["TT", "Tên điểm", "Kiểu", "Vị trí lấy mẫu", "Mô tả", "Ghi chú"], ["X", "Y", ""],
                    ["I", "Vùng nuôi trồng thủy sản đầm Cù Mông"],
                    ["1", "Xuân Lộc", "Quan trắc tác động", "574945.0", "1506250.8", "Nguồn nước cấp", "Vùng nuôi"],
                    ["2", "Xuân Cảnh", "Quan trắc tác động", "583593.4", "1498499.1", "Nguồn nước cấp", "Vùng nuôi"])
    got = rows(text)
    assert got[1] == ["X", "Y", ""] and got[2][0] == "I" and got[3][0] == "1"


def test_pipe_lines_closing_nothing_after_a_table_are_dropped():
    text = TASKS.rstrip("\n") + "\n|\n|\n|\n"
    assert rows(text) == rows(TASKS)


# ------------------------------------------------------------------------------------ GFM tables
GFM = """| STT | Tên nhiệm vụ | Cơ quan chủ trì | Thời gian |
|---|:---|---|---:|
| **I** | **NÂNG CAO NHẬN THỨC** | | |
| 1 | Triển khai nền tảng đào tạo | Sở KH&CN | Thường xuyên |
|   | trực tuyến mở đại trà | | |
| 2 | Đánh giá<br>mức độ chuyển đổi số | Sở Nội vụ \\| Sở Tài chính | Quý IV/2025 |
| | a) Xây dựng bộ tiêu chí | Sở KH&CN | 2026 |
"""


def test_gfm_table_header_group_row_and_cells():
    got = rows(GFM)
    assert got[0] == ["STT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Thời gian"]  # the delimiter row is not a row
    assert got[1] == ["I", "NÂNG CAO NHẬN THỨC", "", ""]
    assert got[3] == ["2", "Đánh giá mức độ chuyển đổi số", "Sở Nội vụ | Sở Tài chính", "Quý IV/2025"]


def test_gfm_cell_continued_on_the_next_row_joins_it_but_an_item_does_not():
    got = rows(GFM)
    assert got[2] == ["1", "Triển khai nền tảng đào tạo trực tuyến mở đại trà", "Sở KH&CN", "Thường xuyên"]
    assert got[4] == ["", "a) Xây dựng bộ tiêu chí", "Sở KH&CN", "2026"]
    assert len(got) == 5


# ------------------------------------------------------------------------------------ paragraphs
def test_blank_lines_separate_paragraphs_and_wrapped_lines_join_with_a_space():
    blocks = read("a) Thúc đẩy mạnh mẽ chuyển đổi số\ntoàn diện trong hoạt động sản xuất.\n\n"
                  "b) Ứng dụng công nghệ số để\nnâng cao năng suất.\n")
    assert [b.text for b in blocks] == ["a) Thúc đẩy mạnh mẽ chuyển đổi số toàn diện trong hoạt động sản xuất.",
                                        "b) Ứng dụng công nghệ số để nâng cao năng suất."]
    assert [b.line for b in blocks] == [1, 4]


def test_a_dash_after_an_unfinished_line_is_a_wrap_but_after_a_sentence_an_item():
    blocks = read("b) Xác định nội dung gắn với vai trò của Công an thành phố\n- Thường trực tham mưu.\n\n"
                  "Nơi nhận:\n- Bộ Tư pháp (b/c);\n- Lưu: VT, NC.\n")
    assert [b.text for b in blocks] == [
        "b) Xác định nội dung gắn với vai trò của Công an thành phố - Thường trực tham mưu.",
        "Nơi nhận:", "- Bộ Tư pháp (b/c);", "- Lưu: VT, NC."]


def test_atx_heading_rule_lines_and_markup_only_paragraphs():
    blocks = read("# **KẾ HOẠCH** #\n\n** **\n\n-----\n\n* *\n\nTriển khai năm 2026\n")
    assert [(b.kind, b.text) for b in blocks] == [("heading", "KẾ HOẠCH"), ("paragraph", "Triển khai năm 2026")]


# ---------------------------------------------------------------------------------- emphasis
def test_bold_split_over_lines_is_one_bold_heading():
    (b,) = read("**1.\nCông tác tham mưu, chỉ đạo triển khai**\n")
    assert b.text == "1. Công tác tham mưu, chỉ đạo triển khai" and b.bold


def test_doubled_and_unbalanced_markers_leave_text_only():
    first, second = read("**6.****\n**Đẩy mạnh ứng dụng khoa học, kỹ thuật.\n\n"
                         "**1. Phạm\nvi:**** **Toàn bộ các xã, phường *(HKD) *trên địa bàn.\n")
    assert first.text == "6. Đẩy mạnh ứng dụng khoa học, kỹ thuật." and not first.bold
    assert second.text == "1. Phạm vi: Toàn bộ các xã, phường (HKD) trên địa bàn." and not second.bold


def test_a_bold_label_alone_belongs_with_the_next_paragraph():
    blocks = read("**1.**\n\n**Công tác tham mưu, chỉ đạo triển khai**\n\nĐề nghị các sở tổ chức quán triệt.\n")
    assert [b.text for b in blocks] == ["1. Công tác tham mưu, chỉ đạo triển khai", "Đề nghị các sở tổ chức quán triệt."]
    assert blocks[0].bold and blocks[0].line == 1 and blocks[0].start == 0


def test_escaped_characters_are_text():
    (b,) = read("Số 12\\/KH-UBND ngày 01\\.12\\.2025, mục \\[a\\] \\*ghi chú\\* \\_x\\_ \\# \\> \\(tỉnh\\) \\- xã\n")
    assert b.text == "Số 12/KH-UBND ngày 01.12.2025, mục [a] *ghi chú* _x_ # > (tỉnh) - xã"


def test_underscore_inside_a_word_or_alone_is_text_and_html_inline_tags_are_not():
    (b,) = read("Hỗ trợ: (028) 3930.3279 _ 0906 tệp ten_tep <b>đậm</b><br>xuống dòng\n")
    assert b.text == "Hỗ trợ: (028) 3930.3279 _ 0906 tệp ten_tep đậm xuống dòng"


# ---------------------------------------------------------------------------------- footnotes
NOTES = """Thực hiện Chỉ thị số 27/CT-TTg của Thủ tướng Chính phủ và Kế
hoạch[1] của Ủy ban nhân dân thành phố; các văn bản có liên quan[2];

- Thu tiền sử dụng đất ước đạt 560 tỷ đồng *[1]*, bằng 81% dự toán.

- Thực hiện chính sách hỗ trợ người nộp thuế ảnh hưởng giảm thu ngân sách* [2]*.

Ban hành kèm theo danh mục [3] dưới đây.

|
**TM. ỦY BAN NHÂN DÂN**
|



[1]
Chương trình số 30-CTr/TU ngày 29/12/2017 của Thành ủy Cần Thơ.

[2] Chỉ
thị số 27/CTTg ngày 15/7/2024 của Thủ tướng Chính phủ.
"""


def test_footnote_references_are_not_text_and_their_texts_are_left_out_like_docx():
    texts = [b.text for b in read(NOTES)]
    assert texts[0] == ("Thực hiện Chỉ thị số 27/CT-TTg của Thủ tướng Chính phủ và Kế hoạch của Ủy ban nhân dân "
                        "thành phố; các văn bản có liên quan;")
    assert texts[1] == "- Thu tiền sử dụng đất ước đạt 560 tỷ đồng, bằng 81% dự toán."
    assert texts[2] == "- Thực hiện chính sách hỗ trợ người nộp thuế ảnh hưởng giảm thu ngân sách."
    assert texts[3] == "Ban hành kèm theo danh mục [3] dưới đây."  # no footnote 3: a bracket in the text
    assert texts[-1] == "TM. ỦY BAN NHÂN DÂN" and not any("30-CTr/TU" in t for t in texts)


# --------------------------------------------------------------------- documents without blank lines
SCRAPE = """|
**ỦY BAN NHÂN DÂN**
TỈNH NGHỆ AN
|
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
|
|
Số: 980/KH-UBND
|
*Nghệ An, ngày 18 tháng 11 năm 2025*
|
**KẾ HOẠCH**
THỰC HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG CỦA THỦ TƯỚNG CHÍNH PHỦ
Thực hiện Quyết định số 1899/QĐ-TTg ngày 04/9/2025
của Thủ tướng Chính phủ ban hành Kế hoạch.
**I. MỤC ĐÍCH, YÊU CẦU**
1. Xác định phạm vi, trách nhiệm; phân công nhiệm vụ
cho các sở, ban, ngành.
2. Bảo đảm sự chỉ đạo thống nhất của Ủy ban nhân dân tỉnh.
**II. NỘI DUNG**
1. Kiện toàn cơ chế chỉ đạo.
2. Diễn tập phòng thủ dân sự.
|
Nơi nhận:
- Chủ tịch UBND tỉnh;
- Lưu: VT, NC.
|
**TM. ỦY BAN NHÂN DÂN**
Nguyễn Văn Đệ
|
"""


def test_a_page_without_blank_lines_has_its_body_cut_out_of_the_tables():
    blocks = read(SCRAPE)
    assert [[c.text for c in b.cells] for b in blocks[:2]] == [
        ["ỦY BAN NHÂN DÂN TỈNH NGHỆ AN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["Số: 980/KH-UBND", "Nghệ An, ngày 18 tháng 11 năm 2025"]]
    paragraphs = [b.text for b in blocks if b.kind != "row"]
    assert paragraphs[:2] == ["KẾ HOẠCH", "THỰC HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG CỦA THỦ TƯỚNG CHÍNH PHỦ"]
    assert "I. MỤC ĐÍCH, YÊU CẦU" in paragraphs and "2. Diễn tập phòng thủ dân sự." in paragraphs
    assert "1. Xác định phạm vi, trách nhiệm; phân công nhiệm vụ cho các sở, ban, ngành." in paragraphs
    assert blocks[-1].kind == "row" and blocks[-1].cells[1].text == "TM. ỦY BAN NHÂN DÂN Nguyễn Văn Đệ"


# ------------------------------------------------------------------------------- dispatch and files
def test_md_files_go_to_the_markdown_reader_and_seed_txt_files_stay_with_the_text_reader():
    doc = read_document(REAL / "dong-thap-kh617-2025.md")
    assert doc.format == "markdown" and doc.blocks[0].kind == "row"
    for seed in sorted(SEEDS.glob("*.txt")):  # seed 001 has "## **KẾ HOẠCH**" and "**1.**": still text.py's
        assert read_document(seed) == read_text(seed)


def test_a_txt_holding_transcription_tables_is_read_as_markdown(tmp_path):
    p = tmp_path / "ke-hoach.txt"
    p.write_text(HEADING + "\nTriển khai năm 2026\n", encoding="utf-8")
    doc = read_document(p)
    assert doc.format == "markdown" and [c.text for c in doc.blocks[1].cells][0] == "Số: 617/KH-UBND"
    assert looks_like_transcription(GFM) and not looks_like_transcription("## **KẾ HOẠCH**\n\n**1.** Giao chỉ tiêu")


def test_rows_of_a_page_export_closed_by_a_pipe_without_a_delimiter_row_are_table_rows(tmp_path):
    """Legal-text sites export the heading table as "cell | cell |" lines, without a GFM delimiter row: they are
    rows of cells, and a .txt holding them is a transcription; a pipe inside a sentence is not a row."""
    page = ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
            "Số: 48/KH-UBND | Hưng Yên, ngày 02 tháng 3 năm 2024 |\n\n"
            "Thực hiện chỉ đạo của UBND tỉnh, UBND huyện ban hành Kế hoạch như sau:\n")
    assert rows(page) == [["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
                          ["Số: 48/KH-UBND", "Hưng Yên, ngày 02 tháng 3 năm 2024"]]
    assert rows("ỦY BAN NHÂN DÂN |\nHUYỆN KIM ĐỘNG |\n") == [["ỦY BAN NHÂN DÂN"], ["HUYỆN KIM ĐỘNG"]]
    assert rows("Tỷ lệ hồ sơ trực tuyến | đạt 50% vào cuối năm\n") == []
    p = tmp_path / "ke-hoach.txt"
    p.write_text(page, encoding="utf-8")
    assert read_document(p).format == "markdown"


def test_real_appendix_reads_as_its_docx_would():
    doc = read_document(REAL / "dong-thap-kh617-2025.md")
    appendix = [b for b in doc.blocks if b.kind == "row" and b.table == 2]
    assert len(appendix) == 16 and all(len(b.cells) == 5 for b in appendix)
    groups = [b.cells[0].text for b in appendix if b.cells[0].span == 5]
    assert groups == ["I. NÂNG CAO NHẬN THỨC VÀ ĐỔI MỚI TƯ DUY",
                      "II. HOÀN THIỆN CƠ CHẾ, CHÍNH SÁCH HỖ TRỢ CHUYỂN ĐỔI SỐ DOANH NGHIỆP",
                      "III. PHÁT TRIỂN HẠ TẦNG SỐ VÀ THÚC ĐẨY ỨNG DỤNG TRONG SẢN XUẤT KINH DOANH",
                      "IV. HỢP TÁC VÀ THU HÚT ĐẦU TƯ"]
    assert [c.text for c in appendix[-1].cells][2:] == ["Sở KH&CN", "Các sở, ban, ngành tỉnh; UBND các xã, phường",
                                                        "Quí IV-2025"]
    assert not any(re.search(r"[*|\\]", b.text) for b in doc.blocks if b.kind != "row")


def test_real_table_with_empty_cells_keeps_its_columns():
    doc = read_document(REAL / "thanh-hoa-kh235-2025.md")
    table = [[c.text for c in b.cells] for b in doc.blocks if b.kind == "row" and b.table == 2]
    assert table[2] == ["1", "Cửa sông lạch Càn", "1", "", "", ""]
    assert table[9] == ["8", "xã Tân Tiến", "", "2", "1", ""]
    assert table[-1] == ["", "Tổng cộng", "15", "21", "4", "3"]


def test_real_page_scrape_without_blank_lines():
    doc = read_document(REAL / "nghe-an-kh980-2025.md")
    texts = [b.text for b in doc.blocks if b.kind != "row"]
    assert "KẾ HOẠCH" in texts and "I. MỤC ĐÍCH, YÊU CẦU" in texts and "IV. TỔ CHỨC THỰC HIỆN" in texts
    header = next(b for b in doc.blocks if b.kind == "row" and b.cells[0].text == "TT")
    assert [c.text for c in header.cells] == ["TT", "Nội dung thực hiện", "Cơ quan chủ trì", "Cơ quan phối hợp",
                                              "Thời gian hoàn thành", "Sản phẩm dự kiến"]
    first = doc.blocks[doc.blocks.index(header) + 2]
    assert len(first.cells) == 6 and first.cells[4].text == "Trước ngày 30/11/2025"


# ---------------------------------------------------------------------------------- properties
def alnum(s: str) -> str:
    return "".join(c for c in s if c.isalnum())


WORDS = ["Kế", "hoạch", "số", "617/KH-UBND", "Sở", "Tài", "chính", "năm", "2025", "I.", "1.", "a)", "-", "+",
         "(HKD)", "đ)", "ỦY", "BAN", "x_y", "#5"]
word = st.sampled_from(WORDS) | st.text(alphabet="abcđêươ" + string.digits, min_size=1, max_size=6)
markup = st.sampled_from(["**", "*", "****", "\\*", "\\.", "\\-", "_", "__"])
inline = st.lists(word | markup, min_size=1, max_size=8).map(lambda xs: " ".join(xs))
line = inline | st.sampled_from(["", "", "|", "|", "|", "-----", "# ", "## **KẾ HOẠCH**", "** **", "* *",
                                 "| a | b |", "|---|---|", "| 1 | Sở Nội vụ |"])
markdownish = st.lists(line, max_size=40).map("\n".join)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(markdownish)
def test_reading_keeps_every_letter_and_digit_in_order_and_offsets_slice_back(text):
    blocks = markdown_to_document(text, "fuzz.md").blocks
    assert alnum("".join(b.text for b in blocks)) == alnum(text)
    for b in blocks:
        assert alnum(text[b.start:b.end]) == alnum(b.text)
        assert text[:b.start].count("\n") + 1 == b.line
        assert b.text == b.text.strip() and (b.kind != "row" or b.cells)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_reader_never_raises_on_any_text(text):
    for b in markdown_to_document(text, "fuzz.md").blocks:
        assert 0 <= b.start <= b.end <= len(text)


def test_a_transcription_read_again_after_repair_goes_to_the_markdown_reader():
    from planparse.readers.text import text_to_document

    assert text_to_document(HEADING, "x.md", "markdown") == markdown_to_document(HEADING, "x.md")
    assert text_to_document("## **KẾ HOẠCH**\n", "x.txt", "markdown").blocks[0].kind == "heading"


def test_a_sentence_going_on_in_lower_case_after_a_blank_line_is_one_paragraph():
    blocks = read("*- Đơn vị phối hợp: *Văn\nphòng UBND tỉnh; các cơ quan, đơn vị, địa phương\n\nliên quan.\n\n"
                  "- Ưu tiên dịch vụ công trực tuyến\ntoàn trình, phục vụ người dân -\n\ndoanh nghiệp nhanh hơn.\n\n"
                  "b) Hệ thống dữ liệu phục vụ quản lý.\n\nc) Kết nối dữ liệu.\n")
    assert [b.text for b in blocks] == [
        "- Đơn vị phối hợp: Văn phòng UBND tỉnh; các cơ quan, đơn vị, địa phương liên quan.",
        "- Ưu tiên dịch vụ công trực tuyến toàn trình, phục vụ người dân - doanh nghiệp nhanh hơn.",
        "b) Hệ thống dữ liệu phục vụ quản lý.", "c) Kết nối dữ liệu."]


def test_a_line_break_typed_as_br_in_a_pipe_table_cell_parts_its_lines():
    from planparse.pipeline import document_to_plan

    text = ("| UBND HUYỆN NAM ĐÀN<br>**PHÒNG NỘI VỤ** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>Độc lập - Tự do - Hạnh phúc |\n"
            "|---|---|\n| Số: 25/KH-PNV | *Nam Đàn, ngày 02 tháng 4 năm 2024* |\n\n**KẾ HOẠCH**\n\n"
            "**Kiểm tra công tác cải cách hành chính năm 2024**\n\n**I. NHIỆM VỤ**\n\n"
            "1. Phòng Nội vụ thông báo lịch kiểm tra đến các đơn vị trước ngày 10/4/2024.\n")
    doc = markdown_to_document(text, "kt.md")
    assert doc.blocks[0].cells[0].lines == ["UBND HUYỆN NAM ĐÀN", "PHÒNG NỘI VỤ"]
    meta = document_to_plan(doc).meta
    assert (meta.issuer.casefold(), meta.issuer_level) == ("phòng nội vụ huyện nam đàn", "district")


def test_heading_cells_of_a_page_saved_as_markdown_are_rejoined():
    """Heading cells parted by "|" lines, each cell's first line wrapped after one word ("ỦY" / "BAN NHÂN DÂN"),
    and the title after "KẾ HOẠCH" wrapped the same way: each comes out as one line, offsets still the source's."""
    text = ("ỦY\nBAN NHÂN DÂN\nXÃ HÒA LẠC\n-------\n|\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n---------------\n|\n"
            "Số:\n08/KH-UBND\n|\nHòa Lạc, ngày 02 tháng 4 năm 2024\n|\nKẾ HOẠCH\nPHÒNG\nCHỐNG DỊCH BỆNH NĂM 2024\n"
            "I. MỤC ĐÍCH\nHạn\nchế dịch bệnh trên địa bàn.\n")
    doc = markdown_to_document(text, "x.md")
    assert [b.text for b in doc.blocks] == [
        "ỦY BAN NHÂN DÂN", "XÃ HÒA LẠC",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM | Số: 08/KH-UBND | Hòa Lạc, ngày 02 tháng 4 năm 2024",
        "KẾ HOẠCH", "PHÒNG CHỐNG DỊCH BỆNH NĂM 2024", "I. MỤC ĐÍCH", "Hạn chế dịch bệnh trên địa bàn."]
    assert text[doc.blocks[0].start:doc.blocks[0].end] == "ỦY\nBAN NHÂN DÂN"


HTML_TABLE = """**KẾ HOẠCH**

**Chuyển đổi số năm 2026**

**I. NHIỆM VỤ**

<table>
<tr><th>TT</th><th>Nhiệm vụ</th><th>Chủ trì</th><th>Phối hợp</th><th>Thời gian</th></tr>
<tr><td colspan="5"><b>I. Tuyên truyền</b></td></tr>
<tr><td>1</td><td>Tổ chức hội nghị<br>quán triệt Nghị quyết</td><td rowspan="2">Sở Nội vụ</td><td>Các sở, ngành</td>
<td>Quý I/2026</td></tr>
<tr><td>2</td><td>Tập huấn cán bộ</td><td>UBND các xã</td><td>Quý II/2026</td></tr>
</table>

**II. TỔ CHỨC THỰC HIỆN**
"""


def test_a_table_left_in_html_reads_as_rows_with_its_spans_laid_out():
    rows = [b for b in read(HTML_TABLE) if b.kind == "row"]
    assert [[c.text for c in b.cells] for b in rows] == [
        ["TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian"],
        ["I. Tuyên truyền", "", "", "", ""],
        ["1", "Tổ chức hội nghị quán triệt Nghị quyết", "Sở Nội vụ", "Các sở, ngành", "Quý I/2026"],
        ["2", "Tập huấn cán bộ", "Sở Nội vụ", "UBND các xã", "Quý II/2026"]]
    assert rows[2].cells[1].lines == ["Tổ chức hội nghị", "quán triệt Nghị quyết"] and rows[2].line == 10
    assert rows[3].cells[2].merged_above and [c.span for c in rows[1].cells] == [5, 0, 0, 0, 0]  # as DOCX lays them out
    assert [b.text for b in read(HTML_TABLE) if b.kind != "row"][-1] == "II. TỔ CHỨC THỰC HIỆN"


def test_a_plans_task_table_in_html_gives_its_tasks_and_its_markup_is_no_damage():
    from planparse.pipeline import extract_bytes
    from planparse.repair import damage

    assert damage(HTML_TABLE) < 0.05
    plan = extract_bytes(HTML_TABLE.encode("utf-8"), "kh.md")
    tasks = {t.text: t for t in plan.tasks}
    assert tasks["Tập huấn cán bộ"].lead == ["Sở Nội vụ"]  # the cell spanning rows above it
    assert tasks["Tập huấn cán bộ"].deadline.date == "2026-06-30"
    assert not plan.warnings or not any("repaired" in w for w in plan.warnings)


def test_a_tables_declared_spans_are_bounded_and_a_nested_table_is_its_cells_text():
    from planparse.limits import current
    from planparse.readers.html_tables import table_rows

    MAX_SPAN = current().declared_span

    (cells, _, _), = table_rows('<table><tr><td colspan="99999999" rowspan="x">Nhóm I</td></tr></table>')
    assert len(cells) == MAX_SPAN and cells[0] == (["Nhóm I"], MAX_SPAN, False)
    (cells, _, _), = table_rows("<table><tr><td>1</td><td>Sở Y tế<table><tr><td>chủ trì</td></tr></table></td></tr>"
                                "</table>")
    assert [c[0] for c in cells] == [["1"], ["Sở Y tế", "chủ trì"]]


GRID_TABLE = """**I. NHIỆM VỤ**

+-----+----------------------------+-------------------+--------------+
| STT | Nhiệm vụ                   | Cơ quan chủ trì   | Thời gian    |
|     |                            |                   | hoàn thành   |
+=====+============================+===================+==============+
| 1   | Số hóa hồ sơ, kết quả giải | UBND các xã,      | Tháng        |
|     | quyết thủ tục hành chính   | phường            | 12/2026      |
+-----+----------------------------+-------------------+--------------+

**II. TỔ CHỨC THỰC HIỆN**
"""


def test_a_pandoc_grid_table_reads_as_rows_its_wrapped_cells_whole():
    rows = [[c.text for c in b.cells] for b in read(GRID_TABLE) if b.kind == "row"]
    assert rows == [["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"],
                    ["1", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "UBND các xã, phường", "Tháng 12/2026"]]
    assert looks_like_transcription(GRID_TABLE) and looks_like_transcription(HTML_TABLE)


def test_entity_references_read_as_their_characters():
    texts = [b.text for b in read("Sở Y tế chủ trì,&nbsp;phối hợp với UBND các xã &amp; phường; Ð&#7891;ng Nai.\n")]
    assert texts == ["Sở Y tế chủ trì, phối hợp với UBND các xã & phường; Ðồng Nai."]
