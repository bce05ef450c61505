import pytest

from planparse.extraction.targets import (breakdown_parties, clean_indicator, goal_deadline, is_goal, leading_time,
                                         parse_number, parse_target, split_goals)


@pytest.mark.parametrize("text,op,value,unit", [
    ("> 95", ">", 95, None), ("đạt 70%", ">=", 70, "%"), ("từ 30% trở lên", ">=", 30, "%"),
    ("không quá 5%", "<=", 5, "%"), ("dưới 2%", "<", 2, "%"), ("khoảng 80%", "~", 80, "%"),
    ("tối thiểu có 01 tài khoản trên cổng DVC", ">=", 1, "tài khoản"),
])
def test_targets(text, op, value, unit):
    t = parse_target(text)
    assert (t.op, t.value, t.unit) == (op, value, unit)


def test_range_target():
    t = parse_target("60-70%")
    assert (t.op, t.value, t.max, t.unit) == ("between", 60, 70, "%")


def test_a_value_cell_holding_a_range_alone_is_a_range_its_unit_in_another_column():
    assert [(t.op, t.value, t.max) for t in map(parse_target, ("60 - 70", "Từ 15 - 20"))] == [
        ("between", 60, 70), ("between", 15, 20)]
    assert parse_target("2026 - 2030").op != "between"  # years, not a range to reach


def test_vietnamese_numbers():
    assert parse_number("2.989,5") == 2989.5
    assert parse_number("1.000") == 1000
    assert parse_number("0,5") == 0.5


def test_goal_paragraph_gives_one_goal_per_clause():
    para = ("Nâng tỷ lệ người dùng phần mềm trên địa bàn 100%. 100% văn bản đi được ký số. "
            "Triển khai phương thức nộp học phí không dùng tiền mặt.")
    goals = [c for c in split_goals(para) if is_goal(c)]
    assert [clean_indicator(g) for g in goals] == ["tỷ lệ người dùng phần mềm trên địa bàn", "văn bản đi được ký số"]


def test_clause_without_own_subject_continues_the_goal():
    para = "100% cán bộ mở tài khoản ngân hàng; cài đặt ứng dụng hoặc có ít nhất 1 tài khoản thanh toán"
    assert len([c for c in split_goals(para) if is_goal(c)]) == 1


def test_a_leading_target_wins_over_later_figures():
    clause = "Trên 80% số trạm y tế cấp xã và 100% cơ sở cai nghiện công lập đủ điều kiện"
    t = parse_target(clause)
    assert (t.op, t.value) == (">", 80)
    assert clean_indicator(clause).startswith("số trạm y tế cấp xã")


