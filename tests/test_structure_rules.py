"""Rules of plan structure, each on a small made-up plan."""
import pytest

from planparse.pipeline import document_to_plan
from planparse.readers.text import text_to_document
from planparse.structure import build_structure


def plan_of(text: str):
    return document_to_plan(text_to_document(text, "snippet.txt"))


def test_a_sentence_opening_with_chu_tich_is_not_the_signature():
    text = ("KẾ HOẠCH\nCải cách hành chính năm 2026\n"
            "Chủ tịch Ủy ban nhân dân tỉnh ban hành Kế hoạch cải cách hành chính năm 2026 như sau:\n"
            "I. NHIỆM VỤ\n1. Rà soát thủ tục hành chính.\n")
    st = build_structure(text_to_document(text, "x.txt"))
    assert st.sections and not st.signature


def test_plan_year_comes_from_the_title_not_the_issue_date():
    text = ("Lâm Đồng, ngày 30 tháng 12 năm 2025\nKẾ HOẠCH\nCải cách hành chính năm 2026\n"
            "I. MỤC TIÊU\n1. 100% hồ sơ được giải quyết đúng hạn.\n")
    plan = plan_of(text)
    assert plan.meta.date == "2025-12-30"
    assert plan.kpis[0].deadline.date == "2026-12-31"


def test_budget_subsection_of_organisation_gives_no_task():
    text = ("KẾ HOẠCH\nChuyển đổi số năm 2024\nI. TỔ CHỨC THỰC HIỆN\n1. Công tác triển khai\n"
            "a) Sở Nội vụ có trách nhiệm theo dõi, đôn đốc việc thực hiện Kế hoạch.\n"
            "2. Kinh phí thực hiện\na) Kinh phí được bố trí từ ngân sách nhà nước.\n")
    plan = plan_of(text)
    assert [(t.ref, t.lead) for t in plan.tasks] == [("I.1.a", ["Sở Nội vụ"])]


def test_group_deadline_line_applies_to_every_task_of_the_group():
    text = ("KẾ HOẠCH\nChuyển đổi số năm 2023\nI. NHIỆM VỤ, GIẢI PHÁP\n1. Tuyên truyền\n"
            "1.1. Nhiệm vụ: Tuyên truyền trên hệ thống truyền thanh.\n1.2. Phân công nhiệm vụ:\n"
            "- Phòng Văn hóa và Thông tin: Chủ trì biên tập tin bài.\n1.3. Thời gian hoàn thành: Trước 30/9/2023.\n")
    plan = plan_of(text)
    assert [(t.ref, t.lead, t.deadline.date) for t in plan.tasks] == [
        ("I.1.1", [], "2023-09-30"), ("I.1.2.1", ["Phòng Văn hóa và Thông tin"], "2023-09-30")]


def test_item_with_its_own_responsibility_lines_is_one_task():
    text = ("KẾ HOẠCH\nDịch vụ công năm 2024\nI. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Rà soát quy trình nội bộ\n"
            "a) Nhiệm vụ, giải pháp:\n- Rà soát các dịch vụ công.\n- Lập danh mục thủ tục.\n"
            "b) Trách nhiệm thực hiện:\n- Chủ trì: Văn phòng UBND xã.\n- Phối hợp: Công an xã, Ban Văn hóa - Thông tin.\n"
            "c) Thời gian thực hiện: Thường xuyên.\n")
    plan = plan_of(text)
    assert len(plan.tasks) == 1
    t = plan.tasks[0]
    assert t.ref == "I.1" and "Lập danh mục thủ tục" in t.text
    assert t.lead == ["Văn phòng UBND xã"] and t.support == ["Công an xã", "Ban Văn hóa - Thông tin"]
    assert t.deadline.kind == "ongoing"


def test_signature_laid_out_as_a_table_gives_the_signer(tmp_path):
    import docx

    from planparse.pipeline import extract_file

    d = docx.Document()
    for text in ["KẾ HOẠCH", "Tuyên truyền cải cách hành chính năm 2026", "I. NHIỆM VỤ", "1. Tổ chức hội nghị tập huấn."]:
        d.add_paragraph(text)
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "Nơi nhận:", "KT. CHỦ TỊCH"
    t.cell(1, 0).text = "- Bộ Nội vụ;\n- Lưu: VT."
    t.cell(1, 1).text = "PHÓ CHỦ TỊCH"
    t.cell(1, 1).add_paragraph("Nguyễn Văn An")
    path = tmp_path / "signed.docx"
    d.save(path)
    signer = extract_file(path).meta.signer
    assert (signer.name, signer.title) == ("Nguyễn Văn An", "Phó Chủ tịch")


def test_docx_text_boxes_and_drawing_anchors_stay_out_of_the_body(tmp_path):
    import docx
    from docx.oxml import parse_xml

    from planparse.readers import read_document

    d = docx.Document()
    p = d.add_paragraph("Thực hiện Kế hoạch số 1/KH-UBND.")
    anchor = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
        '<wp:positionH relativeFrom="page"><wp:posOffset>59245520033000</wp:posOffset></wp:positionH>'
        '<wps:txbx><w:txbxContent><w:p><w:r><w:t>CHỮ TRONG HỘP</w:t></w:r></w:p></w:txbxContent></wps:txbx>'
        '</wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r>')
    p._p.append(parse_xml(anchor))
    d.sections[0].header.paragraphs[0].text = "Đầu trang"
    path = tmp_path / "boxes.docx"
    d.save(path)
    text = " ".join(b.text for b in read_document(path).blocks)
    assert text == "Thực hiện Kế hoạch số 1/KH-UBND."


def test_a_report_is_not_a_plan():
    import pytest

    from planparse.errors import NotAPlan

    text = ("ỦY BAN NHÂN DÂN TỈNH X\nBÁO CÁO\nKết quả cải cách hành chính năm 2025\n"
            "I. KẾT QUẢ ĐẠT ĐƯỢC\n1. Đã ban hành 12 văn bản.\n")
    with pytest.raises(NotAPlan, match="BÁO CÁO"):
        plan_of(text)


def test_title_stops_at_the_first_basis_line():
    text = ("KẾ HOẠCH\nPhát động phong trào thi đua năm 2026\nCăn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;\n"
            "I. NHIỆM VỤ\n1. Tổ chức phát động phong trào.\n")
    assert plan_of(text).meta.title == "Phát động phong trào thi đua năm 2026"


RECIPIENTS_DAMAGED = """KẾ HOẠCH
Thực hiện chuyển đổi số năm 2024

I. NHIỆM VỤ
1. Rà soát thủ tục hành chính.

II. TỔ CHỨC THỰC HIỆN
1. Văn phòng UBND xã
Tham mưu triển khai kế hoạch.
2. Công chức Văn hóa - xã hội
Tuyên truyền kế hoạch.
Nội nội in:
- Văn phòng UBND huyện;
- Chủ tịch, các PCT UBND xã;
- Lưu: VT, VP.
"""


def test_a_recipient_list_with_an_unreadable_heading_is_not_a_task_list():
    plan = plan_of(RECIPIENTS_DAMAGED)
    assert [t.ref for t in plan.tasks] == ["I.1", "II.1", "II.2"]
    assert not any("Văn phòng UBND huyện" in t.text for t in plan.tasks)
    clean = plan_of(RECIPIENTS_DAMAGED.replace("Nội nội in:", "Nơi nhận:"))
    assert [t.ref for t in clean.tasks] == ["I.1", "II.1", "II.2"]


def test_dash_lines_without_the_closing_luu_line_stay_in_the_body():
    text = RECIPIENTS_DAMAGED.replace("- Lưu: VT, VP.\n", "")
    st = build_structure(text_to_document(text, "t.txt"))
    assert not any("Văn phòng UBND huyện" in b.text for b in st.signature)


def test_responsibility_keys_slightly_misread_still_count():
    from planparse.extraction.tasks import key_of

    assert key_of("Trách nhiệm thu hiện:") == ("responsibility", "")
    assert key_of("Đơn vị chủ tri thực hiện: Phòng Nội vụ") == ("lead", "Phòng Nội vụ")
    assert key_of("Đơn vị phí hợp: Sở Tư pháp") == ("support", "Sở Tư pháp")
    assert key_of("Ví dụ mẫu thêm: abc")[0] is None
    assert key_of("Mục đích: nâng cao")[0] is None  # another word, not a misread key


def test_issuer_in_capitals_ends_where_the_motto_on_its_line_begins():
    text = ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "THỊ XÃ CỬA LÒ Đức lập - Tự - do - Hạnh phúc Số: /KH-UBND Cửa Lò, ngày tháng 9 năm 2023\n\n"
            "KẾ HOẠCH\nChuyển đổi số năm 2023\nI. NHIỆM VỤ\n1. Tuyên truyền trên hệ thống truyền thanh.\n")
    assert plan_of(text).meta.issuer == "UBND thị xã Cửa Lò"


def test_a_heading_listing_units_by_semicolons_leads_its_duties():
    text = ("KẾ HOẠCH\nDịch vụ công năm 2021\nV. TỔ CHỨC THỰC HIỆN\n"
            "1. Các phòng, ban, ngành thuộc Ủy ban nhân dân thị xã; các cơ quan tổ chức theo ngành dọc đóng tại "
            "địa phương có thủ tục hành chính thực hiện tại Bộ phận Một cửa các cấp; Ủy ban nhân dân các phường.\n"
            "a) Tổ chức thực hiện nghiêm túc các mục tiêu;\nb) Báo cáo kết quả hằng tháng.\n")
    tasks = plan_of(text).tasks
    assert [t.ref for t in tasks] == ["V.1.a", "V.1.b"]
    assert tasks[0].lead[0] == "Các phòng, ban, ngành thuộc Ủy ban nhân dân thị xã" and len(tasks[0].lead) == 3


def test_a_link_broken_by_ocr_spaces_is_not_a_unit_label():
    text = ("KẾ HOẠCH\nDịch vụ công năm 2021\nI. NHIỆM VỤ\n1. Cán bộ, công chức đăng ký tài khoản trên Cổng Dịch "
            "vụ công của tỉnh (http : dichvucong. nghean. gov. vn) để thực hiện.\n")
    task = plan_of(text).tasks[0]
    # the colon inside the link does not cut the duty into "unit: duty"; its subject is its lead
    assert task.text.startswith("Cán bộ, công chức") and task.lead == ["Cán bộ, công chức"]


def test_a_duty_opening_with_its_yearly_recurrence_is_due_every_year():
    text = ("KẾ HOẠCH\nPhát triển công nghiệp văn hóa năm 2025\nI. NHIỆM VỤ\n"
            "1. Hằng năm, căn cứ khả năng cân đối ngân sách, tham mưu bố trí kinh phí thực hiện.\n"
            "2. Tổ chức hằng năm hội thi sáng tác.\n")
    tasks = plan_of(text).tasks
    assert tasks[0].deadline.kind == "recurring" and tasks[0].deadline.every == "year"
    assert tasks[1].deadline is None  # "hằng năm" inside a sentence is not a deadline


def test_a_budget_item_is_a_task_only_when_it_gives_a_unit_work():
    text = ("KẾ HOẠCH\nTriển khai Luật Việc làm năm 2025\nIII. KINH PHÍ THỰC HIỆN\n"
            "1. Kinh phí bảo đảm thực hiện Kế hoạch này được bố trí từ nguồn ngân sách nhà nước hằng năm.\n"
            "2. Sở Tài chính chủ trì, phối hợp với các sở, ngành liên quan bố trí kinh phí chi thường xuyên.\n"
            "IV. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ theo dõi, đôn đốc việc thực hiện Kế hoạch.\n")
    tasks = plan_of(text).tasks
    assert [(t.ref, t.lead) for t in tasks] == [("III.2", ["Sở Tài chính"]), ("IV.1", ["Sở Nội vụ"])]


def test_unlabelled_lead_lines_after_bullets_make_the_bullets_above_them_one_task():
    from planparse.readers.markdown import markdown_to_document
    text = ("KẾ HOẠCH\nNâng cao năng lực xây dựng pháp luật giai đoạn 2026 - 2030\nIII. NHIỆM VỤ, GIẢI PHÁP\n"
            "1. Nâng cao phẩm chất, năng lực cho đội ngũ cán bộ\n"
            "- Tăng cường công tác giáo dục chính trị cho đội ngũ cán bộ.\n"
            "- Nâng cao nhận thức, ý thức trách nhiệm của đội ngũ cán bộ.\n"
            "Đơn vị thực hiện: Các Sở, ngành, đơn vị, UBND cấp xã.\nĐơn vị phối hợp: Sở Tư pháp.\n"
            "Thời gian thực hiện: Thường xuyên.\n"
            "- Tổ chức tập huấn, bồi dưỡng kiến thức xây dựng pháp luật.\n"
            "Đơn vị chủ trì tham mưu thực hiện: Sở Tư pháp.\nĐơn vị phối hợp thực hiện: Các cơ quan, đơn vị liên quan.\n"
            "Thời gian thực hiện: Theo kế hoạch công tác tư pháp hàng năm.\n").replace("\n", "\n\n")
    tasks = document_to_plan(markdown_to_document(text, "snippet.md")).tasks
    # a run of duties with its own responsibility lines is one task (named by its first duty when the item
    # holds several runs); a single duty with its lines is its own task
    assert [(t.ref, t.lead, t.support) for t in tasks] == [
        ("III.1.1", ["Các Sở, ngành, đơn vị", "UBND cấp xã"], ["Sở Tư pháp"]),
        ("III.1.3", ["Sở Tư pháp"], ["Các cơ quan, đơn vị liên quan"])]
    assert "giáo dục chính trị" in tasks[0].text and "ý thức trách nhiệm" in tasks[0].text
    assert tasks[0].deadline.kind == "ongoing"


def test_a_phase_heading_gives_its_time_to_the_items_under_it():
    from planparse.extraction.tasks import phase_deadline
    dl = phase_deadline("Đợt 1: Trong tháng 12/2025", 2025)
    assert (dl.kind, dl.date) == ("by", "2025-12-31")
    assert phase_deadline("Nội dung tuyên truyền trọng tâm theo thời gian", 2025) is None
    text = ("KẾ HOẠCH\nTuyên truyền bầu cử năm 2025\nII. NỘI DUNG TUYÊN TRUYỀN\n2. Nội dung tuyên truyền theo thời gian\n"
            "2.1. Đợt 1: Trong tháng 12/2025\n- Tuyên truyền Chỉ thị số 46-CT/TW của Bộ Chính trị.\n"
            "- Tuyên truyền những hoạt động đổi mới của Quốc hội.\n")
    assert [t.deadline.date for t in plan_of(text).tasks] == ["2025-12-31", "2025-12-31"]


def test_an_inspection_schedule_lists_entries_not_the_contents_they_check():
    text = ("KẾ HOẠCH\nKiểm tra, giám sát công tác bầu cử năm 2025\nIII. NỘI DUNG KIỂM TRA, GIÁM SÁT\n"
            "1. Giám sát việc lập, niêm yết danh sách cử tri\n- Cách tính tuổi;\n- Tư cách cử tri và ghi tên cử tri vào danh sách;\n"
            "* Thời gian thực hiện: Từ ngày 03/02/2026 đến ngày 15/03/2026.\n"
            "2. Kiểm tra, giám sát việc tiếp nhận đơn thư\n- Giám sát việc tiếp nhận đơn thư liên quan đến tổ chức bầu cử;\n"
            "- Kiểm tra việc giải quyết đơn thư liên quan đến người ứng cử.\n"
            "IV. TỔ CHỨC THỰC HIỆN\n1. Ban Thường trực Ủy ban MTTQ Việt Nam phường xây dựng Kế hoạch và tổ chức kiểm tra.\n")
    tasks = plan_of(text).tasks
    assert [t.ref for t in tasks] == ["III.1", "III.2.1", "III.2.2", "IV.1"]
    assert (tasks[0].deadline.kind, tasks[0].deadline.start) == ("period", "2026-02-03")
    assert all(t.lead == ["Ban Thường trực Ủy ban MTTQ Việt Nam phường"] for t in tasks)


def test_a_product_line_goes_into_the_tasks_product():
    text = ("KẾ HOẠCH\nChuyển đổi số năm 2025\nII. NHIỆM VỤ\n1. Xây dựng Bộ tiêu chí đánh giá chuyển đổi số doanh nghiệp\n"
            "- Đơn vị chủ trì: Sở Khoa học và Công nghệ.\n- Sản phẩm: Quyết định ban hành Bộ tiêu chí.\n"
            "- Thời gian hoàn thành: Quý IV/2025.\n")
    task = plan_of(text).tasks[0]
    assert task.product == "Quyết định ban hành Bộ tiêu chí." and task.lead == ["Sở Khoa học và Công nghệ"]
    assert (task.deadline.kind, task.deadline.date) == ("by", "2025-12-31")


