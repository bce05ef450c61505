"""Is a PDF page's text layer text? Some PDFs carry glyphs mapped to the wrong characters: pdfplumber
prints them as '(cid:54)', pdfium as letters of other alphabets ('6Ӣ C‘NG 7+ѬѪ1*') or private-use and
replacement characters. Such a page is read by OCR instead. Two cheap traits decide, measured on the
page's own text: the share of its letters outside the Vietnamese alphabet, and the share of its words
that are Vietnamese syllables (the inventory in data/syllables.tsv)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Optional

from ..text import normalize_tones

FOREIGN_SHARE = 0.05  # clean Vietnamese has no letter outside its alphabet; glyph garbage has many
SYLLABLE_SHARE = 0.5  # clean plans: 85-95% of their words are syllables (the rest abbreviations, names)
MIN_WORDS = 20  # fewer words say too little to judge
SAMPLE_WORDS = 400

_VIETNAMESE = "a-zA-Z" + "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ" \
    + "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"
_LETTER = re.compile(r"[^\W\d_]")
_FOREIGN = re.compile(rf"[^\W\d_{_VIETNAMESE}]|[\ue000-\uf8ff\ufffd]")
_CID = re.compile(r"\(cid:\d+\)")
_WORD = re.compile(r"[^\W\d_]{2,}")


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    data = resources.files("planparse.data").joinpath("syllables.tsv").read_text(encoding="utf-8")
    return frozenset(ln.split("\t", 1)[0] for ln in data.splitlines() if ln and not ln.startswith("#"))


def not_text(text: str) -> Optional[str]:
    """Why a page's text layer is not Vietnamese text, or None when it is (or too short to say)."""
    if len(_CID.findall(text, 0, 20000)) >= 5:
        return "(cid:N) glyphs"
    sample = unicodedata.normalize("NFC", text[:20000])
    letters = len(_LETTER.findall(sample)) + len(re.findall(r"[\ue000-\uf8ff\ufffd]", sample))
    if letters < 40:
        return None
    if len(_FOREIGN.findall(sample)) / letters > FOREIGN_SHARE:
        return "letters outside the Vietnamese alphabet"
    words = _WORD.findall(sample)[:SAMPLE_WORDS]
    if len(words) < MIN_WORDS:
        return None
    known = _syllables()
    share = sum(1 for w in words if normalize_tones(w.lower()) in known) / len(words)
    if share < SYLLABLE_SHARE:
        return "words that are not Vietnamese syllables"
    return None


def traits(text: str) -> tuple[float, float]:
    """(share of letters outside the Vietnamese alphabet, share of words that are syllables): for tests
    and for tuning the thresholds above."""
    sample = unicodedata.normalize("NFC", text[:20000])
    letters = max(1, len(_LETTER.findall(sample)) + len(re.findall(r"[\ue000-\uf8ff\ufffd]", sample)))
    words = _WORD.findall(sample)[:SAMPLE_WORDS] or [""]
    known = _syllables()
    return (len(_FOREIGN.findall(sample)) / letters,
            sum(1 for w in words if normalize_tones(w.lower()) in known) / len(words))


def is_vietnamese_word(token: str) -> bool:
    """A token that is a Vietnamese syllable once its punctuation is stripped."""
    w = token.strip(".,:;()[]\"'“”-–")
    return len(w) >= 2 and w.isalpha() and normalize_tones(unicodedata.normalize("NFC", w).lower()) in _syllables()
