"""Units: split a printed list of units, find partners inside a duty, canonicalise and place them.

Rules follow the data contract: split only between units (",", ";", " và "), keep an enumeration
of kinds sharing one qualifier whole ("Các phòng, ban, ngành thuộc UBND thị xã"), expand a
"kind: members" list into its members, drop bracketed or "..." member lists.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from rapidfuzz import fuzz, process

from .. import lexicon
from ..models import Span, Unit
from ..text import alternation, fold, fold_ws, normalize_tones, vi
from . import spans

_BRACKET_LIST = re.compile(r"\s*\((?:[^()]*(?:,|\.\.\.|…)[^()]*)\)")
_TRAILING_ETC = re.compile(r"(?:,?\s*\w+)?\s*(?:\.\.\.|…)\s*$")
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z0-9&\-]*[A-Z][A-Za-z0-9&\-]*$|^[A-Z][a-z]+[A-Z][A-Za-z]*$")


@lru_cache(maxsize=None)
def _opener_re() -> re.Pattern:
    words = sorted(lexicon.units().assignment_openers, key=len, reverse=True)
    return re.compile(r"^\s*(?:" + "|".join(re.escape(w) for w in words) + r")\s*:?\s+", re.I)


def strip_assignment(text: str) -> str:
    """'Đề nghị: Hiệp hội Doanh nghiệp tỉnh, ...' -> 'Hiệp hội Doanh nghiệp tỉnh, ...' (the unit a duty is
    given to or asked of; "Đề nghị" addresses bodies outside the issuer's command, still its leads)."""
    return _opener_re().sub("", text, count=1)


def _strip_det(f: str) -> str:
    for det in lexicon.units().plural_determiners:
        if f.startswith(det + " "):
            return f[len(det) + 1:]
    return f


@lru_cache(maxsize=None)
def _bare_kinds() -> frozenset[str]:
    return frozenset(fold(k) for k in lexicon.units().bare_kinds)


def is_bare_kind(piece: str) -> bool:
    """'Các phòng', 'ban', 'cơ quan, đơn vị': kinds with no name or qualifier of their own."""
    f = _strip_det(fold(piece))
    parts = [p.strip() for p in f.split(",")]
    return all(p in _bare_kinds() for p in parts if p) and any(parts)


def _opening_kind(piece: str) -> Optional[str]:
    """The shortest kind a piece opens with ('các tổ chức chính trị - xã hội' -> 'tổ chức'), or None."""
    first = _strip_det(fold(piece))
    kinds = [k for k in _bare_kinds() if first == k or first.startswith(k + " ")]
    return min(kinds, key=len) if kinds else None


@lru_cache(maxsize=None)
def _determiner_re() -> re.Pattern:
    words = sorted(lexicon.units().plural_determiners, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?=(" + "|".join(re.escape(d) for d in words) + r")\s)")


def _continues_kinds(before: str, kind: str) -> bool:
    """A bare kind after a comma continues the list before it when that list is of kinds ('Các phòng, ban') or
    of places ('UBND xã, phường'); after a named body ('Bộ Khoa học và Công nghệ, doanh nghiệp ...') it is
    another body."""
    levels = place_words()
    last = fold(before).split()[-1] if before.split() else ""
    tail = fold(before.split(",")[-1])
    dets = [m.start() + len(m.group(1)) + 1 for m in _determiner_re().finditer(tail)]  # just after 'các '
    listed = tail[max(dets):] if dets else tail  # "Thủ trưởng các sở" + ", ban, ngành": the kinds after "các"
    return is_bare_kind(listed) or fold(kind) in levels and last in levels


@lru_cache(maxsize=None)
def _things() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """'các thông số ...', 'các nội dung:': things after a determiner, not units (each word with how it may end)."""
    return tuple((w, tuple(w + s for s in (" ", ":", ","))) for w in lexicon.units().not_units_after_determiner)


@lru_cache(maxsize=None)
def _level_name_re() -> re.Pattern:
    words = alternation(w.word for w in lexicon.levels().level_words)
    level = rf"cấp\s+(?:{words}|cơ sở|trung ương)"
    return re.compile(rf"^{level}(?:\s*(?:,|và)\s*{level})*$")


def is_level_name(piece: str) -> bool:
    """'Cấp thành phố', 'Cấp tỉnh, cấp xã': the authorities of a level, named by the level, as a heading names
    who does the duties under it ('- Cấp thành phố' over '+ Thông báo cho địa phương về kế hoạch giám sát')."""
    return bool(_level_name_re().match(fold(piece).strip(" .:")))


def starts_unit(piece: str) -> bool:
    p = piece.strip()
    if not p:
        return False
    f = fold(p)
    if p.startswith("Cấp") and is_level_name(p.split(":")[0]):
        return True  # "Cấp xã: ..." (not "..., cấp xã" going on with a name: "Ban Chỉ huy ... cấp tỉnh, cấp xã")
    if f.startswith(("các ", "những ")):
        rest = f.split(" ", 1)[1] if " " in f else ""
        thing = max((len(w) for w, ends in _things() if rest == w or rest.startswith(ends)), default=0)
        head = lexicon.unit_head_at(rest)
        # "các bệnh viện": a body's head longer than the things its first word names ("các bệnh truyền nhiễm"); not
        # "các cơ sở dữ liệu"
        return head is not None and len(head) > thing or not thing
    if lexicon.unit_head_at(p) is not None:
        return True
    first = p.split()[0]
    return bool(_LATIN_NAME.match(first)) or first in lexicon.units().named


def _lone_head(piece: str) -> bool:
    """'Báo', 'Đài': one capitalised word that is a unit head and nothing more (an acronym like UBND names a body)."""
    return len(piece.split()) == 1 and piece[:1].isupper() and not piece.isupper() \
        and lexicon.unit_head_at(piece) == fold(piece)


@lru_cache(maxsize=None)
def _field_names() -> frozenset[str]:
    return frozenset(fold(w) for w in lexicon.unit_spans().name_words)


def _shares_kind(left: str, right: str) -> bool:
    """'lực lượng quân đội' / 'công an': a field in lower case after a kind named with its field goes on that kind."""
    if not right[:1].islower() or fold(right) not in _field_names():
        return False
    words = fold(left).split()
    bodies = tuple(lexicon.unit_spans().body_words)
    for k in (1, 2, 3):
        head = " ".join(words[:-k])
        if len(words) > k and " ".join(words[-k:]) in _field_names() and head \
                and (is_bare_kind(head) or is_bare_kind(_strip_det(head)) or _strip_det(head) in bodies):
            return True
    return False


def _joint_office(left: str, right: str) -> bool:
    """'Văn phòng HĐND' / 'UBND huyện': the office of two bodies is one unit."""
    bodies = tuple(lexicon.units().office_bodies)
    f_left, f_right = fold(left), fold(right)
    return f_left.startswith("văn phòng ") and f_left.endswith(bodies) and f_right.startswith(bodies)


def _split_plain(text: str) -> list[str]:
    """Split on ',' and ' và ' only where a new unit starts; keep kind enumerations together."""
    pieces = [p.strip() for p in re.split(r"(,|\s+và\s+)", text)]
    out: list[str] = []
    sep = None
    for p in pieces:
        if p in (",",) or re.fullmatch(r"và", p):
            sep = p
            continue
        if not p:
            continue
        if sep == "," and out and _shares_kind(out[-1], p):
            joins = True  # "lực lượng quân đội, công an", "các cơ quan truyền thông, báo chí": one kind, two fields
        elif sep == "," and out and _strip_det(fold(out[-1])) in lexicon.unit_spans().body_words \
                and fold(p).startswith(tuple(lexicon.unit_spans().body_words)):
            joins = True  # "cấp ủy, chính quyền các cấp": bare kinds of body sharing the qualifier after them
        elif sep == ",":
            # an enumeration of kinds goes on with a kind ("Các phòng, ban, ngành thuộc ...", "các tổ chức chính
            # trị - xã hội, tổ chức thành viên của Mặt trận": kinds under one "các"), not with a body of its own
            # ("Các Sở, ban, ngành, UBND xã, phường"), nor with a kind that has its own "các"
            own_det = fold(p).startswith(tuple(d + " " for d in lexicon.units().plural_determiners))
            kind = _opening_kind(p)
            joins = not own_det and (
                (is_bare_kind(out[-1]) or _continues_kinds(out[-1], p)) and kind is not None and not p[:1].isupper()
                or is_bare_kind(p) and not fold(p).startswith("các ") and _continues_kinds(out[-1], p)
                or not (starts_unit(p) or kind))
        elif out and _lone_head(out[-1]):
            joins = True  # "Báo và Đài Phát thanh, Truyền hình Lâm Đồng": a head alone names no body; one body
        elif out and _joint_office(out[-1], p):
            joins = True  # "Văn phòng HĐND và UBND huyện": the office of both bodies
        else:  # " và " joins two units only when a named unit follows ("... ngành và Ủy ban nhân dân các xã")
            # and a bare kind goes on a list of kinds ("Các phòng, ban và ngành", "UBND các xã, phường và thị trấn"),
            # not a named body ("Sở Tài chính và cơ quan, địa phương liên quan": two units)
            joins = not starts_unit(p) or is_bare_kind(p) and not fold(p).startswith(("các ", "những ")) \
                and bool(out) and (is_bare_kind(out[-1]) or _continues_kinds(out[-1], p))
        if out and joins:
            out[-1] = f"{out[-1]}{sep if sep == ',' else ' ' + sep} {p}" if sep else f"{out[-1]} {p}"
        else:
            out.append(p)
        sep = None
    return out


_PAREN = re.compile(r"\([^()]*\)")
_CODE_PAREN = re.compile(r"\(\s*[A-ZĐ][A-ZĐ0-9&]{1,9}\s*\)")  # "(PC06)", "(TTPVHCC)": the code a body is known by


def split_units(text: str) -> list[str]:
    """One string per unit from a printed list, words as printed. A remark in brackets stays with its
    unit ('Sở Nội vụ (Cơ quan Thường trực Hội đồng Thi đua - Khen thưởng tỉnh, CCHC của tỉnh)')."""
    text = fold_ws(text)
    held: list[str] = []

    def hold(m: re.Match) -> str:
        held.append(m.group(0))
        return f"\x00{len(held) - 1}\x00"

    text = _PAREN.sub(lambda m: "" if fold(m.group(0).strip("() ")).startswith(_role_remarks()) else m.group(0), text)
    masked = _PAREN.sub(lambda m: m.group(0) if _BRACKET_LIST.fullmatch(" " + m.group(0)) and "," in m.group(0)
                        and not _is_remark(m.group(0)) else hold(m), text)
    masked = _comma_remit_re().sub(hold, masked)  # "Phòng An ninh mạng và phòng, chống tội phạm ...": one remit
    if held:
        out = _split_units_plain(masked)
        return [re.sub(r"\x00(\d+)\x00", lambda m: held[int(m.group(1))], u) for u in out]
    return _split_units_plain(text)


@lru_cache(maxsize=None)
def _comma_remit_re() -> re.Pattern:
    """A remit that prints a comma ('phòng, chống'): the comma parts no list of units."""
    words = "|".join(re.escape(w).replace(",", r"\s*,").replace("\\ ", r"\s*") for w in lexicon.unit_spans().remit_words if "," in w and len(w) > 1)
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.I)


