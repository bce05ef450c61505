"""Numeric targets: '> 95', 'đạt 70%', 'từ 30% trở lên', 'tối thiểu có 01 tài khoản', '60-70%', 'không quá 5%'.

Also splits a goal paragraph into its numeric goals, one per clause, with the indicator as printed minus the
leading time, label, figure or verb and the trailing target. The words (operators, target verbs, units) are data
(data/targets.json). A figure a change verb states ('giảm 50% số cặp tảo hôn') is the size of the change: the
verb stays in the indicator ('giảm số cặp tảo hôn', >= 50 %); a figure after a level word ('giảm tỷ lệ hộ nghèo
xuống còn 1,5%') is the level to reach ('tỷ lệ hộ nghèo', <= 1.5 %).
"""
from __future__ import annotations

import re
from itertools import takewhile
from functools import lru_cache
from typing import Optional

from .. import lexicon
from ..models import Deadline, Target
from ..text import alternation as _alt, fold, fold_ws, vi
from .deadlines import find_points, normalise, parse_deadline

NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"


def parse_number(s: str) -> Optional[float]:
    """Vietnamese numbers: '2.989,5' = 2989.5, '1.000' = 1000, '0,5' = 0.5, '95.5' = 95.5."""
    s = s.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        return float(s.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+(?:[.,]\d+)?", s):
        return float(s.replace(",", "."))
    return None


def _words_re(words) -> str:
    """Whole words, or a symbol ('≥') that needs no space around it."""
    words = list(words)
    parts = []
    if any(w[:1].isalnum() for w in words):
        parts.append(rf"(?<!\w)(?:{_alt(w for w in words if w[:1].isalnum())})(?!\w)")
    if any(not w[:1].isalnum() for w in words):
        parts.append(_alt(w for w in words if not w[:1].isalnum()))
    return "(?:" + "|".join(parts) + ")"


@lru_cache(maxsize=None)
def _rx() -> dict[str, re.Pattern]:
    d = lexicon.targets()
    ops = [w for words in d.operators_before.values() for w in words]
    pct = _alt(d.percent_units)
    op_chain = rf"(?:{_words_re(ops)}\s*(?:(?:{_alt(d.quantity_fillers)})\s+)?)*"
    lead = _words_re(d.lead_verbs + ops + d.quantity_fillers)
    modal = rf"(?:{_words_re(d.modal_words)}\s+)?"
    floor_after = _alt(d.operators_after.get(">=", ["trở lên"]))
    quant_head = _words_re(ops + d.level_verbs + d.quantity_fillers)
    return {
        "pct": re.compile(rf"({NUM})\s*({pct})"),
        "range": re.compile(rf"({NUM})\s*({pct})?\s*(?:{_alt(d.range_joiners)})\s*({NUM})\s*({pct})?"),
        "lead_ops": re.compile(rf"\s*(?:{lead}\s*)*", re.I),
        "quant": re.compile(rf"({quant_head})\s*(?:(?:{_alt(d.quantity_fillers)})\s+)?({NUM})\s*(?:\([^)]*\)\s*)?(\S.*)?",
                            re.I),
        "cell": re.compile(rf"\s*({_words_re(ops)})?\s*({NUM})\s*(\S.*)?", re.I),
        "label": re.compile(rf"^(?:\(\d{{1,2}}\)\s*|(?:\d{{1,2}}|[a-zđ])[.)]\s+|"
                            rf"(?:{_alt(d.goal_labels)})\s*(?:số\s*)?\d{{1,2}}\s*[:.\-–)]\s*)", re.I),
        "lead_verb": re.compile(rf"^(?!{_words_re(d.verb_nouns)})(?:{_words_re(d.lead_verbs)})\s*", re.I),
        "change_verb": re.compile(rf"^(?:{_words_re(d.change_verbs)})(?=\s*{op_chain}(?:{NUM}))", re.I),
        "lead_figure": re.compile(rf"^{op_chain}(?:{NUM})\s*(?:{pct})\s*(?:(?:{floor_after})\s+)?", re.I),
        "lead_count": re.compile(rf"^{op_chain}(?:{NUM})\s+(?=[^\W\d])", re.I),
        "mid_figure": re.compile(rf"{_words_re(d.mid_openers)}\s+(?:{NUM})\s*(?:{pct})\s*", re.I),
        "level": re.compile(rf"[,:]?\s*{modal}(?:{_words_re(d.level_verbs)})\s*{op_chain}(?:{NUM})", re.I),
        "trail_pct": re.compile(rf"[,:]?\s*{modal}(?:(?:{_words_re(d.level_verbs)})\s*)?{op_chain}"
                                rf"(?:(?:{NUM})\s*(?:{pct})?\s*(?:{_alt(d.range_joiners)})\s*)?(?:{NUM})\s*"
                                rf"(?:{pct})(?:\s*(?:{floor_after}))?\s*[.;]?$", re.I),
        "ratio": re.compile(rf"[,:]?\s*(?:{_words_re(ops)})\s*{op_chain}(?:{NUM})\s*(?:[^\W\d]+\s*){{0,3}}/", re.I),
    }


@lru_cache(maxsize=None)
def _trailing_fillers() -> re.Pattern:
    return re.compile(rf"(?:(?<!\w)(?:{_alt(lexicon.targets().quantity_fillers)})\s*)+$")


@lru_cache(maxsize=None)
def _op_words() -> tuple[list[tuple[re.Pattern, str]], list[tuple[str, str]]]:
    """Operator words before a figure (longest first, each anchored at the figure) and after it."""
    d = lexicon.targets()
    before = sorted(((w, op) for op, words in d.operators_before.items() for w in words), key=lambda x: -len(x[0]))
    anchored = [(re.compile((r"(?<!\w)" if w[:1].isalnum() else "") + re.escape(fold(w)) + "$"), op) for w, op in before]
    after = [(fold(w), op) for op, words in d.operators_after.items() for w in words]
    return anchored, after


def _op_before(t: str, pos: int, end: int, unit_words: int = 0) -> str:
    """The operator the words around a figure state; a plain figure is a floor ('đạt 70%' is >= 70). `unit_words`:
    how many words of a count's unit may stand between the figure and 'trở lên'."""
    before = _trailing_fillers().sub("", fold(t[max(0, pos - 30):pos])).rstrip()
    after = fold(t[end:][:60])
    anchored, after_words = _op_words()
    for word, op in after_words:
        if re.match(rf"\s*(?:[^\W\d]+\s+){{0,{unit_words}}}?{re.escape(word)}(?!\w)", after):
            return op
    return next((op for rx, op in anchored if rx.search(before)), ">=")


_RATIO_UNIT = re.compile(r"((?:[^\W\d]+\s+){0,2}[^\W\d]*)\s*/\s*(\d[\d.,]*)?\s*((?:[^\W\d]+\s*){0,5})")


def _unit_words(words: str) -> Optional[str]:
    """A value cell's unit, up to the first word that begins what is said of it ('50 doanh nghiệp được hỗ trợ')."""
    stops = lexicon.targets().unit_stop_words
    kept = list(takewhile(lambda w: fold(w) not in stops, fold_ws(words).split()))
    return " ".join(kept) or fold_ws(words)


def _unit_after(rest: str) -> Optional[str]:
    """The unit printed after a count: a ratio ('con/phụ nữ', 'ca/100.000 dân', '/100.000 trẻ đẻ sống'), a known unit
    ('doanh nghiệp'), else up to three words before a stop word."""
    d = lexicon.targets()
    rest = rest.strip()
    if _is_idiom(rest):
        return None
    m = _RATIO_UNIT.match(rest)
    if m and (m.group(1).strip() or m.group(2)):
        words = m.group(3).split()
        kept = words[:1] if not m.group(2) else []  # 'lần/năm': the word after the slash is the unit's own
        for w in words[len(kept):]:
            if fold(w) in d.unit_stop_words:
                break
            kept.append(w)
        unit = fold_ws(f"{fold_ws(m.group(1))}/{m.group(2) or ''} {' '.join(kept)}").replace("/ ", "/")
        return _with_period(unit, rest, m.end()) if len(kept) == len(words) else unit
    if (known := _known_unit(rest)) is not None:
        return known
    words: list[str] = []
    for w in rest.split():
        w2 = w.strip(",.;:()")
        if not w2 or fold(w2) in d.unit_stop_words or w2[:1].isdigit():
            break
        words.append(w2)
        if w != w2 or len(words) >= 3:
            break
    return " ".join(words) or None


def _known_unit(rest: str) -> Optional[str]:
    """The unit of targets.json that `rest` opens with, as printed (the longest: 'xã, phường, đặc khu' over 'xã')."""
    f = fold(rest[:_longest_unit() + 1])  # a unit is never longer: a long rest costs no more than a short one
    if _is_idiom(rest):
        return None
    scale = _scale().match(f)  # "5 triệu lượt khách": the unit 'triệu lượt', as '4.500 tỷ đồng' is 'tỷ đồng'
    for skip in (0, scale.end()) if scale else (0,):
        for unit in _units_longest_first():
            if f.startswith(unit, skip) and (len(f) == skip + len(unit) or not f[skip + len(unit)].isalnum()):
                return rest[:skip + len(unit)]
    return None


@lru_cache(maxsize=None)
def _scale() -> re.Pattern:
    return re.compile(rf"(?:{_alt(fold(w) for w in lexicon.targets().scale_words)})\s+")


def _is_idiom(rest: str) -> bool:
    """'2 con số' (double-digit): the figure is part of a manner of speaking, not a count of 'con'."""
    f = fold(rest.lstrip(" “\"")[:24])
    return any(f.startswith(w) and (len(f) == len(w) or not f[len(w)].isalnum()) for w in _figure_idioms())


@lru_cache(maxsize=None)
def _figure_idioms() -> tuple[str, ...]:
    return tuple(fold(w) for w in lexicon.targets().figure_idioms)


@lru_cache(maxsize=None)
def _longest_unit() -> int:
    return len(_units_longest_first()[0])


@lru_cache(maxsize=None)
def _units_longest_first() -> tuple[str, ...]:
    return tuple(sorted((fold(u) for u in lexicon.targets().units), key=len, reverse=True))


_FIGURE = re.compile(rf"(?<![\w/.,\-])({NUM})(?![\w/\-])\s*")


def _count(t: str) -> Optional[tuple[int, int, str]]:
    """A count stated with its unit and no level word ('Giải quyết việc làm mới cho 300 lao động', 'Trồng mới 20 ha
    rừng', 'Xây dựng mới 35 địa bàn ...'): (start, end) of the figure and the unit; not a figure after a word that
    makes it a date, a reference or a rank ('năm 2030 xã ...', 'Điều 5'), nor sessions held ('Tổ chức 02 hội nghị')."""
    blockers = _count_blockers()
    for m in _FIGURE.finditer(t):
        before = fold(t[max(0, m.start() - 20):m.start()]).rstrip()
        if blockers.search(before):
            continue
        unit = _known_unit(t[m.end():m.end() + _longest_unit() + 1])
        if unit and fold(unit) not in _activity_units():
            after = re.match(r"\s+([A-ZĐ]{2,})\b", t[m.end() + len(unit):])  # '30 lần GRDP': the measure's base
            return m.start(1), m.end(1), f"{unit} {after.group(1)}" if after else unit
    return None


@lru_cache(maxsize=None)
def _time_limit() -> re.Pattern:
    """'trong 24 giờ đầu', 'trong vòng 03 ngày làm việc': the most time a goal allows (a ceiling)."""
    d = lexicon.targets()
    return re.compile(rf"(?<!\w)(?:{_alt(d.within_words)})\s+({NUM})\s+({_alt(d.duration_units)})(?!\w)", re.I)


@lru_cache(maxsize=None)
def _activity_units() -> frozenset[str]:
    return frozenset(fold(u) for u in lexicon.targets().activity_units)


@lru_cache(maxsize=None)
def _count_blockers() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{_alt(fold(w) for w in lexicon.targets().count_blockers)})$")