def test_a_goal_opening_with_its_period_is_due_over_that_period():
    text = ("KẾ HOẠCH\nNâng cao năng lực giai đoạn 2026 - 2030\nII. MỤC TIÊU\n"
            "1. Trong giai đoạn 2026 - 2030 phấn đấu có ít nhất 10% đội ngũ cán bộ được tuyển dụng từ nguồn thu hút.\n"
            "2. Đến hết năm 2027: 100% cán bộ được tập huấn.\n")
    kpis = plan_of(text).kpis
    assert (kpis[0].deadline.kind, kpis[0].deadline.start, kpis[0].deadline.end) == ("period", "2026-01-01", "2030-12-31")
    assert (kpis[1].deadline.kind, kpis[1].deadline.date) == ("by", "2027-12-31")
    assert kpis[0].target.op == ">=" and kpis[0].target.value == 10


def test_an_intro_naming_its_subject_leads_the_items_under_it():
    text = ("KẾ HOẠCH\nTriển khai Đợt thi đua năm 2025\nII. NỘI DUNG ĐỢT THI ĐUA\n"
            "Để hoàn thành thắng lợi các nhiệm vụ năm 2025; các sở, ban, ngành, Ủy ban Mặt trận Tổ quốc tỉnh, các xã, "
            "phường (sau đây viết tắt là cơ quan, đơn vị) triển khai Đợt thi đua, tập trung thực hiện các nội dung sau:\n"
            "1. Thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2025.\n"
            "2. Thi đua xây dựng Đảng, xây dựng chính quyền trong sạch, vững mạnh.\n")
    tasks = plan_of(text).tasks
    assert [t.lead for t in tasks] == [["các sở, ban, ngành", "Ủy ban Mặt trận Tổ quốc tỉnh", "các xã, phường"]] * 2


def test_a_span_counted_from_the_plans_issue_starts_on_its_date():
    from planparse.extraction.deadlines import parse_deadline
    dl = parse_deadline("Đợt thi đua được triển khai từ ngày ban hành Kế hoạch đến khi tổ chức thành công Đại hội",
                        2025, "2025-11-19")
    assert (dl.kind, dl.start, dl.end) == ("period", "2025-11-19", None)
    # a draft dated by month only is issued in that month: from its first day (as the Lâm Đồng PCMT draft's gold has it)
    dl = parse_deadline("từ nay đến kết thúc cuộc bầu cử", 2025, "2025-12")
    assert (dl.kind, dl.start, dl.end) == ("period", "2025-12-01", None)


def test_every_word_for_the_plans_issue_starts_a_span_on_its_date():
    from planparse import lexicon
    from planparse.extraction.deadlines import parse_deadline
    for words in lexicon.deadlines().from_plan_date:
        dl = parse_deadline(f"{words.capitalize()} đến hết năm 2030", 2025, "2025-10-01")
        assert (dl.kind, dl.start, dl.end) == ("period", "2025-10-01", "2030-12-31"), words
    # a body's own founding is an event, not the plan's issue
    assert parse_deadline("Từ khi thành lập đến khi kết thúc nhiệm vụ", 2025, "2025-10-01").kind == "event"


def test_a_forms_section_gives_its_activities_not_the_channels_or_awards_it_names():
    text = ("KẾ HOẠCH\nTuyên truyền bầu cử năm 2025\nIII. HÌNH THỨC, THỜI GIAN TUYÊN TRUYỀN\n"
            "1. Hình thức tuyên truyền\n- Tuyên truyền qua hệ thống loa phát thanh cơ sở, đội truyền thông lưu động.\n"
            "- Việc tham gia các tổ chức phụ trách bầu cử.\nIV. TIÊU CHUẨN, HÌNH THỨC KHEN THƯỞNG\n"
            "1. Hình thức khen thưởng\n- Bằng khen của Chủ tịch UBND tỉnh;\n- Giấy khen.\n"
            "2. Tiêu chuẩn khen thưởng\n- Hoàn thành xuất sắc nhiệm vụ được giao trong năm.\n"
            "- Các cơ quan, đơn vị căn cứ thành tích để bình xét khen thưởng cho tập thể, cá nhân.\n")
    tasks = plan_of(text).tasks
    assert [(t.ref, t.lead) for t in tasks] == [("III.1.1", []), ("IV.2.2", ["Các cơ quan, đơn vị"])]


def test_a_duty_listing_what_it_consists_of_is_one_task():
    text = ("KẾ HOẠCH\nKiểm tra, giám sát năm 2025\nIV. TỔ CHỨC THỰC HIỆN\n"
            "1. Ban Thường trực Ủy ban MTTQ phường ban hành quyết định thành lập Đoàn kiểm tra, giám sát bao gồm:\n"
            "- Trưởng đoàn: Đại diện Ban Thường trực Ủy ban MTTQ Việt Nam phường.\n- Thành viên: đại diện các tổ chức "
            "chính trị - xã hội.\n2. Kinh phí phục vụ công tác kiểm tra, giám sát được bố trí từ ngân sách phường.\n")
    tasks = plan_of(text).tasks
    assert [t.ref for t in tasks] == ["IV.1"] and "Trưởng đoàn" in tasks[0].text
    assert tasks[0].lead == ["Ban Thường trực Ủy ban MTTQ phường"]


def test_any_time_line_of_the_form_thoi_gian_what():
    from planparse.extraction.tasks import key_of
    assert key_of("Thời gian tuyên truyền: Thực hiện theo lộ trình tại phần (II)")[0] == "deadline"
    assert key_of("Thời gian qua, công tác tuyên truyền đã được quan tâm")[0] is None


def test_a_group_heading_with_a_span_times_its_items():
    text = ("KẾ HOẠCH\nTuyên truyền bầu cử năm 2025\nII. NỘI DUNG TUYÊN TRUYỀN\n"
            "1. Nội dung tuyên truyền xuyên suốt từ ngày 10/12/2025 đến ngày 15/3/2026\n"
            "- Tuyên truyền ý nghĩa của cuộc bầu cử.\n- Tuyên truyền các phong trào thi đua chào mừng bầu cử.\n")
    assert [(t.deadline.start, t.deadline.end) for t in plan_of(text).tasks] == [("2025-12-10", "2026-03-15")] * 2


def test_the_signing_title_is_the_one_above_the_name():
    from planparse.extraction.meta import _signer
    from planparse.models import Block, Cell
    cell = Cell(text="x", lines=["TM. TIỂU BAN", "TRƯỞNG TIỂU BAN", "Nguyễn Văn Hoàn", "TRƯỞNG BAN XÂY DỰNG ĐẢNG"])
    signer = _signer([Block(id="s", kind="row", text="x", cells=[Cell(text="Nơi nhận:"), cell], table=1)])
    assert (signer.name, signer.title) == ("Nguyễn Văn Hoàn", "Trưởng Tiểu ban")


def test_a_heading_naming_a_kind_in_general_is_a_topic_in_task_sections():
    text = ("KẾ HOẠCH\nPhát triển kinh tế số năm 2026\nIII. NHIỆM VỤ, GIẢI PHÁP\n1. Doanh nghiệp số\n"
            "a) Xây dựng chính sách ưu đãi, khuyến khích doanh nghiệp chuyển đổi số.\n"
            "IV. TỔ CHỨC THỰC HIỆN\n1. Các doanh nghiệp công nghệ số\n"
            "a) Chủ động tham gia triển khai Kế hoạch.\n")
    tasks = plan_of(text).tasks
    assert [(t.ref, t.lead) for t in tasks] == [("III.1.a", []), ("IV.1", ["Các doanh nghiệp công nghệ số"])]


def test_an_inspection_schedule_table_is_led_by_the_unit_charged_with_the_inspection():
    text = ("KẾ HOẠCH\nKiểm tra công tác cải cách hành chính năm 2026\nII. NỘI DUNG TRỌNG TÂM KIỂM TRA\n"
            "1. Công tác chỉ đạo, điều hành\na) Việc ban hành kế hoạch cải cách hành chính năm 2026.\n"
            "III. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ\na) Chỉ đạo tổ chức kiểm tra theo đúng nội dung Kế hoạch.\n"
            "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nPhụ lục I\nLỊCH KIỂM TRA\nSTT\tĐơn vị được kiểm tra\tThời gian kiểm tra\n1\tSở Xây dựng\tTháng 7/2026\n"
            "2\tXã Đắk Sắk\tTháng 3/2026\n")
    tasks = plan_of(text).tasks
    assert [(t.ref, t.lead) for t in tasks] == [("III.1", ["Sở Nội vụ"]), ("PL.1", ["Sở Nội vụ"]), ("PL.2", ["Sở Nội vụ"])]
    assert (tasks[1].text, tasks[1].deadline.date) == ("Sở Xây dựng", "2026-07-31")


def test_a_reports_statistics_appendix_is_not_a_plan():
    from planparse.errors import NotAPlan
    text = ("PHỤ LỤC\nBIỂU MẪU THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH NĂM 2025\n"
            "(Kèm theo Báo cáo số /BC-UBND ngày tháng 12 năm 2025 của Chủ tịch Ủy ban nhân dân tỉnh)\n"
            "STT\tChỉ tiêu thống kê\tĐơn vị tính\tSố liệu\n1\tTỷ lệ hồ sơ trực tuyến\t%\t85\n")
    with pytest.raises(NotAPlan, match="BÁO CÁO"):
        plan_of(text)
    # a plan's own appendix, standing alone, is still read
    plan_appendix = text.replace("Kèm theo Báo cáo số /BC-UBND", "Kèm theo Kế hoạch số /KH-UBND").replace(
        "Chỉ tiêu thống kê\tĐơn vị tính\tSố liệu", "Tên chỉ tiêu\tĐơn vị tính\tChỉ tiêu năm 2026")
    assert plan_of(plan_appendix).kpis[0].target.value == 85


@pytest.mark.parametrize("header", ["Thời gian bắt đầu\tThời gian kết thúc", "Bắt đầu thực hiện\tKết thúc"])
def test_a_task_tables_start_and_end_columns_give_a_span(header):
    text = ("KẾ HOẠCH\nChuyển đổi số năm 2026\nPHỤ LỤC\nSTT\tNhiệm vụ\tĐơn vị chủ trì\t" + header + "\n"
            "1\tXây dựng kho dữ liệu mở\tSở Khoa học và Công nghệ\t01/2026\t06/2026\n"
            "2\tTổng kết, đánh giá\tSở Khoa học và Công nghệ\t\tTháng 12/2026\n")
    spans = [(t.deadline.kind, t.deadline.start, t.deadline.date or t.deadline.end) for t in plan_of(text).tasks]
    assert spans == [("period", "2026-01-01", "2026-06-30"), ("by", None, "2026-12-31")]


def test_a_target_table_with_a_column_per_year_gives_each_years_target():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 15/KH-UBND\nKẾ HOẠCH\nChuyển đổi số giai đoạn 2026 - 2030\n"
            "I. CHỈ TIÊU\nTT\tChỉ tiêu\tĐơn vị tính\tNăm 2026\tNăm 2027\tĐến năm 2030\tĐơn vị chủ trì\n"
            "1\tTỷ lệ hồ sơ xử lý trực tuyến\t%\t60\t80\t100\tSở Khoa học và Công nghệ\n"
            "2\tSố doanh nghiệp công nghệ số\tdoanh nghiệp\t100\t-\t300\tSở Tài chính\n")
    kpis = [(k.ref, k.indicator, k.target.value, k.target.unit, k.deadline.date, k.lead) for k in plan_of(text).kpis]
    assert kpis == [
        ("I.1.1", "Tỷ lệ hồ sơ xử lý trực tuyến", 60, "%", "2026-12-31", ["Sở Khoa học và Công nghệ"]),
        ("I.1.2", "Tỷ lệ hồ sơ xử lý trực tuyến", 80, "%", "2027-12-31", ["Sở Khoa học và Công nghệ"]),
        ("I.1.3", "Tỷ lệ hồ sơ xử lý trực tuyến", 100, "%", "2030-12-31", ["Sở Khoa học và Công nghệ"]),
        ("I.2.1", "Số doanh nghiệp công nghệ số", 100, "doanh nghiệp", "2026-12-31", ["Sở Tài chính"]),
        ("I.2.2", "Số doanh nghiệp công nghệ số", 300, "doanh nghiệp", "2030-12-31", ["Sở Tài chính"])]


@pytest.mark.parametrize("header, sub_header", [
    ("STT\tNội dung\tĐơn vị tính\tNăm hiện hành 2025\tNăm 2026\tNăm 2027\n", ""),  # this year's estimate beside
    ("STT\tNội dung\tĐơn vị tính\tNăm 2026\tNăm 2027\tNăm 2028\n", "Dự toán\tƯớc thực hiện\n"),  # a budget
    ("STT\tNội dung\tĐơn vị tính\tNăm 2024\tNăm 2025\tNăm 2026\n", ""),  # years before the plan's: a baseline
])
def test_year_columns_of_a_forecast_or_a_baseline_are_no_targets(header, sub_header):
    text = ("KẾ HOẠCH\nTài chính - ngân sách nhà nước 03 năm 2026 - 2028\nI. MỤC TIÊU\nBảo đảm cân đối ngân sách.\n"
            "PHỤ LỤC\n" + header + sub_header + "1\tTổng thu ngân sách nhà nước\tTỷ đồng\t10.367\t11.580\t13.286\n")
    assert plan_of(text).kpis == []


def test_a_heading_over_a_paragraph_takes_the_paragraphs_subject_as_lead():
    text = ("KẾ HOẠCH\nTriển khai Luật Việc làm năm 2025\nII. NỘI DUNG\n"
            "3. Xây dựng các văn bản quy định chi tiết các nội dung được giao\n"
            "Sở, ban, ngành thuộc Ủy ban nhân dân Thành phố có trách nhiệm rà soát, tham mưu ban hành văn bản.\n")
    from planparse.readers.markdown import markdown_to_document
    plan = document_to_plan(markdown_to_document(text.replace("\n", "\n\n"), "snippet.md"))
    assert plan.tasks[0].lead == ["Sở, ban, ngành thuộc Ủy ban nhân dân Thành phố"]


def test_lettered_sub_items_of_a_table_row_are_tasks_of_their_own():
    text = ("KẾ HOẠCH\nChuyển đổi số năm 2026\nI. NHIỆM VỤ\n1. Triển khai các nhiệm vụ tại Phụ lục.\n"
            "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nPhụ lục\nDANH MỤC NHIỆM VỤ\n"
            "STT\tNhiệm vụ\tCơ quan chủ trì\tThời gian hoàn thành\n"
            "1\tRà soát các văn bản quy phạm pháp luật\tSở Tư pháp\tTháng 6/2026\n"
            "2\tĐào tạo, bồi dưỡng kỹ năng số cho cán bộ, công chức\t\t\n"
            "\ta) Bồi dưỡng kiến thức về chuyển đổi số\tSở Nội vụ\tHằng năm\n"
            "\tb) Phổ cập kỹ năng số cơ bản cho người dân\tUBND các xã, phường\tThường xuyên\n")
    rows = [(t.ref, t.text, t.lead) for t in plan_of(text).tasks if t.section == "table"]
    assert rows == [("PL.1", "Rà soát các văn bản quy phạm pháp luật", ["Sở Tư pháp"]),
                    ("PL.a", "Bồi dưỡng kiến thức về chuyển đổi số", ["Sở Nội vụ"]),
                    ("PL.b", "Phổ cập kỹ năng số cơ bản cho người dân", ["UBND các xã, phường"])]


def test_a_short_row_under_a_full_one_lacks_the_cells_merged_from_above():
    from planparse.extraction.tables import _fill_short_rows
    from planparse.models import Block, Cell

    def row(i, *texts):
        return Block(id=f"r{i}", kind="row", text=" | ".join(texts), cells=[Cell(text=t) for t in texts], table=0)
    full = row(1, "1", "Nguồn nước cấp nuôi tôm", "- Độ mặn, pH, DO", "02 lần/tháng", "08 tháng (từ tháng 3 đến tháng 10)")
    short = row(2, "- Thuốc bảo vệ thực vật", "02 lần/năm", "02 tháng (tháng 4 và tháng 8)", "")
    filled = _fill_short_rows([full, short], 5)[1]
    assert [c.text for c in filled.cells] == ["1", "Nguồn nước cấp nuôi tôm", "- Thuốc bảo vệ thực vật", "02 lần/năm",
                                              "02 tháng (tháng 4 và tháng 8)"]
    assert filled.cells[1].merged_above and not filled.cells[2].merged_above


def test_the_plans_year_is_named_by_its_title_in_capitals_too():
    from planparse.pipeline import _plan_year
    from planparse.models import Document
    assert _plan_year(Document(source="x", format="text", blocks=[]), "2025-11-18",
                      "QUAN TRẮC MÔI TRƯỜNG NUÔI TRỒNG THỦY SẢN NĂM 2026") == 2026


