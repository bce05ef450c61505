"""Compare a plan with the plan it implements: which KPI targets and tasks it carries, weakens or
drops, which deadlines it pushes past the parent's, and whether a lead really changed hands.

Texts are compared after expanding abbreviations (DVC, TTHC, DVCTT...), normalising tone marks and
case, and word segmentation (underthesea); a task is compared by what it asks to be done, the units it
names cut out. rapidfuzz and word weights from the parent score pairs; a child that follows the whole
parent keeps a one-to-one assignment above named thresholds, a child that details one part pairs its
tasks with the parent's on the subject of its title, or with the duty it details.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence

from rapidfuzz import fuzz

from . import lexicon
from .extraction.units import expand_abbreviations
from .models import (KPI, Comparison, Deadline, KPIItem, KPIPair, Plan, PlanSummary, Target, Task, TaskItem,
                     TaskPair)
from .text import fold


@dataclass(frozen=True)
class CompareSettings:
    kpi_threshold: float = 70.0  # pair two indicators at or above this score (0-100)
    task_threshold: float = 50.0  # a sure pair of tasks, anywhere in the parent (task score, 0-100)
    # A second pass pairs what is left at a lower score where the sure pairs show the child is working: the parent's
    # sections that receive sure pairs from the same child section, and the part of the parent the child carries out.
    section_pair_threshold: float = 42.0
    section_bonus: float = 8.0  # added to a task score when the parent task lies in such a section
    # A parent task the child's title restates ("Tham mưu ban hành Kế hoạch kiểm tra ... năm 2026" for a plan titled
    # "Kiểm tra ... năm 2026") is carried out by the child as a whole: this share of the title's weighted words.
    plan_title_share: float = 0.8
    # A parent section is in the child's scope when this share of its tasks is paired (or the child's title restates one).
    scope_section_share: float = 0.25
    # The child implements the whole parent (a commune plan after its district's) when no parent task restates its
    # title and its sure pairs reach this share of the parent's sections (or there are none); otherwise it details
    # a part of the parent.
    whole_plan_share: float = 0.5
    # A child task about the subject of its title pairs with the parent's duty on that subject at this score.
    subject_pair_threshold: float = 25.0
    # The subject is the word the child's title opens with ('Tuyên truyền ...', 'Kiểm tra ...'); a word more than this
    # share of the parent's tasks use ('Tổ chức ...') names no subject, and the title's next word is tried.
    subject_max_share: float = 0.25
    # An item and the rows of the table printed under it (a programme and its broadcasts) pair as one: at this mean score.
    table_pair_threshold: float = 36.0
    twin_threshold: float = 90.0  # two parent tasks this alike are one task stated twice (body and appendix)
    # Added to a task score when the child task's lead holds a role the parent task's lead (or its twin's) holds:
    # the duty passed down to the same body (Sở Nội vụ's monitoring, the communes' reporting).
    lead_bonus: float = 5.0
    # How much a long parent task is penalised for the words a child task does not repeat (0: not at all, 0.5: as
    # cosine does): a child task details its parent task and need not restate all of it.
    parent_length_weight: float = 0.25


# ------------------------------------------------------------------ text similarity
@lru_cache(maxsize=4096)
def comparable(text: str) -> str:
    """Abbreviations expanded, tones and case folded, punctuation dropped, words segmented."""
    from underthesea import word_tokenize

    t = fold(expand_abbreviations(text))
    t = re.sub(r"[^\w\s%]", " ", t)
    return word_tokenize(re.sub(r"\s+", " ", t).strip(), format="text")


def similarity(a: str, b: str) -> float:
    """Mean of a word-level score (segmented words, order-free) and a syllable-level one."""
    wa, wb = comparable(a), comparable(b)
    words = fuzz.token_sort_ratio(wa, wb)
    sa, sb = wa.replace("_", " "), wb.replace("_", " ")
    syllables = max(fuzz.token_set_ratio(sa, sb) * 0.9, fuzz.token_sort_ratio(sa, sb))
    return round((words + syllables) / 2, 1)


def assign(children: Sequence[str], parents: Sequence[str], threshold: float) -> list[tuple[int, int, float]]:
    """One-to-one pairs (child index, parent index, score), best scores first, each at >= threshold."""
    scored = [(similarity(c, p), i, j) for i, c in enumerate(children) for j, p in enumerate(parents)]
    scored = [x for x in scored if x[0] >= threshold]
    scored.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_c: set[int] = set()
    used_p: set[int] = set()
    out = []
    for s, i, j in scored:
        if i in used_c or j in used_p:
            continue
        used_c.add(i)
        used_p.add(j)
        out.append((i, j, s))
    return sorted(out, key=lambda x: x[0])


class WordWeights:
    """Words weighted by how rare they are among the parent's items (inverse document frequency), so that two
    tasks are near when they share the words that tell the parent's tasks apart ('kiểm toán', 'tuyên truyền'),
    not the words every task has ('thực hiện', 'các cơ quan')."""

    def __init__(self, parent_texts: Sequence[str]):
        self.docs = [words_of(t) for t in parent_texts]
        df: dict[str, int] = {}
        for d in self.docs:
            for w in d:
                df[w] = df.get(w, 0) + 1
        n = len(self.docs)
        self.idf = {w: math.log((n + 1) / (c + 1)) for w, c in df.items()}
        self.unknown = math.log(n + 1)  # a word no parent item has
        self._norms = [sum(self.idf[w] ** 2 for w in d) for d in self.docs]
        self._mean_norm = sum(self._norms) / n if n else 0.0

    def share_of_items(self, word: str) -> float:
        """Share of the parent's items that use the word."""
        return sum(word in d for d in self.docs) / len(self.docs) if self.docs else 0.0

    def weight(self, word: str) -> float:
        return self.idf.get(word, self.unknown)

    def overlap(self, child_words: frozenset[str], j: int, parent_length_weight: float = 0.5) -> float:
        """Weighted words shared with parent item j (0-100): their weight over the child's words (all of them, so
        words the parent never uses count against the pair) and over the parent item's words to the power
        `parent_length_weight` (0.5 gives the cosine; less forgives a long parent item what the child leaves out)."""
        b = self.docs[j]
        shared = sum(self.idf[w] ** 2 for w in child_words & b)
        na, nb = sum(self.weight(w) ** 2 for w in child_words), self._norms[j]
        if not (shared and na and nb):
            return 0.0
        return min(100.0, 100 * shared / (math.sqrt(na) * nb ** parent_length_weight *
                                          self._mean_norm ** (0.5 - parent_length_weight)))

    def share_in(self, child_words: frozenset[str], j: int) -> float:
        """Weighted share of the child's words (all of them) found in parent item j."""
        total = sum(self.weight(w) for w in child_words)
        return sum(self.weight(w) for w in child_words & self.docs[j]) / total if total else 0.0


