"""planparse: read Vietnamese government plans into structured, checked data.

The Python API in five calls (each loads only what it needs, on first use):

    import planparse
    plan = planparse.extract("corpus/seeds/000_db1299a2e6faf1e1.txt")
    print(plan.meta.issuer, len(plan.tasks))          # UBND thị xã Cửa Lò 11

`read` gives the read layer (blocks with provenance), `extract` a `Plan`, `compare_plans` a child
plan against its parent, `run_batch` folders into JSON/CSV/SQLite, `link_folder` a folder into a
plan tree. Bad input raises `PlanParseError` (a subclass per E-code; `str()` is the one-line
message the command line prints).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Optional, Union

__version__ = "0.1.0"

if TYPE_CHECKING:  # the models are imported on first use, not with the package
    from .batch import Record
    from .compare import CompareSettings
    from .limits import Limits
    from .models import Comparison, Document, Plan, PlanTree

PathLike = Union[str, Path]

__all__ = ["read", "extract", "compare_plans", "run_batch", "link_folder", "PlanParseError", "__version__"]


def read(path: PathLike, repair: str = "auto") -> "Document":
    """The document as extraction sees it: blocks (paragraphs, list items, table cells) with page,
    line and offsets, repaired when the text is damaged (`repair` auto / always / never).

        doc = planparse.read("corpus/docx/001_55bc0ea6d2f8eabe.docx")
        [(b.id, b.page, b.text) for b in doc.blocks[:3]]
    """
    from .pipeline import read_for_extraction

    return read_for_extraction(path, repair)


def extract(path: PathLike, repair: str = "auto") -> "Plan":
    """One plan file (TXT/MD, DOCX, DOC, PDF, scan) to a `Plan`: metadata, the documents it
    implements, tasks with lead/support units and deadlines, KPI targets, each with its span.

        plan = planparse.extract("corpus/seeds/000_db1299a2e6faf1e1.txt")
        plan.tasks[0].lead, plan.tasks[0].deadline
        plan.model_dump(mode="json")  # what `planparse extract` writes (schemas/plan.schema.json)
    """
    from .pipeline import extract_file

    return extract_file(path, repair)


def compare_plans(child: Union[PathLike, "Plan"], parent: Union[PathLike, "Plan"],
            settings: Optional["CompareSettings"] = None) -> "Comparison":
    """A plan against the plan it implements: KPIs carried, weaker or missing, tasks covered or not,
    late deadlines, lead changes. Each side is a plan file, an extraction JSON, or a `Plan`.

        c = planparse.compare_plans("commune.docx", "district.pdf")
        c.summary
    """
    from .compare import CompareSettings, load_plan
    from .compare import compare_plans as compare
    from .models import Plan

    def plan_of(x: Union[PathLike, Plan]) -> Plan:
        return x if isinstance(x, Plan) else load_plan(x)

    return compare(plan_of(child), plan_of(parent), settings or CompareSettings())


def run_batch(inputs: Union[PathLike, Iterable[PathLike]], out: PathLike, jobs: int = 1, repair: str = "auto",
          html: bool = False, limits: Optional["Limits"] = None) -> list["Record"]:
    """Folders, files or globs to OUT/json/*.json, plans.jsonl, the CSVs and plans.sqlite, each file in
    a worker under the budgets of `limits` (planparse.limits.Limits); resumable. One record per file:
    status ok / warnings / not_a_plan / failed / skipped, with its reason.

        records = planparse.run_batch("incoming/", "out/", jobs=2)
        [(r.file, r.reason) for r in records if r.status == "failed"]
    """
    from .batch import run_batch as run

    items = [str(inputs)] if isinstance(inputs, (str, Path)) else [str(x) for x in inputs]
    return run(items, str(out), jobs=jobs, repair=repair, progress=False, html=html, budget=limits)


def link_folder(folder: PathLike) -> "PlanTree":
    """The plan tree of a folder (province -> district -> commune) from what each plan implements.

        tree = planparse.link_folder("corpus/seeds")
        [(e.child, e.parent) for e in tree.edges]
    """
    from .link import link_folder as link

    return link(folder)


def __getattr__(name: str):
    if name == "PlanParseError":  # without importing the error module at `import planparse`
        from .errors import PlanParseError

        return PlanParseError
    raise AttributeError(f"module 'planparse' has no attribute {name!r}")