# ------------------------------------------------------------------ operators and values of real plans
@pytest.mark.parametrize("text,op,value,unit", [
    ("Trên 80% số trạm y tế cấp xã đủ điều kiện", ">", 80, "%"),
    ("Tỷ lệ giải ngân vốn đầu tư công đạt trên 90%", ">", 90, "%"),
    ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 95%", ">=", 95, "%"),
    ("100", ">=", 100, None),
    ("≥ 90%", ">=", 90, "%"),
    ("Có ≥ 30% DNNVV, HTX, HKD ứng dụng công nghệ số", ">=", 30, "%"),
    ("Tối thiểu 98% hồ sơ được giải quyết trước và đúng hạn", ">=", 98, "%"),
    ("Phấn đấu ít nhất 55% phường triển khai mô hình giáo dục mầm non", ">=", 55, "%"),
    ("Số người nghiện được cai nghiện đạt từ 30% trở lên", ">=", 30, "%"),
    ("Tỷ lệ thất nghiệp ở khu vực thành thị không quá 3%", "<=", 3, "%"),
    ("≤ 5%", "<=", 5, "%"),
    ("Tỷ lệ nợ xấu tối đa 2%", "<=", 2, "%"),
    ("Tỷ lệ hộ nghèo dưới 1%", "<", 1, "%"),
    ("Tỷ lệ trẻ em dưới 15 tuổi đạt khoảng 22%", "~", 22, "%"),
    ("Tỷ lệ chi đầu tư phát triển bằng 40% tổng chi ngân sách", "=", 40, "%"),
    # ceilings as the level after a fall
    ("Giảm tỷ lệ hộ nghèo đa chiều xuống còn 1,5%", "<=", 1.5, "%"),
    ("Giảm tỷ lệ suy dinh dưỡng ở trẻ em dưới 5 tuổi xuống dưới 15%", "<", 15, "%"),
    ("Giảm số lần đi lại của người dân khi thực hiện thủ tục hành chính còn tối đa 01 lần", "<=", 1, "lần"),
    # a fall or rise by a share: at least that much change
    ("giảm 50% số cặp tảo hôn", ">=", 50, "%"),
    ("Số vụ phạm tội về ma túy được phát hiện tăng trên 03%", ">", 3, "%"),
    # ratios, counts and units as printed
    ("Tỷ suất tử vong mẹ dưới 30/100.000 trẻ đẻ sống", "<", 30, "/100.000 trẻ đẻ sống"),
    ("Tỷ lệ mắc mới lao dưới 50 ca/100.000 dân", "<", 50, "ca/100.000 dân"),
    ("Phấn đấu tổng tỷ suất sinh đạt 2,1 con/phụ nữ", ">=", 2.1, "con/phụ nữ"),
    ("Tỷ số giới tính khi sinh dưới 109 bé trai/100 bé gái sinh ra sống", "<", 109, "bé trai/100 bé gái sinh ra sống"),
    ("Tăng trưởng kinh tế số đạt 20%/năm", ">=", 20, "%/năm"),
    ("Năng suất lao động tăng bình quân 6 - 7%/năm", "between", 6, "%/năm"),  # a range's unit, with its period
    ("Thu nhập bình quân đầu người đạt 120 triệu đồng/người/năm", ">=", 120, "triệu đồng/người/năm"),
    ("2.989,5 MW", ">=", 2989.5, "MW"),
    ("Công suất điện mặt trời mái nhà đạt 2.989,5 MW", ">=", 2989.5, "MW"),
    ("Hình thành ít nhất 100 doanh nghiệp khởi nghiệp sáng tạo", ">=", 100, "doanh nghiệp"),
    ("Có ít nhất 02 vùng dự án nuôi thủy sản công nghệ cao", ">=", 2, "vùng"),
    ("Đến năm 2030 có ít nhất 20 tập dữ liệu mở được công bố", ">=", 20, "tập dữ liệu"),
    ("mỗi xã có 01 điểm phục vụ dịch vụ công trực tuyến", ">=", 1, "điểm"),
    ("Phát triển được 5.000 hộ gia đình sử dụng dịch vụ thanh toán số", ">=", 5000, "hộ"),
    ("Mỗi xã có từ 02 mô hình chuyển đổi số trở lên", ">=", 2, "mô hình"),
    ("Mỗi xã có 01 mô hình trở xuống", "<=", 1, "mô hình"),
    ("Mỗi đơn vị đề nghị không quá 02 tập thể", "<=", 2, "tập thể"),
])
def test_target_operators_of_real_plans(text, op, value, unit):
    t = parse_target(text)
    assert t is not None, text
    assert (t.op, t.value, t.unit) == (op, value, unit)


@pytest.mark.parametrize("text,lo,hi", [("Tỷ lệ hộ dùng nước sạch đạt từ 60-70%", 60, 70), ("từ 88 - 90%", 88, 90),
                                        ("60% - 70%", 60, 70), ("từ 60 đến 70%", 60, 70)])
def test_ranges_are_between(text, lo, hi):
    t = parse_target(text)
    assert (t.op, t.value, t.max, t.unit) == ("between", lo, hi, "%")


def test_a_year_span_is_not_a_range_target():
    t = parse_target("Giai đoạn 2026 - 2030, tỷ lệ hộ dùng nước sạch đạt 98%")
    assert (t.op, t.value, t.max) == (">=", 98, None)


def test_vietnamese_decimal_comma_and_thousands_dot_in_targets():
    assert parse_target("Tỷ lệ hộ nghèo còn 1,5%").value == 1.5
    assert parse_target("Vốn đầu tư toàn xã hội đạt 72.000 tỷ đồng").value == 72000
    assert parse_target("Vốn đầu tư toàn xã hội đạt 72.000 tỷ đồng").unit == "tỷ đồng"