def _with_period(unit: str, t: str, end: int) -> str:
    """The unit and the period printed right after it ('%/năm', 'triệu đồng/người/năm')."""
    tail = fold(t[end:end + 8])
    for per in lexicon.targets().per_period:
        if tail.startswith(per):
            return unit + per
    return unit


def _pct_unit(t: str, m: re.Match) -> str:
    return _with_period(m.group(2), t, m.end())


@lru_cache(maxsize=None)
def _rank_re() -> re.Pattern:
    """'thuộc top 03 vùng ...', 'nằm trong nhóm 15 tỉnh, thành phố dẫn đầu cả nước': a rank among others. 'top'
    alone ranks; 'nhóm N' ranks only when the group is the leading one."""
    data = lexicon.targets()
    words = "|".join(re.escape(w) for w in sorted(data.rank_words + data.rank_groups, key=len, reverse=True))
    leading = "|".join(re.escape(w) for w in data.rank_leading)
    return re.compile(rf"(?<!\w)(?P<word>{words})\s+(?P<n>\d{{1,3}})(?!\d|[.,]\d)"
                      rf"(?:\s+(?P<unit>[^\W\d][^;.()\d]{{0,40}}?)\s+(?P<leading>{leading}))?", re.I)


@lru_cache(maxsize=None)
def _folded_rank_words() -> frozenset[str]:
    return frozenset(fold(w) for w in lexicon.targets().rank_words)


