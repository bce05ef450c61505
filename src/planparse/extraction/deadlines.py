"""Deadlines as printed -> the contract's kinds with ISO dates (plan year fills an omitted year).

`parse_deadline` reads a deadline line or cell ("Quý II/2026", "Thường xuyên", "Từ tháng 3 đến tháng 9/2026");
`deadline_in_duty` finds the completion time a duty states in its own sentence ("... hoàn thành trước ngày
30/6/2026 ...") and refuses the other times a duty names (a cited document's date, a baseline, a programme's span).
Both read the text as a list of time points (a day, a month, a quarter, a half year, a year) with their spans.
The phrases are data (data/deadlines.json); this module only knows the shapes of dates.
"""
from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Optional

from .. import lexicon
from ..models import Deadline
from ..text import alternation as _alternation, fold_ws, nfc, normalize_tones


# ------------------------------------------------------------------ time points
@dataclass(frozen=True)
class TimePoint:
    """A time named in the text: `unit` is day / month / quarter / half / year; `month` is the day's month, the month,
    or the last month of the quarter or half; `year` None when the text leaves it out."""

    start: int
    end: int
    unit: str
    year: Optional[int]
    month: int = 12
    day: int = 0
    bare: bool = False  # a year printed without "năm" ("2026 - 2030"): a time only inside a range
    paired: bool = False  # the first of two months or quarters printed under one year ("tháng 3-4/2026"): a span

    def first_day(self, year: Optional[int]) -> Optional[str]:
        y = self.year or year
        if y is None:
            return None
        if self.unit == "day":
            return _iso(y, self.month, self.day)
        span = {"month": 0, "quarter": 2, "half": 5, "year": 11}[self.unit]
        return _iso(y, self.month - span, 1)

    def last_day(self, year: Optional[int]) -> Optional[str]:
        y = self.year or year
        if y is None:
            return None
        if self.unit == "day":
            return _iso(y, self.month, self.day)
        return _month_end(y, self.month)


def _iso(y: int, m: int, d: int) -> Optional[str]:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _month_end(y: int, m: int) -> Optional[str]:
    if not 1 <= m <= 12:
        return None
    return _iso(y, m, calendar.monthrange(y, m)[1])


@lru_cache(maxsize=None)
def _point_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """Date shapes, most precise first (an earlier shape owns its span)."""
    dl = lexicon.deadlines()
    quarter = _alternation(dl.quarter_words)
    roman = _alternation(dl.quarters)
    return (
        ("day_words", re.compile(r"(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})(?!\d)")),
        ("day_full", re.compile(r"(?:ngày\s+)?(?<![\d/.,])(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)")),
        ("day_words_no_year", re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?!\s*(?:năm|[/\d]))")),
        ("day_month", re.compile(r"(?:ngày\s+)?(?<![\d/.,])(\d{1,2})\s*/\s*(\d{1,2})(?![\d/])")),
        ("half", re.compile(r"(?<!\d)(?:6|06|sáu)\s+tháng\s+(đầu|cuối)\s+năm(?:\s+(\d{4}))?(?!\d)")),
        ("quarter_pair", re.compile(rf"(?:{quarter})\s+({roman})\s*(?:[-–,]|và)\s*(?P<second>(?:(?:{quarter})\s+)?({roman})(?![\w])"
                                    r"\s*(?:[/\-]|năm)\s*(\d{4}))(?!\d)")),
        ("month_pair", re.compile(r"tháng\s+(\d{1,2})\s*(?:[-–,]|và)\s*(?P<second>(?:tháng\s+)?(\d{1,2})\s*(?:[/\-]|năm)\s*"
                                  r"(\d{4}))(?!\d)")),
        ("quarter", re.compile(rf"(?:{quarter})\s+({roman})(?![\w])(?:\s*(?:[/\-]|năm)\s*(\d{{4}})(?!\d))?")),
        ("month", re.compile(r"tháng\s+(\d{1,2})(?:\s*(?:[/\-]|năm)\s*(\d{4}))?(?![\d/])")),
        ("month_year", re.compile(r"(?<![\d/.,])(\d{1,2})\s*/\s*(\d{4})(?![\d/])")),  # "06/2026" in a time cell
        ("year", re.compile(r"năm\s+(\d{4})(?!\d)")),
        ("bare_year", re.compile(r"(?<![\d/.,])((?:19|20)\d{2})(?![\d/])")),
    )


@lru_cache(maxsize=None)
def _year_lead() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{_alternation(lexicon.deadlines().year_lead_words)})\s+$")


_ANY_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=None)
def _quarter_words() -> tuple[str, ...]:
    return tuple(f"{w} " for w in lexicon.deadlines().quarter_words)


def find_points(t: str) -> list[TimePoint]:
    """Every time point in normalised text (see `normalise`), in order, none overlapping."""
    if not _ANY_DIGIT.search(t) and not any(w in t for w in _quarter_words()):
        return []  # every point has a digit or a quarter word ('quý III'): most lines name no time
    out: list[TimePoint] = []
    taken = bytearray(len(t))  # characters already in a point: a point never overlaps an earlier one
    quarters = lexicon.deadlines().quarters
    for shape, rx in _point_patterns():
        for m in rx.finditer(t):
            if 1 in taken[m.start():m.end()]:  # every pattern takes a digit: no match is empty
                continue
            found = _pair(shape, m, quarters) if shape.endswith("_pair") else [_point(shape, m, t, quarters)]
            if found and all(p is not None for p in found):
                out.extend(found)
                taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return sorted(out, key=lambda p: p.start)


def _pair(shape: str, m: re.Match, quarters: dict[str, int]) -> list[Optional[TimePoint]]:
    """'tháng 3-4/2026', 'quý III, IV/2026': two months or quarters of one year, the first marked as a span's start."""
    unit = "quarter" if shape == "quarter_pair" else "month"
    a, b, y = m.group(1), m.group(3), int(m.group(4))
    ma, mb = (quarters[a], quarters[b]) if unit == "quarter" else (int(a), int(b))
    if not (1 <= ma < mb <= 12):
        return [None]
    return [TimePoint(m.start(), m.end(1), unit, y, ma, paired=True), TimePoint(m.start("second"), m.end(), unit, y, mb)]


