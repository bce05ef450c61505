"""Batch: folders of plans -> one JSON per plan, plans.jsonl, flat CSVs and an SQLite database.

Parallel over processes, resumable (a file whose sha256 and pipeline version are unchanged is not
read again), atomic writes (a killed batch leaves no partial file), and every input gets a record:
ok, ok with warnings, or failed with the stage and reason. One bad file never stops the batch.
"""
from __future__ import annotations

import csv
import functools
import hashlib
import json
import os
import sqlite3
import stat
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from . import __version__, limits
from .errors import (CannotWrite, MissingFile, NotAPlan, NotARegularFile, OverMemory, PlanParseError, SymbolicLink,
                     TooLarge, shown_path)
from .models import SCHEMA_VERSION
from .pipeline import file_sha256
from .workers import DaskPool, Pool
from .writing import atomic_write

PLAN_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".doc", ".odt", ".rtf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
STATE = "batch-state.json"
STATE_EVERY_SECONDS = 2.0
COMBINED = ("plans.jsonl", "plans.csv", "tasks.csv", "kpis.csv", "units.csv", "plans.xlsx", "plans.sqlite")
PIPELINE_VERSION = f"{__version__}+schema{SCHEMA_VERSION}"


@dataclass
class Record:
    file: str  # the path as people and UTF-8 outputs can take it (errors.shown_path)
    status: str  # ok / warnings / not_a_plan / failed / skipped (unchanged since the last run)
    sha256: str = ""
    output: Optional[str] = None
    review: Optional[str] = None  # review/*.html, with --html
    stage: Optional[str] = None
    reason: Optional[str] = None
    warnings: list[str] = field(default_factory=list)
    key: str = ""  # the resolved path: one state entry per file however it was typed


def _resolved(path: Path) -> str:
    return os.path.realpath(os.path.abspath(path))


def _problem(path: object, error: PlanParseError, stage: str = "collect") -> Record:
    return Record(file=shown_path(path), status="failed", stage=stage, reason=error.summary, key=str(path))


def _static_root(pattern: str) -> tuple[Path, str]:
    """A glob split into the folder it cannot leave and the pattern under it."""
    parts = Path(pattern).parts
    i = next((k for k, part in enumerate(parts) if any(ch in part for ch in "*?[")), len(parts))
    root = Path(*parts[:i]) if i else Path(".")
    return root, str(Path(*parts[i:])) if i < len(parts) else ""


def _globbed(spec: str) -> tuple[list[Path], list[Record]]:
    """Files a glob names, never leaving its folder: links are recorded, not followed."""
    root, rest = _static_root(spec)
    files: list[Path] = []
    problems: list[Record] = []
    if not root.is_dir() or not rest:
        return files, problems
    top = _resolved(root)
    for p in sorted(root.glob(rest)):  # pathlib's ** does not descend into linked folders
        if p.is_symlink():
            problems.append(_problem(p, SymbolicLink(str(p))))
        elif not _resolved(p).startswith(top.rstrip(os.sep) + os.sep):
            problems.append(_problem(p, SymbolicLink(str(p), f"reached through a link out of {shown_path(root)}")))
        elif p.is_file():
            files.append(p)
    return files, problems


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def collect(inputs: Iterable[str]) -> tuple[list[Path], list[Record]]:
    """Files to read from folders (recursively, links not followed) and globs; problems as records."""
    files: list[Path] = []
    problems: list[Record] = []
    for spec in inputs:
        p = Path(spec)
        if p.is_dir() and not p.is_symlink() or p.is_dir() and spec.endswith(os.sep):
            for root, dirs, names in os.walk(p, followlinks=False):
                dirs.sort()
                for d in [d for d in dirs if (Path(root) / d).is_symlink()]:
                    problems.append(_problem(Path(root) / d, SymbolicLink(str(Path(root) / d), "a linked folder")))
                for n in sorted(names):
                    f = Path(root) / n
                    if f.is_symlink():
                        # links are not followed: a loop or a link out of the folder would read what was not asked
                        problems.append(_problem(f, SymbolicLink(str(f))))
                    elif f.suffix.lower() in PLAN_SUFFIXES:
                        if _regular(f):
                            files.append(f)
                        else:
                            problems.append(_problem(f, NotARegularFile(str(f))))
        elif p.is_dir():
            problems.append(_problem(p, SymbolicLink(spec, "a linked folder (give the folder itself)")))
        elif any(ch in spec for ch in "*?["):
            found, bad = _globbed(spec)
            files += found
            problems += bad
        elif p.is_symlink() and not p.exists():
            problems.append(_problem(p, SymbolicLink(spec, "broken or looping")))
        elif p.exists():
            files.append(p)  # a file named on the command line: a link to it is what was asked for
        else:
            problems.append(_problem(p, MissingFile(spec)))
    unique: dict[str, Path] = {}
    for f in files:
        unique.setdefault(_resolved(f), f)
    return list(unique.values()), problems


