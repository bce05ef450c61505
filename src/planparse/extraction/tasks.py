"""Outline -> tasks and in-text KPI goals.

How a group is read depends on what its items are called (data/sections.json `group_keys`):
an item with its own responsibility lines is one task; a group split into Mục tiêu / Nhiệm vụ /
Phân công / Thời gian gives a task per duty and per assignment, KPIs for its goals, and lends its
deadline to all of them; a TỔ CHỨC THỰC HIỆN heading that names a unit leads the duties under it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import islice, takewhile
from functools import lru_cache
from typing import Callable, Iterator, Optional

from rapidfuzz import fuzz

from .. import lexicon
from ..models import KPI, Block, Deadline, Span, Task, Unit
from ..structure import Node, section_role
from ..text import FIRST_WORD as _FIRST_WORD, alternation, fold, fold_ws, normalize_tones
from .deadlines import deadline_in_duty, event_in_duty, parse_deadline
from .targets import (breakdown_parties, clean_indicator, goal_deadline, is_goal, is_named_target, leading_time,
                      parse_target, split_goals)
from .provenance import block_span, find_in, locate
from .spans import unit_span_end
from .units import (PARTNERS_CLAUSE, all_units, canonical_unit, partners_of_lead_line, duty_subject, head_choices, is_level_name, partners_in, place_words,
                    split_units, starts_unit, strip_assignment, subject_units, unit_phrase_end, units_in_key_value)


@dataclass
class Inherited:
    lead: list[str] = field(default_factory=list)
    deadline: Optional[Deadline] = None
    support: list[str] = field(default_factory=list)
    product: Optional[str] = None
    fallback_lead: list[str] = field(default_factory=list)  # a sibling announced these steps; a duty's own subject wins
    goal_time: Optional[Deadline] = None  # "Trong giai đoạn 2026 - 2030, ..., cụ thể như sau:": when the goals below fall due


@dataclass
class Context:
    year: Optional[int]
    level: Optional[str] = None
    plan_date: Optional[str] = None  # the plan's own date, for "từ nay", "từ ngày ban hành Kế hoạch"
    period_end: Optional[Deadline] = None  # when a multi-year or school-year plan's implied targets fall due
    frame: Optional[Deadline] = None  # the time a task section's heading frames its items with (_year_frame)
    tasks: list[Task] = field(default_factory=list)
    kpis: list[KPI] = field(default_factory=list)
    section: str = ""
    subject_lead: bool = False  # in TỔ CHỨC THỰC HIỆN a duty's opening unit is its lead
    last: Optional[Node] = None  # the section's last item, whose trailing paragraphs may be closing remarks
    need_lead: bool = False  # outside task sections only items that name their unit are tasks
    duties_only: bool = False  # in a HÌNH THỨC part, items that name a channel or an award are not tasks
    unled: list[Task] = field(default_factory=list)  # schedule entries waiting for the unit charged with them
    charged: list[str] = field(default_factory=list)  # the first unit TỔ CHỨC THỰC HIỆN charges
    found: dict = field(default_factory=dict)  # where phrases were found near items (`Near`), for this extraction


@lru_cache(maxsize=None)
def _keys() -> list[tuple[str, str]]:
    pairs = [(fold(k), role) for role, keys in lexicon.sections().group_keys.items() for k in keys]
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


@lru_cache(maxsize=None)
def _keys_by_first_word() -> dict[str, list[tuple[str, str]]]:
    """The keys by their first word, longest first: an item is compared only with keys that can begin it."""
    out: dict[str, list[tuple[str, str]]] = {}
    for key, role in _keys():
        m = _FIRST_WORD.match(key)
        out.setdefault(m.group(0) if m else "", []).append((key, role))
    return out


def key_of(text: str) -> tuple[Optional[str], str]:
    """('deadline', 'Trước 30/9/2023') for 'Thời gian hoàn thành: Trước 30/9/2023'; (None, text) otherwise."""
    t = fold(text)
    first = _FIRST_WORD.match(t)
    for key, role in _keys_by_first_word().get(first.group(0) if first else "", ()):
        if t.startswith(key):
            rest = text[len(key):]
            stripped = rest.strip()
            if stripped.startswith(":") or re.fullmatch(r"[\s.:;]*", rest):
                value = stripped.lstrip(":").strip()
                if role == "assignment" and _ROLE_WORDS.search(fold(value)):
                    return "responsibility", value  # "- Phân công: X chủ trì; Y phối hợp.": one item's line, not a group
                return role, value
    m = re.match(r"^(?:thời gian|thời hạn)(?:\s+[^\s:;,.]+){1,6}(?:,?\s+[^\s:;,.]+){0,4}\s*(?::|$)", t)
    if m:  # "Thời gian tuyên truyền: ...", "Thời gian kiểm tra tại các cơ quan, địa phương: ...": "Thời gian <what>"
        return "deadline", text[m.end():].strip()
    return _misread_key(text, t)


_ROLE_WORDS = re.compile(r"\b(?:chủ trì|phối hợp)\b")
_KEY_LABEL = re.compile(r"([^\W\d_][^:;,.()\d]{4,40}):")
_LINE_ROLES = ("responsibility", "lead", "support", "deadline", "product")


@lru_cache(maxsize=None)
def _next_key_re() -> re.Pattern:
    """A further task field in the same line: 'Cơ quan chủ trì: X; cơ quan phối hợp: Y; thời gian hoàn thành: Z',
    '(Chủ trì: X; phối hợp: Y; thời gian: Z)', after a stop, a semicolon, a comma or an opening bracket."""
    keys = sorted({k for k, role in _keys() if role in _LINE_ROLES}, key=len, reverse=True)
    alt = "|".join(r"\s+".join(re.escape(w) for w in k.split()) for k in keys)
    return re.compile(rf"(?:^|(?<=[;.,(])|(?<=[;.,(]\s))\s*(?:-\s*)?(?:{alt})\s*:", re.I)


def key_segments(text: str) -> list[tuple[Optional[str], str]]:
    """A key line as its fields: [('lead', 'X'), ('support', 'Y'), ('deadline', 'Z')] for 'Đơn vị chủ trì: X;
    Đơn vị phối hợp: Y; Thời gian: Z'; [(role, value)] of key_of for a line of one field."""
    role, value = key_of(text)
    if role not in _LINE_ROLES or not value:
        return [(role, value)]
    toned = normalize_tones(value)
    cuts = [m.start() for m in _next_key_re().finditer(toned) if m.start() > 0]
    if not cuts:
        return [(role, value)]
    out = [(role, value[:cuts[0]].strip(" ;,."))]
    for a, b in zip(cuts, cuts[1:] + [len(value)]):
        out.extend(key_segments(value[a:b].strip(" ;,.-")))
    return out


def inline_fields(text: str) -> tuple[str, list[tuple[str, str]]]:
    """A duty that prints its fields after it ('Tổ chức tuyên truyền ... Cơ quan chủ trì: X; thời gian: Z.',
    '... trên địa bàn (Chủ trì: X; phối hợp: Y; thời gian: Z).'): the duty, and the fields."""
    duty, fields = _bracketed_responsibility(text)
    if fields:
        return duty, fields
    toned = normalize_tones(text)
    # after a stop, a semicolon or a bracket (a comma goes on with the sentence), and not the bare 'thực hiện:'
    m = next((m for m in _next_key_re().finditer(toned) if m.start() >= 20 and toned[:m.start()].rstrip()[-1:] in ".;("
              and not re.match(r"\s*(?:-\s*)?thực\s+hiện\s*:", toned[m.start():], re.I)), None)
    if m is None:
        return text, []
    rest = text[m.start():].strip(" ;,.")
    bracketed = text[:m.start()].rstrip().endswith("(")
    if bracketed:
        rest = rest.rsplit(")", 1)[0]
    fields = [(r, v) for r, v in key_segments(rest.lstrip("- ")) if r in _LINE_ROLES and v]
    if not fields:
        return text, []
    duty = text[:m.start()].rstrip(" (;,")
    return (duty if duty.endswith(".") or not duty else duty + "."), fields


_TRAILING_BRACKET = re.compile(r"\(([^()]{8,400})\)\s*[.;]?\s*$")
_LEADS_CLAUSE = re.compile(r"^(.+?)\s+chủ\s+trì(?:\s*[,;]\s*(?:(.+?)\s+phối\s+hợp(?:\s+thực\s+hiện)?|"
                           r"phối\s+hợp(?:\s+với)?\s+\S.*))?$", re.I)


def _bracketed_responsibility(text: str) -> tuple[str, list[tuple[str, str]]]:
    """'Tổ chức tập huấn ... (Ban Chỉ huy Quân sự xã chủ trì, Công an xã phối hợp; thời gian: tháng 4/2026).': the
    duty, and the units the bracket after it charges as a lead line would, with its other fields; (text, []) where
    the bracket says something else (a remark, a list of places)."""
    m = _TRAILING_BRACKET.search(text)
    if m is None or len(text[:m.start()].split()) < 3:
        return text, []
    charged: list[str] = []  # "X chủ trì", "Y phối hợp": read as one lead line ("X chủ trì, Y phối hợp")
    fields: list[tuple[str, str]] = []
    for seg in (s.strip() for s in m.group(1).split(";")):
        lead = _LEADS_CLAUSE.match(normalize_tones(seg))
        partners = PARTNERS_CLAUSE.match(normalize_tones(seg))
        if lead and all_units(lead.group(1)) or charged and partners and all_units(partners.group(1)):
            charged.append(seg)
            continue
        found = [(r, v) for r, v in key_segments(seg) if r in _LINE_ROLES and v]
        if not found:
            return text, []
        fields += found
    if not charged:
        return text, []
    duty = text[:m.start()].rstrip(" ;,")
    return (duty if duty.endswith(".") else duty + "."), [("responsibility", ", ".join(charged))] + fields


def _misread_key(text: str, folded: str) -> tuple[Optional[str], str]:
    """A key whose words OCR or its repair got slightly wrong ("Trách nhiệm thu hiện:", "Đơn vị chủ
    tri:"): the words before a colon, as many as the key's, at rapidfuzz ratio >= 85 to it."""
    m = _KEY_LABEL.match(folded)
    if not m:
        return None, text
    label = m.group(1).strip()
    best = max(((fuzz.ratio(label, key), len(key), role) for key, role in _keys()
                if len(key.split()) == len(label.split())), default=None)
    if best is None or best[0] < 85:
        return None, text
    return best[2], text[m.end():].strip()


def _span(node: Node, text: str = "") -> Optional[Span]:
    """The item's own block; where its text starts inside that block when it can be found."""
    if node.block is None:
        return None
    found = locate(text[:40], [node.block]) if text else None
    return block_span(node.block, found.start if found else 0)