# ------------------------------------------------------------------ indicators
@pytest.mark.parametrize("clause,indicator", [
    # a leading time is the deadline, a numbering label is not part of the indicator
    ("Đến hết năm 2025: Có ≥ 30% DNNVV, HTX, HKD trên địa bàn Tỉnh ứng dụng công nghệ số.",
     "DNNVV, HTX, HKD trên địa bàn Tỉnh ứng dụng công nghệ số"),
    ("Chỉ tiêu 1: Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn đạt 95%.",
     "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn"),
    ("(8) Tỷ lệ doanh nghiệp sử dụng dịch vụ công trực tuyến đạt tối thiểu 80%;",
     "Tỷ lệ doanh nghiệp sử dụng dịch vụ công trực tuyến"),
    ("Phấn đấu đến năm 2030 có 100% xã, phường đạt chuẩn tiếp cận pháp luật", "xã, phường đạt chuẩn tiếp cận pháp luật"),
    ("Hàng năm, số vụ phạm tội về ma túy có tổ chức được phát hiện tăng trên 03%",
     "số vụ phạm tội về ma túy có tổ chức được phát hiện tăng"),
    ("Phấn đấu hằng năm tỷ lệ giải ngân vốn đầu tư công đạt trên 90% kế hoạch được giao",
     "tỷ lệ giải ngân vốn đầu tư công"),
    # the leading verb or figure goes, the trailing target goes
    ("Nâng tỷ lệ người dân có tài khoản định danh điện tử lên 100%.", "tỷ lệ người dân có tài khoản định danh điện tử"),
    ("Tăng trưởng GRDP đạt trên 10%", "Tăng trưởng GRDP"),  # a verb that opens a noun stays
    ("Tối thiểu 95% văn bản được ký số.", "văn bản được ký số"),
    ("Tỷ lệ phủ sóng 5G trên địa bàn đạt 100% dân số.", "Tỷ lệ phủ sóng 5G trên địa bàn"),
    ("Tỷ lệ hộ gia đình sử dụng nước sạch đạt từ 60-70%", "Tỷ lệ hộ gia đình sử dụng nước sạch"),
    ("Tỷ lệ thất nghiệp ở khu vực thành thị không quá 3%", "Tỷ lệ thất nghiệp ở khu vực thành thị"),
    ("Giảm tỷ lệ hộ nghèo đa chiều xuống còn 1,5%", "tỷ lệ hộ nghèo đa chiều"),
    ("Giảm số lần đi lại của người dân khi thực hiện thủ tục hành chính còn tối đa 01 lần",
     "số lần đi lại của người dân khi thực hiện thủ tục hành chính"),
    ("Tỷ suất tử vong mẹ dưới 30/100.000 trẻ đẻ sống", "Tỷ suất tử vong mẹ"),
    ("Phấn đấu tổng tỷ suất sinh đạt 2,1 con/phụ nữ", "tổng tỷ suất sinh"),
    ("Có ít nhất 02 vùng dự án nuôi thủy sản công nghệ cao.", "vùng dự án nuôi thủy sản công nghệ cao"),
    # a change verb right before its figure stays: the figure is the size of the change
    ("giảm 50% số cặp tảo hôn", "giảm số cặp tảo hôn"),
    ("Phấn đấu tăng thêm ít nhất 10% số trường mầm non công lập có nhóm trẻ", "tăng thêm số trường mầm non công lập có nhóm trẻ"),
    ("Phấn đấu có thêm 15 hợp tác xã được thành lập mới", "thêm hợp tác xã được thành lập mới"),
    # with its target taken from the front, a level after what it counts says which ones count
    ("Có ít nhất 12 sản phẩm được công nhận đạt 4 sao trở lên", "sản phẩm được công nhận đạt 4 sao trở lên"),
    ("Tối thiểu 60% số trường học đạt chuẩn quốc gia mức độ 2", "số trường học đạt chuẩn quốc gia mức độ 2"),
    # a scope before a colon stays
    ("Tại địa bàn đô thị: 100% trẻ em trong cơ sở giáo dục mầm non được chăm sóc an toàn",
     "Tại địa bàn đô thị: trẻ em trong cơ sở giáo dục mầm non được chăm sóc an toàn"),
    # counts inside the clause stay
    ("Mỗi hộ gia đình, doanh nghiệp trên địa bàn tối thiểu có 01 tài khoản trên cổng DVC",
     "Mỗi hộ gia đình, doanh nghiệp trên địa bàn tối thiểu có 01 tài khoản trên cổng DVC"),
    ("Hình thành ít nhất 100 doanh nghiệp khởi nghiệp sáng tạo", "Hình thành ít nhất 100 doanh nghiệp khởi nghiệp sáng tạo"),
])
def test_indicators_are_cut_as_the_contract_says(clause, indicator):
    assert clean_indicator(clause) == indicator