def _remove_stale_tmp(out_dir: Path) -> None:
    """Delete writes cut short by a kill (never part of the outputs): files '<name>.<pid>.tmp' of a
    process that is gone. Another batch writing into the same OUT keeps its own."""
    for tmp in out_dir.rglob("*.tmp"):
        pid = tmp.name[:-len(".tmp")].rpartition(".")[2]
        if pid.isdigit():
            try:
                os.kill(int(pid), 0)
                continue  # still running (this batch's parent, or another batch)
            except ProcessLookupError:
                pass
            except (PermissionError, OverflowError, ValueError):
                continue
        tmp.unlink(missing_ok=True)


def _output_name(path: Path, digest: str) -> str:
    """One JSON per input, named after it, where it is and its content: two files never share one,
    whatever their names clean up to; the same unchanged file keeps its name across runs."""
    stem = "".join(c if c.isalnum() or c in "-_." else "_" for c in shown_path(path.name))[:80]
    who = hashlib.sha256(os.fsencode(_resolved(path)) + b"\0" + digest.encode()).hexdigest()
    return f"json/{stem}.{who[:12]}.json"


def process_one(path_str: str, out_dir: str, repair: str, html: bool = False) -> dict:
    """Worker: extract one file and write its JSON (and its review page); never raises."""
    from .pipeline import document_to_plan, read_for_extraction

    path = Path(path_str)
    rec = Record(file=shown_path(path_str), status="failed", key=_resolved(path))
    try:
        if path.is_symlink() and not path.exists():
            raise SymbolicLink(path_str, "broken or looping")
        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO would block the worker for ever
            raise NotARegularFile(path_str)
        rec.sha256 = file_sha256(path)
        doc = read_for_extraction(path, repair)
        plan = document_to_plan(doc)
        plan.source_file, plan.sha256 = shown_path(rec.key), rec.sha256
        data = plan.model_dump(mode="json")
        name = _output_name(path, rec.sha256)
        atomic_write(Path(out_dir) / name, json.dumps(data, ensure_ascii=False, indent=1))
        if html:
            from .html import render_review

            page_name = "review/" + Path(name).name[:-len(".json")] + ".html"
            atomic_write(Path(out_dir) / page_name, render_review(plan, doc))
            rec.review = page_name
        rec.output = name
        rec.warnings = plan.warnings
        rec.status = "warnings" if plan.warnings else "ok"
    except PlanParseError as e:
        rec.stage, rec.reason = ("write" if isinstance(e, CannotWrite) else "read/extract"), e.summary
        if isinstance(e, NotAPlan):  # a report or decision in an office folder: skipped, not a failure
            rec.status = "not_a_plan"
    except MemoryError:
        rec.stage, rec.reason = "read/extract", OverMemory(path_str, f"over {limits.current().memory_mb} MB").summary
    except RecursionError:
        rec.stage, rec.reason = "read/extract", TooLarge(path_str, "nested too deeply").summary
    except OSError as e:
        rec.stage, rec.reason = "read", f"E100 {e.strerror or e}"
    except Exception as e:  # a bug must not sink the batch: record it and go on
        rec.stage, rec.reason = "internal", f"E199 {type(e).__name__}: {str(e)[:200]}"
    return rec.__dict__


