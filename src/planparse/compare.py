"""Compare a plan with the plan it implements: which KPI targets and tasks it carries, weakens or
drops, which deadlines it pushes past the parent's, and whether a lead really changed hands.

Texts are compared after expanding abbreviations (DVC, TTHC, DVCTT...), normalising tone marks and
case, and word segmentation (underthesea); rapidfuzz scores them and a one-to-one assignment keeps
the best pairs above a named threshold.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence

from rapidfuzz import fuzz

from . import lexicon
from .extract.units import expand_abbreviations
from .models import (KPI, Comparison, Deadline, KPIItem, KPIPair, Plan, PlanSummary, Target, Task, TaskItem,
                     TaskPair)
from .text import fold


@dataclass(frozen=True)
class CompareSettings:
    kpi_threshold: float = 70.0  # pair two indicators at or above this score (0-100)
    task_threshold: float = 62.0  # tasks are worded more freely than indicators


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

    task_pairs = assign([t.text for t in child.tasks], [t.text for t in parent.tasks], settings.task_threshold)
    for i, j, s in task_pairs:
        c, p = child.tasks[i], parent.tasks[j]
        c_roles = sorted(set().union(*(unit_roles(u) for u in c.lead))) if c.lead else []
        p_roles = sorted(set().union(*(unit_roles(u) for u in p.lead))) if p.lead else []
        out.task_pairs.append(TaskPair(child=_task(c), parent=_task(p), score=s, child_lead_roles=c_roles,
                                       parent_lead_roles=p_roles, lead_changed=lead_changed(c.lead, p.lead),
                                       deadline_late=is_late(c.deadline, p.deadline)))
    paired_c = {i for i, _, _ in task_pairs}
    paired_p = {j for _, j, _ in task_pairs}
    out.tasks_not_covered = [_task(t) for j, t in enumerate(parent.tasks) if j not in paired_p]
    out.tasks_added = [_task(t) for i, t in enumerate(child.tasks) if i not in paired_c]

    out.summary = {
        "kpis_paired": len(out.kpi_pairs),
        "kpis_weaker": sum(p.verdict == "weaker" for p in out.kpi_pairs),
        "kpis_stronger": sum(p.verdict == "stronger" for p in out.kpi_pairs),
        "kpis_missing": len(out.kpis_missing),
        "kpis_added": len(out.kpis_added),
        "tasks_covered": len(out.task_pairs),
        "tasks_not_covered": len(out.tasks_not_covered),
        "tasks_added": len(out.tasks_added),
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


BATCH_KEYS = ("source_file", "sha256")  # what batch adds to each plan's JSON


def load_plan_json(path: str | Path) -> tuple[Plan, dict]:
    """An extraction JSON (from extract or batch) and what batch recorded beside it (source file, sha256)."""
    import json

    from .errors import CorruptFile, MissingFile

    path = Path(path)
    if not path.exists():
        raise MissingFile(str(path))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        extras = {k: data.pop(k) for k in BATCH_KEYS if isinstance(data, dict) and k in data}
        return Plan.model_validate(data), extras
    except (ValueError, OSError, TypeError) as e:
        raise CorruptFile(str(path), "not a planparse extraction JSON") from e


# ------------------------------------------------------------------ readable report
def _t(t: Optional[Target]) -> str:
    if t is None:
        return "–"
    if t.op == "between":
        return f"{t.value:g}–{t.max:g}{t.unit or ''}"
    return f"{t.op} {t.value:g}{t.unit or ''}".replace(">= ", "≥ ").replace("<= ", "≤ ")


def _d(d: Optional[Deadline]) -> str:
    return d.text if d else "–"


def _cell(s: str, n: int = 90) -> str:
    s = s.replace("|", "/")
    return s if len(s) <= n else s[: n - 1] + "…"


def to_markdown(c: Comparison) -> str:
    s = c.summary
    lines = [
        f"# {c.child.issuer or c.child.document} — compared with {c.parent.issuer or c.parent.document}",
        "",
        f"- Child: **{c.child.title or c.child.document}** ({c.child.number or 'no number'}, {c.child.date or 'no date'})",
        f"- Parent: **{c.parent.title or c.parent.document}** ({c.parent.number or 'no number'}, {c.parent.date or 'no date'})"
        + {True: " — cited by the child's opening", False: " — **not cited** by the child's opening",
           None: ""}[c.child_cites_parent],
        "",
        f"KPIs: {s['kpis_paired']} carried ({s['kpis_weaker']} weaker, {s['kpis_stronger']} stronger), "
        f"{s['kpis_missing']} missing, {s['kpis_added']} added. Tasks: {s['tasks_covered']} covered, "
        f"{s['tasks_not_covered']} not covered, {s['tasks_added']} added. Late deadlines: {s['late_deadlines']}. "
        f"Lead changes: {s['lead_changes']}.",
        "",
        "## KPI targets",
        "",
        "| child | parent | indicator (child) | child target | parent target | verdict | deadline |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in c.kpi_pairs:
        flag = "**weaker**" if p.verdict == "weaker" else p.verdict
        late = f"**late** ({_d(p.child.deadline)} > {_d(p.parent.deadline)})" if p.deadline_late else _d(p.child.deadline)
        lines.append(f"| {p.child.ref} | {p.parent.ref} | {_cell(p.child.indicator)} | {_t(p.child.target)} | "
                     f"{_t(p.parent.target)} | {flag} | {late} |")
    lines += ["", "### Parent KPIs missing from the child", ""]
    lines += [f"- {k.ref}: {k.indicator} ({_t(k.target)})" for k in c.kpis_missing] or ["- none"]
    lines += ["", "### Child KPIs the parent lacks", ""]
    lines += [f"- {k.ref}: {k.indicator} ({_t(k.target)})" for k in c.kpis_added] or ["- none"]
    lines += ["", "## Tasks", "", "| child | parent | task (child) | lead (child ← parent) | deadline |", "|---|---|---|---|---|"]
    for p in c.task_pairs:
        lead = f"{', '.join(p.child.lead) or '–'} ← {', '.join(p.parent.lead) or '–'}"
        if p.lead_changed:
            lead = f"**changed**: {lead}"
        late = f"**late** ({_d(p.child.deadline)} > {_d(p.parent.deadline)})" if p.deadline_late else _d(p.child.deadline)
        lines.append(f"| {p.child.ref} | {p.parent.ref} | {_cell(p.child.text)} | {_cell(lead, 120)} | {late} |")
    lines += ["", "### Parent tasks not covered", ""]
    lines += [f"- {t.ref}: {_cell(t.text, 160)}" for t in c.tasks_not_covered] or ["- none"]
    lines += ["", "### Tasks the child adds", ""]
    lines += [f"- {t.ref}: {_cell(t.text, 160)}" for t in c.tasks_added] or ["- none"]
    return "\n".join(lines) + "\n"
