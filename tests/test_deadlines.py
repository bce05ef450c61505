import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planparse import lexicon
from planparse.extraction.deadlines import deadline_in_duty, event_in_duty, parse_deadline


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


def test_a_documents_number_or_a_thirteenth_month_is_no_month():
    assert parse_deadline("Theo Nghị định số 05/2026/NĐ-CP của Chính phủ") is None
    assert parse_deadline("13/2026") is None


def test_no_time_no_deadline():
    assert parse_deadline("Phòng Nội vụ", 2023) is None
    assert parse_deadline("", 2023) is None


# ------------------------------------------------------------------ forms of real plans beyond the seeds
@pytest.mark.parametrize("text,kind,fields", [
    # quarters: both spellings, "/", "-" or "năm" before the year
    ("Quý II/2026", "by", {"date": "2026-06-30"}),
    ("Quí IV-2025", "by", {"date": "2025-12-31"}),
    ("Quý IV năm 2025", "by", {"date": "2025-12-31"}),
    ("Trong quý I năm 2026", "by", {"date": "2026-03-31"}),
    ("Quý IV/2025 - Quý II/2026", "period", {"start": "2025-10-01", "end": "2026-06-30"}),
    ("Quý IV/2025 và Quý I/2026", "period", {"start": "2025-10-01", "end": "2026-03-31"}),
    # months
    ("Tháng 11/2025", "by", {"date": "2025-11-30"}),
    ("(Dự kiến) tháng 11/2025", "by", {"date": "2025-11-30"}),
    ("Trong tháng 8/2025", "by", {"date": "2025-08-31"}),
    ("Từ tháng 3 đến tháng 9/2026", "period", {"start": "2026-03-01", "end": "2026-09-30"}),
    # a month and year in figures, as a time cell prints it; not a document's number
    ("06/2026", "by", {"date": "2026-06-30"}),
    ("01/2026 - 06/2026", "period", {"start": "2026-01-01", "end": "2026-06-30"}),
    ("Từ tháng 10 năm 2025 đến hết tháng 3 năm 2026", "period", {"start": "2025-10-01", "end": "2026-03-31"}),
    ("08 tháng (từ tháng 3 đến tháng 10)", "period", {"start": "2025-03-01", "end": "2025-10-31"}),
    ("02 tháng (tháng 4 và tháng 8)", "period", {"start": "2025-04-01", "end": "2025-08-31"}),
    # years and spans of years
    ("Năm 2026", "by", {"date": "2026-12-31"}),
    ("Trong năm 2026", "by", {"date": "2026-12-31"}),
    ("Hoàn thành trong năm 2025", "by", {"date": "2025-12-31"}),
    ("Dự kiến năm 2027", "by", {"date": "2027-12-31"}),
    ("Trước năm 2027", "by", {"date": "2026-12-31"}),
    ("6 tháng đầu năm 2026", "by", {"date": "2026-06-30"}),
    ("Giai đoạn 2026 - 2030", "period", {"start": "2026-01-01", "end": "2030-12-31"}),
    ("2026-2030", "period", {"start": "2026-01-01", "end": "2030-12-31"}),
    ("Từ năm 2026 - 2030", "period", {"start": "2026-01-01", "end": "2030-12-31"}),
    ("Từ năm 2025 đến hết năm 2030", "period", {"start": "2025-01-01", "end": "2030-12-31"}),
    ("Từ khi ban hành đến hết năm 2030", "by", {"date": "2030-12-31"}),
    # open-ended periods
    ("Quý IV năm 2025 và các năm tiếp theo", "period", {"start": "2025-10-01", "end": None}),
    ("Giai đoạn 2026-2030 và những năm tiếp theo", "period", {"start": "2026-01-01", "end": None}),
    ("Từ 01/7/2025", "period", {"start": "2025-07-01", "end": None}),
    ("Bắt đầu thực hiện từ năm 2026", "period", {"start": "2026-01-01", "end": None}),
    ("Từ tháng 10/2025 đến khi tổ chức thành công Đại hội", "period", {"start": "2025-10-01", "end": None}),
    # days, with the plan year when omitted, across a new year, with hours
    ("từ ngày 15/11 đến ngày 15/12", "period", {"start": "2025-11-15", "end": "2025-12-15"}),
    ("từ ngày 15/12 đến ngày 15/01", "period", {"start": "2025-12-15", "end": "2026-01-15"}),
    ("Trong khoảng thời gian từ ngày 17/12/2025 đến 17 giờ 00, ngày 01/02/2026", "period",
     {"start": "2025-12-17", "end": "2026-02-01"}),
    ("13h30’ ngày 29/4/2026 (Thứ Tư)", "on", {"date": "2026-04-29"}),
    ("Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 23 tháng 1", "on", {"date": "2025-01-23"}),
    # a sitting of 1.5 days from Monday: Monday and Tuesday (sct-kh3898 gold, adjudicated case 5b)
    ("1,5 ngày (bắt đầu từ 13h30 thứ Hai ngày 06/7/2026)", "period", {"start": "2026-07-06", "end": "2026-07-07"}),
    ("Dự kiến ngày 05/12/2025 (chậm nhất ngày 10/12/2025)", "on", {"date": "2025-12-05"}),
    ("Ban hành kế hoạch chậm nhất là ngày 15/4/2026 và tổ chức thực hiện", "by", {"date": "2026-04-15"}),
    # recurrences
    ("Hằng năm", "recurring", {"every": "year"}),
    ("Tháng 12 hằng năm", "recurring", {"every": "year"}),
    ("Từ tháng 3 đến tháng 11 hằng năm", "recurring", {"every": "year"}),
    ("6 tháng", "recurring", {"every": "half_year"}),
    ("Định kỳ 6 tháng", "recurring", {"every": "half_year"}),
    ("Định kỳ 6 tháng, hằng năm", "recurring", {"every": "half_year"}),
    ("trước ngày 01/6 và 15/11 hằng năm", "recurring", {"every": "half_year"}),
    ("Tháng 6 và tháng 12 hằng năm", "recurring", {"every": "half_year"}),  # two months a year
    ("Báo cáo 6 tháng đầu năm và cả năm", "recurring", {"every": "half_year"}),  # a mid-year and a year's report
    ("6 tháng đầu năm 2026", "by", {"date": "2026-06-30"}),
    ("Dịp Tết Nguyên đán Ất Tỵ 2025", "event", {}),
    ("Trước Tết Nguyên đán Bính Ngọ 2026", "event", {}),
    ("định kỳ trước ngày 01/6 và 15/11 hằng năm (hoặc đột xuất khi có yêu cầu)", "recurring", {"every": "half_year"}),
    ("02 lần/năm", "recurring", {"every": "half_year"}),
    ("02 lần/tháng", "recurring", {"every": "month"}),
    ("Trước ngày 05 của tháng liền kề", "recurring", {"every": "month", "day": 5}),
    ("Báo cáo quý: gửi trước ngày 15 của tháng cuối quý", "recurring", {"every": "quarter", "day": 15}),
    # events and ongoing
    ("Sau khi có Quy chế của Trung ương", "event", {}),
    ("Khi có yêu cầu của cấp trên", "event", {}),
    ("Theo tiến độ của dự án", "event", {}),
    ("Theo yêu cầu của UBND tỉnh", "event", {}),
    ("Theo các mốc thời gian tại Phương án số 7178/PA-UBND ngày 14/11/2025 của UBND tỉnh", "event", {}),
    ("Thường xuyên, hằng năm", "ongoing", {}),
    ("Thường xuyên trong năm", "ongoing", {}),
    ("Thực hiện thường xuyên khi có yêu cầu của bộ, ngành Trung ương", "ongoing", {}),
    # two months or quarters under one year: a span; a plan's own year when none is printed
    ("Tháng 3-4/2026", "period", {"start": "2026-03-01", "end": "2026-04-30"}),
    ("Tháng 3, 4 năm 2026", "period", {"start": "2026-03-01", "end": "2026-04-30"}),
    ("Quý III, IV/2026", "period", {"start": "2026-07-01", "end": "2026-12-31"}),
    ("Quý I - II/2026", "period", {"start": "2026-01-01", "end": "2026-06-30"}),
    ("Cả năm", "period", {"start": "2025-01-01", "end": "2025-12-31"}),
    ("Trong năm", "by", {"date": "2025-12-31"}),
    ("Định kỳ ngày 25 hằng tháng", "recurring", {"every": "month", "day": 25}),  # the day, not 'every day'
    ("Trong năm 2025 và giai đoạn tiếp theo", "period", {"start": "2025-01-01", "end": None}),
    ("Đến hết 2026", "by", {"date": "2026-12-31"}),  # a year without 'năm' after 'hết'
])
def test_deadline_forms_of_real_plans(text, kind, fields):
    dl = parse_deadline(text, 2025)
    assert dl is not None and dl.kind == kind, dl
    for k, v in fields.items():
        assert getattr(dl, k) == v, (k, dl)


