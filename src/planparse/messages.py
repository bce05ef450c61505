"""What the library says, in Vietnamese for the people who read the pages (data/messages.json).

The library writes its error reasons and warnings in English, with codes, for logs and scripts; the index and
review pages show each as its code and Vietnamese text. A warning is matched by its pattern, and the parts it
carries (pages, a reason) are put into the Vietnamese template, known phrases translated.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Optional


@lru_cache(maxsize=1)
def _messages() -> dict:
    return json.loads(resources.files("planparse.data").joinpath("messages.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _warnings() -> list[tuple[str, re.Pattern, str]]:
    return [(w["code"], re.compile(w["pattern"]), w["vi"]) for w in _messages()["warnings"]]


def reason_vi(reason: object) -> str:
    """'E105 file is corrupt ... (bad zip)' as people read it: the code, its Vietnamese text, and the detail as
    the reader gave it."""
    text = str(reason or "")
    m = re.match(r"(E\d{3})\b[^(]*(\(.*\))?", text)
    vi = _messages()["reasons"].get(m.group(1)) if m else None
    if not vi:
        return text
    return f"{m.group(1)} {vi}" + (f" {m.group(2)}" if m.group(2) else "")


def stage_vi(stage: object) -> str:
    return _messages()["stages"].get(str(stage or ""), str(stage or ""))


def warning_code(warning: str) -> Optional[str]:
    return next((code for code, rx, _ in _warnings() if rx.fullmatch(warning)), None)


def warning_vi(warning: str) -> str:
    """'pages 1,2 have no text layer: read by OCR (tesseract -l vie)' -> 'W110 trang 1,2 không có lớp chữ: đã đọc
    bằng OCR (tesseract -l vie)'; a warning with no entry is shown as written."""
    phrases = _messages()["phrases"]

    def part(value: Optional[str]) -> str:
        if value is None:
            return ""
        return "; ".join(phrases.get(p, p) for p in value.split("; "))

    for code, rx, vi in _warnings():
        m = rx.fullmatch(warning)
        if m:
            return f"{code} " + vi.format(**{k: part(v) for k, v in m.groupdict().items()})
    return warning