def test_leading_time_of_a_goal_is_its_deadline_phrase():
    assert leading_time("Đến hết năm 2025: Có ≥ 30% DNNVV ứng dụng công nghệ số.") == "Đến hết năm 2025"
    assert leading_time("Đến năm 2030, tỉnh có ít nhất 20 tập dữ liệu mở được công bố.") == "Đến năm 2030"
    assert leading_time("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 95%.") is None


@pytest.mark.parametrize("clause,goal", [
    ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 95%", True),
    ("Phấn đấu tổng tỷ suất sinh đạt 2,1 con/phụ nữ", True),
    ("Tỷ số giới tính khi sinh dưới 109 bé trai/100 bé gái sinh ra sống", True),
    ("Giảm số lần đi lại khi thực hiện thủ tục hành chính còn tối đa 01 lần", True),
    ("Có ít nhất 02 vùng dự án nuôi thủy sản công nghệ cao", True),
    ("Nâng cao chất lượng, hiệu quả công tác tuyên truyền về chuyển đổi số", False),
    ("Tổ chức 02 hội nghị tập huấn cho cán bộ cấp xã", False),
    ("Triển khai Kế hoạch số 283/KH-UBND ngày 24/9/2025 của UBND tỉnh", False),
])
def test_which_clauses_state_a_numeric_goal(clause, goal):
    assert is_goal(clause) is goal


def test_a_clause_with_its_own_figure_does_not_join_one_without():
    para = ("Hằng năm, giảm số người nghiện ma túy; phấn đấu đến năm 2030 đạt ít nhất 50% số xã, phường không có "
            "ma túy")
    goals = [c for c in split_goals(para) if is_goal(c)]
    assert len(goals) == 1 and clean_indicator(goals[0]) == "số xã, phường không có ma túy"


def test_a_clause_opening_with_its_own_target_is_a_goal_of_its_own():
    from planparse.extraction.targets import split_goals
    assert split_goals("100% cán bộ, công chức cấp xã được tập huấn kỹ năng số; tối thiểu 70% người dân trưởng "
                       "thành có điện thoại thông minh.") == [
        "100% cán bộ, công chức cấp xã được tập huấn kỹ năng số",
        "tối thiểu 70% người dân trưởng thành có điện thoại thông minh."]


@pytest.mark.parametrize("para,values", [
    # can-tho / dong-nai drug-prevention targets: two figures joined by 'và', each its own KPI (contract: several
    # numeric goals in one item give one KPI each)
    ("Phấn đấu 100% các điểm tổ chức, chứa chấp sử dụng trái phép chất ma túy và 100% diện tích trồng trái phép "
     "cây có chứa chất ma túy được phát hiện và triệt phá.", [100, 100]),
    ("Trên 80% các cơ quan truyền thông có chuyên mục về phòng, chống ma túy; phấn đấu tổ chức tuyên truyền cho "
     "người học tại 100% nhà trường và trên 70% người lao động tại các khu công nghiệp, khu chế xuất.", [80, 100, 70]),
    # 'và' before a figure that is not a second target, or after a clause with no figure: one goal
    ("Tỷ lệ hồ sơ trực tuyến đạt 80% và duy trì ổn định", [80]),
    ("Giảm số vụ tai nạn và trên 70% số xã có đội tự quản", [70]),
    # a second subject with its own figure after a comma: its own goal; a comma before no figure joins nothing
    ("Phấn đấu tỷ lệ hộ gia đình sử dụng nước sạch đạt 98%, tỷ lệ thu gom rác thải sinh hoạt đạt 90%.", [98, 90]),
    ("Tỷ lệ hộ nghèo giảm còn 2%, các xã còn lại tiếp tục duy trì kết quả.", [2]),
])
def test_targets_joined_by_va_are_goals_of_their_own(para, values):
    goals = [c for c in split_goals(para) if is_goal(c)]
    assert [parse_target(g).value for g in goals] == values


