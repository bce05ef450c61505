"""Every language data file loads, validates, names its source, and means what it says."""
import json
import re
from importlib import resources
from pathlib import Path

import pytest

from planparse import lexicon
from planparse.text import fold
from planparse.extraction.tasks import key_of


@pytest.mark.parametrize("name", ["units.json", "abbreviations.json", "admin_levels.json", "sections.json", "deadlines.json",
                                  "ocr_confusions.json", "targets.json", "messages.json"])
def test_data_file_has_source_and_version(name):
    data = json.loads(resources.files("planparse.data").joinpath(name).read_text(encoding="utf-8"))
    assert data["_source"] and isinstance(data["version"], int)


def test_loaders_validate():
    assert lexicon.units().kinds and lexicon.abbreviations().expand["UBND"] == "Ủy ban nhân dân"
    assert lexicon.levels().central_cities and lexicon.sections().group_keys["deadline"]
    assert lexicon.deadlines().recurring["hàng quý"] == "quarter"
    assert ("rn", "m") in lexicon.ocr_confusions().confusions and lexicon.ocr_confusions().cost > 0
    assert "không quá" in lexicon.targets().operators_before["<="] and "%" in lexicon.targets().percent_units


def test_unknown_keys_are_rejected():
    from pydantic import ValidationError
    with pytest.raises(ValidationError):
        lexicon.UnitsData.model_validate({"_source": "x", "version": 1, "kinds": [], "plural_determiners": [],
                                          "bare_kinds": [], "name_words": [], "named": [], "typo": 1})


@pytest.mark.parametrize("line,role", [
    ("Thời gian hoàn thành: Trước 30/9/2023.", "deadline"),
    ("Đơn vị chủ trì thực hiện: UBND các phường;", "lead"),
    ("Đơn vị phối hợp thực hiện: phòng Văn hóa Thông tin;", "support"),
    ("Phân công nhiệm vụ:", "assignment"),
    ("Mục tiêu:", "goals"),
    ("Nhiệm vụ, giải pháp:", "duties"),
    ("Chủ trì theo dõi, kiểm tra", None),
    ("- Người thực hiện: Đồng chí Chủ tịch Ủy ban MTTQ xã.", None),  # a bullet is read by the structure, not key_of
    ("Người thực hiện: Đồng chí Chủ tịch Ủy ban MTTQ xã.", "lead"),
    ("Cán bộ phụ trách: Công chức Văn hóa - Xã hội.", "lead"),
    ("Phụ trách chung; chủ trì các buổi làm việc.", None),
])
def test_group_keys_read_real_lines(line, role):
    assert key_of(line)[0] == role


def test_unit_heads_real_examples():
    assert lexicon.unit_head_at("Các phòng chuyên môn thuộc UBND thị xã") == "phòng"
    assert lexicon.unit_head_at("Ban Chỉ đạo Chuyển đổi số cấp xã") == "ban chỉ đạo"
    assert lexicon.unit_head_at("Tăng cường công tác") is None
    from planparse.extraction.units import duty_subject, units_in_key_value
    for verb in lexicon.units().duty_verbs:  # a key line's unit ends where its duty begins
        assert units_in_key_value(f"Sở Tư pháp và UBND các xã, phường {verb} tuyên truyền pháp luật") == [
            "Sở Tư pháp", "UBND các xã, phường"], verb
    # a ministry's own departments ("Vụ Pháp chế") lead its plans' duties; an event or a crop season is no body
    assert duty_subject("Vụ Pháp chế chủ trì, phối hợp với Văn phòng Bộ rà soát văn bản") == "Vụ Pháp chế"
    for start in lexicon.units().not_unit_starts:
        assert duty_subject(f"{start.capitalize()} được rà soát, xử lý dứt điểm") is None, start


