"""Join hard-wrapped lines into paragraphs (shared by the text and PDF readers)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Optional, TypeVar

from .. import lexicon, limits
from ..errors import LineTooLong, TooManyLines
from ..labels import parse_label
from ..text import fold, vi

T = TypeVar("T")

_URL_ONLY = re.compile(r"^\(?https?://\S+\)?$")
_TERMINAL = re.compile(r"(?:[.:;!?]|\./\.|\.\.\.)[\"”)\]]*$")
_ABBR_END = re.compile(r"\b[A-ZĐ]{2,}[A-ZĐa-z&]*$")
_ABBR_START = re.compile(r"^[-–]\s*[A-ZĐ]{2,}\b")


@lru_cache(maxsize=None)
def _opening() -> re.Pattern:
    """'Thực hiện Hướng dẫn số ...', 'Căn cứ Luật ...' at a line's start: the opening begins (after an unpunctuated
    title line too), from citations.json's openers and document kinds."""
    d = lexicon.citations()
    openers = sorted({w[:1].upper() + w[1:] for w in d.basis_openers}, key=len, reverse=True)
    kinds = sorted(d.doc_types, key=len, reverse=True)
    return re.compile(rf"^(?:{'|'.join(map(re.escape, openers))})\s+(?:{'|'.join(map(re.escape, kinds))})\b")


LONE_PIPE = re.compile(r"^\s*\|\s*$")  # a line holding only "|": a cell break of a page export
RULE_LINE = re.compile(r"^\s*([-_*=—–])(?:\s*\1){2,}\s*$")


def is_lone_pipe(text: str) -> bool:
    return bool(LONE_PIPE.match(text))


def wrapped_heading_lines(texts: list[str]) -> tuple[set[int], int]:
    """A legal-text site's page saved as text or Markdown prints the heading table's cells one after another,
    parted by lines holding only "|", and wraps each cell's first line after its first word ("ỦY" / "BAN NHÂN
    DÂN", "Số:" / "24/KH-UBND", "TRIỂN" / "KHAI THỰC HIỆN ..."): the indexes k whose line goes on in line k + 1,
    before the document-type line ("KẾ HOẠCH") and on the title line after it, and that line's index (0 with no
    such heading: other text is left as read)."""
    kind = next((k for k, t in enumerate(texts[:80]) if len(t) <= 30 and fold(t).strip(" *#:") in _doc_types()), None)
    if kind is None or sum(is_lone_pipe(t) for t in texts[:kind]) < 2:
        return set(), 0
    out: set[int] = set()
    k = 0
    while k < min(kind + 2, len(texts) - 1):
        one, nxt = texts[k], texts[k + 1]
        if len(one.split()) == 1 and nxt.strip() and not is_lone_pipe(one) and not is_lone_pipe(nxt) \
                and not RULE_LINE.match(nxt) and not re.search(r"[|*_#<>\\\t]", one + nxt):
            out.add(k)
            k += 2
            continue
        k += 1
    return out, kind


def rejoined(lines: list[T], wrapped: set[int], join: Callable[[T, T], T]) -> list[T]:
    """The lines with each wrapped line k (`wrapped_heading_lines`) and line k + 1 made one by `join`."""
    out: list[T] = []
    skip = False
    for k, ln in enumerate(lines):
        if skip:
            skip = False
        elif k in wrapped and k + 1 < len(lines):
            out.append(join(ln, lines[k + 1]))
            skip = True
        else:
            out.append(ln)
    return out


@dataclass
class Line:
    text: str
    start: int
    end: int
    lineno: int
    page: Optional[int] = None
    heading: bool = False
    hard_break: bool = False
    blank: bool = False
    cells: Optional[list[str]] = None
    blank_before: bool = False  # a blank line precedes it and blank lines separate paragraphs here