def test_deadline_text_is_as_printed_with_whitespace_folded():
    assert parse_deadline("  Quí IV-2025\n ", 2025).text == "Quí IV-2025"
    assert parse_deadline("Trước ngày\n30/11/2025.", 2025).text == "Trước ngày 30/11/2025"


def test_a_bare_number_is_not_a_year_unless_it_is_the_whole_cell():
    assert parse_deadline("2026", 2025).date == "2026-12-31"
    assert parse_deadline("Nghị định số 80/2021/NĐ-CP", 2025) is None
    assert parse_deadline("100%", 2025) is None


def test_a_day_without_a_year_needs_the_plan_year():
    assert parse_deadline("20/8", None) is None
    assert parse_deadline("20/8", 2026).date == "2026-08-20"


@pytest.mark.parametrize("text,kind,fields", [
    ("Quý III", "by", {"date": "2026-09-30"}),
    ("hoàn thành trong quý IV", "by", {"date": "2026-12-31"}),
    ("Quý II và quý III", "period", {"start": "2026-04-01", "end": "2026-09-30"}),
    ("thực hiện cả năm", "period", {"start": "2026-01-01", "end": "2026-12-31"}),
])
def test_a_quarter_or_the_whole_year_without_a_year_is_the_plans(text, kind, fields):
    dl = parse_deadline(text, 2026)
    assert dl is not None and dl.kind == kind, dl
    for k, v in fields.items():
        assert getattr(dl, k) == v, (k, dl)
    assert parse_deadline(text, None) is None  # no plan year: no date to give