def test_reward_quotas_are_not_tasks_but_a_titled_duty_there_is():
    text = ("KẾ HOẠCH\nPhát động phong trào thi đua năm 2025\nI. SỐ LƯỢNG ĐỀ NGHỊ KHEN THƯỞNG\n"
            "1. Khen thưởng cấp Nhà nước: Sở Nội vụ phối hợp với các cơ quan, đơn vị có liên quan báo cáo UBND tỉnh "
            "xem xét lựa chọn.\n2. Bằng khen của Chủ tịch UBND tỉnh\n- Ban Chỉ đạo bầu cử của tỉnh: Không quá 05 cá nhân;\n"
            "- Đối với Sở Tài chính; Công an tỉnh mỗi đơn vị đề nghị không quá 01 tập thể, 03 cá nhân;\n")
    plan = plan_of(text)
    assert [(t.ref, t.lead) for t in plan.tasks] == [("I.1", ["Sở Nội vụ"])]


def test_a_targets_heading_among_the_duties_gives_kpis_due_when_it_says():
    text = ("KẾ HOẠCH\nPhòng, chống ma túy đến năm 2030\nỦy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n"
            "I. NỘI DUNG TRỌNG TÂM\n1. Tổ chức quán triệt, tuyên truyền sâu rộng Chương trình.\n"
            "2. Chỉ tiêu chủ yếu đến năm 2030\n2.1. Trên 80% số trạm y tế cấp xã đủ điều kiện xác định tình trạng nghiện.\n")
    plan = plan_of(text)
    assert [t.ref for t in plan.tasks] == ["I.1"]
    assert [(k.target.value, k.deadline.date) for k in plan.kpis] == [(80, "2030-12-31")]


def test_a_plan_running_to_a_year_is_for_its_issue_year():
    text = ("Đồng Nai, ngày 20 tháng 11 năm 2025\nKẾ HOẠCH\nTriển khai Chương trình phòng, chống ma túy đến năm 2030\n"
            "I. NHIỆM VỤ\n1. Sở Y tế xây dựng kế hoạch, hoàn thành trong tháng 11/2025.\n")
    plan = plan_of(text)
    assert plan.tasks[0].deadline.date == "2025-11-30"


def test_a_time_line_naming_what_it_times_applies_to_its_siblings():
    text = ("KẾ HOẠCH\nPhong trào thi đua năm 2025\nI. NỘI DUNG THI ĐUA\n1. Nội dung\na) Thi đua thực hiện thành công "
            "cuộc bầu cử.\n2. Thời gian tổ chức phong trào thi đua: từ tháng 10 năm 2025 đến hết tháng 3 năm 2026.\n")
    plan = plan_of(text)
    assert [(t.ref, t.deadline.start, t.deadline.end) for t in plan.tasks] == [("I.1.a", "2025-10-01", "2026-03-31")]


def test_a_responsibility_column_names_the_leads_and_a_post_line_stays_with_its_body():
    from planparse.extraction.tables import _responsibility_cell, cell_units
    from planparse.models import Cell
    assert cell_units(Cell(text="Lãnh đạo Sở Giáo dục và Đào tạo", lines=["Lãnh đạo", "Sở Giáo dục và Đào tạo"])) == [
        "Lãnh đạo Sở Giáo dục và Đào tạo"]
    assert _responsibility_cell(Cell(text="Chủ trì: Sở Nội vụ; Phối hợp: Sở Tư pháp, Công an tỉnh")) == (
        ["Sở Nội vụ"], ["Sở Tư pháp", "Công an tỉnh"])
    text = ("KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2026\nI. NHIỆM VỤ\n1. Triển khai các nhiệm vụ tại Phụ lục.\n"
            "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nPhụ lục\nDANH MỤC CHƯƠNG TRÌNH\n"
            "TT\tNội dung\tTrách nhiệm thực hiện\tThời gian (Năm 2026)\n"
            "1\tGiải đáp những vướng mắc về thủ tục hành chính\tLãnh đạo Sở Y tế\tNgày 16/01/2026\n")
    rows = [(t.text, t.lead) for t in plan_of(text).tasks if t.section == "table"]
    assert rows == [("Giải đáp những vướng mắc về thủ tục hành chính", ["Lãnh đạo Sở Y tế"])]


def test_targets_a_paragraph_announces_are_kpis_and_the_paragraph_a_task():
    text = ("KẾ HOẠCH\nPhong trào thi đua năm 2025\nI. NỘI DUNG THI ĐUA\n1. Nội dung thi đua\n"
            "Nâng cao nhận thức của người hưởng trợ cấp xã hội về thanh toán không dùng tiền mặt, các nội dung này "
            "được cụ thể hóa bằng các chỉ tiêu cụ thể như sau:\n(1) 100% số người hưởng trợ cấp được tuyên truyền;\n"
            "(2) Ít nhất 85% người hưởng trợ cấp mở tài khoản ngân hàng;\n")
    plan = plan_of(text)
    assert [t.ref for t in plan.tasks] == ["I.1"] and plan.tasks[0].text.startswith("Nâng cao nhận thức")
    assert [(k.target.op, k.target.value) for k in plan.kpis] == [(">=", 100), (">=", 85)]


def test_a_breakdown_of_a_duty_into_targets_gives_the_duty_and_a_kpi_per_target():
    text = ("KẾ HOẠCH\nPhát triển lâm nghiệp giai đoạn 2026 - 2030\nII. NHIỆM VỤ, GIẢI PHÁP\n1. Phát triển rừng\n"
            "- Trồng rừng gỗ lớn: Đảm bảo nguồn nguyên liệu cho chế biến.\nTrong đó:\n"
            "+ Trồng mới rừng sản xuất: 320 ha (Trong đó: Công ty Lâm nghiệp A: 120 ha, Hợp tác xã B: 200 ha);\n"
            "+ Trồng cây phân tán: 50.000 cây;\n- Chăm sóc rừng trồng.\n")
    plan = plan_of(text)
    assert [t.text for t in plan.tasks] == ["Trồng rừng gỗ lớn: Đảm bảo nguồn nguyên liệu cho chế biến.",
                                            "Chăm sóc rừng trồng."]
    assert [(k.indicator, k.target.value, k.target.unit, k.lead) for k in plan.kpis] == [
        ("Trồng mới rừng sản xuất", 320, "ha", ["Công ty Lâm nghiệp A", "Hợp tác xã B"]),
        ("Trồng cây phân tán", 50000, "cây", [])]
    # steps with figures of their own under "Cụ thể:" are duties, not a breakdown into targets
    steps = plan_of(text.replace("Trong đó:\n+ Trồng mới rừng sản xuất: 320 ha (Trong đó: Công ty Lâm nghiệp A: 120 ha, "
                                 "Hợp tác xã B: 200 ha);\n+ Trồng cây phân tán: 50.000 cây;",
                                 "Cụ thể:\n+ Trồng mới 320 ha rừng sản xuất;\n+ Trồng 50.000 cây phân tán;"))
    assert len(steps.tasks) == 3 and not steps.kpis


def test_a_groups_introduction_gives_its_goal_and_its_time_to_the_goals_below():
    text = ("KẾ HOẠCH\nPhát triển hạ tầng số giai đoạn 2026 - 2030\nII. NỘI DUNG THỰC HIỆN\n"
            "1. Phát triển hạ tầng\nTrong giai đoạn 2027 - 2029, bảo đảm phủ sóng 4G đạt 100% thôn, bản, cụ thể như sau:\n"
            "1.1. Xây dựng trạm\n- Khảo sát vị trí lắp đặt trạm.\nTrong đó:\n+ Lắp đặt mới trạm BTS: 40 trạm;\n")
    plan = plan_of(text)
    assert [t.text for t in plan.tasks] == ["Khảo sát vị trí lắp đặt trạm."]
    assert plan.tasks[0].deadline is None  # the introduction's time frames its goals, not its duties
    assert [(k.ref, k.target.value, k.deadline.kind, k.deadline.start, k.deadline.end) for k in plan.kpis] == [
        ("II.1", 100, "period", "2027-01-01", "2029-12-31"), ("II.1.1.1.1", 40, "period", "2027-01-01", "2029-12-31")]


def test_bullets_after_a_units_bullet_announcing_them_are_its_steps():
    text = ("KẾ HOẠCH\nKiểm tra công tác phòng cháy năm 2026\nIII. TỔ CHỨC THỰC HIỆN\n1. Tổ chức đoàn kiểm tra\n"
            "- Phòng Văn hóa - Xã hội chủ trì tổ chức đoàn kiểm tra tại các thôn. Cụ thể:\n"
            "- Ban hành quyết định thành lập đoàn kiểm tra.\n- Xây dựng đề cương báo cáo gửi các thôn.\n"
            "- Công an xã bảo đảm an ninh, trật tự trong thời gian kiểm tra.\n")
    plan = plan_of(text)
    assert [t.lead for t in plan.tasks] == [["Phòng Văn hóa - Xã hội"]] * 3 + [["Công an xã"]]
    # without the announcement the bullets are duties of their own, with no lead
    plain = plan_of(text.replace(" Cụ thể:", ""))
    assert [t.lead for t in plain.tasks] == [["Phòng Văn hóa - Xã hội"], [], [], ["Công an xã"]]


def test_goals_a_level_down_under_a_dated_heading_are_kpis_due_then():
    text = ("KẾ HOẠCH\nPhát triển giáo dục mầm non\nI. MỤC TIÊU\n1. Mục tiêu cụ thể đến năm 2035\na) Đối với trẻ em\n"
            "- Tại địa bàn đô thị: 100% trẻ em được chăm sóc, giáo dục bảo đảm an toàn.\n"
            "b) Đối với giáo viên\n- Phấn đấu 100% giáo viên được bồi dưỡng hằng năm.\n")
    plan = plan_of(text)
    assert [(k.target.value, k.deadline.date) for k in plan.kpis] == [(100, "2035-12-31"), (100, "2035-12-31")]


def test_the_numbered_closing_formula_is_not_a_task():
    text = ("KẾ HOẠCH\nPhòng thủ dân sự năm 2025\nI. TỔ CHỨC THỰC HIỆN\n1. Sở Tài chính bố trí kinh phí thực hiện.\n"
            "2. Trong quá trình triển khai thực hiện Kế hoạch, nếu có khó khăn, vướng mắc, các sở, ban, ngành báo cáo "
            "về Sở Nội vụ để tổng hợp.\n")
    assert [t.ref for t in plan_of(text).tasks] == ["I.1"]


def test_a_colon_late_in_a_long_duty_does_not_make_its_opening_a_unit():
    text = ("KẾ HOẠCH\nPhong trào thi đua năm 2025\nI. NỘI DUNG\n1. Phương án triển khai\n"
            "a) Ủy ban nhân dân xã, phường huy động nguồn lực, tổ chức tuyên truyền đến từng đối tượng. Hình thức "
            "tuyên truyền trực tiếp như đến hộ gia đình, gián tiếp: qua loa phát thanh xã, phường.\n")
    assert plan_of(text).tasks[0].lead == ["Ủy ban nhân dân xã, phường"]


def test_a_part_that_reports_the_past_year_gives_no_task():
    """'I. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ ... NĂM 2025' reports results; the solutions that follow are the work."""
    text = ("KẾ HOẠCH\nTài chính - ngân sách nhà nước 03 năm 2026 - 2028\n"
            "I. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ KINH TẾ - XÃ HỘI VÀ DỰ TOÁN NGÂN SÁCH NHÀ NƯỚC NĂM 2025\n"
            "1. Đánh giá tình hình phát triển kinh tế - xã hội năm 2025\n"
            "- Tốc độ tăng trưởng kinh tế của tỉnh năm 2025 ước đạt 8% so cùng kỳ.\n"
            "- Hoạt động xuất khẩu hàng hóa tăng khá, ước đạt 2.600 triệu USD.\n"
            "II. DỰ BÁO NHỮNG TÁC ĐỘNG ĐẾN CÂN ĐỐI NGÂN SÁCH VÀ CÁC GIẢI PHÁP TỔ CHỨC THỰC HIỆN\n"
            "1. Dự báo những tác động đến thu, chi ngân sách\n"
            "a) Thu ngân sách\n- Nguồn thu từ đất chưa tương xứng với tiềm năng.\n"
            "2. Các giải pháp thực hiện\n- Triển khai đồng bộ các biện pháp quản lý thuế, chống thất thu.\n"
            "- Rà soát, cắt giảm các khoản chi chưa thật sự cần thiết.\n")
    plan = plan_of(text)
    assert [t.text for t in plan.tasks] == ["Triển khai đồng bộ các biện pháp quản lý thuế, chống thất thu.",
                                           "Rà soát, cắt giảm các khoản chi chưa thật sự cần thiết."]


def test_a_duty_that_forecasts_is_still_a_duty():
    """'Dự báo, cảnh báo ...' opens with the verb, not the report: it stays a task."""
    text = ("KẾ HOẠCH\nPhòng, chống thiên tai năm 2026\nI. NHIỆM VỤ\n"
            "1. Dự báo, cảnh báo sớm mưa lũ, sạt lở đất cho người dân vùng ven sông.\n"
            "2. Tổ chức diễn tập phòng, chống thiên tai cấp xã.\n")
    assert len(plan_of(text).tasks) == 2


def test_a_phase_heading_that_is_its_span_times_its_items():
    text = ("KẾ HOẠCH\nĐổi mới công nghệ giai đoạn 2025 - 2035\nI. LỘ TRÌNH THỰC HIỆN\n"
            "1. Giai đoạn 2025 - 2030\n- Rà soát, bổ sung các chính sách hỗ trợ đổi mới công nghệ.\n"
            "2. Giai đoạn 2031 - 2035\n- Nhân rộng các mô hình sản xuất thông minh.\n")
    plan = plan_of(text)
    spans = [(t.deadline.start, t.deadline.end) for t in plan.tasks]
    assert spans == [("2025-01-01", "2030-12-31"), ("2031-01-01", "2035-12-31")]


def test_the_addressee_line_after_a_title_is_not_part_of_it():
    text = ("ỦY BAN NHÂN DÂN TỈNH CÀ MAU\nKẾ HOẠCH\nTÀI CHÍNH - NGÂN SÁCH NHÀ NƯỚC 03 NĂM 2026 - 2028 TỈNH CÀ MAU\n"
            "Kính gửi: Hội đồng nhân dân tỉnh Cà Mau\nI. NHIỆM VỤ\n1. Rà soát các khoản chi thường xuyên.\n")
    assert plan_of(text).meta.title.lower() == "tài chính - ngân sách nhà nước 03 năm 2026 - 2028 tỉnh cà mau"


HEAD = "ỦY BAN NHÂN DÂN\nTỈNH ĐẮK LẮK\nSố: 1/KH-UBND\nKẾ HOẠCH\nQuan trắc môi trường nuôi trồng thủy sản\n"


def test_a_table_of_places_names_no_work_and_gives_no_task(tmp_path):
    md = tmp_path / "pl.md"
    md.write_text(HEAD.replace("\n", "\n\n") + "**II. NỘI DUNG KẾ HOẠCH**\n\n1. Quan trắc môi trường vùng nuôi.\n\n"
                  "**PHỤ LỤC I**\n\n|\n**TT**\n|\n**Tên điểm quan trắc**\n|\n**Kiểu/loại quan trắc**\n|\n**Ghi chú**\n|\n"
                  "|\n1\n|\nXuân Lộc (xã Xuân Lộc)\n|\nQuan trắc tác động\n|\n|\n"
                  "|\n2\n|\nXuân Cảnh (xã Xuân Cảnh)\n|\nQuan trắc tác động\n|\n|\n", encoding="utf-8")
    from planparse.pipeline import extract_file
    assert [t.text for t in extract_file(md).tasks] == ["Quan trắc môi trường vùng nuôi."]


def test_a_unit_heading_that_describes_its_units_is_one_unit_as_printed():
    text = HEAD + ("IV. TỔ CHỨC THỰC HIỆN\n1. Sở Nông nghiệp và Môi trường\n- Chủ trì triển khai Kế hoạch.\n"
                   "2. Các cơ sở sản xuất giống, NTTS thương phẩm:\n- Giám sát chất lượng nước cấp, nước thải.\n"
                   "3. Các đơn vị, địa phương tham mưu thực hiện các nội dung sau:\n- Tuyên truyền cho người nuôi.\n")
    leads = {t.text: t.lead for t in plan_of(text).tasks}
    assert leads["Giám sát chất lượng nước cấp, nước thải."] == ["Các cơ sở sản xuất giống, NTTS thương phẩm"]
    assert leads["Tuyên truyền cho người nuôi."] == ["Các đơn vị, địa phương"]  # its subject, as before