def test_deadline_phrases_mean_what_the_data_says():
    from planparse.extraction.deadlines import deadline_in_duty, event_in_duty, parse_deadline

    data = lexicon.deadlines()
    sy = data.school_year
    for word in sy.words:  # a school year from its first day to its last
        dl = parse_deadline(f"{word.capitalize()} 2026 - 2027", 2026)
        assert (dl.start, dl.end) == (f"2026-{sy.first_day}", f"2027-{sy.last_day}"), word
        for before in sy.before_words:
            assert parse_deadline(f"{before.capitalize()} {word} 2026 - 2027", 2026).kind == "by", (before, word)
    for opener in lexicon.sections().same_duty_openers:  # a sentence opening so goes on with the duty before it
        dl = event_in_duty(f"Sở Y tế theo dõi. {opener.capitalize()}, rà soát danh mục ngay sau khi có hướng dẫn mới.")
        assert dl is not None and dl.kind == "event", opener
    for opener in data.event_openers:
        assert parse_deadline(f"{opener.capitalize()} có văn bản hướng dẫn", 2025).kind == "event", opener
    for word in data.undated_events:  # an event where no date is printed; with a date, the date
        assert parse_deadline(f"{word.capitalize()} xuất hiện ca bệnh bất thường", 2025).kind == "event", word
        assert parse_deadline(f"{word.capitalize()} trước ngày 30/6/2026", 2025).kind in ("by", "on"), word
    for phrase, every in data.recurring.items():
        dl = parse_deadline(f"Báo cáo {phrase}", 2025)
        assert dl.kind == "recurring" and dl.every == every, phrase
    assert all(every in data.frequency_order for every in data.recurring.values())
    for word in data.quarter_words:
        assert parse_deadline(f"{word.capitalize()} III/2026", 2025).date == "2026-09-30"
    for phrase in data.within_year:
        assert parse_deadline(phrase.capitalize(), 2026).date == "2026-12-31", phrase
    for phrase in data.whole_year:
        assert parse_deadline(phrase.capitalize(), 2026).end == "2026-12-31", phrase
    for prep in data.in_duty.due_preps + data.in_duty.weak_preps:
        dl = deadline_in_duty(f"Tổ chức rà soát thủ tục hành chính {prep} ngày 30/9/2026.", 2026)
        assert dl is not None and dl.date == "2026-09-30", prep
    for word in data.in_duty.programme_spans:
        assert deadline_in_duty(f"Triển khai Chương trình chuyển đổi số {word} 2026 - 2030.", 2026) is None, word


def test_targets_data_rejects_unknown_keys_and_operators():
    from pydantic import ValidationError

    good = json.loads(resources.files("planparse.data").joinpath("targets.json").read_text(encoding="utf-8"))
    with pytest.raises(ValidationError):
        lexicon.TargetsData.model_validate(dict(good, typo=1))
    assert set(good["operators_before"]) <= {">", ">=", "<", "<=", "=", "~"}
    assert set(good["operators_after"]) <= {">", ">=", "<", "<=", "=", "~"}


