"""The small set of pydantic models every stage passes along.

Two layers are kept apart on purpose: `Document`/`Block` is what was *read* (dumpable, re-runnable),
`Plan` and its items are what was *inferred*. Every inferred item points back at a block and a
character span inside that block's text.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.2"  # 1.1: Task.product; deadline every "half_year". 1.2: Plan.source_file, Plan.sha256


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---------------------------------------------------------------- read layer
class Cell(Strict):
    text: str
    merged_above: bool = False  # continuation of a vertically merged cell
    span: int = 1  # grid columns covered
    lines: Optional[list[str]] = None  # the cell's paragraphs or printed lines, when it has several


class Block(Strict):
    """A paragraph or a table row, as read, with where it came from."""

    id: str
    kind: Literal["paragraph", "heading", "row"]
    text: str
    label: Optional[str] = None  # list label reconstructed outside the text (Word numbering)
    cells: Optional[list[Cell]] = None
    table: Optional[int] = None  # index of the table a row belongs to
    page: Optional[int] = None
    line: Optional[int] = None  # first source line (text, PDF) or paragraph index (DOCX)
    start: Optional[int] = None  # character offsets in the source text, when it has one
    end: Optional[int] = None
    bold: bool = False
    original: Optional[str] = None  # the text as read, when repair changed it


class Document(Strict):
    source: str
    format: Literal["text", "markdown", "docx", "pdf"]
    pages: Optional[int] = None
    blocks: list[Block]
    warnings: list[str] = Field(default_factory=list)
    ocr_pages: list[int] = Field(default_factory=list)  # pages read by OCR: their text is repaired as OCR output


# ------------------------------------------------------------ inferred layer
class Span(Strict):
    """Where an item was found: a block and a character range in that block's text."""

    block: str
    start: int
    end: int
    page: Optional[int] = None
    line: Optional[int] = None


class Deadline(Strict):
    kind: Literal["ongoing", "by", "period", "on", "recurring", "event"]
    text: str
    date: Optional[str] = None
    start: Optional[str] = None
    end: Optional[str] = None
    peak_from: Optional[str] = None
    every: Optional[Literal["day", "week", "month", "quarter", "half_year", "year"]] = None
    day: Optional[int] = None
    span: Optional[Span] = None


class Unit(Strict):
    """A unit as printed plus what we infer about it."""

    text: str
    canonical: str
    kind: Optional[str] = None
    level: Optional[Literal["national", "province", "district", "commune", "other"]] = None
    span: Optional[Span] = None


class Task(Strict):
    ref: str
    text: str
    lead: list[str] = Field(default_factory=list)
    support: list[str] = Field(default_factory=list)
    deadline: Optional[Deadline] = None
    product: Optional[str] = None  # what the task delivers ("Sản phẩm" / "Kết quả đầu ra"), as printed
    lead_units: list[Unit] = Field(default_factory=list)
    support_units: list[Unit] = Field(default_factory=list)
    section: Optional[str] = None
    span: Optional[Span] = None


class Target(Strict):
    op: Literal[">", ">=", "<", "<=", "=", "between", "~"]
    value: float
    max: Optional[float] = None
    unit: Optional[str] = None
    text: Optional[str] = None


class KPI(Strict):
    ref: str
    indicator: str
    target: Optional[Target] = None
    lead: list[str] = Field(default_factory=list)
    support: list[str] = Field(default_factory=list)
    deadline: Optional[Deadline] = None
    basis: Optional[str] = None
    lead_units: list[Unit] = Field(default_factory=list)
    support_units: list[Unit] = Field(default_factory=list)
    span: Optional[Span] = None


class Citation(Strict):
    doc_type: Optional[str] = None
    number: Optional[str] = None
    date: Optional[str] = None
    issuer: Optional[str] = None
    text: Optional[str] = None
    span: Optional[Span] = None


class Signer(Strict):
    name: Optional[str] = None
    title: Optional[str] = None


class Meta(Strict):
    doc_type: Optional[str] = None
    number: Optional[str] = None
    issuer: Optional[str] = None
    issuer_level: Optional[Literal["national", "province", "district", "commune"]] = None
    date: Optional[str] = None
    place: Optional[str] = None
    title: Optional[str] = None
    signer: Optional[Signer] = None