@lru_cache(maxsize=None)
def _goal_openers() -> tuple[str, ...]:
    return tuple(fold(w) for w in lexicon.targets().goal_openers)


def _rank(t: str) -> Optional[Target]:
    for m in _rank_re().finditer(t):
        word = fold(m.group("word"))
        if m.group("leading"):
            return Target(op="<=", value=float(int(m.group("n"))), unit=m.group("unit").strip(" ,"), text=m.group(0))
        if word in _folded_rank_words():
            return Target(op="<=", value=float(int(m.group("n"))), unit="top", text=m.group(0)[:len(m.group("word")) + 1 + len(m.group("n"))])
    return None


_YEAR = re.compile(r"(?:19|20)\d\d")


def parse_target(text: str, counts: bool = False) -> Optional[Target]:
    """The target a phrase or a value cell states, or None. `counts`: the phrase is a goal clause, where a figure with
    its unit and no level word is a target too ('Trồng mới 20 ha rừng'); in a table row's text it is a quantity."""
    t = fold_ws(text)
    rx = _rx()
    if not rx["pct"].search(t) and (rank := _rank(t)):
        return rank
    for m in rx["range"].finditer(t):
        # "60 - 70" alone in a value cell (its unit in a column of its own) is a range too; years are not
        whole = m.end() == len(t) and (m.start() == 0 or _starts_with_operator(t[:m.start()]) and
                                       len(t[:m.start()].split()) <= 2) \
            and not all(_YEAR.fullmatch(g) for g in (m.group(1), m.group(3)))
        if m.group(2) or m.group(4) or whole:
            lo, hi = parse_number(m.group(1)), parse_number(m.group(3))
            if lo is not None and hi is not None and lo < hi:
                unit = m.group(4) or m.group(2)
                return Target(op="between", value=lo, max=hi, unit=_with_period(unit, t, m.end()) if unit == "%" else unit,
                              text=m.group(0))
    pcts = list(rx["pct"].finditer(t))
    if pcts:
        m = _chosen_percent(t, pcts)
        value = parse_number(m.group(1))
        if value is not None:
            return Target(op=_op_before(t, m.start(), m.end()), value=value, unit=_pct_unit(t, m), text=m.group(0))
    m = rx["cell"].fullmatch(t)
    if m:
        value = parse_number(m.group(2))
        if value is not None:
            op = _symbol_op(m.group(1)) if m.group(1) else _op_before(t, m.start(2), m.end(2), 3)
            return Target(op=op, value=value, unit=_unit_words(m.group(3)) if m.group(3) else None, text=t)
    for m in rx["quant"].finditer(t):
        value = parse_number(m.group(2))
        unit = _unit_after(m.group(3) or "")
        if value is not None and unit:
            return Target(op=_op_before(t, m.start(2), m.end(2), len(unit.split())), value=value, unit=unit,
                          text=fold_ws(t[m.start():m.end(2)] + " " + unit))
    if counts and (limit := _time_limit().search(t)) and (value := parse_number(limit.group(1))) is not None:
        return Target(op="<=", value=value, unit=limit.group(2), text=limit.group(0))
    if counts and (count := _count(t)) is not None and (value := parse_number(t[count[0]:count[1]])) is not None:
        start, end, unit = count
        return Target(op=_op_before(t, start, end, len(unit.split())), value=value, unit=unit,
                      text=fold_ws(t[start:end] + " " + unit))
    return None