def test_target_words_mean_what_the_data_says():
    from planparse.extraction.targets import clean_indicator, parse_target

    data = lexicon.targets()
    for op, words in data.operators_before.items():
        for w in words:
            t = parse_target(f"Tỷ lệ hồ sơ được giải quyết đúng hạn {w} 90%")
            assert (t.op, t.value) == (op, 90), w
    for op, words in data.operators_after.items():
        for w in words:
            assert parse_target(f"Tỷ lệ xã đạt chuẩn nông thôn mới 60% {w}").op == op, w
    for verb in data.level_verbs:
        assert clean_indicator(f"Tỷ lệ hồ sơ trực tuyến toàn trình {verb} 80%") == "Tỷ lệ hồ sơ trực tuyến toàn trình", verb
    for verb in data.lead_verbs:
        if verb not in data.change_verbs:
            assert clean_indicator(f"{verb.capitalize()} tỷ lệ hồ sơ trực tuyến lên 80%") == "tỷ lệ hồ sơ trực tuyến", verb
    for verb in data.change_verbs:
        assert clean_indicator(f"{verb.capitalize()} 10% số vụ tai nạn giao thông") == f"{verb.capitalize()} số vụ tai nạn giao thông"
    for label in data.goal_labels:
        assert clean_indicator(f"{label.capitalize()} 2: Tỷ lệ văn bản được ký số đạt 95%") == "Tỷ lệ văn bản được ký số"
    for unit in data.units:
        assert parse_target(f"Phấn đấu tối thiểu 12 {unit} tham gia").unit == unit, unit
    for per in data.per_period:
        assert parse_target(f"Kinh tế số tăng trưởng đạt 20%{per}").unit == "%" + per
        assert parse_target(f"Thu nhập bình quân đạt 120 triệu đồng/người{per}").unit == "triệu đồng/người" + per
    for noun in data.verb_nouns:
        assert clean_indicator(f"{noun.capitalize()} kinh tế đạt trên 10%") == f"{noun.capitalize()} kinh tế", noun
    from planparse.extraction.targets import is_goal, split_goals
    for joiner in data.goal_joiners:
        goals = [c for c in split_goals(f"Trên 80% số trạm y tế xã {joiner} 100% cơ sở cai nghiện công lập đủ điều kiện")
                 if is_goal(c)]
        assert [parse_target(g).value for g in goals] == [80, 100], joiner
    for blocker in data.count_blockers:  # a figure after these dates, refers or states: no count goal
        assert not is_goal(f"Rà soát {blocker} 12 hộ nghèo trên địa bàn"), blocker
    assert is_goal("Rà soát 12 hộ nghèo trên địa bàn")
    for unit in data.activity_units:  # sessions held are an activity, a target only with a level word
        assert not is_goal(f"Tổ chức 03 {unit} cho cán bộ") and is_goal(f"Tổ chức ít nhất 03 {unit} cho cán bộ"), unit
    from planparse.extraction.targets import goal_deadline
    for word in data.goal_time_words:  # a time stated inside a goal is its deadline
        deadline = goal_deadline(f"Tỷ lệ xã đạt chuẩn nông thôn mới đạt 80% {word} năm 2028", 2025)
        assert deadline.text == f"{word} năm 2028" and deadline.date[:4] in ("2027", "2028"), word
        for qualifier in data.goal_time_qualifiers:
            clause = f"Tỷ lệ xã đạt chuẩn đạt 80% {word} {qualifier} năm 2028"
            assert goal_deadline(clause, 2025).text == f"{word} {qualifier} năm 2028", (word, qualifier)
    for word in data.within_words:  # a time limit is a ceiling on the time taken
        for unit in data.duration_units:
            t = parse_target(f"Giải quyết hồ sơ {word} 05 {unit}", counts=True)
            assert (t.op, t.value, t.unit) == ("<=", 5, unit), (word, unit)
    for opener in data.goal_openers:
        clause = opener if opener[0].isdigit() else f"{opener} 70% người dân có điện thoại thông minh"
        assert len(split_goals(f"Trên 80% cơ quan có chuyên mục; {clause}")) == 2, opener
    from planparse.extraction.targets import breakdown_parties
    for opener in data.breakdown_openers:  # a target's shares, by party, in a bracket after it
        clause = f"Cấp giấy chứng nhận: 300 hồ sơ ({opener.capitalize()}: xã Đông Sơn: 100 hồ sơ, xã Tây Sơn: 200 hồ sơ)"
        assert breakdown_parties(clause) == ["xã Đông Sơn", "xã Tây Sơn"], opener
        assert clean_indicator(clause) == "Cấp giấy chứng nhận", opener
    for verb in data.second_goal_verbs:  # after a comma, a second goal with its own figure
        goals = split_goals(f"Xây mới trạm y tế: 12 trạm, {verb} số trạm y tế đạt chuẩn lên 80 trạm")
        assert len(goals) == 2 and parse_target(goals[1], counts=True).value == 80, verb