def test_a_quarter_without_a_year_inside_a_duty_takes_the_plan_year():
    duty = "Hỗ trợ phụ nữ phát triển kinh tế. Ban Gia đình - Xã hội chủ trì; hoàn thành trong quý III."
    assert deadline_in_duty(duty, 2026).date == "2026-09-30"
    assert deadline_in_duty("Tuyên truyền thường xuyên đến quý khách và quý vị đại biểu.", 2026) is None


def test_half_year_is_the_contract_spelling_in_the_model_too():
    from planparse.models import Deadline

    assert Deadline(kind="recurring", text="6 tháng", every="half_year").every == "half_year"
    with pytest.raises(ValueError):
        Deadline(kind="recurring", text="6 tháng", every="half-year")


# ------------------------------------------------------------------ completion times inside a duty
@pytest.mark.parametrize("duty,year,kind,fields,printed", [
    ("Chủ trì, phối hợp với các đơn vị liên quan xây dựng quy chế phối hợp chia sẻ dữ liệu, hoàn thành trước ngày "
     "30/6/2026.", 2026, "by", {"date": "2026-06-30"}, "hoàn thành trước ngày 30/6/2026"),
    ("Rà soát, cập nhật danh mục cơ sở dữ liệu dùng chung của tỉnh, xong trong quý II/2026.", 2026, "by",
     {"date": "2026-06-30"}, "xong trong quý II/2026"),
    ("Xây dựng, hoàn thiện Đề án phát triển kinh tế đêm giai đoạn 2025 - 2030 trình UBND tỉnh trong năm 2024; "
     "tham mưu tổ chức thực hiện Đề án sau khi được phê duyệt.", 2024, "by", {"date": "2024-12-31"},
     "trình UBND tỉnh trong năm 2024"),
    ("Tổ chức đợt cao điểm tuyên truyền về phòng cháy, chữa cháy rừng (từ ngày 15/11 đến ngày 15/12).", 2025, "period",
     {"start": "2025-11-15", "end": "2025-12-15"}, "từ ngày 15/11 đến ngày 15/12"),
    ("Các sở, ngành xây dựng kế hoạch triển khai; định kỳ trước ngày 01/6 và 15/11 hằng năm (hoặc đột xuất khi có "
     "yêu cầu) báo cáo kết quả thực hiện về Sở Khoa học và Công nghệ để tổng hợp.", 2025, "recurring",
     {"every": "half_year"}, "định kỳ trước ngày 01/6 và 15/11 hằng năm (hoặc đột xuất khi có yêu cầu)"),
    ("Thực hiện và hoàn thành trong năm 2024 các nhiệm vụ đã đề ra tại Kế hoạch số 134/KH-UBND ngày 08/7/2024 của "
     "UBND tỉnh.", 2024, "by", {"date": "2024-12-31"}, "hoàn thành trong năm 2024"),
    ("Tổ chức tập huấn kỹ năng số cho cán bộ, công chức cấp xã chậm nhất là ngày 15/4/2026.", 2026, "by",
     {"date": "2026-04-15"}, "chậm nhất là ngày 15/4/2026"),
    ("Báo cáo kết quả về Sở Nội vụ trước ngày 15/12/2025 để tổng hợp, báo cáo UBND tỉnh.", 2025, "by",
     {"date": "2025-12-15"}, "trước ngày 15/12/2025"),
    ("Chỉ đạo các xã tổ chức kiểm tra việc niêm yết thủ tục hành chính trong quý IV/2025 và quý I/2026.", 2025,
     "period", {"start": "2025-10-01", "end": "2026-03-31"}, "trong quý IV/2025 và quý I/2026"),
    ("Tổ chức Lễ phát động phong trào thi đua vào ngày 20/11/2025 tại Hội trường UBND tỉnh.", 2025, "on",
     {"date": "2025-11-20"}, "vào ngày 20/11/2025"),
    ("Triển khai thí điểm mô hình một cửa số trong 6 tháng đầu năm 2026.", 2026, "by", {"date": "2026-06-30"},
     "trong 6 tháng đầu năm 2026"),
    ("Gửi báo cáo tình hình thực hiện trước ngày 15 hằng tháng về Sở Nội vụ.", 2025, "recurring",
     {"every": "month", "day": 15}, "trước ngày 15 hằng tháng"),
    ("Thực hiện chế độ báo cáo định kỳ 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12) gửi Sở Tư pháp.", 2025,
     "recurring", {"every": "half_year"}, "định kỳ 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12)"),
    ("Thành lập Hội đồng thẩm định hồ sơ đề nghị công nhận xã không ma túy (hoàn thành trong tháng 3/2026). "
     "Tổ chức, duy trì các mô hình tự quản.", 2026, "by", {"date": "2026-03-31"}, "hoàn thành trong tháng 3/2026"),
    ("Báo cáo kết quả công tác phối hợp kỳ 6 tháng (từ ngày 15/12/2025 đến ngày 14/6/2026, gửi trước ngày "
     "20/6/2026).", 2026, "by", {"date": "2026-06-20"}, "gửi trước ngày 20/6/2026"),
    # a recurrence the duty opens with, and a report duty's stated frequency
    ("Hằng năm, căn cứ khả năng cân đối ngân sách, tham mưu bố trí kinh phí thực hiện Kế hoạch.", 2024, "recurring",
     {"every": "year"}, "Hằng năm"),
    ("Định kỳ hàng quý gửi báo cáo kết quả thực hiện về Văn phòng HĐND - UBND.", 2023, "recurring",
     {"every": "quarter"}, "Định kỳ hàng quý"),
    ("Báo cáo kết quả thực hiện về UBND thị xã theo định kỳ hàng tháng, quý.", 2023, "recurring", {"every": "month"},
     "định kỳ hàng tháng, quý"),
    # a periodic schedule whose day comes later in the same clause
    ("Các đơn vị, địa phương tăng cường kiểm tra, đôn đốc triển khai, định kỳ hàng năm báo cáo kết quả thực hiện về "
     "Sở Nông nghiệp và Môi trường chậm nhất ngày 17 tháng 12.", 2025, "recurring", {"every": "year"},
     "định kỳ hàng năm báo cáo kết quả thực hiện về Sở Nông nghiệp và Môi trường chậm nhất ngày 17 tháng 12"),
    # results reported to a body within a time: the report's due time, not a result's period
    ("Hội Nông dân xã giám sát việc thực hiện các tiêu chí, báo cáo kết quả về UBND xã trong tháng 10/2026.", 2026,
     "by", {"date": "2026-10-31"}, "trong tháng 10/2026"),
])
def test_completion_time_inside_a_duty(duty, year, kind, fields, printed):
    dl = deadline_in_duty(duty, year)
    assert dl is not None and dl.kind == kind, dl
    for k, v in fields.items():
        assert getattr(dl, k) == v, (k, dl)
    assert dl.text == printed