@lru_cache(maxsize=None)
def _role_remarks() -> tuple[str, ...]:
    """'Sở Nội vụ (Cơ quan Thường trực Hội đồng Thi đua - Khen thưởng tỉnh)' is 'Sở Nội vụ': the bracket says what the
    body does here; a bracket naming a body's own department ('Sở Nội vụ (Ban Thi đua - Khen thưởng)') stays."""
    return tuple(fold(w) for w in lexicon.units().role_remarks)


def _is_remark(paren: str) -> bool:
    """'(Cơ quan Thường trực ...)' describes the unit; '(Viettel, Vinaphone...)' lists members."""
    inner = paren.strip("() ")
    if re.search(r"(?:\.\.\.|…|\bkhác)$", inner):
        return False  # "(VNPT, Viettel, MobiFone và doanh nghiệp khác)": members, then "and others"
    parts = [p.strip() for p in inner.split(",") if p.strip()]
    names = [p for p in parts if len(p.split()) <= 2 and p[:1].isupper()]
    return len(names) * 2 <= len(parts) and any(len(p.split()) > 3 for p in parts)


def _split_units_plain(text: str) -> list[str]:
    text = _BRACKET_LIST.sub("", text)
    text = text.strip(" .;:,")
    text = re.sub(r"^chủ trì:?\s+", "", strip_assignment(text), flags=re.I)
    if not text:
        return []
    result: list[str] = []
    for part in re.split(r"\s*;\s*", text):
        part = part.strip(" .,:")
        if not part:
            continue
        if re.search(r"(?:\.\.\.|…)$", part) and "," in part:
            part = part.split(",")[0]
        segs = [s.strip() for s in part.split(":")]
        if len(segs) == 1:
            result.extend(_split_plain(part))
            continue
        # "kind: members" (possibly chained): every segment but the first ends with the next kind
        for k, seg in enumerate(segs):
            items = [s.strip() for s in seg.split(",") if s.strip()]
            if k == 0:
                items = items[:-1]  # the kind itself
                result.extend(_split_plain(", ".join(items)) if items else [])
            elif k < len(segs) - 1:
                result.extend(items[:-1])
            else:
                result.extend(items)
    return _with_titles([u for u in (fold_ws(x.strip(" .,;:-")) for x in result) if u])