def check_lines(text: str, path: str) -> None:
    """Refuse a text of more lines than limit 'lines', or with a line longer than limit 'line_chars',
    before anything is built from its lines."""
    budget = limits.current()
    count = text.count("\n") + 1
    if count > budget.lines:
        raise TooManyLines(path, f"{count} lines, limit lines={budget.lines}")
    if len(text) <= budget.line_chars:
        return
    start = 0
    for lineno in range(1, count + 1):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > budget.line_chars:
            raise LineTooLong(path, f"line {lineno} has {end - start} characters, limit line_chars={budget.line_chars}")
        start = end + 1


def _is_caps_line(s: str) -> bool:
    if s.upper() != s:
        return False  # a lowercase letter (most lines): no need to look at each character
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters) and len(s.split()) >= 2


def _starts_upper(s: str) -> bool:
    for c in s:
        if c.isalpha():
            return c.isupper()
        if c.isdigit():
            return True
        if c in "“\"(":
            continue
        return False
    return False


def typical_width(lines: list[Line]) -> int:
    lengths = sorted(len(ln.text) for ln in lines if not ln.blank and ln.cells is None)
    if not lengths:
        return 80
    return max(40, lengths[int(len(lengths) * 0.9)])


def join_lines(lines: list[Line]) -> list[list[Line]]:
    """Return paragraphs as lists of the lines they were built from; blank lines are dropped."""
    content = [ln for ln in lines if not ln.blank]
    width = typical_width(content)
    paras: list[list[Line]] = []
    prev: Optional[Line] = None
    for idx, ln in enumerate(content):
        nxt = content[idx + 1] if idx + 1 < len(content) else None
        if _URL_ONLY.match(ln.text) and prev is not None and not _TERMINAL.search(prev.text) \
                and nxt is not None and not _starts_upper(nxt.text):
            continue  # a URL leaked from a page header/footer into the middle of a sentence
        if prev is None or _starts_paragraph(prev, ln, width):
            paras.append([ln])
        else:
            paras[-1].append(ln)
        prev = ln
    return paras


# a document number cut at the line end ("Kế hoạch số 9669/KH-" / "UBND ngày ..."): the next line goes on with it
_CODE_CUT = re.compile(r"\d+/(?:[A-ZĐ]+-)*$|\d+/$")


@lru_cache(maxsize=1)
def _field_line() -> re.Pattern:
    """A line that opens with a task's field key ("Đơn vị chủ trì:", "- Thời gian thực hiện:"), folded."""
    keys = {fold(k) for role in ("lead", "support", "deadline", "product") for k in lexicon.sections().group_keys[role]}
    alternatives = "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
    return re.compile(rf"(?:[-+•*]\s*)?(?:{alternatives})\s*:")


@lru_cache(maxsize=1)
def _closing_openers() -> tuple[str, ...]:
    d = lexicon.sections()
    return tuple(fold(k) for k in d.closing_paragraph_openers + d.end_of_body)  # "Nơi nhận:" too


@lru_cache(maxsize=1)
def _doc_types() -> frozenset[str]:
    return frozenset(fold(d) for d in lexicon.sections().doc_types)


# a Roman heading number as OCR reads it before the repair stage has read it back ("HI." for III., "Il." for II.)
_OCR_ROMAN = re.compile(vi(r"^\s*[IVXHl1|]{1,4}\.\s+(?=[A-ZĐÀ-Ỹ])"))


def _numbered(text: str) -> bool:
    return parse_label(text)[0] is not None or bool(_OCR_ROMAN.match(text))


@lru_cache(maxsize=1)
def _unfinished_ends() -> tuple[frozenset[str], frozenset[str]]:
    d = lexicon.sections()
    return frozenset(fold(w) for w in d.unfinished_line_ends), frozenset(fold(w) for w in d.number_line_ends)


_NUMBER_START = re.compile(r"\d|[IVX]+\s")


