"""Metadata (type, number, issuer, date, title, signer) and the documents a plan implements."""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice, takewhile
from typing import Optional

from .. import lexicon
from ..labels import is_bullet, parse_label
from ..models import Block, Citation, Meta, Signer, Span
from ..structure import Node, Structure, heading_type_and_rest, in_capitals
from ..text import alternation, fold, fold_ws, normalize_tones, strip_accents, vi
from .units import head_choices

_MOTTO = re.compile(r"CỘNG\s*H(?:[OÒ]A|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*-\s*Tự\s*-?\s*do\s*-\s*Hạnh\s+phúc", re.I)
# "Số: 15/KH-UBND"; typed with spaces around its parts ("15 / KH - UBND") it is the same number
_NUMBER = re.compile(r"\bSố\s*:?\s*(\S*?)\s*(/\s*[A-ZĐ][A-ZĐ0-9][\wĐđ\-.]*(?:\s*-\s*[A-ZĐ0-9][A-ZĐ0-9.]*(?![\wÀ-ỹ]))*)")
# "An Phú, ngày 05 tháng 01 năm 2026", and as some offices type it, "An Phú, ngày 05/01/2026"
# A draft leaves the day (or month) blank, printed as dots or a rule that OCR reads as '…', '—' or '_' ("ngày — tháng 7")
_PLACE_DATE = re.compile(r"(?:([A-ZĐÀ-Ỹ][\wÀ-ỹ .\-]{1,40}?),\s*)?ngày\s*(\d{0,2})\s*(?:[.…_—–-]+\s*)?"
                         r"(?:tháng\s*(\d{0,2})\s*(?:[.…_—–-]+\s*)?năm\s*(?:[^\s\d]{1,2}\s*)?|"  # a speck OCR read ('năm n 2025', 'năm n2025')
                         r"[/.\-]\s*(\d{1,2})\s*[/.\-]\s*)(\d{4})", re.I)
_UBND = r"(?i:ủy ban nhân dân|uỷ ban nhân dân|ubnd)"
_LEVELS = r"(?i:thành phố|thị xã|thị trấn|tỉnh|huyện|quận|phường|xã|đặc khu)"
_NAME = vi(r"(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,4}")
_ISSUER_IN_TEXT = re.compile(rf"{_UBND}\s+({_LEVELS})(?:\s+({_NAME}))?")