def _point(shape: str, m: re.Match, t: str, quarters: dict[str, int]) -> Optional[TimePoint]:
    g = m.groups()
    s, e = m.start(), m.end()
    if shape == "day_words":
        d, mo, y = int(g[0]), int(g[1]), int(g[2])
    elif shape == "day_full":
        d, mo, y = int(g[0]), int(g[2]), int(g[3])
    elif shape in ("day_words_no_year", "day_month"):
        if shape == "day_month" and re.search(r"tháng\s*$", t[max(0, s - 7):s]):
            return None
        d, mo, y = int(g[0]), int(g[1]), None
    elif shape == "half":
        return TimePoint(s, e, "half", int(g[1]) if g[1] else None, 6 if g[0] == "đầu" else 12)
    elif shape == "quarter":
        return TimePoint(s, e, "quarter", int(g[1]) if g[1] else None, quarters[g[0]])
    elif shape in ("month", "month_year"):
        mo = int(g[0])
        return TimePoint(s, e, "month", int(g[1]) if g[1] else None, mo) if 1 <= mo <= 12 else None
    else:
        led = shape == "bare_year" and _year_lead().search(t, 0, s)  # "Đến hết 2026": a year, not a bare number
        return TimePoint(s, e, "year", int(g[0]), 12, bare=shape == "bare_year" and not led)
    if _iso(y or 2000, mo, d) is None:
        return None
    return TimePoint(s, e, "day", y, mo, d)


# ------------------------------------------------------------------ normalising
_HOURS = re.compile(r"(?<!\d)\d{1,2}\s*(?:h|giờ)(?:\s*\d{1,2})?(?:\s*(?:’|'|phút))?(?!\w)")


@lru_cache(maxsize=4096)
def normalise(printed: str) -> str:
    """Lower case with modern tone marks, 'quí' read as 'quý', times of day blanked; same length as `printed`."""
    toned = normalize_tones(printed)
    low = toned.lower()
    if len(low) != len(toned):  # a character whose lower case is longer ('İ'): keep it as it is
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in toned)
    low = re.sub(r"(?<!\w)quí(?!\w)", "quý", low)
    low = _OCR_QUARTER.sub(lambda m: re.sub(r"[l1|]", "i", m.group(0)) if re.search(r"[ivxl|]", m.group(0)) else m.group(0),
                           low)
    return _HOURS.sub(lambda m: " " * len(m.group(0)), low)


# a quarter's Roman number as OCR reads it ("Quý I1/2026", "Quý Il"): its I's read as 1, l or |
_OCR_QUARTER = re.compile(r"(?<=quý\s)[ivxl1|]{1,4}(?=\s*(?:/|năm\b|,|;|\)|\.|$|\s))")


@lru_cache(maxsize=None)
def _planned_in_brackets() -> re.Pattern:
    """'(Dự kiến) tháng 12/2025': the planned word in brackets reads as without them."""
    return re.compile(r"^\((" + _alternation(lexicon.deadlines().planned_words) + r")\)")


@lru_cache(maxsize=None)
def _phrase_re(words: tuple[str, ...]) -> re.Pattern:
    """Any of the phrases as whole words."""
    return re.compile(rf"(?<!\w)(?:{_alternation(words)})(?!\w)")


@lru_cache(maxsize=None)
def _recurrence_re() -> re.Pattern:
    """'hằng quý', 'định kỳ hàng tháng, quý', 'định kỳ 6 tháng', 'hằng năm': a frequency with its markers."""
    dl = lexicon.deadlines()
    marker = _alternation(dl.frequency_markers)
    unit = _alternation(dl.frequency_units)
    phrase = _alternation(dl.recurring)
    item = rf"(?:(?:{marker})\s+)*(?:{phrase}|{unit})"
    return re.compile(rf"(?<!\w)(?:(?:{marker})\s+)+(?:{phrase}|{unit})(?:\s*(?:,|và|hoặc|/)\s*{item})*(?!\w)"
                      rf"|(?<!\w)(?:{phrase})(?!\w)")


@lru_cache(maxsize=None)
def _frequency_patterns() -> dict[str, re.Pattern]:
    dl = lexicon.deadlines()
    markers, units, times = _alternation(dl.frequency_markers), _alternation(dl.frequency_units), re.escape(dl.times_word)
    return {
        # (not "định kỳ ngày 25 hằng tháng": a unit before a number is the day, not how often)
        "marked": re.compile(rf"(?<!\w)(?:{markers})\s+((?:{units})(?:\s*(?:,|và|hoặc|/)\s*(?:{units}))*)(?!\w)(?!\s+\d)"),
        "unit": re.compile(units),
        "times_per": re.compile(rf"(\d+)\s*{times}\s*/\s*({units})(?!\w)"),  # "02 lần/năm"
        "months_per_time": re.compile(rf"(\d+)\s*tháng\s*/\s*{times}(?!\w)"),  # "6 tháng/lần"
    }


def _frequency(t: str, points: list[TimePoint]) -> Optional[str]:
    """The most frequent recurrence a phrase names: 'hàng tháng, quý' -> month; two dates 'hằng năm' -> half_year."""
    dl = lexicon.deadlines()
    pats = _frequency_patterns()
    found = [every for phrase, every in dl.recurring.items() if _phrase_re((phrase,)).search(t)]
    for m in pats["marked"].finditer(t):
        found += [dl.frequency_units[w] for w in pats["unit"].findall(m.group(1))]
    for m in pats["times_per"].finditer(t):
        per = dl.frequency_units[m.group(2)]
        found.append(_per_year(int(m.group(1))) if per == "year" else per)
    for m in pats["months_per_time"].finditer(t):
        found.append({1: "month", 3: "quarter", 6: "half_year", 12: "year"}.get(int(m.group(1)), "month"))
    dated = [p for p in points if p.unit == "day" and p.year is None]
    # "Tháng 6 và tháng 12 hằng năm": months named apart, not a span ("Từ tháng 3 đến tháng 11 hằng năm")
    months = [p for p in points if p.unit == "month" and p.year is None] \
        if re.search(r"tháng\s+\d{1,2}\s*(?:,|và)\s*(?:tháng\s+)?\d", t, re.I) else []
    if "year" in found and max(len(dated), len(months)) >= 2:
        found.append(_per_year(max(len(dated), len(months))))
    if not found and dated and _phrase_re(tuple(dl.periodic_words)).search(t):
        found.append(_per_year(len(dated)))  # "định kỳ báo cáo ... trước ngày 20/11": the date comes round each year
    if not found:
        return None
    return min(found, key=dl.frequency_order.index)


def _per_year(n: int) -> str:
    return "month" if n >= 12 else "quarter" if n >= 4 else "half_year" if n >= 2 else "year"