def test_a_conference_with_its_own_content_line_is_that_duty_not_its_attendees_or_size():
    text = HEAD + ("II. NỘI DUNG KẾ HOẠCH\n3. Hội nghị phổ biến, tuyên truyền\n"
                   "- Nội dung: Phổ biến, hướng dẫn người dân các biện pháp xử lý về môi trường.\n"
                   "- Số lượng: 02 hội nghị/năm × 50 đại biểu/hội nghị.\n"
                   "- Thành phần: Đại diện lãnh đạo Chi cục Thủy sản, một số hộ dân nuôi trồng thủy sản.\n"
                   "- Thời gian: 01 ngày/hội nghị.\n")
    assert [t.text for t in plan_of(text).tasks] == ["Phổ biến, hướng dẫn người dân các biện pháp xử lý về môi trường."]


def test_a_funding_line_among_duties_is_not_a_duty():
    text = HEAD + ("II. NỘI DUNG KẾ HOẠCH\n1. Quan trắc đột xuất\n"
                   "+ Lấy mẫu, phân tích các thông số khi môi trường có diễn biến bất thường.\n"
                   "+ Dự kiến kinh phí thực hiện khoản 10% kinh phí quan trắc thường xuyên.\n"
                   "+ Sở Tài chính bố trí kinh phí quan trắc đột xuất.\n")
    assert [t.text for t in plan_of(text).tasks] == [
        "Lấy mẫu, phân tích các thông số khi môi trường có diễn biến bất thường.",
        "Sở Tài chính bố trí kinh phí quan trắc đột xuất."]


def test_a_heading_naming_one_department_leads_its_duties_in_any_task_section():
    text = HEAD + ("IV. NHIỆM VỤ CỤ THỂ\n1. Sở Công Thương\n- Chủ trì, phối hợp với các sở, ngành tham mưu phát triển "
                   "công nghiệp ven biển.\n2. Doanh nghiệp số\n- Hỗ trợ doanh nghiệp chuyển đổi số.\n")
    leads = [t.lead for t in plan_of(text).tasks]
    assert leads == [["Sở Công Thương"], []]  # "Doanh nghiệp số" names what the duties are about


def test_a_date_of_a_document_cited_in_the_title_is_not_the_plans_year():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\nSố: 556/KH-UBND\nĐồng Tháp, ngày 19 tháng 11 năm 2025\nKẾ HOẠCH\n"
            "THỰC HIỆN NGHỊ QUYẾT SỐ 48/NQ-CP NGÀY 03/4/2023 CỦA CHÍNH PHỦ PHÊ DUYỆT CHIẾN LƯỢC BIỂN\n"
            "I. NHIỆM VỤ\n1. Sở Tài chính báo cáo kết quả trước ngày 15 tháng 12.\n")
    assert plan_of(text).tasks[0].deadline.date == "2025-12-15"


DEPT = "UBND TỈNH LÀO CAI\nSỞ CÔNG THƯƠNG\nSố: /KH-SCT\nKẾ HOẠCH\nKiểm tra kỹ thuật an toàn vật liệu nổ công nghiệp\n"


def test_sittings_of_an_exam_under_a_time_and_audience_heading_are_one_task_each_led_by_the_charged_unit():
    text = DEPT + ("II. NỘI DUNG\n1. Thời gian, đối tượng kiểm tra:\n1.1. Đợt 1: Từ 13h30’ ngày 02/6/2026 (Thứ Ba).\n"
                   "Đối tượng: Theo danh sách đơn vị đăng ký (100 người), cụ thể:\n"
                   "- Chỉ huy nổ mìn: Từ số thứ tự 01 đến số thứ tự 07.\n- Thợ nổ mìn: Từ số thứ tự 01 đến số thứ tự 38.\n"
                   "1.2. Đợt 2: Từ 13h30’ ngày 03/6/2026 (Thứ Tư).\n"
                   "Đối tượng: Theo danh sách đơn vị đăng ký (100 người), cụ thể:\n"
                   "- Chỉ huy nổ mìn: Từ số thứ tự 08 đến số thứ tự 14.\n"
                   "2. Địa điểm: Sở Công Thương tỉnh Lào Cai.\n"
                   "III. TỔ CHỨC THỰC HIỆN\nGiao phòng Quản lý Công nghiệp triển khai, thực hiện các công việc liên quan:\n"
                   "1. Tổ chức kiểm tra kỹ thuật an toàn cho các đối tượng.\n2. Chuẩn bị các điều kiện cần thiết khác.\n")
    tasks = plan_of(text).tasks
    sittings = [t for t in tasks if t.text.startswith("Theo danh sách")]
    assert [(t.deadline.kind, t.deadline.date) for t in sittings] == [("on", "2026-06-02"), ("on", "2026-06-03")]
    assert "Thợ nổ mìn: Từ số thứ tự 01 đến số thứ tự 38." in sittings[0].text
    assert all(t.lead == ["phòng Quản lý Công nghiệp"] for t in tasks)
    assert len(tasks) == 4


def test_an_item_handing_the_inspection_to_a_unit_in_a_part_named_otherwise_is_a_task():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: /KH-UBND\nKẾ HOẠCH\nKiểm tra công tác cải cách hành chính năm 2026\n"
            "Thực hiện Kế hoạch số 9669/KH-UBND ngày 24/12/2025 của UBND tỉnh về việc ban hành Kế hoạch cải cách hành "
            "chính năm 2026 của tỉnh Lâm Đồng; UBND tỉnh ban hành Kế hoạch kiểm tra như sau:\n"
            "IV. ĐOÀN KIỂM TRA, ĐƠN VỊ ĐƯỢC KIỂM TRA, THỜI GIAN KIỂM TRA\n"
            "1. Chủ tịch UBND tỉnh giao Sở Nội vụ chủ trì phối hợp với các ngành có liên quan tổ chức kiểm tra.\n"
            "2. Số lượng đơn vị kiểm tra: Tối thiểu 20% cơ quan chuyên môn thuộc UBND tỉnh.\n"
            "3. Thời gian kiểm tra tại các cơ quan, địa phương: Theo Phụ lục I kèm theo Kế hoạch này.\n"
            "V. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ\na) Trước khi tiến hành kiểm tra: Sở Nội vụ có văn bản đề nghị các "
            "cơ quan được kiểm tra gửi báo cáo.\n")
    plan = plan_of(text)
    first, second = plan.tasks
    assert first.lead == ["Sở Nội vụ"] and first.deadline.kind == "event"
    assert second.deadline.kind == "event" and second.deadline.text == "Trước khi tiến hành kiểm tra"
    assert [(c.number, c.issuer) for c in plan.implements] == [("9669/KH-UBND", "UBND tỉnh Lâm Đồng")]
    assert not plan.kpis


EMULATION = ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: /KH-UBND\nKẾ HOẠCH\nPhát động Phong trào thi đua cải cách hành chính "
             "năm 2026\n")


def test_reward_criteria_are_not_duties_but_a_unit_told_to_act_there_is():
    text = EMULATION + (
        "V. TIÊU CHUẨN, HÌNH THỨC, HỒ SƠ KHEN THƯỞNG\n1. Tiêu chuẩn Bằng khen của Chủ tịch UBND tỉnh\n"
        "a) Đối với tập thể\n- Đối với các cơ quan chuyên môn thuộc UBND tỉnh: Có kết quả đánh giá chỉ số CCHC đạt loại "
        "Tốt và nằm trong nhóm 03 cơ quan dẫn đầu.\n"
        "2. Giấy khen của Thủ trưởng các sở, ban, ngành\nCăn cứ Kế hoạch này, các cơ quan, đơn vị, địa phương chủ động "
        "ban hành tiêu chuẩn để khen thưởng theo thẩm quyền.\n"
        "3. Thủ tục, hồ sơ đề nghị khen thưởng\n3.1. Thời gian gửi hồ sơ khen thưởng:\nCác cơ quan, đơn vị, địa phương "
        "lập hồ sơ đề nghị gửi về Sở Nội vụ trước ngày 15/02/2027.\n")
    tasks = plan_of(text).tasks
    assert [t.lead for t in tasks] == [["các cơ quan, đơn vị, địa phương"], ["Các cơ quan, đơn vị, địa phương"]]
    assert tasks[1].deadline.date == "2027-02-15"
    assert not plan_of(text).kpis


def test_items_under_a_tien_do_heading_keep_their_own_times_over_the_movements_period():
    text = EMULATION + (
        "IV. THỜI GIAN THI ĐUA VÀ TIẾN ĐỘ THỰC HIỆN\n1. Thời gian thi đua: Phong trào thi đua trong năm 2026 và tính "
        "đến hết ngày 31/12/2026.\n2. Tiến độ thực hiện\na) Các cơ quan, đơn vị, địa phương xây dựng Kế hoạch trong "
        "Quý I/2026 để tổ chức thực hiện.\nb) Quý I/2027, các cơ quan, đơn vị, địa phương đánh giá kết quả thực hiện "
        "phong trào thi đua.\n")
    assert [t.deadline.date for t in plan_of(text).tasks] == ["2026-03-31", "2027-03-31"]


def test_a_member_named_with_his_title_and_role_leads_his_duties():
    text = DEPT + ("4. Phân công nhiệm vụ\n4.1. Ông. Hoàng Văn Thuân - Trưởng đoàn: Phụ trách chung; chỉ đạo toàn diện "
                   "hoạt động của Đoàn.\n4.2. Ông. Đỗ Mạnh Cường - Phó Trưởng đoàn: Chủ trì kiểm tra hồ sơ pháp lý.\n")
    assert [t.lead for t in plan_of(text).tasks] == [["Ông. Hoàng Văn Thuân - Trưởng đoàn"],
                                                    ["Ông. Đỗ Mạnh Cường - Phó Trưởng đoàn"]]


def test_a_central_bodys_plan_has_no_level_of_the_three():
    text = ("BỘ CÔNG AN\nTỔ CÔNG TÁC LIÊN NGÀNH TW\nSố: 996/KH-TCTLNTW-C04\nKẾ HOẠCH\nPhối hợp kiểm soát năm 2026\n"
            "I. NHIỆM VỤ\n1. Các đơn vị, địa phương báo cáo kết quả.\n")
    meta = plan_of(text).meta
    assert meta.issuer and meta.issuer_level is None  # data contract: province / district / commune


def test_a_part_named_by_what_it_develops_whose_items_are_work_is_a_task_section():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố: 144/KH-UBND\nKẾ HOẠCH\nPhát triển kinh tế số và xã hội số\n"
            "III. PHÁT TRIỂN NỀN MÓNG KINH TẾ SỐ VÀ XÃ HỘI SỐ\n1. Thể chế\nNền tảng dẫn dắt, kiến tạo không gian. Trọng tâm:\n"
            "a) Hoàn thiện chính sách, pháp luật, chuyển đổi các hoạt động lên môi trường số.\n"
            "b) Triển khai cơ chế thử nghiệm có kiểm soát đối với mô hình, công nghệ mới.\n"
            "c) Thí điểm mô hình quản trị số trong các khu công nghiệp.\n"
            "IV. PHƯƠNG PHÁP KIỂM TRA\n1. Kiểm tra trực tiếp tại đơn vị.\n2. Thông qua kết luận kiểm tra.\n"
            "3. Trao đổi, thảo luận những vấn đề qua kiểm tra.\n")
    assert [t.ref for t in plan_of(text).tasks] == ["III.1.a", "III.1.b", "III.1.c"]  # a method is no work section


def test_a_unit_told_to_lead_another_parts_duties_by_number_leads_them():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố: 144/KH-UBND\nKẾ HOẠCH\nPhát triển kinh tế số và xã hội số\n"
            "IV. NHIỆM VỤ PHÁT TRIỂN KINH TẾ SỐ NGÀNH, LĨNH VỰC\n1. Nông nghiệp số\n"
            "a) Triển khai nền tảng số quản trị trang trại, hợp tác xã.\nb) Xây dựng nền tảng dữ liệu số nông nghiệp tỉnh.\n"
            "2. Y tế số\na) Triển khai bệnh án điện tử tại các cơ sở khám, chữa bệnh.\n"
            "VI. TỔ CHỨC THỰC HIỆN\n1. Sở Nông nghiệp và Môi trường\nChủ trì triển khai các nhiệm vụ tại mục (IV) (1) của "
            "Kế hoạch.\n2. Sở Y tế\nChủ trì triển khai các nhiệm vụ tại mục (IV) (2) của Kế hoạch.\n")
    leads = {t.ref: t.lead for t in plan_of(text).tasks}
    assert leads["IV.1.a"] == leads["IV.1.b"] == ["Sở Nông nghiệp và Môi trường"]
    assert leads["IV.2.a"] == ["Sở Y tế"]


def test_an_appendix_part_whose_group_rows_stand_above_a_header_without_its_tt_cell_gives_its_rows(tmp_path):
    def row(*cells):
        return "|\n" + "\n|\n".join(cells) + "\n|\n"
    md = tmp_path / "pl.md"
    md.write_text("**KẾ HOẠCH**\n\nPhát triển kinh tế số\n\n**PHỤ LỤC**\n\n"
                  + row("B", "PHÁT TRIỂN KINH TẾ SỐ VÀ XÃ HỘI SỐ CÁC NGÀNH") + row("I", "Nông nghiệp số")
                  + row("Nội dung", "Đơn vị thực hiện", "Đơn vị phối hợp", "Thời gian thực hiện", "Sản phẩm đầu ra")
                  + row("1.1", "Triển khai Nền tảng dữ liệu số nông nghiệp", "Sở Nông nghiệp và Môi trường",
                        "Các sở, ban, ngành", "2026 - 2030", "Nền tảng")
                  + row("1.2", "Tổ chức phổ cập kỹ năng số cho nông dân", "Sở Nông nghiệp và Môi trường",
                        "UBND các xã, phường", "2026", "Kế hoạch"), encoding="utf-8")
    from planparse.pipeline import extract_file
    tasks = extract_file(md).tasks
    assert [(t.text, t.lead, t.support, t.product) for t in tasks] == [
        ("Triển khai Nền tảng dữ liệu số nông nghiệp", ["Sở Nông nghiệp và Môi trường"], ["Các sở, ban, ngành"], "Nền tảng"),
        ("Tổ chức phổ cập kỹ năng số cho nông dân", ["Sở Nông nghiệp và Môi trường"], ["UBND các xã, phường"], "Kế hoạch")]
    assert tasks[1].deadline.date == "2026-12-31"


def test_a_lead_cell_pointing_to_another_documents_assignment_names_no_unit(tmp_path):
    """'Theo phân công tại Quyết định số ...' in the lead cell: the units are named in that decision; the row
    does not take the units of the row above, as a row whose cells were left blank (merged) does."""
    def row(*cells):
        return "|\n" + "\n|\n".join(cells) + "\n|\n"
    md = tmp_path / "pl.md"
    md.write_text("**KẾ HOẠCH**\n\nCải cách hành chính năm 2026\n\n**PHỤ LỤC**\n\n"
                  + row("STT", "Nhiệm vụ", "Chủ trì", "Thời gian")
                  + row("1", "Rà soát, công bố thủ tục hành chính", "Các sở, ban, ngành", "Năm 2026")
                  + row("2", "Tiếp tục triển khai Quyết định số 1441/QĐ-UBND ngày 25/9/2025",
                        "Theo phân công tại Quyết định số 1441/QĐ-UBND", "Năm 2026"), encoding="utf-8")
    from planparse.pipeline import extract_file
    tasks = extract_file(md).tasks
    assert [t.lead for t in tasks] == [["Các sở, ban, ngành"], []]


def test_a_target_row_with_no_time_of_its_own_is_due_when_the_plans_period_ends(tmp_path):
    def row(*cells):
        return "|\n" + "\n|\n".join(cells) + "\n|\n"
    md = tmp_path / "pl.md"
    md.write_text("**KẾ HOẠCH**\n\nPhát triển kinh tế số tỉnh đến năm 2030\n\n**PHỤ LỤC**\n\n"
                  + row("TT", "Chỉ tiêu", "Chủ trì")
                  + row("1", "Tỷ lệ doanh nghiệp nhỏ và vừa ứng dụng công nghệ số đạt 60%", "Sở Khoa học và Công nghệ")
                  + row("2", "Đến năm 2028, tỷ lệ hộ gia đình có cáp quang đạt 90%", "Sở Khoa học và Công nghệ"),
                  encoding="utf-8")
    from planparse.pipeline import extract_file
    kpis = extract_file(md).kpis
    assert [(k.deadline.kind, k.deadline.date) for k in kpis] == [("by", "2030-12-31"), ("by", "2028-12-31")]