@pytest.mark.parametrize("duty,year", [
    # the date of a cited document
    ("Triển khai thực hiện Quyết định số 17/QĐ-UBND ngày 04/4/2023 của UBND tỉnh về chuyển đổi số.", 2023),
    ("Hỗ trợ doanh nghiệp nhỏ và vừa theo Nghị định số 80/2021/NĐ-CP ngày 26/8/2021 của Chính phủ.", 2025),
    ("Tổ chức quán triệt Thông tư số 02/2021/TT-BYT ngày 25 tháng 01 năm 2021 của Bộ Y tế.", 2025),
    ("Tuyên truyền Luật Phòng, chống ma túy năm 2021 và các văn bản hướng dẫn thi hành.", 2025),
    # a baseline, a result or report period
    ("Phấn đấu tăng 10% số doanh nghiệp thành lập mới so với năm 2020.", 2025),
    ("Tổng hợp, báo cáo kết quả thực hiện trong năm 2024 của các cơ quan, đơn vị.", 2024),
    ("Tổng kết, đánh giá số liệu từ ngày 01/01/2025 đến ngày 31/12/2025 về tình hình tai nạn giao thông.", 2025),
    # the span of the programme implemented
    ("Tham mưu ban hành Nghị quyết về phát triển các ngành công nghiệp văn hóa giai đoạn 2025 - 2035.", 2024),
    ("Triển khai thực hiện Chương trình phòng, chống ma túy đến năm 2030 trên địa bàn tỉnh.", 2025),
    ("Triển khai khu công nghệ số theo Quy hoạch tỉnh thời kỳ 2021 - 2030, tầm nhìn đến năm 2050.", 2025),
    ("Xây dựng trong giai đoạn 2026 - 2030 hệ thống cơ sở dữ liệu dùng chung.", 2026),
    # a goal's year, not the duty's
    ("Hướng dẫn các địa phương xây dựng lộ trình đạt mục tiêu ít nhất 50% xã không ma túy vào năm 2030.", 2025),
    ("Tăng cường các giải pháp, phấn đấu xây dựng được ít nhất 40% xã, phường không ma túy trong năm 2026.", 2026),
    # undated time words
    ("Thường xuyên rà soát, cập nhật cơ sở dữ liệu về đất đai.", 2025),
    ("Định kỳ báo cáo kết quả thực hiện về Sở Tài chính để tổng hợp.", 2025),
    ("Tổ chức các hoạt động văn hóa, văn nghệ hằng năm tại các xã, phường.", 2025),
    ("Thực hiện thường xuyên công tác kiểm tra, đôn đốc và định kỳ tổng hợp đánh giá kết quả triển khai.", 2024),
    # an undated recurrence opening a later sentence
    ("Căn cứ chức năng, nhiệm vụ được giao, triển khai thực hiện Kế hoạch này. Định kỳ hằng năm báo cáo Ủy ban nhân "
     "dân tỉnh kết quả thực hiện.", 2024),
    # a time that ended before the plan's year is a past fact
    ("Xây dựng cơ sở dữ liệu dân cư từ năm 2021 đến năm 2025 trên địa bàn.", 2026),
    # an event is not a completion time
    ("Tổ chức triển khai ngay sau khi Kế hoạch được ban hành.", 2025),
    ("", 2025),
])
def test_times_that_are_not_when_the_duty_is_due(duty, year):
    assert deadline_in_duty(duty, year) is None


def test_the_first_due_time_of_a_duty_wins():
    duty = ("Hoàn thành dự thảo trước ngày 30/6/2026; trình UBND tỉnh ban hành trong quý III/2026.")
    assert deadline_in_duty(duty, 2026).date == "2026-06-30"