@lru_cache(maxsize=None)
def _bare_day_re() -> re.Pattern:
    """'trước 20 hằng tháng': a day of the month printed without 'ngày', after a schedule word."""
    d = lexicon.deadlines()
    return re.compile(rf"(?<!\w)(?:{_alternation(d.in_duty.schedule_days)})\s+(\d{{1,2}})\s+(?:của\s+)?"
                      rf"(?:{_alternation(d.frequency_markers)})\s+tháng(?!\w)")


def _recurring_day(t: str) -> Optional[int]:
    """'trước ngày 15 hàng tháng', 'trước ngày 05 của tháng liền kề', 'trước 20 hằng tháng' -> 15, 5, 20 (a day of the
    month, not a date)."""
    m = re.search(r"ngày\s+(\d{1,2})(?!\s*[/\d])(?!\s+tháng\s+\d)", t) or _bare_day_re().search(t)
    return int(m.group(1)) if m and 1 <= int(m.group(1)) <= 31 else None


# ------------------------------------------------------------------ deadline lines and cells
def parse_deadline(text: str, year: Optional[int] = None, plan_date: Optional[str] = None) -> Optional[Deadline]:
    """Normalise a deadline phrase; None when it names no time at all. With the plan's own date (a full
    'YYYY-MM-DD'), a span counted from it ('từ nay', 'từ ngày ban hành Kế hoạch') starts on that day."""
    printed = fold_ws(nfc(text)).strip(" .;,")
    if not printed:
        return None
    t = fold_ws(normalise(printed))
    if (relative := _relative_limit(t, printed, plan_date)) is not None:
        return relative
    if plan_date and re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", plan_date):
        # a draft dated "ngày ... tháng 10 năm 2025" is issued in that month: from its first day
        y, m, d = (plan_date + "-01").split("-")[:3]
        t = _phrase_re(tuple(lexicon.deadlines().from_plan_date)).sub(f"từ ngày {int(d)}/{int(m)}/{y}", t)
    t = _planned_in_brackets().sub(r"\1", t)
    if (school := _school_year(t, printed)) is not None:
        if isinstance(school, Deadline):
            return school
        t = school  # "Tháng 9/2025 (đầu năm học 2025 - 2026)": the other time is the deadline
    dl = _deadline_of(t, printed, year)
    if dl is not None and dl.kind == "period" and dl.end is None and dl.start and len(dl.start) == 10 \
            and re.match(r"^từ\s+\d{1,2}\s*(?:h|giờ)", printed, re.I) and not re.search(r"\bđến\b", t, re.I):
        # "Từ 13h30’ ngày 02/6/2026 (Thứ Ba)": a sitting that starts at a time of day is held on that day
        dl = Deadline(kind="on", date=dl.start, text=dl.text)
    if dl is not None and (dl.kind == "on" or dl.kind == "period" and dl.end is None) and (days := _lasting(printed)):
        # "23/3/2026; 02 ngày", "1,5 ngày (bắt đầu từ ... ngày 06/7/2026)": from that day, for so many days
        first = dl.date or dl.start
        if first and len(first) == 10:
            last = date.fromisoformat(first) + timedelta(days=days - 1)
            dl = Deadline(kind="period", start=first, end=last.isoformat(), text=dl.text)
    return dl


@lru_cache(maxsize=None)
def _school_year_re() -> re.Pattern:
    sy = lexicon.deadlines().school_year
    return re.compile(rf"(?:(?<!\w)({_alternation(sy.before_words)})\s+)?(?<!\w)(?:{_alternation(sy.words)})"
                      rf"(?:\s+(?:{_alternation(sy.new_words)}))?\s+(\d{{4}})\s*[-–]\s*(\d{{4}})(?!\d)")


def _school_year(t: str, printed: str) -> "Optional[Deadline | str]":
    """'Năm học 2025 - 2026' (nothing else dated in the phrase): the school year as a period; 'Trước năm học mới
    2026 - 2027': by the day before it starts. Beside another time, the phrase with the school year blanked out."""
    m = _school_year_re().search(t)
    if m is None or int(m.group(3)) != int(m.group(2)) + 1:
        return None
    rest = t[:m.start()] + " " * (m.end() - m.start()) + t[m.end():]
    return rest if re.search(r"\d", rest) else _school_year_deadline(m, printed)


def school_year_in(text: str) -> Optional[Deadline]:
    """The school year a title names ('Kế hoạch ... năm học 2025 - 2026') as a period, else None."""
    printed = fold_ws(nfc(text))
    m = _school_year_re().search(normalise(printed))  # (same length as printed)
    if m is None or m.group(1) or int(m.group(3)) != int(m.group(2)) + 1:
        return None
    return _school_year_deadline(m, printed[m.start():m.end()])


def _school_year_deadline(m: re.Match, text: str) -> Deadline:
    sy = lexicon.deadlines().school_year
    first = date.fromisoformat(f"{m.group(2)}-{sy.first_day}")
    if m.group(1):
        return Deadline(kind="by", date=(first - timedelta(days=1)).isoformat(), text=text)
    return Deadline(kind="period", start=first.isoformat(), end=f"{m.group(3)}-{sy.last_day}", text=text)


@lru_cache(maxsize=None)
def _relative_re() -> re.Pattern:
    r = lexicon.deadlines().relative_limit
    return re.compile(rf"(?:^|(?<=\s))(?:{_alternation(tuple(r.limit_words))})\s+(\d{{1,3}})\s+"
                      rf"({_alternation(tuple(r.units) + tuple(r.month_units))})((?:\s+(?:{_alternation(tuple(r.workday_words))}))?)\s+"
                      rf"(?:{_alternation(tuple(r.from_words))})\s+(.+)$", re.I)


def _relative_limit(t: str, printed: str, plan_date: Optional[str], anywhere: bool = False) -> Optional[Deadline]:
    """'Trong vòng 30 ngày kể từ ngày ký': by the plan's date and so many days; counted from another event, or in
    working days, the event is the deadline. `anywhere`: inside a duty ('..., hoàn thành trong vòng 30 ngày kể từ
    ngày ký'), where only a limit from the plan's own date is read (other events in a duty are event_in_duty's)."""
    m = _relative_re().search(t) if anywhere else _relative_re().match(t)
    if m is None:
        return None
    r = lexicon.deadlines().relative_limit
    anchor = m.group(4).strip(" .;,")
    own = anchor.startswith(tuple(r.plan_anchors)) and not re.search(r"\d", anchor[:30])
    if own and not m.group(3) and plan_date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", plan_date):
        n, unit, start = int(m.group(1)), m.group(2), date.fromisoformat(plan_date)
        if unit in r.month_units:
            months = start.month - 1 + n
            y, mo = start.year + months // 12, months % 12 + 1
            due = date(y, mo, min(start.day, calendar.monthrange(y, mo)[1]))
        else:
            due = start + timedelta(days=n * r.units[unit])
        if not anywhere:
            return Deadline(kind="by", date=due.isoformat(), text=printed)
        clause = re.search(r"[.;,(]", t[m.start(4):])  # the anchor's clause ends the phrase as printed
        end = m.start(4) + clause.start() if clause else len(t)
        return Deadline(kind="by", date=due.isoformat(), text=printed[m.start():end].strip())
    return None if anywhere else Deadline(kind="event", text=printed)