def task_score(child_text: str, parent_text: str, child_words: frozenset[str], weights: WordWeights, j: int,
               parent_length_weight: float = 0.5) -> float:
    """Mean of the wording's likeness (similarity) and of the weighted words shared with parent task j."""
    return round((similarity(child_text, parent_text) + weights.overlap(child_words, j, parent_length_weight)) / 2, 1)


@lru_cache(maxsize=8192)
def words_of(text: str) -> frozenset[str]:
    return frozenset(comparable(text).split())


def section_of(ref: str) -> str:
    """The part of a plan an item belongs to: its first two labels ('I.7.d' -> 'I.7', 'PL.VII.3' -> 'PL.VII'),
    or its first label when it has only two ('II.3' -> 'II')."""
    labels = ref.split(".")
    if labels[0] == "PL":
        return "PL" if len(labels) <= 2 else "PL." + labels[1]
    return ".".join(labels[:2]) if len(labels) >= 3 else labels[0]


@dataclass
class TaskAlignment:
    pairs: list[tuple[int, int, float]]  # (child index, parent index, score)
    carried_by_plan: list[int]  # parent tasks the child's title restates: the child as a whole carries them out
    whole_plan: bool  # the child implements all of the parent
    scope: set[str]  # the parent's sections in the child's scope (all of them when whole_plan)
    twins: dict[int, set[int]]  # parent tasks stated twice (in the body and again in an appendix table)


def _greedy(scored: list[tuple[float, int, int]], used_c: set[int], used_p: Optional[set[int]]) -> list[tuple[int, int, float]]:
    """Best scores first; each child task once, each parent task once unless used_p is None (many to one)."""
    out = []
    for s, i, j in sorted(scored, key=lambda x: (-x[0], x[1], x[2])):
        if i in used_c or (used_p is not None and j in used_p):
            continue
        used_c.add(i)
        if used_p is not None:
            used_p.add(j)
        out.append((i, j, s))
    return out