_NAME_WORDS = re.compile(vi(r"(?:\s+[A-ZĐÀ-Ỹ][a-zđà-ỹ]*){1,5}"))


def _with_titles(units: list[str]) -> list[str]:
    """'Đồng chí Nguyễn Văn Bình, Chủ tịch Ủy ban MTTQ xã': a person named with the post after the comma is one
    assignee, as printed (the post says who the person is; it is not a second unit)."""
    kinds = head_choices()

    def kind(name: str) -> Optional[str]:
        head = lexicon.unit_head_at(name)
        return kinds[head].kind if head in kinds else None
    out: list[str] = []
    for u in units:
        prev = out[-1] if out else ""
        if prev and kind(prev) == "person" and _NAME_WORDS.fullmatch(prev[len(lexicon.unit_head_at(prev) or ""):]) \
                and kind(u) == "official":
            out[-1] = f"{prev}, {u}"
            continue
        out.append(u)
    return out


PARTNERS_CLAUSE = re.compile(r"^(.+?)\s+phối\s+hợp(?:\s+thực\s+hiện)?\s*[.;]?$", re.I)  # "<units> phối hợp"


def units_in_key_value(value: str) -> list[str]:
    """The units of a lead/support line's value ("Cơ quan thực hiện: Sở Nội vụ chủ trì tham mưu ...; Sở Tư
    pháp ..."): each ';' part ends where a duty verb begins; remarks on the units' remit are dropped."""
    text = _remark_re().sub("", value)
    verbs = _duty_verb_re()
    parts = []
    for k, part in enumerate(re.split(r"\s*;\s*", text)):
        if fold(part).startswith(_elsewhere()):
            continue  # "Theo phân công tại Quyết định số 1441/QĐ-UBND ...": the units are named there, not here
        if k and PARTNERS_CLAUSE.match(normalize_tones(part)):
            continue  # "X chủ trì; Y phối hợp": Y is the lead's partner (support), not a lead
        if _BRACKETED_ROLE.search(part):  # "Sở Tài chính (chủ trì), Ngân hàng ... (phối hợp)": the leads only
            pieces = split_units(part)  # a name with a comma in it ("Sở Văn hóa, Thể thao và Du lịch") is one piece
            part = "; ".join(_BRACKETED_ROLE.sub("", x) for x in pieces if not re.search(r"\(phối\s+hợp\)", x, re.I))
        m = verbs.search(part)
        if m and m.start() > 0 and starts_unit(part):
            part = part[:m.start()]
        elif len(part.split()) > 6 and (subject := subject_units(part)) and "," not in subject \
                and part[len(subject):].strip()[:1].islower() and not _ends_with_level(part):
            part = subject  # "Sở Khoa học và Công nghệ thúc đẩy, theo dõi, báo cáo chỉ tiêu": one unit and its work
        parts.append(part)
    return split_units("; ".join(p for p in parts if p.strip()))


