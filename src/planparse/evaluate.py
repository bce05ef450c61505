"""Score extractions against gold files, exactly as the data contract's last section says.

Strings compare after NFC, case folding and whitespace folding. Tasks (and KPIs) pair greedily by
the highest rapidfuzz token_set_ratio of text (indicator), pairing only at >= 80, equal scores going
to the higher ratio; within a pair,
lead and support units match as sets at ratio >= 85; deadlines are right when kind and every date
field the gold gives agree. Implements entries pair by number, or by doc_type and date when the gold
entry has none. Headline: micro-F1 over all categories.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from rapidfuzz import fuzz

from .text import fold

CATEGORIES = ["tasks", "lead", "support", "deadlines", "kpis", "targets", "meta", "implements"]
META_FIELDS = ["doc_type", "number", "issuer", "issuer_level", "date", "title", "signer.name", "signer.title"]
PAIR_AT = 80
UNIT_AT = 85


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class DocScore:
    document: str
    cats: dict[str, Counts] = field(default_factory=lambda: {c: Counts() for c in CATEGORIES})

    @property
    def micro(self) -> Counts:
        total = Counts()
        for c in self.cats.values():
            total.add(c)
        return total


def _f(s: Any) -> str:
    return fold(str(s)) if s is not None else ""


def greedy_pairs(gold: list[str], pred: list[str], scorer, threshold: float,
                 tie_break=None) -> list[tuple[int, int]]:
    """Pairs by highest score at or above `threshold`; equal scores go to the higher `tie_break` score."""
    scores = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            fg, fp = _f(g), _f(p)
            s = scorer(fg, fp)
            if s >= threshold:
                scores.append((s, tie_break(fg, fp) if tie_break else 0.0, i, j))
    scores.sort(key=lambda x: (-x[0], -x[1], x[2], x[3]))
    used_g, used_p, pairs = set(), set(), []
    for _, _, i, j in scores:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    return pairs


def _units(gold: list[str], pred: list[str]) -> Counts:
    pairs = greedy_pairs(gold or [], pred or [], fuzz.ratio, UNIT_AT)
    return Counts(tp=len(pairs), fp=len(pred or []) - len(pairs), fn=len(gold or []) - len(pairs))


def _deadline(gold: Optional[dict], pred: Optional[dict]) -> Counts:
    if not gold and not pred:
        return Counts()
    if gold and not pred:
        return Counts(fn=1)
    if pred and not gold:
        return Counts(fp=1)
    assert gold is not None and pred is not None
    ok = _f(gold.get("kind")) == _f(pred.get("kind")) and all(
        _f(gold[k]) == _f(pred.get(k)) for k in ("date", "start", "end", "peak_from", "every", "day") if gold.get(k) is not None)
    return Counts(tp=1) if ok else Counts(fp=1, fn=1)


def _target_ok(g: Optional[dict], p: Optional[dict]) -> bool:
    if not g or not p:
        return not g and not p
    try:
        same_value = abs(float(g.get("value")) - float(p.get("value"))) < 1e-9
    except (TypeError, ValueError):
        same_value = False
    return _f(g.get("op")) == _f(p.get("op")) and same_value and _f(g.get("unit")) == _f(p.get("unit"))


def _get(d: dict, dotted: str) -> Any:
    cur: Any = d
    for part in dotted.split("."):
        if not isinstance(cur, dict):
            return None
        cur = cur.get(part)
    return cur


def _same_document(gold: dict, pred: dict) -> bool:
    """Implements entries pair by number; an entry without one (a law cited by name) by doc_type and date."""
    if gold.get("number"):
        return _f(pred.get("number")) == _f(gold["number"])
    return not pred.get("number") and _f(pred.get("doc_type")) == _f(gold.get("doc_type")) \
        and _f(pred.get("date")) == _f(gold.get("date"))


def score(gold: dict, pred: dict) -> DocScore:
    ds = DocScore(document=gold.get("document", ""))
    c = ds.cats
    # tasks
    gt, pt = gold.get("tasks", []), pred.get("tasks", [])
    pairs = greedy_pairs([t["text"] for t in gt], [t["text"] for t in pt], fuzz.token_set_ratio, PAIR_AT, fuzz.ratio)
    c["tasks"] = Counts(tp=len(pairs), fp=len(pt) - len(pairs), fn=len(gt) - len(pairs))
    for i, j in pairs:
        c["lead"].add(_units(gt[i].get("lead", []), pt[j].get("lead", [])))
        c["support"].add(_units(gt[i].get("support", []), pt[j].get("support", [])))
        c["deadlines"].add(_deadline(gt[i].get("deadline"), pt[j].get("deadline")))
    # kpis
    gk, pk = gold.get("kpis", []), pred.get("kpis", [])
    pairs = greedy_pairs([k["indicator"] for k in gk], [k["indicator"] for k in pk], fuzz.token_set_ratio, PAIR_AT,
                         fuzz.ratio)
    c["kpis"] = Counts(tp=len(pairs), fp=len(pk) - len(pairs), fn=len(gk) - len(pairs))
    for i, j in pairs:
        ok = _target_ok(gk[i].get("target"), pk[j].get("target"))
        c["targets"].add(Counts(tp=1) if ok else Counts(fp=1, fn=1))
        c["lead"].add(_units(gk[i].get("lead", []), pk[j].get("lead", [])))
        c["support"].add(_units(gk[i].get("support", []), pk[j].get("support", [])))
        c["deadlines"].add(_deadline(gk[i].get("deadline"), pk[j].get("deadline")))
    # meta
    for f in META_FIELDS:
        g, p = _get(gold.get("meta", {}), f), _get(pred.get("meta", {}), f)
        if g is None and p is None:
            continue
        if g is not None and p is not None and _f(g) == _f(p):
            c["meta"].tp += 1
        else:
            if g is not None:
                c["meta"].fn += 1
            if p is not None:
                c["meta"].fp += 1
    # implements
    gi, pi = gold.get("implements", []), pred.get("implements", [])
    used: set[int] = set()
    for g in gi:
        match = next((j for j, p in enumerate(pi) if j not in used and _same_document(g, p)), None)
        if match is None:
            c["implements"].fn += 1
            continue
        used.add(match)
        p = pi[match]
        if _f(p.get("date")) == _f(g.get("date")) and _f(p.get("issuer")) == _f(g.get("issuer")):
            c["implements"].tp += 1
        else:
            c["implements"].fp += 1
            c["implements"].fn += 1
    c["implements"].fp += len(pi) - len(used)
    return ds


def render_table(scores: list[DocScore]) -> str:
    head = f"{'document':<34}" + "".join(f"{c[:9]:>10}" for c in CATEGORIES) + f"{'micro-F1':>10}"
    lines = [head, "-" * len(head)]
    total = {c: Counts() for c in CATEGORIES}
    for s in scores:
        lines.append(f"{s.document[:33]:<34}" + "".join(f"{s.cats[c].f1:>10.3f}" for c in CATEGORIES) + f"{s.micro.f1:>10.3f}")
        for cname in CATEGORIES:
            total[cname].add(s.cats[cname])
    all_c = Counts()
    for v in total.values():
        all_c.add(v)
    lines.append("-" * len(head))
    lines.append(f"{'micro (all documents)':<34}" + "".join(f"{total[c].f1:>10.3f}" for c in CATEGORIES) + f"{all_c.f1:>10.3f}")
    return "\n".join(lines)


def report_json(scores: list[DocScore]) -> dict:
    total = {c: Counts() for c in CATEGORIES}
    for s in scores:
        for cname in CATEGORIES:
            total[cname].add(s.cats[cname])
    all_c = Counts()
    for v in total.values():
        all_c.add(v)
    return {
        "documents": [{"document": s.document, "categories": {k: v.as_dict() for k, v in s.cats.items()},
                       "micro": s.micro.as_dict()} for s in scores],
        "micro": {"categories": {k: v.as_dict() for k, v in total.items()}, "all": all_c.as_dict()},
    }


def load_gold(gold_dir: Path) -> dict[str, dict]:
    out = {}
    for p in sorted(gold_dir.glob("*.gold.json")):
        try:
            g = json.loads(p.read_text(encoding="utf-8"))
            if not isinstance(g, dict):
                raise ValueError("not a JSON object")
        except (OSError, ValueError, RecursionError) as e:  # a gold file cut short or edited wrong: one line
            from .errors import CorruptFile

            raise CorruptFile(str(p), f"not a gold file: {str(e)[:80]}") from None
        out[Path(g.get("document", p.name.replace(".gold.json", ""))).stem] = g
    return out