def _twins(tasks: Sequence[Task], settings: CompareSettings) -> dict[int, set[int]]:
    """Parent tasks stated twice in other sections (a plan's body and the appendix table that assigns it)."""
    out: dict[int, set[int]] = {}
    for a in range(len(tasks)):
        for b in range(a + 1, len(tasks)):
            if section_of(tasks[a].ref) != section_of(tasks[b].ref) and \
                    similarity(tasks[a].text, tasks[b].text) >= settings.twin_threshold:
                out.setdefault(a, set()).add(b)
                out.setdefault(b, set()).add(a)
    return out


def _orders_plan(child: Plan, task: Task) -> bool:
    """A parent task ordering the child plan itself ('Tham mưu ban hành Kế hoạch kiểm tra ...' for a Kế hoạch
    titled 'Kiểm tra ...'): its text names the child's kind of document followed by the title's first words."""
    kind, title = fold(child.meta.doc_type or ""), fold(child.meta.title or "").split()
    return bool(kind and len(title) >= 2) and f"{kind} {' '.join(title[:2])}" in fold(task.text)


def _names_kind(child: Plan, task: Task) -> bool:
    """A child task that itself deals with plans of the child's kind ('ban hành kế hoạch cụ thể', 'theo đúng nội
    dung Kế hoạch'): only such a task may carry out the parent's order to issue the child plan."""
    kind = fold(child.meta.doc_type or "")
    return bool(kind) and re.search(rf"(?<!\w){re.escape(kind)}(?!\w)", fold(task.text)) is not None


@lru_cache(maxsize=4096)
def _cut_units(text: str, named: tuple[str, ...]) -> str:
    """The text with blanks where the units it opens with, its partners and the `named` units were printed."""
    from .extraction.units import partners_in, subject_units

    spans = [(0, len(s))] if (s := subject_units(text)) else []
    spans += [(a, b) for _, a, b in partners_in(text)]
    spans += [(m.start(), m.end()) for u in named if u for m in re.finditer(re.escape(u), text)]
    keep = list(text)
    for a, b in spans:
        keep[a:b] = " " * (b - a)
    return re.sub(r"\s+", " ", "".join(keep)).strip(" ,;:") or text


def duty_text(task: Task, plan: Optional[Plan] = None) -> str:
    """What a task asks to be done, for comparing: the units it names (its subject, partners, lead and support) cut
    out, since who does it is compared apart (lead roles) and unit lists ('các sở, ban, ngành; UBND các xã,
    phường') would make any two duties of one province alike. An entry of an inspection schedule names only what
    is inspected: its duty is the plan's title ('Kiểm tra công tác ...')."""
    if task.section == "schedule" and plan is not None and plan.meta.title:
        return plan.meta.title
    return _cut_units(task.text, tuple(task.lead + task.support))


def _title_words(plan: Plan) -> list[str]:
    return comparable(plan.meta.title).split() if plan.meta.title else []


def title_subject(child: Plan, parent: Plan, weights: WordWeights, settings: CompareSettings) -> frozenset[str]:
    """What the child does, as its title opens ('Tuyên truyền cải cách hành chính ...' -> 'tuyên_truyền', 'Kiểm
    tra công tác ...' -> 'kiểm_tra'), when the parent's title does not say it and the parent names it in few tasks
    (its duties on that subject). A word most parent tasks use ('tổ_chức') is passed over for the next; a word the
    parent never uses, or the first word of the parent's own title, ends the search."""
    parent_title = set(_title_words(parent))
    for w in _title_words(child):
        if w in parent_title or w not in weights.idf:
            break
        if weights.share_of_items(w) <= settings.subject_max_share:
            return frozenset([w])
    return frozenset()


def frame_words(child: Plan, parent: Plan, weights: WordWeights) -> frozenset[str]:
    """Words of the child's title that the parent never uses ('phát_động phong_trào thi_đua' in an emulation plan):
    the child's frame, said of all its tasks ('Thi đua nâng cao chất lượng ...'), not what a task does."""
    parent_title = set(_title_words(parent))
    return frozenset(w for w in _title_words(child) if w not in parent_title and w not in weights.idf)


# Roles of bodies in general ("các cơ quan, đơn vị", "các sở, ban, ngành", "UBND các xã"): the same of these in a
# child and a parent task is no sign of one duty passed down.
GENERIC_ROLES = frozenset({"related_units", "departments", "lower_committee"})