def all_units(phrase: str) -> bool:
    """'Sở Tư pháp', 'Đoàn Thanh niên huyện': the phrase is units and nothing more."""
    return starts_unit(phrase) and unit_phrase_end(phrase) >= len(phrase.rstrip(" .;")) - 1


_BRACKETED_ROLE = re.compile(r"\s*\((chủ\s+trì|phối\s+hợp)\)", re.I)


def partners_of_lead_line(value: Optional[str]) -> list[str]:
    """'Đơn vị thực hiện: Sở Khoa học và Công nghệ chủ trì, phối hợp với Văn phòng UBND tỉnh', '... Sở Nội vụ chủ trì,
    Sở Tư pháp phối hợp', 'Sở Tài chính (chủ trì), Ngân hàng Nhà nước khu vực (phối hợp)': the partners the lead line
    names are support."""
    partners = [u for ph, _, _ in partners_in(value or "") for u in split_units(ph)]
    for k, segment in enumerate(re.split(r"\s*;\s*", value or "")):
        # "<units> phối hợp (thực hiện)" after the lead's clause: a later ';' part, or the longest tail after a comma
        tails = [segment] if k else [segment[m.end():] for m in re.finditer(r",\s*(?![^()]*\))", segment)]
        for tail in tails:
            tail = normalize_tones(tail.strip())
            m = PARTNERS_CLAUSE.match(tail) or re.match(r"^(.+?)\s*\(phối\s+hợp\)\s*[.;]?$", tail, re.I)
            if m and all_units(m.group(1)):
                partners += [u for u in split_units(m.group(1)) if u not in partners]
                break
    return partners


