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
CHILDREN = {  # child file, its hand alignment, and the bars it meets (measured, less a margin for extraction changes)
    "kiem-tra": ("KE HOACH KIEM TRA CCHC 2026.docx", 0.80, 0.75),
    "tuyen-truyen": ("Ke hoach tuyen truyen CCHC tinh Lam Dong nam 2026.docx", 0.50, 0.28),
    "thi-dua": ("Ke hoach phat dong phong trao thi dua CCHC nam 2026 tinh Lam Dong.docx", 0.40, 0.60),
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
    assert figures["precision"] >= precision and figures["recall"] >= recall, figures["mistakes"]
    assert children[name].details_part


def test_inspection_plan_leaves_only_the_parents_funding_outside_its_scope(children):
    result = children["kiem-tra"]
    assert {t.ref for t in result.parent_outside_scope} == {"II.2.a", "II.2.b"}
    assert {t.ref for t in result.tasks_carried_by_plan} == {"PL.VII.2"}  # 'Tham mưu ban hành Kế hoạch kiểm tra ...'
    assert result.summary["parent_outside_scope"] == 2
    assert result.summary["tasks_covered"] + result.summary["tasks_not_covered"] + 2 + 2 <= len(load_plan(CCHC_2026).tasks)


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
    assert "- II.2.a:" in outside and "- II.2.b:" in outside


def test_comparison_page_folds_the_parts_outside_scope(children):
    from planparse.html.comparison import render_comparison

    page = render_comparison(children["kiem-tra"])
    assert '<details id="outside-scope">' in page and 'id="tasks-carried"' in page
    assert page.count("<li><b>II.2.") == 2


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
