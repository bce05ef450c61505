"""Repair damaged Vietnamese before extraction: legacy font encodings (TCVN3, VNI) and OCR that lost
diacritics and letters. Clean text is detected as such and passes through untouched."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, Optional

from .. import limits
from ..models import Block, Document
from .legacy import TCVN3_SIGNS, VNI, VNI_SIGNS, decode_tcvn3, decode_vni
from . import ocr
from .lm import BOUNDARY, NUMBER, is_syllable, skeleton
from .ocr import Repaired, _kept_as_printed, carried_context, repair_line

Mode = Literal["auto", "always", "never"]
DAMAGE_THRESHOLD = 0.25  # a document (or block) this damaged is repaired in auto mode
LEGACY_COST = 0.6  # a legacy code read as such costs what OCR's lost or swapped mark costs
_VNI_ONLY = VNI_SIGNS


@dataclass
class RepairResult:
    text: str
    damage: float
    encoding: Optional[str] = None  # "tcvn3" / "vni" when legacy codes were decoded
    changes: list[Repaired] = field(default_factory=list)
    before: str = ""  # the text the changes' offsets refer to (after legacy decoding, before OCR repair)

    @property
    def repaired(self) -> bool:
        return bool(self.changes) or self.encoding is not None


_PLAIN_WORD = re.compile(r"[^\W\d_]+")
# markup a transcription carries ("<table>", "<td colspan=2>", "<br/>"): not words, so not damage
MARKUP_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,9}(?:\s[^<>]{0,200})?/?>")


def clear_caches() -> None:
    """Forget every word seen so far (benchmarks measure a cold start with it)."""
    ocr.clear_caches()
    _word_kind.cache_clear()


@lru_cache(maxsize=200_000)
def _word_kind(word: str) -> tuple[bool, bool, bool]:
    """(counted, a valid syllable as printed, carries a mark) for damage(): abbreviations are not
    counted."""
    if _kept_as_printed(word):
        return (False, False, False)
    return (True, is_syllable(word), not word.isascii() and skeleton(word) != word.lower())


def damage(text: str) -> float:
    """Share of words that are not valid syllables as printed, raised when almost no word carries a
    mark (clean Vietnamese marks about two words in three)."""
    counted = unknown_words = marked_words = 0
    if "<" in text:
        text = MARKUP_TAG.sub(" ", text)
    for word, n in Counter(_PLAIN_WORD.findall(text)).items():  # each distinct word judged once
        kind = _word_kind(word)
        if kind[0]:
            counted += n
            unknown_words += 0 if kind[1] else n
            marked_words += n if kind[2] else 0
    if not counted:
        return 0.0
    unknown = unknown_words / counted
    marked = marked_words / counted
    bare = max(0.0, 0.45 - marked) / 0.45
    return round(min(1.0, unknown + 0.5 * bare), 3)


def _valid_share(text: str) -> float:
    words = re.findall(r"[^\W\d_]+", unicodedata.normalize("NFC", text))
    if not words:
        return 0.0
    return sum(1 for w in words if is_syllable(w)) / len(words)


def legacy_encoding(text: str) -> Optional[str]:
    """'tcvn3' or 'vni' when decoding the text that way makes clearly more of its words Vietnamese."""
    if len(_SIGN_CHARS.findall(text, 0, 200000)) < 3:
        return None
    sample = text[:20000]
    base = _valid_share(sample)
    gains = {"tcvn3": _valid_share(decode_tcvn3(sample)) - base, "vni": _valid_share(decode_vni(sample)) - base}
    best = max(gains, key=gains.__getitem__)
    return best if gains[best] > 0.02 else None


def _whole_document(text: str, encoding: Optional[str]) -> bool:
    """Typed entirely in the legacy font (not a few words pasted into Unicode text): decode every word."""
    if encoding is None:
        return False
    words = re.findall(r"\S+", text[:20000])
    signs = TCVN3_SIGNS if encoding == "tcvn3" else _VNI_ONLY
    marked = [w for w in words if any(not c.isascii() for c in w)]
    return bool(marked) and sum(1 for w in marked if any(c in signs for c in w)) / len(marked) > 0.3


_SIGN_CHARS = re.compile("[" + "".join(re.escape(c) for c in sorted(TCVN3_SIGNS | _VNI_ONLY)) + "]")


def _decode_words(text: str, encoding: Optional[str], whole: Optional[bool] = None) -> str:
    """Decode word by word. In a document typed in the legacy font every word is decoded; elsewhere a
    word is decoded when it carries a code no Vietnamese word has ('cña') and decodes to Vietnamese.
    `whole`: told by the whole document, for one of its blocks."""
    if encoding is None and not _SIGN_CHARS.search(text):
        return text
    whole = _whole_document(text, encoding) if whole is None else whole

    def valid(w: str) -> bool:
        return is_syllable(unicodedata.normalize("NFC", w))

    def fix(m: re.Match) -> str:
        word = m.group(0)
        tries = []
        if whole:
            tries.append(decode_tcvn3(word) if encoding == "tcvn3" else decode_vni(word))
        else:
            if valid(word) or len(word) == 1 and not word.isalpha():
                return word  # a sign standing alone in Unicode text is the sign ("02 hội nghị × 50 đại biểu")
            if any(c in TCVN3_SIGNS for c in word):
                tries.append(decode_tcvn3(word))
            if any(c in _VNI_ONLY for c in word):
                tries.append(decode_vni(word))
        for new in tries:
            if new != word and (whole or valid(new) and _legacy_reading_wins(word, new)):
                return _capitals_like(m, word, new)
        return word

    return (_LEGACY_WORD if whole else _SIGNED_WORD).sub(fix, text)  # elsewhere only words with a code can change


def _legacy_reading_wins(word: str, decoded: str) -> bool:
    """A word with a legacy code in a Unicode document may instead be OCR that read a mark as an
    umlaut ("xä" is "xã" misread, not TCVN3 "xọ"; "cña" is TCVN3 "của"): the legacy reading is kept
    when, out of context, it scores at least as well as the best OCR reading of the word."""
    cands = ocr._viable(word.lower())
    if not cands:
        return True
    lm = ocr.language_model()
    lbo, unseen = lm.log_backoff.get, lm.unseen
    best_ocr = max(ocr.LM_WEIGHT * lbo(s, unseen) - cost for s, cost in cands)
    return ocr.LM_WEIGHT * lbo(decoded.lower(), unseen) - LEGACY_COST >= best_ocr


def _capitals_like(m: re.Match, word: str, new: str) -> str:
    """TCVN3 has no capital codes for marked letters: a word whose plain letters are capitals, among
    capitalised words, was all capitals ('KÕ HO¹CH' -> 'KẾ HOẠCH')."""
    ascii_letters = [c for c in word if c.isascii() and c.isalpha()]
    if not ascii_letters or not all(c.isupper() for c in ascii_letters):
        return new
    if len(ascii_letters) > 1 and len(word) > 2:
        return new.upper()
    around = m.string[max(0, m.start() - 30):m.end() + 30]
    neighbours = [w for w in re.findall(r"[^\W\d_]+", around) if w != word]
    if neighbours and sum(1 for w in neighbours if w.isupper()) >= len(neighbours) / 2:
        return new.upper()
    return new


_LEGACY_CHARS = "\\w" + "".join(re.escape(k) for k in sorted(set("".join(VNI)) | set(TCVN3_SIGNS)))
_LEGACY_WORD = re.compile(f"[{_LEGACY_CHARS}]+")
_SIGNED_WORD = re.compile(f"(?<![{_LEGACY_CHARS}])[{_LEGACY_CHARS}]*?{_SIGN_CHARS.pattern}[{_LEGACY_CHARS}]*")  # a whole word with a code


def repair_text(text: str, mode: Mode = "auto", legacy: Optional[tuple[Optional[str], bool]] = None) -> RepairResult:
    """`legacy`: (encoding, typed wholly in it) as the whole document tells it, for one of its blocks; a short
    block says too little to tell VNI from Unicode ('Phoå caäp' is VNI 'Phổ cập', not OCR's 'Phải cập')."""
    text = unicodedata.normalize("NFC", text)
    if mode == "never":
        return RepairResult(text=text, damage=damage(text))
    encoding = legacy_encoding(text) if legacy is None else legacy[0]
    text = _decode_words(text, encoding, None if legacy is None else legacy[1])
    dmg = damage(text)
    if mode == "auto" and dmg < DAMAGE_THRESHOLD:
        return RepairResult(text=text, damage=dmg, encoding=encoding)
    out_lines: list[str] = []
    changes: list[Repaired] = []
    offset = 0
    before = (BOUNDARY, BOUNDARY)
    for n, line in enumerate(text.split("\n")):
        if n % 64 == 0:
            limits.progress()  # a long damaged text is slow, not hung
        new, ch = repair_line(line, before)
        if new.strip():
            before = carried_context(new)
        elif before[1] == NUMBER:  # OCR'd text is often double-spaced: a blank line after a word may
            before = (BOUNDARY, BOUNDARY)  # not end its sentence, but after a number it ends a table cell
        for c in ch:
            changes.append(Repaired(c.start + offset, c.end + offset, c.original, c.text, c.confidence))
        out_lines.append(new)
        offset += len(line) + 1
    return RepairResult(text="\n".join(out_lines), damage=dmg, encoding=encoding, changes=changes, before=text)


def _block_legacy(text: str, encoding: Optional[str]) -> Optional[tuple[Optional[str], bool]]:
    """How one block of a document typed (partly) in a legacy font is decoded: a short block says too little for
    its own encoding to be told ('1. Phoøng Vaên hoùa - Xaõ hoäi' is VNI, not OCR damage), so a block carrying the
    font's codes that the document's encoding turns into clearly more syllables is decoded whole; any other block
    is judged on its own (Unicode text pasted among them, a template's heading)."""
    if encoding is None or not _SIGN_CHARS.search(text):
        return None
    decoded = _decode_words(text, encoding, True)
    return (encoding, True) if _valid_share(decoded) > _valid_share(text) + 0.2 else None


def repair_document(doc: Document, mode: Mode = "auto") -> Document:
    """Repair every block of a damaged document; `original` keeps what was read. Blocks on pages the reader OCR'd
    are OCR output however little damage the whole shows ('Kiêm tra việc chầp hành ...'): they are repaired."""
    if mode == "never":
        return doc
    whole = "\n".join(b.text for b in doc.blocks)
    enc = legacy_encoding(whole)
    decoded = _decode_words(whole, enc)
    dmg = damage(decoded)
    ocr_pages = set(doc.ocr_pages)
    if mode == "auto" and dmg < DAMAGE_THRESHOLD and decoded == whole and not ocr_pages:
        return doc
    blocks: list[Block] = []
    n_changes = 0
    for b in doc.blocks:
        how: Mode = "always" if (mode == "always" or dmg >= DAMAGE_THRESHOLD or b.page in ocr_pages) else "auto"
        res = repair_text(b.text, how, _block_legacy(b.text, enc))
        cells = None
        if b.cells:
            cells = [c.model_copy(update={"text": repair_text(c.text, how, _block_legacy(c.text, enc)).text})
                     for c in b.cells]
        if res.text != b.text or cells:
            n_changes += len(res.changes)
            blocks.append(b.model_copy(update={"text": res.text, "original": b.text, "cells": cells or b.cells}))
        else:
            blocks.append(b)
    note = f"repaired: damage {dmg:.2f}" + (f", {enc} decoded" if enc else "") + f", {n_changes} words changed"
    return doc.model_copy(update={"blocks": blocks, "warnings": doc.warnings + [note]})