def _title_name(name: str) -> str:
    """'CỬA LÒ' -> 'Cửa Lò' (names of places are capitalised syllable by syllable)."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())


# what OCR leaves after a heading's last word: the rule under it ('_', '-'), a column's rule ('(', '|'), or the
# place-and-date line run into it (', ngày 18 tháng 11 năm 2025')
_HEADING_TAIL = re.compile(r"(?:,?\s*ngày\s+\d.*|[\s_|(\[\-–.,;:]+)$", re.I)


def normalise_issuer(text: str) -> str:
    text = _HEADING_TAIL.sub("", fold_ws(text))
    text = re.sub(rf"^{_UBND}", "UBND", text, flags=re.I)
    m = re.match(rf"^UBND\s+({_LEVELS})(?:\s+(.*))?$", text, re.I)
    if m:
        level = m.group(1).lower()
        name = m.group(2) or ""
        if name.isupper() or name.islower():
            name = _title_name(name)
        return fold_ws(f"UBND {level} {name}")
    return text


def level_of(issuer: Optional[str]) -> Optional[str]:
    if not issuer:
        return None
    f = fold(issuer)
    m = re.search(r"\b(thành phố|thị xã|thị trấn|tỉnh|huyện|quận|phường|xã|đặc khu)\b", f)
    if not m:
        if any(k in f for k in ("bộ ", "chính phủ", "thủ tướng")) or re.search(r"(?<!\w)(?:tw|trung ương)(?!\w)", f):
            return "national"  # "Tổ Công tác liên ngành TW": a central body
        return "province" if f.startswith("sở ") else None
    word = m.group(1)
    if word == "thành phố":
        rest = issuer[m.end():].strip()
        if any(fold(c) in fold(rest) for c in lexicon.levels().central_cities):
            return "province"
    for lw in lexicon.levels().level_words:
        if lw.word == word:
            return lw.level  # type: ignore[return-value]
    return None


def _date_string(day: str, month: str, year: str) -> str:
    if month and day:
        return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    if month:
        return f"{int(year):04d}-{int(month):02d}"
    return year


def extract_meta(st: Structure) -> tuple[Meta, list[str]]:
    warnings: list[str] = []
    header_text = " \n ".join(b.text for b in st.header)
    header_clean = _MOTTO.sub(" ", header_text)
    meta = Meta()
    heading_rest = ""
    if st.doc_type is not None:
        found, heading_rest = heading_type_and_rest(st.doc_type)
        if found:
            meta.doc_type = found[:1].upper() + found[1:]
    elif (subject := _letter_subject(st.header)) is not None:
        meta.doc_type = lexicon.sections().letter_type  # a letter assigning duties: 'V/v ...' is its subject
        meta.title = subject
    else:
        warnings.append("no document heading (KẾ HOẠCH) found")

    m = _NUMBER.search(header_text)
    if m and re.search(r"\d", m.group(1)):
        meta.number = fold_ws(m.group(1) + m.group(2)).replace(" ", "").rstrip("_.-")  # '0125/KH-UBND_': a rule OCR'd

    if meta.doc_type is None and meta.number and st.doc_type is None and not st.other_type:
        # no heading names the type: the number's code does ("20/KH-UBND", "05-KH/CB")
        codes = lexicon.sections().type_codes
        code = next((c for c in re.split(r"[/\-]", meta.number)[1:] if c in codes), None)
        if code:
            meta.doc_type = codes[code]
            warnings = [w for w in warnings if not w.startswith("no document heading")]

    appendix_text = " ".join(b.text for a in st.appendices for b in a.heading + a.paragraphs)
    in_header = list(_PLACE_DATE.finditer(header_clean))
    title_text = fold_ws(" ".join([heading_rest or ""] + [b.text for b in st.title]))
    issued_with = _ISSUED_WITH.search(title_text)
    # the place-and-date line names its place ("Hà Nội, ngày ..."); a bare "Ngày 27-05-2026" above it is a
    # running header or a stamp. A plan issued with a decision has no date line: the decision's date is its own
    pd = next((m for m in in_header if m.group(1)), None) or next(iter(in_header), None) \
        or (issued_with and _PLACE_DATE.search(issued_with.group(0))) or _PLACE_DATE.search(appendix_text)
    if pd:
        meta.date = _date_string(pd.group(2), pd.group(3) or pd.group(4) or "", pd.group(5))
        if pd.group(1) and in_header:
            words = fold_ws(pd.group(1)).split()
            while words and (not words[0][:1].isupper() or re.search(r"[/\d\-:]", words[0]) or words[0].isupper()):
                words = words[1:]
            meta.place = " ".join(words) or None

    meta.issuer = _issuer(st, header_clean, appendix_text, meta.place) or _header_body(st, meta.place)
    if meta.issuer and not meta.issuer.startswith("UBND"):
        meta.issuer = _as_the_text_spells(meta.issuer, st)
    level = level_of(meta.issuer)  # a central body's plan has no level of the three (data contract): null
    meta.issuer_level = level if level != "national" else None  # type: ignore[assignment]
    if not meta.issuer:
        warnings.append("issuer not found")

    if (st.title or heading_rest) and not meta.title:  # "KẾ HOẠCH TRIỂN KHAI ..." on one line: the title goes on there
        title = fold_ws(" ".join([heading_rest] + [b.text for b in st.title]))
        meta.title = re.sub(r"\s*[-–—_=]{3,}$", "", title).strip(" *") or None  # the rule printed under it goes
        if meta.title and (issued := _ISSUED_WITH.search(meta.title)):
            meta.title = meta.title[:issued.start()].strip(" *") or meta.title  # the caption is not the title
    meta.signer = _signer(st.signature) or _signer(st.issuing_signature)  # a plan issued with a decision: its signer
    return meta, warnings


# "(Ban hành kèm theo Quyết định số 844/QĐ-TTg ngày 13 tháng 5 năm 2026 của Thủ tướng Chính phủ)" under the title
_ISSUED_WITH = re.compile(r"\(\s*(?:ban hành\s+)?kèm theo\s+(?:quyết định|nghị quyết|công văn|chỉ thị)\b[^()]*\)\s*$", re.I)

_RULE_LINE = re.compile(r"^[-_=*.~\s]{3,}$")
# a place's name is capitalised, and no party committee's word ('Tỉnh ủy Quảng Nam', 'TỈNH ỦY' name the province only)
_PLACE = re.compile(rf"\b({_LEVELS})\s+(?!(?i:ủy|uỷ)(?!\w))({_NAME})")


_PARTY_LEVELS = {"tỉnh": "tỉnh", "thành": "thành phố", "huyện": "huyện", "thị": "thị xã"}
_PARTY_PLACE = re.compile(rf"\b((?i:tỉnh|thành|huyện|thị))\s+(?i:ủy|uỷ)\s+({_NAME})")


_MOTTO_START = re.compile(r"^\W*(?:CỘNG\s*H(?:[OÒ]A|OÀ)\b|Độc\s+lập\s*-)", re.I)
_STAMP_LINE = re.compile(r"^(?:CÔNG\s+VĂN\s+ĐẾN|ĐẾN\b|Chuyển\s*:|Số\s+và\s+ký\s+hiệu|Lưu\s+hồ\s+sơ|Ngày\s*:)", re.I)


def _caps_ratio(s: str) -> float:
    letters = [c for c in s if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def heading_lines(header: list[Block]) -> list[str]:
    """The issuer block's lines, top to bottom: the left cell of a heading table (DOCX, Markdown), or
    the part of each header line before the national motto (text, PDF); the number line ends it.
    Heading lines are printed in capitals: other lines (a received stamp's 'Chuyển: ...', OCR noise)
    are not part of it, and a stamp ('ĐẾN', 'Số và ký hiệu ...') takes the receiver's name above it."""
    lines: list[str] = []
    for b in header:
        if b.kind == "row" and b.cells:
            first = next((c for c in b.cells if c.text.strip() and not c.merged_above), None)
            if first is None or _MOTTO.match(first.text.strip()):
                continue
            parts = first.lines or [first.text]
        else:
            parts = [b.text]
        for part in parts:
            if b.kind != "row" and _MOTTO_START.match(part):
                return [ln for ln in lines if not ln.endswith("\x00")]  # the right column begins
            part = _MOTTO.split(part)[0]
            part = re.sub(r"\s*[-_=*~.]{4,}\s*", " ", part)  # the rule printed under a heading line
            part = re.split(r"\bSố\s*:|\bSố\s+\S*/", part)[0].strip(" |")
            if _STAMP_LINE.match(part):
                if lines and not lines[-1].endswith("\x00"):
                    lines[-1] += "\x00"  # the stamp's receiver: not the issuer
                continue
            if part and not _RULE_LINE.match(part) and _caps_ratio(part) > 0.8 and not re.search(r"[:;!?/]", part):
                lines.append(fold_ws(part))
        if any(re.search(r"\bSố\s*:?\s*\S*/", p) for p in parts):
            break
    return [ln for ln in lines if not ln.endswith("\x00")]


def _starts_body(line: str) -> bool:
    """A heading line that names a new body ('SỞ CÔNG THƯƠNG') rather than continuing one ('DÂN',
    'TỈNH LÂM ĐỒNG', 'PHƯỜNG BẮC CAM RANH')."""
    head = lexicon.unit_head_at(line)
    if re.match(rf"^\s*{_LEVELS}\b", line):
        return head is not None and len(head.split()) > 1  # "TỈNH ỦY BẮC NINH", "HUYỆN ĐOÀN ...": a body's head
    if head is not None:
        return True
    bare = strip_accents(fold(line))  # a scan's heading with a mark misread ("TỎ CÔNG TÁC" for TỔ CÔNG TÁC)
    return any(bare.startswith(h + " ") for h in _bare_heads())


@lru_cache(maxsize=None)
def _bare_heads() -> tuple[str, ...]:
    """Unit heads of two words or more, without marks: safe to match on a damaged heading."""
    return tuple(strip_accents(fold(k.head)) for k in lexicon.units().kinds if len(k.head.split()) > 1)


def heading_bodies(lines: list[str]) -> list[str]:
    """The bodies a heading names, superior first: ['UBND TỈNH LÀO CAI', 'SỞ CÔNG THƯƠNG']."""
    bodies: list[str] = []
    for line in lines:
        if bodies and re.match(r"^THEO\b", line, re.I):
            bodies[-1] += _AD_HOC  # "ĐOÀN KIỂM TRA" / "THEO QUYẾT ĐỊNH SỐ ...": a team a decision set up
        elif bodies and not _starts_body(line):
            bodies[-1] = f"{bodies[-1]} {line}"
        else:
            bodies.append(line)
    return [fold_ws(b) for b in bodies if _starts_body(b)]


_AD_HOC = " \x01"


_VOWELS = set("aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


def _as_the_text_spells(issuer: str, st: Structure) -> str:
    """A body named from a heading in capitals ('SỞ TƯ PHÁP' -> 'Sở Tư Pháp tỉnh Quảng Trị') in the case the plan's
    own sentences spell it ('Sở Tư pháp ban hành Kế hoạch ...' -> 'Sở Tư pháp tỉnh Quảng Trị'): the longest run of
    its first words found so, in mixed case, wins."""
    words = issuer.split()
    head = len(issuer[:lexicon.unit_head_length(issuer)].split())  # the head alone is spelt as the data spells it
    sections = islice((n.full_text() for node in st.sections for n in _subtree(node)), SPELLING_ITEMS)
    text = " ".join(b.text for b in st.title + st.opening) + " " + " ".join(sections)
    for n in range(len(words), max(head, 1), -1):
        name = " ".join(words[:n])
        found = [m.group(0) for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.I)
                 if not m.group(0).isupper() and m.group(0)[:1].isupper()]
        if not found:
            continue
        if name in found:
            return issuer  # spelt so already
        spelt = max(set(found), key=found.count).split()
        return " ".join(words[:head] + spelt[head:] + words[n:])
    return issuer


SPELLING_ITEMS = 200  # the plan's first items are enough to find how it spells its issuer


def _proper_case(name: str) -> str:
    """A body's name printed in capitals, in the case plans use in running text ('SỞ CÔNG THƯƠNG' ->
    'Sở Công Thương'); an abbreviation (a word without a vowel: MTTQ, UBND, TW) stays as printed."""
    if not name.isupper():
        return name
    name = normalize_tones(name)
    name = " ".join(w if not (set(w.lower()) & _VOWELS) or w in _abbreviations() else w[:1] + w[1:].lower()
                    for w in name.split())
    name = _heads_re().sub(lambda m: _head_spelling()[fold(m.group(0))], name)
    bare = strip_accents(name.lower())  # a head OCR read with a wrong mark ('TỎ CÔNG TÁC' for TỔ CÔNG TÁC)
    for key, head in _bare_head_spelling().items():
        if key not in bare:
            continue
        for m in re.finditer(rf"(?<!\w){re.escape(key)}(?!\w)", bare):
            if len(bare) == len(name) and fold(name[m.start():m.end()]) != fold(head):
                name = name[:m.start()] + head + name[m.end():]
    # a level word before a capitalised name is in lower case ("tỉnh Lâm Đồng"), not one that begins a head ("Tỉnh ủy");
    # the joining words of a name too ("Ban Tuyên giáo và Dân vận")
    name = re.sub(rf"\b({_LEVELS})(?=\s+(\w))", lambda m: m.group(1).lower() if m.group(2).isupper() else m.group(1), name)
    # a field's name capitalises its first syllable only ("SỞ Y TẾ" -> 'Sở Y tế', 'Phòng Giáo dục và Đào tạo')
    name = _field_re().sub(lambda m: m.group(0)[:1] + m.group(0)[1:].lower() if m.start() else m.group(0), name)
    return re.sub(r"(?<=\s)(\w+)(?=\s)", lambda m: m.group(1).lower() if m.group(1).lower() in _name_joiners() else m.group(1),
                  name)


@lru_cache(maxsize=None)
def _field_re() -> re.Pattern:
    """The fields and functions a body is named by (unit_spans.json), of two syllables or more, title-cased."""
    spans = lexicon.unit_spans()
    words = {w for w in spans.name_words + spans.function_words if len(w.split()) > 1 and "," not in w} \
        - set(spans.capitalised_fields)
    return re.compile(rf"(?<!\w)(?:{alternation(_title_name(w) for w in words)})(?!\w)")


@lru_cache(maxsize=None)
def _name_joiners() -> frozenset[str]:
    return frozenset(w for w in lexicon.unit_spans().joiners if w.isalpha())


@lru_cache(maxsize=None)
def _abbreviations() -> frozenset[str]:
    """Abbreviations with a vowel ('UBND', 'VHTTDL'): kept in capitals as plans print them."""
    return frozenset(lexicon.abbreviations().expand)


@lru_cache(maxsize=None)
def _head_spelling() -> dict[str, str]:
    return {fold(normalize_tones(k.head)): normalize_tones(k.head) for k in lexicon.units().kinds if len(k.head.split()) > 1}


@lru_cache(maxsize=None)
def _bare_head_spelling() -> dict[str, str]:
    """Heads of three or more syllables by their letters without marks: OCR may get one mark wrong, and so long a
    name read without marks names one head only."""
    return {strip_accents(h.lower()): h for h in set(_head_spelling().values()) if len(h.split()) >= 3}


@lru_cache(maxsize=None)
def _heads_re() -> re.Pattern:
    heads = sorted(set(_head_spelling().values()), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(h) for h in heads) + r")(?!\w)", re.I)