def test_every_error_code_has_vietnamese_words_for_the_pages():
    """messages.json: each E-code errors.py defines (and E100/E199 of the batch) reads in Vietnamese on the index."""
    import inspect

    from planparse import errors
    from planparse.html.index import reason_vi, stage_vi

    data = json.loads(resources.files("planparse.data").joinpath("messages.json").read_text(encoding="utf-8"))
    codes = {c.code for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, errors.PlanParseError)}
    assert codes | {"E100", "E199"} <= set(data["reasons"])
    assert reason_vi("E105 file is corrupt or not what its name says (bad zip)") == \
        "E105 tệp bị hỏng hoặc không đúng định dạng theo tên (bad zip)"
    assert reason_vi("E122 the worker reading it died (killed by signal 9)").startswith("E122 tiến trình đọc tệp")
    assert stage_vi("read/extract") == "đọc và trích xuất"


def test_every_warning_pattern_reads_its_example_in_vietnamese():
    """messages.json 'warnings': each entry's example matches its own pattern (and no other), and what the page
    shows is its code and Vietnamese text with the parts filled in."""
    from planparse.messages import warning_code, warning_vi

    data = json.loads(resources.files("planparse.data").joinpath("messages.json").read_text(encoding="utf-8"))
    codes = [w["code"] for w in data["warnings"]]
    assert len(codes) == len(set(codes)) and all(re.fullmatch(r"W\d{3}", c) for c in codes)
    for w in data["warnings"]:
        assert warning_code(w["example"]) == w["code"], w["example"]
        shown = warning_vi(w["example"])
        assert shown.startswith(w["code"] + " ") and "{" not in shown, shown
    assert warning_vi("pages 1,2 have a text layer that is not text (letters outside the Vietnamese alphabet): read by "
                      "OCR (tesseract -l vie)") == ("W111 trang 1,2 có lớp chữ không phải là chữ (chữ cái ngoài bảng chữ "
                                                    "cái tiếng Việt): đã đọc bằng OCR (tesseract -l vie)")
    assert warning_vi("OCR left out a received stamp on pages 1") == "W113 OCR đã bỏ qua dấu công văn đến ở trang 1"
    assert warning_vi("something new") == "something new"  # no entry: as written


def test_the_warnings_the_library_writes_on_the_corpus_all_read_in_vietnamese(tmp_path):
    """Every warning a batch of the corpus gives (OCR'd scans, broken text layers, .doc, repaired OCR text) has an
    entry, so no page shows English."""
    from planparse.batch import run_batch
    from planparse.messages import warning_code

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    files = [corpus / "seeds" / "002_408fa6199785fdab.txt", corpus / "real" / "lao-cai" / "sct-kh1105-2026-kiem-tra.pdf",
             corpus / "real" / "lam-dong" / "KẾ HOẠCH KMT UBND TỈNH NĂM 2026.doc"]
    run_batch([str(f) for f in files], str(tmp_path / "out"), jobs=1)
    warnings = {w for line in (tmp_path / "out" / "plans.jsonl").read_text(encoding="utf-8").splitlines()
                for w in json.loads(line).get("warnings") or []}
    assert len(warnings) >= 3
    assert [w for w in warnings if warning_code(w) is None] == []


def test_every_work_verb_opens_a_task_section_named_by_its_topic():
    from planparse.pipeline import document_to_plan
    from planparse.readers.text import text_to_document

    for verb in lexicon.sections().work_verbs:
        v = verb[:1].upper() + verb[1:]
        text = (f"KẾ HOẠCH\nKinh tế số năm 2026\nIII. {verb.upper()} KINH TẾ SỐ TRÊN ĐỊA BÀN\n"
                f"1. {v} hạ tầng số dùng chung của tỉnh.\n2. {v} nền tảng dữ liệu số của tỉnh.\n"
                f"3. {v} kỹ năng số cho người dân trên địa bàn.\n")
        assert len(document_to_plan(text_to_document(text, "x.txt")).tasks) == 3, verb