def test_a_target_list_inside_muc_dich_yeu_cau_gives_kpis_due_when_its_heading_says():
    from planparse.pipeline import document_to_plan
    from planparse.readers.text import text_to_document

    text = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ\nSố: 1/KH-UBND\nKẾ HOẠCH\nPhòng, chống ma túy\n"
            "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nNâng cao nhận thức của người dân.\n"
            "2. Các chỉ tiêu cụ thể đến năm 2030\n"
            "a) Phấn đấu đến năm 2030 đạt ít nhất 50% số xã, phường không có ma túy.\n"
            "b) Trên 80% số trạm y tế xã và 100% cơ sở cai nghiện công lập đủ điều kiện xác định tình trạng nghiện.\n"
            "II. NHIỆM VỤ\n1. Công an thành phố chủ trì tuyên truyền phòng, chống ma túy.\n")
    kpis = document_to_plan(text_to_document(text, "snippet.txt")).kpis
    assert [(k.target.op, k.target.value) for k in kpis] == [(">=", 50), (">", 80), (">=", 100)]
    assert {k.deadline.date for k in kpis} == {"2030-12-31"}


@pytest.mark.parametrize("clause,value,unit", [
    ("Phấn đấu kết quả đánh giá các Chỉ số PAR Index, SIPAS, PAPI năm 2026 của tỉnh nằm trong nhóm 15 tỉnh, thành phố "
     "dẫn đầu cả nước.", 15, "tỉnh, thành phố"),
    ("Đồng Tháp trở thành địa phương thuộc top 03 vùng Đồng bằng sông Cửu Long về đổi mới công nghệ", 3, "top"),
])
def test_a_rank_to_reach_is_at_most_that_place(clause, value, unit):
    t = parse_target(clause)
    assert is_goal(clause) and (t.op, t.value, t.unit) == ("<=", value, unit)


def test_a_group_that_is_not_the_leading_one_is_no_rank():
    assert not is_goal("Chia học viên thành nhóm 5 người để thực hành") and parse_target("Chia thành nhóm 5 người") is None


def test_a_sub_target_after_trong_do_is_a_goal_of_its_own():
    para = ("Phấn đấu đến hết năm 2026, mức độ hài lòng của người dân, doanh nghiệp đạt tối thiểu 90%; trong đó, mức độ "
            "hài lòng về lĩnh vực đất đai, xây dựng, đầu tư đạt tối thiểu 85%.")
    assert [parse_target(g).value for g in split_goals(para) if is_goal(g)] == [90, 85]


def test_a_counts_unit_ends_where_what_is_said_of_it_begins():
    from planparse.extraction.targets import parse_target
    assert (parse_target("Ít nhất 50 doanh nghiệp được hỗ trợ").unit, parse_target("Trên 100 hộ gia đình tham gia").unit,
            parse_target("Tối thiểu 02 lớp tập huấn/năm").unit) == ("doanh nghiệp", "hộ gia đình", "lớp tập huấn/năm")


def test_the_time_a_goal_sentence_opens_with_is_each_of_its_goals_time():
    goals = [c for c in split_goals("Đến năm 2030, tỷ lệ hộ dùng nước sạch đạt 98%, tỷ lệ thu gom rác thải đạt 90% và "
                                    "100% cơ sở sản xuất cam kết bảo vệ môi trường.") if is_goal(c)]
    assert [goal_deadline(g, 2026).date for g in goals] == ["2030-12-31"] * 3
    assert [clean_indicator(g) for g in goals] == ["tỷ lệ hộ dùng nước sạch", "tỷ lệ thu gom rác thải",
                                                   "cơ sở sản xuất cam kết bảo vệ môi trường"]


def test_a_time_stated_inside_a_goal_is_its_deadline_not_the_plans_year():
    assert goal_deadline("Giảm tỷ lệ suy dinh dưỡng trẻ em xuống dưới 12% vào năm 2027", 2025).date == "2027-12-31"
    assert goal_deadline("Tỷ lệ hộ dùng nước sạch đạt 95% vào cuối năm 2026", 2025).date == "2026-12-31"
    assert goal_deadline("Tỷ lệ hộ dùng nước sạch đạt 95%", 2025).date == "2025-12-31"


