"""Writing outputs whole or not at all: what other programs read is never half a file."""
from __future__ import annotations

import os
from pathlib import Path

from .errors import CannotWrite


def atomic_write(path: Path, text: str) -> None:
    """Write `text` to `path` through '<name>.<pid>.tmp' and a rename. A failed write (disk full, a
    name too long) leaves no .tmp and raises CannotWrite (E130) naming `path`, never its .tmp."""
    tmp = path.with_name(path.name[:200] + f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8", errors="backslashreplace") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise CannotWrite(str(path), e.strerror or str(e)) from None