def _symbol_op(word: str) -> str:
    for op, words in lexicon.targets().operators_before.items():
        if fold(word) in [fold(w) for w in words]:
            return op
    return ">="


def _chosen_percent(t: str, pcts: list[re.Match]) -> re.Match:
    """The clause's target figure: one it opens with ('Trên 80% số trạm ...'), else the first after a level word
    ('Tỷ lệ ... đạt tối thiểu 90%'), else the last."""
    rx = _rx()
    body = _strip_lead(t)[0]
    offset = len(t) - len(body)
    lead = next((p for p in pcts if p.start() >= offset and rx["lead_ops"].fullmatch(t[offset:p.start()])), None)
    if lead:
        return lead
    for p in pcts:
        if any(m.end() == p.end(1) for m in rx["level"].finditer(t, 0, p.end(1))):
            return p
    return pcts[-1]


# ------------------------------------------------------------------ goal clauses
_SENT_SPLIT = re.compile(vi(r"(?<=[.;])\s+(?=[\"“(]?(?:[A-ZĐÀ-Ỹ]|\d))|;\s*"))


def is_goal(clause: str) -> bool:
    """A clause that states a numeric target: a percentage, a floor on a count ('tối thiểu có 01 tài khoản'), or a
    figure after a level word or a ceiling ('đạt 2,1 con/phụ nữ', 'còn tối đa 01 lần', 'dưới 109 bé trai/100 bé gái')."""
    t = fold(clause)
    rx = _rx()
    if rx["pct"].search(t) or _rank(t):
        return True
    if re.search(r"(?:tối thiểu|ít nhất|mỗi\b[^,;.]{0,60}\bcó)\s+(?:có\s+)?0\d\b|(?:tối thiểu|ít nhất)\s+(?:có\s+)?\d+", t):
        return True
    fillers = [fold(w) for w in lexicon.targets().quantity_fillers]
    for m in rx["quant"].finditer(t):
        rest = m.group(3) or ""
        if fold(m.group(1)) not in fillers and _unit_after(rest) or "/" in " ".join(rest.split(" ")[:3]):
            return True
    return _count(t) is not None or bool(_time_limit().search(clause))