def _lead_roles(lead: Sequence[str]) -> frozenset[str]:
    """The roles a lead holds (see unit_roles) that name a body in particular."""
    return frozenset().union(*(unit_roles(u) for u in lead)) - GENERIC_ROLES if lead else frozenset()


def table_groups(tasks: Sequence[Task]) -> list[list[int]]:
    """An item and the rows of the table printed under it (refs 'III.1.a' and 'III.1.a.1', 'III.1.a.2', ...): the
    rows are instances of the item's duty (a programme and its broadcasts)."""
    index = {t.ref: i for i, t in enumerate(tasks)}
    groups: dict[int, list[int]] = {}
    for i, t in enumerate(tasks):
        head = t.ref.rsplit(".", 1)[0]
        if t.section == "table" and head != t.ref and head in index:
            groups.setdefault(index[head], [index[head]]).append(i)
    return list(groups.values())


def align_tasks(child: Plan, parent: Plan, settings: CompareSettings = CompareSettings()) -> TaskAlignment:
    """Pair the child's tasks with the parent's and find which part of the parent the child carries out.

    A parent task that restates the child's title marks the part the child details; without one, the child follows
    the whole parent when its sure pairs reach enough of the parent's sections. A whole plan's tasks pair one to
    one: sure pairs first, then at a lower score where the sure pairs show the child works (the parent sections that
    child section's sure pairs join). When the child details a part, several of its tasks may carry out one parent
    task, in this order: a task about the subject of the child's title ('tuyên truyền') with the parent's tasks on
    that subject or the duty the child details; sure pairs; an item with the rows of its table as one; the rest at a
    lower score where the sure pairs show the child works; and what is still left with the duty the child details."""
    c_tasks, p_tasks = child.tasks, parent.tasks
    p_texts = [duty_text(t) for t in p_tasks]
    c_texts = [duty_text(t, child) for t in c_tasks]
    weights = WordWeights(p_texts)
    frame = frame_words(child, parent, weights)
    c_words = [words_of(t) - frame for t in c_texts]
    plw = settings.parent_length_weight
    orders = {j for j, t in enumerate(p_tasks) if _orders_plan(child, t)}
    may_order = [_names_kind(child, t) for t in c_tasks]

    twins = _twins(p_tasks, settings)
    c_roles = [_lead_roles(t.lead) for t in c_tasks]
    p_roles = [_lead_roles(t.lead).union(*(_lead_roles(p_tasks[k].lead) for k in twins.get(j, set())))
               for j, t in enumerate(p_tasks)]

    def scored(i: int, j: int) -> float:
        if j in orders and not may_order[i]:
            return 0.0  # the order to issue the child plan is carried out by the plan as a whole
        same_lead = settings.lead_bonus if c_roles[i] & p_roles[j] else 0.0
        return min(100.0, task_score(c_texts[i], p_texts[j], c_words[i], weights, j, plw) + same_lead)

    score = [[scored(i, j) for j in range(len(p_tasks))] for i in range(len(c_tasks))]
    p_sections = [section_of(t.ref) for t in p_tasks]
    # Items under one unit heading of TỔ CHỨC THỰC HIỆN are that unit's duties on many subjects: their section joins
    # them to no one part of the parent.
    c_sections = [None if t.section == "organisation" else section_of(t.ref) for t in c_tasks]

    title = words_of(duty_text(Task(ref="", text=child.meta.title))) if child.meta.title else frozenset()
    carried = [j for j in range(len(p_tasks)) if title and weights.share_in(title, j) >= settings.plan_title_share]
    duties = [j for j in carried if j not in orders]
    sure = [(score[i][j], i, j) for i in range(len(c_tasks)) for j in range(len(p_tasks)) if score[i][j] >= settings.task_threshold]
    first = _greedy(sure, set(), set())
    reached = {p_sections[k] for _, j, _ in first for k in {j} | twins.get(j, set())}
    whole = not carried and (not first or len(reached) >= settings.whole_plan_share * len(set(p_sections)))

    used_c: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int, float]] = []
    if whole:
        pairs = _greedy(sure, used_c, used_p)
    else:
        # the subject of the child's title first: what a task does on it ties it to the parent's tasks on it
        subject = title_subject(child, parent, weights, settings)
        on_subject = [j for j in range(len(p_tasks)) if subject & weights.docs[j] or j in duties]
        about = [(score[i][j] + (settings.section_bonus if j in duties else 0.0), i, j)
                 for i in range(len(c_tasks)) if subject & c_words[i]
                 for j in on_subject if score[i][j] >= settings.subject_pair_threshold]
        pairs = _greedy(about, used_c, None)
        pairs += _greedy(sure, used_c, None)  # sure pairs, many to one
    joined: dict[Optional[str], set[str]] = {None: set()}
    for i, j, _ in pairs:
        if c_sections[i] is not None:
            joined.setdefault(c_sections[i], set()).update(p_sections[k] for k in {j} | twins.get(j, set()))

    def bonus(i: int, j: int) -> float:
        near = p_sections[j] in joined.get(c_sections[i], set()) or (not whole and j in duties)
        return settings.section_bonus if near else 0.0

    if not whole:
        for group in table_groups(c_tasks):
            left = [i for i in group if i not in used_c]
            if not left:
                continue
            mean = [sum(score[i][j] for i in group) / len(group) for j in range(len(p_tasks))]
            best = max(range(len(p_tasks)), key=lambda j: (mean[j], -j))
            if mean[best] >= settings.table_pair_threshold:
                pairs += [(i, best, score[i][best]) for i in left]
                used_c.update(left)
    second = [(score[i][j] + bonus(i, j), i, j) for i in range(len(c_tasks)) if i not in used_c
              for j in range(len(p_tasks)) if bonus(i, j) and score[i][j] + bonus(i, j) >= settings.section_pair_threshold]
    pairs += _greedy(second, used_c, used_p if whole else None)
    if not whole and duties:
        rest = [(score[i][j], i, j) for i in range(len(c_tasks)) if i not in used_c for j in duties
                if score[i][j] >= settings.subject_pair_threshold]
        pairs += _greedy(rest, used_c, None)
    pairs = [(i, j, score[i][j]) for i, j, _ in pairs]

    if whole:
        scope = set(p_sections)
    else:
        paired = {k for _, j, _ in pairs for k in {j} | twins.get(j, set())}
        scope = {p_sections[j] for j in carried}
        for sec in set(p_sections):
            members = [j for j, s in enumerate(p_sections) if s == sec]
            if sum(j in paired for j in members) >= settings.scope_section_share * len(members):
                scope.add(sec)
    return TaskAlignment(pairs=sorted(pairs), carried_by_plan=carried, whole_plan=whole, scope=scope, twins=twins)