@lru_cache(maxsize=None)
def _duration_res() -> tuple[re.Pattern, re.Pattern]:
    words = lexicon.deadlines().in_duty
    return (re.compile(rf"(?<![\d/.,])(\d{{1,2}}(?:[.,]5)?)\s*(?:{_alternation(words.duration_units)})(?!\s*\d)", re.I),
            re.compile(rf"(?<!\w)(?:{_alternation(words.limit_words)})\s*$", re.I))


def is_duration(text: str) -> bool:
    """A cell that opens with how long something lasts ('02 ngày', '02 ngày làm việc'), not when."""
    return bool(_duration_res()[0].match(text.strip()))


def _lasting(printed: str) -> Optional[int]:
    """Whole days a stated duration covers ('02 ngày' -> 2, '1,5 ngày' -> 2), or None."""
    days, limit = _duration_res()
    m = days.search(printed)
    if not m or limit.search(printed[:m.start()]):
        return None  # "trong 10 ngày kể từ ...": a time limit, not how long a sitting lasts
    n = float(m.group(1).replace(",", "."))
    return int(n) + (1 if n % 1 else 0) if 0 < n <= 31 else None


def _opens_with(t: str, words) -> bool:
    return t in words or t.startswith(_openers(tuple(words)))


@lru_cache(maxsize=None)
def _openers(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w + sep for w in words for sep in (" ", ","))


def _without_verb(t: str) -> str:
    """'thực hiện theo lộ trình ...', 'triển khai đảm bảo theo lộ trình ...': the time phrase after the verb."""
    return re.sub(r"^(?:được\s+)?(?:thực hiện|triển khai(?:\s+thực hiện)?)(?:\s+(?:đảm bảo|bảo đảm))?\s+", "", t)


def _deadline_of(t: str, printed: str, year: Optional[int]) -> Optional[Deadline]:
    dl = lexicon.deadlines()
    points = find_points(t)
    days = [p for p in points if p.unit == "day" and (p.year or year)]

    damaged_ongoing = len(t.split()) <= 3 and re.search(r"\bxuyên$", t)  # "Thường xuyên" misread by OCR
    clauses = [c.strip() for c in t.split(";")[:4]]  # "Báo cáo định kỳ theo thời gian quy định; thực hiện thường xuyên"
    if damaged_ongoing or any(c.startswith(w) or f" {w}" in c[:40] for w in dl.ongoing for c in clauses) \
            and not t.startswith(("trước", "hoàn thành")):
        m = _phrase_re(tuple(dl.peak_words)).search(t)
        later = [p.first_day(year) for p in days if m and p.start >= m.start()]
        return Deadline(kind="ongoing", text=printed, peak_from=later[0] if later else None)

    if _opens_with(t, dl.event_openers) or not points and _opens_with(_without_verb(t), dl.event_openers):
        return Deadline(kind="event", text=printed)  # "(Thực hiện) theo lộ trình tại phần II"
    if not points and _opens_with(t, dl.event_bounds + dl.undated_events):
        # "Từ khi thành lập đến khi kết thúc nhiệm vụ ...", "Khi xuất hiện ca bệnh bất thường", "Kết thúc cuộc bầu cử"
        return Deadline(kind="event", text=printed)

    halves = [p for p in points if p.unit == "half"]
    if halves and not any(p.year for p in halves) and re.match(r"\s*(?:,|và)\s*(?:cả\s+)?năm(?!\s*\d)", t[halves[-1].end:]):
        # "(Báo cáo) 6 tháng đầu năm và cả năm": a report at mid-year and one at the year's end, every year
        return Deadline(kind="recurring", text=printed, every="half_year")
    every = _frequency(t, points)
    if every and (t.startswith(tuple(dl.frequency_markers) + ("trước ngày",)) or "định kỳ" in t[:30]
                  or not any(p.year and not p.bare for p in points) and not any(p.unit == "half" for p in points)):
        return Deadline(kind="recurring", text=printed, every=every, day=_recurring_day(t))

    if days and _opens_with(t, dl.planned_words) and points[0].unit == "day":
        return Deadline(kind="on", text=printed, date=days[0].first_day(year))

    bare_words = _without_verb(t.strip(" .;:"))  # "Cả năm", "thực hiện cả năm"
    if not points and year and bare_words in dl.whole_year:  # "Cả năm" in a plan for one year: that year
        return Deadline(kind="period", text=printed, start=_iso(year, 1, 1), end=_iso(year, 12, 31))
    if not points and year and bare_words in dl.within_year:
        return Deadline(kind="by", text=printed, date=_iso(year, 12, 31))

    period = _period(t, points, year)
    if period and period != (None, None):  # (a span of quarters with no year to date them: no deadline)
        start, end = period
        if start is None:
            return Deadline(kind="by", text=printed, date=end)
        return Deadline(kind="period", text=printed, start=start, end=end)

    if days:
        if _phrase_re(tuple(dl.by_words)).search(t) or len(days) > 1:
            pick = days[-1] if _phrase_re(tuple(dl.last_day_words)).search(t) else days[0]
            return Deadline(kind="by", text=printed, date=pick.last_day(year))
        return Deadline(kind="on", text=printed, date=days[0].first_day(year))
    coarse = [p for p in points if p.unit != "day" and (not p.bare or _only(t, p)) and p.last_day(year)]
    if coarse:
        first = coarse[0]
        if re.search(r"(?<!\w)trước\s*$", t[:first.start]):  # "trước năm 2027": by the end of 2026
            day_before = date.fromisoformat(first.first_day(year)) - timedelta(days=1)
            return Deadline(kind="by", text=printed, date=day_before.isoformat())
        return Deadline(kind="by", text=printed, date=first.last_day(year))
    if every:
        return Deadline(kind="recurring", text=printed, every=every, day=_recurring_day(t))
    return None


