"""Batch: folders of plans -> one JSON per plan, plans.jsonl, flat CSVs and an SQLite database.

Parallel over processes, resumable (a file whose sha256 and pipeline version are unchanged is not
read again), atomic writes (a killed batch leaves no partial file), and every input gets a record:
ok, ok with warnings, or failed with the stage and reason. One bad file never stops the batch.
"""
from __future__ import annotations

import csv
import glob
import hashlib
import json
import os
import sqlite3
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from . import __version__
from .models import SCHEMA_VERSION

PLAN_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".doc", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
STATE = "batch-state.json"
PIPELINE_VERSION = f"{__version__}+schema{SCHEMA_VERSION}"


@dataclass
class Record:
    file: str
    status: str  # ok / warnings / not_a_plan / failed / skipped (unchanged since the last run)
    sha256: str = ""
    output: Optional[str] = None
    review: Optional[str] = None  # review/*.html, with --html
    stage: Optional[str] = None
    reason: Optional[str] = None
    warnings: list[str] = field(default_factory=list)


def collect(inputs: Iterable[str]) -> tuple[list[Path], list[Record]]:
    """Files to read from folders (recursively, links not followed) and globs; problems as records."""
    files: list[Path] = []
    problems: list[Record] = []
    seen: set[str] = set()
    for spec in inputs:
        p = Path(spec)
        if p.is_dir():
            for root, dirs, names in os.walk(p, followlinks=False):
                dirs.sort()
                for n in sorted(names):
                    f = Path(root) / n
                    if f.is_symlink():
                        # links are not followed: a loop or a link out of the folder would read what was not asked
                        problems.append(Record(file=str(f), status="failed", stage="collect",
                                               reason="E109 symbolic link not followed"))
                    elif f.suffix.lower() in PLAN_SUFFIXES:
                        files.append(f)
        elif any(ch in spec for ch in "*?["):
            files += [Path(x) for x in sorted(glob.glob(spec, recursive=True)) if Path(x).is_file()]
        elif p.exists() or p.is_symlink():
            files.append(p)
        else:
            problems.append(Record(file=spec, status="failed", stage="collect", reason="E101 file not found"))
    unique = []
    for f in files:
        key = str(f)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, problems


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _output_name(path: Path, digest: str) -> str:
    """One JSON per input, named after it and its content (two files with one name never collide)."""
    stem = "".join(c if c.isalnum() or c in "-_." else "_" for c in path.name)[:80]
    return f"json/{stem}.{digest[:8]}.json"


def process_one(path_str: str, out_dir: str, repair: str, html: bool = False) -> dict:
    """Worker: extract one file and write its JSON (and its review page); never raises."""
    from .errors import NotAPlan, PlanParseError
    from .pipeline import document_to_plan, read_for_extraction

    path = Path(path_str)
    rec = Record(file=path_str, status="failed")
    try:
        if path.is_symlink() and not path.exists():
            raise OSError("broken or looping symbolic link")
        rec.sha256 = _sha256(path)
        doc = read_for_extraction(path, repair)
        plan = document_to_plan(doc)
        data = plan.model_dump(mode="json")
        data["source_file"] = path_str
        data["sha256"] = rec.sha256
        name = _output_name(path, rec.sha256)
        _atomic_write(Path(out_dir) / name, json.dumps(data, ensure_ascii=False, indent=1))
        if html:
            from .html import render_review

            page_name = "review/" + Path(name).name[:-len(".json")] + ".html"
            _atomic_write(Path(out_dir) / page_name, render_review(plan, doc))
            rec.review = page_name
        rec.output = name
        rec.warnings = plan.warnings
        rec.status = "warnings" if plan.warnings else "ok"
    except PlanParseError as e:
        rec.stage, rec.reason = "read/extract", f"{e.code} {e.reason}" + (f" ({e.detail})" if e.detail else "")
        if isinstance(e, NotAPlan):  # a report or decision in an office folder: skipped, not a failure
            rec.status = "not_a_plan"
    except OSError as e:
        rec.stage, rec.reason = "read", f"E100 {e.strerror or e}"
    except Exception as e:  # a bug must not sink the batch: record it and go on
        rec.stage, rec.reason = "internal", f"E199 {type(e).__name__}: {str(e)[:200]}"
    return rec.__dict__


