"""The documents a plan implements or rests on, from its opening sentences ("Căn cứ ...", "Thực hiện ...").

Per the data contract: each document the opening names as implemented or as basis, once; not the
documents named inside a cited document's own title ("Kế hoạch 139 ... về thực hiện Nghị quyết 71"), nor a
submission or request the plan was issued on ("Xét Tờ trình ...", "Theo đề nghị của ..."). A law cited by
name has no number. The issuer is normalised and, where the sentence names a body of the plan's own
province without its place ("UBND tỉnh", "Giám đốc Sở Công Thương"), completed with that place.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from rapidfuzz import fuzz

from .. import lexicon
from ..labels import is_bullet, parse_label
from ..models import Block, Citation, Span
from ..text import alternation, fold, fold_ws, normalize_tones
from .units import starts_unit, unit_phrase_end

# a serial number is short: bounded, a scan over "1.1.1.1..." stays linear
_NUMBER = r"\d+[\w\-.ĐđÀ-ỹ]{0,30}(?:/[\w\-.ĐđÀ-ỹ&]+)+"
_DATE = (r"\s*(?:,\s*)?\b[Nn]gày\s+(?:(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})"
         r"|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))")
_LEVELS = r"(?:thành phố|thị xã|thị trấn|tỉnh|huyện|quận|phường|xã|đặc khu)"


@lru_cache(maxsize=None)
def _doc_re() -> re.Pattern:
    kinds = sorted(lexicon.citations().doc_types, key=len, reverse=True)
    alt = "|".join(re.escape(k) for k in kinds)
    # a kind in running text starts with a capital ("Quyết định"), or is all capitals ("QUYẾT ĐỊNH")
    return re.compile(rf"(?<![\w])(?P<kind>{alt})(?![\w])", re.I)


@lru_cache(maxsize=None)
def _starts(words: tuple[str, ...]) -> re.Pattern:
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"^\s*(?:{alt})(?![\w])", re.I)


def _date(m: re.Match, offset: int = 0) -> Optional[str]:
    g = m.groups()[offset:offset + 6]
    if g[2]:
        d, mo, y = g[0], g[1], g[2]
    elif g[5]:
        d, mo, y = g[3], g[4], g[5]
    else:
        return None
    if not (1 <= int(mo) <= 12 and 1 <= int(d) <= 31):
        return None
    return f"{y}-{int(mo):02d}-{int(d):02d}"


class Places:
    """The plan's own places by level word ('tỉnh' -> 'Lào Cai'), to complete issuers named without one."""

    def __init__(self, named: dict[str, str], own_department: Optional[str] = None):
        self.named = named
        self.own_department = own_department  # the plan's issuer when it is a Sở ('Sở Công Thương tỉnh Lào Cai')

    def name(self, level: str) -> Optional[str]:
        return self.named.get(level.lower())

    @property
    def province(self) -> Optional[tuple[str, str]]:
        for level in ("tỉnh", "thành phố"):
            if level in self.named:
                return level, self.named[level]
        return None