def _place_of(body: str) -> Optional[str]:
    m = _PLACE.search(body)
    if not m:
        return None
    return f"{m.group(1).lower()} {_title_name(m.group(2)) if m.group(2).isupper() else m.group(2)}"


def _issuer_from_heading(st: Structure, place: Optional[str] = None) -> Optional[str]:
    """The issuer is the last body of the heading; the ones above it are its superiors. A body named by
    its kind alone ('BAN THƯỜNG TRỰC') is completed with its superior's name; any other with its
    superior's place ('SỞ CÔNG THƯƠNG' under 'UBND TỈNH LÀO CAI' -> 'Sở Công Thương tỉnh Lào Cai')."""
    bodies = heading_bodies(heading_lines(st.header))
    if not bodies:
        return None
    ad_hoc = bodies[-1].endswith(_AD_HOC.strip())
    issuer = _proper_case(bodies[-1].replace(_AD_HOC.strip(), "").strip())
    if re.match(_UBND, issuer):
        return normalise_issuer(issuer)
    if len(bodies) > 1 and _place_of(issuer) is None:
        superior = _with_place(normalise_issuer(_proper_case(bodies[-2].replace(_AD_HOC.strip(), "").strip())), place)
        if ad_hoc or _is_bare_body(issuer):
            issuer = f"{issuer} {superior}"
        elif _is_party_committee(superior):
            issuer = f"{issuer} {superior}"  # "BAN TUYÊN GIÁO VÀ DÂN VẬN" under "TỈNH ỦY BẮC NINH": the committee's board
        elif (where := _place_of(superior)) is not None:
            level = re.match(_LEVELS, where)
            own = re.search(rf"\s({_LEVELS})$", issuer)
            if own and level and fold(own.group(1)) == fold(level.group(0)):
                issuer = issuer[:own.start()]  # "CÔNG AN XÃ" under "UBND XÃ AN PHÚ": 'Công an xã An Phú', not 'xã xã'
            issuer = f"{issuer} {where}"
    elif len(bodies) == 1:
        issuer = _with_place(issuer, place)
    return normalize_tones(fold_ws(issuer))