def _load_state(state_path: Path) -> dict:
    """The last run's state; one of the wrong shape (hand-edited, cut short) is set aside, not trusted."""
    fresh = {"pipeline": PIPELINE_VERSION, "files": {}}
    if not state_path.exists():
        return fresh
    try:
        state = json.loads(state_path.read_text(encoding="utf-8"))
        files = state["files"]
        ok = isinstance(files, dict) and all(
            isinstance(k, str) and isinstance(v, dict) and isinstance(v.get("file"), str)
            and isinstance(v.get("status"), str) and all(isinstance(v.get(x), (str, type(None))) for x in ("output", "review"))
            and isinstance(v.get("warnings", []), list) for k, v in files.items())
        if not ok:
            raise ValueError("entries of the wrong shape")
    except (OSError, ValueError, TypeError, KeyError, RecursionError) as e:
        aside = state_path.with_name(f"{STATE}.corrupt-{int(time.time())}")
        try:
            os.replace(state_path, aside)
        except OSError:
            aside = state_path
        print(f"warning: {shown_path(state_path)}: unreadable batch state ({str(e)[:80]}); set aside as "
              f"{aside.name}, every file is read again", file=sys.stderr)
        return fresh
    if state.get("pipeline") != PIPELINE_VERSION:
        return fresh
    return state


def _inside(out_dir: Path, rel: Optional[str]) -> Optional[Path]:
    """An output a state entry names, only if it lies inside OUT (a state file is not trusted)."""
    if not rel:
        return None
    p = out_dir / rel
    top = _resolved(out_dir)
    return p if _resolved(p).startswith(top + os.sep) else None


def _drop_outputs(out_dir: Path, entry: dict, keep: Optional[dict] = None) -> None:
    for k in ("output", "review"):
        p = _inside(out_dir, entry.get(k))
        if p is not None and (keep is None or keep.get(k) != entry.get(k)):
            p.unlink(missing_ok=True)


def run_batch(inputs: list[str], out: str, jobs: int = 1, repair: str = "auto", bom: bool = False,
              progress: Optional[bool] = None, abort_on_error: bool = False, html: bool = False,
              budget: Optional[limits.Limits] = None, engine: str = "local",
              scheduler: Optional[str] = None) -> list[Record]:
    budget = budget or limits.current()
    out_dir = Path(out)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise CannotWrite(out, e.strerror or str(e)) from None
    _remove_stale_tmp(out_dir)
    state_path = out_dir / STATE
    state = _load_state(state_path)
    as_loaded = json.dumps(state, sort_keys=True)
    state["outputs"] = {"bom": bom, "html": html}  # what the combined files were written with
    for key in [k for k in state["files"] if not os.path.lexists(k)]:  # inputs deleted since: out of the outputs
        _drop_outputs(out_dir, state["files"].pop(key))
    files, records = collect(inputs)
    todo: list[Path] = []
    for f in files:
        key = _resolved(f)
        prev = state["files"].get(key)
        out_ok = prev and _inside(out_dir, prev.get("output")) and (out_dir / prev["output"]).exists()
        has_review = not html or (prev and _inside(out_dir, prev.get("review")) and (out_dir / prev["review"]).exists())
        if out_ok and has_review:
            try:
                if file_sha256(f) == prev.get("sha256"):
                    records.append(Record(**{**prev, "file": shown_path(f), "key": key, "status": "skipped"}))
                    continue
            except OSError:
                pass
        todo.append(f)
    show = (sys.stderr is not None and sys.stderr.isatty()) if progress is None else progress
    started = time.time()
    done = 0
    by_key = {_resolved(f): f for f in todo}

    def tick() -> None:
        if not show:
            return
        rate = done / max(time.time() - started, 1e-6)
        eta = (len(todo) - done) / rate if rate else 0
        sys.stderr.write(f"\r{done}/{len(todo)} files  {rate:.1f} docs/s  ETA {eta:.0f}s ")
        sys.stderr.flush()

    aborted = False
    last_save = [time.monotonic()]

    def keep(rec: dict) -> bool:
        nonlocal done, aborted
        prev = state["files"].get(rec["key"])
        entry = {k: rec[k] for k in ("file", "sha256", "output", "review", "status", "stage", "reason", "warnings")}
        if prev:
            _drop_outputs(out_dir, prev, keep=entry)  # the JSON of an older version of the file
        state["files"][rec["key"]] = entry
        records.append(Record(**rec))
        done += 1
        tick()
        if time.monotonic() - last_save[0] > STATE_EVERY_SECONDS:  # a kill loses at most this much work
            atomic_write(state_path, json.dumps(state, ensure_ascii=True))
            last_save[0] = time.monotonic()
        aborted |= abort_on_error and rec["status"] == "failed"
        return not aborted

    def lost(item: str, error: PlanParseError) -> bool:  # the worker was killed or died on this file
        path = by_key.get(item, Path(item))
        return keep(Record(file=shown_path(path), status="failed", stage="worker", reason=error.summary,
                           key=item).__dict__)

    job = functools.partial(_process_key, by_key=by_key, out_dir=str(out_dir), repair=repair, html=html)
    workers = min(max(jobs, 1), budget.jobs, len(todo) or 1)
    try:
        pool = DaskPool(job, workers, budget, scheduler) if engine == "dask" else Pool(job, workers, budget)
        pool.run(list(by_key), lambda _key, rec: keep(rec), lost)
    finally:  # Ctrl-C too: what was done is kept for the next run
        _remove_stale_tmp(out_dir)
        if show:
            sys.stderr.write("\n")
        if json.dumps(state, sort_keys=True) != as_loaded or not state_path.exists():
            atomic_write(state_path, json.dumps(state, ensure_ascii=True))
    unchanged = json.dumps(state, sort_keys=True) == as_loaded and all(
        (out_dir / n).exists() for n in COMBINED + (("index.html",) if html else ()))
    if not aborted and not unchanged:  # a rerun over a finished folder rewrites nothing
        write_outputs(out_dir, state, bom=bom, html=html)
    return records


