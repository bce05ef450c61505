import json
import subprocess
import sys
import zipfile

import jsonschema

from planparse.cli import build_parser
from planparse.validate import SCHEMA_PATH, plan_schema

from conftest import CORPUS, ROOT


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "planparse.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_schema_file_is_not_stale():
    on_disk = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert on_disk == json.loads(json.dumps(plan_schema())), "run: planparse schema -o schemas/plan.schema.json"


def test_extract_output_validates_against_the_schema(tmp_path):
    r = run("extract", str(CORPUS / "seeds" / "001_55bc0ea6d2f8eabe.txt"), "-o", str(tmp_path))
    assert r.returncode == 0, r.stderr
    data = json.loads((tmp_path / "001_55bc0ea6d2f8eabe.txt.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    assert data["meta"]["issuer"] == "UBND xã Hưng Đông"


def _bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "garbage.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    (tmp_path / "garbage.docx").write_bytes(b"\x00\x01 not a zip" * 50)
    (tmp_path / "truncated.pdf").write_bytes((CORPUS / "pdf" / "000_db1299a2e6faf1e1.pdf").read_bytes()[:3000])
    with zipfile.ZipFile(tmp_path / "nodoc.docx", "w") as z:
        z.writestr("hello.txt", "x")
    (tmp_path / "decision.txt").write_text("QUYẾT ĐỊNH\nVề việc khen thưởng\nĐiều 1. Khen thưởng ông A.\n", encoding="utf-8")
    return ["missing.txt", "empty.txt", "garbage.pdf", "garbage.docx", "truncated.pdf", "nodoc.docx", "decision.txt"]


def test_bad_input_gives_one_line_error_and_nonzero_exit(tmp_path):
    for name in _bad_inputs(tmp_path):
        r = run("extract", str(tmp_path / name))
        assert r.returncode == 1, name
        lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
        assert len(lines) == 1 and name in lines[0] and "Traceback" not in r.stderr, (name, r.stderr)


def test_a_bad_file_does_not_lose_the_others(tmp_path):
    out = tmp_path / "out"
    r = run("extract", str(tmp_path / "missing.txt"), str(CORPUS / "seeds" / "003_49d7825a55f0067e.txt"), "-o", str(out))
    assert r.returncode == 1
    assert (out / "003_49d7825a55f0067e.txt.json").exists()


def test_eval_prints_the_table_and_json(tmp_path):
    r = run("eval", str(CORPUS / "seeds" / "000_db1299a2e6faf1e1.txt"), "--json", str(tmp_path / "s.json"))
    assert r.returncode == 0, r.stderr
    assert "micro (all documents)" in r.stdout
    report = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert report["micro"]["all"]["f1"] >= 0.95


def test_every_command_has_help():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, p in sub.choices.items():
        assert sub._name_parser_map[name].format_help()
        assert any(c.dest == name and c.help for c in sub._choices_actions), name