def _unfinished(prev: str, nxt: str) -> bool:
    """A line cut where its sentence cannot end ("... phối hợp với" / "Sở Y ...", "Trước ngày" / "30 tháng 6 ..."):
    web copies and narrow pages break lines anywhere; an item label on the next line still starts an item."""
    if not prev[-1:].isalpha():
        return False
    words, numbers = _unfinished_ends()
    tail = fold(prev[-16:]).split()[-2:]  # the last word, and the last two (the lists hold words of one or two syllables)
    ends = {tail[-1], " ".join(tail)}
    if not (ends & words or ends & numbers and _NUMBER_START.match(nxt.lstrip())):
        return False
    return parse_label(nxt)[0] is None


INTRO_LINE_WORDS = 12  # a line that opens a list ('Các tổ dân phố:', 'Nội dung gồm:') is short


def _starts_paragraph(prev: Line, ln: Line, width: int) -> bool:
    if ln.heading or prev.heading or prev.hard_break and _starts_upper(ln.text):
        return True
    if len(prev.text) <= 30 and fold(prev.text).strip(" *#:") in _doc_types():
        return True  # "Kế hoạch" / "triển khai công tác ...": the type heading is a line of its own
    if _CODE_CUT.search(prev.text.rstrip()) and re.match(r"[A-ZĐ\d]", ln.text.lstrip()):
        return False
    if _unfinished(prev.text, ln.text):
        return False
    if prev.page is not None and ln.page is not None and prev.page != ln.page and _TERMINAL.search(prev.text):
        return True
    if _opening().match(ln.text) and not prev.text.rstrip().endswith((",", "và")):
        return True
    label, _ = parse_label(ln.text)
    if label is not None:
        # "Văn phòng HĐND" / "- UBND tỉnh": a hyphenated name broken at the line end, not a bullet
        if label.style == "DASH" and _ABBR_END.search(prev.text) and _ABBR_START.match(ln.text):
            return False
        # "... các tổ chức chính trị" / "- xã hội, ...": a hyphenated phrase broken at the line end; a bullet
        # opens with a capital, or follows a line that ended its item
        if label.style == "DASH" and not _starts_upper(ln.text.lstrip("-–— ")) and not _TERMINAL.search(prev.text) \
                and not prev.text.rstrip().endswith(","):
            return False
        return True
    if prev.text.count("(") > prev.text.count(")"):
        return False  # "... (thuộc Dự án 7:" / "Truyền thông, giáo dục ...).": a bracket the line break left open
    caps_prev, caps_ln = _is_caps_line(prev.text), _is_caps_line(ln.text)
    if caps_prev and not caps_ln and ln.text.isupper() and len(ln.text.split()) == 1 \
            and _numbered(prev.text) and not _TERMINAL.search(prev.text):
        return False  # "III. ĐỐI TƯỢNG, NGUYÊN TẮC, HÌNH THỨC VÀ TIÊU CHUẨN KHEN" / "THƯỞNG": the heading's last word
    if caps_prev != caps_ln:
        return True
    if caps_prev and caps_ln:
        if _numbered(prev.text) and len(ln.text.split()) <= 5 and not _TERMINAL.search(prev.text):
            return False  # "III. NỘI DUNG, GIẢI PHÁP TRỌNG TÂM VÀ PHÂN CÔNG" / "NHIỆM VỤ": a numbered heading wrapped
        return len(prev.text) < width * 0.6 and not prev.text.rstrip().endswith((",", "-", "VÀ", "CỦA"))
    if not _starts_upper(ln.text):
        return False
    if _TERMINAL.search(prev.text):
        head = fold(ln.text[:60])
        if ln.blank_before or _field_line().match(head) or head.startswith(_closing_openers()):
            return True
        if ln.text.rstrip().endswith(":") and len(ln.text.split()) <= INTRO_LINE_WORDS:
            return True  # "... điểm nguy cơ." / "Các tổ dân phố:": a short line that opens a list after a sentence
        return len(prev.text) < width * 0.85 or prev.text.rstrip().endswith((":", "./."))
    # an unpunctuated short line followed by a capital: a heading or title line ended
    return len(prev.text) < width * 0.7