def test_a_due_time_without_a_year_takes_the_plan_year():
    duty = "Tổ chức kiểm tra công tác cải cách hành chính tại các xã, hoàn thành trước ngày 15/11."
    assert deadline_in_duty(duty, 2025).date == "2025-11-15"
    assert deadline_in_duty(duty, None) is None


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(list("aăâđêôơưàáạảãèéẹẻẽìíịòóọùúụỳý hngtrcưuyqí0123456789/.,;:()-") +
                                ["trước ngày ", "hoàn thành ", "trong ", "quý ", "năm ", "hằng ", "định kỳ ", "từ ",
                                 "đến ", "tháng ", "ngày ", "giai đoạn ", "2025", "30/6", "\n"]), max_size=30).map("".join))
def test_deadline_in_duty_never_raises_and_quotes_the_duty(text):
    dl = deadline_in_duty(text, 2025)
    if dl is not None:
        assert dl.text and dl.text in " ".join(text.split())
        for iso in (dl.date, dl.start, dl.end):
            assert iso is None or len(iso) == 10


@pytest.mark.parametrize("duty,expected", [
    ("Khi xuất hiện ca bệnh bất thường, báo cáo ngay về Trung tâm Kiểm soát bệnh tật tỉnh.", "Khi xuất hiện ca bệnh bất thường"),
    ("Tổng điều tra lăng quăng ngay khi nước rút.", "ngay khi nước rút"),
    ("Kết thúc cuộc bầu cử, Ban Thường trực chịu trách nhiệm tổng hợp báo cáo.", "Kết thúc cuộc bầu cử"),
    ("Khử khuẩn nguồn nước sinh hoạt bằng Cloramin B sau khi nước rút.", "sau khi nước rút"),
    # a completion time that covers one ';' clause of the duty is still its deadline
    ("Dọn vệ sinh, thu gom rác thải; khử khuẩn nguồn nước sinh hoạt sau khi nước rút.", "sau khi nước rút"),
    ("Hỗ trợ các địa phương xét nghiệm khi phát hiện ca bệnh bất thường.", "khi phát hiện ca bệnh bất thường"),
    ("Báo cáo Ủy ban nhân dân tỉnh về kết quả phong trào khi tổng kết phong trào.", "khi tổng kết phong trào"),
    # timed by another body's action
    ("Cử đại diện tham gia kiểm tra công tác bầu cử khi các cơ quan có thẩm quyền tổ chức đoàn kiểm tra.",
     "khi các cơ quan có thẩm quyền tổ chức đoàn kiểm tra"),
    ("Bảo đảm an toàn cho học sinh khi tham gia giao thông.", None),
    ("Tổ chức tuyên truyền. Báo cáo kết quả sau khi nước rút.", None),
    # a sentence that goes on with the duty ("Đồng thời, ...") is part of its first sentence
    ("Sở Tư pháp theo dõi việc thi hành. Đồng thời, tham mưu sửa đổi Quy chế ngay sau khi Luật được Quốc hội thông qua.",
     "ngay sau khi Luật được Quốc hội thông qua"),
    ("Phối hợp kiểm tra, giám sát khi cần thiết.", None),
    ("Báo cáo đột xuất khi có yêu cầu.", None),
    ("Chuẩn bị các điều kiện cần thiết. Tổ công tác tự giải thể sau khi hoàn thành nhiệm vụ.", None),
])
def test_the_event_a_duty_is_timed_by(duty, expected):
    from planparse.extraction.deadlines import event_in_duty
    dl = event_in_duty(duty)
    assert (dl.text if dl else None) == expected and (dl is None or dl.kind == "event")


@pytest.mark.parametrize("line,kind,start,end", [
    ("Từ khi thành lập đến khi kết thúc nhiệm vụ của Ủy ban bầu cử", "event", None, None),
    ("Sau ngày bầu cử 15/3/2026", "event", None, None),
    ("Đợt 1: Từ ngày 01/12/2025 đến ngày 14/12/2025. Đợt 2: Từ ngày 02/02/2026 đến ngày 20/02/2026.", "period",
     "2025-12-01", "2026-02-20"),
])
def test_event_bounded_spans_and_phases(line, kind, start, end):
    dl = parse_deadline(line, 2025)
    assert (dl.kind, dl.start, dl.end) == (kind, start, end)


@pytest.mark.parametrize("duty,every,text", [
    ("Sở Khoa học và Công nghệ tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 30/11 hằng năm.", "year",
     "trước ngày 30/11 hằng năm"),
    ("Các xã gửi báo cáo về Phòng Văn hóa - Xã hội trước ngày 25 hàng tháng.", "month", "trước ngày 25 hàng tháng"),
    # a time of day is a schedule too
    ("Tổng hợp nhu cầu từ cơ sở, báo cáo UBND tỉnh trước 19h00’ hằng ngày và đột xuất khi cần thiết.", "day",
     "trước 19h00’ hằng ngày"),
    ("Báo cáo tình hình trước 16 giờ 30 phút hằng ngày về Văn phòng.", "day", "trước 16 giờ 30 phút hằng ngày"),
])
def test_a_dated_schedule_followed_by_its_frequency_recurs(duty, every, text):
    dl = deadline_in_duty(duty, 2025)
    assert (dl.kind, dl.every, dl.text) == ("recurring", every, text)


