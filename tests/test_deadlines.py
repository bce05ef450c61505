import pytest

from planparse.extract.deadlines import parse_deadline


@pytest.mark.parametrize("text,kind,fields", [
    ("Thường xuyên.", "ongoing", {}),
    ("Thường xuyên hoặc đột xuất", "ongoing", {}),
    ("Thường xuyên, cao điểm từ ngày 01/7/2024.", "ongoing", {"peak_from": "2024-07-01"}),
    ("Trước 30/9/2023.", "by", {"date": "2023-09-30"}),
    ("Hoàn thành trước ngày 10/7/2024", "by", {"date": "2024-07-10"}),
    ("Tháng 12/2023", "by", {"date": "2023-12-31"}),
    ("Thực hiện trong năm 2023", "by", {"date": "2023-12-31"}),
    ("Quý II/2024", "by", {"date": "2024-06-30"}),
    ("Cả năm 2023", "period", {"start": "2023-01-01", "end": "2023-12-31"}),
    ("từ 01/6/2024 đến 30/9/2024", "period", {"start": "2024-06-01", "end": "2024-09-30"}),
    ("20/8", "on", {"date": "2023-08-20"}),
    ("Định kỳ hàng quý", "recurring", {"every": "quarter"}),
    ("Định kỳ hàng tháng, quý", "recurring", {"every": "month"}),
    ("trước ngày 15 hàng tháng", "recurring", {"every": "month", "day": 15}),
    ("Ngay sau khi có Quyết định công bố", "event", {}),
])
def test_deadline_kinds(text, kind, fields):
    dl = parse_deadline(text, 2023)
    assert dl is not None and dl.kind == kind
    for k, v in fields.items():
        assert getattr(dl, k) == v


def test_no_time_no_deadline():
    assert parse_deadline("Phòng Nội vụ", 2023) is None
    assert parse_deadline("", 2023) is None