def run_batch(inputs: list[str], out: str, jobs: int = 1, repair: str = "auto", bom: bool = False,
              progress: Optional[bool] = None, abort_on_error: bool = False, html: bool = False) -> list[Record]:
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.rglob("*.tmp"):  # a write cut short by a kill: never part of the outputs
        stale.unlink(missing_ok=True)
    state_path = out_dir / STATE
    state: dict = {}
    if state_path.exists():
        try:
            state = json.loads(state_path.read_text(encoding="utf-8"))
        except ValueError:
            state = {}
    if state.get("pipeline") != PIPELINE_VERSION:
        state = {"pipeline": PIPELINE_VERSION, "files": {}}
    files, records = collect(inputs)
    todo: list[Path] = []
    for f in files:
        prev = state["files"].get(str(f))
        has_review = not html or (prev and prev.get("review") and (out_dir / prev["review"]).exists())
        if prev and prev.get("output") and (out_dir / prev["output"]).exists() and has_review:
            try:
                if _sha256(f) == prev.get("sha256"):
                    records.append(Record(**{**prev, "status": "skipped"}))
                    continue
            except OSError:
                pass
        todo.append(f)
    show = sys.stderr.isatty() if progress is None else progress
    started = time.time()
    done = 0

    def tick() -> None:
        if not show:
            return
        rate = done / max(time.time() - started, 1e-6)
        eta = (len(todo) - done) / rate if rate else 0
        sys.stderr.write(f"\r{done}/{len(todo)} files  {rate:.1f} docs/s  ETA {eta:.0f}s ")
        sys.stderr.flush()

    def keep(rec: dict) -> None:
        state["files"][rec["file"]] = {k: rec[k] for k in ("file", "sha256", "output", "review", "status", "stage", "reason",
                                                            "warnings")}
        records.append(Record(**rec))

    failed_early = False
    if jobs <= 1:
        for f in todo:
            rec = process_one(str(f), str(out_dir), repair, html)
            keep(rec)
            done += 1
            tick()
            _atomic_write(state_path, json.dumps(state, ensure_ascii=False))
            if abort_on_error and rec["status"] == "failed":
                failed_early = True
                break
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(process_one, str(f), str(out_dir), repair, html) for f in todo]
            for fut in as_completed(futures):
                rec = fut.result()
                keep(rec)
                done += 1
                tick()
                if done % 20 == 0 or done == len(todo):
                    _atomic_write(state_path, json.dumps(state, ensure_ascii=False))
                if abort_on_error and rec["status"] == "failed":
                    failed_early = True
                    for other in futures:
                        other.cancel()
                    break
    if show:
        sys.stderr.write("\n")
    _atomic_write(state_path, json.dumps(state, ensure_ascii=False))
    if not failed_early:
        write_outputs(out_dir, state, bom=bom, html=html)
    return records


# ------------------------------------------------------------------ outputs for other tools
PLAN_COLS = ["plan_id", "file", "sha256", "document", "doc_type", "number", "issuer", "issuer_level", "date", "title",
             "signer_name", "signer_title", "status", "n_tasks", "n_kpis"]
TASK_COLS = ["plan_id", "ref", "text", "lead", "support", "deadline_kind", "deadline_date", "deadline_start",
             "deadline_end", "deadline_every", "deadline_text", "section", "product"]
KPI_COLS = ["plan_id", "ref", "indicator", "op", "value", "max", "unit", "lead", "support", "deadline_kind",
            "deadline_date", "deadline_text", "basis"]
UNIT_COLS = ["plan_id", "item", "ref", "role", "text", "canonical", "kind", "level"]


def _plans(out_dir: Path, state: dict) -> Iterable[tuple[int, dict, dict]]:
    n = 0
    for rec in sorted(state["files"].values(), key=lambda r: r["file"]):
        if rec.get("output") and rec.get("status") in ("ok", "warnings", "skipped"):
            p = out_dir / rec["output"]
            if p.exists():
                n += 1
                yield n, json.loads(p.read_text(encoding="utf-8")), rec