def leading_time(clause: str) -> Optional[str]:
    """The time a goal opens with, as printed ('Đến hết năm 2025: Có ≥ 30% ...' -> 'Đến hết năm 2025'), or None."""
    s = fold_ws(clause)
    s = _rx()["label"].sub("", s)
    span = _time_prefix(s)
    return s[:span].strip(" ,:") if span else None


def _time_prefix(s: str) -> int:
    """Length of a leading time phrase with its comma or colon ('Đến hết năm 2025:', 'Hằng năm,', 'Năm 2026')."""
    m = re.match(r"^([^,:;.]{1,40}?)\s*[,:]\s*", s)
    if m and parse_deadline(m.group(1)) is not None and not _rx()["pct"].search(m.group(1)):
        return m.end()
    points = find_points(normalise(s))
    if points and points[0].start <= 16 and not points[0].bare:
        prefix = normalise(s)[:points[0].start].strip()
        if all(w in ("đến", "tới", "hết", "trong", "vào", "từ", "cuối", "phấn", "đấu") for w in prefix.split()):
            m = re.compile(r"\s*[,:]?\s*").match(s, points[0].end)
            return m.end()
    return 0


def _recurrence_prefix(s: str) -> int:
    """Length of a leading 'hằng năm ' / 'hàng quý, ': the goal's rhythm, not what it measures."""
    words = s.split(" ")
    for n in (2, 3):
        head = " ".join(words[:n]).rstrip(",:")
        dl = parse_deadline(head) if len(words) > n else None
        if dl is not None and dl.kind == "recurring" and not re.search(r"\d", head):
            m = re.compile(r"\s*[,:]?\s*").match(s, len(" ".join(words[:n])))
            return m.end()
    return 0


def _strip_lead(s: str) -> tuple[str, Optional[str]]:
    """Drop a label ('Chỉ tiêu 1:', '(2)'), leading times and lead verbs; return what is left and a change verb
    that states the figure which follows ('giảm 50% ...'), kept as printed."""
    rx = _rx()
    s = rx["label"].sub("", s)
    change: Optional[str] = None
    for _ in range(6):
        n = _time_prefix(s) or _recurrence_prefix(s)
        if n:
            s = s[n:]
            continue
        m = rx["change_verb"].match(s)
        if m:
            change = s[:m.end()]
            s = s[m.end():].lstrip()
            break
        m = rx["lead_verb"].match(s)
        if m and not rx["lead_figure"].match(s):
            s = s[m.end():]
            continue
        break
    return s, change