def _nearby(node: Node) -> Iterator[Block]:
    """Blocks an item's units and deadline can come from, nearest first: the item, its lines,
    then each enclosing group with its own lines (unit headings, responsibility and deadline lines).
    Lazy: a list of n items would otherwise list its n siblings for each of them."""
    seen: set[str] = set()

    def fresh(blocks: Iterator[Optional[Block]]) -> Iterator[Block]:
        for b in blocks:
            if b is not None and b.id not in seen:
                seen.add(b.id)
                yield b

    yield from fresh(_subtree_blocks(node))
    a: Optional[Node] = node.parent
    while a is not None:
        yield from fresh(_group_blocks(a))
        a = a.parent


def _own_blocks(n: Node) -> Iterator[Optional[Block]]:
    yield n.block
    yield from n.body


def _subtree_blocks(n: Node) -> Iterator[Optional[Block]]:
    yield from _own_blocks(n)
    for c in n.children:
        yield from _subtree_blocks(c)


def _group_blocks(a: Node) -> Iterator[Optional[Block]]:
    """A group's heading and lines, and each of its items' own block and lines (not what is under them)."""
    yield from _own_blocks(a)
    for c in a.children:
        yield from _own_blocks(c)


Found = Optional[tuple[Block, int]]


class Near:
    """`locate(phrase, _nearby(node))` without listing the blocks: the phrase is looked for in the item's
    subtree, then in each enclosing group in turn. Block ids are unique within a document, so a block seen
    earlier in that order (and not printing the phrase) cannot be the first to print it later; what a subtree
    or group prints is remembered for the whole extraction (`memo`, keyed by the node, kept alive with it),
    so n items of one list search their siblings for a phrase once, not n times."""

    def __init__(self, node: Node, memo: dict):
        self.node = node
        self.memo = memo

    def locate(self, phrase: str) -> Optional[Span]:
        phrase = phrase.strip()
        if not phrase:
            return None
        low = phrase.lower()
        found = self._in_subtree(self.node, phrase, low)
        a = self.node.parent
        while found is None and a is not None:
            found = self._cached("group", a, phrase, lambda a=a: _first(_group_blocks(a), phrase, low))
            a = a.parent
        return None if found is None else block_span(found[0], found[1], found[1] + len(phrase))

    def _in_subtree(self, n: Node, phrase: str, low: str) -> Found:
        if not n.children:
            return _first(_own_blocks(n), phrase, low)

        def search() -> Found:
            hit = _first(_own_blocks(n), phrase, low)
            for c in n.children:
                if hit is not None:
                    break
                hit = self._in_subtree(c, phrase, low)
            return hit
        return self._cached("subtree", n, phrase, search)

    def _cached(self, kind: str, n: Node, phrase: str, search: Callable[[], Found]) -> Found:
        slot = (kind, id(n), phrase)
        if slot not in self.memo:
            self.memo[slot] = (n, search())
        return self.memo[slot][1]


def _first(blocks: Iterator[Optional[Block]], phrase: str, low: str) -> Found:
    """The first block printing the (stripped) phrase and where, as `locate` finds it."""
    for b in blocks:
        if b is not None and (i := find_in(b.text, phrase, low)) >= 0:
            return b, i
    return None


def _units(names: list[str], near: Near, level: Optional[str]) -> list[Unit]:
    return [canonical_unit(n, level, near.locate(n)) for n in names]


def _with_span(deadline: Optional[Deadline], near: Near) -> Optional[Deadline]:
    if deadline is None or deadline.span is not None:
        return deadline
    return deadline.model_copy(update={"span": near.locate(deadline.text)})


def _closing(text: str) -> bool:
    return fold(text).startswith(tuple(lexicon.sections().closing_openers))


def is_closing_formula(text: str) -> bool:
    """'Trong quá trình triển khai thực hiện Kế hoạch, nếu có khó khăn, vướng mắc, các sở ... báo cáo ...': the
    standard closing paragraph, never a task even when numbered."""
    first = re.split(r"[.;]\s", fold(text), maxsplit=1)[0]
    return first.startswith("trong quá trình") and any(c in first for c in lexicon.sections().closing_conditions)


def _text_of(node: Node, drop_closing: bool = False) -> str:
    """An item's text with its continuation paragraphs; for the last item of a section, the closing
    paragraphs after a finished sentence are not part of it."""
    parts = [node.text]
    for b in node.body:
        if drop_closing and (_closing(b.text) or re.search(r"(?:[.;!]|\.\.\.)[\"”)]*$", parts[-1].strip())) \
                and not fold(b.text).startswith(_folded(tuple(lexicon.sections().same_duty_openers))):
            break  # a closing paragraph; not one going on with the duty ("Đồng thời, giao ...")
        parts.append(b.text)
    return fold_ws(" ".join(parts))


def _leaves(node: Node) -> list[Node]:
    if not node.children:
        return [node]
    out: list[Node] = []
    for c in node.children:
        out.extend(_leaves(c))
    return out


def _duty_leaves(node: Node) -> list[Node]:
    """The duties under a node: its leaves, except that a duty listing what it covers ('Chủ trì thực hiện các dự án,
    bao gồm:' over '- Dự án 1: ...') is one duty with its list (_duty_text)."""
    if not node.children or _lists_objects(node):
        return [node]
    return [leaf for c in node.children for leaf in _duty_leaves(c)]


def _duty_text(leaf: Node, drop_closing: bool = False) -> str:
    if not leaf.children:
        return _text_of(leaf, drop_closing=drop_closing)
    return fold_ws(" ".join([_text_of(leaf)] + [_text_of(x) for x in _descendants(leaf)]))


def _add_task(ctx: Context, node: Node, text: str, lead: list[str], support: list[str],
              deadline: Optional[Deadline], ref: Optional[str] = None,
              product: Optional[str] = None) -> None:
    text = fold_ws(text)
    if not text or ctx.need_lead and not lead or ctx.duties_only and not lead and not _reads_as_duty(text):
        return
    if ctx.section == "rewards" and sets_reward_quota(text) or is_closing_formula(text):
        return
    for phrase, _, _ in partners_in(text):  # partners named inside the duty join its support lines
        for u in split_units(phrase):
            if u not in support and u not in lead:
                support = support + [u]
    own = None if deadline else deadline_in_duty(text, ctx.year, ctx.plan_date) or event_in_duty(text)
    near = Near(node, ctx.found)
    ctx.tasks.append(Task(ref=ref or node.ref, text=text, lead=list(lead), support=list(support),
                          deadline=_with_span(deadline or own or ctx.frame, near), section=ctx.section, span=_span(node, text),
                          product=product,
                          lead_units=_units(lead, near, ctx.level), support_units=_units(support, near, ctx.level)))


# ------------------------------------------------------------------------- goals
def goals_to_kpis(node: Node, inh: Inherited, ctx: Context, inline: Optional[str] = None) -> None:
    sources: list[tuple[str, Node]] = []
    if inline:
        sources.append((inline, node))
    for c in node.children:
        if c.children and not is_goal(c.text):
            # "2. Mục tiêu cụ thể đến năm 2035" / "a) Đối với trẻ em" / "- ... 100% trẻ em ...": goals a level down,
            # due when the heading says
            dl = parse_deadline(c.text, ctx.year)
            goals_to_kpis(c, replace(inh, deadline=dl) if dl and dl.kind in ("by", "on", "period") else inh, ctx)
            continue
        sources.append((_text_of(c), c))
    if not node.children and not inline and node.body:
        sources.append((" ".join(b.text for b in node.body), node))
    for text, src in sources:
        goals = [c for c in split_goals(text) if is_goal(c)]
        for k, clause in enumerate(goals, start=1):
            ref = src.ref if len(goals) == 1 else f"{src.ref}.{k}"
            deadline = inh.deadline or goal_deadline(clause, ctx.year, ctx.period_end, inh.goal_time)
            near = Near(src, ctx.found)
            indicator = clean_indicator(clause)
            # a target shared out in its bracket ('58 trạm (Trong đó: VNPT: 25 trạm, Viettel: 33 trạm)') is led by
            # the parties it is shared to, when no unit leads the group
            lead = list(inh.lead) or breakdown_parties(clause) or breakdown_parties(text)
            ctx.kpis.append(KPI(ref=ref, indicator=indicator, target=parse_target(clause, counts=True),
                                lead=lead, deadline=_with_span(deadline, near),
                                span=locate(indicator, islice(_nearby(src), 1 + len(src.body))) or _span(src),
                                lead_units=_units(lead, near, ctx.level)))


# ---------------------------------------------------------------- responsibility
def _responsibility(nodes: list[Node], ctx: Context) -> tuple[list[str], list[str], Optional[Deadline]]:
    lead: list[str] = []
    support: list[str] = []
    deadline: Optional[Deadline] = None
    for n in nodes:
        fields = key_segments(n.text)
        for k, (role, value) in enumerate(fields):
            lead, support, deadline = _read_field(role, value, n, ctx, lead, support, deadline, k == len(fields) - 1)
    return lead, support, deadline


def _responsibility_fields(fields: list[tuple[str, str]], n: Node, ctx: Context
                           ) -> tuple[list[str], list[str], Optional[Deadline]]:
    lead: list[str] = []
    support: list[str] = []
    deadline: Optional[Deadline] = None
    for role, value in fields:
        lead, support, deadline = _read_field(role, value, n, ctx, lead, support, deadline, children=False)
    return lead, support, deadline


def _read_field(role: Optional[str], value: str, n: Node, ctx: Context, lead: list[str], support: list[str],
                deadline: Optional[Deadline], children: bool = True) -> tuple[list[str], list[str], Optional[Deadline]]:
    """One field of a key line into the lead, support and deadline read so far; the line's children (a key line
    over its units, one a line) belong to its last field."""
    kids = n.children if children else []
    if role == "responsibility":
        if value:
            lead += units_in_key_value(value)
            support += partners_of_lead_line(value)
        sub_lead, sub_support, sub_dl = _responsibility(kids, ctx)
        lead += sub_lead
        support += sub_support
        deadline = deadline or sub_dl
    elif role in ("lead", "support"):
        units: list[str] = units_in_key_value(value) if value else []
        for c in kids:
            unit_part, _ = _split_unit_duty(c.full_text())
            units += split_units(unit_part if unit_part else c.text)
        if role == "lead":
            lead += units
            support += partners_of_lead_line(value)
        else:
            support += units
    elif role == "deadline":
        deadline = parse_deadline(value, ctx.year, ctx.plan_date) or deadline
    return lead, support, deadline