class Plan(Strict):
    """The extraction of one plan: the data contract's fields plus provenance."""

    schema_version: str = SCHEMA_VERSION
    document: str
    source_file: Optional[str] = None  # the path read (resolved in a batch), non-UTF-8 bytes as \xNN
    sha256: Optional[str] = Field(default=None, pattern="^[0-9a-f]{64}$")  # of the file's bytes
    format: Optional[str] = None
    status: Literal["success", "partial"] = "success"
    meta: Meta
    implements: list[Citation] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    kpis: list[KPI] = Field(default_factory=list)
    units: list[Unit] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


# ------------------------------------------------------------------ comparison
class PlanSummary(Strict):
    document: str
    number: Optional[str] = None
    issuer: Optional[str] = None
    issuer_level: Optional[str] = None
    date: Optional[str] = None
    title: Optional[str] = None


class KPIItem(Strict):
    ref: str
    indicator: str
    target: Optional[Target] = None
    deadline: Optional[Deadline] = None


class KPIPair(Strict):
    child: KPIItem
    parent: KPIItem
    score: float
    verdict: Literal["weaker", "same", "stronger", "not_comparable"]
    deadline_late: bool = False


class TaskItem(Strict):
    ref: str
    text: str
    lead: list[str] = Field(default_factory=list)
    deadline: Optional[Deadline] = None


class TaskPair(Strict):
    child: TaskItem
    parent: TaskItem
    score: float
    child_lead_roles: list[str] = Field(default_factory=list)
    parent_lead_roles: list[str] = Field(default_factory=list)
    lead_changed: bool = False
    deadline_late: bool = False


class Comparison(Strict):
    """A child plan against the plan it implements (or a plan against another year's plan)."""

    schema_version: str = SCHEMA_VERSION
    child: PlanSummary
    parent: PlanSummary
    child_cites_parent: Optional[bool] = None  # None: the parent has no number to look for
    kpi_pairs: list[KPIPair] = Field(default_factory=list)
    kpis_missing: list[KPIItem] = Field(default_factory=list)  # parent KPIs the child does not carry
    kpis_added: list[KPIItem] = Field(default_factory=list)  # child KPIs the parent lacks
    # The child details one part of the parent (an inspection, propaganda or conference plan after a general
    # plan) rather than all of it; then the parent's sections outside scope_sections are not the child's business.
    details_part: bool = False
    scope_sections: list[str] = Field(default_factory=list)  # the parent's sections ('I.7', 'PL.VII') in the child's scope
    kpis_outside_scope: list[KPIItem] = Field(default_factory=list)  # parent KPIs outside the child's scope
    task_pairs: list[TaskPair] = Field(default_factory=list)
    tasks_not_covered: list[TaskItem] = Field(default_factory=list)  # in the child's scope, carried out by no child task
    tasks_added: list[TaskItem] = Field(default_factory=list)
    tasks_carried_by_plan: list[TaskItem] = Field(default_factory=list)  # the child as a whole carries them out
    parent_outside_scope: list[TaskItem] = Field(default_factory=list)  # parent tasks outside the child's scope
    summary: dict[str, int] = Field(default_factory=dict)


# ------------------------------------------------------------------ plan tree
class TreeNode(Strict):
    id: str
    number: Optional[str] = None
    issuer: Optional[str] = None
    level: Optional[str] = None
    date: Optional[str] = None
    title: Optional[str] = None
    files: list[str] = Field(default_factory=list)  # empty: cited but not in the folder
    in_set: bool = True


class TreeEdge(Strict):
    child: str
    parent: str
    resolved: bool  # the parent is a plan in the folder
    primary: bool  # the nearest level above the child among what it cites
    cited_as: Citation


class PlanTree(Strict):
    schema_version: str = SCHEMA_VERSION
    nodes: list[TreeNode] = Field(default_factory=list)
    edges: list[TreeEdge] = Field(default_factory=list)
    unresolved: list[str] = Field(default_factory=list)  # cited parents not among the plans
    errors: list[str] = Field(default_factory=list)
