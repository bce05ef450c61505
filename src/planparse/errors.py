"""Bad input is not a bug: every problem with a file is a PlanParseError with a stable code."""
from __future__ import annotations


class PlanParseError(Exception):
    """A file planparse cannot turn into a plan. `str()` is the one-line message users see."""

    code = "E100"
    reason = "cannot read file"

    def __init__(self, path: str, detail: str | None = None):
        self.path = path
        self.detail = detail
        super().__init__(f"{path}: {self.code} {self.reason}" + (f" ({detail})" if detail else ""))


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
