"""Link the plans of a folder into a tree (province -> district -> commune) from what each says it
implements: a cited number, issuer (fuzzy) and date (a mistyped year tolerated) find the parent."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Optional

from rapidfuzz import fuzz

from .errors import PlanParseError, shown_path
from .extraction.meta import level_of
from .models import Citation, Plan, PlanTree, TreeEdge, TreeNode
from .text import fold

PLAN_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".doc", ".json")
LEVEL_RANK = {"national": 0, "province": 1, "district": 2, "commune": 3}


@dataclass(frozen=True)
class LinkSettings:
    issuer_threshold: float = 85.0  # fuzzy issuer match, 0-100
    year_slack: int = 2  # a cited date may have its year mistyped by this much


def _plan_files(folder: Path) -> list[Path]:
    """Plan files and extraction JSON (a batch's OUT works: its json/ is read, nothing re-extracted)."""
    return sorted(p for p in folder.rglob("*") if not p.is_symlink() and p.is_file()
                  and p.suffix.lower() in PLAN_SUFFIXES and not p.name.endswith(".gold.json")
                  and p.name != "batch-state.json")


def _key(plan: Plan, file: str) -> str:
    """What makes two files one plan: its number; without one, issuer, title and date all printed
    and alike (renditions of an unnumbered draft); else nothing: the file is a plan of its own."""
    m = plan.meta
    if m.number:
        return fold(m.number)
    if m.issuer and m.title and m.date:
        return "|".join(fold(x) for x in (m.issuer, m.title, m.date))
    return "file:" + (plan.sha256 or file)


def _node_id(plan: Plan) -> str:
    return plan.meta.number or Path(plan.document).stem.split(".")[0]


def dates_agree(cited: Optional[str], own: Optional[str], slack: int) -> bool:
    """Same day and month; the year equal or off by at most `slack` (a typing slip in the citation)."""
    if not cited or not own:
        return True
    try:
        c = date.fromisoformat(cited)
    except ValueError:
        return True
    parts = own.split("-")
    if len(parts) == 3:
        o = date.fromisoformat(own)
        return (c.month, c.day) == (o.month, o.day) and abs(c.year - o.year) <= slack
    if len(parts) == 2:
        return c.month == int(parts[1]) and abs(c.year - int(parts[0])) <= slack
    return abs(c.year - int(parts[0])) <= slack


def issuers_agree(cited: Optional[str], own: Optional[str], threshold: float) -> bool:
    if not cited or not own:
        return True
    return fuzz.token_set_ratio(fold(cited), fold(own)) >= threshold


def find_parent(c: Citation, plans: list[Plan], settings: LinkSettings) -> Optional[Plan]:
    if not c.number:
        return None
    for p in plans:
        if p.meta.number and fold(p.meta.number) == fold(c.number) \
                and issuers_agree(c.issuer, p.meta.issuer, settings.issuer_threshold) \
                and dates_agree(c.date, p.meta.date, settings.year_slack):
            return p
    return None


def build_tree(plans: list[tuple[Plan, str]], errors: list[str] | None = None,
               settings: LinkSettings = LinkSettings()) -> PlanTree:
    tree = PlanTree(errors=list(errors or []))
    by_key: dict[str, TreeNode] = {}
    unique: list[Plan] = []
    keys: dict[int, str] = {}
    for plan, file in plans:
        k = keys[id(plan)] = _key(plan, file)
        if k in by_key:  # the same plan in another format
            by_key[k].files.append(file)
            continue
        nid = _node_id(plan)
        taken = {n.id for n in tree.nodes}
        nid = next(f"{nid}~{k}" for k in range(2, len(taken) + 3) if f"{nid}~{k}" not in taken) if nid in taken else nid
        node = TreeNode(id=nid, number=plan.meta.number, issuer=plan.meta.issuer,
                        level=plan.meta.issuer_level or level_of(plan.meta.issuer), date=plan.meta.date, title=plan.meta.title, files=[file])
        by_key[k] = node
        unique.append(plan)
        tree.nodes.append(node)
    external: dict[str, TreeNode] = {}
    for plan in unique:
        child = by_key[keys[id(plan)]]
        edges: list[TreeEdge] = []
        for c in plan.implements:
            if not c.number:
                continue
            parent = find_parent(c, [p for p in unique if p is not plan], settings)
            if parent is not None:
                pid = by_key[keys[id(parent)]].id
                resolved = True
            else:
                pid = c.number
                resolved = False
                if fold(c.number) not in external:
                    external[fold(c.number)] = TreeNode(id=c.number, number=c.number, issuer=c.issuer,
                                                        level=level_of(c.issuer), date=c.date, in_set=False)
            edges.append(TreeEdge(child=child.id, parent=pid, resolved=resolved, primary=False, cited_as=c))
        _mark_primary(edges, child.level, {n.id: n for n in list(external.values()) + tree.nodes})
        tree.edges += edges
    tree.nodes += list(external.values())
    tree.unresolved = [n.id for n in external.values()]
    return tree


def _mark_primary(edges: list[TreeEdge], child_level: Optional[str], nodes: dict[str, TreeNode]) -> None:
    """The parent at the nearest level above the child is its place in the tree; others are 'also implements'."""
    if not edges:
        return
    rank = LEVEL_RANK.get(child_level or "", 9)

    def closeness(e: TreeEdge) -> tuple[int, int]:
        lvl = LEVEL_RANK.get(nodes[e.parent].level or "", -1)
        above = lvl < rank
        return (0 if above else 1, -lvl)

    best = min(edges, key=closeness)
    best.primary = True


def link_folder(folder: str | Path, settings: LinkSettings = LinkSettings(),
                progress: Optional[Callable[[Iterable[Path]], Iterable[Path]]] = None) -> PlanTree:
    """`progress` wraps the file list (the command line gives a progress bar)."""
    from .compare import load_plan

    plans: list[tuple[Plan, str]] = []
    errors: list[str] = []
    files = _plan_files(Path(folder))
    for f in (progress(files) if progress else files):
        try:
            plans.append((load_plan(f), shown_path(f)))
        except PlanParseError as e:
            errors.append(str(e))
        except MemoryError:
            errors.append(f"{shown_path(f)}: E121 needed more memory than there is")
        except RecursionError:
            errors.append(f"{shown_path(f)}: E108 nested too deeply")
        except Exception as e:  # a bug on one file must not lose the tree of the others
            errors.append(f"{shown_path(f)}: E199 {type(e).__name__}: {str(e)[:200]}")
    return build_tree(plans, errors, settings)


def render_tree(tree: PlanTree) -> str:
    nodes = {n.id: n for n in tree.nodes}
    children: dict[str, list[str]] = {}
    has_parent: set[str] = set()
    for e in tree.edges:
        if e.primary:
            children.setdefault(e.parent, []).append(e.child)
            has_parent.add(e.child)
    lines: list[str] = []

    def label(n: TreeNode) -> str:
        where = ", ".join(Path(f).name for f in n.files) if n.in_set else "not in the folder"
        return f"{n.id} — {n.issuer or '?'} ({n.level or '?'}, {n.date or 'no date'}) [{where}]"

    def walk(nid: str, depth: int) -> None:
        lines.append("  " * depth + ("└─ " if depth else "") + label(nodes[nid]))
        for c in sorted(children.get(nid, [])):
            walk(c, depth + 1)

    roots = [n.id for n in sorted(tree.nodes, key=lambda n: (LEVEL_RANK.get(n.level or "", 9), n.id))
             if n.id not in has_parent]
    for r in roots:
        walk(r, 0)
    also = [e for e in tree.edges if not e.primary]
    if also:
        lines.append("")
        lines += [f"{e.child} also implements {e.parent}" + ("" if e.resolved else " (not in the folder)") for e in also]
    if tree.unresolved:
        lines += ["", "Parents not in the folder: " + ", ".join(tree.unresolved)]
    if tree.errors:
        lines += ["", "Not read:"] + [f"  {e}" for e in tree.errors]
    return "\n".join(lines) + "\n"