def _rows(pid: int, plan: dict) -> tuple[list, list, list, list]:
    m = plan["meta"]
    signer = m.get("signer") or {}
    prow = [pid, plan.get("source_file"), plan.get("sha256"), plan["document"], m.get("doc_type"), m.get("number"),
            m.get("issuer"), m.get("issuer_level"), m.get("date"), m.get("title"), signer.get("name"), signer.get("title"),
            plan.get("status"), len(plan["tasks"]), len(plan["kpis"])]
    trows, krows, urows = [], [], []
    for t in plan["tasks"]:
        d = t.get("deadline") or {}
        trows.append([pid, t["ref"], t["text"], "; ".join(t["lead"]), "; ".join(t["support"]), d.get("kind"), d.get("date"),
                      d.get("start"), d.get("end"), d.get("every"), d.get("text"), t.get("section"), t.get("product")])
        for role in ("lead", "support"):
            for u in t.get(f"{role}_units", []):
                urows.append([pid, "task", t["ref"], role, u["text"], u["canonical"], u.get("kind"), u.get("level")])
    for k in plan["kpis"]:
        d = k.get("deadline") or {}
        tg = k.get("target") or {}
        krows.append([pid, k["ref"], k["indicator"], tg.get("op"), tg.get("value"), tg.get("max"), tg.get("unit"),
                      "; ".join(k["lead"]), "; ".join(k["support"]), d.get("kind"), d.get("date"), d.get("text"), k.get("basis")])
        for role in ("lead", "support"):
            for u in k.get(f"{role}_units", []):
                urows.append([pid, "kpi", k["ref"], role, u["text"], u["canonical"], u.get("kind"), u.get("level")])
    return prow, trows, krows, urows


SQL_SCHEMA = """
CREATE TABLE plans (plan_id INTEGER PRIMARY KEY, file TEXT, sha256 TEXT, document TEXT, doc_type TEXT, number TEXT,
  issuer TEXT, issuer_level TEXT, date TEXT, title TEXT, signer_name TEXT, signer_title TEXT, status TEXT,
  n_tasks INTEGER, n_kpis INTEGER);
CREATE TABLE tasks (task_id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plans(plan_id), ref TEXT, text TEXT,
  lead TEXT, support TEXT, deadline_kind TEXT, deadline_date TEXT, deadline_start TEXT, deadline_end TEXT,
  deadline_every TEXT, deadline_text TEXT, section TEXT, product TEXT);
CREATE TABLE kpis (kpi_id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plans(plan_id), ref TEXT, indicator TEXT,
  op TEXT, value REAL, max REAL, unit TEXT, lead TEXT, support TEXT, deadline_kind TEXT, deadline_date TEXT,
  deadline_text TEXT, basis TEXT);
CREATE TABLE units (unit_id INTEGER PRIMARY KEY, plan_id INTEGER NOT NULL REFERENCES plans(plan_id), item TEXT, ref TEXT,
  role TEXT, text TEXT, canonical TEXT, kind TEXT, level TEXT);
CREATE TABLE failures (file TEXT PRIMARY KEY, stage TEXT, reason TEXT);
CREATE TABLE not_plans (file TEXT PRIMARY KEY, reason TEXT);
CREATE INDEX tasks_plan ON tasks(plan_id);
CREATE INDEX kpis_plan ON kpis(plan_id);
CREATE INDEX kpis_indicator ON kpis(indicator);
CREATE INDEX units_canonical ON units(canonical, role);
CREATE INDEX plans_issuer_date ON plans(issuer, date);
"""


