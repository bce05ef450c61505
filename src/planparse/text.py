"""Small text helpers shared by every stage: Unicode and whitespace normalisation, folding."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Old-style tone placement ("hoà", "uỷ") -> new style ("hòa", "ủy"), as underthesea does.
_OLD_TO_NEW = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_OLD_RE = re.compile(r"(?<![qQ])(" + "|".join(_OLD_TO_NEW) + r")(?![a-zà-ỹ])", re.IGNORECASE)


def _letters(upper: bool) -> str:
    return "".join(c for c in map(chr, range(0x41, 0x1EFA))
                   if (c.isupper() if upper else c.islower()) and unicodedata.name(c, "").startswith("LATIN"))


# Vietnamese capitals and small letters as regex classes: the ranges "À-Ỹ" and "à-ỹ" hold both cases
# (Latin-1 and the Vietnamese block alternate capital and small letter), so they cannot tell a capital
UPPER = f"[{_letters(True)}]"
LOWER = f"[{_letters(False)}]"


def vi(pattern: str) -> str:
    """A pattern written with the classes "[A-ZĐÀ-Ỹ]" (a capital) and "[a-zđà-ỹ]" (a small letter), with the true
    classes put in."""
    return pattern.replace("[A-ZĐÀ-Ỹ]", UPPER).replace("[a-zđà-ỹ]", LOWER)


FIRST_WORD = re.compile(r"[^\W_]+")  # a word's letters and digits: what a lookup by first word keys on


def alternation(words) -> str:
    """A regex alternation of `words`, longest first, so a longer phrase wins over a word it begins with."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def fold_ws(s: str) -> str:
    """Collapse runs of whitespace to one space and strip (str.split's whitespace is the regex \\s: the same
    result as re.sub(r"\\s+", " ", s).strip(), three times faster; a test holds the two equal)."""
    return " ".join(s.split())


@lru_cache(maxsize=1 << 16)
def normalize_tones(s: str) -> str:
    """Move tone marks to the modern position at syllable end ("hoà" -> "hòa", "Uỷ" -> "Ủy")."""

    def repl(m: re.Match) -> str:
        src = m.group(1)
        out = _OLD_TO_NEW[src.lower()]
        if src[0].isupper():
            out = out[0].upper() + out[1:]
        return out

    return _OLD_RE.sub(repl, s)


@lru_cache(maxsize=1 << 16)
def strip_accents(s: str) -> str:
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return s.replace("đ", "d").replace("Đ", "D")


@lru_cache(maxsize=1 << 16)
def fold(s: str) -> str:
    """Comparison key: NFC, tone placement normalised, case folded, whitespace folded."""
    return fold_ws(normalize_tones(nfc(s)).casefold())