def test_a_duty_listing_the_projects_it_covers_is_one_task_under_its_unit():
    plan = plan_of("KẾ HOẠCH\nThực hiện Chương trình phòng, chống ma túy năm 2026\nIV. TỔ CHỨC THỰC HIỆN\n1. Công an tỉnh\n"
                   "a) Tham mưu Ủy ban nhân dân tỉnh ban hành kế hoạch thực hiện Chương trình.\n"
                   "b) Chủ trì thực hiện các nhiệm vụ được giao tại các dự án của Chương trình, bao gồm:\n"
                   "- Dự án 1: Phòng ngừa, đấu tranh tội phạm về ma túy.\n"
                   "- Dự án 2: Ứng dụng khoa học và công nghệ trong phòng, chống ma túy.\n"
                   "- Dự án 4: Nâng cao hiệu quả công tác phòng, chống ma túy ở cơ sở.\n"
                   "2. Sở Y tế\nChủ trì hướng dẫn điều trị nghiện bằng thuốc thay thế.\n")
    assert [(t.ref, t.lead) for t in plan.tasks] == [("IV.1.a", ["Công an tỉnh"]), ("IV.1.b", ["Công an tỉnh"]),
                                                    ("IV.2", ["Sở Y tế"])]
    assert "Dự án 4: Nâng cao hiệu quả" in plan.tasks[1].text


def test_a_group_row_and_the_header_printed_again_under_it_are_not_merged_into_the_row_above(tmp_path):
    def row(*cells):
        return "|\n" + "\n|\n".join(cells) + "\n|\n"
    header = ("Nội dung", "Đơn vị thực hiện", "Đơn vị phối hợp", "Thời gian thực hiện", "Sản phẩm đầu ra")
    md = tmp_path / "pl.md"
    md.write_text("**KẾ HOẠCH**\n\nPhát triển kinh tế số\n\n**PHỤ LỤC**\n\n" + row("I", "Nông nghiệp số") + row(*header)
                  + row("1.1", "Xây dựng nền tảng giao dịch nông sản", "Sở Nông nghiệp và Môi trường", "Các sở, ban, ngành",
                        "2026 - 2030", "Nền tảng ứng dụng")
                  + row("II", "Y tế số") + row(*header)
                  + row("2.1", "Triển khai hồ sơ bệnh án điện tử", "Sở Y tế", "Các bệnh viện", "2026", "Hồ sơ"),
                  encoding="utf-8")
    from planparse.pipeline import extract_file
    tasks = extract_file(md).tasks
    assert [(t.text, t.lead, t.product) for t in tasks] == [
        ("Xây dựng nền tảng giao dịch nông sản", ["Sở Nông nghiệp và Môi trường"], "Nền tảng ứng dụng"),
        ("Triển khai hồ sơ bệnh án điện tử", ["Sở Y tế"], "Hồ sơ")]


def test_numeric_goals_under_muc_dich_are_targets_but_not_a_scope_or_its_subjects():
    plan = plan_of("KẾ HOẠCH\nXây dựng xã, phường không ma túy năm 2026\nI. MỤC ĐÍCH, YÊU CẦU\n"
                   "1. Bảo đảm đạt ít nhất 40% địa bàn cấp xã không ma túy trong năm 2026.\n"
                   "2. Huy động cả hệ thống chính trị vào cuộc.\n"
                   "II. PHẠM VI, ĐỐI TƯỢNG\n1. Phạm vi: các xã bị ảnh hưởng, hỗ trợ hơn 20.000 hộ bị ảnh hưởng trực tiếp.\n"
                   "III. TỔ CHỨC THỰC HIỆN\n1. Công an tỉnh chủ trì tổng hợp kết quả.\n")
    assert [(k.indicator, k.target.value, k.deadline.date) for k in plan.kpis] == [
        ("địa bàn cấp xã không ma túy trong năm 2026", 40, "2026-12-31")]


def test_a_part_whose_items_label_their_units_is_a_task_section():
    plan = plan_of("KẾ HOẠCH\nPhòng, chống ma túy đến năm 2030\nIV. KIẾN NGHỊ\n"
                   "1. Bộ tư lệnh Vùng Cảnh sát biển 3: Phối hợp với lực lượng chức năng đẩy mạnh tuyên truyền.\n"
                   "2. Ngân hàng Nhà nước khu vực X: Chỉ đạo các ngân hàng triển khai chính sách cho vay.\n"
                   "3. Chi cục Hải quan khu vực XIII: Chỉ đạo lực lượng Hải quan kiểm soát hàng hóa.\n")
    assert [t.lead for t in plan.tasks] == [["Bộ tư lệnh Vùng Cảnh sát biển 3"], ["Ngân hàng Nhà nước khu vực X"],
                                           ["Chi cục Hải quan khu vực XIII"]]
    assert plan.tasks[1].text.startswith("Chỉ đạo các ngân hàng")


def test_a_label_naming_the_force_its_unit_directs_is_led_by_that_unit():
    plan = plan_of("KẾ HOẠCH\nPhòng, chống ma túy năm 2026\nIII. NHIỆM VỤ, GIẢI PHÁP\n"
                   "3.3. Bộ Chỉ huy quân sự tỉnh chỉ đạo lực lượng Bộ đội Biên phòng: Phối hợp với cấp ủy, chính quyền"
                   " địa phương khu vực biên giới đẩy mạnh tuyên truyền.\n")
    assert plan.tasks[0].lead == ["Bộ Chỉ huy quân sự tỉnh"] and plan.tasks[0].text.startswith("Phối hợp với")


def test_a_colon_inside_a_sentence_opened_by_its_unit_is_no_label():
    plan = plan_of("KẾ HOẠCH\nPhòng, chống ma túy năm 2026\nIII. NHIỆM VỤ, GIẢI PHÁP\n"
                   "- Công an tỉnh tham mưu triển khai thực hiện các nội dung tại Dự án 1: Phòng ngừa, đấu tranh tội"
                   " phạm về ma túy; Dự án 2: Ứng dụng khoa học và công nghệ.\n")
    assert plan.tasks[0].lead == ["Công an tỉnh"]
    assert plan.tasks[0].text.startswith("Công an tỉnh tham mưu triển khai")


def test_an_intro_names_its_subject_in_any_clause_before_the_colon():
    plan = plan_of("KẾ HOẠCH\nTổng kết Chương trình phòng, chống ma túy\nII. NỘI DUNG TỔNG KẾT\n"
                   "Căn cứ nội dung Chiến lược, Chương trình; các sở, ban, ngành, đoàn thể và Ủy ban nhân dân cấp xã"
                   " tiến hành tổng kết, đánh giá toàn diện kết quả thực hiện các Chương trình; Chương trình phòng,"
                   " chống ma túy giai đoạn 2021 - 2025. Trong đó tập trung các nội dung sau:\n"
                   "1. Đánh giá khái quát tình hình tội phạm, tệ nạn ma túy.\n"
                   "2. Công tác kiểm tra, giám sát, hướng dẫn thực hiện Chương trình.\n")
    assert [t.lead for t in plan.tasks] == [["các sở, ban, ngành, đoàn thể", "Ủy ban nhân dân cấp xã"]] * 2


def test_an_intro_names_its_subject_after_a_colon_inside_it():
    # OCR reads the semicolon before the subject as a colon: the clause after it still names who carries the items out
    plan = plan_of("KẾ HOẠCH\nĐợt thi đua năm 2025\nII. NỘI DUNG ĐỢT THI ĐUA\n"
                   "Để toàn dân đồng lòng, thi đua hành động, hướng tới Đại hội thành công: các sở, ban, ngành, các xã,"
                   " phường triển khai Đợt thi đua, tập trung thi đua thực hiện các nội dung chủ yếu sau:\n"
                   "1. Thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2025.\n"
                   "2. Thi đua thực hiện tốt công tác chuẩn bị Đại hội.\n")
    assert [t.lead for t in plan.tasks] == [["các sở, ban, ngành", "các xã, phường"]] * 2


def test_the_partners_a_lead_line_names_are_support():
    plan = plan_of("KẾ HOẠCH\nChuyển đổi số năm 2026\nII. NHIỆM VỤ\n"
                   "1. Tổ chức phổ biến khóa học cho cán bộ, công chức tại địa phương.\n"
                   "- Đơn vị thực hiện: Sở Khoa học và Công nghệ chủ trì, phối hợp với Văn phòng UBND tỉnh.\n"
                   "- Thời gian hoàn thành: Thực hiện thường xuyên.\n")
    assert plan.tasks[0].lead == ["Sở Khoa học và Công nghệ"] and plan.tasks[0].support == ["Văn phòng UBND tỉnh"]


def test_a_duty_listing_what_it_covers_is_one_task_but_units_and_places_listed_are_duties():
    plan = plan_of("KẾ HOẠCH\nTổng kết Chương trình phòng, chống ma túy\nII. NỘI DUNG TỔNG KẾT\n"
                   "4. Đánh giá kết quả thực hiện các nhiệm vụ trọng tâm và giải pháp chủ yếu đã đề ra trên các lĩnh vực:\n"
                   "- Nhóm giải pháp chính trị, xã hội.\n- Nhóm các giải pháp về pháp luật, chế độ chính sách.\n"
                   "- Nhóm giải pháp về nâng cao năng lực quản lý.\n"
                   "- Nhóm giải pháp tăng cường hợp tác quốc tế phòng, chống và kiểm soát ma túy.\n"
                   "5. Tổ chức lấy mẫu quan trắc môi trường tại các vùng nuôi như sau:\n"
                   "- Xã Tân Tiến: Lấy mẫu 01 vị trí vùng nuôi tôm Nga Tân;\n- Xã Nga Sơn: Lấy mẫu 01 vị trí tại vùng nuôi tôm;\n"
                   "- Phường Ngọc Sơn: Lấy mẫu 01 vị trí tại vùng nuôi tôm Thanh Thủy.\n")
    texts = [t.text for t in plan.tasks]
    assert texts[0].startswith("Đánh giá kết quả") and "Nhóm giải pháp về nâng cao năng lực quản lý" in texts[0]
    assert len(texts) == 4 and texts[1].startswith("Xã Tân Tiến: Lấy mẫu")


def test_a_schedule_entry_is_who_and_what_is_inspected_with_its_span_and_its_merged_sub_rows():
    from planparse.extraction.tables import table_to_items
    from planparse.models import Block, Cell

    def row(i, *cells):
        cs = [Cell(text=t, merged_above=m) for t, m in cells]
        return Block(id=f"r{i}", kind="row", text=" | ".join(c.text for c in cs), cells=cs, table=0)
    rows = [row(0, ("TT", False), ("Tên đơn vị được kiểm tra", False), ("Đối tượng kiểm tra", False),
                ("Thời gian công bố Quyết định kiểm tra", False), ("Thời hạn kiểm tra", False)),
            row(1, ("1", False), ("Công ty cổ phần xây dựng giao thông Yên Bái", False), ("Gói thầu số 13", False),
                ("23/3/2026", False), ("02 ngày", False)),
            row(2, ("", True), ("Công ty cổ phần xây dựng giao thông Yên Bái", True), ("Gói thầu số 14", False),
                ("23/3/2026", True), ("02 ngày", True)),
            row(3, ("2", False), ("Công ty TNHH Hiệp Phú", False), ("Gói thầu số 15", False), ("27/3/2026", False),
                ("02 ngày", False))]
    tasks, _ = table_to_items(rows, 2026)
    assert [t.text for t in tasks] == ["Công ty cổ phần xây dựng giao thông Yên Bái - Gói thầu số 13 - Gói thầu số 14",
                                       "Công ty TNHH Hiệp Phú - Gói thầu số 15"]
    assert (tasks[0].deadline.kind, tasks[0].deadline.start, tasks[0].deadline.end) == ("period", "2026-03-23", "2026-03-24")
    assert all(t.section == "schedule" for t in tasks)


def test_what_and_how_an_inspection_checks_are_not_entries_of_its_schedule():
    plan = plan_of("KẾ HOẠCH\nKiểm tra việc sử dụng vật liệu nổ công nghiệp\n3. Đối tượng, nội dung kiểm tra:\n"
                   "3.2. Nội dung kiểm tra\na) Kiểm tra hồ sơ, tài liệu: Giấy phép sử dụng vật liệu nổ công nghiệp.\n"
                   "b) Kiểm tra thực địa: Hiện trạng, biển báo tại khu vực sử dụng.\n3.5. Phương thức kiểm tra\n"
                   "a. Thu thập tài liệu, báo cáo của đơn vị cung cấp;\n"
                   "b. Kiểm tra, đối chiếu hồ sơ, tài liệu pháp lý do đơn vị cung cấp.\n"
                   "4. Phân công nhiệm vụ\n4.1. Ông Hoàng Văn Thuân - Trưởng đoàn: Phụ trách chung; chủ trì các buổi làm việc.\n")
    assert [t.text for t in plan.tasks] == ["Phụ trách chung; chủ trì các buổi làm việc."]


def test_a_plan_issued_by_an_inspection_team_has_the_team_lead_its_schedule():
    from planparse.extraction.tasks import inspecting_team as _inspecting_team
    assert _inspecting_team("Đoàn kiểm tra Sở Công Thương tỉnh Lào Cai", ["Ông. Hoàng Văn Thuân - Trưởng đoàn"],
                            "province") == ["Đoàn kiểm tra"]
    assert _inspecting_team("Sở Công Thương tỉnh Lào Cai", ["Ông. Hoàng Văn Thuân - Trưởng đoàn"], "province") is None
    assert _inspecting_team("Đoàn kiểm tra Sở Công Thương tỉnh Lào Cai", ["Phòng Kỹ thuật an toàn"], "province") is None


def _paragraphs(*texts: str) -> list[str]:
    from planparse.readers.lines import Line, join_lines
    lines = [Line(text=t, start=0, end=len(t), lineno=i + 1, page=1) for i, t in enumerate(texts)]
    return [" ".join(ln.text for ln in para) for para in join_lines(lines)]


def test_a_field_key_line_after_a_full_line_that_ended_its_sentence_starts_a_paragraph():
    paras = _paragraphs(
        "8. Tổ chức hội nghị, hội thảo trong công tác xây dựng pháp luật của các cơ quan, đơn vị",
        "- Tổ chức hội nghị, hội thảo trao đổi nghiệp vụ, kinh nghiệm trong công tác xây dựng pháp luật.",
        "Đơn vị chủ trì: Sở Tư pháp.",
        "- Thời gian thực hiện: Hằng năm.",
        "Tham mưu, đề xuất tổ chức Đoàn của tỉnh hoặc tham gia các Đoàn của Bộ Tư pháp nghiên cứu,",
        "Đơn vị chủ trì tổ chức các lớp học nằm trong dòng tiếp theo của câu đang viết dở.")
    assert paras[2] == "Đơn vị chủ trì: Sở Tư pháp."
    assert paras[3] == "- Thời gian thực hiện: Hằng năm."
    closing = _paragraphs("3. Các sở, ban, ngành căn cứ chức năng, nhiệm vụ, quyền hạn được giao tổ chức triển khai thực hiện.",
                          "Trên đây là Kế hoạch thực hiện Chỉ thị số 27/CT-TTg ngày 15 tháng 8 năm 2024 của Thủ tướng Chính",
                          "phủ về việc tăng cường thực hiện công tác dân số trong tình hình mới.")
    assert len(closing) == 2 and closing[1].startswith("Trên đây là Kế hoạch")
    assert paras[4].endswith("nghiên cứu, Đơn vị chủ trì tổ chức các lớp học nằm trong dòng tiếp theo của câu đang viết dở.")


def test_a_hyphenated_phrase_broken_before_its_hyphen_is_not_a_bullet():
    paras = _paragraphs(
        "c) Phối hợp với các sở, ban, ngành, Ủy ban Mặt trận Tổ quốc Việt Nam thành phố và các tổ chức chính trị",
        "- xã hội, các cơ quan báo chí triển khai các hoạt động phòng ngừa xã hội;",
        "- các cơ quan báo chí mở chuyên mục tuyên truyền;",
        "- Tổ chức tuyên truyền trên hệ thống loa truyền thanh cơ sở.")
    assert paras[0].endswith("các tổ chức chính trị - xã hội, các cơ quan báo chí triển khai các hoạt động phòng ngừa xã hội;")
    assert paras[1:] == ["- các cơ quan báo chí mở chuyên mục tuyên truyền;",
                         "- Tổ chức tuyên truyền trên hệ thống loa truyền thanh cơ sở."]


