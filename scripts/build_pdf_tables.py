"""Build plans whose appendix is a 6-column task table, as DOCX (python-docx) and PDF (LibreOffice).

The table is modelled on real appendix tables (PHỤ LỤC of provincial plans): STT | Nhiệm vụ | Cơ quan
chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm, with group rows (I., II., ...) merged
over the row, numbered rows, numbered rows whose lettered sub-items a), b), c) have their own unit
cells and share the numbered row's STT cell (merged down), long cells that wrap over several lines,
a header row Word repeats on every page and rows allowed to break across a page. Each plan opens
with the usual two-column heading table without rules (issuer and number left, motto and place/date
right). Variants:

- ``ke-hoach-phu-luc-doc``: portrait, every rule drawn, the table running over three pages;
- ``ke-hoach-phu-luc-ngang``: the body portrait, the appendix in a landscape section;
- ``phu-luc-ke-ngang``: only horizontal rules (no vertical rules, no side borders);
- ``phu-luc-khong-vien``: inner rules only (no outer border);
- ``phu-luc-khong-ke``: no rules at all (a Word table with its borders removed).

The DOCX files are the truth the PDF reader is tested against (tests/test_pdf_reading.py). Generated
files are committed so tests need neither this script nor LibreOffice.

    python scripts/build_pdf_tables.py [VARIANT ...]
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "corpus" / "pdf-tables"

HEADER = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm"]

# (kind, ...): ("group", roman, name) | ("task", no, text, lead, support, deadline, product)
# | ("parent", no, text, [(letter, text, lead, support, deadline, product), ...])
ROWS = [
    ("group", "I", "NÂNG CAO NHẬN THỨC, HOÀN THIỆN THỂ CHẾ VỀ CHUYỂN ĐỔI SỐ"),
    ("task", "1", "Tổ chức quán triệt, tuyên truyền Kế hoạch đến cán bộ, công chức, viên chức và người dân trên "
     "địa bàn tỉnh bằng nhiều hình thức phù hợp, chú trọng hình thức trực tuyến và mạng xã hội.",
     "Sở Văn hóa, Thể thao và Du lịch", "Báo và Phát thanh, Truyền hình tỉnh; UBND các xã, phường",
     "Quý I/2026", "Các tin, bài, phóng sự tuyên truyền"),
    ("task", "2", "Rà soát, đề xuất sửa đổi, bổ sung các văn bản quy phạm pháp luật thuộc thẩm quyền của tỉnh "
     "không còn phù hợp với yêu cầu chuyển đổi số.",
     "Sở Tư pháp", "Các sở, ban, ngành tỉnh", "Tháng 6/2026", "Báo cáo rà soát; dự thảo văn bản"),
    ("task", "3", "Ban hành quy chế quản lý, vận hành, khai thác Trung tâm giám sát, điều hành đô thị thông minh "
     "của tỉnh.", "Sở Khoa học và Công nghệ", "Văn phòng UBND tỉnh; Công an tỉnh", "Quý II/2026",
     "Quyết định của UBND tỉnh"),
    ("parent", "4", "Đào tạo, bồi dưỡng kỹ năng số cho cán bộ, công chức, viên chức, gồm:", [
        ("a)", "Bồi dưỡng kiến thức về chuyển đổi số, an toàn thông tin mạng cho cán bộ lãnh đạo, quản lý các cấp.",
         "Sở Nội vụ", "Sở Khoa học và Công nghệ", "Hằng năm", "Các lớp bồi dưỡng"),
        ("b)", "Tập huấn sử dụng các nền tảng số dùng chung cho công chức cấp xã.",
         "Sở Khoa học và Công nghệ", "UBND các xã, phường", "Quý III/2026", "Danh sách học viên được cấp chứng nhận"),
        ("c)", "Phổ cập kỹ năng số cơ bản cho người dân thông qua Tổ công nghệ số cộng đồng.",
         "UBND các xã, phường", "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh", "Thường xuyên",
         "Báo cáo kết quả hằng quý"),
    ]),
    ("group", "II", "PHÁT TRIỂN HẠ TẦNG SỐ VÀ DỮ LIỆU SỐ"),
    ("task", "5", "Xây dựng kế hoạch và triển khai hạ tầng mạng di động 5G tại các khu công nghiệp, cụm công nghiệp, "
     "khu du lịch trọng điểm và trung tâm các xã, phường; bảo đảm 100% thôn, ấp được phủ sóng di động băng rộng.",
     "Sở Khoa học và Công nghệ", "Các doanh nghiệp viễn thông; Ban Quản lý các khu công nghiệp tỉnh", "Năm 2026",
     "Hạ tầng 5G được đưa vào khai thác"),
    ("task", "6", "Nâng cấp Trung tâm dữ liệu của tỉnh đáp ứng tiêu chuẩn kỹ thuật theo quy định, bảo đảm an toàn "
     "thông tin cấp độ 3 trở lên.", "Sở Khoa học và Công nghệ", "Công an tỉnh; Sở Tài chính", "Quý IV/2026",
     "Trung tâm dữ liệu được nâng cấp"),
    ("parent", "7", "Xây dựng và kết nối các cơ sở dữ liệu chuyên ngành:", [
        ("a)", "Cơ sở dữ liệu đất đai, kết nối, chia sẻ với Cơ sở dữ liệu quốc gia về dân cư.",
         "Sở Nông nghiệp và Môi trường", "Công an tỉnh; UBND các xã, phường", "Tháng 9/2026",
         "Cơ sở dữ liệu được vận hành"),
        ("b)", "Cơ sở dữ liệu về hộ tịch, chứng thực điện tử.",
         "Sở Tư pháp", "UBND các xã, phường", "Tháng 12/2026", "Dữ liệu được số hóa, làm sạch"),
        ("c)", "Cơ sở dữ liệu ngành y tế, hồ sơ sức khỏe điện tử của người dân.",
         "Sở Y tế", "Bảo hiểm xã hội tỉnh", "Năm 2026", "Hồ sơ sức khỏe điện tử"),
        ("d)", "Cơ sở dữ liệu ngành giáo dục, học bạ số.",
         "Sở Giáo dục và Đào tạo", "Các cơ sở giáo dục trên địa bàn tỉnh", "Năm học 2026-2027", "Học bạ số"),
    ]),
    ("task", "8", "Triển khai số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực theo quy định; "
     "bảo đảm tỷ lệ số hóa hồ sơ đạt 100% đối với hồ sơ tiếp nhận mới, tái sử dụng dữ liệu đã số hóa, không yêu "
     "cầu người dân, doanh nghiệp cung cấp lại thông tin, giấy tờ đã được cơ quan nhà nước có thẩm quyền số hóa; "
     "định kỳ rà soát, cập nhật, làm sạch dữ liệu và kết nối với Hệ thống thông tin giải quyết thủ tục hành chính "
     "của tỉnh; báo cáo kết quả thực hiện về Văn phòng UBND tỉnh trước ngày 15 của tháng cuối quý để tổng hợp.",
     "Văn phòng UBND tỉnh", "Các sở, ban, ngành tỉnh; UBND các xã, phường; Trung tâm Phục vụ hành chính công tỉnh",
     "Thường xuyên", "Hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa; báo cáo định kỳ hằng quý gửi "
     "Văn phòng UBND tỉnh"),
    ("task", "9", "Xây dựng kho dữ liệu mở của tỉnh, công bố danh mục dữ liệu mở.", "Sở Khoa học và Công nghệ",
     "Các sở, ban, ngành tỉnh", "Quý III/2026", "Danh mục dữ liệu mở"),
    ("group", "III", "PHÁT TRIỂN CHÍNH QUYỀN SỐ, KINH TẾ SỐ VÀ XÃ HỘI SỐ"),
    ("task", "10", "Cung cấp dịch vụ công trực tuyến toàn trình đối với 100% thủ tục hành chính đủ điều kiện.",
     "Văn phòng UBND tỉnh", "Các sở, ban, ngành tỉnh", "Năm 2026", "Dịch vụ công trực tuyến toàn trình"),
    ("task", "11", "Hỗ trợ doanh nghiệp nhỏ và vừa, hợp tác xã, hộ kinh doanh đưa sản phẩm lên sàn thương mại "
     "điện tử, nhất là sản phẩm OCOP.", "Sở Công Thương", "UBND các xã, phường", "Hằng năm",
     "Số sản phẩm được đưa lên sàn"),
    ("parent", "12", "Thúc đẩy thanh toán không dùng tiền mặt:", [
        ("a)", "Thanh toán không dùng tiền mặt trong thu học phí, viện phí.",
         "Sở Giáo dục và Đào tạo; Sở Y tế", "Ngân hàng Nhà nước chi nhánh Khu vực 9", "Quý II/2026",
         "Báo cáo kết quả"),
        ("b)", "Chi trả an sinh xã hội qua tài khoản ngân hàng.",
         "Sở Nội vụ", "Bảo hiểm xã hội tỉnh; Bưu điện tỉnh", "Thường xuyên", "Danh sách chi trả"),
        ("c)", "Thanh toán điện, nước, dịch vụ viễn thông trực tuyến.",
         "Sở Công Thương", "Công ty Điện lực tỉnh; các doanh nghiệp cấp nước", "Năm 2026", "Báo cáo kết quả"),
    ]),
    ("task", "13", "Triển khai nền tảng học trực tuyến mở đại trà, cung cấp kiến thức, kỹ năng số cơ bản cho người "
     "dân, doanh nghiệp.", "Sở Khoa học và Công nghệ", "UBND các xã, phường", "Thường xuyên",
     "Nền tảng được vận hành"),
    ("task", "14", "Đánh giá mức độ chuyển đổi số của các cơ quan, địa phương và doanh nghiệp trên địa bàn tỉnh.",
     "Sở Khoa học và Công nghệ", "Các sở, ban, ngành tỉnh; UBND các xã, phường", "Quý IV hằng năm",
     "Báo cáo đánh giá, xếp hạng"),
    ("group", "IV", "BẢO ĐẢM AN TOÀN THÔNG TIN VÀ NGUỒN LỰC"),
    ("task", "15", "Triển khai mô hình bảo vệ 4 lớp cho các hệ thống thông tin của cơ quan nhà nước.",
     "Công an tỉnh", "Sở Khoa học và Công nghệ", "Thường xuyên", "Hệ thống được giám sát an toàn"),
    ("task", "16", "Bố trí kinh phí thực hiện Kế hoạch trong dự toán ngân sách hằng năm của các cơ quan, đơn vị.",
     "Sở Tài chính", "Các sở, ban, ngành tỉnh; UBND các xã, phường", "Hằng năm", "Quyết định giao dự toán"),
    ("task", "17", "Kiểm tra, đánh giá, tổng hợp kết quả thực hiện Kế hoạch, báo cáo UBND tỉnh.",
     "Sở Khoa học và Công nghệ", "Các cơ quan, đơn vị liên quan", "Trước ngày 15/12/2026", "Báo cáo tổng hợp"),
]

VARIANTS = {
    "ke-hoach-phu-luc-doc": {"borders": "full", "landscape": False, "rows": ROWS},
    "ke-hoach-phu-luc-ngang": {"borders": "full", "landscape": True, "rows": ROWS},
    "phu-luc-ke-ngang": {"borders": "horizontal", "landscape": False, "rows": ROWS[:9]},
    "phu-luc-khong-vien": {"borders": "inner", "landscape": True, "rows": ROWS[9:17]},
    "phu-luc-khong-ke": {"borders": "none", "landscape": False, "rows": ROWS[:12]},
}


def _set(parent, tag: str, **attrs) -> OxmlElement:
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(f"w:{k}"), v)
    parent.append(e)
    return e


def _borders(table, style: str) -> None:
    tblpr = table._tbl.tblPr
    for old in tblpr.findall(qn("w:tblBorders")):
        tblpr.remove(old)
    b = _set(tblpr, "w:tblBorders")
    drawn = {"full": ("top", "left", "bottom", "right", "insideH", "insideV"),
             "horizontal": ("top", "bottom", "insideH"),
             "inner": ("insideH", "insideV"),
             "none": ()}[style]
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if side in drawn:
            _set(b, f"w:{side}", val="single", sz="4", space="0", color="000000")
        else:
            _set(b, f"w:{side}", val="nil")


def _widths(table, widths: list[float]) -> None:
    """Column widths where LibreOffice reads them (the grid) as well as on each cell."""
    table.autofit = False
    for col, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(w * 567)))
    for row in table.rows:
        for w, c in zip(widths, row.cells):
            c.width = Cm(w)


def _para(cell_or_doc, text: str, bold=False, italic=False, align=None, size=13, first=False):
    p = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
    run = p.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    run.font.name = "Times New Roman"
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(2)
    return p


def _heading(doc, issuer: list[str], number: str, place_date: str) -> None:
    t = doc.add_table(rows=1, cols=2)
    _borders(t, "none")
    _widths(t, [6.5, 9.5])
    left, right = t.rows[0].cells
    C = WD_ALIGN_PARAGRAPH.CENTER
    _para(left, issuer[0], size=13, align=C, first=True)
    for line in issuer[1:]:
        _para(left, line, bold=True, size=13, align=C)
    _para(left, number, size=13, align=C)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12, align=C, first=True)
    _para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13, align=C)
    _para(right, place_date, italic=True, size=13, align=C)


def _cell(cell, text: str, bold=False, align=None) -> None:
    _para(cell, text, bold=bold, size=12, align=align, first=True)


def _table(doc, rows: list, borders: str, widths: list[float]) -> None:
    flat: list[tuple] = []
    for r in rows:
        if r[0] == "parent":
            flat.append(("parent", r[1], r[2]))
            flat += [("sub",) + s for s in r[3]]
        else:
            flat.append(r)
    t = doc.add_table(rows=1 + len(flat), cols=6)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borders(t, borders)
    C = WD_ALIGN_PARAGRAPH.CENTER
    _widths(t, widths)
    head = t.rows[0]
    _set(head._tr.get_or_add_trPr(), "w:tblHeader")  # repeated at the top of every page
    for c, h in zip(head.cells, HEADER):
        _cell(c, h, bold=True, align=C)
    parent_row = None
    for k, r in enumerate(flat, start=1):
        cells = t.rows[k].cells
        if r[0] == "group":
            _cell(cells[0], r[1], bold=True, align=C)
            merged = cells[1].merge(cells[5])
            _cell(merged, r[2], bold=True)
        elif r[0] == "task":
            _cell(cells[0], r[1], align=C)
            for c, v in zip(cells[1:], r[2:]):
                _cell(c, v)
            parent_row = None
        elif r[0] == "parent":
            _cell(cells[0], r[1], align=C)
            _cell(cells[1], r[2], bold=True)
            parent_row = k
        else:  # a lettered sub-item: its STT cell is the numbered row's, merged down
            t.cell(parent_row, 0).merge(cells[0])
            _cell(cells[1], f"{r[1]} {r[2]}")
            for c, v in zip(cells[2:], r[3:]):
                _cell(c, v)


def build(name: str, spec: dict) -> Path:
    doc = docx.Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = Cm(3), Cm(2), Cm(2), Cm(2)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)
    _heading(doc, ["UBND TỈNH ĐỒNG THÁP", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"], "Số: 215/KH-SKHCN",
             "Đồng Tháp, ngày 12 tháng 01 năm 2026")
    C, J = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
    _para(doc, "KẾ HOẠCH", bold=True, align=C, size=14)
    _para(doc, "Triển khai chuyển đổi số trên địa bàn tỉnh năm 2026", bold=True, align=C, size=14)
    _para(doc, "Thực hiện Kế hoạch số 617/KH-UBND ngày 01/12/2025 của Ủy ban nhân dân tỉnh Đồng Tháp về chuyển "
               "đổi số năm 2026, Sở Khoa học và Công nghệ xây dựng Kế hoạch triển khai như sau:", align=J)
    _para(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    _para(doc, "1. Cụ thể hóa các nhiệm vụ được giao tại Kế hoạch số 617/KH-UBND, bảo đảm thực hiện đúng tiến độ, "
               "hiệu quả.", align=J)
    _para(doc, "2. Xác định rõ cơ quan chủ trì, cơ quan phối hợp, thời gian hoàn thành và sản phẩm của từng nhiệm "
               "vụ.", align=J)
    _para(doc, "II. NHIỆM VỤ", bold=True)
    _para(doc, "Các nhiệm vụ cụ thể tại Phụ lục kèm theo Kế hoạch này.", align=J)
    _para(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    _para(doc, "Các cơ quan, đơn vị được giao nhiệm vụ báo cáo kết quả thực hiện về Sở Khoa học và Công nghệ "
               "trước ngày 15/12/2026 để tổng hợp./.", align=J)
    sign = doc.add_table(rows=1, cols=2)
    _borders(sign, "none")
    _widths(sign, [8, 8])
    _para(sign.rows[0].cells[0], "Nơi nhận:", bold=True, italic=True, size=12, first=True)
    _para(sign.rows[0].cells[0], "- UBND tỉnh;", size=11)
    _para(sign.rows[0].cells[0], "- Lưu: VT, CĐS.", size=11)
    right = sign.rows[0].cells[1]
    _para(right, "GIÁM ĐỐC", bold=True, align=C, first=True)
    _para(right, "Nguyễn Văn Minh", bold=True, align=C)
    if spec["landscape"]:
        new = doc.add_section()
        new.orientation = WD_ORIENT.LANDSCAPE
        new.page_width, new.page_height = Cm(29.7), Cm(21)
        new.left_margin, new.right_margin, new.top_margin, new.bottom_margin = Cm(2), Cm(2), Cm(2), Cm(2)
        widths = [1.3, 9.0, 4.0, 5.0, 2.8, 3.5]
    else:
        doc.add_page_break()
        widths = [1.3, 5.5, 2.7, 2.8, 1.9, 1.8]
    _para(doc, "PHỤ LỤC", bold=True, align=C)
    _para(doc, "DANH MỤC NHIỆM VỤ TRIỂN KHAI CHUYỂN ĐỔI SỐ NĂM 2026", bold=True, align=C)
    _para(doc, "(Kèm theo Kế hoạch số 215/KH-SKHCN ngày 12/01/2026 của Sở Khoa học và Công nghệ)", italic=True,
          align=C)
    _table(doc, spec["rows"], spec["borders"], widths)
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.docx"
    doc.core_properties.author = "planparse"
    doc.save(path)
    return path


def to_pdf(paths: list[Path]) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed to make the PDFs")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(OUT), *map(str, paths)], check=True, capture_output=True)


def main() -> int:
    names = sys.argv[1:] or list(VARIANTS)  # the variants to build (all by default)
    paths = [build(name, VARIANTS[name]) for name in names]
    to_pdf(paths)
    for p in paths:
        print(p.with_suffix(".pdf").relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
