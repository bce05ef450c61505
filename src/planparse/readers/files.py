"""Opening a file to read it: only a regular file, and never more of it than a reader's budget.

A FIFO, device or socket named "plan.txt" would block or never end, so the kind of file is looked at
with stat() before anything opens it; it is opened without blocking and looked at once more through
the open descriptor, in case it was swapped in between. A file's size is checked before it is read,
and no more than the budget plus one byte is read, in case the size lied (a file still growing).
"""
from __future__ import annotations

import errno
import os
import stat

from .. import limits
from ..errors import CorruptFile, FileTooBig, MissingFile, NotARegularFile, UnsupportedFormat

_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _require_regular(path: str, st: os.stat_result) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise UnsupportedFormat(path, "is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise NotARegularFile(path, _kind(st.st_mode))


def stat_regular(path: str) -> os.stat_result:
    """stat() of a regular file (symbolic links followed); anything else is refused without opening it."""
    try:
        st = os.stat(path)
    except OSError as e:
        raise MissingFile(path, None if e.errno == errno.ENOENT else e.strerror) from e
    _require_regular(path, st)
    return st


def open_regular(path: str):
    """A binary file object for a regular file, opened without blocking and checked again once open."""
    stat_regular(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise CorruptFile(path, e.strerror or "cannot open") from e
    f = os.fdopen(fd, "rb")
    try:
        _require_regular(path, os.fstat(fd))
    except BaseException:
        f.close()
        raise
    return f


def read_limited(path: str, limit: int | None = None) -> bytes:
    """All bytes of a regular file of at most `limit` bytes (limit 'file_bytes'); a larger one is refused
    before it is read, and at most limit + 1 bytes are ever read."""
    limit = limits.current().file_bytes if limit is None else limit
    with open_regular(path) as f:
        size = os.fstat(f.fileno()).st_size
        if size > limit:
            raise FileTooBig(path, f"{size} bytes, limit file_bytes={limit}")
        try:
            data = f.read(limit + 1)
        except OSError as e:
            raise CorruptFile(path, e.strerror or "cannot read") from e
    if len(data) > limit:
        raise FileTooBig(path, f"more than {limit} bytes read although it declared {size}, limit file_bytes={limit}")
    return data
