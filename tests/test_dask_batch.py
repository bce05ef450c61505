"""Batch on Dask (a LocalCluster of worker processes): the same outputs as a local batch, and a file
that kills its worker costs only that file. Skipped where dask[distributed] is not installed."""
import csv
import os
import signal
import sqlite3
from pathlib import Path

import pytest

from conftest import CORPUS

distributed = pytest.importorskip("distributed")


def _tables(out: Path) -> dict:
    db = sqlite3.connect(out / "plans.sqlite")
    rows = {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
            for t in ("plans", "tasks", "kpis", "units", "failures", "not_plans")}
    for name in ("plans.csv", "tasks.csv", "kpis.csv", "units.csv"):
        with open(out / name, encoding="utf-8", newline="") as f:
            rows[name] = list(csv.reader(f))
    rows["plans.jsonl"] = (out / "plans.jsonl").read_text(encoding="utf-8")
    rows["json"] = {p.name: p.read_bytes() for p in (out / "json").glob("*.json")}
    return rows


def test_a_dask_batch_writes_what_a_local_batch_writes(tmp_path):
    from planparse.batch import run_batch

    inputs = [str(CORPUS / "seeds"), str(CORPUS / "docx"), str(CORPUS / "real" / "lao-cai")]
    local = run_batch(inputs, str(tmp_path / "local"), jobs=2, progress=False)
    on_dask = run_batch(inputs, str(tmp_path / "dask"), jobs=2, progress=False, engine="dask")
    assert sorted((r.file, r.status, r.output) for r in local) == sorted((r.file, r.status, r.output) for r in on_dask)
    assert _tables(tmp_path / "local") == _tables(tmp_path / "dask")


def test_a_file_that_kills_its_dask_worker_costs_only_that_file(tmp_path, monkeypatch):
    import dask

    from planparse import pipeline
    from planparse.batch import run_batch

    real = pipeline.read_for_extraction

    def poisoned(path, repair="auto"):
        if Path(path).name == "poison.txt":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path, repair)

    monkeypatch.setattr(pipeline, "read_for_extraction", poisoned)
    src = tmp_path / "in"
    src.mkdir()
    seeds = [s for s in sorted((CORPUS / "seeds").glob("*.txt")) if not s.name.startswith("002_")]
    for k in range(6):  # more files than workers: others are waiting when the poison kills its worker
        (src / f"{k}_{seeds[k % len(seeds)].name}").write_bytes(seeds[k % len(seeds)].read_bytes())
    (src / "poison.txt").write_bytes(seeds[0].read_bytes())
    with dask.config.set({"distributed.worker.multiprocessing-method": "fork"}):  # workers see the patch
        records = run_batch([str(src)], str(tmp_path / "out"), jobs=2, progress=False, engine="dask")
    by_name = {Path(r.file).name: r for r in records}
    assert by_name["poison.txt"].status == "failed" and "E122" in by_name["poison.txt"].reason
    assert sum(r.status in ("ok", "warnings") for r in records) == 6, [(r.file, r.reason) for r in records]
    assert len((tmp_path / "out" / "plans.jsonl").read_text(encoding="utf-8").splitlines()) == 6


def test_the_job_goes_to_the_workers_once_not_inside_every_task(tmp_path, monkeypatch):
    """The job carries a table of every file of the batch: inside each of N tasks it made the cluster hold N x N
    (workers grew to 1.2 GB at N = 3000). It is scattered once; each task gets a reference."""
    from distributed import Client, Future

    from planparse.batch import run_batch

    seen = []
    real_submit = Client.submit

    def recording_submit(self, func, *args, **kwargs):
        seen.append(type(kwargs.get("job")))
        return real_submit(self, func, *args, **kwargs)

    monkeypatch.setattr(Client, "submit", recording_submit)
    run_batch([str(CORPUS / "seeds")], str(tmp_path / "out"), jobs=1, progress=False, engine="dask")
    assert len(seen) == len(list((CORPUS / "seeds").iterdir())) and all(issubclass(t, Future) for t in seen)


def test_a_dask_batch_keeps_only_a_window_of_tasks_in_flight(tmp_path, monkeypatch):
    """The client and the scheduler hold a few tasks per worker thread, refilled as results arrive, not one task per
    file of the batch (all N submitted at once grew the batch process by about 10 KB a file)."""
    from distributed import Client

    import planparse.workers as workers
    from planparse.batch import run_batch

    monkeypatch.setattr(workers, "DASK_TASKS_PER_THREAD", 1)
    live, most, submitted = set(), [0], []
    real_submit = Client.submit

    def counting_submit(self, func, *args, **kwargs):
        fut = real_submit(self, func, *args, **kwargs)
        submitted.append(fut.key)
        live.add(fut.key)
        live.difference_update({k for k in list(live) if k != fut.key and self.futures.get(k) is None})
        most[0] = max(most[0], len(live))
        return fut

    monkeypatch.setattr(Client, "submit", counting_submit)
    records = run_batch([str(CORPUS / "seeds")], str(tmp_path / "out"), jobs=1, progress=False, engine="dask")
    assert sum(r.status in ("ok", "warnings") for r in records) == len(list((CORPUS / "seeds").iterdir()))
    assert len(submitted) == len(records) and most[0] <= 2  # one in flight, the next submitted as it finishes


def test_a_file_that_hangs_on_dask_is_stopped_at_its_time_budget(tmp_path, monkeypatch):
    import time

    import dask

    from planparse import pipeline
    from planparse.batch import run_batch
    from planparse.limits import parse_overrides

    real = pipeline.read_for_extraction

    def hanging(path, repair="auto"):
        if Path(path).name == "hang.txt":
            time.sleep(3600)
        return real(path, repair)

    monkeypatch.setattr(pipeline, "read_for_extraction", hanging)
    src = tmp_path / "in"
    src.mkdir()
    seed = next(s for s in sorted((CORPUS / "seeds").glob("*.txt")) if not s.name.startswith("002_"))
    for name in ("a.txt", "hang.txt", "b.txt"):
        (src / name).write_bytes(seed.read_bytes())
    with dask.config.set({"distributed.worker.multiprocessing-method": "fork"}):  # workers see the patch
        records = run_batch([str(src)], str(tmp_path / "out"), jobs=1, progress=False, engine="dask",
                            budget=parse_overrides(["seconds=6"]))
    by_name = {Path(r.file).name: r for r in records}
    assert by_name["hang.txt"].status == "failed" and "E120" in by_name["hang.txt"].reason
    assert by_name["a.txt"].status in ("ok", "warnings") and by_name["b.txt"].status in ("ok", "warnings")
