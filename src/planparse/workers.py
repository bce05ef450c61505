"""Worker processes that one file cannot take down with it.

Each batch file is read in a worker process under budgets (limits.py): a time budget (seconds
without progress, and a total per file), and a memory budget (the worker's address space is capped,
and its resident memory is watched). A worker over budget is killed, one that dies (out of memory,
a crash in a native library, a signal) costs only the file it was reading: that file gets a failure
record with its own E-code, a new worker takes its place, and every other file goes on.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from collections import deque
from itertools import islice
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Callable, Iterable, Optional

from . import limits as budget
from .errors import OverMemory, OverTime, PlanParseError, WorkerDied

POLL_SECONDS = 0.2


def _resident_mb(pid: int) -> float:
    """Resident memory of a process in MB (0 where /proc cannot tell)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except (OSError, ValueError, IndexError):
        return 0.0


def _heap_trimmer() -> Callable[[], None]:
    """What a worker calls after each file to hand the C heap's free pages back to the system: a page
    image and its masks are freed by then, but glibc keeps their pages, and a worker that has OCR'd a
    scan would hold them through the thousands of files that follow. Elsewhere (macOS, musl) nothing."""
    try:
        import ctypes

        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return lambda: None
    return lambda: trim(0) and None


def _worker_main(conn: Connection, job: Callable[[str], dict], limits: budget.Limits,
                 parent_end: Optional[Connection] = None) -> None:
    if parent_end is not None:
        parent_end.close()  # the parent's end, inherited at fork: held here, a parent killed outright would never be seen
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the workers
    budget.set_limits(limits)
    budget.cap_memory(limits.memory_mb)
    last_beat = [0.0]

    def beat() -> None:  # readers call limits.progress() after each page: the parent's clock restarts
        now = time.monotonic()
        if now - last_beat[0] > 1.0:
            last_beat[0] = now
            conn.send(("alive", None))

    budget.set_progress(beat)
    release = _heap_trimmer()
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        if item is None:
            return
        try:
            rec = job(item)
        except MemoryError:
            rec = {"__error__": OverMemory(item).code}
        conn.send(("done", rec))
        release()


@dataclass
class _Worker:
    proc: mp.process.BaseProcess
    conn: Connection
    item: Optional[str] = None
    started: float = 0.0
    last_beat: float = 0.0


class Pool:
    """`jobs` workers, each fed one file at a time; results go to `on_result(item, record)`, and a
    file whose worker failed goes to `on_failure(item, error)`."""

    def __init__(self, job: Callable[[str], dict], jobs: int, limits: budget.Limits):
        methods = mp.get_all_start_methods()
        # fork: a worker starts in milliseconds with what the parent already loaded
        self.ctx = mp.get_context("fork" if "fork" in methods else "spawn")
        self.job, self.jobs, self.limits = job, jobs, limits
        self.workers: list[_Worker] = []

    def _start(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker_main, args=(child, self.job, self.limits, parent), daemon=True)
        proc.start()
        child.close()
        w = _Worker(proc, parent)
        self.workers.append(w)
        return w

    def _retire(self, w: _Worker) -> None:
        if w.proc.is_alive():
            w.proc.kill()
        w.proc.join(5)
        w.conn.close()
        self.workers.remove(w)

    def run(self, items: Iterable[str], on_result: Callable[[str, dict], bool],
            on_failure: Callable[[str, PlanParseError], bool], keep: bool = False) -> None:
        """Feed every item; a callback returning False stops the run (the rest is not started). `keep`: the idle
        workers stay for the next run (a Dask worker reads file after file through one child)."""
        queue = deque(items)
        stop = False
        try:
            while not stop and (queue or any(w.item for w in self.workers)):
                while queue and len([w for w in self.workers if w.item]) < self.jobs:
                    w = next((w for w in self.workers if not w.item), None) or self._start()
                    w.item = queue.popleft()
                    w.started = w.last_beat = time.monotonic()
                    w.conn.send(w.item)
                busy = [w for w in self.workers if w.item]
                ready = wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=POLL_SECONDS)
                now = time.monotonic()
                for w in busy:
                    item = w.item
                    failure: Optional[PlanParseError] = None
                    if w.conn in ready:
                        try:
                            kind, rec = w.conn.recv()
                        except (EOFError, OSError):
                            kind, rec = "dead", None
                        if kind == "alive":
                            w.last_beat = now
                            continue
                        if kind == "done":
                            w.item = None
                            if rec.get("__error__") == OverMemory.code:
                                self._retire(w)  # a worker that ran out of memory is not trusted again
                                stop |= not on_failure(item, OverMemory(item, f"over {self.limits.memory_mb} MB"))
                            else:
                                stop |= not on_result(item, rec)
                            continue
                    if not w.proc.is_alive() or (w.conn in ready):
                        w.proc.join(1)
                        code = w.proc.exitcode
                        how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
                        failure = WorkerDied(item, how)
                    elif now - w.last_beat > self.limits.seconds:
                        failure = OverTime(item, f"no progress for {self.limits.seconds:g} s")
                    elif now - w.started > self.limits.file_seconds:
                        failure = OverTime(item, f"over {self.limits.file_seconds:g} s")
                    else:
                        mb = _resident_mb(w.proc.pid)
                        if mb > self.limits.memory_mb:
                            failure = OverMemory(item, f"{mb:.0f} MB resident, over {self.limits.memory_mb} MB")
                    if failure is not None:
                        w.item = None
                        self._retire(w)
                        stop |= not on_failure(item, failure)
        finally:
            if not keep or stop:
                self.close()

    def close(self) -> None:
        for w in list(self.workers):
            if w.proc.is_alive() and not w.item:
                try:
                    w.conn.send(None)
                except OSError:
                    pass
            w.proc.join(2 if not w.item else 0)
            self._retire(w)