@pytest.mark.parametrize("duty,every", [
    ("Báo cáo kết quả thực hiện hằng quý về Sở Nội vụ.", "quarter"),
    ("Báo cáo tổng hợp hàng ngày gửi UBND tỉnh, Ban Chỉ huy Phòng chống thiên tai.", "day"),
])
def test_a_report_duty_stating_its_frequency_recurs(duty, every):
    dl = deadline_in_duty(duty, 2025)
    assert (dl.kind, dl.every) == ("recurring", every)


@pytest.mark.parametrize("duty,every", [
    ("Tổ chức ứng trực 24/24 giờ tại các điểm xung yếu; báo cáo 02 lần/ngày (trước 8h00 và 15h00) về Ban Chỉ huy.", "day"),
    ("Rà soát các hộ nghèo trên địa bàn. Báo cáo kết quả về Sở Y tế hằng tháng.", "month"),
])
def test_a_later_report_clause_stating_its_frequency_makes_the_duty_recur(duty, every):
    dl = deadline_in_duty(duty, 2025)
    assert (dl.kind, dl.every) == ("recurring", every)


@pytest.mark.parametrize("duty", [
    "Tổ chức tập huấn 02 lần/năm cho cán bộ cấp xã.",  # a frequency of the duty's activity, not of a report
    "Rà soát các hộ nghèo trên địa bàn; báo cáo kết quả về Sở Y tế.",  # a report with no frequency
])
def test_a_frequency_outside_a_report_clause_or_a_report_without_one_is_no_deadline(duty):
    assert deadline_in_duty(duty, 2025) is None


def test_a_dated_deadline_with_its_year_stays_a_deadline_before_a_frequency_word():
    dl = deadline_in_duty("Hoàn thành trước ngày 30/6/2026 hằng năm", 2025)
    assert (dl.kind, dl.date) == ("by", "2026-06-30")


def test_an_event_in_a_clause_of_its_own_times_the_duty():
    from planparse.extraction.deadlines import event_in_duty
    dl = event_in_duty("Ban công tác Mặt trận các tổ dân phố căn cứ kế hoạch này, khi có thông báo chủ động phối hợp.")
    assert dl.kind == "event" and dl.text.startswith("khi có thông báo")


def test_a_time_line_that_follows_a_plan_or_roadmap_is_an_event():
    assert parse_deadline("Thực hiện theo lộ trình tại phần (II) của Kế hoạch này.", 2025).kind == "event"
    assert parse_deadline("Triển khai đảm bảo theo lộ trình, hướng dẫn của Bộ, ngành", 2025).kind == "event"
    assert parse_deadline("Thực hiện trong năm 2026", 2026).kind == "by"


@pytest.mark.parametrize("text,event", [
    ("Tổ chức thực hiện Dự án 6 trên địa bàn tỉnh (khi Bộ Y tế có văn bản triển khai).",
     "khi Bộ Y tế có văn bản triển khai"),
    ("Triển khai Tiểu dự án 1 trên địa bàn tỉnh (thuộc Dự án 3 của Bộ Quốc phòng; khi Bộ Quốc phòng có văn bản triển khai).",
     "khi Bộ Quốc phòng có văn bản triển khai"),
])
def test_a_time_noted_in_brackets_after_the_work_is_its_event(text, event):
    dl = event_in_duty(text)
    assert dl is not None and dl.kind == "event" and dl.text == event


def test_a_condition_in_brackets_is_not_an_event():
    assert event_in_duty("Bố trí kinh phí thực hiện (khi cần thiết).") is None


def test_the_old_spelling_of_a_quarter_is_read():
    assert parse_deadline("Quí III/2026", 2025).date == "2026-09-30"


@pytest.mark.parametrize("printed,date", [("Quý I1/2026", "2026-06-30"), ("Quý Il/2026", "2026-06-30"),
                                          ("Quý 1/2026", "2026-03-31"), ("Quý 2/2026", "2026-06-30")])
def test_a_quarters_roman_number_ocr_read_with_ones_or_ls_is_read(printed, date):
    assert parse_deadline(printed, 2026).date == date


def test_a_periodic_report_due_on_a_day_without_a_year_recurs_yearly():
    from planparse.extraction.deadlines import parse_deadline

    d = parse_deadline("định kỳ báo cáo kết quả thực hiện trước ngày 20/11 về Sở Khoa học và Công nghệ", 2025)
    assert (d.kind, d.every) == ("recurring", "year")
    assert parse_deadline("báo cáo định kỳ trước ngày 15/6 và 15/12", 2025).every == "half_year"
    assert parse_deadline("định kỳ báo cáo trước ngày 20/11/2025", 2025).kind == "by"  # a dated one is due once


@pytest.mark.parametrize("printed,kind,fields", [
    ("Từ 13h30’ ngày 02/6/2026 (Thứ Ba)", "on", {"date": "2026-06-02"}),  # a sitting that starts at a time of day
    ("Từ 7 giờ ngày 15/3/2026", "on", {"date": "2026-03-15"}),
    ("Từ ngày 02/6/2026", "period", {"start": "2026-06-02"}),  # no time of day: from that day on
    ("Từ 8 giờ ngày 3/6/2026 đến 17 giờ ngày 5/6/2026", "period", {"start": "2026-06-03", "end": "2026-06-05"}),
])
def test_a_start_at_a_time_of_day_is_that_day(printed, kind, fields):
    dl = parse_deadline(printed, 2026)
    assert dl.kind == kind and all(getattr(dl, k) == v for k, v in fields.items())