def _is_party_committee(body: str) -> bool:
    """'Tỉnh ủy Bắc Ninh', 'Đảng ủy xã Cam Lộ': a party committee, whose boards are named after it."""
    head = lexicon.unit_head_at(body)
    kind = head_choices().get(head) if head else None
    return kind is not None and kind.kind == "party" and len(body.split()) > len(head.split())


def _with_place(body: str, place: Optional[str]) -> str:
    """A provincial body printed without its province ('SỞ Y TẾ' over 'Quảng Ninh, ngày ...') completed with the
    place line's province."""
    head = lexicon.unit_head_at(body)
    kind = head_choices().get(head) if head else None
    if _place_of(body) is not None or kind is None or kind.level != "province" or (province := _province(place)) is None:
        return body
    return f"{body} {province}"


def _province(place: Optional[str]) -> Optional[str]:
    """'Quảng Ninh' -> 'tỉnh Quảng Ninh', 'Hà Nội' -> 'thành phố Hà Nội'; None for a place that is no province (the
    date line of a school or a district body names its town: 'Nghi Xuân, ngày ...')."""
    if not place:
        return None
    levels = lexicon.levels()
    if any(fold(c) == fold(place) for c in levels.central_cities):
        return f"thành phố {place}"
    return f"tỉnh {place}" if any(fold(p) == fold(place) for p in levels.provinces) else None


