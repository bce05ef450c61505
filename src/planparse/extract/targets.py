"""Numeric targets: '> 95', 'đạt 70%', 'từ 30% trở lên', 'tối thiểu có 01 tài khoản', '60-70%'.

Also splits a goal paragraph into its numeric goals, one per clause, with the indicator as printed
minus the leading figure/verb and the trailing target.
"""
from __future__ import annotations

import re
from typing import Optional

from ..models import Target
from ..text import fold, fold_ws

NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_PCT = re.compile(rf"({NUM})\s*(%|‰)")
_LEAD_OP = re.compile(r"\s*(?:(?:trên|dưới|hơn|tối thiểu|ít nhất|khoảng|gần|đạt|từ|có|phấn đấu|đảm bảo|bảo đảm)\s+)*", re.I)
_RANGE = re.compile(rf"({NUM})\s*(%?)\s*(?:-|–|đến)\s*({NUM})\s*(%|‰)?")
_QUANT = re.compile(rf"(?:tối thiểu|ít nhất|tối đa|không quá|không dưới|trên|dưới|khoảng|đạt|có|được)\s+(?:có\s+|được\s+)?({NUM})\s+(?:\([^)]*\)\s*)?([^\d\W][\w]*(?:\s+[^\d\W][\w]*){{0,3}})",
                    re.I)
_UNIT_STOP = {"trên", "tại", "của", "cho", "để", "được", "có", "và", "với", "trong", "như", "đạt", "trở", "thuộc", "ở",
              "sử", "biết", "tham", "thực", "là", "đã", "phải", "đều"}