# ------------------------------------------------------------------ targets and deadlines
def target_verdict(child: Optional[Target], parent: Optional[Target]) -> str:
    """weaker / same / stronger / not_comparable, from the child's point of view."""
    if child is None or parent is None:
        return "not_comparable"
    cu, pu = fold(child.unit or ""), fold(parent.unit or "")
    if cu != pu:
        return "not_comparable"
    ceilings = {"<", "<="}
    if (child.op in ceilings) != (parent.op in ceilings) or "~" in (child.op, parent.op):
        return "not_comparable"
    c_val = child.value if child.op != "between" else child.value
    p_val = parent.value if parent.op != "between" else parent.value
    # strictness at equal value: ">" asks more than ">=" (and "<" more than "<=")
    strict = {">": 1, "<": 1}
    if c_val == p_val:
        diff = strict.get(child.op, 0) - strict.get(parent.op, 0)
        return "same" if diff == 0 else ("stronger" if diff > 0 else "weaker")
    higher_is_better = child.op not in ceilings
    better = c_val > p_val if higher_is_better else c_val < p_val
    return "stronger" if better else "weaker"


def deadline_end(d: Optional[Deadline]) -> Optional[date]:
    if d is None:
        return None
    iso = d.date or d.end
    if not iso:
        return None
    try:
        return date.fromisoformat(iso)
    except ValueError:
        return None


def is_late(child: Optional[Deadline], parent: Optional[Deadline]) -> bool:
    c, p = deadline_end(child), deadline_end(parent)
    return c is not None and p is not None and c > p


# ------------------------------------------------------------------ lead units across levels
@lru_cache(maxsize=None)
def _role_patterns() -> dict[str, re.Pattern]:
    data = lexicon.unit_roles()
    table = dict(data.roles, lower_committee=data.lower_committee)
    return {role: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(fold(k)) for k in keys) + r")(?!\w)")
            for role, keys in table.items()}


