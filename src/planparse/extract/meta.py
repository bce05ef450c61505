"""Metadata (type, number, issuer, date, title, signer) and the documents a plan implements."""
from __future__ import annotations

import re
from itertools import takewhile
from typing import Optional

from .. import lexicon
from ..models import Block, Citation, Meta, Signer, Span
from ..structure import Structure
from ..text import fold, fold_ws, normalize_tones, strip_accents

_MOTTO = re.compile(r"CỘNG\s*H[OÒ]A\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*-\s*Tự\s*-?\s*do\s*-\s*Hạnh\s+phúc", re.I)
_NUMBER = re.compile(r"\bSố\s*:?\s*(\S*?)\s*(/\s*[A-ZĐ][\wĐđ\-.]*)")
_PLACE_DATE = re.compile(r"(?:([A-ZĐÀ-Ỹ][\wÀ-ỹ .\-]{1,40}?),\s*)?ngày\s*(\d{0,2})\s*tháng\s*(\d{0,2})\s*năm\s*(\d{4})", re.I)
_UBND = r"(?i:ủy ban nhân dân|uỷ ban nhân dân|ubnd)"
_LEVELS = r"(?i:thành phố|thị xã|thị trấn|tỉnh|huyện|quận|phường|xã|đặc khu)"
_NAME = r"(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,4}"
_ISSUER_IN_TEXT = re.compile(rf"{_UBND}\s+({_LEVELS})(?:\s+({_NAME}))?")
_DOC_KINDS = (r"Kế hoạch hành động|Kế hoạch liên tịch|Kế hoạch|Quyết định|Nghị quyết|Chỉ thị|Công văn|Thông báo|Chương trình hành động|"
              r"Chương trình|Nghị định|Thông tư|Hướng dẫn|Kết luận|Đề án|Văn bản|Công điện|Tờ trình")
_CITATION = re.compile(
    rf"({_DOC_KINDS})\s+(?:số\s*:?\s*)?(\d+[\w\-.ĐđÀ-ỹ]*(?:/[\w\-.ĐđÀ-ỹ&]+)+)"
    rf"(?:\s*,?\s*ngày\s+(?:(\d{{1,2}})\s*[/\-.]\s*(\d{{1,2}})\s*[/\-.]\s*(\d{{4}})|(\d{{1,2}})\s+tháng\s+(\d{{1,2}})\s+năm\s+(\d{{4}})))?",
    re.I)
_ISSUER_AFTER = re.compile(
    rf"^\s*(?:của|do)\s+((?:{_UBND}|(?i:hội đồng nhân dân)|HĐND|Thủ tướng Chính phủ|Chính phủ|Ban Thường vụ|Ban Chấp hành|Tỉnh ủy|Thành ủy|Huyện ủy|Thị ủy|Bộ|Sở|Ban)"
    rf"(?:\s+{_LEVELS})?(?:\s+{_NAME})?)")


