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
    assert "**weaker**" in (tmp_path / "cmp.md").read_text(encoding="utf-8")
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
