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


def encrypted_pdf_bytes() -> bytes:
    """A one-page PDF behind the standard security handler, password unknown."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -44 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>] >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def _bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "garbage.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    (tmp_path / "garbage.docx").write_bytes(b"\x00\x01 not a zip" * 50)
    (tmp_path / "truncated.pdf").write_bytes((CORPUS / "pdf" / "000_db1299a2e6faf1e1.pdf").read_bytes()[:3000])
    with zipfile.ZipFile(tmp_path / "nodoc.docx", "w") as z:
        z.writestr("hello.txt", "x")
    (tmp_path / "encrypted.pdf").write_bytes(encrypted_pdf_bytes())
    (tmp_path / "encrypted.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    (tmp_path / "decision.txt").write_text("QUYẾT ĐỊNH\nVề việc khen thưởng\nĐiều 1. Khen thưởng ông A.\n", encoding="utf-8")
    return {"missing.txt": "E101", "empty.txt": "E102", "garbage.pdf": "E105", "garbage.docx": "E105",
            "truncated.pdf": "E105", "nodoc.docx": "E105", "encrypted.pdf": "E104", "encrypted.docx": "E104",
            "decision.txt": "E106"}


def test_bad_input_gives_one_line_error_and_nonzero_exit(tmp_path):
    for name, code in _bad_inputs(tmp_path).items():
        r = run("extract", str(tmp_path / name))
        assert r.returncode == 1, name
        lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
        assert len(lines) == 1 and name in lines[0] and "Traceback" not in r.stderr, (name, r.stderr)
        assert code in lines[0], (name, lines[0])


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


def test_eval_of_a_json_that_is_not_an_extraction_is_one_line(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "kh.gold.json").write_text('{"meta": {}, "implements": [], "tasks": [], "kpis": []}', encoding="utf-8")
    for content in ("[1, 2", "[1, 2]"):
        (tmp_path / "kh.json").write_text(content, encoding="utf-8")
        r = run("eval", "--gold", str(gold), str(tmp_path / "kh.json"))
        lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
        assert r.returncode == 1 and len(lines) == 1 and "kh.json" in lines[0] and "Traceback" not in r.stderr


def test_the_wheel_carries_the_published_schemas():
    from planparse.validate import PACKAGED_SCHEMAS, SCHEMAS

    for name in ("plan.schema.json", "comparison.schema.json"):
        assert (PACKAGED_SCHEMAS / name).read_bytes() == (SCHEMAS / name).read_bytes(), name
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"schemas/*.json"' in pyproject


def test_progress_is_plain_log_lines_when_stderr_is_not_a_terminal(monkeypatch, capsys):
    from planparse import cli

    monkeypatch.setattr(cli, "LOG_EVERY_SECONDS", 0.0)
    bar = cli._progress_bar("reading")  # pytest's stderr is not a terminal
    assert list(bar(["a", "b", "c"])) == ["a", "b", "c"]
    assert capsys.readouterr().err.splitlines() == ["reading: 1/3 files", "reading: 2/3 files", "reading: 3/3 files"]
    assert cli._progress_bar("reading", quiet=True) is None