def _only(t: str, p: TimePoint) -> bool:
    """The phrase is nothing but this point (a cell that says '2026')."""
    return not re.search(r"\w", t[:p.start] + t[p.end:])


def _period(t: str, points: list[TimePoint], year: Optional[int]) -> Optional[tuple[Optional[str], Optional[str]]]:
    """(start, end) when the phrase names a span: 'cả năm 2023', 'từ A đến B', 'Quý IV/2025 - Quý II/2026',
    'tháng 4 và tháng 8', 'giai đoạn 2026 - 2030', '... và các năm tiếp theo' (end None), 'Từ 01/7/2025' (end None);
    start None for 'từ khi ... đến hết năm 2030'."""
    dl = lexicon.deadlines()
    whole = _alternation(dl.whole_year)
    for p in points:
        if p.unit == "year" and re.search(rf"(?<!\w)(?:{whole})\s+{p.year}$", t[:p.end]):
            return p.first_day(year), p.last_day(year)
    if points and _phrase_re(tuple(dl.open_end)).search(t):
        return points[0].first_day(year), None
    spans = _from_to_spans(t, points, year)
    if len(spans) > 1:  # phases one after another ("Đợt 1: từ ... đến ...; Đợt 2: ..."): first start to last end
        return spans[0][0], spans[-1][1]
    m = re.search(r"(?<!\w)từ(?!\w)(.+?)(?<!\w)đến(?!\w)", t)
    if m:
        left = [p for p in points if m.start(1) <= p.start and p.end <= m.end(1)]
        right = [p for p in points if p.start >= m.end()]
        if left or right:
            start, end = _span(left[0] if left else None, right[0] if right else None, year)
            if start or end:
                return start, end
    joiners = dl.range_joiners
    for p, q in zip(points, points[1:]):
        if p.paired:
            return _span(p, q, year)
        joiner = t[p.end:q.start].strip()
        coarse = p.unit != "day" and q.unit != "day"
        if joiner in joiners and (joiner != "và" or coarse):
            if (p.unit == "day") == (q.unit == "day"):
                return _span(p, q, year)
    starts = _alternation(dl.open_start)
    real = [p for p in points if not p.bare]
    if len(real) == 1 and re.search(rf"(?:^|\s)(?:{starts})\s*$", t[:real[0].start]) \
            and not re.search(r"\w", t[real[0].end:].split("(")[0]):
        return real[0].first_day(year), None
    return None


def _from_to_spans(t: str, points: list[TimePoint], year: Optional[int]) -> list[tuple[str, str]]:
    """Every dated 'từ A đến B' in the phrase, in order."""
    out = []
    for m in re.finditer(r"(?<!\w)từ(?!\w)(.+?)(?<!\w)đến(?!\w)(.+?)(?=(?<!\w)từ(?!\w)|$)", t):
        left = [p for p in points if m.start(1) <= p.start and p.end <= m.end(1)]
        right = [p for p in points if m.start(2) <= p.start and p.end <= m.end(2)]
        if left and right:
            start, end = _span(left[0], right[0], year)
            if start and end:
                out.append((start, end))
    return out


def _span(a: Optional[TimePoint], b: Optional[TimePoint], year: Optional[int]) -> tuple[Optional[str], Optional[str]]:
    """First day of a to last day of b, a missing year taken from the other end ('từ tháng 3 đến tháng 9/2026')."""
    ya = a.year if a else None
    yb = b.year if b else None
    if a and ya is None:
        ya = yb if yb else year
        if ya and b and yb and (a.month, a.day) > (b.month, b.day):
            ya -= 1
    if b and yb is None:
        yb = ya if ya else year
        if yb and a and (b.month, b.day) < (a.month, a.day):
            yb += 1
    start = a.first_day(ya) if a else None
    end = b.last_day(yb) if b else None
    return start, end


# ------------------------------------------------------------------ completion times inside a duty
@lru_cache(maxsize=None)
def _duty_patterns() -> dict[str, re.Pattern]:
    d = lexicon.deadlines().in_duty
    return {
        "strong": re.compile(rf"(?:^|(?<=[\s(,;:]))(?:{_alternation(d.due_preps)})\s*$"),
        "weak": re.compile(rf"(?:^|(?<=[\s(,;:]))(?:{_alternation(d.weak_preps)})\s*$"),
        "verb": re.compile(rf"(?<!\w)(?:{_alternation(d.due_verbs)})(?!\w)"),
        "refuse": re.compile(rf"(?<!\w)(?:{_alternation(d.not_due_before)})(?!\w)"),
        "goal": re.compile(rf"(?<!\w)(?:{_alternation(d.goal_words)})(?!\w)"),
        "span": re.compile(rf"(?<!\w)(?:{_alternation(d.programme_spans)})\s*$"),
        "schedule": re.compile(rf"(?<!\w)(?:{_alternation(d.schedule_days)})\s*$"),
        "marker": re.compile(rf"(?<!\w)(?:{_alternation(lexicon.deadlines().frequency_markers)})\s*$"),
        "range_start": re.compile(r"(?<!\w)từ\s*$"),
        "document": re.compile(r"(?<![\w/])\d+[\w.]*/[\w./\-]*[a-zđ][\w./\-]*\s*$"),
    }


_CLAUSE_END = re.compile(r"[.;:!?]\s|[.;:!?]$|\(|\)|,")
_CLAUSE_END_NO_BRACKETS = re.compile(r"[.;:!?]\s|[.;:!?]$|,")


