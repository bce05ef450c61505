"""Tables printed without rules (readers/borderless.py), on runs placed as a PDF page prints them: columns
from the header and the white space between the body's cells, rows from the running number."""
from planparse.readers.borderless import read_table
from planparse.readers.layout import Run, visual_lines

# x of each column's left side; the header's cells centred over their columns, the body's left-aligned
COLUMNS = [(60, 90), (100, 300), (310, 420), (430, 520)]


def _line(y: float, cells: list[str], centred: bool = False) -> list[Run]:
    runs = []
    for (x0, x1), text in zip(COLUMNS, cells):
        if text:
            width = 5.0 * len(text)
            left = (x0 + x1 - width) / 2 if centred else x0
            runs.append(Run(text, left, y, left + width if centred else min(x1, x0 + width), y + 10))
    return runs


def _page(*rows: list[str], header_lines=(["STT", "Nhiệm vụ", "Cơ quan", "Thời gian"], ["", "", "chủ trì", "hoàn thành"]),
          top: float = 100) -> list[list[Run]]:
    runs = []
    y = top
    for cells in header_lines:
        runs += _line(y, cells, centred=True)
        y += 12
    for cells in rows:
        y += 4
        runs += _line(y, cells)
        y += 12
    return visual_lines(runs)


def test_header_cells_wrapped_over_lines_are_one_cell_and_rows_open_at_their_number():
    lines = _page(["1", "Rà soát thủ tục hành chính", "Văn phòng", "Quý I/2026"],
                  ["", "còn hiệu lực trên địa bàn", "UBND tỉnh", ""],
                  ["2", "Số hóa hồ sơ", "Sở Nội vụ", "Năm 2026"])
    table = read_table(lines, 0)
    assert table is not None and table.top == 0 and table.end == len(lines)
    assert table.rows == [["STT", "Nhiệm vụ", "Cơ quan\nchủ trì", "Thời gian\nhoàn thành"],
                          ["1", "Rà soát thủ tục hành chính\ncòn hiệu lực trên địa bàn", "Văn phòng\nUBND tỉnh", "Quý I/2026"],
                          ["2", "Số hóa hồ sơ", "Sở Nội vụ", "Năm 2026"]]


def test_lettered_sub_items_are_rows_of_their_own_and_a_group_title_across_the_table_is_a_group_row():
    lines = _page(["3", "Thúc đẩy thanh toán không dùng tiền mặt:", "", ""],
                  ["", "a) Thu học phí, viện phí", "Sở Y tế", "Quý II/2026"],
                  ["", "b) Chi trả an sinh xã hội", "Sở Nội vụ", "Thường xuyên"])
    y = lines[-1][0].y1 + 4
    lines += [[Run("II", 60, y, 70, y + 10), Run("PHÁT TRIỂN CHÍNH QUYỀN SỐ VÀ KINH TẾ SỐ", 100, y, 480, y + 10)]]
    lines += [_line(y + 16, ["4", "Cung cấp dịch vụ công trực tuyến", "Văn phòng", "Năm 2026"])]
    rows = read_table(lines, 0).rows
    assert [r[:2] for r in rows[1:]] == [["3", "Thúc đẩy thanh toán không dùng tiền mặt:"], ["", "a) Thu học phí, viện phí"],
                                         ["", "b) Chi trả an sinh xã hội"],
                                         ["II", "PHÁT TRIỂN CHÍNH QUYỀN SỐ VÀ KINH TẾ SỐ"], ["4", "Cung cấp dịch vụ công trực tuyến"]]


def test_a_paragraph_across_the_columns_ends_the_table():
    lines = _page(["1", "Rà soát thủ tục hành chính", "Văn phòng", "Quý I/2026"])
    y = lines[-1][0].y1 + 6
    lines.append([Run("Trên đây là Kế hoạch triển khai của Sở Khoa học và Công nghệ./.", 60, y, 500, y + 10)])
    table = read_table(lines, 0)
    assert table.end == len(lines) - 1 and len(table.rows) == 2


def test_no_table_without_a_header_naming_columns_or_where_cells_are_centred_in_their_rows():
    numbered = _page(["1", "Rà soát thủ tục hành chính", "Văn phòng", "Quý I/2026"],
                     header_lines=(["STT", "Họ và tên", "Năm sinh", "Quê quán"],))
    assert read_table(numbered, 0) is None  # 'STT' over columns no table of work names
    centred = _page(["", "Rà soát thủ tục hành chính", "", ""], ["1", "còn hiệu lực trên địa bàn", "Văn phòng", "Quý I"])
    assert read_table(centred, 0) is None  # text above the first number: rows cannot be told apart
    assert read_table(centred, 0, continues=True) is not None  # unless the page above left the table open


def test_rows_at_the_top_of_a_page_go_on_with_the_gutters_the_page_above_left_open():
    first = read_table(_page(["1", "Rà soát thủ tục hành chính", "Văn phòng", "Quý I/2026"]), 0)
    next_page = visual_lines(_line(60, ["", "còn hiệu lực", "UBND tỉnh", ""]) + _line(76, ["2", "Số hóa hồ sơ", "Sở Nội vụ", "Năm 2026"]))
    table = read_table(next_page, 0, first.gutters)
    assert table.rows == [["", "còn hiệu lực", "UBND tỉnh", ""], ["2", "Số hóa hồ sơ", "Sở Nội vụ", "Năm 2026"]]


def test_a_header_wider_than_any_page_is_no_table():
    far = [Run("STT", 0, 0, 20, 10), Run("Nhiệm vụ", 100, 0, 150, 10), Run("Cơ quan chủ trì", 1e9, 0, 1e9 + 80, 10)]
    body = [Run("1", 0, 20, 5, 30), Run("Rà soát", 100, 20, 140, 30), Run("Sở Nội vụ", 1e9, 20, 1e9 + 50, 30)]
    assert read_table(visual_lines(far + body), 0) is None