def test_a_row_a_finer_grid_split_keeps_its_cells_under_the_header():
    # a page whose rulings add columns (another table's borders): the covered cells go, the row fits its header
    from planparse.extraction.tables import table_to_items
    from planparse.models import Block, Cell

    def row(i, *cells):
        cs = [Cell(text=t, span=s) for t, s in cells]
        return Block(id=f"r{i}", kind="row", text=" | ".join(c.text for c in cs), cells=cs, table=0)
    head = row(0, ("STT", 1), ("Nội dung", 1), ("Đơn vị thực hiện", 1), ("Đơn vị phối hợp", 1), ("Thời gian thực hiện", 1))
    one = row(1, ("8.1", 1), ("Triển khai Chiến lược phát triển công nghiệp công nghệ số", 1), ("Sở Khoa học và Công nghệ", 1),
              ("Sở Tài chính", 1), ("2026 - 2030", 1))
    wide = row(2, ("9.1", 1), ("", 0), ("Triển khai Đề án phát triển thanh toán không dùng tiền mặt", 1), ("", 0),
               ("Sở Tài chính", 1), ("", 0), ("Các sở, ban, ngành", 1), ("", 0), ("", 0), ("2026 - 2030", 1))
    tasks, _ = table_to_items([head, one, wide], 2026)
    assert [(t.ref, t.lead, t.support) for t in tasks] == [
        ("PL.8.1", ["Sở Khoa học và Công nghệ"], ["Sở Tài chính"]),
        ("PL.9.1", ["Sở Tài chính"], ["Các sở, ban, ngành"])]
    assert tasks[1].deadline.end == "2030-12-31"


def test_a_heading_line_shorter_than_the_text_column_ends_before_a_capital():
    # a unit heading printed without a stop over its duties; a full line running on into the next stays one paragraph
    paras = _paragraphs(
        "6. Sở Khoa học và Công nghệ chủ trì, phối hợp với các cơ quan, đơn vị liên quan tổ chức thực hiện",
        "7. Các sở, ban, ngành tỉnh, Ủy ban nhân dân các xã, phường",
        "Trên cơ sở Kế hoạch này, các sở, ban, ngành tỉnh tổ chức thực hiện nhiệm vụ được giao gắn với",
        "nhiệm vụ của cơ quan, đơn vị; Ủy ban nhân dân các xã, phường căn cứ nhiệm vụ được giao xây dựng",
        "kế hoạch, chương trình công tác của địa phương và báo cáo kết quả thực hiện về Sở Khoa học và",
        "Công nghệ trước ngày 15 tháng 12 hằng năm để tổng hợp, báo cáo Ủy ban nhân dân tỉnh.")
    assert paras[1] == "7. Các sở, ban, ngành tỉnh, Ủy ban nhân dân các xã, phường"
    assert paras[2].startswith("Trên cơ sở Kế hoạch này") and paras[2].endswith("báo cáo Ủy ban nhân dân tỉnh.")


def test_a_units_duty_sentence_over_bullets_is_a_task_and_leads_them():
    plan = plan_of("KẾ HOẠCH\nTổ chức Đợt thi đua\nIV. TỔ CHỨC THỰC HIỆN\n"
                   "1. Các cơ quan, đơn vị, địa phương căn cứ chức năng, nhiệm vụ được giao xây dựng kế hoạch triển khai "
                   "thực hiện đợt thi đua gắn với tình hình thực tế của cơ quan, đơn vị.\n"
                   "- Giới thiệu điển hình tiên tiến trong Đợt thi đua trên các phương tiện thông tin đại chúng.\n"
                   "- Báo cáo Ủy ban nhân dân tỉnh về kết quả Đợt thi đua khi tổng kết Đợt thi đua.\n"
                   "2. Sở Nội vụ\n- Hướng dẫn khen thưởng tổng kết Đợt thi đua.\n")
    tasks = [(t.text[:30], t.lead) for t in plan.tasks]
    assert tasks == [("Các cơ quan, đơn vị, địa phươn", ["Các cơ quan, đơn vị, địa phương"]),
                     ("Giới thiệu điển hình tiên tiến", ["Các cơ quan, đơn vị, địa phương"]),
                     ("Báo cáo Ủy ban nhân dân tỉnh v", ["Các cơ quan, đơn vị, địa phương"]),
                     ("Hướng dẫn khen thưởng tổng kết", ["Sở Nội vụ"])]


def test_a_task_section_timed_within_a_year_gives_its_items_that_time():
    plan = plan_of("KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2026\n"
                   "III. MỘT SỐ HOẠT ĐỘNG TUYÊN TRUYỀN TRỌNG TÂM TRONG NĂM 2026\n"
                   "1. Tổ chức Cuộc thi tìm hiểu về cải cách hành chính\n"
                   "Sở Nội vụ chủ trì, phối hợp với các cơ quan, đơn vị liên quan tổ chức Cuộc thi trên địa bàn tỉnh.\n"
                   "2. Tổ chức tập huấn nghiệp vụ\nSở Nội vụ tổ chức các lớp tập huấn, hoàn thành trước ngày 30/6/2026.\n"
                   "IV. NHIỆM VỤ GIAI ĐOẠN 2026 - 2030\n1. Sở Tư pháp rà soát các văn bản quy phạm pháp luật.\n")
    deadlines = [(t.deadline.kind, t.deadline.date) if t.deadline else None for t in plan.tasks]
    assert deadlines == [("by", "2026-12-31"), ("by", "2026-06-30"), None]


def test_a_body_encouraged_to_act_in_to_chuc_thuc_hien_leads_and_a_measure_elsewhere_has_no_lead():
    plan = plan_of("KẾ HOẠCH\nPhát triển kinh tế số\nIII. NHIỆM VỤ, GIẢI PHÁP\n"
                   "1. Khuyến khích các doanh nghiệp thực hiện trách nhiệm xã hội, xây dựng công trình phúc lợi.\n"
                   "IV. TỔ CHỨC THỰC HIỆN\n"
                   "1. Khuyến khích Liên đoàn Lao động tỉnh, Hội Nông dân tỉnh chỉ đạo hệ thống tổ chức tham gia phát triển "
                   "và ứng dụng công nghệ số.\n")
    assert [t.lead for t in plan.tasks] == [[], ["Liên đoàn Lao động tỉnh", "Hội Nông dân tỉnh"]]


def test_a_level_heading_names_who_does_the_duties_under_it():
    plan = plan_of("KẾ HOẠCH\nGiám sát thực hiện Chương trình năm 2026\nIII. NỘI DUNG THỰC HIỆN\n2. Các bước giám sát\n"
                   "- Cấp thành phố\n+ Thông báo cho địa phương về kế hoạch giám sát.\n"
                   "+ Thu thập các thông tin về chỉ đạo, tổ chức, thực hiện Chương trình.\n"
                   "- Cấp xã\n+ Chọn ngẫu nhiên ấp, khu vực để tiến hành giám sát.\n"
                   "3. Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã tổ chức diễn tập phòng thủ dân sự các cấp.\n")
    assert [t.lead for t in plan.tasks] == [["Cấp thành phố"], ["Cấp thành phố"], ["Cấp xã"],
                                            ["Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã"]]


@pytest.mark.parametrize("heading,role", [
    ("IV. TỔ CHỨC THỰC HIỆN", "organisation"), ("IV. TỔ CHỨC TRIỂN KHAI THỰC HIỆN", "organisation"),
    ("III. TRIỂN KHAI THỰC HIỆN", "organisation"), ("V. TRÁCH NHIỆM CỦA CÁC CƠ QUAN, ĐƠN VỊ", "organisation"),
    ("II. NHIỆM VỤ TRỌNG TÂM", "tasks"), ("II. CÁC BIỆN PHÁP THỰC HIỆN", "tasks"), ("III. CÔNG TÁC CHUẨN BỊ", "tasks"),
    ("II. KẾ HOẠCH TRIỂN KHAI", "tasks"), ("II. CHƯƠNG TRÌNH CÔNG TÁC", "tasks"),
    ("I. MỤC ĐÍCH, YÊU CẦU", "purpose"), ("II. MỤC TIÊU", "goals"), ("V. KINH PHÍ THỰC HIỆN", "budget"),
])
def test_a_part_is_read_by_what_its_heading_says_it_holds(heading, role):
    from planparse.structure import Node, section_role
    assert section_role(Node(label=heading.split(".")[0], text=heading.split(". ", 1)[1], block=None, children=[], ref="II")) == role


def test_the_duties_of_a_part_headed_to_chuc_trien_khai_thuc_hien_are_tasks_of_their_units():
    plan = plan_of("KẾ HOẠCH\nTriển khai công tác năm 2026\nIII. TỔ CHỨC TRIỂN KHAI THỰC HIỆN\n"
                   "1. Công chức Văn hóa - Xã hội chủ trì tham mưu thực hiện Kế hoạch.\n"
                   "2. Các ban, ngành, đoàn thể xã căn cứ nhiệm vụ được giao phối hợp thực hiện.\n")
    assert [t.lead for t in plan.tasks] == [["Công chức Văn hóa - Xã hội"], ["Các ban, ngành, đoàn thể xã"]]


@pytest.mark.parametrize("body", [
    "1. Tổ chức tuyên truyền về chuyển đổi số trên địa bàn. Cơ quan chủ trì: Phòng Văn hóa và Thông tin; cơ quan phối "
    "hợp: Đoàn Thanh niên huyện; thời gian hoàn thành: Quý II/2026.\n",
    "1. Tổ chức tuyên truyền về chuyển đổi số trên địa bàn (Chủ trì: Phòng Văn hóa và Thông tin; phối hợp: Đoàn Thanh "
    "niên huyện; thời gian: Quý II/2026).\n",
    "1. Tổ chức tuyên truyền về chuyển đổi số trên địa bàn.\nĐơn vị chủ trì: Phòng Văn hóa và Thông tin; Đơn vị phối "
    "hợp: Đoàn Thanh niên huyện; Thời gian thực hiện: Quý II/2026.\n",
    "1. Tổ chức tuyên truyền về chuyển đổi số trên địa bàn.\nTrách nhiệm thực hiện: Phòng Văn hóa và Thông tin chủ trì, "
    "Đoàn Thanh niên huyện phối hợp.\nThời gian: Quý II/2026.\n",
    # the units charged in a bracket after the duty, as a lead line would ('X chủ trì, Y phối hợp')
    "1. Tổ chức tuyên truyền về chuyển đổi số trên địa bàn (Phòng Văn hóa và Thông tin chủ trì, Đoàn Thanh niên huyện "
    "phối hợp; thời gian: Quý II/2026).\n",
    "1. Tổ chức tuyên truyền về chuyển đổi số trên địa bàn (Phòng Văn hóa và Thông tin chủ trì; Đoàn Thanh niên huyện "
    "phối hợp; thời gian: Quý II/2026).\n",
    "1. Tổ chức tuyên truyền về chuyển đổi số trên địa bàn (Phòng Văn hóa và Thông tin chủ trì, phối hợp với Đoàn Thanh "
    "niên huyện; thời gian hoàn thành: Quý II/2026).\n",
])
def test_a_duty_with_its_fields_in_one_line_or_in_brackets(body):
    plan = plan_of("KẾ HOẠCH\nChuyển đổi số năm 2026\nII. NHIỆM VỤ CỤ THỂ\n" + body)
    [t] = plan.tasks
    assert t.text == "Tổ chức tuyên truyền về chuyển đổi số trên địa bàn."
    assert (t.lead, t.support, t.deadline.date) == (["Phòng Văn hóa và Thông tin"], ["Đoàn Thanh niên huyện"], "2026-06-30")


def test_a_groups_own_lines_under_its_heading_apply_to_its_lettered_duties():
    plan = plan_of("KẾ HOẠCH\nChuyển đổi số năm 2026\nII. NHIỆM VỤ CỤ THỂ\n1. Nhóm nhiệm vụ tuyên truyền\n"
                   "Đơn vị chủ trì: Phòng Văn hóa và Thông tin; Đơn vị phối hợp: Đoàn Thanh niên huyện.\n"
                   "a) Tổ chức tuyên truyền về chuyển đổi số trên địa bàn.\n"
                   "b) Xây dựng chuyên mục chuyển đổi số trên Cổng thông tin điện tử huyện.\n")
    assert [(t.ref, t.lead, t.support) for t in plan.tasks] == [
        ("II.1.a", ["Phòng Văn hóa và Thông tin"], ["Đoàn Thanh niên huyện"]),
        ("II.1.b", ["Phòng Văn hóa và Thông tin"], ["Đoàn Thanh niên huyện"])]


def test_a_field_word_inside_a_sentence_is_not_a_field():
    from planparse.extraction.tasks import inline_fields
    assert inline_fields("Phòng Nội vụ chủ trì tham mưu, phối hợp: tổ chức hội nghị")[1] == []
    assert inline_fields("Tổ chức hội nghị tổng kết. Thực hiện: các bước như sau")[1] == []
    # a bracket that charges nobody: a remark or a list of places
    assert inline_fields("Tổ chức hội thi cấp xã (các đơn vị chủ trì tự bố trí kinh phí).")[1] == []
    assert inline_fields("Rà soát các hộ dân ở vùng nguy cơ sạt lở (thôn Đông, thôn Tây, thôn Nam).")[1] == []


def test_a_persons_line_under_a_duty_names_its_lead():
    plan = plan_of("KẾ HOẠCH\nTổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2026\nII. NỘI DUNG\n"
                   "1. Tổ chức họp mặt các khu dân cư.\n- Thời gian: Trước ngày 18/11/2026.\n"
                   "- Người thực hiện: Đồng chí Chủ tịch Ủy ban MTTQ xã.\n")
    [t] = plan.tasks
    assert (t.text, t.lead, t.deadline.date) == ("Tổ chức họp mặt các khu dân cư.", ["Đồng chí Chủ tịch Ủy ban MTTQ xã"],
                                                 "2026-11-18")


_BODY = ("I. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao hiệu quả.\nII. NHIỆM VỤ\n"
         "1. Phòng Nội vụ tổ chức tuyên truyền, hoàn thành trước 30/6/2026.\n")


@pytest.mark.parametrize("heading,title", [
    ("KẾ HOẠCH TRIỂN KHAI CÔNG TÁC PHÒNG, CHỐNG THIÊN TAI NĂM 2026\n", "TRIỂN KHAI CÔNG TÁC PHÒNG, CHỐNG THIÊN TAI NĂM 2026"),
    ("K Ế H O Ạ C H\nTriển khai công tác phòng, chống thiên tai năm 2026\n", "Triển khai công tác phòng, chống thiên tai năm 2026"),
    ("Kế hoạch\ntriển khai công tác phòng, chống thiên tai năm 2026\n", "triển khai công tác phòng, chống thiên tai năm 2026"),
    ("An Phú, ngày 02 tháng 3 năm 2026\nTriển khai công tác phòng, chống thiên tai năm 2026\n",
     "Triển khai công tác phòng, chống thiên tai năm 2026"),  # no type heading: the number's code names the type
])
def test_the_heading_and_title_however_the_type_heading_is_printed(heading, title):
    plan = plan_of("ỦY BAN NHÂN DÂN\nXÃ AN PHÚ\nSố: 20/KH-UBND\n" + heading + _BODY)
    m = plan.meta
    assert (m.doc_type, m.issuer, m.number, m.title) == ("Kế hoạch", "UBND xã An Phú", "20/KH-UBND", title)
    assert [t.lead for t in plan.tasks] == [["Phòng Nội vụ"]]


def test_a_programme_titled_by_what_it_implements_keeps_the_title_and_cites_it():
    plan = plan_of("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 15/CTr-UBND\nCHƯƠNG TRÌNH HÀNH ĐỘNG\n"
                   "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, "
                   "công nghệ\nI. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao hiệu quả.\nII. NHIỆM VỤ\n1. Sở Nội vụ tổ chức tuyên truyền.\n")
    assert plan.meta.title.startswith("Thực hiện Nghị quyết số 57-NQ/TW")
    assert [(c.number, c.date, c.issuer) for c in plan.implements] == [("57-NQ/TW", "2024-12-22", "Bộ Chính trị")]


def test_a_capitalised_numbered_heading_keeps_its_last_word_wrapped_alone():
    paras = _paragraphs("III. ĐỐI TƯỢNG, NGUYÊN TẮC, HÌNH THỨC VÀ TIÊU CHUẨN KHEN", "THƯỞNG",
                        "1. Đối tượng khen thưởng", "KẾ HOẠCH", "TỔ CHỨC")
    assert paras[0] == "III. ĐỐI TƯỢNG, NGUYÊN TẮC, HÌNH THỨC VÀ TIÊU CHUẨN KHEN THƯỞNG"
    assert paras[-2:] == ["KẾ HOẠCH", "TỔ CHỨC"]
    # read by OCR, its number not yet read back ("HI." for III.)
    paras = _paragraphs("HI. ĐỐI TƯỢNG, NGUYÊN TẮC, HÌNH THỨC VÀ TIÊU CHUẨN KHEN", "THƯỞNG", "1. Đối tượng khen thưởng")
    assert paras[0] == "HI. ĐỐI TƯỢNG, NGUYÊN TẮC, HÌNH THỨC VÀ TIÊU CHUẨN KHEN THƯỞNG"