# "Xây dựng mới 35 địa bàn ..., gồm: Phường A; Xã B; ...": the members listed are not what is measured
_MEMBERS = re.compile(r",?\s*\bgồm\s*:\s*(?=\S)", re.I)


@lru_cache(maxsize=None)
def _breakdown() -> re.Pattern:
    """'(Trong đó: VNPT: 25 trạm, Viettel: 33 trạm)' after a target: how it is shared out, not what is measured."""
    words = "|".join(re.escape(w) for w in sorted(lexicon.targets().breakdown_openers, key=len, reverse=True))
    return re.compile(rf"\s*\(\s*(?:{words})\s*:\s*([^()]*)\)", re.I)


_SHARE = re.compile(r"^\s*([^:,;\d\s][^:,;]{0,60}?)\s*:\s*\d")


def breakdown_parties(clause: str) -> list[str]:
    """Whom a target is shared out to ('58 trạm (Trong đó: VNPT: 25 trạm, Viettel: 33 trạm)' -> VNPT, Viettel): every
    share of the bracket names its party before a colon and its figure after; else none."""
    m = _breakdown().search(clause)
    if not m:
        return []
    entries = [e for e in re.split(r"[,;]", m.group(1)) if e.strip()]
    names = [share.group(1).strip() for e in entries if (share := _SHARE.match(e))]
    return names if names and len(names) == len(entries) else []


def _only_target(s: str) -> bool:
    """'58 trạm', 'tối thiểu 20 trạm', '50%': a text that is a target and nothing else."""
    target = parse_target(s, counts=True)
    if target is None:
        return False
    whole, figure = fold(s).strip(" .;,:"), fold(target.text).strip(" .;,:")
    at = whole.find(figure)
    if at < 0:
        return False
    after = whole[at + len(figure):].strip(" .;,:")
    if after and not (target.unit and fold(target.unit).endswith(after)):  # '1,5%/năm': the unit's period
        return False
    before = whole[:at].strip()  # 'dưới 1%', 'đạt 95%': an operator or a level verb
    return not before or before in _target_words()


@lru_cache(maxsize=None)
def _target_words() -> frozenset[str]:
    d = lexicon.targets()
    ops = [w for words in list(d.operators_before.values()) + list(d.operators_after.values()) for w in words]
    return frozenset(fold(w) for w in ops + d.level_verbs + d.quantity_fillers)


def is_named_target(clause: str) -> bool:
    """'+ Lắp đặt mới trạm 3G/4G: 58 trạm (Trong đó: ...)': a name, a colon, and nothing after it but the target."""
    s = fold_ws(_breakdown().sub("", clause)).strip(" .;")
    named = re.match(r"^[-+•*\s]*([^:;]{3,120}?):\s+(?=\S)", s)
    return bool(named) and not _rx()["pct"].search(fold(named.group(1))) and _only_target(s[named.end():])


def clean_indicator(clause: str) -> str:
    """What a goal clause measures, as printed, without its leading time, label, figure or verb and trailing target.
    A scope before a colon stays ('Tại địa bàn đô thị: 100% trẻ em ...' -> 'Tại địa bàn đô thị: trẻ em ...'); a
    name before a colon and nothing but the target after it is the indicator ('Lắp đặt mới trạm 3G/4G: 58 trạm')."""
    rx = _rx()
    s, change = _strip_lead(_MEMBERS.split(fold_ws(_breakdown().sub("", clause)), 1)[0].strip(" ;"))
    named = re.match(r"^([^:;]{3,120}?):\s+(?=\S)", s)
    if named and not rx["pct"].search(fold(named.group(1))) and _only_target(s[named.end():]):
        name = named.group(1).strip(" .;,:")
        return f"{change} {name}" if change else name
    scope = re.match(r"^([^:;]{3,60}):\s+(?=\S)", s)
    if scope and len(scope.group(1).split()) <= 8 and not rx["pct"].search(scope.group(1)):
        rest = clean_indicator(s[scope.end():])
        if rest and fold(rest) != fold(s[scope.end():]).strip(" .;,:"):
            return f"{scope.group(1)}: {rest}"
    m = rx["lead_figure"].match(s)
    if m is None and (change or _starts_with_operator(s)):  # 'tăng thêm 15 hợp tác xã': the change's figure
        m = rx["lead_count"].match(s)
        if m and len(s[m.end():].split()) <= 2:  # 'Không quá 05 cá nhân': nothing but the unit follows
            m = None
    if m:
        s = s[m.end():]
    else:
        mid = rx["mid_figure"].search(s)
        if mid:
            s = s[mid.end():]
    # 'Có ít nhất 20 sản phẩm được công nhận đạt 3 sao trở lên': with its target taken from the front, a level after
    # what it counts says which ones count; it is not a second target
    cut = 0 if m else _target_tail(s)
    if cut:
        s = s[:cut]
    s = s.strip(" .;,:")
    return f"{change} {s}" if change and s else s