_CHILDREN: dict[int, Pool] = {}  # per Dask worker process: the child that reads its files


def _on_dask_worker(item: str, job: Callable[[str], dict], limits: budget.Limits) -> dict:
    """One file on a Dask worker, read in a child of the worker under the budgets of a local batch (no progress for
    `seconds`, over `file_seconds`, over `memory_mb`): a file over budget is stopped and gets its E-code, the child is
    replaced, and the Dask worker goes on with the next file."""
    if mp.current_process().daemon:  # a worker started without 'distributed.worker.daemon: false' cannot fork one
        budget.set_limits(limits)
        try:
            return job(item)
        except MemoryError:
            return {"__error__": OverMemory.code, "__why__": f"over {limits.memory_mb} MB"}
    pool = _CHILDREN.get(os.getpid())
    if pool is None or pool.job is not job or pool.limits != limits:
        if pool is not None:
            pool.close()
        pool = _CHILDREN[os.getpid()] = Pool(job, 1, limits)
    out: dict = {}

    def done(_item: str, rec: dict) -> bool:
        out["rec"] = rec
        return True

    def failed(_item: str, err: PlanParseError) -> bool:
        out["rec"] = {"__error__": err.code, "__why__": err.detail}
        return True

    pool.run([item], done, failed, keep=True)
    return out.get("rec") or {"__error__": WorkerDied.code, "__why__": "no result"}


_BUDGET_ERRORS = {e.code: e for e in (OverTime, OverMemory, WorkerDied)}
DASK_TASKS_PER_THREAD = 4  # tasks queued at the scheduler per worker thread: enough to keep every worker busy


class DaskPool:
    """The same contract on a Dask cluster: `scheduler` is the address of a running one
    ('tcp://host:8786'), or None for a LocalCluster of `jobs` worker processes on this machine.

    A file whose task kills its worker is not retried (allowed-failures 0): it gets E122 and the
    cluster's nanny starts a new worker; no other file is queued on a worker (worker-saturation 1.0). Each worker
    reads its files in a child process under the budgets of a local batch (`_on_dask_worker`): a file that hangs,
    runs over time or over memory is stopped with E120/E121 and the worker goes on. Workers are also capped at
    `memory_mb` each by the nanny. Workers elsewhere must see the inputs and OUT at the same paths (a shared file
    system)."""

    def __init__(self, job: Callable[[str], dict], jobs: int, limits: budget.Limits, scheduler: Optional[str] = None):
        self.job, self.jobs, self.limits, self.scheduler = job, jobs, limits, scheduler

    def run(self, items: Iterable[str], on_result: Callable[[str, dict], bool],
            on_failure: Callable[[str, PlanParseError], bool]) -> None:
        import logging

        import dask
        from distributed import Client, LocalCluster, as_completed

        items = list(items)
        if not items:
            return
        # a worker holds only the file it is reading (saturation 1.0: none queued behind it), so the death of
        # one worker costs that file alone, and it is not retried (allowed-failures 0)
        # workers are not daemons, so each may read its files in a child under the time budget (_on_dask_worker)
        with dask.config.set({"distributed.scheduler.allowed-failures": 0,
                              "distributed.scheduler.worker-saturation": 1.0, "distributed.worker.daemon": False}):
            cluster = None
            if self.scheduler:
                client = Client(self.scheduler)
            else:
                cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                       memory_limit=f"{self.limits.memory_mb}MiB", dashboard_address=None,
                                       silence_logs=logging.ERROR)
                client = Client(cluster)
            try:
                # the job (with its table of every file) goes to each worker once, not inside each of N tasks: as
                # an argument of every task it made the cluster's memory grow with N x N
                job = client.scatter(self.job, broadcast=True, hash=False)
                # a window of tasks in flight, refilled as results arrive: the client and the scheduler hold a few
                # tasks per worker, not one per file of the batch (they grew by ~10 KB a file with all N submitted)
                pending = iter(items)
                item_of: dict[str, str] = {}

                def submit(item: str):
                    fut = client.submit(_on_dask_worker, item, job=job, limits=self.limits, pure=False)
                    item_of[fut.key] = item
                    return fut

                window = max(DASK_TASKS_PER_THREAD * sum(client.nthreads().values()), DASK_TASKS_PER_THREAD)
                in_flight = {submit(item) for item in islice(pending, window)}
                done = as_completed(in_flight)
                for fut in done:  # results arrive one by one: the batch never holds them all
                    in_flight.discard(fut)
                    item = item_of.pop(fut.key)
                    if fut.status == "finished":
                        rec = fut.result()
                        if rec.get("__error__") in _BUDGET_ERRORS:  # the error as the child's watchdog stated it
                            go_on = on_failure(item, _BUDGET_ERRORS[rec["__error__"]](item, rec.get("__why__")))
                        else:
                            go_on = on_result(item, rec)
                    else:
                        err = fut.exception()
                        how = "its Dask worker died" if type(err).__name__ == "KilledWorker" else f"{type(err).__name__}: {err}"
                        go_on = on_failure(item, WorkerDied(item, how[:200]))
                    if not go_on:
                        client.cancel(list(in_flight))
                        break
                    if (nxt := next(pending, None)) is not None:
                        new = submit(nxt)
                        in_flight.add(new)
                        done.add(new)
            finally:
                client.close()
                if cluster is not None:
                    cluster.close()