def deadline_in_duty(text: str, year: Optional[int] = None, plan_date: Optional[str] = None) -> Optional[Deadline]:
    """The completion time a duty states in its own words, or None.

    Read as due: a recurrence the duty opens with ('Định kỳ hằng quý gửi báo cáo ...', 'Hằng năm, ...'), a report
    duty's stated frequency ('Báo cáo ... theo định kỳ hằng tháng'), a dated schedule anywhere ('định kỳ trước
    ngày 01/6 và 15/11 hằng năm'), a time after a completion word ('hoàn thành trước ngày 30/6/2026', 'xong trong
    quý II/2026', 'trình UBND tỉnh trong năm 2024') and a span 'từ ... đến ...'. Not due: a cited document's date, a
    baseline ('so với năm 2020'), a programme's span ('giai đoạn 2025 - 2035', 'đến năm 2030'), undated time words.
    With the plan's date, a limit counted from the plan's issue ('trong vòng 30 ngày kể từ ngày ký') where no time is
    printed. The first due time wins; `text` is the phrase as printed, whitespace folded.
    """
    printed = fold_ws(nfc(text))
    if not printed:
        return None
    t = normalise(printed)
    points = find_points(t)
    candidates = [c for c in (_opening_recurrence(t), _opening_time(t, year), _schedule(t, points, printed)) if c] \
        + list(_due_times(t, points, year))
    dues: list[tuple[int, int, Deadline]] = []
    for start, end, core_start in sorted(candidates):
        dl = None
        if (every := _every_after().match(t, end)) and re.search(r"\d", t[core_start:end]):
            dl = _deadline_of(fold_ws(t[core_start:every.end()]), printed[start:every.end()], year)
            if dl is not None and dl.kind == "recurring":  # "trước ngày 30/11 hằng năm": a dated schedule that recurs
                end = every.end()
            else:
                dl = None
        dl = dl or _deadline_of(fold_ws(t[core_start:end]), printed[start:end], year)
        if dl is None or dl.kind in ("ongoing", "event") or _before_plan(dl, year):
            continue
        dues.append((start, end, dl))
    school = _school_year_in_duty(t, printed)
    if school is not None and (not dues or school[0] < dues[0][0]):
        return school[1]  # "... hoàn thành trong năm học 2025 - 2026": the school year, not two calendar years
    if not dues:
        return _relative_limit(t, printed, plan_date, anywhere=True)  # "..., trong vòng 30 ngày kể từ ngày ký"
    return _regular_dues(dues, printed) or dues[0][2]


def _school_year_in_duty(t: str, printed: str) -> Optional[tuple[int, Deadline]]:
    """A school year a completion word puts the duty in ('hoàn thành trong năm học 2025 - 2026', 'trước năm học
    mới 2026 - 2027'): where it starts in the duty, and the deadline."""
    pats = _duty_patterns()
    for m in _school_year_re().finditer(t):
        before = t[max(0, m.start() - 40):m.start()]
        if m.group(1) or pats["strong"].search(before) or pats["weak"].search(before):
            if int(m.group(3)) == int(m.group(2)) + 1:
                return m.start(), _school_year_deadline(m, printed[m.start():m.end()])
    return None


@lru_cache(maxsize=None)
def _every_after() -> re.Pattern:
    """' hằng năm', ' hàng tháng' right after a time: how often it falls due."""
    d = lexicon.deadlines()
    markers = [m for m in d.frequency_markers if m not in d.periodic_words]
    return re.compile(rf"\s*(?:{_alternation(markers)})\s+(?:{_alternation(d.frequency_units)})(?!\w)", re.I)


_EVERY_MONTHS = {1: "month", 3: "quarter", 6: "half_year", 12: "year"}
_DAY_PRINTED = re.compile(r"(?<!\d)\d{1,2}/\d{1,2}(?:/\d{4})?(?!\d)|ngày\s+\d{1,2}\b", re.I)  # a day, not 'quý III/2026'


def _regular_dues(dues: list[tuple[int, int, Deadline]], printed: str) -> Optional[Deadline]:
    """Two or more dates a duty falls due on, the same day of the month at one interval ('báo cáo kỳ 6 tháng ...
    gửi trước ngày 20/6/2026 và kỳ 12 tháng ... gửi trước ngày 20/12/2026'): a recurrence on that day."""
    dated = [(s, e, d) for s, e, d in dues if d.kind in ("by", "on") and d.date and _DAY_PRINTED.search(d.text or "")]
    if len(dated) < 2 or dated[0][2] is not dues[0][2]:  # a report's own period between them ('từ ... đến ...') aside
        return None
    days = {d.date[8:] for _, _, d in dated}
    months = [int(d.date[:4]) * 12 + int(d.date[5:7]) for _, _, d in dated]
    gaps = {b - a for a, b in zip(months, months[1:])}
    if len(days) != 1 or len(gaps) != 1 or (gap := gaps.pop()) not in _EVERY_MONTHS:
        return None
    return Deadline(kind="recurring", every=_EVERY_MONTHS[gap], day=int(days.pop()),
                    text=printed[dated[0][0]:dated[-1][1]])


# a time noted in brackets after the work: "... Dự án 6 trên địa bàn tỉnh (khi Bộ Y tế có văn bản triển khai)"
# (or its last part: "(thuộc Dự án 3 ...; khi Bộ Quốc phòng có văn bản triển khai)")
_BRACKETED_WHEN = re.compile(r"\((?:[^()]*;)?\s*((?:ngay\s+)?(?:sau\s+)?khi\s[^();]{3,80}?)\s*\)")


def event_in_duty(text: str) -> Optional[Deadline]:
    """The event a duty is timed by, when it states no date: opening the duty ('Khi xuất hiện ca bệnh bất
    thường, báo cáo ngay ...', 'Kết thúc cuộc bầu cử, ...') or following its work ('... khử khuẩn nguồn nước sau
    khi nước rút'). A discretion or condition ('khi cần thiết', 'nếu có') is not a time."""
    words = lexicon.deadlines().in_duty
    printed = fold_ws(nfc(text))
    t = normalise(printed)
    noted = _BRACKETED_WHEN.search(t)
    if noted and not re.search(r"[.;!?]\s", t[:noted.start()]) and not _phrase_re(tuple(words.not_events)).match(t, noted.start(1)):
        return Deadline(kind="event", text=printed[noted.start(1):noted.end(1)].strip())
    rx = _phrase_re(tuple(words.events))
    first_end = _first_sentence_end(t)
    for m in rx.finditer(t):
        opening = m.start() == 0 or bool(re.search(r",\s*$", t[:m.start()]))  # or a clause of its own
        if m.start() >= first_end:
            continue  # in the duty's first sentence (any of its ';' clauses): a later sentence's event is not the duty's
        if not opening and len(m.group(0).split()) < 2:
            continue  # "kết thúc" inside the work is the work's word; "sau khi nước rút" after it times it
        if _phrase_re(tuple(words.not_events)).match(t, m.start()):
            continue
        end = _CLAUSE_END.search(t, m.end())
        stop = end.start() if end else len(t)
        if opening and not (end and t[end.start()] in ",:"):  # "Kết thúc cuộc bầu cử, ...", "Trước khi ...: ..."
            if len(m.group(0).split()) >= 3:  # a whole event named by the data ("khi có thông báo")
                return Deadline(kind="event", text=printed[m.start():m.end()])
            continue  # an event opening the duty is its own clause ("Kết thúc cuộc bầu cử, ...")
        if stop - m.start() > 80:
            continue
        return Deadline(kind="event", text=printed[m.start():stop].strip())
    return _when_a_body_acts(printed, t)