def _starts_with_operator(s: str) -> bool:
    """'Ít nhất 02 vùng ...', 'Tối thiểu 20 ...': a count the clause opens with is its target, not part of it."""
    ops = [w for words in lexicon.targets().operators_before.values() for w in words]
    return bool(re.match(_words_re(ops), s, re.I))


def _target_tail(s: str) -> int:
    """Where the trailing target of an indicator starts ('... đạt tối thiểu 90%', '... xuống còn 1,5%', '... còn
    tối đa 01 lần', '... đạt 2,1 con/phụ nữ'), or 0 when it has none; counts inside the clause stay."""
    rx = _rx()
    m = rx["trail_pct"].search(s)
    if m and m.start() > 0:
        return m.start()
    m = rx["level"].search(s)
    if m and m.start() > 0:
        return m.start()
    m = rx["ratio"].search(s)
    if m and m.start() > 0:
        return m.start()
    return 0


def _opens_with_figure(clause: str) -> bool:
    """'tối thiểu 70% người dân ...': a clause that opens with its target (an operator word, then the figure)."""
    words = sorted({w for ws in lexicon.targets().operators_before.values() for w in ws}, key=len, reverse=True)
    f = fold(clause)
    return any(f.startswith(w + " ") and f[len(w):].lstrip()[:1].isdigit() for w in words)


@lru_cache(maxsize=None)
def _joined_target() -> re.Pattern:
    """' và trên 70% ...' after a clause with a percentage of its own: where a second target begins."""
    ops = sorted({w for ws in lexicon.targets().operators_before.values() for w in ws if w[0].isalpha()}, key=len,
                 reverse=True)
    joiners = "|".join(re.escape(j) for j in lexicon.targets().goal_joiners)
    op = "|".join(re.escape(o) for o in ops)
    return re.compile(rf"\s+(?:{joiners})\s+(?=(?:(?:{op})\s+)?\d+(?:[.,]\d+)?\s*%)", re.I)


@lru_cache(maxsize=None)
def _comma_target() -> re.Pattern:
    """', tỷ lệ thu gom rác thải đạt 90%' after a clause with a percentage: a second goal with its own subject."""
    openers = "|".join(re.escape(o) for o in sorted(lexicon.targets().goal_openers, key=len, reverse=True) if o[:1].isalpha())
    return re.compile(rf",\s+(?=(?:{openers})\s)", re.I)


@lru_cache(maxsize=None)
def _comma_verb_target() -> re.Pattern:
    """', nâng tổng số trạm 5G: 188 trạm' after a clause with a target: a second goal, opened by its verb."""
    verbs = "|".join(re.escape(v) for v in sorted(lexicon.targets().second_goal_verbs, key=len, reverse=True))
    return re.compile(rf",\s+(?={verbs}\s)", re.I)


@lru_cache(maxsize=None)
def _comma_subject() -> re.Pattern:
    """', GRDP bình quân đầu người đạt khoảng 91 triệu đồng' after a clause with a figure: a capital after the comma,
    then the subject's words and a level verb ('đạt'), open a second goal with a subject of its own (kept apart only
    when both state a figure); a list of names ('ViettelPay, Momo, Cài đặt ...') or of parties ('VNPT: 25 trạm,
    Viettel: 33 trạm') has no such verb after its capital."""
    verbs = "|".join(re.escape(v) for v in sorted(lexicon.targets().level_verbs, key=len, reverse=True))
    return re.compile(vi(rf",\s+(?=[A-ZĐÀ-Ỹ][^\W\d_]*(?:\s+[^\W\d_]+){{1,8}}?\s+(?:{verbs})\s+[^,;:]{{0,20}}?\d)"))