def test_rank_words_and_groups_mean_what_the_data_says():
    from planparse.extraction.targets import is_goal, parse_target

    data = lexicon.targets()
    for w in data.rank_words:  # a rank on its own
        t = parse_target(f"Tỉnh thuộc {w} 05 vùng về đổi mới sáng tạo")
        assert (t.op, t.value, t.unit) == ("<=", 5, "top"), w
    for g in data.rank_groups:  # a rank only when the group leads
        for lead in data.rank_leading:
            t = parse_target(f"Chỉ số PAPI nằm trong {g} 15 tỉnh, thành phố {lead} cả nước")
            assert (t.op, t.value, t.unit) == ("<=", 15, "tỉnh, thành phố"), (g, lead)
        assert not is_goal(f"Chia học viên thành {g} 5 người để thực hành"), g


def test_every_category_opener_marks_a_nominee_category_under_criteria():
    from planparse.pipeline import document_to_plan
    from planparse.readers.text import text_to_document

    for opener in lexicon.sections().category_openers:
        text = (f"KẾ HOẠCH\nThi đua năm 2026\nV. TIÊU CHUẨN KHEN THƯỞNG\n1. Tiêu chuẩn Bằng khen\n"
                f"a) {opener.capitalize()} các cơ quan chuyên môn: Có kết quả đánh giá đạt loại Tốt.\n"
                f"b) Các cơ quan, đơn vị căn cứ thành tích để bình xét khen thưởng cho tập thể, cá nhân.\n")
        tasks = document_to_plan(text_to_document(text, "x.txt")).tasks
        assert [t.lead for t in tasks] == [["Các cơ quan, đơn vị"]], opener


def test_every_directing_verb_labels_a_duty_led_by_the_unit_before_it():
    from planparse.extraction.tasks import _split_unit_duty

    for verb in lexicon.units().directing_verbs:
        unit, duty = _split_unit_duty(f"Bộ Chỉ huy quân sự tỉnh {verb} lực lượng Bộ đội Biên phòng: Phối hợp tuần tra.")
        assert (unit, duty) == ("Bộ Chỉ huy quân sự tỉnh", "Phối hợp tuần tra."), verb


def test_a_lead_line_assigned_elsewhere_names_no_unit():
    from planparse.extraction.units import units_in_key_value

    for opener in lexicon.units().assigned_elsewhere:
        text = f"{opener[:1].upper()}{opener[1:]} Quyết định số 1737/QĐ-UBND ngày 17/10/2025 của Chủ tịch UBND tỉnh"
        assert units_in_key_value(text) == [], opener
        assert units_in_key_value(f"Văn phòng UBND tỉnh; {text}") == ["Văn phòng UBND tỉnh"], opener


def test_youth_union_and_forces_are_unit_heads():
    assert lexicon.unit_head_at("Tỉnh đoàn Thanh niên cộng sản Hồ Chí Minh") == "tỉnh đoàn"
    assert lexicon.unit_head_at("lực lượng Công an các cấp") == "lực lượng"


def test_duration_and_limit_words_mean_what_the_data_says():
    from planparse.extraction.deadlines import parse_deadline

    for unit in lexicon.deadlines().in_duty.duration_units:
        dl = parse_deadline(f"Từ ngày 23/3/2026, 02 {unit} làm việc", 2026)
        assert (dl.kind, dl.start, dl.end) == ("period", "2026-03-23", "2026-03-24"), unit
    for word in lexicon.deadlines().in_duty.limit_words:
        dl = parse_deadline(f"ngày 23/3/2026, {word} 10 ngày", 2026)
        assert dl.kind != "period", word


def test_item_references_read_real_sentences():
    from planparse.extraction.tasks import _referenced_refs

    assert _referenced_refs("Sở Nội vụ chủ trì triển khai các nhiệm vụ tại mục (IV) (4.1) (4.2) và Phụ lục") == \
        ["IV.4.1", "IV.4.2"]
    assert _referenced_refs("Công an tỉnh chủ trì thực hiện nội dung tại mục (IV)(3.4)(a)") == ["IV.3.4.a"]