def _first_sentence_end(t: str) -> int:
    """Where the duty's first sentence ends; a sentence that goes on with it ('... . Đồng thời, giao ...') is part of it."""
    goes_on = _phrase_re(tuple(lexicon.sections().same_duty_openers))
    for m in re.finditer(r"[.!?]\s+", t):
        if not goes_on.match(t, m.end()):
            return m.start()
    return len(t)


def _when_a_body_acts(printed: str, t: str) -> Optional[Deadline]:
    """'... khi Bộ Công an triển khai', '... khi các cơ quan có thẩm quyền tổ chức đoàn kiểm tra': a duty timed by
    another body's action, in its first sentence."""
    from .units import starts_unit

    for m in re.finditer(r"(?<!\w)khi\s+", t, re.I):
        if re.search(r"[.!?]\s", t[:m.start()]):
            return None
        if m.start() and starts_unit(t[m.end():]):
            end = re.search(r"[.;:!?](?:\s|$)|\)", t[m.end():])
            stop = m.end() + end.start() if end else len(t)
            return Deadline(kind="event", text=printed[m.start():stop].strip()[:200])
    return None


def _before_plan(dl: Deadline, year: Optional[int]) -> bool:
    """A time that ended before the plan's year is a past fact or a baseline, not when a duty is due."""
    last = dl.date or dl.end
    return bool(year and last and int(last[:4]) < year)


def _opening_time(t: str, year: Optional[int]) -> Optional[tuple[int, int, int]]:
    """'Quý I/2027, các cơ quan ... đánh giá ...', 'Trong tháng 12/2025, ...': a dated quarter, month or day the duty
    opens with, before its comma (a bare year or a span to a far year there is the programme's, not the duty's)."""
    m = re.match(r"^[\s\-+•*]*((?:trong|trước|đến|vào|cuối|đầu)?\s*(?:quý|tháng|ngày)\s[^,:;.]{1,30}?)\s*,\s", t, re.I)
    if not m:
        return None
    dl = _deadline_of(fold_ws(m.group(1)), m.group(1), year)
    return (m.start(1), m.end(1), m.start(1)) if dl is not None and dl.kind in ("by", "on", "period") else None


def _opening_recurrence(t: str) -> Optional[tuple[int, int, int]]:
    """A recurrence the duty's first words state, or a report duty's 'theo định kỳ hằng tháng'."""
    lead = re.match(r"^[\s\-+•*]*", t).end()
    m = _recurrence_re().match(t, lead)
    if m and not t[m.end():m.end() + 1].isalnum():
        return m.start(), m.end(), m.start()
    if _opens_with(t[lead:], lexicon.deadlines().in_duty.report_openers):
        for m in _recurrence_re().finditer(t):
            if m.group(0).startswith(tuple(lexicon.deadlines().in_duty.report_markers)):
                return m.start(), m.end(), m.start()
    return _report_clause_frequency(t)


_REPORT_CLAUSE_END = re.compile(r"[;.](?:\s|$)")


def _report_clause_frequency(t: str) -> Optional[tuple[int, int, int]]:
    """'Huy động nguồn lực ...; báo cáo 02 lần/ngày (trước 9h00 và 16h00)': a later clause of the duty that is a report
    at a stated frequency ('N lần/ngày', 'hằng tháng') makes the duty fall due at that frequency."""
    d = lexicon.deadlines().in_duty
    for clause in re.finditer(r"[,;]\s+", t):  # "..., định kỳ 6 tháng báo cáo Ban Thường vụ": the report's frequency first
        m = _recurrence_re().match(t, clause.end())
        if not m or not m.group(0).startswith(tuple(d.report_markers)):
            continue
        rest = t[m.end():].lstrip()
        verb = re.match(r"\S+\s+", rest)  # "định kỳ hằng quý gửi báo cáo"
        sentence = re.split(r"[.;!?](?:\s|$)", rest, maxsplit=1)[0]
        if (_opens_with(rest, d.report_openers) or verb and _opens_with(rest[verb.end():], d.report_openers)) \
                and not _DAY_PRINTED.search(sentence):  # a dated schedule there is the schedule's (_schedule)
            return m.start(), m.end(), m.start()
    for start in (m.end() for m in re.finditer(r"[;.]\s+", t)):
        if not _opens_with(t[start:], d.report_openers):
            continue
        stop = _REPORT_CLAUSE_END.search(t, start)  # searched from the clause on: no copy of the rest of the duty
        end = stop.start() if stop else len(t)
        times = _frequency_patterns()["times_per"].search(t, start, end)
        if times:
            return times.start(), times.end(), times.start()
        for m in _recurrence_re().finditer(t, start, end):
            if m.group(0).startswith(tuple(d.report_markers)):
                return m.start(), m.end(), m.start()
    return None


_TIME_OF_DAY = re.compile(r"(?<![\w/])\d{1,2}\s*(?:h|giờ)\s*(?:\d{2}\s*(?:phút|['’”])?)?(?!\w)", re.I)


def _schedule(t: str, points: list[TimePoint], printed: str = "") -> Optional[tuple[int, int, int]]:
    """A dated schedule: days without a year beside a recurrence in one sentence ('định kỳ trước ngày 01/6 và 15/11
    hằng năm', 'trước ngày 15 hằng tháng', 'định kỳ 6 tháng (trước ngày 15/6)', 'trước 19h00 hằng ngày')."""
    pats = _duty_patterns()
    day_of_month = re.compile(r"(?<!\w)ngày\s+\d{1,2}(?!\s*[/\d])(?!\s+tháng\s+\d)")
    anchors = [(p.start, p.end) for p in points if p.unit == "day" and p.year is None]
    anchors += [(m.start(), m.end()) for m in day_of_month.finditer(t)]
    if len(printed) == len(t):  # a time of day, which normalise() blanks: "báo cáo ... trước 19h00 hằng ngày"
        anchors += [(m.start(), m.end()) for m in _TIME_OF_DAY.finditer(printed)]
    for a_start, a_end in sorted(anchors):
        head = _back_over(t, a_start, pats["schedule"])
        sentence_start, sentence_end = _sentence_start(t, head), _sentence_end(t, a_end)
        rec = [m for m in _recurrence_re().finditer(t, sentence_start, sentence_end)
               if m.end() <= head and head - m.end() <= 20 or m.start() >= a_end and m.start() - a_end <= 40
               or m.end() <= head and head - m.end() <= 120 and _periodic(t, m.start(), m.end())
               and not re.search(r"[,;:]", t[m.end():head])]  # "định kỳ hàng năm báo cáo ... chậm nhất ngày 17/12"
        if not rec and (periodic := _periodic_before(t, sentence_start, head)) is not None \
                and any(p.start == a_start for p in points):
            # "định kỳ báo cáo kết quả thực hiện trước ngày 20/11": a day and month with no year, periodically, come
            # round each year
            return periodic, _with_aside(t, a_end), periodic
        if not rec:
            continue
        start = _back_over(t, min([head] + [m.start() for m in rec]), pats["marker"])
        end = max([a_end] + [m.end() for m in rec] + [p.end for p in points if a_end <= p.start < sentence_end
                                                      and p.unit == "day" and p.year is None])
        return start, _with_aside(t, end), start
    return None


