"""Outline labels of Vietnamese plans: Phần thứ hai, I., 1., 1-, 1.1., 1.2.1., a), a., ii), (1), Thứ nhất, Nhiệm vụ 1:, -, +,
•."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

# "II.", "II)", "II- NỘI DUNG", and "III TỔ CHỨC THỰC HIỆN" (a heading in capitals whose dot was not printed or read)
_ROMAN = r"(?P<roman>[IVX]{1,5})(?P<roman_end>[.)]|\s*-(?=\s)|/(?=\s)|(?=\s+[A-ZĐÀ-Ỹ]{2}))"
_DEC_MULTI = r"(?P<decm>\d{1,2}(?:\.\d{1,2}){1,4})(?:\.?\)?|[-/](?=\s+[^\W\d_]))"
# "1.", "1)", "1- Tăng cường ...", "1 - Phòng Y tế: ...", "1/ Mục đích"
_DEC_ONE = r"(?P<dec>\d{1,2})(?:[.)]|\s?[-–/](?=\s+[^\W\d_]))"
# "ii)", "iv)": lower-case Roman numerals continue a list that began "i)" (read as the letter i: the same style)
_ALPHA = r"(?P<alpha>[a-zđ]|ii|iii|iv|vi|vii|viii|ix)(?:[.)]|[-/](?=\s+[^\W\d_]))"  # "a)", "a.", "a- ...", "a/ ..."
_PAREN = r"\((?P<paren>\d{1,2}|[a-zđ])\)"
# "A. NHIỆM VỤ CHUNG", "B- NHIỆM VỤ CỤ THỂ": a capital letter over a part in capitals (not I, V, X: Roman numerals)
_UPPER = r"(?P<upper>[A-HĐK-U])(?:[.)]|\s*-(?=\s))"
# the bullets of typed plans, also the symbol-font glyphs a PDF keeps as private-use characters (Symbol '\uf0b7',
# Wingdings arrows and checks) and the arrows and diamonds Word offers
_BULLET = r"(?P<bullet>[-–—+•·*▪○●◦➢►▸▶✓✔❖◆◇■□\uf0b7\uf0a7\uf0a8\uf0d8\uf076\uf0fc\uf06e\uf0e8])"
# "Thứ nhất, tăng cường ...", and as resolutions and front plans count their solutions, "Một là, ...", "Hai là: ..."
_ORDINAL = (r"(?P<ordinal>Thứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)"
            r"|(?:Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười)\s+là)\s*[,:.]")
_ORDINALS = {"nhất": "1", "hai": "2", "ba": "3", "tư": "4", "năm": "5", "sáu": "6", "bảy": "7", "tám": "8", "chín": "9",
             "mười": "10"}
# "Nhiệm vụ 1: ...", "Hoạt động 2. ...": an item named by what it is and its number
_NAMED = r"(?P<named>(?:Nhiệm vụ|Hoạt động|Giải pháp|Nội dung)\s+(?P<named_no>\d{1,2}))\s*[:.]"
# "Phần thứ hai", "PHẦN II. NHIỆM VỤ", "Phần 3": a part of the plan over its Roman-numbered sections (a part of the
# outline's top level, as they are)
_PART = (r"(?P<part>[Pp]hần|PHẦN)\s+(?:(?P<part_ord>(?:thứ|THỨ)\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười|NHẤT|HAI|BA|TƯ|"
         r"NĂM|SÁU|BẢY|TÁM|CHÍN|MƯỜI))|(?P<part_no>[IVX]{1,5}|\d{1,2}))\s*[.:]?")
LABEL_RE = re.compile(
    rf"^\s*(?:{_ROMAN}|{_DEC_MULTI}|{_DEC_ONE}|{_ALPHA}|{_PAREN}|{_UPPER})(?=\s|$)\s*|^\s*{_BULLET}(?![-–—+])\s*"
    rf"|^\s*{_ORDINAL}\s*|^\s*{_NAMED}(?=\s)\s*|^\s*{_PART}(?=\s|$)\s*"
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def roman_value(numeral: str) -> int:
    """'IV' -> 4."""
    total = 0
    for a, b in zip(numeral, numeral[1:] + " "):
        v = _ROMAN_VALUES[a]
        total += -v if b in _ROMAN_VALUES and _ROMAN_VALUES[b] > v else v
    return total


@dataclass(frozen=True)
class Label:
    style: str  # ROMAN (also "Phần thứ hai", key "P2"), UPPER ("A. NHIỆM VỤ CHUNG"), DEC1..DEC5, ALPHA, PAREN ("(1)", "(a)"), ORDINAL ("Thứ nhất,"),
    # NAMED ("Nhiệm vụ 1:"), DASH, PLUS, DOT
    raw: str  # as printed ("1.2.", "a)", "-")
    key: str  # the ref component this label contributes ("II", "2", "a"; bullets get theirs later)


def parse_label(text: str) -> tuple[Optional[Label], str]:
    """Split a leading outline label off a paragraph: (label or None, rest of text)."""
    m = LABEL_RE.match(text)
    if not m:
        return None, text
    rest = text[m.end():]
    raw = m.group(0).strip()
    if m.group("roman"):
        if not rest or not rest.lstrip()[:1].isalpha() and not rest.lstrip()[:1] in "“\"(":
            return None, text
        if not m.group("roman_end") and not _names_a_section(rest):
            # "III TỔ CHỨC THỰC HIỆN": a bare numeral only before a section's heading in capitals ("V Sở Y tế ...",
            # "XIV CỦA ĐẢNG; ..." in a wrapped title, "VI PHẠM HÀNH CHÍNH" are not)
            return None, text
        return Label("ROMAN", raw, m.group("roman")), rest
    if m.group("decm"):
        parts = m.group("decm").split(".")
        return Label(f"DEC{len(parts)}", raw, parts[-1].lstrip("0") or "0"), rest
    if m.group("dec"):
        if not rest.strip():
            return None, text
        return Label("DEC1", raw, m.group("dec").lstrip("0") or "0"), rest
    if m.group("alpha"):
        if not rest.strip():
            return None, text
        return Label("ALPHA", raw, m.group("alpha")), rest
    if m.group("upper"):
        letters = [c for c in rest[:80] if c.isalpha()]
        if len(letters) < 4 or any(c.islower() for c in letters):
            return None, text  # "A. Nguyễn Văn ...", "B. Kế hoạch ...": a heading's letter only over capitals
        return Label("UPPER", raw, m.group("upper")), rest
    if m.group("ordinal"):
        words = m.group("ordinal").split()
        word = words[0].lower() if words[-1] == "là" else words[-1]
        return Label("ORDINAL", raw, _ORDINALS["nhất" if word == "một" else "tư" if word == "bốn" else word]), rest
    if m.group("named"):
        return Label("NAMED", raw, m.group("named_no").lstrip("0") or "0"), rest
    if m.group("part"):
        title = rest.strip()
        letters = [c for c in title[:60] if c.isalpha()]
        if title and not raw.endswith((".", ":")) and not (letters and sum(c.isupper() for c in letters) > 0.9 * len(letters)):
            return None, text  # "Phần I của Kế hoạch này", "Phần III Kế hoạch này; ...": a part named in a sentence
        no = m.group("part_no")
        n = _ORDINALS[m.group("part_ord").split()[-1].lower()] if m.group("part_ord") else \
            str(roman_value(no)) if no[0] in "IVX" else no.lstrip("0") or "0"
        return Label("ROMAN", raw, f"P{n}"), rest
    if m.group("paren"):
        if not rest.strip():
            return None, text
        return Label("PAREN", raw, m.group("paren").lstrip("0") or "0"), rest
    b = m.group("bullet")
    style = {"+": "PLUS", "-": "DASH", "–": "DASH", "—": "DASH"}.get(b, "DOT")
    return Label(style, raw, ""), rest


def _names_a_section(rest: str) -> bool:
    """Capitals opening with a section heading's words (data/sections.json section_roles: 'TỔ CHỨC THỰC HIỆN')."""
    letters = [c for c in rest[:80] if c.isalpha()]
    return len(letters) >= 6 and not any(c.islower() for c in letters) and rest.lower().lstrip().startswith(_section_words())


@lru_cache(maxsize=1)
def _section_words() -> tuple[str, ...]:
    from . import lexicon  # the lexicon is read only when a bare numeral is met
    return tuple(k for r in lexicon.sections().section_roles for k in r.keywords)


def is_part(label: Optional[Label]) -> bool:
    """'Phần thứ hai': a part of the plan (keys 'P1', 'P2', ...), not a Roman-numbered section."""
    return label is not None and label.style == "ROMAN" and label.key.startswith("P")


def is_bullet(label: Optional[Label]) -> bool:
    return label is not None and label.style in ("DASH", "PLUS", "DOT")
