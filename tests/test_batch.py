"""Batch: outputs for other tools, resume, and bad files that never stop the rest."""
import csv
import json
import re
import os
import shutil
import sqlite3
import subprocess
import sys

from pathlib import Path

from conftest import CORPUS, ROOT


def run(*args):
    return subprocess.run([sys.executable, "-m", "planparse.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=600)


def _folder(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    shutil.copy(CORPUS / "seeds" / "000_db1299a2e6faf1e1.txt", src)
    shutil.copy(CORPUS / "docx" / "001_55bc0ea6d2f8eabe.docx", src / "sub")
    (src / "empty.txt").write_bytes(b"")
    (src / "garbage.pdf").write_bytes(b"%PDF-1.4 garbage" * 10)
    (src / "report.txt").write_text("BÁO CÁO\nKết quả năm 2025\nI. KẾT QUẢ\n1. Đã làm.\n", encoding="utf-8")
    os.symlink(src / "loop", src / "loop")  # a link to itself
    return src


def test_batch_writes_every_output_and_records_failures(tmp_path):
    src = _folder(tmp_path)
    out = tmp_path / "out"
    r = run("batch", str(src), "--out", str(out), "-j", "2", "--bom")
    assert r.returncode == 1, r.stderr  # some files failed
    assert "2 ok" in r.stderr or "1 ok, 1 with warnings" in r.stderr or "with warnings" in r.stderr
    assert "empty.txt" in r.stderr and "garbage.pdf" in r.stderr and "report.txt" in r.stderr
    assert "loop: collect: E109" in r.stderr
    names = sorted(p.name for p in out.iterdir())
    assert {"plans.jsonl", "plans.csv", "tasks.csv", "kpis.csv", "units.csv", "plans.sqlite"} <= set(names)
    assert not [p for p in out.rglob("*.tmp")]
    assert len((out / "plans.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    with open(out / "tasks.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert any(row["lead"] == "UBND các phường" for row in rows)
    db = sqlite3.connect(out / "plans.sqlite")
    kpis = db.execute("SELECT p.issuer, substr(p.date, 1, 4), k.value FROM kpis k JOIN plans p USING (plan_id) "
                      "WHERE k.indicator LIKE '%thanh toán trực tuyến%' ORDER BY p.issuer").fetchall()
    assert ("UBND thị xã Cửa Lò", "2023", 30.0) in kpis
    led = db.execute("SELECT DISTINCT t.ref FROM tasks t JOIN units u ON u.item_id = t.task_id "
                     "WHERE u.role = 'lead' AND u.canonical LIKE 'Ủy ban nhân dân các phường%'").fetchall()
    assert ("II.3",) in led
    failures = dict(db.execute("SELECT file, reason FROM failures").fetchall())
    assert any(f.endswith("empty.txt") and "E102" in reason for f, reason in failures.items())


def test_batch_resumes_without_reading_unchanged_files(tmp_path):
    src = _folder(tmp_path)
    out = tmp_path / "out"
    run("batch", str(src), "--out", str(out))
    before = (out / "plans.jsonl").read_text(encoding="utf-8")
    r = run("batch", str(src), "--out", str(out))
    assert "2 unchanged (skipped)" in r.stderr
    assert (out / "plans.jsonl").read_text(encoding="utf-8") == before
    state = json.loads((out / "batch-state.json").read_text(encoding="utf-8"))
    assert state["pipeline"] and len(state["files"]) >= 5


def test_a_killed_batch_rerun_ends_like_an_uninterrupted_one(tmp_path):
    import signal
    import time

    src = tmp_path / "in"
    src.mkdir()
    for i in range(4):
        for p in sorted((CORPUS / "pdf").glob("*.pdf")) + sorted((CORPUS / "docx").glob("*.docx")):
            shutil.copy(p, src / f"{i}_{p.name}")
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    run("batch", str(src), "--out", str(whole))
    cmd = [sys.executable, "-m", "planparse.cli", "batch", str(src), "--out", str(killed)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not [p for p in killed.rglob("*.json") if p.stat().st_size == 0]
    run("batch", str(src), "--out", str(killed))
    assert not list(killed.rglob("*.tmp"))
    assert (killed / "plans.jsonl").read_text(encoding="utf-8") == (whole / "plans.jsonl").read_text(encoding="utf-8")
    assert sorted(p.name for p in (killed / "json").iterdir()) == sorted(p.name for p in (whole / "json").iterdir())


def test_a_document_that_is_not_a_plan_is_skipped_not_failed(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(CORPUS / "seeds" / "000_db1299a2e6faf1e1.txt", src)
    (src / "report.txt").write_text("BÁO CÁO\nKết quả năm 2025\nI. KẾT QUẢ\n1. Đã làm.\n", encoding="utf-8")
    out = tmp_path / "out"
    r = run("batch", str(src), "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "1 not plans (skipped), 0 failed" in r.stderr and "not a plan: " in r.stderr and "report.txt" in r.stderr
    db = sqlite3.connect(out / "plans.sqlite")
    assert [row[0].endswith("report.txt") for row in db.execute("SELECT file FROM not_plans")] == [True]
    assert db.execute("SELECT count(*) FROM failures").fetchone()[0] == 0
    assert run("batch", str(src), "--out", str(tmp_path / "out2"), "--fail-on-not-plan").returncode == 1


def _readme_queries() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Batch outputs"):]
    block = section[section.index("```sql") + len("```sql"):section.index("```", section.index("```sql") + 6)]
    return [q.strip() for q in re.sub(r"--[^\n]*", "", block).split(";") if q.strip()]


def test_readme_queries_give_one_row_per_item_where_refs_repeat(tmp_path):
    """The README's SQL, run as printed, on real plans whose appendices repeat refs (PL.I.1 five times)."""
    src = tmp_path / "in"
    src.mkdir()
    for name in ("nghe-an-kh980-2025.md", "dong-thap-kh617-2025.md"):
        shutil.copy(next((CORPUS / "real").rglob(name)), src)
    out = tmp_path / "out"
    r = run("batch", str(src), "--out", str(out))
    assert r.returncode == 0, r.stderr
    db = sqlite3.connect(out / "plans.sqlite")
    repeated = db.execute("SELECT count(*) FROM (SELECT plan_id, ref FROM tasks GROUP BY plan_id, ref "
                          "HAVING count(*) > 1)").fetchone()[0]
    assert repeated > 0
    queries = _readme_queries()
    assert len(queries) == 2
    kpi_rows = db.execute(queries[0]).fetchall()
    assert len(kpi_rows) == db.execute("SELECT count(*) FROM kpis WHERE indicator LIKE '%thanh toán trực tuyến%'").fetchone()[0]
    led_rows = db.execute(queries[1]).fetchall()
    lead_units = db.execute("SELECT count(*) FROM units WHERE item = 'task' AND role = 'lead' "
                            "AND canonical LIKE 'Sở Nội vụ%'").fetchone()[0]
    assert led_rows and len(led_rows) == lead_units  # one row per lead unit line: no rows multiplied by repeated refs
    ids = db.execute("SELECT task_id FROM tasks").fetchall()
    assert len(ids) == len(set(ids))
    # the CSVs carry the tables' columns, ids included
    for table in ("plans", "tasks", "kpis", "units"):
        cols = [c[1] for c in db.execute(f"PRAGMA table_info({table})")]
        with open(out / f"{table}.csv", encoding="utf-8", newline="") as f:
            assert next(csv.reader(f)) == cols
    # plan ids come from content: a second run elsewhere gives the same ids
    out2 = tmp_path / "out2"
    run("batch", str(src), "--out", str(out2))
    again = sqlite3.connect(out2 / "plans.sqlite")
    assert sorted(again.execute("SELECT plan_id, sha256 FROM plans")) == sorted(db.execute("SELECT plan_id, sha256 FROM plans"))


def test_a_rerun_over_a_finished_folder_rewrites_nothing_unless_asked_otherwise(tmp_path):
    from planparse.batch import run_batch

    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(CORPUS / "seeds" / "000_db1299a2e6faf1e1.txt", src)
    out = tmp_path / "out"
    run_batch([str(src)], str(out), progress=False)
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
    records = run_batch([str(src)], str(out), progress=False)
    assert [r.status for r in records] == ["skipped"]
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()} == stamps
    run_batch([str(src)], str(out), progress=False, bom=True)  # other options: the combined files again
    assert (out / "plans.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_batch_killed_outright_leaves_no_worker_behind(tmp_path):
    """A worker holds the file it reads; once the batch is killed (SIGKILL: no clean-up runs) it must see its parent
    gone and end, not wait on its pipe for ever."""
    import signal
    import time

    src = tmp_path / "in"
    src.mkdir()
    for i in range(40):
        for p in sorted((CORPUS / "pdf").glob("*.pdf")):
            shutil.copy(p, src / f"{i}_{p.name}")
    out = tmp_path / "killed"

    def processes() -> list[int]:
        found = []
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                if str(out).encode() in cmdline.read_bytes():
                    found.append(int(cmdline.parent.name))
            except (OSError, ValueError):
                pass
        return found
    proc = subprocess.Popen([sys.executable, "-m", "planparse.cli", "batch", str(src), "--out", str(out)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while len(processes()) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)  # the batch and its worker
    assert proc.poll() is None and len(processes()) >= 2, "the batch ended before a worker could be seen"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 20
    while processes() and time.monotonic() < deadline:
        time.sleep(0.2)
    left = processes()
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left