def test_a_goals_part_printed_as_paragraphs_gives_its_kpis():
    from planparse.pipeline import document_to_plan
    from planparse.readers.text import text_to_document

    text = ("KẾ HOẠCH\nCải cách hành chính năm 2026\nII. CHỈ TIÊU CỤ THỂ\n"
            "Chỉ tiêu 1: Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98%.\n"
            "Chỉ tiêu 2: 100% cán bộ, công chức được bồi dưỡng kỹ năng số.\nIII. NHIỆM VỤ\n1. Rà soát thủ tục.\n")
    kpis = document_to_plan(text_to_document(text, "x.txt")).kpis
    assert [(k.indicator, k.target.value) for k in kpis] == [("Tỷ lệ hồ sơ giải quyết đúng hạn", 98),
                                                             ("cán bộ, công chức được bồi dưỡng kỹ năng số", 100)]


@pytest.mark.parametrize("clause,value,unit", [
    ("Giải quyết việc làm mới cho 300 lao động.", 300, "lao động"),
    ("Có thêm 02 thôn đạt chuẩn thôn nông thôn mới kiểu mẫu.", 2, "thôn"),
    ("Trồng mới 20 ha rừng tập trung.", 20, "ha"),
    ("Xây dựng mới 35 địa bàn cấp xã không ma túy, gồm: Phường A; Xã B.", 35, "địa bàn"),
    ("Đối với 29 xã, phường, đặc khu có Quyết định công nhận địa bàn không ma túy năm 2025", 29, "xã, phường, đặc khu"),
    ("Tổng giá trị giao dịch thanh toán không dùng tiền mặt gấp 30 lần GRDP", 30, "lần GRDP"),
    ("Đón 5 triệu lượt khách du lịch.", 5, "triệu lượt"),  # the scale stays in the unit, as in '4.500 tỷ đồng'
    ("Giải quyết việc làm cho 3 nghìn lao động.", 3, "nghìn lao động"),
])
def test_a_goal_counted_in_its_unit_without_a_level_word_is_a_target(clause, value, unit):
    target = parse_target(clause, counts=True)
    assert is_goal(clause) and (target.op, target.value, target.unit) == (">=", value, unit)


@pytest.mark.parametrize("clause", [
    "Đến năm 2030 xã đạt chuẩn nông thôn mới nâng cao.",  # a year, not a count of communes
    "Thực hiện theo Điều 5 xã hội hóa các hoạt động.",
    "Tập trung tuyên truyền sử dụng dịch vụ công, trong đó số dịch vụ thiết yếu là 25 dịch vụ.",  # what is, not a goal
])
def test_a_figure_that_dates_refers_or_states_is_no_count(clause):
    assert not is_goal(clause)


def test_a_table_rows_quantities_are_no_targets_of_their_own():
    # a budget appendix's row: its counts are how much is bought, not a target
    assert parse_target("Phô tô tài liệu và văn phòng phẩm (50 bộ/lớp x 02 lớp)") is None


def test_the_members_a_goal_lists_are_not_its_indicator():
    assert clean_indicator("Xây dựng mới 35 địa bàn cấp xã không ma túy, gồm: Phường A; Xã B.") \
        == "Xây dựng mới 35 địa bàn cấp xã không ma túy"


@pytest.mark.parametrize("clause,value,unit", [
    ("Đảm bảo người già neo đơn, hộ nghèo tại khu vực bị ảnh hưởng được tiếp cận hỗ trợ trong 24 giờ đầu", 24, "giờ"),
    ("Giải quyết hồ sơ đăng ký kinh doanh trong vòng 03 ngày làm việc", 3, "ngày làm việc"),
])
def test_a_time_limit_a_goal_sets_is_a_ceiling(clause, value, unit):
    target = parse_target(clause, counts=True)
    assert is_goal(clause) and (target.op, target.value, target.unit) == ("<=", value, unit)