def _process_key(key: str, by_key: dict[str, Path], out_dir: str, repair: str, html: bool) -> dict:
    rec = process_one(str(by_key[key]), out_dir, repair, html)
    rec["key"] = key
    return rec


# ------------------------------------------------------------------ outputs for other tools
PLAN_COLS = ["plan_id", "file", "sha256", "document", "doc_type", "number", "issuer", "issuer_level", "date", "title",
             "signer_name", "signer_title", "status", "n_tasks", "n_kpis"]
TASK_COLS = ["task_id", "plan_id", "ref", "text", "lead", "support", "deadline_kind", "deadline_date", "deadline_start",
             "deadline_end", "deadline_every", "deadline_text", "section", "product"]
KPI_COLS = ["kpi_id", "plan_id", "ref", "indicator", "op", "value", "max", "unit", "lead", "support", "deadline_kind",
            "deadline_date", "deadline_text", "basis"]
UNIT_COLS = ["unit_id", "plan_id", "item", "item_id", "ref", "role", "text", "canonical", "kind", "level"]


def _plans(out_dir: Path, state: dict) -> Iterable[tuple[str, dict, dict]]:
    """Each plan with its id: the first 16 hex digits of its sha256, the same in every run (a second
    copy of one file gets '~2')."""
    seen: dict[str, int] = {}
    for rec in sorted(state["files"].values(), key=lambda r: r["file"]):
        if rec.get("output") and rec.get("status") in ("ok", "warnings", "skipped"):
            p = _inside(out_dir, rec["output"])
            if p is None or not p.exists():
                continue
            try:
                plan = json.loads(p.read_text(encoding="utf-8"))
                plan["meta"], plan["tasks"], plan["kpis"]  # noqa: B018 - the shape the rows need
            except (ValueError, KeyError, TypeError, RecursionError):
                print(f"warning: {shown_path(p)}: not a plan JSON any more (edited by hand?): left out of the "
                      "combined outputs", file=sys.stderr)
                continue
            pid = (rec.get("sha256") or hashlib.sha256(rec["file"].encode()).hexdigest())[:16]
            seen[pid] = seen.get(pid, 0) + 1
            yield pid if seen[pid] == 1 else f"{pid}~{seen[pid]}", plan, rec