def _product(nodes: list[Node]) -> Optional[str]:
    """What a task delivers, from its "Sản phẩm:" / "Kết quả đầu ra:" line (not scored; kept for users)."""
    for n in nodes:
        role, value = key_of(n.text)
        if role == "product":
            return fold_ws(" ".join([value] + [b.text for b in n.body] + [_text_of(c) for c in n.children])) or None
    return None


@lru_cache(maxsize=None)
def _person_title_stop() -> re.Pattern:
    """'Ông.', 'Bà.', 'Đ/c.': the gazetteer's titles of persons, printed with a stop."""
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(h) for h in lexicon.person_titles()) + r")\.", re.I)


def _split_unit_duty(text: str) -> tuple[Optional[str], str]:
    """'Phòng Nội vụ: Phối hợp với ...' -> ('Phòng Nội vụ', 'Phối hợp với ...')."""
    pos = 0
    while True:
        idx = text.find(":", pos)
        if idx < 0:
            return None, text
        if text[idx + 1:idx + 3] == "//" or re.search(r"https?\s*$", text[max(0, idx - 8):idx], re.I):  # a URL, not a label
            pos = idx + 1
            continue
        left, right = text[:idx].strip(), text[idx + 1:].strip()
        nxt = right.find(":")
        if nxt > 0 and all(starts_unit(p) or p[:1].isupper() for p in [x.strip() for x in right[:nxt].split(",")] if p):
            pos = idx + 1  # 'kind: members, ...: duty' -> keep going
            continue
        if left and right and len(left) < 300 and starts_unit(strip_assignment(left)) \
                and not re.search(r"[.;]\s", _person_title_stop().sub(r"\1", left)):
            # "Ủy ban nhân dân xã huy động ... Hình thức ... gián tiếp:" is no label; "Ông. Hoàng Văn Thuân - Trưởng
            # đoàn: Phụ trách chung ..." is (a person's title with a stop ends no sentence)
            return _label_lead(left, right, text)
        return None, text


def _label_lead(left: str, right: str, text: str) -> tuple[Optional[str], str]:
    """The unit a label before a colon names. 'Bộ Chỉ huy quân sự tỉnh chỉ đạo lực lượng Bộ đội Biên phòng:' leads
    through the force it directs: the unit before the directing verb. 'Công an tỉnh tham mưu triển khai ... tại Dự
    án 1: ...' is a sentence whose colon opens a list, not a label: the item opens with its unit as subject."""
    bare = strip_assignment(left)
    end = unit_span_end(bare)
    rest = fold(bare[end:]).strip()
    if not end or not rest or rest[:1] in "(-–,":
        return left, right
    verb = next((v for v in _folded(tuple(lexicon.units().directing_verbs)) if rest.startswith(v + " ")), None)
    if verb and 0 < len(rest.split()) - len(verb.split()) <= 10:  # the force directed, named in a few words
        return left[: len(left) - len(bare) + end].strip(), right
    if rest.startswith(tuple(v + " " for v in _folded(tuple(lexicon.units().duty_verbs)))):
        return None, text
    return left, right


# --------------------------------------------------------------------- walking
def _is_aside(node: Node) -> bool:
    """A short sub-heading about purpose, audience or budget ('Đối tượng tuyên truyền', 'Kinh phí thực
    hiện'): what it holds is not a duty, unless a budget item gives a unit work to do."""
    text = node.text.strip()
    if node.children and not re.search(r"[.;]$", text) and section_role(node) == "report":
        return True  # "1. Dự báo những tác động đến thu, chi ngân sách" with its a), b): the situation, not work
    if not node.children and _states_funding(text) and not assigns_duty(node):
        return True  # "+ Dự kiến kinh phí thực hiện khoản 10% kinh phí ...": what it costs, not a duty
    if len(text.split()) > 8 or re.search(r"[.;]$", text):
        return False
    if node.children and fold(text).startswith(_time_keys()):
        return False  # "1. Thời gian, đối tượng kiểm tra:" over its sittings: a schedule, not who the plan is for
    role = section_role(node)
    return role == "purpose" or role == "budget" and not assigns_duty(node)


def _without_asides(children: list[Node]) -> list[Node]:
    """The items of a group that may hold duties: asides left out, except the items of an aside that give a unit
    work in so many words ("3. Tiêu chí đánh giá, xếp loại" over "a) Trên cơ sở ..., giao Sở Y tế thành lập đoàn
    kiểm tra ...", not over "b) Trên cơ sở kết quả họp xét ...")."""
    kept = []
    for c in children:
        if not _is_aside(c):
            kept.append(c)
        elif section_role(c) == "purpose" and (work := [x for x in c.children if _gives_work(x.full_text())]):
            kept.extend(work)
    return kept


_GIVES = re.compile(r"(?:^|[,;:]\s*)giao\s+(?:cho\s+)?", re.I)


def _gives_work(text: str) -> bool:
    """'..., giao Sở Y tế thành lập đoàn kiểm tra ...': a clause that gives a named unit work."""
    return any(starts_unit(text[m.end():m.end() + 200]) for m in _GIVES.finditer(text))  # a name is never longer


@lru_cache(maxsize=None)
def _time_keys() -> tuple[str, ...]:
    return tuple(fold(k) for k in lexicon.sections().group_keys["deadline"])


@lru_cache(maxsize=None)
def _funding_openers() -> tuple[str, ...]:
    keys = next(r.keywords for r in lexicon.sections().section_roles if r.role == "budget")
    return tuple(fold(k) for k in keys) + tuple(f"dự kiến {fold(k)}" for k in keys)


def _states_funding(text: str) -> bool:
    return fold(text).startswith(_funding_openers())


def assigns_duty(node: Node) -> bool:
    """An item (or one under it) that hands work to a unit: it opens with a unit as subject, maybe after an opening
    clause ('Căn cứ Kế hoạch này, các cơ quan ... chủ động xây dựng ...'), or has lead or responsibility lines ('Sở
    Tài chính chủ trì ... bố trí kinh phí'), not a statement of funding sources."""
    for n in [node] + _descendants(node):
        role, value = key_of(n.text)
        if role in ("lead", "responsibility", "assignment"):
            return True
        text = strip_assignment(value if role == "duties" else n.full_text())
        if starts_unit(text) and subject_units(text) or _titled_duty(text):
            return True
        if any(_opens_with_clause(t) and duty_subject(t) for t in [text] + [b.text for b in n.body[:1]]):
            return True
    return False