def write_outputs(out_dir: Path, state: dict, bom: bool = False, html: bool = False) -> None:
    """plans.jsonl, plans/tasks/kpis/units.csv and plans.sqlite (and index.html), rebuilt from the
    per-plan JSON files."""
    enc = "utf-8-sig" if bom else "utf-8"
    tmp_db = out_dir / "plans.sqlite.tmp"
    if tmp_db.exists():
        tmp_db.unlink()
    db = sqlite3.connect(tmp_db)
    db.executescript(SQL_SCHEMA)
    paths = {name: out_dir / f"{name}.tmp" for name in ("plans.jsonl", "plans.csv", "tasks.csv", "kpis.csv", "units.csv")}
    with open(paths["plans.jsonl"], "w", encoding="utf-8") as jl, \
            open(paths["plans.csv"], "w", encoding=enc, newline="") as pc, \
            open(paths["tasks.csv"], "w", encoding=enc, newline="") as tc, \
            open(paths["kpis.csv"], "w", encoding=enc, newline="") as kc, \
            open(paths["units.csv"], "w", encoding=enc, newline="") as uc:
        writers = [csv.writer(x) for x in (pc, tc, kc, uc)]
        for w, cols in zip(writers, (PLAN_COLS, TASK_COLS, KPI_COLS, UNIT_COLS)):
            w.writerow(cols)
        index_rows = []
        for pid, plan, rec in _plans(out_dir, state):
            if html:
                m = plan["meta"]
                review = rec.get("review") if rec.get("review") and (out_dir / rec["review"]).exists() else None
                index_rows.append({"file": rec["file"], "review": review, "status": plan.get("status"),
                                   "number": m.get("number"), "issuer": m.get("issuer"), "date": m.get("date"),
                                   "title": m.get("title"), "n_tasks": len(plan["tasks"]), "n_kpis": len(plan["kpis"]),
                                   "warnings": plan.get("warnings")})
            jl.write(json.dumps(plan, ensure_ascii=False) + "\n")
            prow, trows, krows, urows = _rows(pid, plan)
            writers[0].writerow(prow)
            writers[1].writerows(trows)
            writers[2].writerows(krows)
            writers[3].writerows(urows)
            db.execute(f"INSERT INTO plans VALUES ({','.join('?' * len(PLAN_COLS))})", prow)
            db.executemany(f"INSERT INTO tasks ({','.join(TASK_COLS)}) VALUES ({','.join('?' * len(TASK_COLS))})", trows)
            db.executemany(f"INSERT INTO kpis ({','.join(KPI_COLS)}) VALUES ({','.join('?' * len(KPI_COLS))})", krows)
            db.executemany(f"INSERT INTO units ({','.join(UNIT_COLS)}) VALUES ({','.join('?' * len(UNIT_COLS))})", urows)
    for rec in state["files"].values():
        if rec.get("status") == "failed":
            db.execute("INSERT OR REPLACE INTO failures VALUES (?, ?, ?)", (rec["file"], rec.get("stage"), rec.get("reason")))
        elif rec.get("status") == "not_a_plan":
            db.execute("INSERT OR REPLACE INTO not_plans VALUES (?, ?)", (rec["file"], rec.get("reason")))
    db.commit()
    db.close()
    for name, tmp in paths.items():
        os.replace(tmp, out_dir / name)
    os.replace(tmp_db, out_dir / "plans.sqlite")
    if html:
        from .html import render_index

        recs = sorted(state["files"].values(), key=lambda r: r["file"])
        _atomic_write(out_dir / "index.html", render_index(
            index_rows, [r for r in recs if r.get("status") == "failed"],
            not_plans=[r for r in recs if r.get("status") == "not_a_plan"]))


def summary(records: list[Record]) -> str:
    counts = {s: sum(1 for r in records if r.status == s) for s in ("ok", "warnings", "skipped", "not_a_plan", "failed")}
    lines = [f"{len(records)} files: {counts['ok']} ok, {counts['warnings']} with warnings, "
             f"{counts['skipped']} unchanged (skipped), {counts['not_a_plan']} not plans (skipped), "
             f"{counts['failed']} failed"]
    for r in records:
        if r.status == "not_a_plan":
            lines.append(f"  not a plan: {r.file}: {r.reason}")
    for r in records:
        if r.status == "failed":
            lines.append(f"  failed: {r.file}: {r.stage}: {r.reason}")
    return "\n".join(lines)