def _split_joined_targets(clause: str) -> list[str]:
    """'100% các điểm ... và 100% diện tích ...', 'tỷ lệ A đạt 98%, tỷ lệ B đạt 90%' -> two clauses, each with its own
    target; a clause whose first part states no percentage ('giảm và trên 70% ...' is not two targets), or whose
    part after a comma states no figure ('đạt 98%, các xã còn lại ...'), stays whole."""
    out: list[str] = []
    start = 0
    cuts = sorted([(m.start(), m.end(), False) for m in _joined_target().finditer(clause)]
                  + [(m.start(), m.end(), False) for m in _comma_target().finditer(clause)]
                  + [(m.start(), m.end(), True) for m in _comma_verb_target().finditer(clause)]
                  + [(m.start(), m.end(), True) for m in _comma_subject().finditer(clause)])
    for k, (a, z, verb) in enumerate(cuts):
        if a < start:
            continue
        head = clause[start:a]
        tail = clause[z:cuts[k + 1][0] if k + 1 < len(cuts) else len(clause)]
        stated = _rx()["pct"].search(fold(head)) or verb and is_goal(_breakdown().sub("", head))
        if stated and (clause[a] != "," or is_goal(tail)):
            out.append(head.strip())
            start = z
    out.append(clause[start:].strip())
    when = leading_time(out[0]) if len(out) > 1 else None
    # "Đến năm 2030, tỷ lệ A đạt 98%, tỷ lệ B đạt 90%": the time the sentence opens with is each goal's
    return out[:1] + [f"{when}, {p}" if when and not leading_time(p) else p for p in out[1:]]


def split_goals(text: str) -> list[str]:
    """Clauses of a goal paragraph; a lower-case clause without a subject of its own joins the one before, unless
    it states a figure and the one before states none ('Hằng năm, giảm số người nghiện; phấn đấu đạt 50% ...').
    Two targets joined by 'và' are two clauses."""
    parts = [(q.strip(), k > 0) for p in _SENT_SPLIT.split(fold_ws(text)) if p and p.strip()
             for k, q in enumerate(_split_joined_targets(p))]
    out: list[str] = []
    for p, split_off in parts:  # a clause split off a sentence for a target of its own is a goal of its own
        own = split_off or fold(p).startswith(_goal_openers()) or p[:1].isdigit() or _opens_with_figure(p) \
            or is_goal(p) and not is_goal(out[-1] if out else "")
        if out and p[:1].islower() and not own:
            out[-1] = out[-1].rstrip(";") + "; " + p
        else:
            out.append(p)
    return out


@lru_cache(maxsize=None)
def _goal_time_inside() -> re.Pattern:
    """'... xuống dưới 25‰ vào năm 2015', 'đạt 90% đến hết năm 2025': a time stated inside a goal."""
    data = lexicon.targets()
    return re.compile(rf"(?<!\w)(?:{_alt(data.goal_time_words)})\s+(?:(?:{_alt(data.goal_time_qualifiers)})\s+)?"
                      r"(?:ngày|tháng|năm|quý)[^,;]*?\d{4}", re.I)


def goal_deadline(clause: str, year: Optional[int], period_end: Optional[Deadline] = None,
                  framed: Optional[Deadline] = None) -> Optional[Deadline]:
    """A goal's own time (the one it opens with, 'Đến hết năm 2025: ...', 'Trong giai đoạn 2026 - 2030 phấn
    đấu ...', or 'đến năm ...' inside it), else the time its group's introduction frames it with (`framed`), else
    the end of the plan's year or period (`period_end`: pipeline._period_end)."""
    lead_time = leading_time(clause)
    if not lead_time:  # 'Trong giai đoạn 2026 - 2030 phấn đấu có ít nhất 10% ...' (no comma after the time)
        m = re.match(r"^\s*((?:trong|đến|từ)\s+[^,;:%]{0,40}?\d{4}(?:\s*[-–]\s*\d{4})?)\s+(?=phấn đấu|có|đạt)", clause, re.I)
        lead_time = m.group(1) if m else None
    if lead_time:
        dl = parse_deadline(lead_time, year)
        if dl:
            return dl
    m = _goal_time_inside().search(clause)
    if m:
        dl = parse_deadline(m.group(0), year)
        if dl:
            return dl
    if framed is not None:
        return framed
    if period_end is not None:
        return period_end
    if year:
        return Deadline(kind="by", text=f"năm {year}", date=f"{year}-12-31")
    return None
