"""Deadlines as printed -> the contract's kinds with ISO dates (plan year fills an omitted year)."""
from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Optional

from .. import lexicon
from ..models import Deadline
from ..text import fold, fold_ws

_FULL = re.compile(r"(?<![\d/])(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?!\d)")
_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_DAY_MONTH = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})(?![\d/])")
_MONTH = re.compile(r"tháng\s+(\d{1,2})\s*(?:[/\-]|năm)\s*(\d{4})")
_MONTH_ONLY = re.compile(r"tháng\s+(\d{1,2})(?![\d/])")
_QUARTER = re.compile(r"quý\s+(iv|iii|ii|i|[1-4])\s*(?:[/\-]|năm)?\s*(\d{4})?")
_YEAR = re.compile(r"(?:năm|trong năm|cả năm)\s+(\d{4})")
_YEAR_RANGE = re.compile(r"(\d{4})\s*[-–]\s*(\d{4})")
_HALF = re.compile(r"(6|sáu) tháng (đầu|cuối) năm\s*(\d{4})?")


def _iso(y: int, m: int, d: int) -> Optional[str]:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _month_end(y: int, m: int) -> Optional[str]:
    if not 1 <= m <= 12:
        return None
    return _iso(y, m, calendar.monthrange(y, m)[1])


def find_dates(t: str, year: Optional[int]) -> list[tuple[int, str]]:
    """All day-precise dates in folded text, with positions."""
    out: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for rx in (_WORDS, _FULL):
        for m in rx.finditer(t):
            if any(a <= m.start() < b for a, b in taken):
                continue
            iso = _iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if iso:
                out.append((m.start(), iso))
                taken.append((m.start(), m.end()))
    if year:
        for m in _DAY_MONTH.finditer(t):
            if any(a <= m.start() < b for a, b in taken):
                continue
            if t[max(0, m.start() - 6):m.start()].strip().endswith("tháng"):
                continue
            iso = _iso(year, int(m.group(2)), int(m.group(1)))
            if iso:
                out.append((m.start(), iso))
    return sorted(out)


def _frequency(t: str) -> Optional[str]:
    order = lexicon.deadlines().frequency_order
    found: list[str] = []
    for phrase, every in lexicon.deadlines().recurring.items():
        if phrase in t:
            found.append(every)
    m = re.search(r"(?:hàng|hằng|định kỳ)\s+((?:tuần|tháng|quý|năm)(?:\s*(?:,|và|hoặc|/)\s*(?:tuần|tháng|quý|năm))*)", t)
    if m:
        for w in re.findall(r"tuần|tháng|quý|năm", m.group(1)):
            found.append({"tuần": "week", "tháng": "month", "quý": "quarter", "năm": "year"}[w])
    if not found:
        return None
    return min(found, key=order.index)


def _end_of(t: str, year: Optional[int]) -> Optional[str]:
    """The last day a coarse period ('tháng 12/2023', 'quý II/2024', 'năm 2023') allows."""
    m = _MONTH.search(t)
    if m:
        return _month_end(int(m.group(2)), int(m.group(1)))
    m = _QUARTER.search(t)
    if m and (m.group(2) or year):
        month = lexicon.deadlines().quarters.get(m.group(1))
        if month:
            return _month_end(int(m.group(2) or year), month)
    m = _HALF.search(t)
    if m and (m.group(3) or year):
        y = int(m.group(3) or year)
        return _iso(y, 6, 30) if m.group(2) == "đầu" else _iso(y, 12, 31)
    m = _YEAR.search(t)
    if m:
        return _iso(int(m.group(1)), 12, 31)
    m = _MONTH_ONLY.search(t)
    if m and year:
        return _month_end(year, int(m.group(1)))
    return None


def parse_deadline(text: str, year: Optional[int] = None) -> Optional[Deadline]:
    """Normalise a deadline phrase; None when it names no time at all."""
    printed = fold_ws(text).strip(" .;,")
    if not printed:
        return None
    t = fold(printed)
    dl = lexicon.deadlines()
    dates = find_dates(t, year)

    damaged_ongoing = len(t.split()) <= 3 and re.search(r"\bxuyên$", t)  # "Thường xuyên" misread by OCR
    if damaged_ongoing or any(t.startswith(w) or f" {w}" in t[:40] for w in dl.ongoing) \
            and not t.startswith(("trước", "hoàn thành")):
        peak = None
        m = re.search(r"cao điểm\s+(?:từ\s+)?", t)
        if m:
            later = [d for pos, d in dates if pos >= m.start()]
            peak = later[0] if later else None
        return Deadline(kind="ongoing", text=printed, peak_from=peak)

    every = _frequency(t)
    if every and (t.startswith(("định kỳ", "hàng", "hằng", "trước ngày")) or "định kỳ" in t[:30]):
        day = None
        m = re.search(r"(?:trước\s+)?ngày\s+(\d{1,2})\s+(?:hàng|hằng|của)", t)
        if m:
            day = int(m.group(1))
        return Deadline(kind="recurring", text=printed, every=every, day=day)

    if any(t.startswith(w) for w in dl.event_openers):
        return Deadline(kind="event", text=printed)

    m = re.search(r"cả năm\s+(\d{4})", t)
    if m:
        y = int(m.group(1))
        return Deadline(kind="period", text=printed, start=_iso(y, 1, 1), end=_iso(y, 12, 31))
    m = re.search(r"\btừ\b(.+?)\bđến\b(.+)", t)
    if m:
        start_d = find_dates(m.group(1), year)
        end_d = find_dates(m.group(2), year)
        start = start_d[0][1] if start_d else None
        end = end_d[0][1] if end_d else _end_of(m.group(2), year)
        if start is None:
            ms = _MONTH.search(m.group(1))
            if ms:
                start = _iso(int(ms.group(2)), int(ms.group(1)), 1)
        if start or end:
            if start is None:
                return Deadline(kind="by", text=printed, date=end)
            return Deadline(kind="period", text=printed, start=start, end=end)
    m = re.search(r"(?:giai đoạn|năm)\s+" + _YEAR_RANGE.pattern, t)
    if m:
        return Deadline(kind="period", text=printed, start=_iso(int(m.group(1)), 1, 1), end=_iso(int(m.group(2)), 12, 31))

    by_words = ("trước", "hoàn thành", "chậm nhất", "đến", "trong", "xong", "kết thúc", "hạn")
    if dates:
        if any(w in t for w in by_words) or len(dates) > 1:
            return Deadline(kind="by", text=printed, date=dates[-1][1] if "kết thúc" in t else dates[0][1])
        return Deadline(kind="on", text=printed, date=dates[0][1])
    end = _end_of(t, year)
    if end:
        return Deadline(kind="by", text=printed, date=end)
    if every:
        return Deadline(kind="recurring", text=printed, every=every)
    return None