def unit_roles(name: str) -> set[str]:
    """Roles a unit plays ('office', 'culture_information', ...) whatever its level."""
    f = fold(expand_abbreviations(name))
    return {role for role, rx in _role_patterns().items() if rx.search(f)}


def lead_changed(child_lead: list[str], parent_lead: list[str]) -> bool:
    """A change of lead only when no role carries over. A parent lead naming the lower level's
    committees ('UBND các phường') is the child itself, so whoever the child names is consistent."""
    if not child_lead or not parent_lead:
        return False
    p_roles = set().union(*(unit_roles(u) for u in parent_lead))
    c_roles = set().union(*(unit_roles(u) for u in child_lead))
    if "lower_committee" in p_roles:
        return False
    if not p_roles or not c_roles:
        return fuzz.token_set_ratio(fold(" ".join(child_lead)), fold(" ".join(parent_lead))) < 60
    return not (p_roles & c_roles)


# ------------------------------------------------------------------ the comparison
def _summary(plan: Plan) -> PlanSummary:
    m = plan.meta
    return PlanSummary(document=plan.document, number=m.number, issuer=m.issuer, issuer_level=m.issuer_level,
                       date=m.date, title=m.title)


def _kpi(k: KPI) -> KPIItem:
    return KPIItem(ref=k.ref, indicator=k.indicator, target=k.target, deadline=k.deadline)


def _task(t: Task) -> TaskItem:
    return TaskItem(ref=t.ref, text=t.text, lead=t.lead, deadline=t.deadline)


def _section_key(section: str) -> tuple:
    """Sections in the plan's order: body before appendix, roman and arabic numerals by value."""
    labels = section.split(".")
    return (labels[0] == "PL", [(_numeral(x), x) for x in labels if x != "PL"])


def _numeral(label: str) -> int:
    romans = {"I": 1, "V": 5, "X": 10, "L": 50}
    if label.isdigit():
        return int(label)
    if label and all(ch in romans for ch in label):
        total = 0
        for a, b in zip(label, label[1:] + " "):
            total += -romans[a] if b != " " and romans[a] < romans[b] else romans[a]
        return total
    return 0


def _cites(child: Plan, parent: Plan) -> Optional[bool]:
    if not parent.meta.number:
        return None
    return any(c.number is not None and fold(c.number) == fold(parent.meta.number) for c in child.implements)


def compare_plans(child: Plan, parent: Plan, settings: CompareSettings = CompareSettings()) -> Comparison:
    out = Comparison(child=_summary(child), parent=_summary(parent), child_cites_parent=_cites(child, parent))

    kpi_pairs = assign([k.indicator for k in child.kpis], [k.indicator for k in parent.kpis], settings.kpi_threshold)
    for i, j, s in kpi_pairs:
        c, p = child.kpis[i], parent.kpis[j]
        out.kpi_pairs.append(KPIPair(child=_kpi(c), parent=_kpi(p), score=s, verdict=target_verdict(c.target, p.target),
                                     deadline_late=is_late(c.deadline, p.deadline)))
    paired_c = {i for i, _, _ in kpi_pairs}
    paired_p = {j for _, j, _ in kpi_pairs}
    out.kpis_missing = [_kpi(k) for j, k in enumerate(parent.kpis) if j not in paired_p]
    out.kpis_added = [_kpi(k) for i, k in enumerate(child.kpis) if i not in paired_c]

    aligned = align_tasks(child, parent, settings)
    out.details_part = not aligned.whole_plan
    out.scope_sections = sorted(aligned.scope, key=_section_key)
    for i, j, s in aligned.pairs:
        c, p = child.tasks[i], parent.tasks[j]
        c_roles = sorted(set().union(*(unit_roles(u) for u in c.lead))) if c.lead else []
        p_roles = sorted(set().union(*(unit_roles(u) for u in p.lead))) if p.lead else []
        out.task_pairs.append(TaskPair(child=_task(c), parent=_task(p), score=s, child_lead_roles=c_roles,
                                       parent_lead_roles=p_roles, lead_changed=lead_changed(c.lead, p.lead),
                                       deadline_late=is_late(c.deadline, p.deadline)))
    paired_c = {i for i, _, _ in aligned.pairs}
    paired_p = {k for _, j, _ in aligned.pairs for k in {j} | aligned.twins.get(j, set())}
    carried = set(aligned.carried_by_plan)
    out.tasks_carried_by_plan = [_task(parent.tasks[j]) for j in aligned.carried_by_plan]
    for j, t in enumerate(parent.tasks):
        if j in paired_p or j in carried:
            continue
        (out.tasks_not_covered if section_of(t.ref) in aligned.scope else out.parent_outside_scope).append(_task(t))
    out.tasks_added = [_task(t) for i, t in enumerate(child.tasks) if i not in paired_c]
    if out.details_part:
        out.kpis_outside_scope = [k for k in out.kpis_missing if section_of(k.ref) not in aligned.scope]
        out.kpis_missing = [k for k in out.kpis_missing if section_of(k.ref) in aligned.scope]

    out.summary = {
        "kpis_paired": len(out.kpi_pairs),
        "kpis_weaker": sum(p.verdict == "weaker" for p in out.kpi_pairs),
        "kpis_stronger": sum(p.verdict == "stronger" for p in out.kpi_pairs),
        "kpis_missing": len(out.kpis_missing),
        "kpis_added": len(out.kpis_added),
        "tasks_covered": len(out.task_pairs),
        "tasks_not_covered": len(out.tasks_not_covered),
        "tasks_added": len(out.tasks_added),
        "tasks_carried_by_plan": len(out.tasks_carried_by_plan),
        "parent_outside_scope": len(out.parent_outside_scope),
        "kpis_outside_scope": len(out.kpis_outside_scope),
        "late_deadlines": sum(p.deadline_late for p in out.task_pairs) + sum(p.deadline_late for p in out.kpi_pairs),
        "lead_changes": sum(p.lead_changed for p in out.task_pairs),
    }
    return out