@lru_cache(maxsize=None)
def _folded(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(fold(w) for w in words)


def _opens_with_clause(text: str) -> bool:
    return fold(text).startswith(_folded(tuple(lexicon.units().clause_openers)))


def _states_criteria(node: Node) -> bool:
    """'1. Tiêu chuẩn Bằng khen của Chủ tịch UBND tỉnh': what a nominee must meet."""
    return bool(node.children or node.body) and fold(node.text).startswith(
        _folded(tuple(lexicon.sections().criteria_headings)))


def _without_categories(node: Node) -> Node:
    """A criteria heading without its nominee categories ('a) Đối với tập thể', '+ Đối với UBND cấp xã: Có kết quả
    ...'): what a category must meet assigns no work, though it names a unit after 'Đối với'; a duty listed among
    the criteria ('- Các cơ quan, đơn vị căn cứ thành tích để bình xét ...') stays."""
    openers = tuple(w + " " for w in _folded(tuple(lexicon.sections().category_openers)))
    kept = [_without_categories(c) for c in node.children if not fold(c.text).startswith(openers)]
    return replace(node, children=kept)


@lru_cache(maxsize=None)
def _quota_re() -> re.Pattern:
    nominees = "|".join(re.escape(w) for w in lexicon.sections().reward_nominees)
    return re.compile(rf"(?<!\w)\d+\s+(?:{nominees})(?!\w)")


def sets_reward_quota(text: str) -> bool:
    """'Ban Chỉ đạo bầu cử của tỉnh: Không quá 05 cá nhân', '... mỗi đơn vị đề nghị không quá 01 tập thể, 03 cá
    nhân': how many a unit may put forward for an award, not work it is given."""
    return bool(_quota_re().search(fold(text)))


def _titled_duty(text: str) -> Optional[str]:
    """The duty after a short title that names no unit ('Khen thưởng cấp Nhà nước: Sở Nội vụ phối hợp ...
    báo cáo ...'): the part after the colon when a unit opens it as subject, else None."""
    title, colon, rest = text.partition(":")
    if not colon or not 3 <= len(title.split()) <= 15 or starts_unit(title):
        return None  # "Tập thể: Các cơ quan, đơn vị ...": a word of two syllables names whom the part is about
    rest = rest.strip()
    return rest if duty_subject(rest) else None


def _names_member(node: Node) -> bool:
    """'Trưởng đoàn: Đại diện ...', 'Thành viên: ...': a member and who fills the place, not a duty (so is a
    counted component, '01 vị trí tại khu vực nước cấp ...')."""
    head, _, rest = node.text.partition(":")
    return bool(rest.strip()) and len(head.split()) <= 4 and starts_unit(head)


@lru_cache(maxsize=None)
def _target_announcement_re() -> re.Pattern:
    words = "|".join(re.escape(fold(k)) for k in lexicon.sections().group_keys["goals"])
    return re.compile(rf"(?:{words})(?:\s+[^\s:]+){{0,4}}\s*:$")


def _announces_targets(text: str) -> bool:
    """'..., các nội dung này được cụ thể hóa bằng các chỉ tiêu cụ thể như sau:': what follows are targets."""
    return bool(_target_announcement_re().search(fold(text).strip()))


def _opens_breakdown(text: str) -> bool:
    """'Trong đó:' on a line of its own after a duty: what follows breaks its work down, into targets when each
    item names one and states nothing but its figure ('+ Lắp đặt mới trạm 3G/4G: 58 trạm')."""
    return fold(text).strip().rstrip(":").strip() in {fold(w) for w in lexicon.targets().breakdown_openers} \
        and text.rstrip().endswith(":")


def _lists_members(node: Node) -> bool:
    return bool(re.search(r"(?:bao gồm|gồm có|gồm)\s*:$", fold(_text_of(node))))


def _is_budget_statement(node: Node, text: str) -> bool:
    """'Kinh phí phục vụ công tác kiểm tra ... được bố trí từ ...': where funds come from, not a duty."""
    keys = next(r.keywords for r in lexicon.sections().section_roles if r.role == "budget")
    return fold(text).startswith(tuple(keys)) and not assigns_duty(node)


def _reads_as_duty(text: str) -> bool:
    """An item that states work to do, not a channel or an award it names ('Việc tham gia ...', 'Bằng khen
    của Chủ tịch UBND tỉnh;'): longer than a name and not opening like one."""
    f = fold(text)
    return len(f.split()) > 4 and not f.startswith(tuple(w + " " for w in lexicon.sections().not_duty_openers))


def _has_lead_lines(node: Node) -> bool:
    lines = [n.text for n in _descendants(node)] + [b.text for n in [node] + _descendants(node) for b in n.body]
    return any(key_of(t)[0] in ("lead", "responsibility") for t in lines)


def _descendants(node: Node) -> list[Node]:
    out: list[Node] = []
    for c in node.children:
        out.append(c)
        out.extend(_descendants(c))
    return out


def intro_lead(node: Node) -> list[str]:
    """The units an intro names as the subject of the items under it ('...; các sở, ban, ngành, ... triển khai
    ..., tập trung thực hiện các nội dung chủ yếu sau:'): a group-level unit line in prose."""
    if not node.body or not node.children or not node.body[-1].text.rstrip().endswith(":"):
        return []
    # "Căn cứ ...; các sở ... tiến hành ...; ... sau:"; a colon inside it parts clauses too (and is what OCR reads a
    # semicolon as: "... thành công: các sở, ban, ngành ... triển khai ...")
    for clause in reversed(re.split(r"[;:]\s*", node.body[-1].text.rstrip()[:-1])):
        subject = subject_units(strip_assignment(clause))
        if subject:
            return split_units(subject)
    return []


INTRO_PHRASES = 6  # commas an intro's units may come after ("Nhằm ..., bên cạnh ..., các bộ, ngành ...")
INTRO_REST = 400  # characters read after each: a long intro costs no more than a short one


def _intro_inherited(node: Node) -> Inherited:
    """What a task section's intro hands its items: the units it names as their subject (intro_lead); else units
    named after an opening phrase ("Nhằm đạt được mục tiêu ..., bên cạnh các nhiệm vụ thường xuyên, các bộ, ngành,
    địa phương cần tổ chức triển khai thực hiện các nhiệm vụ sau đây:"), which lead the items that name no unit of
    their own."""
    lead = intro_lead(node)
    if lead or not node.body or not node.children or not _announces_items(node.body[-1].text):
        return Inherited(lead=lead)
    intro = node.body[-1].text.rstrip()[:-1]
    for m in islice(re.finditer(r",\s+", intro), INTRO_PHRASES):
        rest = intro[m.end():m.end() + INTRO_REST]  # the units and their verb follow the opening phrase closely
        subject = subject_units(rest)
        if subject:
            if re.search(rf"(?<!\w)(?:{_intro_duty_verbs()})(?!\w)", fold(rest[len(subject):])):
                return Inherited(fallback_lead=split_units(subject))
            break
    return Inherited()


@lru_cache(maxsize=None)
def _partners_below() -> re.Pattern:
    words = "|".join(re.escape(fold(w)) for w in sorted(lexicon.sections().partners_below, key=len, reverse=True))
    return re.compile(rf"(?:[\w.]{{1,6}}[.)]\s*|[-+•]\s*)?(?:{words})\s*:?")


def _opening_partners(leaf: Node, text: str, named: list[str]) -> list[str]:
    """'2.3. Công an tỉnh' / 'b) Chủ trì, phối hợp' / '- Sở Tài chính và các đơn vị có liên quan tham mưu ...': under
    an item that only says its unit leads with partners, a duty opens with the partners it is done with."""
    parent = leaf.parent
    if parent is None or parent.body or not _partners_below().fullmatch(fold(parent.text.strip())):
        return []
    subject = duty_subject(text)
    return [u for u in (split_units(subject) if subject else []) if u not in named]


@lru_cache(maxsize=None)
def _intro_announcer() -> re.Pattern:
    words = "|".join(re.escape(fold(w)) for w in lexicon.sections().intro_announcers)
    return re.compile(rf"(?<!\w)(?:{words})\s*:$")


def _announces_items(text: str) -> bool:
    """'... thực hiện các nhiệm vụ sau đây:', '... các nội dung sau:': an intro announcing the items below."""
    return bool(_intro_announcer().search(fold(text.rstrip())))


@lru_cache(maxsize=None)
def _intro_duty_verbs() -> str:
    return "|".join(re.escape(fold(w)) for w in lexicon.sections().intro_duty_verbs)


def _key_of_item(node: Node) -> tuple[Optional[str], str]:
    """An item's key, except that a heading over duties ("2. Tiến độ thực hiện" with a), b) duties under it) is
    a group of them, not a time line."""
    role, value = key_of(node.text)
    if role == "deadline" and not value and node.children \
            and any(len(c.text.split()) > 12 or not parse_deadline(c.text) for c in node.children):
        return None, node.text
    if role is None and node.children and len(node.text.split()) <= 12 and section_role(node) == "goals":
        return "goals", ""  # "6. Chỉ tiêu chủ yếu đến năm 2030" among the duties: its items are KPIs
    return role, value


STAFF_KINDS = ("civil_servant", "public")  # the people a duty is about ("Cán bộ, công chức tự học ..."), not a body


def _states_aims(sec: Node) -> bool:
    """'I. MỤC ĐÍCH, YÊU CẦU': a part stating the plan's aims, whose numeric goals ('Bảo đảm đạt ít nhất 40% địa bàn
    cấp xã không ma túy trong năm 2026') are targets; not its scope or its subjects (PHẠM VI, ĐỐI TƯỢNG)."""
    return fold(sec.text).startswith(_folded(tuple(lexicon.sections().aims_headings)))


def _own_lead(text: str, inh: Inherited, ctx: Context, bodies_only: bool = False) -> list[str]:
    """The lead a duty inherits, else, in a task section, the unit it opens with as subject ("Giao Công an tỉnh
    tham mưu ...", "Sở Tư pháp tham mưu ..."); `bodies_only`: a body, not staff or the public (a Nhiệm vụ bullet
    "Cán bộ, công chức tự học ..." says what they do, it assigns no unit)."""
    if inh.lead or not ctx.subject_lead or not (s := duty_subject(text)):
        return inh.lead or list(inh.fallback_lead)
    units = split_units(s)
    if bodies_only and any(canonical_unit(u).kind in STAFF_KINDS for u in units):
        return []
    return units


def walk_items(children: list[Node], inh: Inherited, ctx: Context) -> None:
    children = _without_asides(children)
    roles = [_key_of_item(c) for c in children]
    for (role, value), c in zip(roles, children):
        if role == "deadline":
            when = value or " ".join(b.text for b in c.body) or _text_of(c)
            dl = parse_deadline(when, ctx.year, ctx.plan_date)
            if dl:
                inh = replace(inh, deadline=dl)
    if _session(children, roles, inh, ctx):
        return
    for (role, value), c in zip(roles, children):
        if role == "deadline" and not value and c.body and not c.children \
                and (subject := duty_subject(body := _body_of(c, drop_closing=False))):
            # "3.4. Thời gian gửi hồ sơ khen thưởng:" / "Các cơ quan, đơn vị ... gửi về Sở Nội vụ trước ngày 15/02/2027":
            # the time line's paragraph hands a unit its work
            _add_task(ctx, c, body, split_units(subject), list(inh.support), None, product=inh.product)
            continue
        if role in ("deadline", "lead", "support", "responsibility", "product", "venue", "audience", "contents",
                    "quantity"):
            continue
        if role == "goals":
            dl = parse_deadline(c.text, ctx.year) if not value else None  # "Chỉ tiêu chủ yếu đến năm 2030"
            goals_to_kpis(c, replace(inh, deadline=dl) if dl and dl.kind in ("by", "on", "period") else inh, ctx,
                          inline=value or None)
        elif role == "duties" and not value and c.children and (c.text.isupper() or any(
                _heading_units(k, ctx) for k in c.children if k.children or k.body)):
            item(c, inh, ctx)  # "B. NHIỆM VỤ CỤ THỂ" over unit headings: a part of the plan, not a group's duty line
        elif role == "duties":
            if c.children:
                for leaf in _duty_leaves(c):
                    text = _duty_text(leaf)
                    _add_task(ctx, leaf, text, _own_lead(text, inh, ctx, bodies_only=True), list(inh.support),
                              inh.deadline, product=inh.product)
            else:
                text = fold_ws(" ".join([value] + [b.text for b in c.body]))
                _add_task(ctx, c, text, _own_lead(text, inh, ctx, bodies_only=True), list(inh.support), inh.deadline,
                          product=inh.product)
        elif role == "assignment":
            assignment(c, inh, ctx, inline=value)
        elif role is None and key_of(c.text)[0] == "deadline":
            item(c, replace(inh, deadline=None), ctx)  # "2. Tiến độ thực hiện" over its a), b): each states its time
        else:
            done = len(ctx.tasks)
            item(c, inh, ctx)
            if not inh.lead and not c.children and len(ctx.tasks) == done + 1 and ctx.tasks[-1].lead \
                    and _announces_siblings(c):
                # "- Ban Thường trực ... chủ trì tổ chức đoàn kiểm tra ... Cụ thể:" / "- Ban hành quyết định ...": the
                # bullets after it, at its own level, are its steps, led by it unless they name a subject of their own
                inh = replace(inh, fallback_lead=list(ctx.tasks[-1].lead))


@lru_cache(maxsize=None)
def _sibling_announcer() -> re.Pattern:
    words = "|".join(re.escape(fold(w)) for w in lexicon.sections().sibling_announcers)
    return re.compile(rf"(?:{words})\s*:$")


def _announces_siblings(node: Node) -> bool:
    return bool(_sibling_announcer().search(fold(_text_of(node))))


def _session(children: list[Node], roles: list[tuple[Optional[str], str]], inh: Inherited, ctx: Context) -> bool:
    """An inspection or exam schedule describing one session (Thời gian / Địa điểm / Đối tượng lines) is
    one task: the Đối tượng line is its text, the Thời gian line its deadline; what is checked (Nội dung
    kiểm tra) is not a task. Without a lead of its own it takes the unit TỔ CHỨC THỰC HIỆN charges."""
    kinds = [r for r, _ in roles]
    if "audience" not in kinds or not {"deadline", "venue"} & set(kinds) or "duties" in kinds:
        return False  # with a 'Nội dung:' line of its own, that line is the duty and the audience only who attends
    k = kinds.index("audience")
    node, value = children[k], roles[k][1]
    text = fold_ws(" ".join([value] + [b.text for b in node.body] + [_text_of(c) for c in node.children]))
    _add_task(ctx, node, text, inh.lead, list(inh.support), inh.deadline, product=inh.product)
    if not inh.lead:
        ctx.unled.append(ctx.tasks[-1])
    for (role, _), c in zip(roles, children):
        if role not in ("deadline", "venue", "audience", "contents", "lead", "support", "responsibility", "product"):
            item(c, inh, ctx)
    return True


_GROUP_LINES = ("responsibility", "lead", "support", "deadline", "product")


def _lines_of(lines: list[Node], inh: Inherited, ctx: Context) -> Inherited:
    lead, support, deadline = _responsibility(lines, ctx)
    return Inherited(lead=lead or inh.lead, support=support or inh.support, deadline=deadline or inh.deadline,
                     product=_product(lines) or inh.product)


def _line_runs(node: Node) -> Optional[list[tuple[list[Node], list[Node]]]]:
    """A group whose items are each followed by unlabelled lead/support/deadline lines ('- duty' then
    'Đơn vị chủ trì thực hiện: X.' 'Thời gian thực hiện: Thường xuyên.'): the lines are read into the body
    of the item above them, but they belong to every item since the previous lines. Returns the runs of
    (items, lines), or None when no item's body ends with such lines."""
    runs: list[tuple[list[Node], list[Node]]] = []
    pending: list[Node] = []
    found = False
    for c in node.children:
        k = len(c.body)
        while k > 0 and key_of(c.body[k - 1].text)[0] in _GROUP_LINES:
            k -= 1
        if k == len(c.body) or c.children:
            pending.append(c)
            continue
        found = True
        lines = [Node(label=None, text=b.text, block=b, parent=node, ref=node.ref) for b in c.body[k:]]
        runs.append((pending + [replace(c, body=c.body[:k])], lines))
        pending = []
    if not found:
        return None
    if pending:
        runs.append((pending, []))
    return runs


@lru_cache(maxsize=None)
def _phase_heading_res() -> tuple[re.Pattern, re.Pattern]:
    """A numbered phase with its time ('Đợt 1: Trong tháng 12/2025'), and a phase label before its span."""
    labels = "|".join(re.escape(w) for w in lexicon.sections().phase_labels)
    return (re.compile(rf"^\s*(?:{labels})\s*(?:\d{{1,2}}|[IVX]{{1,4}}|một|hai|ba|bốn|năm)\s*[:.\-–]\s*(.+)$", re.I),
            re.compile(rf"^\s*(?:{labels})\s+(.+?)[\s:.]*$", re.I))


def phase_deadline(text: str, year: Optional[int]) -> Optional[Deadline]:
    """The time a phase heading gives the items under it ('Đợt 1: Trong tháng 12/2025', 'Giai đoạn 2: Từ
    tháng 01 đến ngày bầu cử 15/3/2026'): a group-level time line in the heading itself."""
    m = _phase_heading_res()[0].match(text)
    if not m:
        return None
    when = m.group(1).strip(" .;")
    return parse_deadline(when, year) if len(when) <= 80 else None


def _phase_span(node: Node, ctx: Context) -> Optional[Deadline]:
    """A phase heading that is its span and nothing else ('1. Giai đoạn 2025 - 2030' over the duties of a
    LỘ TRÌNH THỰC HIỆN): the span is its items' time, as 'Đợt 1: Trong tháng 12/2025' is."""
    if not node.children or len(node.text.split()) > 8:
        return None
    m = _phase_heading_res()[1].match(node.text)
    dl = parse_deadline(m.group(1), ctx.year, ctx.plan_date) if m and re.search(r"\d{4}", m.group(1)) else None
    return dl if dl is not None and dl.kind == "period" else None


def _heading_span(node: Node, ctx: Context) -> Optional[Deadline]:
    """A group heading that times its items ('1. Nội dung tuyên truyền xuyên suốt từ nay đến kết thúc cuộc bầu
    cử'): the span it names applies to them, as a group time line would."""
    if not node.children:
        return None
    m = re.search(r"(?<!\w)(?:kể từ|từ)\s.+?(?<!\w)đến(?!\w).+$", node.text, re.I)
    dl = parse_deadline(m.group(0), ctx.year, ctx.plan_date) if m else None
    return dl if dl is not None and dl.kind in ("period", "by") else None


def _year_frame(sec: Node, ctx: Context) -> Optional[Deadline]:
    """A task section headed as done within a year ('III. MỘT SỐ HOẠT ĐỘNG TUYÊN TRUYỀN TRỌNG TÂM TRONG NĂM 2026'):
    its items are due by the year's end unless a time line or the duty itself says when."""
    m = re.search(r"(?<!\w)trong\s+năm\s+\d{4}(?=[\s.:]*$)", sec.text, re.I)
    dl = parse_deadline(m.group(0), ctx.year, ctx.plan_date) if m else None
    return dl if dl is not None and dl.kind == "by" else None


def item(node: Node, inh: Inherited, ctx: Context) -> None:
    phase = phase_deadline(node.text, ctx.year) or _phase_span(node, ctx) or _heading_span(node, ctx)
    if phase is not None:
        inh = replace(inh, deadline=phase)
    audience = key_of(node.body[0].text) if phase is not None and node.body else (None, "")
    if audience[0] == "audience":
        # "Đợt 1: Từ 13h30’ ngày 02/6/2026" over "Đối tượng: ..., cụ thể:" and its list: one sitting of an exam
        # or inspection, as a session's Thời gian / Đối tượng lines are
        parts = [audience[1]] + [b.text for b in node.body[1:]] + [_text_of(x) for x in _descendants(node)]
        _add_task(ctx, node, fold_ws(" ".join(parts)), list(inh.lead), list(inh.support), phase, product=inh.product)
        if not inh.lead:
            ctx.unled.append(ctx.tasks[-1])
        return
    if node.children and node.body and all(key_of(b.text)[0] in _GROUP_LINES for b in node.body):
        # "1. Nhóm nhiệm vụ tuyên truyền" / "Đơn vị chủ trì: X; Đơn vị phối hợp: Y." over its a), b): the group's
        # lines apply to every duty under it
        inh = _lines_of([Node(label=None, text=b.text, block=b, parent=node, ref=node.ref) for b in node.body], inh, ctx)
    runs = _line_runs(node)
    if runs is not None:
        # each run of duties with its own responsibility lines is one task (the contract's "numbered item with
        # its own responsibility lines"), named by the item when the run is all of it
        for items, lines in runs:
            if not lines or len(items) == 1 and len(runs) > 1:
                for c in items:
                    item(c, _lines_of(lines, inh, ctx), ctx)
                continue
            group = _lines_of(lines, inh, ctx)
            text = " ".join(_text_of(c) for c in items)
            leads = group.lead
            if not leads and ctx.subject_lead:
                subject = duty_subject(text)
                leads = split_units(subject) if subject else []
            _add_task(ctx, items[0], text, leads, list(group.support), group.deadline, product=group.product,
                      ref=node.ref if len(runs) == 1 else items[0].ref)
        return
    child_roles = [key_of(c.text)[0] for c in node.children]
    plain = [c for c, r in zip(node.children, child_roles) if r is None]
    if plain and any(r in ("responsibility", "lead", "support") for r in child_roles) and "duties" not in child_roles:
        # a group's own lead/support/deadline lines apply to each duty listed in it
        group = _lines_of([c for c, r in zip(node.children, child_roles) if r in _GROUP_LINES], inh, ctx)
        for c in plain:
            item(c, group, ctx)
        return
    if any(r in ("responsibility", "lead", "support") for r in child_roles):
        lead, support, deadline = _responsibility(node.children, ctx)
        parts = [_text_of(node)]
        for c, r in zip(node.children, child_roles):
            if r == "duties":
                _, value = key_of(c.text)
                parts.append(value)
                parts += [b.text for b in c.body]
                parts += [_text_of(x) for x in c.children]
        for c, r in zip(node.children, child_roles):
            if r == "goals":
                goals_to_kpis(c, replace(inh, deadline=deadline or inh.deadline), ctx, inline=key_of(c.text)[1] or None)
        _add_task(ctx, node, " ".join(parts), lead or inh.lead, support or list(inh.support), deadline or inh.deadline,
                  product=_product(node.children) or inh.product)
        return
    if any(r is not None for r in child_roles):
        walk_items(node.children, inh, ctx)
        return
    if node.children and node.body and _opens_breakdown(node.body[-1].text) \
            and all(not c.children and (goals := split_goals(_text_of(c))) and is_named_target(goals[0])
                    for c in node.children):
        # "- Triển khai cáp quang ...: Đảm bảo ..." / "Trong đó:" / "+ Lắp đặt mới trạm 3G/4G: 58 trạm": the item
        # is the duty, its breakdown the targets
        text = fold_ws(" ".join([node.text] + [b.text for b in node.body[:-1]]))
        lead = _own_lead(text, inh, ctx)
        _add_task(ctx, node, text, lead, list(inh.support), inh.deadline, product=inh.product)
        goals_to_kpis(Node(label=None, text="", block=None, children=node.children, ref=node.ref), inh, ctx)
        return
    if node.children and node.body and _announces_targets(node.body[-1].text) \
            and sum(is_goal(_text_of(c)) for c in node.children) * 2 > len(node.children):
        # "... được cụ thể hóa bằng các chỉ tiêu cụ thể như sau: (1) 100% ... (2) Ít nhất 85% ...": the paragraph
        # is the duty, the items it announces are its targets
        body = _body_of(node, drop_closing=False)
        lead = _own_lead(body, inh, ctx)
        _add_task(ctx, node, body, lead, list(inh.support), inh.deadline, product=inh.product)
        goals_to_kpis(Node(label=None, text="", block=None, children=node.children, ref=node.ref), inh, ctx)
        return
    if node.children and _lists_members(node):
        # "Ban hành quyết định thành lập Đoàn kiểm tra bao gồm: - Trưởng đoàn: ... - Thành viên: ...": the
        # members it names are the duty's own content; duties listed after them are tasks of their own
        members = list(takewhile(lambda c: _names_member(c) or c.text.lstrip()[:1].isdigit(), node.children))
        text = fold_ws(" ".join([_text_of(node)] + [_text_of(x) for m in members for x in [m] + _descendants(m)]))
        lead = _own_lead(text, inh, ctx)
        _add_task(ctx, node, text, lead, list(inh.support), inh.deadline, product=inh.product)
        rest = node.children[len(members):]
        if rest:  # a lead the item only falls back on stays a fallback for the duties after its members
            walk_items(rest, inh if lead == inh.fallback_lead and not inh.lead else replace(inh, lead=lead), ctx)
        return
    units = _heading_units(node, ctx)
    if units is not None:
        leaves = _duty_leaves(node)
        if node.children:
            # a unit heading with a single duty: the duty is the item and takes its ref
            single = len(leaves) == 1 and len(node.children) == 1
            support = list(inh.support) + [u for ph, _, _ in partners_in(node.text) for u in split_units(ph)
                                           if u not in inh.support and u not in units]  # "X chủ trì, phối hợp Y"
            for leaf in leaves:
                text = _duty_text(leaf, drop_closing=leaf is ctx.last)
                _add_task(ctx, leaf, text, units, support + _opening_partners(leaf, text, units + support),
                          inh.deadline, product=inh.product, ref=node.ref if single else None)
        else:
            body = _body_of(node, drop_closing=node is ctx.last)
            if body:
                _add_task(ctx, node, body, units, list(inh.support), inh.deadline, product=inh.product)
        return
    if node.children and _lists_objects(node):
        # "4. Đánh giá kết quả thực hiện ... trên các lĩnh vực:" over "- Nhóm giải pháp chính trị, xã hội." ...: the
        # fields its one duty covers, not duties of their own
        text = _duty_text(node)
        lead = _own_lead(text, inh, ctx)
        _add_task(ctx, node, text, lead, list(inh.support), inh.deadline, product=inh.product)
        return
    if node.children and ctx.subject_lead and not inh.lead and (own := _subject_duty(node)) is not None:
        # "1. Các cơ quan, đơn vị ... căn cứ chức năng, nhiệm vụ được giao xây dựng kế hoạch ...; đề ra giải pháp ..."
        # over "- Giới thiệu điển hình ..." / "- Báo cáo ...": the unit's duty, then more of its duties
        text, lead = own
        _add_task(ctx, node, text, lead, list(inh.support), inh.deadline, product=inh.product)
        walk_items(node.children, replace(inh, lead=lead), ctx)
        return
    if node.children:
        walk_items(node.children, _with_introduction(node, inh, ctx), ctx)
        return
    text = _text_of(node, drop_closing=node is ctx.last)
    if _is_budget_statement(node, text):
        return
    text, fields = inline_fields(text)
    if fields:  # "... trên địa bàn (Chủ trì: X; phối hợp: Y; thời gian: Quý II/2026)": the duty's own lines
        lead, support, deadline = _responsibility_fields(fields, node, ctx)
        inh = replace(inh, lead=lead or inh.lead, support=support or inh.support, deadline=deadline or inh.deadline)
    unit, duty = _split_unit_duty(text)
    if unit:  # "Phòng Nội vụ: Phối hợp với ..."
        _add_task(ctx, node, duty, split_units(unit), list(inh.support), inh.deadline, product=inh.product)
        return
    lead = inh.lead
    if not lead and ctx.subject_lead:
        # the item's subject, or its first paragraph's when the item is a heading over it
        # ("3. Xây dựng các văn bản ..." / "Sở, ban, ngành thuộc UBND Thành phố có trách nhiệm rà soát ...")
        subject = duty_subject(text)
        if subject is None and ctx.section == "organisation" and (asked := _requested(text)):
            subject = subject_units(asked)  # "Khuyến khích Liên đoàn Lao động tỉnh, Hội Nông dân tỉnh ... tham gia ..."
        if subject is None and node.body and not re.search(r"[.;]$", node.text.strip()):
            subject = duty_subject(node.body[0].text)
        if subject is None and (titled := _titled_duty(text)):
            subject = duty_subject(titled)
        if subject is None:
            subject = _lead_named_later(text)
        lead = split_units(subject) if subject else list(inh.fallback_lead)
    _add_task(ctx, node, text, lead, list(inh.support), inh.deadline)


def _with_introduction(node: Node, inh: Inherited, ctx: Context) -> Inherited:
    """A group's introduction ("Trong giai đoạn 2026 - 2030, Đảm bảo xây dựng trạm BTS 5G đạt 100% ..., cụ thể như
    sau:") is no duty: a numeric goal it states is a KPI, and the time it opens with is when the goals below fall due."""
    if not node.body or any(key_of(b.text)[0] is not None for b in node.body):
        return inh
    intro = _body_of(node, drop_closing=False)
    goals_to_kpis(Node(label=None, text=node.text, block=node.block, body=node.body, ref=node.ref), inh, ctx)
    when = leading_time(intro)
    dl = parse_deadline(when, ctx.year, ctx.plan_date) if when else None
    return replace(inh, goal_time=dl) if dl is not None and dl.kind in ("by", "period") else inh


_CLAUSE_START = re.compile(r"[.;:,]\s+")
_LEAD_WORD = re.compile(r"\s*,?\s*chủ\s+trì(?!\w)", re.I)


def _lead_named_later(text: str) -> Optional[str]:
    """'Đẩy mạnh tuyên truyền ... . Giao Ban Tuyên giáo chủ trì, phối hợp với ...', '...; Sở Nội vụ chủ trì thực
    hiện', '..., giao Sở Y tế chủ trì': a duty stated first, then the unit that leads it, in a later sentence or
    clause opening with it. After a comma only with "giao"/"đề nghị": a comma may go on with a list ("báo cáo Ban
    Chỉ đạo, Sở X và các Sở, ngành chủ trì ...": the bodies reported to, that lead something else)."""
    for m in _CLAUSE_START.finditer(text, 0, 2000):  # the lead follows the duty it is given, not pages later
        after = text[m.end():m.end() + 300]  # a clause's opening names its subject
        rest = strip_assignment(after)
        if m.group(0).startswith(",") and rest == after:
            continue
        if starts_unit(rest) and (subject := subject_units(rest)) and (_LEAD_WORD.match(rest, len(subject))
                                                                        or _done_by_closing().match(rest, len(subject))):
            return subject
    return None


@lru_cache(maxsize=1)
def _done_by_closing() -> re.Pattern:
    """' thực hiện.', ' phụ trách;' right after a later clause's subject, ending the clause: that unit does the duty."""
    words = alternation(lexicon.sections().done_by_closings)
    return re.compile(rf"\s+(?:{words})\s*(?:[.;]|$)", re.I)


def _points_to_appendix(text: str) -> bool:
    """'Các nhiệm vụ cụ thể tại Phụ lục kèm theo Kế hoạch này.', '(Chi tiết tại bảng dưới đây)': where the duties
    are, or a note in brackets, not one of them."""
    f = fold(text).strip()
    if len(f.split()) > 20:
        return False
    note = f.startswith("(") and f.rstrip(" .").endswith(")") and f.count("(") == 1
    return note or bool(re.search(r"(?<!\w)(?:phụ lục|biểu mẫu)(?!\w)", f)) and not starts_unit(text)


def _paragraph_items(sec: Node) -> list[Node]:
    """A task part printed as plain paragraphs, no item numbered (numbering lost in a copy, or never typed): each
    paragraph is an item (the contract's 'unbulleted Nhiệm vụ paragraph'), but not one that announces a list (':')."""
    paragraphs = [b for b in sec.body if not b.text.rstrip().endswith(":") and not _points_to_appendix(b.text)]
    return [Node(label=None, text=b.text, block=b, parent=sec, ref=f"{sec.ref}.{k}") for k, b in enumerate(paragraphs, 1)]


def _subject_duty(node: Node) -> Optional[tuple[str, list[str]]]:
    """An item that is itself a finished duty sentence of a unit, over duties that name no unit of their own: its
    text and that unit."""
    text = _text_of(node)
    if not re.search(r"[.;]$", text.rstrip()) or any(starts_unit(strip_assignment(c.text)) for c in node.children):
        return None
    subject = duty_subject(text)
    if subject is None or len(text) - len(subject) < 40:
        return None
    return text, split_units(subject)


@lru_cache(maxsize=None)
def _request_re() -> re.Pattern:
    return re.compile(rf"^\s*(?:{alternation(lexicon.units().request_openers)})\s+", re.I)


def _requested(text: str) -> Optional[str]:
    """'Khuyến khích Đoàn Thanh niên ... chỉ đạo ...' -> 'Đoàn Thanh niên ... chỉ đạo ...': the body asked to act."""
    m = _request_re().match(text)
    return text[m.end():] if m and starts_unit(text[m.end():]) else None


def _lists_objects(node: Node) -> bool:
    """A duty announcing a list ('Đánh giá ... trên các lĩnh vực:') whose items, three in four or more, neither open
    with work nor name a unit: what the duty covers."""
    kids = node.children
    if len(kids) < 3 or any(c.children for c in kids) or not _text_of(node).rstrip().endswith(":") \
            or len(node.text.split()) < 6 or starts_unit(strip_assignment(node.text)) or key_of(node.text)[0]:
        return False
    objects = [c for c in kids if _names_component(c.text) or not _opens_with_work(c.text)
               and not starts_unit(strip_assignment(c.text)) and key_of(c.text)[0] is None and not _labels_unit_or_place(c.text)]
    return len(objects) * 4 >= len(kids) * 3


@lru_cache(maxsize=None)
def _component_re() -> re.Pattern:
    return re.compile(rf"^[\s\-+•*]*(?:{alternation(lexicon.sections().programme_components)})\s+\d+\b", re.I)


def _names_component(text: str) -> bool:
    """'Dự án 1: Phòng ngừa, đấu tranh tội phạm ...', 'Tiểu dự án 2 ...': a numbered part of a programme, named by
    what it does; listed under a duty it is what the duty covers, not work of its own."""
    return bool(_component_re().match(text))


def _labels_unit_or_place(text: str) -> bool:
    """'Sở Y tế: ...', 'Xã Tân Tiến: Lấy mẫu ...': a label naming who or where, not a topic ('Về tiêu chuẩn: ...')."""
    left = text.split(":", 1)[0] if ":" in text[:80] else ""
    if not left:
        return False
    words = left.split()
    return starts_unit(strip_assignment(left)) or len(words) >= 2 and fold(words[0]) in place_words() \
        and words[1][:1].isupper()


def _body_of(node: Node, drop_closing: bool) -> str:
    parts: list[str] = []
    for b in node.body:
        if drop_closing and parts and (_closing(b.text) or re.search(r"[.;!]$", parts[-1].strip())):
            break
        parts.append(b.text)
    return fold_ws(" ".join(parts))


def _topic_heading(heading: str) -> bool:
    """A heading naming a kind of body in general ('Doanh nghiệp số', 'Cơ quan nhà nước số'): no determiner,
    no body of its own, just a kind with a lowercase qualifier."""
    f = fold(heading).rstrip(" .:")
    if f.startswith(tuple(d + " " for d in lexicon.units().plural_determiners)):
        return False
    words = heading.split()
    kind = next((k for k in _bare_kind_words() if f == k or f.startswith(k + " ")), None)
    if kind is None or len(f.split()) > 5:
        return False
    after = words[len(kind.split())] if len(words) > len(kind.split()) else ""
    return not after[:1].isupper()  # "Sở Công Thương" names one body: its name is capitalised


@lru_cache(maxsize=None)
def _bare_kind_words() -> tuple[str, ...]:
    return tuple(sorted((fold(k) for k in lexicon.units().bare_kinds), key=len, reverse=True))


def _names_duty(words: str) -> bool:
    """Words after a heading's unit that give it work ('tham mưu ...', 'có trách nhiệm', 'thực hiện các nội
    dung sau') rather than describe it ('sản xuất giống, NTTS thương phẩm')."""
    f = fold(words).strip(" ,;:")
    verbs = _duty_openers()
    return bool(re.match(rf"(?:{verbs})(?!\w)", f)) or any(re.search(rf"(?<!\w)(?:{fold(v)})(?!\w)", f)
                                                           for v in lexicon.units().duty_verbs) \
        or bool(re.search(r"\s(?:như|sau|gồm)\s*$", f))


@lru_cache(maxsize=None)
def _duty_openers() -> str:
    """Words a unit's name never runs into (data/unit_spans.json stops, the duty verbs): a verb after the unit."""
    words = {fold(w) for w in lexicon.units().duty_verbs + lexicon.unit_spans().stops}
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _heading_units(node: Node, ctx: Context) -> Optional[list[str]]:
    """Units a heading names when it only names units ('2. Phòng Văn hóa Thông tin', '- Uỷ ban nhân dân
    các phường:', 'Các ngân hàng: Vietcombank, ...'), so the duties under it (or its body) are theirs."""
    text = node.text.strip()
    heading = strip_assignment(text)
    if not starts_unit(heading) or not (node.children or node.body):
        return None
    if ctx.section == "rewards" or ctx.section != "organisation" and _topic_heading(heading):
        return None  # "i) Doanh nghiệp số" in NHIỆM VỤ: what the duties are about, not who does them
    if is_level_name(heading):
        return [heading.strip(" .:")]
    if text.endswith(":") and (node.children or node.body):
        inner = heading.rstrip(" :")
        if ":" in inner or unit_phrase_end(inner) >= len(inner) - 1:
            return split_units(text)
        subject = subject_units(inner)  # "Các đơn vị, địa phương tham mưu ..., như:" -> its subject leads
        if subject and ctx.section == "organisation" and node.children and len(inner.split()) <= 12 \
                and not _names_duty(inner[len(subject):]):
            # "4. Các cơ sở sản xuất giống, NTTS thương phẩm:" over its duties: the kind of body described by
            # what it does, with no duty of its own in the heading: one unit as printed
            return [inner]
        return split_units(subject) + _directed_doers(heading[len(subject):]) if subject else None
    if node.children and ctx.subject_lead and ":" in text:
        return split_units(text)  # "Các ngân hàng: Vietcombank, ...; Bưu điện." over its duties
    parts = [p.strip() for p in heading.rstrip(" .").split(";")]
    if node.children and ctx.subject_lead and len(parts) > 1 and all(starts_unit(p) for p in parts):
        return split_units(text)  # "Các phòng, ban thuộc UBND; các cơ quan ngành dọc ...; UBND các phường."
    if re.search(r"[;!?]$", text) or len(text) > 150:
        return None
    phrase = heading.rstrip(" .:")
    if unit_phrase_end(phrase) >= len(phrase) - 1:
        return split_units(text)
    if ctx.section == "organisation" and node.children and not text.endswith("."):
        subject = subject_units(phrase)
        if subject and len(phrase.split()) <= 16 and re.match(r"\W*(?:chủ trì,?\s+phối hợp|chỉ đạo)(?!\w)", fold(phrase[len(subject):])):
            # "8.1. Sở Tài chính chủ trì, phối hợp các sở, ban, ngành" over its duties: the unit that leads them (the
            # partners it names are their support)
            return split_units(subject)
        # "2. Các Sở, ngành chủ trì, quản lý, tham gia thực hiện các dự án ... thuộc Chương trình" over its
        # duties: a unit heading whose name describes the units by what they do; it is one unit as printed
        return [phrase]
    return None


def _directed_doers(rest: str) -> list[str]:
    """'Sở Nông nghiệp và Môi trường | chỉ đạo Chi cục Thủy sản thực hiện các nội dung sau:': the unit a heading's
    unit directs to carry out the items below leads them with it."""
    m = re.match(r"\W*(?:chỉ\s+đạo|giao)\s+", rest, re.I)
    if not m or not _announces_items(rest):
        return []
    doers = subject_units(rest[m.end():])
    if not doers or not re.match(rf"\W*(?:\w+\s+){{0,3}}?(?:{_intro_duty_verbs()})(?!\w)",
                                 fold(rest[m.end() + len(doers):])):
        return []
    return split_units(doers)


def assignment(node: Node, inh: Inherited, ctx: Context, inline: str = "") -> None:
    if inline and not node.children:
        unit, duty = _split_unit_duty(inline)
        _add_task(ctx, node, duty, split_units(unit) if unit else inh.lead, list(inh.support), inh.deadline, product=inh.product)
        return
    for c in node.children:
        if c.children:
            units = split_units(c.text)
            for leaf in _duty_leaves(c):
                _add_task(ctx, leaf, _duty_text(leaf), units, list(inh.support), inh.deadline, product=inh.product)
            continue
        full = _text_of(c)
        unit, duty = _split_unit_duty(full)
        if unit:
            _add_task(ctx, c, duty, split_units(unit), list(inh.support), inh.deadline, product=inh.product)
            continue
        subject = subject_units(full)
        lead = split_units(subject) if subject else inh.lead
        _add_task(ctx, c, full, lead, list(inh.support), inh.deadline, product=inh.product)


def organisation(sec: Node, ctx: Context) -> None:
    """TỔ CHỨC THỰC HIỆN: unit headings lead the duties under them; a duty opening with a unit has it
    as lead; closing paragraphs after the last duty are not tasks."""
    ctx.subject_lead = True
    ctx.last = _leaves(sec)[-1] if sec.children else None
    inh = Inherited(lead=intro_lead(sec))  # "Giao phòng Quản lý Công nghiệp triển khai ... các công việc liên quan:"
    ctx.charged = ctx.charged or list(inh.lead)
    for c in sec.children:  # "1. Thời gian thực hiện" beside "2. Trách nhiệm thực hiện": the section's time
        role, value = key_of(c.text)
        when = value or " ".join(b.text for b in c.body) or _text_of(c)
        if role == "deadline" and (dl := parse_deadline(when, ctx.year, ctx.plan_date)):
            inh = replace(inh, deadline=dl)
    for c in sec.children or _unit_paragraphs(sec):
        if _is_aside(c) or key_of(c.text)[0] in ("deadline", "product", "venue"):
            continue
        charged = _charging_line(c)
        if charged:
            inh = replace(inh, lead=charged)  # "1. Giao phòng X triển khai các công việc sau:" leads the items after it
            ctx.charged = ctx.charged or charged
            continue
        before = len(ctx.tasks)
        item(c, inh, ctx)
        if not ctx.charged:
            ctx.charged = next((t.lead for t in ctx.tasks[before:] if t.lead), [])
    ctx.subject_lead = False
    ctx.last = None


def _unit_paragraphs(sec: Node) -> list[Node]:
    """TỔ CHỨC THỰC HIỆN printed as plain paragraphs: each that hands a unit its duty ('Giao Phòng Nội vụ chủ trì
    theo dõi ...', 'Đề nghị Ủy ban MTTQ xã ...', 'Các phòng, ban căn cứ ... triển khai ...') is an item; the standard
    closing paragraphs and those naming no unit ('Kế hoạch này được gửi ...') are not."""
    return [n for n in _paragraph_items(sec)
            if not _closing(n.text) and not is_closing_formula(n.text)
            and starts_unit(strip_assignment(_requested(n.text) or n.text))]


def inspection(sec: Node, ctx: Context) -> None:
    """NỘI DUNG KIỂM TRA, GIÁM SÁT: what is checked is not a task, but an inspection plan lists its
    schedule there ('1. Giám sát việc thành lập ... * Thời gian thực hiện: ...'): each item naming what is
    inspected (it opens with kiểm tra / giám sát ...) is one entry with its own time line as deadline; the
    contents listed under it are not tasks. Without a unit of its own, an entry is led by the unit TỔ CHỨC
    THỰC HIỆN charges."""
    for c in sec.children:
        _entries(c, Inherited(), ctx)


def _opens_with_work(text: str) -> bool:
    f = fold(strip_assignment(text)).lstrip("-+•* ")
    return bool(re.match(rf"(?:{_work_verbs()})(?!\w)", f))


@lru_cache(maxsize=None)
def _work_verbs() -> str:
    return "|".join(re.escape(fold(w)) for w in sorted(lexicon.sections().work_verbs, key=len, reverse=True))


def _names_work(sec: Node) -> bool:
    """A part named by what it develops ('PHÁT TRIỂN ...', 'ĐẨY MẠNH ...') whose items mostly open with work to do."""
    leaves = [n for n in _leaves(sec) if n is not sec]
    return _opens_with_work(sec.text) and len(leaves) >= 3 \
        and sum(_opens_with_work(_text_of(n)) for n in leaves) * 5 >= len(leaves) * 3


def _items_label_units(sec: Node) -> bool:
    """Most of a part's items (two or more, three in five) open with a unit's label: 'Sở Y tế: Chỉ đạo ...'."""
    items = [c for c in sec.children if not c.children]
    return len(items) >= 2 and sum(_split_unit_duty(_text_of(c))[0] is not None for c in items) * 5 >= len(items) * 3


def assigned_items(sec: Node, ctx: Context) -> None:
    """A part named otherwise ('IV. ĐOÀN KIỂM TRA, ĐƠN VỊ ĐƯỢC KIỂM TRA, THỜI GIAN KIỂM TRA') gives no tasks, except
    an item that hands work to a unit ('1. Chủ tịch UBND tỉnh giao Sở Nội vụ chủ trì ... tổ chức kiểm tra ...'),
    due when the part's own time line says."""
    deadline = None
    for c in sec.children:  # "3. Thời gian kiểm tra ...: Theo Phụ lục I kèm theo Kế hoạch này"
        role, value = key_of(c.text)
        if role == "deadline" and (dl := parse_deadline(value or _text_of(c), ctx.year, ctx.plan_date)):
            deadline = dl
    for c in sec.children:
        if c.children or key_of(c.text)[0] is not None:
            continue
        assignee = _assignee(c.text)
        if assignee:
            _add_task(ctx, c, _text_of(c), split_units(assignee), [], deadline)


def _assignee(text: str) -> Optional[str]:
    """'... giao Sở Nội vụ chủ trì ...': the unit an assignment word hands the work to, or None."""
    for w in lexicon.units().assignment_openers:
        for m in re.finditer(rf"(?<!\w){re.escape(w)}\s+", text, re.I):
            rest = text[m.end():]
            if starts_unit(rest) and (units := subject_units(rest)):
                return units
    return None


def _is_entry(node: Node) -> bool:
    verbs = tuple(fold(v) for v in lexicon.sections().inspection_verbs)
    return fold(strip_assignment(node.text)).startswith(verbs)


def _own_lines(node: Node) -> list[Node]:
    """The items under an entry, outside the entries listed under it (a time line may sit under its last
    content bullet when it is printed with another bullet sign: '- ...' then '* Thời gian thực hiện: ...')."""
    out: list[Node] = []
    for c in node.children:
        if key_of(c.text)[0] is None and _is_entry(c):
            continue
        out.append(c)
        out.extend(_own_lines(c))
    return out


def _entries(node: Node, inh: Inherited, ctx: Context) -> None:
    if fold(node.text).strip(" :.").startswith(_folded(tuple(lexicon.sections().inspection_aspects))):
        return  # "3.2. Nội dung kiểm tra" over "a) Kiểm tra hồ sơ, tài liệu ...": what is checked, not an inspection
    for c in _own_lines(node):
        role, value = key_of(c.text)
        if role == "deadline":
            when = fold_ws(" ".join([value] + [b.text for b in c.body] + [_text_of(x) for x in c.children]))
            inh = replace(inh, deadline=parse_deadline(when, ctx.year, ctx.plan_date) or inh.deadline)
            break
    subs = [c for c in node.children if key_of(c.text)[0] is None and _is_entry(c)]
    if subs:
        for c in subs:
            _entries(c, inh, ctx)
        return
    if not _is_entry(node):
        return
    subject = subject_units(node.text)
    lead = split_units(subject) if subject else inh.lead
    _add_task(ctx, node, node.text, lead, list(inh.support), inh.deadline, product=inh.product)
    if not lead:
        ctx.unled.append(ctx.tasks[-1])


def _charging_line(node: Node) -> list[str]:
    """An item that only hands the work that follows to a unit: it ends with ':' and has no items of its own."""
    text = node.full_text().strip()
    if node.children or not text.endswith(":") or len(text) > 200:
        return []
    subject = subject_units(strip_assignment(text))
    return split_units(subject) if subject else []


def outline_to_items(sections: list[Node], year: Optional[int], level: Optional[str] = None,
                     period_end: Optional[Deadline] = None, plan_date: Optional[str] = None
                     ) -> tuple[list[Task], list[KPI], list[str]]:
    """The outline's tasks and KPIs, and the unit TỔ CHỨC THỰC HIỆN charges with the plan's work (the lead of
    an inspection schedule that names no inspecting body)."""
    ctx = Context(year=year, level=level, period_end=period_end, plan_date=plan_date)
    for sec in sections:
        role = section_role(sec)
        ctx.section = role
        if role in ("tasks", "mixed"):
            ctx.subject_lead = True  # an item opening with its unit as subject has that unit as lead
            ctx.frame = _year_frame(sec, ctx)
            walk_items(sec.children or _paragraph_items(sec), _intro_inherited(sec), ctx)
            ctx.frame = None
            ctx.subject_lead = False
        elif role == "organisation":
            organisation(sec, ctx)
        elif role == "inspection":
            inspection(sec, ctx)
        elif role == "goals" or role == "purpose" and _states_aims(sec):
            inh = Inherited()
            intro = " ".join(b.text for b in sec.body)
            if intro:
                dl = parse_deadline(intro, year)
                if dl and dl.kind in ("by", "on", "period"):
                    inh.deadline = dl
            items = []
            for c in sec.children:
                r, value = key_of(c.text)
                if r == "goals":  # "1. Mục tiêu" with its a), b) goals
                    goals_to_kpis(c, inh, ctx, inline=value or None)
                elif not _is_aside(c):
                    items.append(c)
            # a part printing its goals as paragraphs, not items ("Phấn đấu đến cuối năm 2026, tỷ lệ ... đạt 98%"):
            # the paragraphs are the goals
            goals_to_kpis(Node(label=None, text="", block=sec.block, children=items, ref=sec.ref,
                               body=[] if sec.children else sec.body), inh, ctx)
        elif role in ("other", "report") and _has_lead_lines(sec):
            # a part named otherwise ('1. Hoàn thiện hạ tầng công nghệ thông tin' in a letter) whose items
            # carry their own "Đơn vị chủ trì:" lines assigns work: its items are tasks
            ctx.subject_lead = True
            walk_items(sec.children, Inherited(), ctx)
            ctx.subject_lead = False
        elif role == "other" and _names_work(sec):
            # "III. PHÁT TRIỂN NỀN MÓNG KINH TẾ SỐ VÀ XÃ HỘI SỐ" over "a) Hoàn thiện chính sách ...": a task section
            # named by its topic (data contract: task sections are those whose items assign work)
            ctx.subject_lead = True
            ctx.frame = _year_frame(sec, ctx)
            walk_items(sec.children, _intro_inherited(sec), ctx)
            ctx.frame = None
            ctx.subject_lead = False
        elif role == "other" and _items_label_units(sec):
            # "IV. KIẾN NGHỊ" over "1. Bộ tư lệnh Vùng Cảnh sát biển 3: Phối hợp với ...": each item hands its
            # unit a duty (data contract: task sections are those whose items assign work, whatever their heading)
            ctx.subject_lead = True
            walk_items(sec.children, Inherited(), ctx)
            ctx.subject_lead = False
        elif role == "other":
            assigned_items(sec, ctx)
        elif role == "forms":
            # HÌNH THỨC ...: the activities it lists are tasks; channels and awards it names are not
            ctx.subject_lead = ctx.duties_only = True
            walk_items(sec.children, _intro_inherited(sec), ctx)
            ctx.subject_lead = ctx.duties_only = False
        elif role in ("rewards", "budget"):
            # reward criteria, forms and files, and where funds come from, are not tasks; an item there that
            # hands a unit work to do is
            ctx.subject_lead = ctx.need_lead = True
            kept = [_without_categories(c) if _states_criteria(c) else c for c in sec.children]
            walk_items([c for c in kept if assigns_duty(c)], Inherited(), ctx)
            ctx.subject_lead = ctx.need_lead = False
        elif role == "purpose":
            for c in sec.children:
                r, value = key_of(c.text)
                if r == "goals":
                    goals_to_kpis(c, Inherited(), ctx, inline=value or None)
                elif r is None and c.children and len(c.text.split()) <= 12 and section_role(c) == "goals":
                    # "4. Các chỉ tiêu cụ thể đến năm 2030" inside MỤC ĐÍCH, YÊU CẦU: its items are KPIs, due
                    # when the heading says
                    dl = parse_deadline(c.text, year)
                    goals_to_kpis(c, Inherited(deadline=dl if dl and dl.kind in ("by", "on", "period") else None), ctx)
                elif r is None and c.children and (section_role(c) == "tasks" or fold(c.text).startswith(
                        tuple(lexicon.sections().action_headings))):
                    # "4. Phương án tổ chức cấp phát" inside PHẠM VI, ĐỐI TƯỢNG ...: its items assign work
                    ctx.subject_lead = True
                    walk_items(c.children, Inherited(), ctx)
                    ctx.subject_lead = False
    unled = {id(u) for u in ctx.unled}
    tasks = [with_charged_lead(t, ctx.charged, level) if id(t) in unled else t for t in ctx.tasks]
    return with_referenced_leads(tasks), ctx.kpis, ctx.charged


@lru_cache(maxsize=None)
def _leads_items() -> re.Pattern:
    """'Chủ trì triển khai các nhiệm vụ tại mục (IV) (4.1) (4.2) và Phụ lục', '... tại mục IV.3.4.a': the items a unit
    leads (sections.json item_references)."""
    refs = lexicon.sections().item_references
    return re.compile(rf"\b(?:{alternation(refs.lead_words)})\b[^.;]{{0,40}}?\b(?:{alternation(refs.item_words)})\b"
                      rf"[^.;]{{0,20}}?\btại\s+(?:{alternation(refs.place_words)})\s+"
                      r"((?:\(?[IVX]+\)?)(?:\s*[.(]?\s*\d+(?:\.\d+)*\)?|\s*\([a-zđ]\))*)", re.I)


def _referenced_refs(text: str) -> list[str]:
    """'(IV) (4.1) (4.2)' -> ['IV.4.1', 'IV.4.2']; '(IV)(3.4)(a)' -> ['IV.3.4.a']; 'III' -> ['III']."""
    m = _leads_items().search(text)
    if not m:
        return []
    parts = re.findall(r"[IVX]+|\d+(?:\.\d+)*|(?<=\()[a-zđ](?=\))", m.group(1))
    if not parts:
        return []
    section, rest = parts[0], parts[1:]
    numbers = [p for p in rest if p[0].isdigit()]
    letter = next((p for p in rest if not p[0].isdigit()), None)
    if not numbers:
        return [section]
    return [".".join([section, n] + ([letter] if letter and len(numbers) == 1 else [])) for n in numbers]


def with_referenced_leads(tasks: list[Task]) -> list[Task]:
    """A unit told to lead the duties of another part by its number (TỔ CHỨC THỰC HIỆN: 'Sở Y tế: Chủ trì triển khai
    các nhiệm vụ tại mục (IV) (5) của Kế hoạch') leads those of them that name no lead of their own."""
    leads: dict[str, Task] = {}
    for t in tasks:
        if t.lead:
            for ref in _referenced_refs(t.text):
                leads.setdefault(ref, t)
    if not leads:
        return tasks
    out: list[Task] = []
    for t in tasks:
        source = None if t.lead else next((leads[r] for r in sorted(leads, key=len, reverse=True)
                                           if t.ref == r or t.ref.startswith(r + ".")), None)
        out.append(t.model_copy(update={"lead": list(source.lead), "lead_units": list(source.lead_units)})
                   if source is not None and source is not t else t)
    return out


def inspecting_team(issuer: Optional[str], charged: list[str], level: Optional[str]) -> Optional[list[str]]:
    """A plan issued by an inspection team ('ĐOÀN KIỂM TRA THEO QUYẾT ĐỊNH SỐ 1050/QĐ-SCT') inspects with the team:
    its schedule is led by the team, not by the member its assignments name first ('Ông ... - Trưởng đoàn')."""
    head = lexicon.unit_head_at(issuer or "") or ""
    team = head_choices().get(head)
    if team is None or team.kind != "team" or not any(v in head for v in _folded(tuple(lexicon.sections().inspection_verbs))):
        return None
    if charged and not all(canonical_unit(u, level).kind in ("person", "official") for u in charged):
        return None
    return [team.head]


def with_charged_lead(task: Task, charged: list[str], level: Optional[str]) -> Task:
    """A schedule entry without a unit of its own is led by the unit the plan charges with the work."""
    if task.lead or not charged:
        return task
    return task.model_copy(update={"lead": list(charged), "lead_units": [canonical_unit(u, level) for u in charged]})
