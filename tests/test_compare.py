"""Comparison of a commune plan (001) with the district plan it follows (000), against a fixture
written by reading both plans; and the rules it rests on."""
import json
import subprocess
import sys

import pytest

from planparse.compare import compare_plans, is_late, lead_changed, load_plan, target_verdict, unit_roles
from planparse.models import Deadline, Target
from planparse.validate import COMPARISON_SCHEMA_PATH, comparison_schema

from conftest import CORPUS, ROOT

FIXTURE = json.loads((ROOT / "tests" / "data" / "compare" / "001_vs_000.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def result():
    return compare_plans(load_plan(CORPUS / "seeds" / "001_55bc0ea6d2f8eabe.txt"),
                         load_plan(CORPUS / "seeds" / "000_db1299a2e6faf1e1.txt"))


def _pr(got: set, want: set) -> tuple[float, float]:
    tp = len(got & want)
    return (tp / len(got) if got else 1.0), (tp / len(want) if want else 1.0)


def test_kpi_alignment_meets_the_bar(result):
    got = {(p.child.ref, p.parent.ref) for p in result.kpi_pairs}
    want = {(p["child"], p["parent"]) for p in FIXTURE["kpi_pairs"]}
    precision, recall = _pr(got, want)
    assert precision >= 0.95 and recall >= 0.95
    assert {k.ref for k in result.kpis_missing} == set(FIXTURE["kpis_missing"])
    assert {k.ref for k in result.kpis_added} == set(FIXTURE["kpis_added"])


def test_every_target_difference_is_reported(result):
    verdicts = {(p.child.ref, p.parent.ref): p.verdict for p in result.kpi_pairs}
    for p in FIXTURE["kpi_pairs"]:
        assert verdicts.get((p["child"], p["parent"])) == p["verdict"], p
    weaker = [p for p in result.kpi_pairs if p.verdict == "weaker"]
    assert [(p.child.target.value, p.parent.target.value) for p in weaker] == [(50, 100)]


def test_task_alignment_meets_the_bar(result):
    got = {(p.child.ref, p.parent.ref) for p in result.task_pairs}
    want = {(p["child"], p["parent"]) for p in FIXTURE["task_pairs"]}
    precision, recall = _pr(got, want)
    assert precision >= 0.95 and recall >= 0.95
    section_two = {(c, p) for c, p in got if c.startswith("II.") and p.startswith("II.")}
    assert section_two == {(f"II.{i}", f"II.{i}") for i in range(1, 6)}
    assert {t.ref for t in result.tasks_added} == set(FIXTURE["tasks_added"])
    assert {t.ref for t in result.tasks_not_covered} == set(FIXTURE["tasks_not_covered"])


def test_lead_changes_only_where_the_role_changed(result):
    changed = {(p.child.ref, p.parent.ref) for p in result.task_pairs if p.lead_changed}
    assert changed == {(x["child"], x["parent"]) for x in FIXTURE["lead_changes"]}


@pytest.mark.parametrize("child,parent,verdict", [
    (Target(op=">=", value=50, unit="%"), Target(op=">=", value=100, unit="%"), "weaker"),
    (Target(op=">=", value=100, unit="%"), Target(op=">=", value=100, unit="%"), "same"),
    (Target(op=">=", value=95, unit="%"), Target(op=">", value=95, unit="%"), "weaker"),
    (Target(op=">=", value=80, unit="%"), Target(op=">=", value=70, unit="%"), "stronger"),
    (Target(op="<=", value=3, unit="%"), Target(op="<=", value=5, unit="%"), "stronger"),
    (Target(op=">=", value=1, unit="tài khoản"), Target(op=">=", value=100, unit="%"), "not_comparable"),
    (None, Target(op=">=", value=100, unit="%"), "not_comparable"),
])
def test_target_verdicts(child, parent, verdict):
    assert target_verdict(child, parent) == verdict


def test_late_deadline_only_when_both_have_a_date():
    by = lambda d: Deadline(kind="by", text=d, date=d)  # noqa: E731
    assert is_late(by("2024-12-31"), by("2024-09-30"))
    assert not is_late(by("2024-06-30"), by("2024-09-30"))
    assert not is_late(Deadline(kind="ongoing", text="Thường xuyên"), by("2024-09-30"))


def test_units_map_across_levels():
    assert "culture_information" in unit_roles("Công chức Văn hóa – xã hội")
    assert "culture_information" in unit_roles("Phòng VHTT")
    assert "villages" not in unit_roles("phòng Văn hóa Thông tin")
    assert not lead_changed(["Công chức Văn hóa – xã hội"], ["Phòng Văn hóa Thông tin"])
    assert not lead_changed(["Công chức VP-TK"], ["UBND các phường"])  # the commune itself
    assert lead_changed(["Công an xã"], ["Phòng Tư pháp"])


def test_comparison_schema_is_not_stale():
    on_disk = json.loads(COMPARISON_SCHEMA_PATH.read_text(encoding="utf-8"))
    assert on_disk == json.loads(json.dumps(comparison_schema()))


def test_compare_cli_takes_extraction_json_and_writes_json_and_markdown(tmp_path):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "planparse.cli", *args], capture_output=True, text=True,
                              cwd=ROOT, timeout=300)

    r = run("extract", str(CORPUS / "seeds" / "000_db1299a2e6faf1e1.txt"), "-o", str(tmp_path))
    assert r.returncode == 0, r.stderr
    r = run("compare", str(CORPUS / "docx" / "001_55bc0ea6d2f8eabe.docx"), str(tmp_path / "000_db1299a2e6faf1e1.txt.json"),
            "-o", str(tmp_path / "cmp.json"), "--md", str(tmp_path / "cmp.md"))
    assert r.returncode == 0, r.stderr
    import jsonschema
    data = json.loads((tmp_path / "cmp.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, comparison_schema())
    assert data["summary"]["kpis_weaker"] == 1
    assert "**yếu hơn**" in (tmp_path / "cmp.md").read_text(encoding="utf-8")
    r = run("compare", str(tmp_path / "missing.json"), str(tmp_path / "cmp.json"))
    assert r.returncode == 1 and "missing.json" in r.stderr and "Traceback" not in r.stderr


def test_two_plans_of_one_issuer_in_different_years():
    """Seed 002 (2021, OCR-damaged, repaired on reading) against seed 000 (2023), same issuer."""
    result = compare_plans(load_plan(CORPUS / "seeds" / "002_408fa6199785fdab.txt"),
                           load_plan(CORPUS / "seeds" / "000_db1299a2e6faf1e1.txt"))
    assert result.child.issuer == result.parent.issuer == "UBND thị xã Cửa Lò"
    assert result.child.date.startswith("2021") and result.parent.date.startswith("2023")
    assert result.summary["kpis_missing"] + result.summary["kpis_paired"] == 9
    assert result.summary["tasks_covered"] + result.summary["tasks_not_covered"] == 11


# ------------------------------------------------------------------ a child that details one part of its parent
LAM_DONG = CORPUS / "real" / "lam-dong"
CCHC_2026 = LAM_DONG / "Kế hoạch CCHC 2026 của tỉnh Lâm Đồng.docx"
CHILDREN = {  # child file, its hand alignment's floors: task pair precision and recall as measured (see the README there)
    "kiem-tra": ("KE HOACH KIEM TRA CCHC 2026.docx", 0.88, 1.0),
    "tuyen-truyen": ("Ke hoach tuyen truyen CCHC tinh Lam Dong nam 2026.docx", 0.84, 0.80),
    "thi-dua": ("Ke hoach phat dong phong trao thi dua CCHC nam 2026 tinh Lam Dong.docx", 0.80, 0.66),
}


@pytest.fixture(scope="module")
def cchc_2026():
    return load_plan(CCHC_2026)


@pytest.fixture(scope="module")
def children(cchc_2026):
    return {name: compare_plans(load_plan(LAM_DONG / f), cchc_2026) for name, (f, _, _) in CHILDREN.items()}


@pytest.mark.parametrize("name", list(CHILDREN))
def test_real_child_details_a_part_task_pairs_against_hand_alignment(children, name):
    from compare_alignment import load_alignment, score

    alignment = load_alignment(ROOT / "tests" / "data" / "compare" / f"{name}-cchc-2026_vs_cchc-2026.expected-pairs.json")
    figures = score(children[name], alignment)
    _, precision, recall = CHILDREN[name]
    assert figures["unlisted"] == [], "the alignment does not judge these child tasks: bring it up to date"
    assert figures["precision"] >= precision and figures["recall"] >= recall, figures["mistakes"]
    assert children[name].details_part


def test_inspection_schedule_entries_carry_out_the_parents_inspection_duty(children):
    """An inspection plan's contents to be checked are not tasks: its schedule entries (the unit inspected, the month)
    are, each one inspection by Sở Nội vụ, which is the parent's duty to 'theo dõi, kiểm tra, đôn đốc' (II.1.c)."""
    result = children["kiem-tra"]
    entries = [p for p in result.task_pairs if p.child.ref.startswith("PL.")]
    assert len(entries) == 29 and {p.parent.ref for p in entries} == {"II.1.c"}
    assert {t.ref for t in result.tasks_carried_by_plan} == {"PL.VII.2"}  # 'Tham mưu ban hành Kế hoạch kiểm tra ...'
    assert "II.1" in result.scope_sections
    outside = {t.ref for t in result.parent_outside_scope}
    assert {"I.1.b.1", "I.5.b.4", "PL.V.4", "II.2.b"} <= outside  # the fields it checks, not carries out, and funding
    assert not any(p.lead_changed for p in entries)


def test_propaganda_plan_carries_the_parents_propaganda_duty_and_leaves_other_fields_out(children):
    result = children["tuyen-truyen"]
    assert {"I.7.d", "PL.VII.3"} <= {t.ref for t in result.tasks_carried_by_plan}
    assert "I.7" in result.scope_sections and "I.3" not in result.scope_sections
    outside = {t.ref for t in result.parent_outside_scope}
    assert {"I.3.b.1", "I.5.b.1", "PL.V.1"} <= outside  # the civil service apparatus and public finance
    assert not outside & {t.ref for t in result.tasks_not_covered}
    paired_to_duty = [p for p in result.task_pairs if p.parent.ref == "I.7.d"]
    assert len(paired_to_duty) >= 8  # many child tasks carry out one parent duty
    assert all(k.ref not in {x.ref for x in result.kpis_missing} for k in result.kpis_outside_scope)
    assert result.summary["kpis_outside_scope"] == len(result.kpis_outside_scope) > 0


def test_a_plan_for_the_whole_period_is_compared_as_a_whole(cchc_2026):
    result = compare_plans(load_plan(LAM_DONG / "Kế hoạch CCHC giai đoạn 2026-2030.docx"), cchc_2026)
    assert not result.details_part and not result.parent_outside_scope and not result.tasks_carried_by_plan
    assert result.summary["tasks_covered"] >= 90


def test_the_seed_commune_plan_implements_its_parent_whole(result):
    assert not result.details_part and result.parent_outside_scope == [] and result.kpis_outside_scope == []


def test_report_in_vietnamese_lists_what_is_outside_the_childs_scope(children):
    from planparse.compare import to_markdown

    md = to_markdown(children["kiem-tra"])
    assert "triển khai một phần của kế hoạch cấp trên" in md
    assert "### Nhiệm vụ của cấp trên ngoài phạm vi kế hoạch này" in md
    assert "### Nhiệm vụ của cấp trên do cả kế hoạch này thực hiện" in md
    outside = md.split("### Nhiệm vụ của cấp trên ngoài phạm vi kế hoạch này")[1]
    assert "- II.2.b:" in outside and "- I.5.b.4:" in outside


def test_comparison_page_folds_the_parts_outside_scope(children):
    from planparse.html.comparison import render_comparison

    page = render_comparison(children["kiem-tra"])
    assert '<details id="outside-scope">' in page and 'id="tasks-carried"' in page
    assert page.count("<li><b>II.2.") == 1 and page.count("<li><b>I.5.b.") == 6


@pytest.mark.parametrize("ref,section", [("I.7.d", "I.7"), ("I.1.b.3", "I.1"), ("PL.VII.3", "PL.VII"), ("II.3", "II"),
                                         ("V.2.a", "V.2"), ("PL.6", "PL"), ("III", "III")])
def test_section_of_a_ref(ref, section):
    from planparse.compare import section_of

    assert section_of(ref) == section


def test_a_parent_task_ordering_the_child_plan_itself():
    from planparse.compare import _orders_plan
    from planparse.models import Meta, Plan, Task

    child = Plan(document="x", meta=Meta(doc_type="Kế hoạch", title="Tuyên truyền cải cách hành chính năm 2026"))
    order = Task(ref="PL.VII.3", text="Tham mưu ban hành Kế hoạch tuyên truyền công tác cải cách hành chính trên địa bàn tỉnh năm 2026")
    duty = Task(ref="I.7.d", text="Đẩy mạnh tuyên truyền về ý nghĩa, mục tiêu của Kế hoạch cải cách hành chính năm 2026")
    assert _orders_plan(child, order) and not _orders_plan(child, duty)


@pytest.mark.parametrize("child,parent", [
    (["Đồng chí Chủ tịch UBMTTQ xã"], ["Ban Thường trực UBMTTQ xã"]),
    (["Trưởng đoàn"], ["Đoàn kiểm tra, giám sát"]),
    (["Đồng chí Phó Trưởng phòng Văn hóa - Xã hội - Phó Trưởng tiểu ban Thường trực"], ["Tiểu ban thông tin, tuyên truyền"]),
    (["Chủ tịch UBND xã"], ["Chủ tịch UBND tỉnh"]),
    (["Sở Khoa học và Công nghệ"], ["Sở Khoa học, Công nghệ"]),
    (["Báo và Phát thanh, Truyền hình tỉnh"], ["Đài Truyền thanh xã"]),
    (["Trung tâm Phục vụ hành chính công tỉnh"], ["Bộ phận Một cửa xã"]),
])
def test_persons_and_roles_map_across_plans(child, parent):
    assert not lead_changed(child, parent)


def test_persons_of_other_roles_are_a_change_of_lead():
    assert lead_changed(["Trưởng đoàn"], ["Sở Tài chính"])
    assert lead_changed(["Thanh tra tỉnh"], ["Sở Khoa học và Công nghệ"])


def test_alignment_entries_are_found_by_ref_and_by_how_the_text_begins():
    from compare_alignment import find_entry
    from planparse.models import TaskItem

    entries = [{"child": "III.2", "child_text": "Tổ chức Cuộc thi", "parents": ["I.7.d"]},
               {"child": "III.*", "child_text": "Giải đáp những vướng mắc", "parents": ["PL.II.8"]}]
    assert find_entry(entries, TaskItem(ref="III.2", text="Tổ chức Cuộc thi tìm hiểu"))["parents"] == ["I.7.d"]
    assert find_entry(entries, TaskItem(ref="III.2", text="Giải đáp những vướng mắc, kiến nghị"))["parents"] == ["PL.II.8"]
    assert find_entry(entries, TaskItem(ref="IV.1", text="Giải đáp những vướng mắc")) is None


# ------------------------------------------------------------------ rules for a child that details a part
def _plan(title, tasks, doc_type="Kế hoạch"):
    from planparse.models import Meta, Plan, Task

    return Plan(document="x", meta=Meta(doc_type=doc_type, title=title),
                tasks=[t if isinstance(t, Task) else Task(ref=t[0], text=t[1], **(t[2] if len(t) > 2 else {}))
                       for t in tasks])


def test_a_duty_is_compared_without_the_units_it_names():
    from planparse.compare import duty_text
    from planparse.models import Task

    task = Task(ref="III.2", text="Sở Nội vụ chủ trì, phối hợp với Báo và Phát thanh, Truyền hình tỉnh tổ chức Cuộc thi "
                                  "tìm hiểu về cải cách hành chính năm 2026", lead=["Sở Nội vụ"])
    text = duty_text(task)
    assert "Sở Nội vụ" not in text and "Báo và Phát thanh" not in text
    assert "Cuộc thi tìm hiểu về cải cách hành chính năm 2026" in text


def test_an_inspection_schedule_entry_is_compared_by_the_plans_title():
    from planparse.compare import duty_text
    from planparse.models import Task

    child = _plan("Kiểm tra công tác cải cách hành chính năm 2026 trên địa bàn tỉnh", [])
    entry = Task(ref="PL.II.3", text="Xã Đắk Song", lead=["Sở Nội vụ"], section="schedule")
    assert duty_text(entry, child) == "Kiểm tra công tác cải cách hành chính năm 2026 trên địa bàn tỉnh"
    assert duty_text(entry.model_copy(update={"section": "table"}), child) == "Xã Đắk Song"


PARENT_TASKS = [
    ("I.1.b.1", "Thường xuyên rà soát, hệ thống hóa các văn bản quy phạm pháp luật thuộc phạm vi quản lý"),
    ("I.2.b.8", "Tiếp nhận và xử lý kịp thời các phản ánh, kiến nghị; tổ chức đối thoại định kỳ với người dân và doanh "
                "nghiệp để kịp thời tháo gỡ vướng mắc về thủ tục hành chính"),
    ("I.5.b.1", "Xây dựng kế hoạch giải ngân chi tiết và tổ chức thực hiện giải ngân vốn ngân sách nhà nước được giao"),
    ("I.5.b.2", "Thực hiện đồng bộ các giải pháp để tăng thu ngân sách nhà nước"),
    ("I.7.a", "Các cơ quan, đơn vị, địa phương tổ chức quán triệt đến đội ngũ cán bộ, công chức, viên chức để nâng cao "
              "nhận thức, trách nhiệm trong thực hiện nhiệm vụ cải cách hành chính"),
    ("I.7.d", "Đẩy mạnh tuyên truyền về ý nghĩa, mục tiêu, nội dung và kết quả triển khai thực hiện Kế hoạch cải cách "
              "hành chính năm 2026 của tỉnh, với nhiều hình thức đa dạng, phong phú"),
    ("II.1.c", "Sở Nội vụ có trách nhiệm giúp Ủy ban nhân dân tỉnh theo dõi, kiểm tra, đôn đốc việc thực hiện Kế hoạch cải "
               "cách hành chính năm 2026 của các cơ quan, đơn vị, địa phương", {"lead": ["Sở Nội vụ"]}),
    ("PL.VII.3", "Tham mưu ban hành Kế hoạch tuyên truyền công tác cải cách hành chính trên địa bàn tỉnh năm 2026",
     {"lead": ["Sở Nội vụ"]}),
]


def test_title_subject_is_what_the_childs_title_opens_with():
    from planparse.compare import CompareSettings, WordWeights, title_subject

    parent = _plan("Cải cách hành chính nhà nước năm 2026 tỉnh Lâm Đồng", PARENT_TASKS)
    weights = WordWeights([t.text for t in parent.tasks])
    subject = lambda title: title_subject(_plan(title, []), parent, weights, CompareSettings())  # noqa: E731
    assert subject("Tuyên truyền cải cách hành chính năm 2026") == {"tuyên_truyền"}
    assert subject("Kiểm tra công tác cải cách hành chính năm 2026") == {"kiểm_tra"}
    # a word most parent tasks use names no subject: the next word is tried
    assert subject("Thực hiện tuyên truyền cải cách hành chính năm 2026") == {"tuyên_truyền"}
    # a word the parent never uses (an emulation movement) leaves no subject to pair on
    assert subject("Phát động phong trào thi đua đẩy mạnh cải cách hành chính năm 2026") == frozenset()


def test_frame_words_of_the_childs_title_are_those_the_parent_never_uses():
    from planparse.compare import WordWeights, frame_words

    parent = _plan("Cải cách hành chính nhà nước năm 2026 tỉnh Lâm Đồng", PARENT_TASKS)
    child = _plan("Phát động Phong trào thi đua “Đẩy mạnh cải cách hành chính nhà nước” năm 2026", [])
    assert frame_words(child, parent, WordWeights([t.text for t in parent.tasks])) == {"phát_động", "phong_trào", "thi_đua"}


def test_words_the_parent_never_uses_count_against_a_pair():
    from planparse.compare import WordWeights, words_of

    weights = WordWeights([t[1] for t in PARENT_TASKS])
    known = words_of("đối thoại định kỳ với người dân và doanh nghiệp")
    assert weights.overlap(known | {"bằng_khen", "khen_thưởng"}, 1) < weights.overlap(known, 1)
    # a long parent item is forgiven what the child leaves out less at 0.5 (cosine) than at 0.25
    assert weights.overlap(known, 1, 0.5) < weights.overlap(known, 1, 0.25)


def test_an_item_and_the_rows_of_its_table_are_one_group():
    from planparse.compare import table_groups
    from planparse.models import Task

    tasks = [Task(ref="III.1.a", text="Tổ chức chương trình “Đối thoại về cải cách hành chính”"),
             Task(ref="III.1.a.1", text="Giải đáp vướng mắc thuộc thẩm quyền của Sở Y tế", section="table"),
             Task(ref="III.1.a.2", text="Giải đáp vướng mắc thuộc thẩm quyền của Sở Tài chính", section="table"),
             Task(ref="III.2", text="Tổ chức Cuộc thi tìm hiểu về cải cách hành chính"),
             Task(ref="III.2.1", text="Xây dựng thể lệ cuộc thi")]  # an outline sub-item, not a table row
    assert table_groups(tasks) == [[0, 1, 2]]


def test_only_a_task_that_deals_with_plans_may_carry_out_the_order_to_issue_the_child():
    from planparse.compare import _names_kind
    from planparse.models import Task

    child = _plan("Tuyên truyền cải cách hành chính năm 2026", [])
    assert _names_kind(child, Task(ref="IV.8.a", text="Nghiên cứu, xây dựng, ban hành kế hoạch cụ thể về tuyên truyền"))
    assert not _names_kind(child, Task(ref="III.2", text="Tổ chức Cuộc thi tìm hiểu về cải cách hành chính"))


def test_bodies_in_general_are_no_sign_of_one_duty_passed_down():
    from planparse.compare import _lead_roles

    assert _lead_roles(["Sở Nội vụ (Cơ quan Thường trực Hội đồng Thi đua - Khen thưởng tỉnh)"]) == {"home_affairs"}
    assert _lead_roles(["Các sở, ban, ngành", "UBND các xã, phường, đặc khu", "Các cơ quan, đơn vị, địa phương"]) == set()


def test_a_propaganda_plan_pairs_its_tasks_with_the_parents_duties_on_propaganda_and_dialogue():
    """The subject of the title first, an item with its table's rows as one, the rest with the duty it details;
    the order to issue the plan is carried out by the plan as a whole, not by a task that does propaganda."""
    from planparse.compare import align_tasks

    parent = _plan("Cải cách hành chính nhà nước năm 2026 tỉnh Lâm Đồng", PARENT_TASKS)
    child = _plan("Tuyên truyền cải cách hành chính năm 2026", [
        ("II.1", "Tuyên truyền trên báo chí về kết quả triển khai cải cách hành chính của tỉnh"),
        ("III.1", "Tổ chức chương trình truyền hình “Đối thoại về cải cách hành chính” năm 2026, gồm các chuyên mục sau:"),
        ("III.1.1", "Giải đáp những vướng mắc, kiến nghị của người dân, doanh nghiệp thuộc thẩm quyền của Sở Y tế",
         {"section": "table"}),
        ("III.1.2", "Giải đáp những vướng mắc, kiến nghị của người dân, doanh nghiệp thuộc thẩm quyền của Sở Xây dựng",
         {"section": "table"}),
        ("III.2", "Tổ chức Cuộc thi tìm hiểu về cải cách hành chính năm 2026 trên địa bàn tỉnh"),
        ("IV.1", "Nghiên cứu, ban hành kế hoạch tuyên truyền cụ thể của cơ quan, đơn vị năm 2026"),
    ])
    aligned = align_tasks(child, parent)
    pairs = {child.tasks[i].ref: parent.tasks[j].ref for i, j, _ in aligned.pairs}
    assert not aligned.whole_plan and {parent.tasks[j].ref for j in aligned.carried_by_plan} >= {"I.7.d", "PL.VII.3"}
    assert pairs["II.1"] == "I.7.d"
    assert pairs["III.1"] == pairs["III.1.1"] == pairs["III.1.2"] == "I.2.b.8"
    assert pairs["III.2"] == "I.7.d"  # resembles nothing in particular: the duty the plan details
    assert pairs["IV.1"] == "PL.VII.3"  # each body's own propaganda plan
    assert "I.5.b.1" not in pairs.values()


def test_the_scorer_names_child_tasks_the_alignment_does_not_judge():
    from compare_alignment import score
    from planparse.models import Comparison, PlanSummary, TaskItem, TaskPair

    judged, own, new = (TaskItem(ref="II.1", text="Tuyên truyền trên báo chí"), TaskItem(ref="IV.1", text="Khen thưởng"),
                        TaskItem(ref="IV.2", text="Một nhiệm vụ mới"))
    result = Comparison(child=PlanSummary(document="c"), parent=PlanSummary(document="p"),
                        task_pairs=[TaskPair(child=judged, parent=TaskItem(ref="I.7.d", text="Đẩy mạnh tuyên truyền"), score=50),
                                    TaskPair(child=new, parent=TaskItem(ref="I.7.a", text="Quán triệt"), score=45)],
                        tasks_added=[own])
    alignment = {"pairs": [{"child": "II.1", "child_text": "Tuyên truyền", "parents": ["I.7.d"]}],
                 "child_own": [{"child": "IV.1", "child_text": ""}], "scope": {"sections_in_scope": ["I.7"]}}
    figures = score(result, alignment)
    assert figures["unlisted"] == ["IV.2"]
    assert figures["precision"] == 0.5 and figures["recall"] == 1.0


@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="reading a .doc needs LibreOffice")
def test_a_year_plan_that_restates_its_programme_plan_is_compared_as_a_whole():
    """The province's drug-control plan for 2026 (.doc) restates the sections of its programme plan to 2030 for the
    year: it follows the parent as a whole, and each pair is the same duty restated."""
    from planparse.compare import similarity

    result = compare_plans(load_plan(LAM_DONG / "KẾ HOẠCH KMT UBND TỈNH NĂM 2026.doc"),
                           load_plan(LAM_DONG / "Kế hoạch thực hiện Chương trình  PCMT đến năm 2030 (đã chỉnh).docx"))
    assert not result.details_part and not result.parent_outside_scope
    assert result.summary["tasks_covered"] >= 55
    assert all(similarity(p.child.text, p.parent.text) >= 70 for p in result.task_pairs)