@pytest.mark.parametrize("clause,indicator", [
    ("Xây mới nhà văn hóa thôn: 12 nhà", "Xây mới nhà văn hóa thôn"),
    ("Số hộ được hỗ trợ cải tạo nhà ở: tối thiểu 150 hộ", "Số hộ được hỗ trợ cải tạo nhà ở"),
    ("Trồng mới rừng sản xuất: 320 ha (Trong đó: xã Tân Lập: 120 ha, xã Hòa Bình: 200 ha)", "Trồng mới rừng sản xuất"),
    ("Tỷ lệ tăng dân số tự nhiên: dưới 1%/năm", "Tỷ lệ tăng dân số tự nhiên"),  # operator and the unit's period
    ("Giảm tỷ lệ hộ nghèo đa chiều: 1,5%/năm", "tỷ lệ hộ nghèo đa chiều"),  # the lead verb dropped, as before a figure
])
def test_a_name_before_a_colon_with_only_its_target_after_is_the_indicator(clause, indicator):
    assert clean_indicator(clause) == indicator


def test_a_scope_before_a_colon_still_stays_in_the_indicator():
    assert clean_indicator("Tại khu vực nông thôn: 95% hộ dân được dùng nước sạch") \
        == "Tại khu vực nông thôn: hộ dân được dùng nước sạch"


def test_the_parties_a_target_is_shared_to_are_named_in_its_breakdown():
    clause = "Trồng mới rừng sản xuất: 320 ha (Trong đó: xã Tân Lập: 120 ha, xã Hòa Bình: 200 ha)"
    assert breakdown_parties(clause) == ["xã Tân Lập", "xã Hòa Bình"]
    assert parse_target(clause, counts=True).value == 320  # the total, not a share
    assert breakdown_parties("Đạt 95% hộ dân (trong đó vùng sâu 90%)") == []  # no party named before a colon


def test_a_second_goal_opened_by_its_verb_after_a_comma_is_a_goal_of_its_own():
    goals = split_goals("Cứng hóa đường giao thông nông thôn: 45 km (Trong đó: Hợp tác xã A: 20 km, Hợp tác xã B: 25 km), "
                        "nâng tổng chiều dài đường được cứng hóa: 210 km.")
    assert [clean_indicator(g) for g in goals] == ["Cứng hóa đường giao thông nông thôn",
                                                  "tổng chiều dài đường được cứng hóa"]
    assert [parse_target(g, counts=True).value for g in goals] == [45, 210]
    # a clause that states no target of its own stays with the one before
    assert len(split_goals("Trồng mới 50 ha rừng, nâng cao chất lượng rừng trồng.")) == 1


def test_a_second_goal_with_a_subject_of_its_own_after_a_comma_is_a_goal_of_its_own():
    goals = split_goals("Thu ngân sách trên địa bàn đạt 12.500 tỷ đồng, GRDP bình quân đầu người đạt khoảng 85 triệu "
                        "đồng, Chỉ số PCI đạt trên 66 điểm.")
    assert [parse_target(g, counts=True).value for g in goals] == [12500, 85, 66]
    assert clean_indicator(goals[1]) == "GRDP bình quân đầu người"
    # a capital after a comma that opens no goal of its own: a list of names, a unit, the parties of a breakdown
    for whole in ("Có ít nhất 1 tài khoản thanh toán như: ViettelPay, VNPay, Momo, Cài đặt ít nhất 01 ứng dụng ngân hàng",
                  "Thu ngân sách đạt 5.000 tỷ đồng, Sở Tài chính chủ trì thực hiện.",
                  "Lắp đặt mới 58 trạm (Trong đó: VNPT: 25 trạm, Viettel: 33 trạm)"):
        assert len(split_goals(whole)) == 1, whole


def test_a_figure_in_a_manner_of_speaking_is_no_target():
    # "tăng trưởng 2 con số" is double-digit growth, not two of anything (targets.json figure_idioms)
    assert not is_goal("Phấn đấu đạt mục tiêu tăng trưởng “2 con số” gắn với ổn định kinh tế vĩ mô.")
    assert parse_target("Tổng tỷ suất sinh đạt 2,1 con/phụ nữ.").unit == "con/phụ nữ"
    assert parse_target("Tổng đàn bò đạt 5.000 con.", counts=True).value == 5000
    from planparse import lexicon
    for idiom in lexicon.targets().figure_idioms:
        assert not is_goal(f"Tăng trưởng kinh tế đạt 2 {idiom}."), idiom