@lru_cache(maxsize=None)
def _elsewhere() -> tuple[str, ...]:
    return tuple(fold(w) for w in lexicon.units().assigned_elsewhere)


def _ends_with_level(text: str) -> bool:
    """'Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã': a name qualified by its levels to the end, not a unit
    followed by its work."""
    words = fold(text).rstrip(" .;,").split()
    return bool(words) and words[-1] in place_words()


@lru_cache(maxsize=None)
def place_words() -> frozenset[str]:
    """Level words and settlement kinds ('tỉnh', 'xã', 'phường', 'thôn'): what a list of places is made of."""
    return frozenset(lw.word for lw in lexicon.levels().level_words) | frozenset(lexicon.levels().settlements)


@lru_cache(maxsize=None)
def _remark_re() -> re.Pattern:
    remarks = sorted(lexicon.units().unit_remarks, key=len, reverse=True)
    return re.compile(r",?\s*(?:" + "|".join(re.escape(r) for r in remarks) + r")\b", re.I)


@lru_cache(maxsize=None)
def _duty_verb_re() -> re.Pattern:
    words = sorted(lexicon.units().duty_verbs, key=len, reverse=True)
    return re.compile(r"(?<=\S)\s+(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.I)


# ------------------------------------------------------------ units named in prose
def unit_phrase_end(text: str) -> int:
    """Length of the unit list at the start of `text`, ending before its verb or preposition (spans.py)."""
    return spans.unit_span_end(text)


def partners_in(text: str) -> list[tuple[str, int, int]]:
    """Support units named inside a duty: 'phối hợp (với) X', 'phối hợp, tạo điều kiện cho X', 'kết hợp với X',
    '(X) để tổng hợp', 'Đơn vị tổng hợp: X'; not a unit reported to, guided or helped (spans.py)."""
    return spans.partner_spans(text)


def duty_subject(text: str) -> Optional[str]:
    """The unit a duty is given to: its opening subject after any "Đề nghị"/"Giao", or the subject after an
    opening clause ("Căn cứ Kế hoạch này và điều kiện thực tế, các sở, ban, ngành ... xây dựng ...", "Quý
    I/2027, các cơ quan, đơn vị đánh giá ...")."""
    text = strip_assignment(text)
    subject = subject_units(text)
    if subject is not None or not fold(text).startswith(tuple(lexicon.units().clause_openers)):
        return subject
    for m in re.finditer(r",\s+", text[:200]):
        rest = strip_assignment(text[m.end():])
        if starts_unit(rest) and (subject := subject_units(rest)):
            return subject
    return None


_ASSIGNED = re.compile(r"\s+được\s+(?:giao|phân\s+công)\b", re.I)
_ASSIGNED_TAIL = re.compile(r"\s+được\s+(?:giao|phân\s+công)(?:\s+chủ\s+trì)?\s*$", re.I)  # read as the name's tail
_PLAN_REFERENCE = re.compile(r"(?:Phụ\s+lục\s+kèm\s+theo(?:\s+Kế\s+hoạch\s+này)?|Kế\s+hoạch\s+này)(?!\w)", re.I)
_PREDICATE = re.compile(r"\s+(?:có|chịu)\s+trách\s+nhiệm\b", re.I)


def _assigned_clause_end(text: str, n: int) -> int:
    """'Các cơ quan được phân công chủ trì thực hiện nhiệm vụ theo Kế hoạch này có trách nhiệm ...': the bodies the
    plan assigns work are named by that clause; it runs to the plan (or its appendix) it refers to, or to 'có trách
    nhiệm'."""
    if not n or not (_ASSIGNED.match(text, n) or _ASSIGNED_TAIL.search(text[:n])):
        return n
    window = text[n:n + 160]
    ref = _PLAN_REFERENCE.search(window)
    pred = _PREDICATE.search(window)
    if ref and (pred is None or ref.end() <= pred.start()):
        return n + ref.end()
    return n + pred.start() if pred else n


def subject_units(text: str) -> Optional[str]:
    """The unit list a duty opens with as its subject ('Phòng Nội vụ triển khai ...'), if any."""
    if not starts_unit(text):
        return None
    # a bracket inside the list ("(sau đây viết tắt là cơ quan, đơn vị)") is not where the list ends
    # (a body's code in brackets is seen, so a long name runs to it: "Phòng Cảnh sát quản lý hành chính về trật tự xã
    # hội (PC06) chủ trì"; the subject is named without its brackets, as before)
    n = unit_phrase_end(_PAREN.sub(lambda m: m.group(0) if _CODE_PAREN.fullmatch(m.group(0)) else " " * len(m.group(0)), text))
    n = _assigned_clause_end(text, n)
    phrase = fold_ws(_PAREN.sub("", text[:n])).strip(" ,;")
    if not phrase or n >= len(text.rstrip(" .;")) - 1:
        return None
    return phrase


# ------------------------------------------------------------ canonical names and levels
@lru_cache(maxsize=None)
def _abbrev_re() -> re.Pattern:
    keys = sorted(lexicon.abbreviations().expand, key=len, reverse=True)
    return re.compile(r"(?<![\wĐđ])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\wĐđ])")


def expand_abbreviations(text: str) -> str:
    table = lexicon.abbreviations().expand
    return _abbrev_re().sub(lambda m: table.get(m.group(0), m.group(0)), text)


@lru_cache(maxsize=None)
def head_choices() -> dict[str, lexicon.UnitKind]:
    return {fold(k.head): k for k in lexicon.units().kinds}


def canonical_unit(text: str, plan_level: Optional[str] = None, span: Optional[Span] = None) -> Unit:
    canonical, kind, level = _read_unit(text, plan_level)
    return Unit(text=text, canonical=canonical, kind=kind, level=level, span=span)


@lru_cache(maxsize=8192)
def _read_unit(text: str, plan_level: Optional[str]) -> tuple[str, Optional[str], Optional[str]]:
    """A unit's canonical name, kind and level: the same few dozen names recur through a plan and across
    plans, so each is read once."""
    expanded = normalize_tones(fold_ws(expand_abbreviations(text)))
    canonical = expanded[:1].upper() + expanded[1:]
    head_word = lexicon.unit_head_at(expanded)
    kind_rec = None
    if head_word:
        kind_rec = head_choices().get(head_word)
    if kind_rec is None:
        first = " ".join(_strip_det(fold(expanded)).split()[:3])
        match = process.extractOne(first, list(head_choices()), scorer=fuzz.partial_ratio, score_cutoff=90)
        if match:
            kind_rec = head_choices()[match[0]]
    return canonical, kind_rec.kind if kind_rec else None, unit_level(expanded, kind_rec, plan_level)


@lru_cache(maxsize=None)
def _level_map() -> dict[str, str]:
    return {w.word: w.level for w in lexicon.levels().level_words}


@lru_cache(maxsize=None)
def _level_re() -> re.Pattern:
    words = sorted(_level_map(), key=len, reverse=True)
    compounds = [fold(c) for c in lexicon.levels().level_word_compounds]

    def word(w: str) -> str:
        rests = [c[len(w):] for c in compounds if c.startswith(w + " ")]
        return re.escape(w) + (f"(?!{'|'.join(map(re.escape, rests))})" if rests else "")
    return re.compile(r"(?<![\w])(?:" + "|".join(map(word, words)) + r")(?![\w])")


def unit_level(expanded: str, kind_rec: Optional[lexicon.UnitKind], plan_level: Optional[str]) -> Optional[str]:
    f = fold(expanded)
    for adj, lvl in lexicon.levels().level_adjectives.items():
        if adj in f:
            return lvl  # type: ignore[return-value]
    best: Optional[str] = None
    for m in _level_re().finditer(f):
        best = _level_map()[m.group(0)]
    if best:
        return best  # type: ignore[return-value]
    if kind_rec is not None and kind_rec.level:
        return kind_rec.level  # type: ignore[return-value]
    if kind_rec is not None and plan_level:
        return plan_level  # type: ignore[return-value]
    return None