def load_plan(path: str | Path) -> Plan:
    """A plan file (read and extracted) or a JSON extraction made earlier."""
    from .pipeline import extract_file

    path = Path(path)
    if path.suffix.lower() == ".json":
        return load_plan_json(path)[0]
    return extract_file(path)




def load_plan_json(path: str | Path) -> tuple[Plan, dict]:
    """An extraction JSON (from extract or batch) and the source it records (source_file, sha256)."""
    import json

    from .errors import CorruptFile, MissingFile, TooLarge
    from .readers.files import read_limited

    path = Path(path)
    if not path.exists():
        raise MissingFile(str(path))
    raw = read_limited(str(path))  # a FIFO is refused, a huge file is not read whole
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise TooLarge(str(path), "JSON nested too deeply") from None
    except (ValueError, OSError, TypeError) as e:
        raise CorruptFile(str(path), "not a planparse extraction JSON") from e
    try:
        plan = Plan.model_validate(data)
        return plan, {"source_file": plan.source_file, "sha256": plan.sha256}
    except (ValueError, OSError, TypeError, RecursionError) as e:
        raise CorruptFile(str(path), "not a planparse extraction JSON") from e


# ------------------------------------------------------------------ readable report
def _t(t: Optional[Target]) -> str:
    from .html.page import fmt_target  # one way of printing a target, in the report as on the page

    return fmt_target(t) or "–"


def _d(d: Optional[Deadline]) -> str:
    return d.text if d else "–"


def _cell(s: str, n: int = 90) -> str:
    s = s.replace("|", "/")
    return s if len(s) <= n else s[: n - 1] + "…"


def _verdict(verdict: str) -> str:
    from .html.comparison import VERDICTS

    return f"**{VERDICTS[verdict]}**" if verdict == "weaker" else VERDICTS[verdict]


def _late(child: Optional[Deadline], parent: Optional[Deadline], late: bool) -> str:
    return f"**muộn hơn** ({_d(child)} > {_d(parent)})" if late else _d(child)


def _bullets(title: str, items: list[str]) -> list[str]:
    return ["", f"### {title}", ""] + (items or ["- không có"])