def _title_name(name: str) -> str:
    """'CỬA LÒ' -> 'Cửa Lò' (names of places are capitalised syllable by syllable)."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())


def normalise_issuer(text: str) -> str:
    text = fold_ws(text)
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
        if any(k in f for k in ("bộ ", "chính phủ", "thủ tướng")):
            return "national"
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
    if st.doc_type is not None:
        t = strip_accents(fold(st.doc_type.text).strip(" *#"))
        for d in lexicon.sections().doc_types:
            if t.startswith(strip_accents(d)):
                meta.doc_type = d[:1].upper() + d[1:]
                break
    else:
        warnings.append("no document heading (KẾ HOẠCH) found")

    m = _NUMBER.search(header_text)
    if m and re.search(r"\d", m.group(1)):
        meta.number = fold_ws(m.group(1) + m.group(2)).replace(" ", "")

    appendix_text = " ".join(b.text for a in st.appendices for b in a.heading + a.paragraphs)
    pd = _PLACE_DATE.search(header_clean) or _PLACE_DATE.search(appendix_text)
    if pd:
        meta.date = _date_string(pd.group(2), pd.group(3), pd.group(4))
        if pd.group(1) and _PLACE_DATE.search(header_clean):
            words = fold_ws(pd.group(1)).split()
            while words and (not words[0][:1].isupper() or re.search(r"[/\d\-:]", words[0]) or words[0].isupper()):
                words = words[1:]
            meta.place = " ".join(words) or None

    meta.issuer = _issuer(st, header_clean, appendix_text) or _header_body(st, meta.place)
    meta.issuer_level = level_of(meta.issuer)  # type: ignore[assignment]
    if not meta.issuer:
        warnings.append("issuer not found")

    if st.title:
        meta.title = fold_ws(" ".join(b.text for b in st.title)).strip(" *")
    meta.signer = _signer(st.signature)
    return meta, warnings


def _issuer(st: Structure, header: str, appendix: str) -> Optional[str]:
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
        for m in re.finditer(rf"\b({_LEVELS})\s+((?:[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ]*\s*){{1,4}})(?=\s|$)", header):
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
    return None


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
                if k.level == "province" and place:
                    city = any(fold(c) == fold(place) for c in lexicon.levels().central_cities)
                    name += f" {'thành phố' if city else 'tỉnh'} {place}"
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


_ROLE = re.compile(r"(PHÓ CHỦ TỊCH|CHỦ TỊCH|PHÓ GIÁM ĐỐC|GIÁM ĐỐC|PHÓ TRƯỞNG BAN|TRƯỞNG BAN|BÍ THƯ)")


_NAME_AT_END = re.compile(r"((?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]+\s+){1,4}[A-ZĐÀ-Ỹ][a-zđà-ỹ]+)\s*$")


def _signer(blocks: list[Block]) -> Optional[Signer]:
    """Title from the last role line (PHÓ CHỦ TỊCH under KT. CHỦ TỊCH), name from the line or cell that
    ends with a person's name after it. Works on lines and on signature blocks laid out as table cells."""
    segments: list[str] = []
    for b in blocks:
        parts = [c.text for c in b.cells] if b.cells else [b.text]
        for part in parts:
            segments += [x.strip() for x in re.split(r"\n", part) if x.strip()]
    title = None
    name = None
    seen_role = False
    for seg in segments:
        roles = [m for m in _ROLE.finditer(seg) if not re.search(r"KT\.?\s*$", seg[:m.start()])]
        if roles:
            role = roles[-1].group(1)
            title = role[:1] + role[1:].lower()
            title = title.replace("chủ tịch", "Chủ tịch").replace("Phó chủ tịch", "Phó Chủ tịch")
            seen_role = True
        if not seen_role:
            continue
        tail = re.sub(r"\([^)]*\)", " ", seg[roles[-1].end():] if roles else seg).strip()
        m = _NAME_AT_END.search(tail)
        if m and not re.search(r"[;:,]\s*$", tail) and len(tail.split()) <= 6 + len(m.group(1).split()):
            if roles or len(tail.split()) == len(m.group(1).split()):
                name = fold_ws(m.group(1))
    if title is None and name is None:
        return None
    return Signer(name=name, title=title)


def extract_citations(st: Structure) -> list[Citation]:
    text_blocks = st.opening
    out: list[Citation] = []
    seen: set[str] = set()
    for b in text_blocks:
        text = b.text
        cut = re.search(rf"{_UBND}\s+(?:{_LEVELS})?[^.;]{{0,40}}?(?:ban hành|xây dựng)\s+(?:kế hoạch|chương trình)", text, re.I)
        limit = cut.start() if cut else len(text)
        matches = list(_CITATION.finditer(text, 0, limit))
        for k, m in enumerate(matches):
            number = m.group(2).rstrip(".,;")
            if number in seen:
                continue
            seen.add(number)
            if m.group(5):
                date = f"{m.group(5)}-{int(m.group(4)):02d}-{int(m.group(3)):02d}"
            elif m.group(8):
                date = f"{m.group(8)}-{int(m.group(7)):02d}-{int(m.group(6)):02d}"
            else:
                date = None
            end = matches[k + 1].start() if k + 1 < len(matches) else limit
            sentence = text[m.end():end]
            issuer = None
            im = _ISSUER_AFTER.match(sentence)
            if im:
                issuer = _complete_issuer(im.group(1), sentence[im.end():])
            doc_type = m.group(1)
            doc_type = doc_type[:1].upper() + doc_type[1:].lower()
            out.append(Citation(doc_type=doc_type, number=number, date=date, issuer=issuer, text=fold_ws(text[m.start():end])[:300],
                                span=Span(block=b.id, start=m.start(), end=m.end(), page=b.page, line=b.line)))
    return out


def _complete_issuer(issuer: str, rest: str) -> str:
    issuer = fold_ws(issuer)
    issuer = re.sub(r"\s+(?:Về|Kế|Tổ)$", "", issuer)
    m = re.match(rf"^(?:{_UBND})\s+({_LEVELS})(?:\s+({_NAME}))?$", issuer, re.I)
    if m:
        level = m.group(1).lower()
        name = _trim_name(m.group(2) or "")
        if not name:
            n = re.search(rf"\b{level}\s+({_NAME})", rest.split(";")[0])
            if n:
                name = _trim_name(n.group(1))
        return normalise_issuer(f"UBND {level} {name}")
    return normalize_tones(issuer)