@pytest.mark.parametrize("items", [
    "Thứ nhất, tăng cường công tác tuyên truyền về chuyển đổi số.\nThứ hai, đẩy mạnh cải cách thủ tục hành chính.\n",
    "Nhiệm vụ 1: Tăng cường công tác tuyên truyền về chuyển đổi số.\nNhiệm vụ 2: Đẩy mạnh cải cách thủ tục hành chính.\n",
    "Hoạt động 1. Tăng cường công tác tuyên truyền về chuyển đổi số.\nHoạt động 2. Đẩy mạnh cải cách thủ tục hành chính.\n",
    "1- Tăng cường công tác tuyên truyền về chuyển đổi số.\n2- Đẩy mạnh cải cách thủ tục hành chính.\n",
    "1/ Tăng cường công tác tuyên truyền về chuyển đổi số.\n2/ Đẩy mạnh cải cách thủ tục hành chính.\n",
    "Một là, tăng cường công tác tuyên truyền về chuyển đổi số.\nHai là, đẩy mạnh cải cách thủ tục hành chính.\n",
])
def test_items_numbered_in_words_or_with_a_dash_are_items(items):
    plan = plan_of("KẾ HOẠCH\nChuyển đổi số năm 2026\nII. NHIỆM VỤ, GIẢI PHÁP\n" + items)
    assert [t.ref for t in plan.tasks] == ["II.1", "II.2"]
    assert [t.text.lower()[:15] for t in plan.tasks] == ["tăng cường công", "đẩy mạnh cải cá"]


def test_lower_case_roman_numerals_go_on_a_list_begun_with_i():
    plan = plan_of("KẾ HOẠCH\nChuyển đổi số năm 2026\nII. NHIỆM VỤ\n1. Nhóm giải pháp về tuyên truyền\n"
                   "i) Tăng cường công tác tuyên truyền.\nii) Đẩy mạnh truyền thông trên mạng xã hội.\n"
                   "iii) Xây dựng chuyên mục trên Cổng thông tin điện tử.\n")
    assert [t.ref for t in plan.tasks] == ["II.1.i", "II.1.ii", "II.1.iii"]


def test_a_task_part_of_plain_paragraphs_gives_a_task_each_but_not_a_pointer_to_the_appendix():
    from planparse.models import Block
    from planparse.structure import Node
    from planparse.extraction.tasks import _paragraph_items
    body = [Block(id=f"b{k}", kind="paragraph", text=t) for k, t in enumerate([
        "Để thực hiện tốt Kế hoạch, cần tập trung các nhiệm vụ sau:",
        "Tăng cường công tác tuyên truyền về chuyển đổi số đến Nhân dân.",
        "Các nhiệm vụ cụ thể tại Phụ lục kèm theo Kế hoạch này.",
        "Đẩy mạnh cải cách thủ tục hành chính, hoàn thành trước 30/6/2026."])]
    sec = Node(label=None, text="NHIỆM VỤ", block=None, body=body, ref="II")
    assert [(n.ref, n.text[:12]) for n in _paragraph_items(sec)] == [("II.1", "Tăng cường c"), ("II.2", "Đẩy mạnh cải")]


def test_bodies_named_by_the_work_the_plan_assigns_them():
    from planparse.extraction.units import subject_units
    assert subject_units("Các cơ quan được phân công chủ trì thực hiện nhiệm vụ theo Kế hoạch này có trách nhiệm lập dự "
                         "toán.") == "Các cơ quan được phân công chủ trì thực hiện nhiệm vụ theo Kế hoạch này"
    assert subject_units("Cơ quan, đơn vị được giao nhiệm vụ theo dõi, kiểm tra, đôn đốc tại Phụ lục kèm theo Kế hoạch này "
                         "thường xuyên kiểm tra.") == ("Cơ quan, đơn vị được giao nhiệm vụ theo dõi, kiểm tra, đôn đốc tại "
                                                       "Phụ lục kèm theo Kế hoạch này")
    assert subject_units("Sở Nội vụ được giao chủ trì tổ chức hội nghị sơ kết.") == "Sở Nội vụ được giao chủ trì"


def test_a_group_row_whose_title_names_a_column_is_not_a_second_header():
    from planparse.extraction.tables import table_to_items
    from planparse.models import Block, Cell

    def row(i, *cells):
        cs = [Cell(text=t, span=s) for t, s in cells]
        return Block(id=f"r{i}", kind="row", text=" | ".join(c.text for c in cs), cells=cs, table=0)
    rows = [row(0, ("STT", 1), ("Nhiệm vụ", 1), ("Cơ quan chủ trì", 1), ("Thời gian hoàn thành", 1)),
            row(1, ("I. NHÓM NHIỆM VỤ TUYÊN TRUYỀN", 4), ("", 0), ("", 0), ("", 0)),
            row(2, ("1", 1), ("Tổ chức tuyên truyền về chuyển đổi số", 1), ("Phòng Văn hóa và Thông tin", 1), ("Quý II/2026", 1))]
    tasks, _ = table_to_items(rows, 2026)
    assert [(t.ref, t.text, t.lead) for t in tasks] == [
        ("PL.I.1", "Tổ chức tuyên truyền về chuyển đổi số", ["Phòng Văn hóa và Thông tin"])]


def test_the_opening_after_an_unpunctuated_title_line_is_a_paragraph_of_its_own():
    # a party committee's plan: its title in lower case, then the opening that cites a guidance
    paras = _paragraphs("ĐẢNG BỘ TỈNH NINH BÌNH", "ĐẢNG ỦY XÃ GIA VIỄN", "Số 15-KH/ĐU", "ĐẢNG CỘNG SẢN VIỆT NAM",
                        "Gia Viễn, ngày 20 tháng 3 năm 2026", "KẾ HOẠCH",
                        "tổ chức các hoạt động kỷ niệm 96 năm Ngày thành lập Đảng Cộng sản Việt Nam",
                        "Thực hiện Hướng dẫn số 12-HD/BTGDVTU ngày 10/01/2026 của Ban Tuyên giáo và Dân vận Tỉnh ủy, Ban "
                        "Thường vụ Đảng ủy xã xây dựng kế hoạch như sau:", "I. MỤC ĐÍCH, YÊU CẦU",
                        "1. Giáo dục truyền thống cách mạng.", "II. NỘI DUNG", "1. Tổ chức tuyên truyền trên hệ thống truyền thanh xã.")
    assert "tổ chức các hoạt động kỷ niệm 96 năm Ngày thành lập Đảng Cộng sản Việt Nam" in paras
    assert any(p.startswith("Thực hiện Hướng dẫn số 12-HD/BTGDVTU") for p in paras)


def test_an_assignment_line_naming_lead_and_partners_is_the_items_responsibility():
    plan = plan_of("KẾ HOẠCH\nTháng Thanh niên năm 2024\nIII. NỘI DUNG\n1. Tổ chức lễ ra quân Tháng Thanh niên.\n"
                   "- Thời gian: Ngày 03/3/2024.\n- Phân công: Ban Thường vụ Đoàn xã chủ trì; các chi đoàn phối hợp.\n"
                   "2. Tổ chức ngày hội hiến máu tình nguyện.\n")
    first = plan.tasks[0]
    assert first.text == "Tổ chức lễ ra quân Tháng Thanh niên." and len(plan.tasks) == 2
    assert (first.lead, first.support) == (["Ban Thường vụ Đoàn xã"], ["các chi đoàn"])


def test_to_chuc_thuc_hien_printed_as_paragraphs_gives_the_duties_units_are_handed():
    plan = plan_of("KẾ HOẠCH\nCải cách hành chính năm 2024\nI. NHIỆM VỤ\n1. Rà soát thủ tục hành chính.\n"
                   "II. TỔ CHỨC THỰC HIỆN\n"
                   "Giao Phòng Nội vụ chủ trì theo dõi, đôn đốc việc thực hiện Kế hoạch; tổng hợp báo cáo UBND huyện "
                   "trước ngày 15/12/2024.\n\n"
                   "Kế hoạch này được gửi đến các cơ quan, đơn vị để biết và thực hiện.\n\n"
                   "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị phản ánh về Phòng Nội vụ để tổng hợp.\n")
    organised = [t for t in plan.tasks if t.ref.startswith("II")]
    assert [(t.lead, t.deadline.date) for t in organised] == [(["Phòng Nội vụ"], "2024-12-15")]


def test_a_line_cut_where_its_sentence_cannot_end_goes_on_in_the_next():
    # web copies and narrow pages break lines after any word: a function word, or a date word before its number
    paras = _paragraphs(
        "Thực hiện Kế hoạch số 45/KH-UBND ngày",
        "20 tháng 01 năm 2025 của Ủy ban nhân dân tỉnh về cải cách hành chính năm 2025; Ủy ban nhân dân",
        "huyện ban hành Kế hoạch thực hiện như sau:",
        "- Thời gian hoàn thành: Quý",
        "III năm 2025.",
        "Văn phòng HĐND và UBND huyện chủ trì, phối hợp với",
        "Phòng Nội vụ công khai thủ tục hành chính trên Cổng thông tin điện tử của huyện.",
        "1. Tổ chức hội nghị sơ kết trong",
        "2. Báo cáo kết quả thực hiện Kế hoạch.",
        "Đẩy mạnh chuyển đổi số",
        "Tổ chức hội nghị triển khai.")
    assert paras == [
        "Thực hiện Kế hoạch số 45/KH-UBND ngày 20 tháng 01 năm 2025 của Ủy ban nhân dân tỉnh về cải cách hành chính "
        "năm 2025; Ủy ban nhân dân huyện ban hành Kế hoạch thực hiện như sau:",
        "- Thời gian hoàn thành: Quý III năm 2025.",
        "Văn phòng HĐND và UBND huyện chủ trì, phối hợp với Phòng Nội vụ công khai thủ tục hành chính trên Cổng thông "
        "tin điện tử của huyện.",
        "1. Tổ chức hội nghị sơ kết trong",  # an item label starts its item whatever the line before ended with
        "2. Báo cáo kết quả thực hiện Kế hoạch.",
        "Đẩy mạnh chuyển đổi số",  # "số" ends a phrase; only a number after it continues the line
        "Tổ chức hội nghị triển khai."]


def test_unfinished_line_ends_are_words_a_vietnamese_sentence_does_not_end_with():
    from planparse import lexicon
    from planparse.readers.lines import _unfinished

    d = lexicon.sections()
    assert all(len(w.split()) <= 2 and len(w) <= 12 for w in d.unfinished_line_ends + d.number_line_ends)  # read so
    for w in d.unfinished_line_ends:
        assert _unfinished(f"Sở Nội vụ chủ trì, phối hợp {w}", "Sở Tài chính tổ chức thực hiện."), w
        assert not _unfinished(f"Sở Nội vụ chủ trì, phối hợp {w}", "- Sở Tài chính tổ chức thực hiện."), w
    for w in d.number_line_ends:
        assert _unfinished(f"Hoàn thành {w}", "30 tháng 6 năm 2025."), w
        assert not _unfinished(f"Hoàn thành {w}", "Sở Tài chính tổ chức thực hiện."), w


def test_a_duty_stated_first_takes_the_lead_a_later_clause_names():
    plan = plan_of("KẾ HOẠCH\nChuyển đổi số năm 2025\nIII. NHIỆM VỤ, GIẢI PHÁP\n"
                   "1. Đẩy mạnh công tác tuyên truyền về chuyển đổi số. Giao Ban Tuyên giáo và Dân vận Đảng ủy chủ trì, "
                   "phối hợp với Ủy ban MTTQ xã thực hiện.\n"
                   "2. Rà soát thủ tục hành chính trên địa bàn; Văn phòng HĐND và UBND xã chủ trì thực hiện.\n"
                   "3. Tổ chức hội nghị sơ kết, giao Công an xã chủ trì, phối hợp với các thôn thực hiện.\n"
                   "4. Xây dựng báo cáo đánh giá để báo cáo Ban Chỉ đạo xã, Sở Nội vụ và các sở, ngành chủ trì "
                   "các chương trình.\n")
    assert [t.lead for t in plan.tasks] == [["Ban Tuyên giáo và Dân vận Đảng ủy"], ["Văn phòng HĐND và UBND xã"],
                                            ["Công an xã"], []]
    assert plan.tasks[0].support == ["Ủy ban MTTQ xã"]


def test_the_recipients_line_after_a_full_last_paragraph_ends_the_body():
    paras = _paragraphs(
        "2. Đề nghị Ủy ban MTTQ và các đoàn thể chính trị - xã hội xã tuyên truyền, vận động đoàn viên, hội viên tham gia.",
        "Nơi nhận:",
        "- Ban Thường vụ Tỉnh ủy,")
    assert paras[1] == "Nơi nhận:"


def test_a_lead_cell_or_line_that_names_its_partners_gives_them_as_support():
    from planparse.extraction.tables import table_to_items
    from planparse.models import Block, Cell

    def row(i, *cells):
        return Block(id=f"r{i}", kind="row", text=" | ".join(cells), cells=[Cell(text=c) for c in cells], table=0)
    rows = [row(0, "STT", "Nội dung nhiệm vụ", "Cơ quan thực hiện", "Thời gian"),
            row(1, "1", "Làm sạch dữ liệu dân cư", "Công an tỉnh chủ trì; UBND các xã, phường phối hợp", "Quý I/2026"),
            row(2, "2", "Triển khai thanh toán không dùng tiền mặt",
                "Sở Tài chính (chủ trì), Ngân hàng Nhà nước khu vực (phối hợp)", "Năm 2026"),
            row(3, "3", "Tuyên truyền Đề án 06", "Sở Văn hóa, Thể thao và Du lịch; Báo và Phát thanh, Truyền hình tỉnh",
                "Thường xuyên")]
    tasks, _ = table_to_items(rows, 2026)
    assert [(t.lead, t.support) for t in tasks] == [
        (["Công an tỉnh"], ["UBND các xã, phường"]),
        (["Sở Tài chính"], ["Ngân hàng Nhà nước khu vực"]),
        (["Sở Văn hóa, Thể thao và Du lịch", "Báo và Phát thanh, Truyền hình tỉnh"], [])]
    plan = plan_of("KẾ HOẠCH\nThực hiện Đề án 06 năm 2026\nII. NHIỆM VỤ\n1. Triển khai thanh toán không dùng tiền mặt.\n"
                   "- Cơ quan thực hiện: Sở Tài chính (chủ trì), Ngân hàng Nhà nước khu vực (phối hợp).\n")
    assert [(t.lead, t.support) for t in plan.tasks] == [(["Sở Tài chính"], ["Ngân hàng Nhà nước khu vực"])]


def test_sibling_announcers_are_words_that_close_an_announcing_sentence():
    from planparse import lexicon

    for w in lexicon.sections().sibling_announcers:
        assert w == w.lower() and len(w.split()) <= 3, w
        text = ("KẾ HOẠCH\nTuyên truyền bầu cử năm 2026\nIII. TỔ CHỨC THỰC HIỆN\n1. Tuyên truyền\n"
                f"- Đoàn Thanh niên xã chủ trì tổ chức tuyên truyền {w}:\n- In ấn tờ rơi.\n")
        assert [t.lead for t in plan_of(text).tasks] == [["Đoàn Thanh niên xã"]] * 2, w


def test_units_a_task_sections_intro_names_after_an_opening_phrase_lead_the_items_without_their_own():
    # "Nhằm ..., bên cạnh ..., <units> ... thực hiện các nhiệm vụ sau đây:": the units carry out the items below;
    # an item naming its own subject keeps it
    plan = plan_of("KẾ HOẠCH\nThực hiện bảo hiểm xã hội toàn dân năm 2026\nII. NHIỆM VỤ CỤ THỂ\n"
                   "Để đạt được các mục tiêu trên, bên cạnh các nhiệm vụ thường xuyên, các sở, ban, ngành, Ủy ban nhân "
                   "dân các xã tập trung triển khai thực hiện các nhiệm vụ sau đây:\n"
                   "1. Đổi mới công tác tuyên truyền về bảo hiểm xã hội.\n"
                   "2. Bảo hiểm xã hội tỉnh rà soát đối tượng tham gia bảo hiểm xã hội tự nguyện.\n")
    assert [t.lead for t in plan.tasks] == [["các sở, ban, ngành", "Ủy ban nhân dân các xã"], ["Bảo hiểm xã hội tỉnh"]]
    # the same intro with no verb of carrying out, or without announcing the items, hands them nothing
    for intro in ("Để đạt được các mục tiêu trên, các sở, ban, ngành đã đề ra nhiều nhiệm vụ quan trọng sau đây:",
                  "Để đạt được các mục tiêu trên, các sở, ban, ngành tập trung thực hiện các nhiệm vụ trọng tâm:"):
        plan = plan_of("KẾ HOẠCH\nThực hiện bảo hiểm xã hội toàn dân năm 2026\nII. NHIỆM VỤ CỤ THỂ\n" + intro + "\n"
                       "1. Đổi mới công tác tuyên truyền về bảo hiểm xã hội.\n")
        assert [t.lead for t in plan.tasks] == [[]], intro