def _is_bare_body(name: str) -> bool:
    """'Ban Thường trực', 'Thường trực': a kind of body with no name of its own."""
    head = lexicon.unit_head_length(name)
    return head > 0 and not name[head:].strip()


def _letter_subject(header: list[Block]) -> Optional[str]:
    """'V/v triển khai thực hiện các nhiệm vụ ...' in a letter's heading cell: what the letter is about."""
    markers = "|".join(re.escape(m) for m in lexicon.sections().letter_subject_markers)
    for b in header:
        cells = [c.lines or [c.text] for c in (b.cells or [])] or [[b.text]]
        for lines in cells:
            for k, part in enumerate(lines):
                m = re.search(rf"(?:^|\s)((?:{markers})\s*:?\s+.+)$", part, re.I)
                if m:  # the subject as printed, with its marker, to the end of its cell (it wraps over lines)
                    return fold_ws(" ".join([m.group(1)] + lines[k + 1:])).strip(" .")
    return None


def _issuer(st: Structure, header: str, appendix: str, place: Optional[str] = None) -> Optional[str]:
    heading = _issuer_from_heading(st, place)
    if heading is not None and not re.match(r"UBND\s*$", normalise_issuer(heading)):
        return heading
    m = re.search(rf"{_UBND}\s*\n?\s*({_LEVELS})\s+([^\n]+)", header, re.I)
    if m:
        name = re.split(r"\s{2,}|\||Số\s*:|\bSố\b", m.group(2))[0]
        name = re.sub(rf"\s*{_UBND}.*$", "", name).strip(" -,")
        words = name.split()
        if words and words[0].isupper():  # a name in capitals ends where the motto beside it begins
            name = " ".join(takewhile(str.isupper, words))
        return normalise_issuer(f"UBND {m.group(1)} {name}")
    # the header in capitals, its lines run together or the motto damaged: "... THỊ XÃ CỬA LÒ Độc lập ..."
    if re.search(_UBND, header):
        for m in re.finditer(vi(rf"\b({_LEVELS})\s+((?:[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ]*\s*){{1,4}})(?=\s|$)"), header):
            name = m.group(2).strip()
            if name.split()[0] not in ("HỘI", "CHỦ") and not re.search(r"ĐỘC LẬP|HẠNH PHÚC", name):
                return normalise_issuer(f"UBND {m.group(1)} {name}")
    body_text = " ".join(b.text for b in st.opening)
    for source in (body_text, appendix):
        for m in _ISSUER_IN_TEXT.finditer(source):
            after = source[m.end():m.end() + 30]
            before = source[max(0, m.start() - 5):m.start()]
            if m.group(2) and (source is appendix and "của" in before
                               or source is not appendix and "của" not in before
                               and re.match(r"\s*(?:ban hành|xây dựng)", after)):
                return normalise_issuer(f"UBND {m.group(1)} {_trim_name(m.group(2))}")
    # 'Ủy ban nhân dân xã xây dựng Kế hoạch': level known, name taken from the title or body
    for m in re.finditer(rf"{_UBND}\s+({_LEVELS})\s+(?:ban hành|xây dựng|triển khai)", body_text, re.I):
        level = m.group(1).lower()
        everything = " ".join(b.text for b in st.title + st.opening)
        n = re.search(rf"\b{level}\s+({_NAME})", everything)
        if n:
            return normalise_issuer(f"UBND {level} {_trim_name(n.group(1))}")
        return f"UBND {level}"
    for b in reversed(st.appendices[-1].paragraphs if st.appendices else []):
        m = re.match(rf"^{_UBND}\s+({_LEVELS})\s+(.+)$", b.text.strip(), re.I)
        if m:
            return normalise_issuer(f"UBND {m.group(1)} {m.group(2)}")
    if heading is not None and place:
        # "ỦY BAN NHÂN DÂN" alone over "Tuyên Quang, ngày ...": the level is the one the title or the opening puts
        # before that place ("... TRÊN ĐỊA BÀN TỈNH TUYÊN QUANG")
        everything = " ".join(b.text for b in st.title + st.opening)
        m = re.search(rf"(?<!\w)({_LEVELS})\s+{re.escape(place)}(?!\w)", everything, re.I)
        if m:
            return normalise_issuer(f"UBND {m.group(1).lower()} {place}")
    return heading if heading is not None and not re.match(r"UBND\s*$", heading) else None


