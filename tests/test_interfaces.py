"""Outputs and interfaces other programs rely on: one schema for every output, JSONL, stdin,
`python -m planparse`, and the Python API."""
import json
import os
import subprocess
import sys

import jsonschema

from conftest import CORPUS, ROOT

SEED = CORPUS / "seeds" / "000_db1299a2e6faf1e1.txt"
DOCX = CORPUS / "docx" / "001_55bc0ea6d2f8eabe.docx"


def py(*args, stdin=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, *args], capture_output=True, cwd=ROOT, timeout=600, env=env, input=stdin)


def plan_validator():
    schema = json.loads((ROOT / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def test_every_kind_of_output_validates_against_the_published_schema(tmp_path):
    v = plan_validator()
    r = py("-m", "planparse", "extract", str(SEED), "-o", str(tmp_path / "x"))
    assert r.returncode == 0, r.stderr
    extract_json = json.loads((tmp_path / "x" / (SEED.name + ".json")).read_text(encoding="utf-8"))
    v.validate(extract_json)
    assert extract_json["sha256"] and extract_json["source_file"].endswith(SEED.name)
    r = py("-m", "planparse", "batch", str(SEED), str(DOCX), "--out", str(tmp_path / "b"))
    assert r.returncode == 0, r.stderr
    batch_jsons = list((tmp_path / "b" / "json").glob("*.json"))
    assert len(batch_jsons) == 2
    for p in batch_jsons:
        v.validate(json.loads(p.read_text(encoding="utf-8")))
    lines = (tmp_path / "b" / "plans.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    for line in lines:
        v.validate(json.loads(line))
    r = py("-m", "planparse", "extract", str(SEED), str(DOCX))
    for line in r.stdout.decode("utf-8").splitlines():
        v.validate(json.loads(line))


def test_several_files_to_stdout_are_json_lines():
    r = py("-m", "planparse", "extract", str(SEED), str(DOCX))
    assert r.returncode == 0, r.stderr
    records = [json.loads(line) for line in r.stdout.decode("utf-8").splitlines()]
    assert [x["document"] for x in records] == [SEED.name, DOCX.name]


def test_a_plan_on_standard_input_is_read_by_its_content():
    for path in (SEED, DOCX):
        r = py("-m", "planparse", "extract", "-", stdin=path.read_bytes())
        assert r.returncode == 0, r.stderr
        plan = json.loads(r.stdout)
        assert plan["document"] == "stdin" and plan["tasks"], path
    r = py("-m", "planparse", "extract", "-", stdin=b"%PDF-1.4 not really")
    assert r.returncode == 1 and r.stderr.decode().startswith("error: stdin: E105")
    assert b"planparse-" not in r.stderr  # the temporary file is not what the user gave


def test_python_m_planparse_is_the_command_line():
    r = py("-m", "planparse", "--help")
    assert r.returncode == 0 and b"extract" in r.stdout


def test_the_python_api_reads_extracts_compares_batches_and_links(tmp_path):
    import planparse

    plan = planparse.extract(SEED)
    assert planparse.extract(DOCX).tasks  # still the function once the modules behind it are loaded
    assert plan.tasks and plan.sha256 and plan.meta.issuer
    assert planparse.read(DOCX).blocks
    comparison = planparse.compare_plans(CORPUS / "seeds" / "001_55bc0ea6d2f8eabe.txt", plan)
    assert comparison.child.document.startswith("001_")
    records = planparse.run_batch([SEED, DOCX], tmp_path / "out")
    assert [r.status for r in records] and all(r.status in ("ok", "warnings") for r in records)
    tree = planparse.link_folder(CORPUS / "seeds")
    assert tree.edges
    r = py("-c", "import planparse; p = planparse.extract('corpus/seeds/000_db1299a2e6faf1e1.txt'); print(len(p.tasks))")
    assert r.returncode == 0 and int(r.stdout) == len(plan.tasks), r.stderr
    assert (ROOT / "src" / "planparse" / "py.typed").exists()


def test_eval_finds_the_corpus_from_any_folder_and_scores_a_batch_output(tmp_path):
    out = tmp_path / "out"
    r = py("-m", "planparse", "batch", str(CORPUS / "seeds"), "--out", str(out))
    assert r.returncode == 0, r.stderr
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    r = subprocess.run([sys.executable, "-m", "planparse", "eval", str(out / "json")], capture_output=True, text=True,
                       cwd=tmp_path, timeout=600, env=env)
    assert r.returncode == 0, r.stderr
    assert "000_db1299a2e6faf1e1.txt" in r.stdout and "micro" in r.stdout


def test_the_workbook_has_the_csv_rows_dates_as_dates_and_no_formula(tmp_path):
    import csv
    import datetime

    import openpyxl

    from planparse.batch import STATE, write_outputs

    src = tmp_path / "in"
    src.mkdir()
    for seed in sorted((CORPUS / "seeds").glob("00[01345]_*.txt")):
        (src / seed.name).write_bytes(seed.read_bytes())
    out = tmp_path / "out"
    r = py("-m", "planparse", "batch", str(src), "--out", str(out))
    assert r.returncode == 0, r.stderr
    # a duty that starts like a formula, with a control character from a damaged file
    first = sorted((out / "json").glob("*.json"))[0]
    plan = json.loads(first.read_text(encoding="utf-8"))
    plan["tasks"][0]["text"] = '=HYPERLINK("http://evil.example","Bấm")\x07 giao Sở Nội vụ chủ trì'
    first.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    write_outputs(out, json.loads((out / STATE).read_text(encoding="utf-8")))
    book = openpyxl.load_workbook(out / "plans.xlsx")
    assert book.sheetnames == ["plans", "tasks", "kpis", "units"]
    for name in book.sheetnames:
        ws = book[name]
        with open(out / f"{name}.csv", encoding="utf-8", newline="") as f:
            csv_rows = list(csv.reader(f))
        rows = list(ws.iter_rows())
        assert len(rows) == len(csv_rows) and [c.value for c in rows[0]] == csv_rows[0]
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref
        assert not [c for row in rows for c in row if c.data_type == "f"]
    # a whole date is a date; a plan dated only by month or year ("2023-10") stays as printed
    tasks = book["tasks"]
    date_col = [c.value for c in tasks[1]].index("deadline_date")
    values = [row[date_col].value for row in tasks.iter_rows(min_row=2) if row[date_col].value is not None]
    assert values
    assert all(isinstance(v, datetime.datetime) or len(v) < 10 for v in values)
    texts = [c.value for row in book["tasks"].iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert any(t.startswith("=HYPERLINK") for t in texts)  # shown as text, not run


def test_quiet_keeps_errors_only_and_verbose_adds_a_line_per_file(tmp_path):
    damaged = CORPUS / "seeds" / "002_408fa6199785fdab.txt"  # repaired first: a warning
    missing = tmp_path / "missing.txt"
    quiet = py("-m", "planparse", "-q", "extract", str(damaged), str(missing), "-o", str(tmp_path / "q"))
    assert quiet.returncode == 1
    assert [line.split(":")[0] for line in quiet.stderr.decode().splitlines()] == ["error"]
    loud = py("-m", "planparse", "-v", "extract", str(damaged), "-o", str(tmp_path / "v"))
    assert b"warning:" in loud.stderr and b"tasks," in loud.stderr
    r = py("-m", "planparse", "-q", "batch", str(SEED), str(missing), "--out", str(tmp_path / "b"))
    assert r.returncode == 1 and r.stderr.decode().strip().startswith("failed:")