def test_a_unit_heading_that_directs_another_unit_to_carry_out_the_items_gives_both_as_lead():
    plan = plan_of("KẾ HOẠCH\nQuan trắc môi trường năm 2026\nIV. TỔ CHỨC THỰC HIỆN\n"
                   "1. Sở Y tế chỉ đạo Trung tâm Kiểm soát bệnh tật tỉnh thực hiện các nội dung sau:\n"
                   "- Lấy mẫu nước tại các điểm quan trắc.\n- Tổng hợp kết quả, báo cáo UBND tỉnh.\n"
                   "2. Sở Tài chính chỉ đạo các phòng chuyên môn theo dõi, hướng dẫn việc sử dụng kinh phí như sau:\n"
                   "- Thẩm định dự toán kinh phí.\n")
    assert [t.lead for t in plan.tasks] == [["Sở Y tế", "Trung tâm Kiểm soát bệnh tật tỉnh"]] * 2 + [["Sở Tài chính"]]


def test_every_intro_announcer_and_duty_verb_hands_the_items_to_the_intros_units():
    from planparse import lexicon

    data = lexicon.sections()
    for verb in data.intro_duty_verbs:
        for word in data.intro_announcers:
            assert word == word.lower() and len(word.split()) <= 3, word
            plan = plan_of("KẾ HOẠCH\nPhát triển du lịch năm 2026\nII. NHIỆM VỤ\n"
                           f"Để hoàn thành mục tiêu, các sở, ngành {verb} các nội dung {word}:\n"
                           "1. Quảng bá sản phẩm du lịch.\n")
            assert [t.lead for t in plan.tasks] == [["các sở, ngành"]], (verb, word)


def test_a_lead_with_partners_line_makes_the_units_each_duty_below_opens_with_its_partners():
    plan = plan_of("KẾ HOẠCH\nPhòng, chống dịch bệnh năm 2026\nIV. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế\n"
                   "a) Chủ trì tổ chức giám sát dịch bệnh tại cộng đồng.\n"
                   "b) Chủ trì, phối hợp:\n"
                   "- Sở Tài chính và các đơn vị có liên quan tham mưu bố trí kinh phí phòng, chống dịch.\n"
                   "- Sở Giáo dục và Đào tạo tổ chức tuyên truyền trong trường học.\n"
                   "2. Sở Tài chính\nThẩm định dự toán kinh phí.\n")
    assert [(t.lead, t.support) for t in plan.tasks] == [
        (["Sở Y tế"], []),
        (["Sở Y tế"], ["Sở Tài chính", "các đơn vị có liên quan"]),
        (["Sở Y tế"], ["Sở Giáo dục và Đào tạo"]),
        (["Sở Tài chính"], [])]
    # under a plain heading, a duty opening with a unit keeps that unit out of the support
    plan = plan_of("KẾ HOẠCH\nPhòng, chống dịch bệnh năm 2026\nIV. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế\n"
                   "a) Giám sát dịch bệnh:\n- Trung tâm Kiểm soát bệnh tật tỉnh lấy mẫu xét nghiệm.\n")
    assert [(t.lead, t.support) for t in plan.tasks] == [(["Sở Y tế"], [])]


def test_every_partners_below_phrase_is_read_as_a_lead_with_partners_line():
    from planparse import lexicon

    for phrase in lexicon.sections().partners_below:
        assert phrase == phrase.lower(), phrase
        plan = plan_of("KẾ HOẠCH\nPhòng, chống dịch bệnh năm 2026\nIV. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế\n"
                       f"a) {phrase.capitalize()}:\n- Sở Tài chính tham mưu bố trí kinh phí.\n")
        assert [(t.lead, t.support) for t in plan.tasks] == [(["Sở Y tế"], ["Sở Tài chính"])], phrase


def test_a_groups_time_line_marked_apart_from_its_duties_applies_to_every_duty():
    # "* Thời gian thực hiện:" after "- ..." duties closes their run: the group's line, not a part of the last duty
    plan = plan_of("KẾ HOẠCH\nGiám sát bầu cử năm 2026\nIII. NỘI DUNG\n1. Giám sát việc niêm yết danh sách cử tri\n"
                   "- Giám sát việc lập danh sách cử tri.\n- Giám sát việc niêm yết danh sách cử tri.\n"
                   "* Thời gian thực hiện: Từ ngày 01/3/2026 đến ngày 15/3/2026.\n")
    assert [(t.deadline.kind, t.deadline.start, t.deadline.end) for t in plan.tasks] == [
        ("period", "2026-03-01", "2026-03-15")] * 2


def test_an_item_under_a_criteria_heading_that_gives_a_unit_work_is_a_task():
    plan = plan_of("KẾ HOẠCH\nThi đua chuyển đổi số năm 2026\nIII. NỘI DUNG THI ĐUA\n1. Nội dung thi đua\n"
                   "a) Tuyên truyền về chuyển đổi số.\n2. Tiêu chí đánh giá\n"
                   "a) Trên cơ sở kết quả thực hiện các chỉ tiêu, giao Sở Nội vụ thành lập đoàn kiểm tra, chấm điểm.\n"
                   "b) Trên cơ sở kết quả họp xét của Hội đồng thi đua.\n")
    assert [(t.ref, t.lead) for t in plan.tasks] == [("III.1.a", []), ("III.2.a", ["Sở Nội vụ"])]


def test_a_paragraph_going_on_with_the_last_duty_is_part_of_it():
    """"Đồng thời, giao ..." after the last item of a section goes on with that item's duty (a closing paragraph
    after a finished sentence does not)."""
    plan = plan_of("KẾ HOẠCH\nPhòng, chống ma túy năm 2026\nI. TỔ CHỨC THỰC HIỆN\n"
                   "1. Công an tỉnh chủ trì tổng hợp kết quả, báo cáo UBND tỉnh theo quy định.\n\n"
                   "Đồng thời, giao Công an tỉnh rà soát, tham mưu điều chỉnh Kế hoạch ngay sau khi Luật được Quốc hội "
                   "thông qua.\n\n"
                   "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan báo cáo UBND tỉnh để xem xét.\n")
    task = plan.tasks[-1]
    assert "Đồng thời, giao Công an tỉnh" in task.text and "Trong quá trình" not in task.text
    assert task.deadline is not None and task.deadline.kind == "event"


def test_a_part_whose_number_ocr_lost_is_still_a_part():
    """'% MỤC TIÊU' (OCR read "I." as '%') right above "1. ...": the goals part, so its goals are KPIs."""
    plan = plan_of("KẾ HOẠCH\nPhòng, chống thiên tai năm 2026\nUBND tỉnh ban hành Kế hoạch như sau:\n% MỤC TIÊU\n"
                   "1. Phấn đấu 100% hộ dân vùng nguy cơ cao được sơ tán kịp thời.\nII. NHIỆM VỤ\n"
                   "1. Sở Y tế chủ trì tập huấn sơ cấp cứu.\n")
    assert [(k.ref, k.target.value) for k in plan.kpis] == [("I.1", 100)]
    assert [t.ref for t in plan.tasks] == ["II.1"]
    # a line of the opening in capitals that names no part stays in the opening
    plan = plan_of("KẾ HOẠCH\nPhòng, chống thiên tai năm 2026\nTỈNH QUẢNG TRỊ\n1. Sở Y tế chủ trì tập huấn.\n")
    assert [t.ref for t in plan.tasks] in (["1"], [])


def test_a_later_clause_x_thuc_hien_or_y_phoi_hop_names_lead_and_partners():
    plan = plan_of("ỦY BAN NHÂN DÂN\nHUYỆN ĐÔNG ANH\nSố: 12/KH-UBND\nĐông Anh, ngày 10 tháng 02 năm 2026\n\n"
                   "KẾ HOẠCH\nCải cách hành chính năm 2026\n\nII. NHIỆM VỤ\n"
                   "1. Rà soát thủ tục hành chính. Phòng Tư pháp chủ trì, Văn phòng HĐND và UBND huyện phối hợp.\n"
                   "2. Tuyên truyền hội viên. Ban Tuyên giáo chủ trì; các Hội LHPN huyện, thành, thị phối hợp.\n"
                   "3. Kiểm tra công vụ. Phòng Nội vụ thực hiện; thời gian: quý III.\n")
    got = [(t.lead, t.support, t.deadline.date if t.deadline else None) for t in plan.tasks]
    assert got == [(["Phòng Tư pháp"], ["Văn phòng HĐND và UBND huyện"], None),
                   (["Ban Tuyên giáo"], ["các Hội LHPN huyện, thành, thị"], None),
                   (["Phòng Nội vụ"], [], "2026-09-30")]


def test_a_school_year_plans_implied_targets_fall_due_when_the_school_year_ends():
    plan = plan_of("SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 2150/KH-SGDĐT\nQuảng Ngãi, ngày 25 tháng 9 năm 2025\nKẾ HOẠCH\n"
                   "Thực hiện nhiệm vụ chuyển đổi số năm học 2025 - 2026\nI. MỤC TIÊU\n"
                   "1. 100% cơ sở giáo dục sử dụng hồ sơ điện tử.\n2. Đến tháng 12/2025, 50% giáo viên có chữ ký số.\n"
                   "II. NHIỆM VỤ\n1. Văn phòng Sở hoàn thiện cơ sở dữ liệu ngành.\n")
    assert [(k.deadline.kind, k.deadline.date, k.deadline.text) for k in plan.kpis] == [
        ("by", "2026-05-31", "năm học 2025 - 2026"), ("by", "2025-12-31", "Đến tháng 12/2025")]


def test_start_and_completion_columns_give_a_span_and_a_note_in_brackets_is_no_task(tmp_path):
    md = tmp_path / "xa.md"
    md.write_text("ỦY BAN NHÂN DÂN XÃ TÂN HÒA\n\nSố: 45/KH-UBND\n\n**KẾ HOẠCH**\n\nChuyển đổi số năm 2026\n\n"
                  "**II. NHIỆM VỤ CỤ THỂ**\n\n(Chi tiết tại bảng dưới đây)\n\n"
                  "| TT | Nội dung | Chủ trì | Thời gian bắt đầu | Thời gian hoàn thành |\n|---|---|---|---|---|\n"
                  "| 1 | Rà soát dữ liệu dân cư | Công an xã | 01/3/2026 | 30/4/2026 |\n"
                  "| 2 | Tuyên truyền thanh toán số | Văn phòng HĐND và UBND xã | Quý II/2026 | Quý III/2026 |\n",
                  encoding="utf-8")
    from planparse.pipeline import extract_file
    tasks = extract_file(md).tasks
    assert [(t.text, t.deadline.kind, t.deadline.start, t.deadline.end) for t in tasks] == [
        ("Rà soát dữ liệu dân cư", "period", "2026-03-01", "2026-04-30"),
        ("Tuyên truyền thanh toán số", "period", "2026-04-01", "2026-09-30")]


def test_an_unnumbered_line_naming_only_a_unit_over_bullets_heads_that_units_duties(tmp_path):
    from docx import Document as Docx

    d = Docx()
    for t in ["ỦY BAN NHÂN DÂN", "PHƯỜNG HÒA BÌNH", "Số: 77/KH-UBND", "KẾ HOẠCH", "Tổng vệ sinh môi trường năm 2026",
              "III. NHIỆM VỤ CỤ THỂ", "Công an phường", "- Bảo đảm an ninh trật tự trong các đợt ra quân.",
              "- Xử lý các trường hợp xả rác bừa bãi.", "Trạm Y tế phường", "- Phun hóa chất diệt muỗi.",
              "Tổ chức tuyên truyền", "- Trên loa truyền thanh của phường."]:
        d.add_paragraph(t).runs[0].bold = len(t.split()) <= 3
    d.save(tmp_path / "p.docx")
    from planparse.pipeline import extract_file
    tasks = extract_file(tmp_path / "p.docx").tasks
    assert [(t.text, t.lead) for t in tasks][:3] == [
        ("Bảo đảm an ninh trật tự trong các đợt ra quân.", ["Công an phường"]),
        ("Xử lý các trường hợp xả rác bừa bãi.", ["Công an phường"]),
        ("Phun hóa chất diệt muỗi. Tổ chức tuyên truyền", ["Trạm Y tế phường"])]
    assert all("Tổ chức tuyên truyền" not in t.lead for t in tasks)  # an activity is no unit heading


def test_a_short_line_opening_a_list_after_a_sentence_starts_a_paragraph():
    plan = plan_of("KẾ HOẠCH\nTổng vệ sinh môi trường năm 2026\nI. NHIỆM VỤ CỤ THỂ\nCông an phường\n"
                   "- Phun hóa chất diệt muỗi tại các điểm nguy cơ trên địa bàn phường theo hướng dẫn.\n"
                   "Các tổ dân phố:\n- Tổ chức ra quân tổng vệ sinh.\n")
    assert [(t.text, t.lead) for t in plan.tasks] == [
        ("Phun hóa chất diệt muỗi tại các điểm nguy cơ trên địa bàn phường theo hướng dẫn.", ["Công an phường"]),
        ("Tổ chức ra quân tổng vệ sinh.", ["Các tổ dân phố"])]


def test_a_responsibility_matrix_marks_who_leads_and_who_supports_under_the_units_names(tmp_path):
    from planparse.pipeline import extract_file

    md = tmp_path / "matrix.md"
    md.write_text("**KẾ HOẠCH**\n\nCải cách hành chính năm 2026\n\n**II. PHÂN CÔNG NHIỆM VỤ**\n\n"
                  "| TT | Nội dung nhiệm vụ | Phòng Nội vụ | Phòng Tư pháp | UBND các xã | Thời gian hoàn thành |\n"
                  "|---|---|---|---|---|---|\n"
                  "| 1 | Rà soát thủ tục hành chính | PH | CT | PH | Quý II/2026 |\n"
                  "| 2 | Kiểm tra công vụ | Chủ trì | | Phối hợp | Quý III/2026 |\n", encoding="utf-8")
    assert [(t.lead, t.support) for t in extract_file(md).tasks] == [
        (["Phòng Tư pháp"], ["Phòng Nội vụ", "UBND các xã"]), (["Phòng Nội vụ"], ["UBND các xã"])]
    # marked 'x' only: under 'Cơ quan chủ trì' it leads, under 'Cơ quan phối hợp' it supports
    md.write_text("**KẾ HOẠCH**\n\nCải cách hành chính năm 2026\n\n**II. PHÂN CÔNG NHIỆM VỤ**\n\n"
                  "| TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Cơ quan phối hợp | Thời gian |\n"
                  "|---|---|---|---|---|---|\n"
                  "| | | Phòng Nội vụ | Phòng Tư pháp | UBND các xã | |\n"
                  "| 1 | Rà soát thủ tục hành chính | x | x | | Quý II/2026 |\n", encoding="utf-8")
    assert [(t.lead, t.support) for t in extract_file(md).tasks] == [(["Phòng Nội vụ"], ["Phòng Tư pháp"])]


def test_an_appendix_that_lists_its_duties_as_numbered_items_gives_tasks():
    plan = plan_of("ỦY BAN NHÂN DÂN\nTỈNH BẮC KẠN\nSố: 66/KH-UBND\nKẾ HOẠCH\nThực hiện chuyển đổi số năm 2025\n"
                   "I. NHIỆM VỤ\nCác nhiệm vụ cụ thể tại Phụ lục kèm theo Kế hoạch này.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n"
                   "Nguyễn Văn A\nPHỤ LỤC\nDANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2025\n"
                   "(Kèm theo Kế hoạch số 66/KH-UBND ngày 10/3/2025 của UBND tỉnh)\n"
                   "1. Xây dựng cơ sở dữ liệu ngành nông nghiệp.\n- Cơ quan chủ trì: Sở Nông nghiệp và Môi trường.\n"
                   "- Thời gian hoàn thành: Quý III/2025.\n2. Triển khai nền tảng học trực tuyến mở.\n"
                   "- Cơ quan chủ trì: Sở Giáo dục và Đào tạo.\n- Cơ quan phối hợp: Sở Khoa học và Công nghệ.\n")
    assert [(t.ref, t.lead, t.support, t.deadline.date if t.deadline else None) for t in plan.tasks] == [
        ("PL.1", ["Sở Nông nghiệp và Môi trường"], [], "2025-09-30"),
        ("PL.2", ["Sở Giáo dục và Đào tạo"], ["Sở Khoa học và Công nghệ"], None)]