def _header_body(st: Structure, place: Optional[str]) -> Optional[str]:
    """A body other than a People's Committee heading the left column in capitals ('SỞ CÔNG THƯƠNG',
    'BỘ CÔNG AN'), named as printed in title case, with its province from the place line when the
    kind is a provincial one ('Sở Công Thương tỉnh Lào Cai')."""
    kinds = sorted((k for k in lexicon.units().kinds if k.kind != "ubnd"), key=lambda k: -len(k.head))
    for b in st.header:
        text = fold_ws(_MOTTO.sub(" ", b.cells[0].text if b.kind == "row" and b.cells else b.text))
        if len(text.split()) < 2 or not text.isupper():
            continue
        bare = strip_accents(fold(text))
        for k in kinds:
            head = strip_accents(fold(k.head))
            if bare.startswith(head + " "):
                rest = text.split()[len(k.head.split()):]
                name = f"{k.head} {_title_name(' '.join(rest))}"
                if k.level == "province" and (province := _province(place)) is not None:
                    name += f" {province}"
                return name
        return None
    return None


def _trim_name(name: str) -> str:
    words = name.split()
    stop = {"Ban", "Kế", "Về", "Tổ", "Xây", "Triển", "Thực", "Với", "Ủy", "UBND"}
    out = []
    for w in words:
        if w in stop:
            break
        out.append(w)
    return " ".join(out)


@lru_cache(maxsize=None)
def _title_spelling() -> dict[str, str]:
    """A signer's title as printed in capitals -> as the data spells it ('PHÓ GIÁM ĐỐC' -> 'Phó Giám đốc')."""
    return {t.upper(): t for t in lexicon.sections().signer_titles}


@lru_cache(maxsize=None)
def _role_re() -> re.Pattern:
    titles = sorted(lexicon.sections().signer_titles, key=len, reverse=True)
    return re.compile("(" + "|".join(re.escape(t.upper()) for t in titles) + ")")


_NAME_AT_END = re.compile(vi(r"((?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]+\s+){1,4}[A-ZĐÀ-Ỹ][a-zđà-ỹ]+)\s*$"))


@lru_cache(maxsize=None)
def _person_title() -> re.Pattern:
    """'Đ/c', 'Đồng chí', 'Ông', 'Bà' before a name (the gazetteer's titles of persons)."""
    return re.compile(r"^(?:" + "|".join(re.escape(h) for h in lexicon.person_titles()) + vi(r")\.?\s+(?=[A-ZĐÀ-Ỹ])"))


@lru_cache(maxsize=None)
def _rank() -> re.Pattern:
    return re.compile(r"^(?:" + alternation(lexicon.sections().signer_ranks) + vi(r")\s*(?=[A-ZĐÀ-Ỹ])"))