def parse_number(s: str) -> Optional[float]:
    """Vietnamese numbers: '2.989,5' = 2989.5, '1.000' = 1000, '0,5' = 0.5, '95.5' = 95.5."""
    s = s.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        return float(s.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+(?:[.,]\d+)?", s):
        return float(s.replace(",", "."))
    return None


def _op_before(t: str, pos: int) -> str:
    before = fold(t[max(0, pos - 25):pos])
    after = fold(t[pos:pos + 30])
    if re.search(r"(?:>|trên|hơn)\s*$", before):
        return ">"
    if re.search(r"(?:≥|>=)\s*$", before) or "trở lên" in after or re.search(r"(?:tối thiểu|ít nhất|không dưới)\s*(?:có\s+)?$", before):
        return ">="
    if re.search(r"(?:≤|<=|không quá|tối đa|không vượt quá)\s*$", before) or "trở xuống" in after:
        return "<="
    if re.search(r"(?:<|dưới)\s*$", before):
        return "<"
    if re.search(r"(?:khoảng|xấp xỉ|gần)\s*$", before):
        return "~"
    if re.search(r"(?:bằng|đúng)\s*$", before):
        return "="
    return ">="


def _unit_words(rest: str) -> Optional[str]:
    words: list[str] = []
    for w in rest.split():
        w2 = w.strip(",.;:()")
        if not w2 or fold(w2) in _UNIT_STOP or w2[:1].isdigit():
            break
        words.append(w2)
        if w != w2 or len(words) >= 3:
            break
    return " ".join(words) or None


def parse_target(text: str) -> Optional[Target]:
    """The target a phrase or a value cell states, or None."""
    t = fold_ws(text)
    m = _RANGE.search(t)
    if m and (m.group(2) or m.group(4)):
        lo, hi = parse_number(m.group(1)), parse_number(m.group(3))
        if lo is not None and hi is not None and lo < hi:
            return Target(op="between", value=lo, max=hi, unit=m.group(4) or m.group(2), text=m.group(0))
    pcts = list(_PCT.finditer(t))
    if pcts:
        lead = next((p for p in pcts if _LEAD_OP.fullmatch(t[:p.start()])), None)
        m = lead or pcts[-1]
        value = parse_number(m.group(1))
        if value is not None:
            unit = m.group(2)
            tail = fold(t[m.end():m.end() + 8])
            if tail.startswith("/năm"):
                unit += "/năm"
            return Target(op=_op_before(t, m.start()), value=value, unit=unit, text=m.group(0))
    m = re.fullmatch(rf"\s*(>=|<=|≥|≤|>|<|=|~)?\s*({NUM})\s*(\S.*)?", t)
    if m:
        value = parse_number(m.group(2))
        if value is not None:
            op = {"≥": ">=", "≤": "<=", None: ">="}.get(m.group(1), m.group(1))
            return Target(op=op, value=value, unit=fold_ws(m.group(3)) if m.group(3) else None, text=t)
    m = _QUANT.search(t)
    if m:
        value = parse_number(m.group(1))
        unit = _unit_words(m.group(2))
        if value is not None and unit:
            return Target(op=_op_before(t, m.start(1)), value=value, unit=unit, text=m.group(0))
    return None


# ------------------------------------------------------------------ goal clauses
_SENT_SPLIT = re.compile(r"(?<=[.;])\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9])|;\s*")
_LEAD_VERB = re.compile(r"^(?:nâng|tăng|phấn đấu|đảm bảo|bảo đảm|đạt|giảm|duy trì|hoàn thành|hướng đến|hướng tới)\s+(?:(?:đạt|lên|được)\s+)?", re.I)
_LEAD_TIME = re.compile(r"^(?:đến|tới|trong|phấn đấu đến|phấn đấu)\s+(?:hết\s+)?(?:năm|ngày|tháng|quý)[^,]{0,30},\s*", re.I)
_TRAIL_TARGET = re.compile(
    rf"[,:]?\s*(?:phải\s+)?(?:đạt|đạt tỷ lệ|là|ở mức|lên|tăng lên)?\s*(?:từ\s+)?(?:trên\s+|dưới\s+|tối thiểu\s+|ít nhất\s+|khoảng\s+)?(?:{NUM})\s*(?:%|‰)(?:\s*trở lên)?\s*[.;]?$",
    re.I)
_LEAD_PCT = re.compile(rf"^(?:(?:để|đảm bảo|bảo đảm|phấn đấu|có|đạt|trên|dưới|hơn|tối thiểu|ít nhất|khoảng|gần|từ)\s+)*"
                       rf"(?:{NUM})\s*(?:%|‰)\s*(?:trở lên\s+)?", re.I)


def is_goal(clause: str) -> bool:
    t = fold(clause)
    if _PCT.search(t):
        return True
    return bool(re.search(r"(?:tối thiểu|ít nhất|mỗi\b[^,;.]{0,60}\bcó)\s+(?:có\s+)?0\d\b|(?:tối thiểu|ít nhất)\s+(?:có\s+)?\d+", t))


def clean_indicator(clause: str) -> str:
    s = fold_ws(clause).strip(" ;")
    s = _LEAD_TIME.sub("", s)
    s = _LEAD_VERB.sub("", s)
    m = _LEAD_PCT.match(s)
    if m:
        s = s[m.end():]
    else:
        mid = re.search(rf"\b(?:để|đảm bảo|bảo đảm)\s+(?:{NUM})\s*%\s*", s)
        if mid:
            s = s[mid.end():]
    s2 = _TRAIL_TARGET.sub("", s).strip(" ,;:")
    if s2:
        s = s2
    s = s.rstrip(" .;")
    return s


_OWN_SUBJECT = ("mỗi", "các", "những", "tỷ lệ", "số lượng", "số", "toàn bộ", "tất cả", "100%")


def split_goals(text: str) -> list[str]:
    """Clauses of a goal paragraph; a lower-case clause without a subject of its own joins the one before."""
    parts = [p.strip() for p in _SENT_SPLIT.split(fold_ws(text)) if p and p.strip()]
    out: list[str] = []
    for p in parts:
        own = fold(p).startswith(_OWN_SUBJECT) or p[:1].isdigit()
        if out and p[:1].islower() and not own:
            out[-1] = out[-1].rstrip(";") + "; " + p
        else:
            out.append(p)
    return out