def _clauses(text: str) -> list[tuple[int, str]]:
    """';'-separated clauses outside brackets, with their offsets; a sentence that opens with a basis or a
    submission ('... của Tổ công tác về việc .... Để thực hiện hiệu quả Kế hoạch ...') is a clause of its own, so a
    cited document's title ends with its sentence."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == ";" and depth == 0:
            out.append((start, text[start:i]))
            start = i + 1
        elif ch == "." and depth == 0 and (m := _next_basis_sentence().match(text, i + 1)):
            out.append((start, text[start:i]))
            start = m.end()
    out.append((start, text[start:]))
    return out


@lru_cache(maxsize=None)
def _next_basis_sentence() -> re.Pattern:
    data = lexicon.citations()
    openers = [w[:1].upper() + w[1:] for w in data.basis_openers + data.excluded_openers]
    return re.compile(rf"\s+(?=(?:{alternation(openers)})(?!\w))")


def extract_citations_from(blocks: list[Block], places: Places, listed: bool = False) -> list[Citation]:
    """The documents the blocks' basis sentences cite ("Căn cứ ...", "Thực hiện ..."); `listed`: the blocks are the
    items of a basis list ("1. Quyết định số 924/QĐ-TTg ...", "- Luật Đất đai ..."), each one naming a document."""
    data = lexicon.citations()
    basis = _starts(tuple(data.basis_openers))
    excluded = _starts(tuple(data.excluded_openers))
    out: list[Citation] = []
    seen: set[str] = set()
    for b in blocks:
        label, rest = parse_label(b.text)
        item = rest.lstrip() if listed or is_bullet(label) else b.text  # "- Căn cứ Luật ...;": a basis sentence
        if not (_doc_re().match(item) if listed else basis.match(item)) or excluded.match(item):
            continue
        # "223/KH- UBND", "45- CT/TW" (a number broken at its hyphen): a space typed in the number is moved after it,
        # so offsets stay those of the block
        text = re.sub(r"(\d+/[A-ZĐ]+-)(\s+)([A-ZĐ][\w\-]*)", r"\1\3\2", b.text)
        text = re.sub(r"(?<![\w/])(\d+-)(\s+)([A-ZĐ]{2,}/[A-ZĐ][\w\-]*)", r"\1\3\2", text)
        found: list[Citation] = []
        for c in _plural_citations(text, places):
            seen.add(fold(c.number or ""))
            found.append(c.model_copy(update={"span": Span(block=b.id, start=c.span.start, end=c.span.end,
                                                           page=b.page, line=b.line)}))
        for offset, clause in _clauses(text):
            if excluded.match(clause.lstrip(" ,")):
                continue
            stop = _own_issuance(clause)
            for c in _clause_citations(clause[:stop], places):
                key = fold(c.number) if c.number else f"{fold(c.doc_type or '')}|{c.date}|{fold(c.text or '')[:40]}"
                if key in seen:
                    continue
                seen.add(key)
                start = offset + (c.span.start if c.span else 0)
                end = offset + (c.span.end if c.span else 0)
                found.append(c.model_copy(update={"span": Span(block=b.id, start=start, end=end, page=b.page, line=b.line)}))
        out += sorted(found, key=lambda c: c.span.start)
    dated = _dates_by_number(blocks)
    return [c.model_copy(update={"date": dated[fold(c.number)]}) if c.number and not c.date and fold(c.number) in dated
            else c for c in out]


_LIST_ITEM = re.compile(rf"\s*(?:số\s*:?\s*)?({_NUMBER})")
_LIST_JOIN = re.compile(r"\s*(?:,|;|và(?!\w))\s*")


def _plural_citations(text: str, places: Places) -> list[Citation]:
    """'Các Công điện: số 007/CĐ-UBND ngày 17/11/2025, số 008/CĐ-UBND và số 009/CĐ-UBND ngày 19/11/2025; số
    010/CĐ-UBND ngày 20/11/2025 của UBND tỉnh': one document of the kind per number, each dated by the date after
    it (a date after several numbers dates them all), all issued by the issuer after the list."""
    data = lexicon.citations()
    out: list[Citation] = []
    if "các " not in text.lower() or len(re.findall(r"\d+/", text)) < 2:
        return out  # no plural kind, or fewer than two numbers
    for m in _doc_re().finditer(text):
        if not re.search(r"(?<!\w)[Cc]ác\s+$", text[:m.start()]) or not m.group("kind")[:1].isupper():
            continue
        kind = normalize_tones(fold_ws(m.group("kind")))
        kind = kind[:1].upper() + kind[1:].lower()
        pos = m.end() + len(re.match(r"\s*:?", text[m.end():]).group(0))
        items: list[list] = []  # [number, date, start, end]
        while (num := _LIST_ITEM.match(text, pos)) is not None:
            item = [num.group(1).rstrip(".,;"), None, m.start() if not items else num.start(1), num.end()]
            pos = num.end()
            if dm := re.match(_DATE, text[pos:]):
                for undated in [it for it in items if it[1] is None] + [item]:
                    undated[1] = _date(dm)
                pos += dm.end()
                item[3] = pos
            items.append(item)
            join = _LIST_JOIN.match(text, pos)
            if join is None or _LIST_ITEM.match(text, join.end()) is None:
                break
            pos = join.end()
        if len(items) < 2:
            continue
        issuer = None
        if im := re.match(rf"\s*(?:{'|'.join(data.issuer_after)})\s+", text[pos:]):
            phrase, _ = _issuer_phrase(text[pos + im.end():])
            issuer = normalise_cited_issuer(phrase, places) if phrase else None
        for number, date, start, end in items:
            out.append(Citation(doc_type=kind, number=number, date=date, issuer=issuer,
                                text=fold_ws(f"{kind} số {text[start:end]}" if start != m.start() else text[start:end])[:300],
                                span=Span(block="", start=start, end=end)))
    return out


def _dates_by_number(blocks: list[Block]) -> dict[str, str]:
    """'... Quyết định số 142/QĐ-TTg của Thủ tướng ...; ... thực hiện Quyết định số 142/QĐ-TTg ngày 02/02/2024 ...': the
    date one mention of a number prints, for a mention that prints none."""
    out: dict[str, str] = {}
    for b in blocks:
        for m in re.finditer(rf"(?<![\w/])({_NUMBER})", b.text):
            dm = re.match(_DATE, b.text[m.end():])
            if dm and (d := _date(dm)):
                out.setdefault(fold(m.group(1).rstrip(".,;")), d)
    return out


@lru_cache(maxsize=None)
def _cited_by() -> re.Pattern:
    """'... của ' / '... do ' right before a body: that body issued a cited document."""
    return re.compile(rf"(?:{'|'.join(lexicon.citations().issuer_after)})\s+$", re.I)


def _own_issuance(clause: str) -> int:
    """Where the opening turns to the plan itself ('..., Ủy ban nhân dân tỉnh ban hành Kế hoạch ...'): the
    body right before 'ban hành', not a cited issuer further back ('... của UBND tỉnh X về ..., UBND xã ban hành')."""
    cited_by = _cited_by()
    for m in re.finditer(rf"(?<![\w\-/])(?:ủy ban nhân dân|uỷ ban nhân dân|ubnd|sở|ban|tiểu ban|ủy ban)\s+(?:{_LEVELS})?"
                         r"[^.;,]{0,80}?(?:ban hành|xây dựng|triển khai)\s+(?:kế hoạch|chương trình)", clause, re.I):
        if not cited_by.search(clause[:m.start()]):  # "... 9669/KH-UBND ngày 24/12/2025 của UBND tỉnh về việc ban
            return m.start()  # hành Kế hoạch ...": the cited document's issuer and title, not the plan's issuance
    return len(clause)


def _clause_citations(clause: str, places: Places) -> list[Citation]:
    """Top-level citations of one clause: after a document's issuer, its own title runs to the clause end,
    and what it names is not cited by the plan; a bracket right after a document may cite its amendment."""
    data = lexicon.citations()
    title = _starts(tuple(data.title_openers))
    amended = _starts(tuple(data.amended_by))
    out: list[Citation] = []
    pos = 0
    while True:
        m = _doc_re().search(clause, pos)
        if m is None:
            break
        kind = m.group("kind")
        if not (kind[:1].isupper() or kind.isupper() or _numbered_document(clause[m.start():])):
            pos = m.end()  # a kind in lower case names a document only with its number ("văn bản số 456/SNNMT-TL")
            continue
        cit, end = _read_citation(clause, m, places)
        if cit is None:
            pos = m.end()
            continue
        out.append(cit)
        rest = clause[end:]
        bracket = re.match(r"\s*\(([^()]*)\)", rest)
        if bracket and amended.match(bracket.group(1)):
            out += _clause_citations(bracket.group(1), places)
            end += bracket.end()
            rest = clause[end:]
        # "..., phê duyệt ...": a title after a comma is the document's title too
        if title.match(rest.lstrip(" ,")) or not re.match(r"^\s*(?:,|và\b|;|$)", rest):
            nxt = _next_after_title(clause, end, places, cit.number)
            if nxt is None:
                break  # the rest of the clause is this document's title
            end = nxt
        pos = end
    return _shared_issuers(clause, out)


def _shared_issuers(clause: str, cited: list[Citation]) -> list[Citation]:
    """'Công văn 4503/TCT ngày 07/7/2025 và Công văn số 3169/TCT06 ngày 16/7/2025 của Tổ công tác ...': documents
    listed one after another ('và', ',') share the issuer named after the last of them."""
    out = list(cited)
    for k in range(len(out) - 2, -1, -1):
        a, b = out[k], out[k + 1]
        if a.issuer or not b.issuer or not a.span or not b.span:
            continue
        if re.fullmatch(r"\s*(?:,|và|,\s*và)\s*", clause[a.span.end:b.span.start]):
            out[k] = a.model_copy(update={"issuer": b.issuer})
    return out


def _names_cited(bracket: str, number: Optional[str]) -> bool:
    """'(Nghị quyết số 163/2024/QH15)', '(sau đây gọi tắt là Chương trình MTQG)': the short name a document is
    called by afterwards, which closes its title."""
    f = fold(bracket)
    return bool(number and fold(number) in f or re.match(r"(?:sau đây\s+)?(?:gọi|viết)\s+tắt\s+là\b", f))


def _next_after_title(clause: str, title_start: int, places: Places, number: Optional[str] = None) -> Optional[int]:
    """Where a cited document's title ends at the next document the plan cites: '... Chỉ thị số 02-CT/TU ngày
    05/8/2025 của Ban Thường vụ Tỉnh ủy về lãnh đạo cuộc bầu cử ... và Chỉ thị số 007/CT-UBND ngày 06/10/2025 của
    UBND tỉnh về ...'. That is a document after 'và' (or ';') with its own number, date and issuer, when the title
    names no document before it (in 'về thực hiện Nghị quyết 71 và Kết luận 14' both are in the title), or
    any document after the short name the title ends with."""
    alias = re.compile(r"\(([^()]{1,80})\)\s*(?:,|;|và\b)\s*")
    for b in alias.finditer(clause, title_start):
        nxt = _doc_re().match(clause, b.end())
        if nxt and nxt.group("kind")[:1].isupper() and _names_cited(b.group(1), number):
            return b.end()  # "... đến năm 2030 (Nghị quyết số 163/2024/QH15), Nghị quyết số 50/NQ-CP ..."
    for m in _doc_re().finditer(clause, title_start):
        if not m.group("kind")[:1].isupper():
            return None
        if not re.search(r"(?:\s(?:và|cùng với)|;)\s*$", clause[title_start:m.start()]):
            if _numbered_document(clause[m.start():]):
                return None  # the title names a document before
            continue  # "phê duyệt Chương trình “Quan trắc ...” và Kế hoạch 223/KH-UBND ...": a name, not a document
        cit, _ = _read_citation(clause, m, places)
        if cit is None or not (cit.number and cit.date and cit.issuer):
            return None
        return m.start()
    return None


# "Thực hiện ý kiến chỉ đạo của Chủ tịch UBND tỉnh tại Công văn số ...": the document's issuer named before it
_ISSUER_BEFORE = re.compile(r"\bcủa\s+([^,;()]{3,80}?)\s+tại\s+(?:các\s+)?$", re.I)


def _read_citation(clause: str, m: re.Match, places: Places) -> tuple[Optional[Citation], int]:
    """The document whose kind word matched at `m`: its number, date and issuer; and where it ends."""
    data = lexicon.citations()
    kind = normalize_tones(fold_ws(m.group("kind")))
    kind = kind[:1].upper() + kind[1:].lower()
    after = clause[m.end():]
    num = re.match(rf"\s*(?:số\s*:?\s*)?({_NUMBER})", after, re.I)
    number = None
    name_end = 0
    category = False
    if num:
        number = num.group(1).rstrip(".,;")
        name_end = num.end()
    elif kind in data.named_types or (category := fold(after).lstrip().startswith(
            tuple(fold(w) for w in data.named_categories.get(kind, ())))):
        # a law by its name: the name runs to its date, its number or the clause's next document; an amending law's
        # name holds the laws it amends ("Luật sửa đổi, bổ sung một số điều của Luật A và Luật B ngày ...")
        amending = fold(after).lstrip().startswith(tuple(fold(w) for w in data.amending_names))
        nm = re.match(r"\s*((?:[^;(]*?))(?=\s*(?:,\s*)?\b[Nn]gày\s+\d|\s+số\s+\d|;|$)", after) if amending else \
            re.match(r"\s*((?:[^;(]*?))(?=\s*(?:,\s*)?\b[Nn]gày\s+\d|\s*\(|[,\s]*$|;)", after) if category else \
            re.match(r"\s*((?:[^;(]*?))(?=\s*(?:,\s*)?\b[Nn]gày\s+\d|\s+số\s+\d|\s+và\s+(?:Luật|Bộ luật|Nghị|Quyết|Pháp)|;|$)",
                     after)
        if not nm or not nm.group(1).strip() or not (amending or category or nm.group(1).strip()[:1].isupper()):
            return None, m.end()
        name_end = nm.end()
        sn = re.match(rf"\s+số\s+({_NUMBER})", after[name_end:])
        if sn:
            number = sn.group(1).rstrip(".,;")
            name_end += sn.end()
    else:
        return None, m.end()
    end = m.end() + name_end
    date = None
    dm = re.match(_DATE, clause[end:])
    if dm:
        date = _date(dm)
        end += dm.end()
    elif not num and not category and (year := re.search(r"(?:\bnăm\s+|\s)((?:19|20)\d\d)\s*$", clause[m.end():end])):
        date = year.group(1)  # "Luật Thủy sản năm 2017": a law by its name and year is dated as far as printed
        # (a programme's "đến năm 2030" is its horizon, not its date)
    issuer = None
    im = re.match(rf"\s*(?:{'|'.join(data.issuer_after)})\s+", clause[end:])
    if im:
        phrase, used = _issuer_phrase(clause[end + im.end():])
        if phrase:
            issuer = normalise_cited_issuer(phrase, places)
            end += im.end() + used
            if date is None and (dm := re.match(_DATE, clause[end:])):  # "... của Thủ tướng Chính phủ ngày 31/3/2022"
                date = _date(dm)
                end += dm.end()
    if issuer is None and (before := _ISSUER_BEFORE.search(clause[:m.start()])):
        issuer = normalise_cited_issuer(before.group(1), places)  # "ý kiến chỉ đạo của Chủ tịch UBND tỉnh tại Công văn số ..."
    text = fold_ws(clause[m.start():end])
    return Citation(doc_type=kind, number=number, date=date, issuer=issuer, text=text[:300],
                    span=Span(block="", start=m.start(), end=end)), end


def _numbered_document(text: str) -> bool:
    """'Kế hoạch số 02-KH/BCĐTW', 'Quyết định 12/QĐ-UBND': a document kind with its number."""
    m = _doc_re().match(text)
    return bool(m) and bool(re.match(rf"\s*(?:số\s*:?\s*)?{_NUMBER}", text[m.end():], re.I))


def committee_name_end(text: str, one_field: bool = False) -> Optional[int]:
    """Where the name of a committee called after its remit ends: 'Ban Chỉ đạo [Trung ương] [về] <field>, <field> và
    <field> [tỉnh]' ('Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số về Kế hoạch ...'):
    the fields run over commas and 'và' while none begins a body or a numbered document, a field after a comma is at
    most 10 words and the last after 'và' at most 4; the name ends at a field's end, before the document's title or a level
    word's place. None where the text names no such committee with two fields or more (read as any issuer), or, with
    `one_field`, with one field closed by its level ('Ban Chỉ đạo công tác giảm nghèo bền vững xã') and no unit inside
    it ('Ban Chỉ đạo chỉ đạo các xã' names none)."""
    data = lexicon.citations()
    words = [(w.group(0), w.start(), w.end()) for w in re.finditer(r"\S+", text)]
    folded = [fold(w).strip(",;.:") for w, _, _ in words]
    heads = [fold(h).split() for h in data.committee_heads]
    remits = [fold(r).split() for r in data.committee_remit]
    ends = _starts(tuple(data.title_openers + data.remit_ends))
    k = 0
    while (h := next((h for h in heads if folded[k:k + len(h)] == h), None)) is not None:
        k += len(h)  # "Tổ giúp việc Ban chỉ đạo Trung ương về ...": a committee's aides, named after it
        if folded[k:k + 2] == ["trung", "ương"] and not words[k][0].endswith(","):
            k += 2
    if k == 0 or k >= len(words):
        return None
    if (r := next((r for r in remits if folded[k:k + len(r)] == r), None)) and folded[k + len(r):k + len(r) + 1] != ["việc"]:
        k += len(r)
    committed, fields, size, after = None, 0, 0, "start"
    while k < len(words):
        word, start, _ = words[k]
        rest = text[start:]
        if folded[k] == "và" and size:
            after, size = "và", 0
            k += 1
            continue
        if size == 0 and after != "start" and (starts_unit(rest) or _numbered_document(rest)):
            break  # "Đề án 06" is a field ("Tổ công tác triển khai Đề án 06, ..."), "Kế hoạch số 02-KH/BCĐTW" a document
        if size and (ends.match(rest) or re.match(_LEVELS + r"(?!\w)", rest, re.I)):
            level = None if ends.match(rest) else re.match(_LEVELS, rest, re.I)
            # "... và chuyển đổi số tỉnh": the committee's level closes its name; "... số thông báo": its title begins
            committed, fields = (start + level.end()) if level else len(text[:start].rstrip(" ,")), fields + 1
            if one_field and level and fields == 1:
                fields = 2
            break
        if one_field and size and starts_unit(rest):
            return None  # "Ban Chỉ đạo chỉ đạo các xã": what it directs, not its remit
        size += 1
        if size > (4 if after == "và" else 10):
            break
        core = word.rstrip(",;.:)")
        if core != word or k == len(words) - 1:
            committed, fields = start + len(core), fields + 1
            if not word.endswith(","):
                break
            after, size = ",", 0
        k += 1
    return committed if committed and fields >= 2 else None


def _issuer_phrase(text: str) -> tuple[str, int]:
    """'Chính phủ về phát triển ...' -> 'Chính phủ': the issuer ends at its document's title, at
    punctuation or a bracket, or where the next document begins; a committee named after its remit ends
    where its remit does (committee_name_end)."""
    printed = text
    text = _abbreviation_stops().sub(" ", text)  # "UBND TP. Hồ Chí Minh": an abbreviation's full stop ends nothing
    if (end := committee_name_end(text)) is not None:
        return printed[:end].strip(), end
    title = _starts(tuple(lexicon.citations().title_openers))
    taken, at_comma = 0, False
    for k, w in enumerate(re.finditer(r"\S+", text)):
        rest = text[w.start():]
        after_and = text[:w.start()].rstrip().endswith(" và")
        if k >= 14 or "(" in w.group(0) or k > 0 and (title.match(rest) and not (after_and and w.group(0)[:1].isupper())
                                                       or _doc_re().match(rest) or re.match(_DATE, " " + rest)):
            break  # after "và", a capitalised word goes on with the name ("Bộ Nông nghiệp và Phát triển nông thôn")
        if w.group(0) == "và" and _doc_re().match(text[w.end():].lstrip()):
            break
        core = w.group(0).rstrip(",;.:)")
        taken = w.start() + len(core)
        if core != w.group(0):
            at_comma = w.group(0)[len(core):].startswith(",")
            break
    # a body's name ends where the unit finder says it does ("Bộ Nông nghiệp và Phát triển nông thôn ban hành"
    # -> the Bộ), when that is before the title's first word; a name with a comma in it goes on over the comma
    # ("Bộ Văn hóa, Thể thao và Du lịch"), where a second body does not start after it
    if starts_unit(text) and 0 < (end := unit_phrase_end(text)) < taken:
        taken = len(text[:end].rstrip(" ,;"))
    elif at_comma and starts_unit(text) and (end := unit_phrase_end(text)) > taken \
            and not starts_unit(text[taken:].lstrip(" ,")):
        taken = len(text[:end].rstrip(" ,;"))
    return printed[:taken].strip(), taken


@lru_cache(maxsize=None)
def _abbreviation_stops() -> re.Pattern:
    """The full stop of a level word's abbreviation before its place's name ('TP. Hồ Chí Minh', 'TX. Cửa Lò'), one
    character, so offsets stay."""
    levels = {lw.word for lw in lexicon.levels().level_words}
    words = sorted(w for w, full in lexicon.abbreviations().expand.items() if fold(full) in levels and w.isalpha())
    behind = "|".join(rf"(?<=(?<!\w){re.escape(w)})" for w in words)
    return re.compile(rf"(?:{behind})\.(?=\s+[A-ZĐÀ-Ỹ])")


@lru_cache(maxsize=None)
def _national_issuers() -> dict[int, list[tuple[str, str]]]:
    by_words: dict[int, list[tuple[str, str]]] = {}
    for name in lexicon.citations().national_issuers:
        by_words.setdefault(len(name.split()), []).append((fold(name), name))
    return by_words


def _national_issuer(phrase: str) -> Optional[str]:
    """'Thủ tưởng Chính phủ' -> 'Thủ tướng Chính phủ': a central body misspelt by a letter or a mark, as many words
    as its name and at rapidfuzz ratio >= 90 to it."""
    f = fold(phrase)
    best = max(((fuzz.ratio(f, folded), name) for folded, name in _national_issuers().get(len(phrase.split()), [])),
               default=None)
    return best[1] if best and best[0] >= 90 else None


def _central(body: str) -> bool:
    """'Ban Chỉ đạo Trung ương': a body that names itself central has no province to complete it with."""
    words = [w for w, level in lexicon.levels().level_adjectives.items() if level == "national"]
    return bool(re.search(rf"(?<!\w)(?:{alternation(words)})(?!\w)", fold(body)))


def normalise_cited_issuer(phrase: str, places: Places) -> str:
    """As the sentence prints it, normalised: 'Ủy ban nhân dân tỉnh Lào Cai' -> 'UBND tỉnh Lào Cai',
    'Thủ tướng' -> 'Thủ tướng Chính phủ'; a body of the plan's own province printed without its place
    is completed with it ('UBND tỉnh' -> 'UBND tỉnh Hưng Yên', 'Ban Thường vụ Tỉnh ủy' -> '... Tỉnh ủy Bắc Ninh')."""
    s = fold_ws(phrase).strip(" ,.;")  # tone marks placed as printed ('Uỷ ban MTTQ Việt Nam')
    s = re.sub(r"^(?:(?:Ủy|Uỷ) ban nhân dân|UBND)\b", "UBND", s, flags=re.I)
    if places.own_department and re.fullmatch(r"(?:Giám đốc\s+)?Sở", s, re.I):  # "Quyết định số 564/QĐ-SCT của Giám đốc Sở"
        return f"{s[:-len('Sở')]}{places.own_department}"
    s = re.sub(r"^(UBND)\s+(TP|TX)\.?(?=\s)", lambda m: f"UBND {lexicon.abbreviations().expand[m.group(2)]}", s)
    if re.fullmatch(r"Thủ tướng", s, re.I):
        return "Thủ tướng Chính phủ"
    if (national := _national_issuer(s)) is not None:
        return national
    province = places.province
    m = re.match(rf"^(.*?\b)({_LEVELS})$", s, re.I)
    if m and (name := places.name(m.group(2))):
        return f"{m.group(1)}{m.group(2).lower()} {name}"
    party = re.search(r"(Tỉnh|Thành|Huyện|Thị)\s+(?:ủy|uỷ)$", s, re.I)
    if party:  # a party committee takes the place of its own level: a district's Huyện ủy, not the province's name
        own = {"huyện": places.name("huyện"), "thị": places.name("thị xã"), "thành": places.name("thành phố")}.get(
            party.group(1).lower())
        if own or province and party.group(1).lower() == "tỉnh":
            return f"{s} {own or province[1]}"
    if re.match(r"^(?:Giám đốc\s+|Thủ trưởng\s+)?(?:Sở|Ban)\s+\S", s) and province and not re.search(rf"\b{_LEVELS}\s+\S", s, re.I) \
            and committee_name_end(s) is None and not _central(s):  # a committee named after its remit names no place
        return f"{s} {province[0]} {province[1]}"
    m = re.match(rf"^(UBND)\s+({_LEVELS})\s+(.+)$", s, re.I)
    if m:
        name = m.group(3)
        if name.isupper():
            name = " ".join(w[:1] + w[1:].lower() for w in name.split())
        return f"UBND {m.group(2).lower()} {name}"
    return s