def _signer(blocks: list[Block]) -> Optional[Signer]:
    """Title from the last role line (PHÓ CHỦ TỊCH under KT. CHỦ TỊCH), name from the line or cell that
    ends with a person's name after it. Works on lines and on signature blocks laid out as table cells."""
    segments: list[str] = []
    for b in blocks:
        parts = [ln for c in b.cells for ln in (c.lines or [c.text])] if b.cells else [b.text]
        for part in parts:
            # a web page's column marks ('Nguyễn Văn A |') are not part of the line
            segments += [x.strip(" |") for x in re.split(r"\n", part) if x.strip(" |")]
    title = None
    name = None
    seen_role = False
    for seg in segments:
        if name and not re.search(r"\b(?:KT|TM|Q|TL|TUQ)\.", seg):
            break  # what is printed under the name (the signer's other post) is not the signing title
        roles = [m for m in _role_re().finditer(seg) if not re.search(r"(?:KT|TM)\.?\s*$", seg[:m.start()])]
        if roles and title is not None and lexicon.unit_head_at(seg[roles[-1].end():].strip(" ,-")):
            continue  # "PHÓ TRƯỞNG BAN" / "PHÓ CHỦ TỊCH UBND TỈNH": a post in another body is the signer's other post
        if roles:
            role = roles[-1].group(1)
            title = _title_spelling().get(role) or role[:1] + role[1:].lower()
            seen_role = True
        if not seen_role:
            continue
        tail = re.sub(r"\([^)]*\)", " ", seg[roles[-1].end():] if roles else seg).strip()
        tail = _person_title().sub("", tail)  # "Đ/c Vũ Thị Lan": the name, not how a person is addressed
        tail = _rank().sub("", tail)  # "Đại tá Trần Văn Bình", "TS. Lê Văn An": the name, not the rank or degree
        m = _NAME_AT_END.search(tail)
        if m and not re.search(r"[;:,]\s*$", tail) and len(tail.split()) <= 6 + len(m.group(1).split()):
            if roles or len(tail.split()) == len(m.group(1).split()):
                name = fold_ws(m.group(1))
    if title is None and name is None:
        return None
    return Signer(name=name, title=title)


def plan_places(meta: Meta, st: Structure) -> "Places":
    """The plan's own places by level ('tỉnh' -> 'Lào Cai'), from its issuer and heading, else the province
    its opening and title name most."""
    from .citations import Places

    named: dict[str, str] = {}
    sources = [meta.issuer or ""] + heading_bodies(heading_lines(st.header))
    for src in sources:
        for m in _PLACE.finditer(src):
            level, name = m.group(1).lower(), m.group(2)
            if name.isupper():
                name = _title_name(name)
            named.setdefault(level, name)
        for m in _PARTY_PLACE.finditer(src):  # "Tỉnh ủy Quảng Nam": the province Quảng Nam
            name = m.group(2)
            named.setdefault(_PARTY_LEVELS[fold(m.group(1))], _title_name(name) if name.isupper() else name)
    if not any(k in named for k in ("tỉnh", "thành phố")):
        text = " ".join(b.text for b in st.title + st.opening)
        found = [m.group(1) for m in re.finditer(vi(r"\btỉnh\s+((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,2})"), text)]
        if found:
            named["tỉnh"] = max(set(found), key=found.count)
    own = meta.issuer if meta.issuer and re.match(r"Sở\s+\S", meta.issuer) else None
    return Places(named, own_department=own)


def extract_citations(st: Structure, meta: Optional[Meta] = None) -> list[Citation]:
    from .citations import extract_citations_from

    places = plan_places(meta or Meta(), st)
    # with no basis in its opening, a title that opens as one names what the plan implements ("Thực hiện Nghị quyết
    # số 57-NQ/TW ..." under CHƯƠNG TRÌNH HÀNH ĐỘNG)
    # a plan issued with a decision: the decision's basis is the plan's, with what the plan's title names
    found = _opening_citations(st.opening, places)
    if not found:
        found = _opening_citations(st.issuing_opening, places)
        numbers = {fold(c.number) for c in found if c.number}
        found += [c for c in _title_citations(st.title, places) if not (c.number and fold(c.number) in numbers)]
    listed = extract_citations_from(basis_section_blocks(st), places, listed=True)
    known = {fold(c.number) for c in found if c.number}
    return _each_once(found + [c for c in listed if not (c.number and fold(c.number) in known)])


def _cited_name(c: Citation) -> str:
    """'Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025' -> 'tổ chức chính quyền địa phương'."""
    name = fold(c.text or "")[len(fold(c.doc_type or "")):]
    return re.split(r"\s(?:số|ngày|năm)\s|[,;(]", " " + name.strip() + " ", maxsplit=1)[0].strip()


def _each_once(cited: list[Citation]) -> list[Citation]:
    """A law named twice, once by its name and date, once by its name and number ('Căn cứ Luật Tổ chức chính quyền
    địa phương ngày 16 tháng 6 năm 2025' in the decision, '... LUẬT TỔ CHỨC CHÍNH QUYỀN ĐỊA PHƯƠNG SỐ 72/2025/QH15' in
    the title), is one document: numbered, dated."""
    out = list(cited)
    merged: set[int] = set()
    for k, c in enumerate(cited):
        if c.number or not c.doc_type or len(name := _cited_name(c)) < 6:
            continue
        twin = next((j for j, d in enumerate(out) if d.number and d.doc_type == c.doc_type and _cited_name(d) == name),
                    None)
        if twin is not None:
            d = out[twin]
            out[twin] = d.model_copy(update={"date": d.date or c.date, "issuer": d.issuer or c.issuer})
            merged.add(k)
    return [c for k, c in enumerate(out) if k not in merged]