def _rows(pid: str, plan: dict) -> tuple[list, list, list, list]:
    """Rows of the four tables; a task is '<plan_id>-T<n>' and a KPI '<plan_id>-K<n>' (n from 1, in
    the plan's order): unique where refs repeat, as they do in real plans."""
    m = plan["meta"]
    signer = m.get("signer") or {}
    prow = [pid, plan.get("source_file"), plan.get("sha256"), plan["document"], m.get("doc_type"), m.get("number"),
            m.get("issuer"), m.get("issuer_level"), m.get("date"), m.get("title"), signer.get("name"), signer.get("title"),
            plan.get("status"), len(plan["tasks"]), len(plan["kpis"])]
    trows, krows, urows = [], [], []

    def units_of(item: dict, kind: str, item_id: str) -> None:
        for role in ("lead", "support"):
            for u in item.get(f"{role}_units", []):
                urows.append([f"{pid}-U{len(urows) + 1}", pid, kind, item_id, item["ref"], role, u["text"],
                              u["canonical"], u.get("kind"), u.get("level")])

    for n, t in enumerate(plan["tasks"], start=1):
        d = t.get("deadline") or {}
        tid = f"{pid}-T{n}"
        trows.append([tid, pid, t["ref"], t["text"], "; ".join(t["lead"]), "; ".join(t["support"]), d.get("kind"),
                      d.get("date"), d.get("start"), d.get("end"), d.get("every"), d.get("text"), t.get("section"),
                      t.get("product")])
        units_of(t, "task", tid)
    for n, k in enumerate(plan["kpis"], start=1):
        d = k.get("deadline") or {}
        tg = k.get("target") or {}
        kid = f"{pid}-K{n}"
        krows.append([kid, pid, k["ref"], k["indicator"], tg.get("op"), tg.get("value"), tg.get("max"), tg.get("unit"),
                      "; ".join(k["lead"]), "; ".join(k["support"]), d.get("kind"), d.get("date"), d.get("text"),
                      k.get("basis")])
        units_of(k, "kpi", kid)
    return prow, trows, krows, urows


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A CSV cell a spreadsheet will not run: text it would take for a formula ('=HYPERLINK(...)',
    '- Tăng cường ...', '@SUM') gets a leading apostrophe, which spreadsheets show as plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _SafeWriter:
    def __init__(self, f) -> None:
        self.writer = csv.writer(f)

    def writerow(self, row: list) -> None:
        self.writer.writerow([spreadsheet_safe(v) for v in row])

    def writerows(self, rows: list[list]) -> None:
        for row in rows:
            self.writerow(row)


SQL_SCHEMA = """
CREATE TABLE plans (plan_id TEXT PRIMARY KEY, file TEXT, sha256 TEXT, document TEXT, doc_type TEXT, number TEXT,
  issuer TEXT, issuer_level TEXT, date TEXT, title TEXT, signer_name TEXT, signer_title TEXT, status TEXT,
  n_tasks INTEGER, n_kpis INTEGER);
CREATE TABLE tasks (task_id TEXT PRIMARY KEY, plan_id TEXT NOT NULL REFERENCES plans(plan_id), ref TEXT, text TEXT,
  lead TEXT, support TEXT, deadline_kind TEXT, deadline_date TEXT, deadline_start TEXT, deadline_end TEXT,
  deadline_every TEXT, deadline_text TEXT, section TEXT, product TEXT);
CREATE TABLE kpis (kpi_id TEXT PRIMARY KEY, plan_id TEXT NOT NULL REFERENCES plans(plan_id), ref TEXT, indicator TEXT,
  op TEXT, value REAL, max REAL, unit TEXT, lead TEXT, support TEXT, deadline_kind TEXT, deadline_date TEXT,
  deadline_text TEXT, basis TEXT);
CREATE TABLE units (unit_id TEXT PRIMARY KEY, plan_id TEXT NOT NULL REFERENCES plans(plan_id), item TEXT,
  item_id TEXT NOT NULL, ref TEXT, role TEXT, text TEXT, canonical TEXT, kind TEXT, level TEXT);
CREATE TABLE failures (file TEXT PRIMARY KEY, stage TEXT, reason TEXT);
CREATE TABLE not_plans (file TEXT PRIMARY KEY, reason TEXT);
CREATE INDEX tasks_plan ON tasks(plan_id);
CREATE INDEX kpis_plan ON kpis(plan_id);
CREATE INDEX kpis_indicator ON kpis(indicator);
CREATE INDEX units_item ON units(item_id);
CREATE INDEX units_canonical ON units(canonical, role);
CREATE INDEX plans_issuer_date ON plans(issuer, date);
"""


