"""Bad input is not a bug: every problem with a file is a PlanParseError with a stable code."""
from __future__ import annotations

import os


def shown_path(path: object) -> str:
    """A path as people and UTF-8 outputs can take it: bytes that are not UTF-8 (a Windows zip's
    names) become \\xNN escapes instead of failing every write of a message, CSV or JSON."""
    try:
        return os.fsencode(path).decode("utf-8", "backslashreplace")  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(path)


class PlanParseError(Exception):
    """A file planparse cannot turn into a plan. `str()` is the one-line message users see."""

    code = "E100"
    reason = "cannot read file"

    @property
    def summary(self) -> str:
        """The message without the file: 'E105 file is corrupt ... (bad zip)', as a batch record keeps it."""
        return f"{self.code} {self.reason}" + (f" ({self.detail})" if self.detail else "")

    def __init__(self, path: str, detail: str | None = None):
        self.path = path
        self.detail = detail
        super().__init__(f"{shown_path(path)}: {self.summary}")


class MissingFile(PlanParseError):
    code, reason = "E101", "file not found"


class EmptyFile(PlanParseError):
    code, reason = "E102", "file is empty"


class UnsupportedFormat(PlanParseError):
    code, reason = "E103", "unsupported file format"


class EncryptedFile(PlanParseError):
    code, reason = "E104", "file is encrypted"


class CorruptFile(PlanParseError):
    code, reason = "E105", "file is corrupt or not what its name says"


class NotAPlan(PlanParseError):
    code, reason = "E106", "not a plan"


class NoText(PlanParseError):
    code, reason = "E107", "no text to read"


class TooLarge(PlanParseError):
    code, reason = "E108", "file too large or expands too much"


class SymbolicLink(PlanParseError):
    code, reason = "E109", "symbolic link not followed"


class TooManyPages(PlanParseError):
    code, reason = "E110", "too many pages (limit 'pages')"


class PageTooLarge(PlanParseError):
    code, reason = "E111", "page too large to render (limit 'page_area')"


class FileTooBig(PlanParseError):
    code, reason = "E112", "file too big to read into memory (limit 'file_bytes')"


class DeclaredSizeTooLarge(PlanParseError):
    code, reason = "E113", "declared size out of range (limits 'declared_span', 'list_start')"


class TooManyLines(PlanParseError):
    code, reason = "E114", "too many lines or paragraphs (limit 'lines')"


class LineTooLong(PlanParseError):
    code, reason = "E115", "a line or paragraph too long (limit 'line_chars')"


class NotARegularFile(PlanParseError):
    code, reason = "E116", "not a regular file (a device, pipe or socket)"


class OverTime(PlanParseError):
    code, reason = "E120", "took longer than its time budget (limit 'seconds')"


class OverMemory(PlanParseError):
    code, reason = "E121", "needed more memory than its budget (limit 'memory_mb')"


class WorkerDied(PlanParseError):
    code, reason = "E122", "the worker reading it died"


class CannotWrite(PlanParseError):
    code, reason = "E130", "cannot write output"