def _opening_citations(opening: list[Block], places: "Places") -> list[Citation]:
    """The opening's basis sentences, and its basis printed as a list ("Căn cứ:" over "- Luật Đất đai ...;", "- Nghị
    quyết số 57-NQ/TW ...;", or the list alone): each item that opens with a document's kind names one."""
    from .citations import extract_citations_from

    found = extract_citations_from(opening, places)
    items = [b for b in opening if is_bullet(parse_label(b.text)[0])]
    known = {fold(c.number) if c.number else (c.doc_type, c.date) for c in found}
    listed = [c for c in extract_citations_from(items, places, listed=True)
              if (fold(c.number) if c.number else (c.doc_type, c.date)) not in known]
    order = {b.id: k for k, b in enumerate(opening)}
    return sorted(found + listed, key=lambda c: (order.get(c.span.block, 0), c.span.start)) if listed else found


def _title_citations(title: list[Block], places: "Places") -> list[Citation]:
    """A title in capitals ("... NGHỊ QUYẾT SỐ 05/NQ-CP NGÀY 13 THÁNG 01 NĂM 2014 CỦA CHÍNH PHỦ") is read in lower case
    but its numbers, so its dates and issuers are found as in a sentence; each citation's text is the title's own."""
    from .citations import extract_citations_from

    def lowered(text: str) -> str:
        low = re.sub(r"\S+", lambda m: m.group(0) if re.search(r"[\d/]", m.group(0)) else m.group(0).lower(), text)
        # a document's kind keeps its capital as a sentence prints it, and a law's name its first capital ("... THI
        # HÀNH LUẬT TỔ CHỨC CHÍNH QUYỀN ĐỊA PHƯƠNG SỐ 72/2025/QH15" -> "Luật Tổ chức chính quyền địa phương số ...")
        low = _kinds_in_lower_case().sub(lambda m: m.group(0)[:1].upper() + m.group(0)[1:], low)
        return _named_kinds().sub(lambda m: m.group(1) + m.group(2).upper(), low)

    # a title printed over several lines ("TRIỂN KHAI THI HÀNH" / "LUẬT ... SỐ 72/2025/QH15") is read as one text;
    # each citation is then placed back in the line it was read from
    lines = [b for b in title if not _ISSUED_WITH.search(b.text)]
    if not lines:
        return []
    texts = [lowered(b.text) if in_capitals(b.text) else b.text for b in lines]
    if any(len(t) != len(b.text) for t, b in zip(texts, lines)):
        texts = [b.text for b in lines]
    starts = [sum(len(t) + 1 for t in texts[:k]) for k in range(len(texts))]
    joined = lines[0].model_copy(update={"text": " ".join(texts)})
    out = []
    for c in extract_citations_from([joined], places):
        if not c.span:
            out.append(c)
            continue
        k = max(i for i, s in enumerate(starts) if s <= c.span.start)
        b, shift = lines[k], starts[k]
        end = min(len(b.text), c.span.end - shift)
        span = c.span.model_copy(update={"block": b.id, "start": c.span.start - shift, "end": end, "page": b.page,
                                         "line": b.line})
        printed = " ".join(x.text for x in lines)[c.span.start:c.span.end]
        out.append(c.model_copy(update={"text": fold_ws(printed)[:300], "span": span}))
    return out


@lru_cache(maxsize=None)
def _named_kinds() -> re.Pattern:
    kinds = lexicon.citations().named_types
    return re.compile(rf"((?<!\w)(?:{alternation(kinds)})\s+)(\w)")


@lru_cache(maxsize=None)
def _kinds_in_lower_case() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{alternation({k.lower() for k in lexicon.citations().doc_types})})(?!\w)")


def basis_section_blocks(st: Structure) -> list[Block]:
    """The items of a part that lists the plan's basis ("I. CĂN CỨ XÂY DỰNG KẾ HOẠCH", or "1. Cơ sở pháp lý" under
    a part on the plan's grounds), as the opening's "Căn cứ ..." would name them."""
    names = {fold(n) for n in lexicon.citations().basis_sections}
    out: list[Block] = []

    def walk(nodes: list[Node], depth: int) -> None:
        for node in nodes:
            if fold(node.text).strip(" :.") in names:
                out.extend(b for n in _subtree(node) for b in ([n.block] if n is not node and n.block else []) + n.body)
            elif depth < 1:
                walk(node.children, depth + 1)

    walk(st.sections, 0)
    return out


def _subtree(node: Node) -> list[Node]:
    return [node] + [n for child in node.children for n in _subtree(child)]