def _periodic_before(t: str, start: int, head: int, within: int = 120) -> Optional[int]:
    """Where the last periodic word ('định kỳ') before `head` in the same clause begins, or None."""
    found = [m for m in _phrase_re(tuple(lexicon.deadlines().periodic_words)).finditer(t, max(start, head - within), head)
             if not re.search(r"[,;:]", t[m.end():head])]
    return found[-1].start() if found else None


def _periodic(t: str, start: int, end: int) -> bool:
    """'định kỳ' opening or right before a recurrence: the schedule it opens may name its day further on."""
    return bool(_phrase_re(tuple(lexicon.deadlines().periodic_words)).search(t, max(0, start - 16), end))


def _back_over(t: str, pos: int, rx: re.Pattern) -> int:
    """Move pos back over a word the pattern finds right before it ('định kỳ ' before 'trước ngày ...')."""
    m = rx.search(t[max(0, pos - 24):pos])
    return pos - (min(pos, 24) - m.start()) if m else pos


def _due_times(t: str, points: list[TimePoint], year: Optional[int]):
    """(start, end, core start) of each time after a completion word, and of each 'từ ... đến ...' span, that is not
    refused; the core is the part that names the time ('trong năm 2024' of 'trình UBND tỉnh trong năm 2024')."""
    pats = _duty_patterns()
    for i, p in enumerate(points):
        if p.bare or (p.year or year) is None:
            continue
        before = t[max(0, p.start - 40):p.start]
        if pats["span"].search(before) or pats["document"].search(before):
            continue
        nxt = points[i + 1] if i + 1 < len(points) else None
        end = p.end
        joiner = t[p.end:nxt.start].strip() if nxt else None
        if nxt and joiner in lexicon.deadlines().range_joiners and (joiner != "và" or "day" not in (p.unit, nxt.unit)):
            end = nxt.end
        if pats["range_start"].search(before) and end > p.end:
            head = p.start - (len(before) - pats["range_start"].search(before).start())
            if not _refused(t, head):
                yield head, end, head
            continue
        strong = pats["strong"].search(before)
        weak = pats["weak"].search(before)
        prep = strong or weak
        if not prep:
            continue
        head = p.start - (len(before) - prep.start())
        if strong is None and (_refused(t, head) or _goal_year(t, head)):
            continue
        yield _with_verb(t, head), end, head


def _refused(t: str, head: int) -> bool:
    """A baseline, result or report period: 'kết quả thực hiện trong năm 2024', 'số liệu từ ...',
    'kỳ 6 tháng (từ ...)'."""
    words = t[_clause_start(t, head, brackets=False):head].split()
    window = " ".join(words[-6:])
    refused = list(_duty_patterns()["refuse"].finditer(window))
    if not refused:
        return False
    after = window[refused[-1].end():].split()  # 'báo cáo kết quả về UBND tỉnh trong tháng 12': sent to a body by then
    return not any(lexicon.unit_head_at(" ".join(after[k:])) for k in range(len(after)) if k == 0 or after[k - 1] == "về")


def _goal_year(t: str, head: int) -> bool:
    """'phấn đấu xây dựng được 40% xã ... trong năm 2026': the year a goal is to be reached, not a duty's due time."""
    return bool(_duty_patterns()["goal"].search(t, _sentence_start(t, head), head))


def _with_verb(t: str, head: int) -> int:
    """Start the phrase at a completion verb a few words before its time ('trình UBND tỉnh trong năm 2024')."""
    if _duty_patterns()["verb"].match(t, head):
        return head
    clause = t[_clause_start(t, head):head]
    found = list(_duty_patterns()["verb"].finditer(clause))
    if found and len(clause[found[-1].start():].split()) <= 5:
        return head - (len(clause) - found[-1].start())
    return head


def _clause_start(t: str, pos: int, brackets: bool = True) -> int:
    """Where the clause holding pos starts: after the last clause end before pos."""
    pos = min(pos, len(t))
    if pos > 0 and t[pos - 1] in (".;:!?(),"if brackets else ".;:!?,"):
        return pos  # a mark right before pos ends a clause there, whatever follows it
    return _last_end(_ends(t, brackets), pos)


_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")


def _sentence_start(t: str, pos: int) -> int:
    pos = min(pos, len(t))
    if pos > 0 and t[pos - 1] in ".;!?":
        return pos
    return _last_end(_ends(t, None), pos)


@lru_cache(maxsize=8)
def _ends(t: str, brackets: Optional[bool]) -> list[int]:
    """Ends of the clause (brackets True/False) or sentence (None) ends in t, in order, found once per text: a
    long duty with many times would otherwise be scanned from its start for each of them. The marks are one
    character, or one and the space after it, so the ends at or before pos are those of t[:pos] except for a
    mark at pos - 1, which the callers look at themselves."""
    rx = _SENTENCE_END if brackets is None else _CLAUSE_END if brackets else _CLAUSE_END_NO_BRACKETS
    return [m.end() for m in rx.finditer(t)]


def _last_end(ends: list[int], pos: int) -> int:
    k = bisect_right(ends, pos)
    return ends[k - 1] if k else 0


def _sentence_end(t: str, pos: int) -> int:
    m = _SENTENCE_END.search(t, pos)
    return m.start() if m else len(t)


def _with_aside(t: str, end: int) -> int:
    """Take in a bracketed aside that follows at once ('... hằng năm (hoặc đột xuất khi có yêu cầu)')."""
    m = re.compile(r"\s*\([^()]{1,80}\)").match(t, end)
    if m:
        return m.end()
    if t[end:end + 1] == ")" and t[:end].count("(") > t[:end].count(")"):
        return end + 1
    return end