def test_every_year_column_opener_names_a_years_target_and_every_report_word_a_forecast():
    from planparse.pipeline import document_to_plan
    from planparse.readers.text import text_to_document

    words = lexicon.sections().year_columns
    head = ("An Giang, ngày 10 tháng 12 năm 2025\nKẾ HOẠCH\nChuyển đổi số giai đoạn 2026 - 2030\nI. CHỈ TIÊU\n"
            "TT\tChỉ tiêu\tĐơn vị tính\t")
    row = "1\tTỷ lệ hồ sơ xử lý trực tuyến\t%\t60\t80\n"
    for opener in words.openers:
        text = f"{head}{opener.capitalize()} 2027\t{opener.capitalize()} 2030\n{row}"
        kpis = document_to_plan(text_to_document(text, "x.txt")).kpis
        assert [(k.target.value, k.deadline.date) for k in kpis] == [(60, "2027-12-31"), (80, "2030-12-31")], opener
    for word in words.not_targets:
        text = f"{head}Năm 2026\t{word.capitalize()} năm 2026\tNăm 2027\n" + row.replace("\t80", "\t61\t80")
        assert document_to_plan(text_to_document(text, "x.txt")).kpis == [], word


def test_every_unit_tail_stays_with_its_unit_and_every_thing_word_is_no_unit():
    from planparse.extraction.units import starts_unit, unit_phrase_end

    data = lexicon.units()
    for tail in data.unit_tails:
        text = f"Các cơ quan, đơn vị {tail} tổ chức triển khai thực hiện."
        assert text[:unit_phrase_end(text)] == f"Các cơ quan, đơn vị {tail}", tail
    for thing in data.not_units_after_determiner:
        assert not starts_unit(f"các {thing} được phê duyệt"), thing


def test_every_amending_word_makes_one_law_of_an_amending_laws_name():
    from planparse.extraction.citations import Places, extract_citations_from
    from planparse.models import Block

    for word in lexicon.citations().amending_names:
        text = f"Căn cứ Luật {word} một số điều của Luật Đất đai và Luật Nhà ở ngày 29 tháng 6 năm 2024;"
        cited = extract_citations_from([Block(id="o0", kind="paragraph", text=text)], Places({}))
        assert [(c.doc_type, c.date) for c in cited] == [("Luật", "2024-06-29")], word


def test_every_basis_section_name_makes_its_items_what_the_plan_implements():
    from planparse.extraction.meta import extract_citations, extract_meta
    from planparse.models import Block, Document
    from planparse.structure import build_structure

    for name in lexicon.citations().basis_sections:
        texts = ("KẾ HOẠCH", "Chuyển đổi số năm 2026", f"I. {name.upper()}",
                 "1. Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học;",
                 "II. NHIỆM VỤ", "1. Sở Khoa học và Công nghệ chủ trì xây dựng kho dữ liệu mở.")
        st = build_structure(Document(source="x.docx", format="docx",
                                      blocks=[Block(id=f"b{k}", kind="paragraph", text=t) for k, t in enumerate(texts)]))
        assert [c.number for c in extract_citations(st, extract_meta(st)[0])] == ["57-NQ/TW"], name


def test_every_start_and_end_word_makes_a_task_tables_time_a_span():
    from planparse.pipeline import document_to_plan
    from planparse.readers.text import text_to_document

    words = lexicon.sections().period_columns
    for start in words["start"]:
        for end in words["end"]:
            text = (f"KẾ HOẠCH\nChuyển đổi số năm 2026\nPHỤ LỤC\nSTT\tNhiệm vụ\tĐơn vị chủ trì\tThời gian {start}\t"
                    f"Thời gian {end}\n1\tXây dựng kho dữ liệu mở\tSở Khoa học và Công nghệ\t01/2026\t06/2026\n")
            [task] = document_to_plan(text_to_document(text, "x.txt")).tasks
            assert (task.deadline.kind, task.deadline.start, task.deadline.end) == ("period", "2026-01-01", "2026-06-30"), \
                (start, end)


def test_the_provinces_are_names_without_their_level_word_each_once():
    levels = lexicon.levels()
    names = [fold(p) for p in levels.provinces + levels.central_cities]
    assert len(names) == len(set(names)) == 64  # 58 provinces and 6 centrally-run cities (Huế since 2025)
    assert not any(n.split()[0] in ("tỉnh", "thành") for n in names)
