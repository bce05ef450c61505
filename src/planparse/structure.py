"""Blocks -> the parts of a plan: header, title, opening, numbered outline, signature, appendices."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from rapidfuzz.distance import Levenshtein

from . import lexicon
from .labels import Label, is_bullet, is_part, parse_label
from .models import Block, Document
from .readers.lines import RULE_LINE
from .text import fold, fold_ws, strip_accents, vi

_OPENING = re.compile(r"^(?:thực hiện|căn cứ|triển khai|nhằm|để|theo|ngày|trên cơ sở|qua)\b", re.I)
_CITES = re.compile(r"\bsố\s*:?\s*\d+|\d+/\d{4}/|\d+/[A-ZĐ]", re.I)
_SIGN = re.compile(vi(r"^(?:TM\.|KT\.|Q\.|TL\.|TUQ\.)\s*[A-ZĐÀ-Ỹ]|^(?:PHÓ )?CHỦ TỊCH\s*$"))  # 'TM. ỦY BAN ...' too


@dataclass
class Node:
    label: Optional[Label]
    text: str  # without its label
    block: Optional[Block]
    children: list["Node"] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)  # unlabelled paragraphs that continue this item
    tables: list[list[Block]] = field(default_factory=list)
    parent: Optional["Node"] = None
    ref: str = ""

    @property
    def style(self) -> str:
        return self.label.style if self.label else "ROOT"

    def full_text(self) -> str:
        return " ".join([self.text] + [b.text for b in self.body]).strip()


@dataclass
class Appendix:
    heading: list[Block]
    tables: list[list[Block]]
    paragraphs: list[Block]


@dataclass
class Structure:
    header: list[Block]
    doc_type: Optional[Block]
    title: list[Block]
    opening: list[Block]
    sections: list[Node]
    signature: list[Block]
    appendices: list[Appendix]
    loose_tables: list[list[Block]]
    other_type: Optional[str] = None  # the heading of a document that is not a plan ('báo cáo', 'quyết định')
    # a plan issued with a decision printed before it ("QUYẾT ĐỊNH Ban hành Kế hoạch ...", signed, then "KẾ HOẠCH"):
    # the decision's signature lines, from 'Nơi nhận' or 'KT. BỘ TRƯỞNG' to the plan's heading
    issuing_signature: list[Block] = field(default_factory=list)
    issuing_opening: list[Block] = field(default_factory=list)  # that decision's "Căn cứ ...", "Thực hiện ..." lines


def _spaced_out(text: str) -> str:
    """'K Ế H O Ạ C H' -> 'KẾ HOẠCH'? A heading printed with its letters spaced out reads as its letters joined;
    the word break is lost, so it is compared without spaces (_heading_type)."""
    words = text.strip(" *#").split()
    return "".join(words) if len(words) >= 4 and all(len(w) == 1 for w in words) else ""


HEADING_MIN_LETTERS = 6  # a heading read one edit away from a type is taken only when that long ('KẾ HOẠCH': 7)

# Markdown's marks and the specks OCR reads at a line's ends ("'KẾ HOẠCH", "KẾ HOẠCH ."): not part of a heading
_EDGE_MARKS = " *#'\"`´‘’“”.,_~|¬"


def _heading_type(b: Block, types: list[str], title_after: bool = False) -> Optional[str]:
    """The document type a short capitalised heading names ('KẾ HOẠCH HÀNH ĐỘNG' -> 'kế hoạch hành động'), a line
    that is only the type in any case ('Kế hoạch'), or its letters spaced out ('K Ế H O Ạ C H'). With
    `title_after`, also a capitalised heading that goes on with the title on the same line ('KẾ HOẠCH TRIỂN KHAI
    CÔNG TÁC PHÒNG, CHỐNG THIÊN TAI NĂM 2026')."""
    if b.kind == "row":
        return None
    t = fold(b.text).strip(_EDGE_MARKS)
    if t in types:
        return t
    spaced = _spaced_out(fold(b.text))
    if spaced:
        return next((d for d in types if spaced == d.replace(" ", "")), None)
    if len(t.split()) > (40 if title_after else 6):
        return None
    letters = [c for c in b.text if c.isalpha()]
    caps = letters and sum(c.isupper() for c in letters) / len(letters) > 0.8
    if not (caps or b.kind == "heading" and not title_after):
        return None
    found = next((d for d in types if t == d or t.startswith(d + " ")), None)
    if found is None:  # OCR may get a mark wrong ("KÉ HOẠCH"): compare base letters
        bare = strip_accents(t)
        found = next((d for d in types if bare == strip_accents(d) or bare.startswith(strip_accents(d) + " ")), None)
    if found is None and caps and len(t.split()) <= 3:
        # a heading alone that OCR read with a letter doubled or lost, or its space lost ("KẼẾHOẠCH"): one edit away
        squashed = strip_accents(t).replace(" ", "")
        found = next((d for d in types if len(squashed) >= HEADING_MIN_LETTERS
                      and Levenshtein.distance(squashed, strip_accents(d).replace(" ", ""), score_cutoff=1) <= 1), None)
    return found


def heading_type_and_rest(b: Block) -> tuple[Optional[str], str]:
    """The plan's type heading read: its type ('kế hoạch') and what the same line goes on with (the title, when the
    heading and the title share a line)."""
    found = _heading_type(b, lexicon.sections().doc_types, True)
    if found is None:
        return None, ""
    words = b.text.strip(_EDGE_MARKS).split()
    if _spaced_out(fold(b.text)):
        return found, ""
    return found, " ".join(words[len(found.split()):]).strip(" *:")


def in_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 10 and sum(c.isupper() for c in letters) / len(letters) > 0.9


def _part_title(b: Block) -> bool:
    """The line under a part's label ('Phần thứ hai' / 'KẾ HOẠCH NĂM 2026') that names it: unlabelled, in capitals."""
    return b.kind != "row" and parse_label(b.text)[0] is None and in_capitals(b.text) and len(b.text) <= 200


def _is_doc_heading(b: Block) -> bool:
    return _heading_type(b, lexicon.sections().doc_types) is not None


def _is_appendix_heading(b: Block) -> bool:
    t = fold(b.text)
    return b.kind != "row" and len(t.split()) <= 14 and any(t.startswith(a) for a in lexicon.sections().appendix_heading) \
        and (t.split()[0] in ("phụ", "biểu") and (len(t.split()) <= 3 or b.text[:1].isupper()))


@lru_cache(maxsize=1)
def _signer_titles_in_capitals() -> frozenset[str]:
    return frozenset(t.upper() for t in lexicon.sections().signer_titles)


def _is_signature(b: Block) -> bool:
    """'Nơi nhận:', 'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH' lines, a signer's title alone in capitals ('GIÁM ĐỐC',
    'TRƯỞNG BAN'), or a table row whose cell starts so."""
    texts = [c.text for c in b.cells] if b.kind == "row" and b.cells else [b.text]
    return any(fold(t).startswith(tuple(lexicon.sections().end_of_body)) or bool(_SIGN.match(t.strip(" *")))
               or t.strip(" *") in _signer_titles_in_capitals() for t in texts)


_LIST_ITEM = ("-", "–", "+", "•")


def _recipients_start(blocks: list[Block]) -> Optional[int]:
    """Where the 'Nơi nhận' list begins, found from its end when its heading is too damaged to read.
    The list always closes with "- Lưu: VT, ..." (the Decree 30/2020 form); above it are short dash
    lines, and above them a short line ending with ':' (the damaged heading)."""
    closers = tuple(strip_accents(k) for k in lexicon.sections().recipients_last)
    for k, b in enumerate(blocks):
        if b.kind == "row" or not b.text.lstrip().startswith(_LIST_ITEM):
            continue
        if not strip_accents(fold(b.text).lstrip("".join(_LIST_ITEM) + " ")).startswith(closers):
            continue
        j = k
        while j > 0 and blocks[j - 1].kind != "row" and blocks[j - 1].text.lstrip().startswith(_LIST_ITEM) \
                and len(blocks[j - 1].text) <= 120:
            j -= 1
        if j > 0 and blocks[j - 1].kind != "row" and len(blocks[j - 1].text) <= 30 and blocks[j - 1].text.rstrip().endswith(":"):
            j -= 1
        return j
    return None


def _group_tables(blocks: list[Block]) -> list[list[Block]]:
    tables: dict[int, list[Block]] = {}
    for b in blocks:
        if b.kind == "row" and b.table is not None:
            tables.setdefault(b.table, []).append(b)
    return list(tables.values())


def _letter_header(blocks: list[Block]) -> list[Block]:
    """A document without a type heading (a letter: heading table with 'V/v ...', then 'Kính gửi:' and its
    addressees): the heading table and the addressee list, which are not its body."""
    k = 0
    while k < len(blocks) and blocks[k].kind == "row":
        k += 1
    if k < len(blocks) and fold(blocks[k].text).startswith(tuple(lexicon.sections().addressee_markers)):
        k += 1
        while k < len(blocks) and blocks[k].kind != "row" and blocks[k].text.lstrip()[:1] in _LIST_ITEM \
                and len(blocks[k].text) <= 150:
            k += 1
    return blocks[:k]


_PLACE_AND_DATE = re.compile(r",\s*ngày\s*\d{0,2}\s*(?:tháng\s*\d{0,2}\s*năm\s*|[/.\-]\s*\d{1,2}\s*[/.\-]\s*)\d{4}\s*$", re.I)


def _dated_heading_end(blocks: list[Block]) -> Optional[int]:
    """A plan printed without its type heading: the index after the heading's 'An Phú, ngày 02 tháng 3 năm 2026'
    line, when it comes among the first lines and before any numbered part; else None."""
    for k, b in enumerate(blocks[:12]):
        if b.kind != "row" and parse_label(b.text)[0] is not None:
            return None
        texts = [c.text for c in b.cells] if b.kind == "row" and b.cells else [b.text]
        if any(_PLACE_AND_DATE.search(fold_ws(t)) for t in texts):
            return k + 1
    return None


def _title_before_opening(b: Block, nxt: Optional[Block]) -> bool:
    """'Triển khai thực hiện Chỉ thị số 30/CT-TTg ... trên địa bàn tỉnh Ninh Bình' then 'Thực hiện Chỉ thị số
    30/CT-TTg ..., UBND tỉnh ban hành ...': a title that names what it implements, before the opening that
    cites it. An opening sentence ends a clause (',', ';', ':'); a title does not."""
    return nxt is not None and nxt.kind != "row" and bool(_OPENING.match(nxt.text)) \
        and not re.search(r"[,;:.]$", b.text.rstrip()) and len(b.text) <= 300


def _unlabelled_part(opening: list[Block], nxt: Optional[Block]) -> Optional[Node]:
    """The opening's last line naming a part of a plan in capitals ("% MỤC TIÊU", "MỤC TIÊU"), right above the
    first numbered item ("1. ..."): the part's heading, its Roman number lost to OCR or never printed."""
    if not opening or nxt is None or nxt.kind == "row":
        return None
    b = opening[-1]
    label = parse_label(nxt.text)[0]
    if b.kind == "row" or label is None or label.style != "DEC1" or parse_label(b.text)[0] is not None:
        return None
    text = re.sub(r"^[^\w]+", "", b.text).strip(_EDGE_MARKS)
    if not text.isupper() or len(text.split()) > 8 or re.search(r"\d", text):
        return None
    node = Node(label=Label(style="ROMAN", raw="", key="I"), text=text, block=b)
    return node if section_role(node) not in ("other", "report") else None


def build_structure(doc: Document) -> Structure:
    blocks = doc.blocks
    n = len(blocks)
    i = 0
    head_idx = next((k for k, b in enumerate(blocks[:40]) if _is_doc_heading(b)), None)
    if head_idx is None:  # the heading going on with the title on its line, before any numbered part
        first_part = next((k for k, b in enumerate(blocks[:40]) if (lb := parse_label(b.text)[0]) is not None
                           and lb.style == "ROMAN"), 40)
        head_idx = next((k for k, b in enumerate(blocks[:first_part])
                         if parse_label(b.text)[0] is None and _heading_type(b, lexicon.sections().doc_types, True)), None)
    other_type = None
    if head_idx is None:
        other_type = next((t for b in blocks[:40] if (t := _heading_type(b, lexicon.sections().other_doc_types))), None)
    header = blocks[:head_idx] if head_idx is not None else _letter_header(blocks)
    doc_type = blocks[head_idx] if head_idx is not None else None
    dated = None if head_idx is not None or other_type or header else _dated_heading_end(blocks)
    if dated is not None:  # no type heading: the heading lines run to the place and date line, the title follows
        header = blocks[:dated]
    i = head_idx + 1 if head_idx is not None else len(header)

    title: list[Block] = []
    while i < n and (doc_type is not None or dated is not None) and len(title) < 3:
        b = blocks[i]
        if title and b.kind != "row" and RULE_LINE.match(b.text):
            i += 1  # the rule printed under the title on a line of its own ("-----") is not part of it
            continue
        label, _ = parse_label(b.text)
        if b.kind == "row" or label is not None or _is_signature(b):
            break
        if title and (_OPENING.match(b.text) and (_CITES.search(b.text) or len(b.text) > 120)
                      or re.match(r"căn cứ\b", fold(b.text))):  # a title never opens with "Căn cứ"
            break
        if not title and _OPENING.match(b.text) and _CITES.search(b.text[:80]) and not in_capitals(b.text) \
                and not _title_before_opening(b, blocks[i + 1] if i + 1 < n else None) \
                and (re.search(r"[,;:.]$", b.text.rstrip()) or len(b.text) > 300):
            # an opening sentence ends its clause; a title in capitals may also begin "THỰC HIỆN NGHỊ QUYẾT SỐ ...",
            # and a programme's title "Thực hiện Nghị quyết số 57-NQ/TW ..." ends without a stop
            break
        if title and len(b.text) > 200:
            break
        if title and fold(b.text).startswith(tuple(lexicon.sections().addressee_markers)):
            break  # "Kính gửi: Hội đồng nhân dân tỉnh" after the title is whom it is sent to
        title.append(b)
        i += 1

    opening: list[Block] = []
    while i < n:
        b = blocks[i]
        label, _ = parse_label(b.text)
        if label is not None and label.style in ("ROMAN", "DEC1") or b.kind == "row" or _is_signature(b) \
                or _is_appendix_heading(b):
            break
        opening.append(b)
        i += 1

    root = Node(label=None, text="", block=None)
    stack: list[Node] = [root]
    above = opening or (title if len(title) > 1 else [])  # the heading's own title line is never a part
    if (lost := _unlabelled_part(above, blocks[i] if i < n else None)) is not None:
        above.pop()  # "% MỤC TIÊU" over "1. ...": a part whose number OCR lost, not a line of the opening
        _push(stack, lost)
    signature: list[Block] = []
    appendices: list[Appendix] = []
    loose_tables: list[list[Block]] = []
    body_rows: list[Block] = []
    in_signature = False
    recipients = _recipients_start(blocks)
    while i < n:
        b = blocks[i]
        if _is_appendix_heading(b) and (stack[-1] is not root or in_signature or i > n * 0.3):
            break
        if _is_signature(b) or i == recipients:
            in_signature = True
        if in_signature:
            same_table = signature and signature[-1].kind == "row" and signature[-1].table == b.table
            if b.kind == "row" and not _is_signature(b) and not same_table:
                break
            signature.append(b)
            i += 1
            continue
        if b.kind == "row":
            body_rows.append(b)
            cur = stack[-1]
            if not cur.tables or cur.tables[-1][-1].table != b.table:
                cur.tables.append([])
            cur.tables[-1].append(b)
            i += 1
            continue
        label, rest = parse_label(b.text)
        if label is None and _unit_heading(b, blocks[i + 1] if i + 1 < n else None):
            # "Công an phường" (bold, unnumbered) over "- Bảo đảm an ninh ...": a unit's heading over its duties
            _push(stack, Node(label=Label(style="UNIT", raw="", key=""), text=b.text.strip().rstrip(":").strip(), block=b))
            i += 1
            continue
        if label is None:
            stack[-1].body.append(b)
            i += 1
            continue
        node = Node(label=label, text=rest.strip(), block=b)
        if is_part(label) and not node.text and i + 1 < n and _part_title(blocks[i + 1]):
            node.text = blocks[i + 1].text  # "Phần thứ ba" over "TỔ CHỨC THỰC HIỆN": the part's title
            i += 1
        _push(stack, node)
        i += 1

    # appendices: everything left, split at appendix headings
    current: Optional[Appendix] = None
    while i < n:
        b = blocks[i]
        if _is_appendix_heading(b) or current is None:
            current = Appendix(heading=[b] if b.kind != "row" else [], tables=[], paragraphs=[])
            appendices.append(current)
            if b.kind != "row":
                i += 1
                continue
        if b.kind == "row":
            if not current.tables or current.tables[-1][-1].table != b.table:
                current.tables.append([])
            current.tables[-1].append(b)
        elif not current.tables and len(current.heading) < 4 and not _SIGN.match(b.text) and not current.paragraphs \
                and parse_label(b.text)[0] is None:  # (an appendix's first numbered item is no line of its heading)
            current.heading.append(b)
        else:
            current.paragraphs.append(b)
        i += 1

    _number(root)
    sections = list(root.children)
    loose_tables.extend(root.tables)  # tables before the first numbered section
    issuing = next((k for k, b in enumerate(header) if _is_signature(b)), None) if doc_type is not None else None
    return Structure(header=header, doc_type=doc_type, title=title, opening=opening, sections=sections,
                     signature=signature, appendices=appendices, loose_tables=loose_tables, other_type=other_type,
                     issuing_signature=header[issuing:] if issuing is not None else [],
                     issuing_opening=_decision_opening(header[:issuing]) if issuing is not None else [])


def appendix_outline(app: Appendix, ref: str) -> Optional[Node]:
    """An appendix that lists its duties or targets as numbered items, not in a table ('DANH MỤC NHIỆM VỤ' over '1.
    ...', '- Cơ quan chủ trì: ...'): its items as the outline of one section named by the appendix's title, refs
    under `ref` ('PL.1', 'PL.2'); None for an appendix of tables or of no numbered item."""
    if app.tables or not any(parse_label(b.text)[0] is not None for b in app.paragraphs):
        return None
    title = " ".join(b.text for b in app.heading if not re.match(r"^\s*\(", b.text))  # not '(Kèm theo Kế hoạch ...)'
    section = Node(label=Label(style="ROMAN", raw="", key=ref), text=title, block=app.heading[0] if app.heading else None)
    stack = [Node(label=None, text="", block=None), section]
    stack[0].children.append(section)
    for b in app.paragraphs:
        label, rest = parse_label(b.text)
        if label is None:
            stack[-1].body.append(b)
            continue
        if label.style == "ROMAN":  # "I. NHÓM NHIỆM VỤ ..." inside the appendix: a group of its one section
            label = Label("UPPER", label.raw, label.key)
        _push(stack, Node(label=label, text=rest.strip(), block=b))
    _number(stack[0])
    return section


_ARTICLE = re.compile(r"^Điều\s+\d", re.I)


def _decision_opening(blocks: list[Block]) -> list[Block]:
    """The basis lines of a decision that issues the plan, from its first "Căn cứ ..." or "Thực hiện ..." to its
    first article ("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch ...")."""
    start = next((k for k, b in enumerate(blocks) if b.kind != "row" and re.match(r"(?:căn cứ|thực hiện)\b", fold(b.text))),
                 None)
    if start is None:
        return []
    out: list[Block] = []
    for b in blocks[start:]:
        if _ARTICLE.match(b.text.strip(" *")) or b.kind == "row":
            break
        out.append(b)
    return out


# a capital letter part ("A. NHIỆM VỤ CHUNG") holds numbered items and sits under a Roman section or a Part
_RANK = {"ROMAN": 0, "UPPER": 0.5, "DEC1": 1, "DEC2": 2, "DEC3": 3, "DEC4": 4, "DEC5": 5}


def _push(stack: list[Node], node: Node) -> None:
    style = node.style
    if style in _RANK:
        # decimal depth orders itself: "2." closes an open "1.1." and anything under it
        while len(stack) > 1 and (stack[-1].style not in _RANK or _RANK[stack[-1].style] >= _RANK[style]):
            stack.pop()
    else:
        # a label style already open higher up makes this item its sibling
        for depth in range(len(stack) - 1, 0, -1):
            if stack[depth].style == style:
                del stack[depth:]
                break
        else:
            # "- Giám sát ..." / "- Kiểm tra ..." / "* Thời gian thực hiện: ...": a group's time or unit line marked
            # apart from its duties closes the run of duties, it is not a part of the last one
            while len(stack) > 1 and is_bullet(stack[-1].label) and not stack[-1].children and _group_line(node.text):
                stack.pop()
    parent = stack[-1]
    node.parent = parent
    parent.children.append(node)
    stack.append(node)


@lru_cache(maxsize=1)
def _group_line_re() -> re.Pattern:
    """A line that opens with a group's field key ("Thời gian thực hiện:", "Đơn vị chủ trì:"), folded, after its label."""
    keys = {fold(k) for role in ("lead", "support", "deadline") for k in lexicon.sections().group_keys[role]}
    return re.compile(r"(?:" + "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True)) + r")\s*:")


def _group_line(text: str) -> bool:
    return bool(_group_line_re().match(fold(parse_label(text)[1].lstrip())))


UNIT_HEADING_WORDS = 12  # a unit's name standing alone as a heading is short


def _unit_heading(b: Block, nxt: Optional[Block]) -> bool:
    """An unnumbered line that is nothing but a unit's name ('Trạm Y tế phường', 'Các tổ dân phố:'), right above a
    bulleted or lettered duty: the heading of that unit's duties (typed bold in Word, its number never printed)."""
    if b.kind == "row" or nxt is None or nxt.kind == "row":
        return False
    below = parse_label(nxt.text)[0]
    if below is None or not (is_bullet(below) or below.style in ("ALPHA", "PAREN")):
        return False
    text = b.text.strip().rstrip(":").strip()
    if not text or len(text.split()) > UNIT_HEADING_WORDS or re.search(r"[.;,]$", text) or lexicon.unit_head_at(
            re.sub(r"^(?:các|những)\s+", "", text, flags=re.I)) is None:
        return False
    from .extraction.spans import unit_span_end  # the unit-name grammar (data/unit_spans.json), read-only here

    return unit_span_end(text) >= len(text)


def _number(node: Node, prefix: str = "") -> None:
    bullet_index = 0
    for child in node.children:
        if is_bullet(child.label) or child.style == "UNIT":
            bullet_index += 1
            key = str(bullet_index)
        else:
            key = child.label.key if child.label else ""
        child.ref = f"{prefix}.{key}" if prefix else key
        _number(child, child.ref)


@lru_cache(maxsize=None)
def _role_keywords() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """Each section role's keywords with their base letters, worked out once (every item asks for its role)."""
    return tuple((r.role, tuple((k, strip_accents(k)) for k in r.keywords)) for r in lexicon.sections().section_roles)


@lru_cache(maxsize=None)
def _inspection_verbs() -> tuple[str, ...]:
    return tuple(fold(v) for v in lexicon.sections().inspection_verbs)


def _reports(folded: str, has: dict[str, bool]) -> bool:
    """A heading that opens by reporting or forecasting ("Tình hình thực hiện nhiệm vụ ... năm 2025",
    "Dự báo những tác động ...") is about the situation, not work to do, even when it names tasks,
    unless work is joined to it ("Dự báo ... và các giải pháp tổ chức thực hiện") or it names targets."""
    if has.get("goals") or not folded.startswith(tuple(o + " " for o in lexicon.sections().report_openers)):
        return False  # "Dự báo các chỉ tiêu ... đến năm 2026" lists figures to reach: goals
    joined = folded.split(" và ", 1)[1] if " và " in folded else ""
    return not any(k in joined for k, _ in dict(_role_keywords())["tasks"])


def section_role(node: Node) -> str:
    t = fold(node.text)
    bare = strip_accents(t)  # OCR may get a mark wrong ("NỌI DUNG")
    has = {role: any(k in t or bare_k in bare for k, bare_k in keys) for role, keys in _role_keywords()}
    verbs = _inspection_verbs()
    if has.get("inspection") or "nội dung" in t and any(v in t for v in verbs):  # "NỘI DUNG TRỌNG TÂM KIỂM TRA"
        return "inspection"
    if _reports(t, has):
        return "report"
    if has.get("budget") and not has.get("tasks"):
        return "budget"
    if has.get("organisation"):
        return "organisation"
    if has.get("goals") and has.get("tasks"):
        return "mixed"
    if has.get("tasks"):
        return "tasks"
    if has.get("rewards"):  # TIÊU CHUẨN, HÌNH THỨC, HỒ SƠ KHEN THƯỞNG: criteria and files, not work
        return "rewards"
    if has.get("forms"):
        return "forms"
    if has.get("goals"):
        return "goals"
    if has.get("purpose"):
        return "purpose"
    return "other"