@pytest.mark.parametrize("printed,start,end", [
    ("23/3/2026; 02 ngày", "2026-03-23", "2026-03-24"),  # a sitting of two days from that day
    ("1,5 ngày (bắt đầu từ 13h30 thứ Hai ngày 06/7/2026)", "2026-07-06", "2026-07-07"),
])
def test_a_start_day_with_a_duration_is_the_days_it_lasts(printed, start, end):
    dl = parse_deadline(printed, 2026)
    assert (dl.kind, dl.start, dl.end) == ("period", start, end)


def test_a_time_limit_counted_in_days_is_no_duration():
    dl = parse_deadline("trong 10 ngày kể từ ngày 15/3/2026", 2026)
    assert dl.end is None


@pytest.mark.parametrize("text, every, day", [
    ("Các đơn vị, địa phương báo cáo kết quả kỳ 6 tháng (từ ngày 15/12/2025 đến ngày 14/6/2026, gửi trước ngày"
     " 20/6/2026) và kỳ 12 tháng (từ ngày 15/12/2025 đến ngày 14/12/2026, gửi trước ngày 20/12/2026)", "half_year", 20),
    ("Báo cáo kết quả thực hiện gửi trước ngày 25/3/2026, trước ngày 25/6/2026 và trước ngày 25/9/2026", "quarter", 25),
])
def test_dates_due_on_one_day_at_one_interval_are_a_recurrence(text, every, day):
    dl = deadline_in_duty(text, 2026)
    assert (dl.kind, dl.every, dl.day) == ("recurring", every, day)


def test_dates_due_on_different_days_are_the_first_due():
    dl = deadline_in_duty("Hoàn thành giai đoạn 1 trước ngày 30/6/2026; giai đoạn 2 trước ngày 31/12/2026", 2026)
    assert (dl.kind, dl.date) == ("by", "2026-06-30")


def test_a_time_of_day_without_a_frequency_is_no_deadline():
    assert deadline_in_duty("Tổ chức họp giao ban lúc 8 giờ sáng thứ Hai tại trụ sở.", 2025) is None


def test_a_time_limit_counted_from_the_plans_issue_is_due_by_that_many_days_after_its_date():
    words = lexicon.deadlines().relative_limit
    for anchor in words.plan_anchors:
        for limit in words.limit_words:
            dl = parse_deadline(f"{limit.capitalize()} 30 ngày kể từ {anchor}", 2025, "2025-01-31")
            assert (dl.kind, dl.date) == ("by", "2025-03-02"), (limit, anchor)
    assert parse_deadline("Trong 01 tháng kể từ ngày ký", 2025, "2025-01-31").date == "2025-02-28"
    assert parse_deadline("Trong vòng 02 tuần kể từ ngày ký", 2025, "2025-01-31").date == "2025-02-14"
    # counted from another event, or in working days: the event is the deadline
    for text in ("Trong thời hạn 15 ngày kể từ ngày nhận được văn bản",
                 "Trong vòng 10 ngày làm việc kể từ ngày Kế hoạch được ban hành",
                 "Chậm nhất 07 ngày sau khi kết thúc hội nghị"):
        assert parse_deadline(text, 2025, "2025-01-31").kind == "event", text
    # without the plan's date no day can be told
    assert parse_deadline("Trong vòng 30 ngày kể từ ngày ký", 2025).kind == "event"


def test_a_duty_due_within_days_of_the_plans_signing_takes_that_day():
    dl = deadline_in_duty("Các xã xây dựng kế hoạch, hoàn thành trong vòng 30 ngày kể từ ngày ký, gửi về Sở Nội vụ.",
                          2025, "2025-09-15")
    assert (dl.kind, dl.date, dl.text) == ("by", "2025-10-15", "trong vòng 30 ngày kể từ ngày ký")
    assert deadline_in_duty("Các xã giải quyết hồ sơ trong 10 ngày kể từ ngày nhận được hồ sơ.", 2025, "2025-09-15") is None


def test_a_monthly_day_printed_without_ngay_is_the_recurrences_day():
    for word in lexicon.deadlines().in_duty.schedule_days:
        dl = parse_deadline(f"{word.capitalize()} 20 hằng tháng", 2026)
        assert (dl.kind, dl.every, dl.day) == ("recurring", "month", 20), word
    assert parse_deadline("Trước ngày 15 hàng tháng", 2026).day == 15
    assert parse_deadline("Hằng tháng", 2026).day is None


