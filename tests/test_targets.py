import pytest

from planparse.extract.targets import clean_indicator, is_goal, parse_number, parse_target, split_goals


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
