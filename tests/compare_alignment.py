"""Scores a comparison's task pairs against an alignment written by hand (tests/data/compare/*.expected-pairs.json).

A pair (child task, parent task) is right when the alignment lists that parent ref for that child task (any one of
the refs listed counts: a plan often states one task twice, in its body and in its appendix table). Precision is
over the pairs made; recall is over the child tasks the alignment pairs, each counted once. Every child task should
be judged, in `pairs` or in `child_own`; `unlisted` names those that are not (the alignment is stale; a pair made for
one counts as wrong). A child task is found in the alignment by its ref ("III.*" stands for any ref under III) and by
how its text begins, so that the rows of one table can share an entry.

Run as a script to print the figures for one pair of plans:
    python tests/compare_alignment.py CHILD PARENT EXPECTED.json
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

from planparse.models import Comparison, TaskItem
from planparse.text import fold


def load_alignment(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _ref_matches(pattern: str, ref: str) -> bool:
    if pattern.endswith(".*"):
        return ref.startswith(pattern[:-1])
    return pattern == ref


def find_entry(entries: list[dict], task: TaskItem) -> Optional[dict]:
    """The alignment entry for a child task: same ref, text beginning as the entry says (longest wins)."""
    text = fold(task.text)
    hits = [e for e in entries if _ref_matches(e["child"], task.ref) and text.startswith(fold(e.get("child_text", "")))]
    return max(hits, key=lambda e: (not e["child"].endswith("*"), len(e.get("child_text", ""))), default=None)


def in_scope(ref: str, scope: dict, carried: list[str]) -> bool:
    """Whether the alignment puts a parent task in the child's scope."""
    if ref in scope.get("tasks_in_scope_elsewhere", []) or ref in carried:
        return True
    return any(ref == s or ref.startswith(s + ".") for s in scope["sections_in_scope"])


def score(result: Comparison, alignment: dict) -> dict:
    pairs_expected = alignment["pairs"]
    child_tasks = [p.child for p in result.task_pairs] + list(result.tasks_added)
    made = {id(p.child): p.parent.ref for p in result.task_pairs}
    right = wrong = 0
    recalled = wanted = 0
    mistakes = []
    unlisted = []
    for task in child_tasks:
        entry = find_entry(pairs_expected, task)
        if entry is None and find_entry(alignment.get("child_own", []), task) is None:
            unlisted.append(task.ref)
        got = made.get(id(task))
        if got is not None:
            if entry is not None and got in entry["parents"]:
                right += 1
            else:
                wrong += 1
                mistakes.append(f"wrong: {task.ref} -> {got} (want {entry['parents'] if entry else 'none'})")
        if entry is not None:
            wanted += 1
            if got is not None and got in entry["parents"]:
                recalled += 1
            elif got is None:
                mistakes.append(f"missed: {task.ref} (want {entry['parents']})")
    carried = alignment.get("carried_by_plan", [])
    unpaired = list(result.tasks_not_covered) + list(getattr(result, "parent_outside_scope", []))
    said_out = {id(t) for t in getattr(result, "parent_outside_scope", [])}
    out_right = sum(id(t) in said_out and not in_scope(t.ref, alignment["scope"], carried) for t in unpaired)
    out_wanted = sum(not in_scope(t.ref, alignment["scope"], carried) for t in unpaired)
    return {
        "pairs_made": right + wrong,
        "precision": right / (right + wrong) if right + wrong else 1.0,
        "recall": recalled / wanted if wanted else 1.0,
        "outside_scope_precision": out_right / len(said_out) if said_out else 1.0,
        "outside_scope_recall": out_right / out_wanted if out_wanted else 1.0,
        "mistakes": mistakes,
        "unlisted": unlisted,  # child tasks the alignment does not judge: it is stale
    }


if __name__ == "__main__":
    from planparse.compare import compare_plans, load_plan

    child_path, parent_path, expected_path = sys.argv[1:4]
    figures = score(compare_plans(load_plan(child_path), load_plan(parent_path)), load_alignment(Path(expected_path)))
    for line in figures.pop("mistakes"):
        print("  " + line)
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}))
