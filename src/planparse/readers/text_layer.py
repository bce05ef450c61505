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
SAMPLE_WORDS = 200
SAMPLE_CHARS = 1000  # a page's first characters are enough to judge it
MARKED_SHARE = 0.08  # UTF-8 bytes past one per character: clean Vietnamese ~0.2-0.3, glyph garbage in ASCII ~0

_MARKS = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ" \
    + "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"
_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" + _MARKS
_FOREIGN = re.compile(rf"[^\W\d_{_LETTERS}]|[\ue000-\uf8ff\ufffd]")
_CID = re.compile(r"\(cid:\d+\)")
_WORD = re.compile(r"[^\W\d_]{2,}")


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    data = resources.files("planparse.data").joinpath("syllables.tsv").read_text(encoding="utf-8")
    return frozenset(ln.split("\t", 1)[0] for ln in data.splitlines() if ln and not ln.startswith("#"))


def not_text(text: str) -> Optional[str]:
    """Why a page's text layer (NFC) is not Vietnamese text, or None when it is (or too short to say)."""
    if len(_CID.findall(text, 0, 20000)) >= 5:
        return "(cid:N) glyphs"
    sample = text[:SAMPLE_CHARS]  # NFC already (the reader's clean-up)
    if len(sample) < 60:
        return None
    foreign = len(_FOREIGN.findall(sample))
    if foreign and foreign / max(1, sum(map(str.isalpha, sample)) + foreign) > FOREIGN_SHARE:
        if _legacy_font_text(sample):
            return None  # typed in a TCVN3 or VNI font: text, which the repair stage decodes
        return "letters outside the Vietnamese alphabet"
    if (len(sample.encode("utf-8")) - len(sample)) / len(sample) >= MARKED_SHARE:
        return None  # marked letters (2-3 bytes each) in Vietnamese proportions: text; the common case, cheap
    words = _WORD.findall(sample)[:SAMPLE_WORDS]
    if len(words) < MIN_WORDS:
        return None
    if _syllable_share(words) < SYLLABLE_SHARE:
        return "words that are not Vietnamese syllables"
    return None


def _legacy_font_text(sample: str) -> bool:
    """A page typed in a legacy Vietnamese font ('Thùc hiÖn KÕ ho¹ch' in TCVN3, 'Thöïc hieän' in VNI): its letters
    outside the alphabet are the font's codes, and decoded so most of its words are syllables."""
    from ..repair.legacy import decode_tcvn3, decode_vni

    for decode in (decode_tcvn3, decode_vni):
        words = _WORD.findall(unicodedata.normalize("NFC", decode(sample)))[:SAMPLE_WORDS]
        if len(words) >= MIN_WORDS and _syllable_share(words) >= LEGACY_SYLLABLE_SHARE:
            return True
    return False


LEGACY_SYLLABLE_SHARE = 0.8  # decoded legacy text is as Vietnamese as clean text (85-95% of its words syllables)


def _syllable_share(words: list[str]) -> float:
    known = _syllables()
    return sum(1 for w in words if w.lower() in known or normalize_tones(w.lower()) in known) / len(words)


def traits(text: str) -> tuple[float, float, float]:
    """(share of letters outside the Vietnamese alphabet, UTF-8 bytes past one per character, share of
    words that are syllables): for tests and for tuning the thresholds above."""
    sample = unicodedata.normalize("NFC", text[:SAMPLE_CHARS])
    foreign = len(_FOREIGN.findall(sample))
    letters = max(1, sum(map(str.isalpha, sample)) + foreign)
    words = _WORD.findall(sample)[:SAMPLE_WORDS] or [""]
    return foreign / letters, (len(sample.encode("utf-8")) - len(sample)) / max(1, len(sample)), _syllable_share(words)


def is_vietnamese_word(token: str) -> bool:
    """A token that is a Vietnamese syllable once its punctuation is stripped."""
    w = token.strip(".,:;()[]\"'“”-–")
    return len(w) >= 2 and w.isalpha() and normalize_tones(unicodedata.normalize("NFC", w).lower()) in _syllables()