@pytest.mark.parametrize("duty, fields", [
    # a day and month with no year after "định kỳ" in the same clause come round each year
    ("Các sở, ngành xây dựng kế hoạch chi tiết hằng năm và định kỳ báo cáo kết quả thực hiện trước ngày 20/11 về "
     "Sở Tài chính để tổng hợp.", {"kind": "recurring", "every": "year", "text": "định kỳ báo cáo kết quả thực hiện "
                                   "trước ngày 20/11"}),
    ("Định kỳ gửi báo cáo về Sở Nội vụ trước ngày 15/12.", {"kind": "recurring", "every": "year"}),
    # with a year, or with "định kỳ" in another clause, the date is when it is due
    ("Định kỳ báo cáo kết quả trước ngày 20/11/2026.", {"kind": "by", "date": "2026-11-20"}),
    ("Tổ chức kiểm tra định kỳ các cơ sở; báo cáo kết quả trước ngày 20/11.", {"kind": "by", "date": "2025-11-20"}),
])
def test_a_periodic_report_on_a_day_and_month_recurs_every_year(duty, fields):
    dl = deadline_in_duty(duty, 2025)
    assert dl is not None and {k: getattr(dl, k) for k in fields} == fields


@pytest.mark.parametrize("cell", ["Khi xuất hiện ca bệnh bất thường", "khi Bộ Công an có văn bản triển khai",
                                  "Kết thúc cuộc bầu cử"])
def test_a_time_cell_naming_an_event_without_a_date_is_an_event(cell):
    assert parse_deadline(cell, 2026).kind == "event"


def test_from_the_plans_issue_in_a_draft_dated_only_by_month_starts_on_the_months_first_day():
    dl = parse_deadline("Từ khi ban hành đến hết năm 2030", 2025, "2025-10")
    assert (dl.kind, dl.start, dl.end) == ("period", "2025-10-01", "2030-12-31")
    dl = parse_deadline("Từ khi ban hành đến hết năm 2030", 2025, "2025-10-15")
    assert (dl.kind, dl.start, dl.end) == ("period", "2025-10-15", "2030-12-31")
    assert parse_deadline("Từ khi ban hành đến hết năm 2030", 2025).kind == "by"  # no date at all: its end


def test_a_day_of_the_year_before_comes_round_every_year():
    dl = parse_deadline("Ban hành kế hoạch chậm nhất là ngày 31/12 năm trước liền kề", 2026)
    assert (dl.kind, dl.every) == ("recurring", "year")


def test_an_ongoing_time_in_a_later_clause_of_a_time_cell_is_ongoing():
    assert parse_deadline("Báo cáo định kỳ theo thời gian quy định; thực hiện thường xuyên trong năm", 2026).kind == "ongoing"
    assert parse_deadline("Trước ngày 30/6/2026; báo cáo kết quả về Sở Nội vụ", 2026).kind == "by"


def test_each_year_or_quarter_said_with_moi_recurs():
    assert (parse_deadline("Mỗi quý báo cáo kết quả về Sở Nội vụ", 2026).every) == "quarter"
    dl = deadline_in_duty("Mỗi năm tại mỗi trường tổ chức ít nhất 01 buổi tuyên truyền.", 2026)
    assert (dl.kind, dl.every) == ("recurring", "year")


@pytest.mark.parametrize("duty,every", [
    ("Văn phòng Tỉnh ủy theo dõi, đôn đốc, định kỳ 6 tháng báo cáo Ban Thường vụ Tỉnh ủy.", "half_year"),
    ("Sở Nội vụ hướng dẫn, kiểm tra; định kỳ hằng quý gửi báo cáo kết quả về UBND tỉnh.", "quarter"),
])
def test_a_report_clause_opening_with_its_frequency_falls_due_at_it(duty, every):
    dl = deadline_in_duty(duty, 2026)
    assert dl is not None and (dl.kind, dl.every) == ("recurring", every)


@pytest.mark.parametrize("duty", [
    "Sở Tài chính theo dõi. Định kỳ hằng năm báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện.",  # a later sentence
    "Theo dõi, đôn đốc, định kỳ tổng hợp báo cáo UBND tỉnh.",  # no frequency
])
def test_no_report_frequency_where_the_contract_leaves_it_out(duty):
    assert deadline_in_duty(duty, 2026) is None


@pytest.mark.parametrize("printed,fields", [
    ("Năm học 2025 - 2026", {"kind": "period", "start": "2025-09-01", "end": "2026-05-31"}),
    ("Trong năm học 2025-2026", {"kind": "period", "start": "2025-09-01", "end": "2026-05-31"}),
    ("Trước năm học mới 2026 - 2027", {"kind": "by", "date": "2026-08-31"}),
    ("Tháng 9/2025 (đầu năm học 2025 - 2026)", {"kind": "by", "date": "2025-09-30"}),  # the other time is the deadline
    ("Giai đoạn 2025 - 2026", {"kind": "period", "start": "2025-01-01", "end": "2026-12-31"}),  # calendar years
])
def test_a_school_year_runs_from_september_to_may(printed, fields):
    dl = parse_deadline(printed, 2025)
    assert {k: getattr(dl, k) for k in fields} == fields


def test_a_duty_due_within_a_school_year():
    dl = deadline_in_duty("Phòng Giáo dục chủ trì tổ chức hội thi giáo viên dạy giỏi, hoàn thành trong năm học "
                          "2025 - 2026.", 2025)
    assert (dl.kind, dl.start, dl.end) == ("period", "2025-09-01", "2026-05-31")
    assert deadline_in_duty("Triển khai kế hoạch năm học 2025 - 2026 của ngành.", 2025) is None  # what it carries out