def to_markdown(c: Comparison) -> str:
    """The comparison as a report for people, in Vietnamese like the plans it reads."""
    s = c.summary
    cites = {True: " — được kế hoạch này dẫn chiếu", False: " — kế hoạch này **không dẫn chiếu**", None: ""}
    lines = [
        f"# {c.child.issuer or c.child.document} — so với {c.parent.issuer or c.parent.document}",
        "",
        f"- Kế hoạch này: **{c.child.title or c.child.document}** ({c.child.number or 'chưa có số'}, {c.child.date or 'chưa có ngày'})",
        f"- Kế hoạch cấp trên: **{c.parent.title or c.parent.document}** ({c.parent.number or 'chưa có số'}, "
        f"{c.parent.date or 'chưa có ngày'}){cites[c.child_cites_parent]}",
    ]
    if c.details_part:
        lines.append(f"- Kế hoạch này triển khai một phần của kế hoạch cấp trên: các mục {', '.join(c.scope_sections) or '–'}; "
                     "các phần khác không thuộc phạm vi của kế hoạch này.")
    lines += [
        "",
        f"Chỉ tiêu: {s['kpis_paired']} có tương ứng ({s['kpis_weaker']} yếu hơn, {s['kpis_stronger']} cao hơn), "
        f"{s['kpis_missing']} chưa có, {s['kpis_added']} thêm mới"
        + (f", {s.get('kpis_outside_scope', 0)} ngoài phạm vi" if c.details_part else "") + ". "
        f"Nhiệm vụ: {s['tasks_covered']} được triển khai, {s['tasks_not_covered']} chưa được triển khai, "
        f"{s['tasks_added']} thêm mới"
        + (f", {s.get('tasks_carried_by_plan', 0)} do cả kế hoạch này thực hiện" if s.get("tasks_carried_by_plan") else "")
        + (f", {s.get('parent_outside_scope', 0)} ngoài phạm vi" if c.details_part else "") + ". "
        f"Thời hạn muộn hơn: {s['late_deadlines']}. Đổi đơn vị chủ trì: {s['lead_changes']}.",
        "",
        "## Chỉ tiêu",
        "",
        "| kế hoạch này | cấp trên | chỉ tiêu (kế hoạch này) | mục tiêu | mục tiêu cấp trên | đánh giá | thời hạn |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in c.kpi_pairs:
        lines.append(f"| {p.child.ref} | {p.parent.ref} | {_cell(p.child.indicator)} | {_t(p.child.target)} | "
                     f"{_t(p.parent.target)} | {_verdict(p.verdict)} | "
                     f"{_late(p.child.deadline, p.parent.deadline, p.deadline_late)} |")
    lines += _bullets("Chỉ tiêu của cấp trên chưa có trong kế hoạch này",
                      [f"- {k.ref}: {k.indicator} ({_t(k.target)})" for k in c.kpis_missing])
    lines += _bullets("Chỉ tiêu kế hoạch này thêm mới", [f"- {k.ref}: {k.indicator} ({_t(k.target)})" for k in c.kpis_added])
    if c.details_part:
        lines += _bullets("Chỉ tiêu của cấp trên ngoài phạm vi kế hoạch này",
                          [f"- {k.ref}: {k.indicator} ({_t(k.target)})" for k in c.kpis_outside_scope])
    lines += ["", "## Nhiệm vụ", "", "| kế hoạch này | cấp trên | nhiệm vụ (kế hoạch này) | chủ trì (kế hoạch này ← cấp trên) | thời hạn |",
              "|---|---|---|---|---|"]
    for p in c.task_pairs:
        lead = f"{', '.join(p.child.lead) or '–'} ← {', '.join(p.parent.lead) or '–'}"
        if p.lead_changed:
            lead = f"**đổi chủ trì**: {lead}"
        lines.append(f"| {p.child.ref} | {p.parent.ref} | {_cell(p.child.text)} | {_cell(lead, 120)} | "
                     f"{_late(p.child.deadline, p.parent.deadline, p.deadline_late)} |")
    if c.tasks_carried_by_plan:
        lines += _bullets("Nhiệm vụ của cấp trên do cả kế hoạch này thực hiện",
                          [f"- {t.ref}: {_cell(t.text, 160)}" for t in c.tasks_carried_by_plan])
    lines += _bullets("Nhiệm vụ của cấp trên chưa được triển khai", [f"- {t.ref}: {_cell(t.text, 160)}" for t in c.tasks_not_covered])
    lines += _bullets("Nhiệm vụ kế hoạch này thêm mới", [f"- {t.ref}: {_cell(t.text, 160)}" for t in c.tasks_added])
    if c.details_part:
        lines += _bullets("Nhiệm vụ của cấp trên ngoài phạm vi kế hoạch này",
                          [f"- {t.ref}: {_cell(t.text, 160)}" for t in c.parent_outside_scope])
    return "\n".join(lines) + "\n"