def write_outputs(out_dir: Path, state: dict, bom: bool = False, html: bool = False) -> None:
    """plans.jsonl, plans/tasks/kpis/units.csv and plans.sqlite (and index.html), rebuilt from the
    per-plan JSON files; all or none: a disk that fills up leaves the last complete set and no .tmp."""
    try:
        _write_outputs(out_dir, state, bom, html)
    except (OSError, sqlite3.Error) as e:
        for tmp in out_dir.glob("*.tmp"):
            tmp.unlink(missing_ok=True)
        raise CannotWrite(str(out_dir), getattr(e, "strerror", None) or str(e)) from None


def _write_outputs(out_dir: Path, state: dict, bom: bool, html: bool) -> None:
    from .workbook import PlanWorkbook

    tmp_db = out_dir / "plans.sqlite.tmp"
    if tmp_db.exists():
        tmp_db.unlink()
    db = sqlite3.connect(tmp_db)
    book = PlanWorkbook({"plans": PLAN_COLS, "tasks": TASK_COLS, "kpis": KPI_COLS, "units": UNIT_COLS})
    paths = {name: out_dir / f"{name}.tmp" for name in ("plans.jsonl", "plans.csv", "tasks.csv", "kpis.csv", "units.csv")}
    try:
        index_rows = _write_tables(out_dir, state, "utf-8-sig" if bom else "utf-8", html, db, paths, book)
        db.commit()
        db.close()
        book.save(out_dir / "plans.xlsx.tmp")
    except BaseException:
        book.discard()
        db.close()
        raise
    paths["plans.xlsx"] = out_dir / "plans.xlsx.tmp"
    for name, tmp in paths.items():
        os.replace(tmp, out_dir / name)
    os.replace(tmp_db, out_dir / "plans.sqlite")
    if html:
        from .html import render_index

        recs = sorted(state["files"].values(), key=lambda r: r["file"])
        atomic_write(out_dir / "index.html", render_index(
            index_rows, [r for r in recs if r.get("status") == "failed"],
            not_plans=[r for r in recs if r.get("status") == "not_a_plan"]))


def _write_tables(out_dir: Path, state: dict, enc: str, html: bool, db: sqlite3.Connection, paths: dict[str, Path],
                  book) -> list[dict]:
    """Every plan's rows into the JSONL, the CSVs, the workbook and the database, in one pass."""
    db.executescript(SQL_SCHEMA)
    index_rows: list[dict] = []
    with open(paths["plans.jsonl"], "w", encoding="utf-8") as jl, \
            open(paths["plans.csv"], "w", encoding=enc, newline="") as pc, \
            open(paths["tasks.csv"], "w", encoding=enc, newline="") as tc, \
            open(paths["kpis.csv"], "w", encoding=enc, newline="") as kc, \
            open(paths["units.csv"], "w", encoding=enc, newline="") as uc:
        writers = [_SafeWriter(x) for x in (pc, tc, kc, uc)]
        for w, cols in zip(writers, (PLAN_COLS, TASK_COLS, KPI_COLS, UNIT_COLS)):
            w.writerow(cols)
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
            for w, sheet, rows in zip(writers, ("plans", "tasks", "kpis", "units"), ([prow], trows, krows, urows)):
                w.writerows(rows)
                book.add(sheet, rows)
            db.execute(f"INSERT INTO plans VALUES ({','.join('?' * len(PLAN_COLS))})", prow)
            db.executemany(f"INSERT INTO tasks ({','.join(TASK_COLS)}) VALUES ({','.join('?' * len(TASK_COLS))})", trows)
            db.executemany(f"INSERT INTO kpis ({','.join(KPI_COLS)}) VALUES ({','.join('?' * len(KPI_COLS))})", krows)
            db.executemany(f"INSERT INTO units ({','.join(UNIT_COLS)}) VALUES ({','.join('?' * len(UNIT_COLS))})", urows)
    for rec in state["files"].values():
        if rec.get("status") == "failed":
            db.execute("INSERT OR REPLACE INTO failures VALUES (?, ?, ?)", (rec["file"], rec.get("stage"), rec.get("reason")))
        elif rec.get("status") == "not_a_plan":
            db.execute("INSERT OR REPLACE INTO not_plans VALUES (?, ?)", (rec["file"], rec.get("reason")))
    return index_rows


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
