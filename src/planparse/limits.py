"""Budgets that keep one hostile file from costing more than a plan ever could.

Real plans are at most a few hundred pages and a few MB of text; the defaults are far above that
and far below what a crafted file declares. Each limit has a name; `planparse extract/batch
--limit NAME=VALUE` (or the PLANPARSE_LIMITS environment variable, "NAME=VALUE,NAME=VALUE")
overrides it for one run. Readers check them through `LIMITS`, and each guard raises its own
E-code (errors.py), so a user knows which limit a file hit and which setting lifts it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from contextlib import contextmanager
from typing import Callable, Iterator


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 64 * 1024 * 1024  # bytes of a text/Markdown file read into memory
    lines: int = 200_000  # lines or paragraphs of one document
    line_chars: int = 1_000_000  # characters of one line or paragraph
    pages: int = 2_000  # PDF pages
    page_area: float = 4 * 842.0 * 842.0  # PDF page area in pt² (A4 is 595 x 842); larger pages are not rendered
    ocr_pages: int = 300  # pages sent to OCR
    declared_span: int = 64  # a table cell's declared gridSpan / vMerge run
    list_start: int = 100_000  # a Word list's declared start number
    ruling_objects: int = 20_000  # lines and rectangles on one PDF page looked at for table rulings
    xml_bytes: int = 200 * 1024 * 1024  # uncompressed bytes of a DOCX package
    seconds: float = 25.0  # seconds one file may go without progress (a page read, lines repaired)
    file_seconds: float = 1_800.0  # wall-clock seconds per file, progress or not
    memory_mb: int = 1_536  # resident memory of a batch worker (MB) while it reads one file
    jobs: int = 64  # worker processes a batch may start


DEFAULT_LIMITS = Limits()
LIMITS = DEFAULT_LIMITS


def parse_overrides(specs: list[str] | str | None, base: Limits | None = None) -> Limits:
    """Limits with NAME=VALUE overrides applied; a bad name or value is a ValueError naming it."""
    base = base or DEFAULT_LIMITS
    if not specs:
        return base
    if isinstance(specs, str):
        specs = [s for s in specs.split(",") if s.strip()]
    types = {f.name: f.type for f in fields(Limits)}
    changes: dict[str, float | int] = {}
    for spec in specs:
        name, sep, value = spec.partition("=")
        name = name.strip().replace("-", "_")
        if not sep or name not in types:
            raise ValueError(f"unknown limit {spec!r} (known: {', '.join(types)})")
        try:
            number = float(value) if types[name] in ("float", float) else int(value)
        except ValueError:
            raise ValueError(f"limit {name} needs a number, not {value!r}") from None
        if number <= 0:
            raise ValueError(f"limit {name} must be positive")
        changes[name] = number
    return replace(base, **changes)


def set_limits(limits: Limits) -> None:
    """Make `limits` the ones every reader checks in this process (a batch worker calls this)."""
    global LIMITS
    LIMITS = limits


def current() -> Limits:
    return LIMITS


def _no_progress_watcher() -> None:
    return None


_progress: Callable[[], None] = _no_progress_watcher


def set_progress(callback: Callable[[], None]) -> None:
    """What `progress()` calls: a batch worker tells its parent it is still moving."""
    global _progress
    _progress = callback


@contextmanager
def time_budget(path: str) -> Iterator[None]:
    """The batch's time budget for one file read in this process (the command line): OverTime (E120)
    once `seconds` pass without progress, or `file_seconds` in all. Python code is interrupted by
    SIGALRM, so this works only in the main thread, where a Unix system has the signal."""
    import signal
    import threading
    import time

    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return
    from .errors import OverTime

    started = time.monotonic()
    budget = current()

    def rearm() -> None:
        left = budget.file_seconds - (time.monotonic() - started)
        signal.setitimer(signal.ITIMER_REAL, max(min(budget.seconds, left), 0.01))

    def expired(signum, frame) -> None:
        over_all = time.monotonic() - started >= budget.file_seconds
        raise OverTime(path, f"over {budget.file_seconds:g} s" if over_all else f"no progress for {budget.seconds:g} s")

    old_handler = signal.signal(signal.SIGALRM, expired)
    old_progress = _progress
    set_progress(rearm)
    rearm()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        set_progress(old_progress)


def progress() -> None:
    """Readers call this after each page (or other long step): a long scan is not a hung file."""
    _progress()


def from_environment() -> Limits:
    return parse_overrides(os.environ.get("PLANPARSE_LIMITS"))


def cap_memory(memory_mb: int) -> None:
    """Cap this process's address space at what it maps now plus `memory_mb`, so an allocation a
    crafted file asks for fails at once (MemoryError) instead of swapping the machine."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as f:
            mapped = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        cap = mapped + memory_mb * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, OSError, ValueError):
        pass
