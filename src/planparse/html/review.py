"""The review of one extraction: the plan's own text with every task, KPI, unit and deadline
highlighted where it was found (from the provenance spans), beside tables of what was extracted.
A row click scrolls the text to the item and flashes it; repaired words show what was read."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Optional

from ..messages import warning_vi
from ..models import KPI, Block, Document, Plan, Span, Task, Unit
from .page import DEADLINE_KINDS, esc, fmt_deadline, fmt_target, page

KINDS = {"task": "nhiệm vụ", "kpi": "chỉ tiêu", "unit": "đơn vị", "deadline": "thời hạn", "fix": "từ đã sửa"}
CELL_SEP = " | "


@dataclass
class Mark:
    start: int
    end: int
    kind: str
    own: set[str] = field(default_factory=set)  # items this span is the source of
    rel: set[str] = field(default_factory=set)  # items this span belongs to (their units, deadlines)
    title: Optional[str] = None


@dataclass
class Marks:
    blocks: dict[str, Block]
    by_block: dict[str, dict[tuple[int, int, str], Mark]] = field(default_factory=dict)

    def add(self, span: Optional[Span], kind: str, item: str, own: bool) -> bool:
        """Record a span; False when it does not fit the text (a JSON from another reading)."""
        if span is None:
            return False
        block = self.blocks.get(span.block)
        if block is None or not 0 <= span.start < span.end <= len(block.text):
            return False
        mark = self.by_block.setdefault(span.block, {}).setdefault((span.start, span.end, kind),
                                                                   Mark(span.start, span.end, kind))
        (mark.own if own else mark.rel).add(item)
        return True


def repaired_words(block: Block) -> list[Mark]:
    """Words repair changed in a block, each with the text as read (shown on hover)."""
    if not block.original or block.original == block.text:
        return []
    new = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", block.text)]
    old = [m.group() for m in re.finditer(r"\S+", block.original)]
    out = []
    matcher = difflib.SequenceMatcher(a=old, b=[w for _, _, w in new], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("replace", "insert") and j2 > j1:
            was = " ".join(old[i1:i2]) or "(không có)"
            out.append(Mark(new[j1][0], new[j2 - 1][1], "fix", title=f"đã đọc: {was}"))
    return out


def _segments(text: str, a: int, b: int, marks: list[Mark]) -> str:
    """Text [a, b) as spans whose classes are the union of the marks covering each piece."""
    cuts = {a, b}
    for m in marks:
        cuts.update(x for x in (m.start, m.end) if a < x < b)
    points = sorted(cuts)
    out = []
    for x, y in zip(points, points[1:]):
        piece = esc(text[x:y])
        active = [m for m in marks if m.start <= x and m.end >= y]
        if not active:
            out.append(piece)
            continue
        kinds = sorted({m.kind for m in active})
        own = sorted({i for m in active for i in m.own})
        rel = sorted({i for m in active for i in m.rel} - set(own))
        titles = [m.title for m in active if m.title]
        attrs = f' class="hl {" ".join("k-" + k for k in kinds)}"'
        if own:
            attrs += f' data-items="{" ".join(own)}"'
        if rel:
            attrs += f' data-rel="{" ".join(rel)}"'
        if titles:
            attrs += f' title="{esc(titles[0])}"'
        out.append(f"<span{attrs}>{piece}</span>")
    return "".join(out)


def _cell_ranges(block: Block) -> Optional[list[tuple[int, int]]]:
    if not block.cells or CELL_SEP.join(c.text for c in block.cells) != block.text:
        return None
    ranges, pos = [], 0
    for c in block.cells:
        ranges.append((pos, pos + len(c.text)))
        pos += len(c.text) + len(CELL_SEP)
    return ranges


def _where(block: Block) -> str:
    bits = [f"trang {block.page}" if block.page else "", f"dòng {block.line}" if block.line is not None else ""]
    return ", ".join(b for b in bits if b)


def render_source(doc: Document, marks: Marks) -> str:
    out: list[str] = []
    page_no: Optional[int] = None
    table: Optional[int] = None
    for block in doc.blocks:
        if block.page and block.page != page_no:
            if table is not None:
                out.append("</table>")
                table = None
            page_no = block.page
            out.append(f'<div class="page-mark">Trang {page_no}</div>')
        ms = list(marks.by_block.get(block.id, {}).values()) + repaired_words(block)
        cells = _cell_ranges(block) if block.kind == "row" else None
        if block.kind == "row" and cells is not None:
            if table != block.table:
                if table is not None:
                    out.append("</table>")
                out.append('<table class="src">')
                table = block.table
            tds = "".join(f"<td>{_segments(block.text, a, b, ms)}</td>" for a, b in cells)
            out.append(f'<tr id="{esc(block.id)}" title="{esc(_where(block))}">{tds}</tr>')
            continue
        if table is not None:
            out.append("</table>")
            table = None
        # a label the reader rebuilt is shown once: most readers keep it at the start of the text too
        label = f"{esc(block.label)} " if block.label and not block.text.startswith(block.label) else ""
        cls = "heading" if block.kind == "heading" or block.bold else block.kind
        out.append(f'<p id="{esc(block.id)}" class="{cls}" title="{esc(_where(block))}">{label}'
                   f"{_segments(block.text, 0, len(block.text), ms)}</p>")
    if table is not None:
        out.append("</table>")
    return "\n".join(out)


def _units(units: list[Unit], names: list[str]) -> str:
    shown = [u.text for u in units] or names
    return "; ".join(esc(x) for x in shown)


def _unit_keys(*groups: list[Unit]) -> str:
    return "|".join(esc(u.canonical) for g in groups for u in g)


def _row(marks: Marks, item: str, kind: str, x: Task | KPI) -> str:
    """Register an item's spans (its own, its units', its deadline's) and open its table row."""
    found = marks.add(x.span, kind, item, own=True)
    for u in x.lead_units + x.support_units:
        found |= marks.add(u.span, "unit", item, own=False)
    if x.deadline:
        found |= marks.add(x.deadline.span, "deadline", item, own=False)
    return (f'<tr data-item="{item}" tabindex="0" data-kind="{x.deadline.kind if x.deadline else "none"}" '
            f'data-units="{_unit_keys(x.lead_units, x.support_units)}"{"" if found else " class=nosrc"}>')


def render_tables(plan: Plan, marks: Marks) -> str:
    rows = [_row(marks, f"task-{i}", "task", t)
            + f'<td class="ref">{esc(t.ref)}</td><td>{esc(t.text)}</td><td>{_units(t.lead_units, t.lead)}</td>'
            f"<td>{_units(t.support_units, t.support)}</td><td>{fmt_deadline(t.deadline)}</td>"
            f'<td class="small">{esc(t.product)}</td></tr>'
            for i, t in enumerate(plan.tasks)]
    tasks = ('<table class="data" id="tasks"><thead><tr><th class="ref">Mục</th><th>Nhiệm vụ</th><th>Chủ trì</th>'
             "<th>Phối hợp</th><th>Thời hạn</th><th>Sản phẩm</th></tr></thead><tbody>" + "\n".join(rows) + "</tbody></table>")
    rows = [_row(marks, f"kpi-{j}", "kpi", k)
            + f'<td class="ref">{esc(k.ref)}</td><td>{esc(k.indicator)}</td><td class="target">{esc(fmt_target(k.target))}</td>'
            f"<td>{_units(k.lead_units, k.lead)}</td><td>{fmt_deadline(k.deadline)}</td>"
            f'<td class="small">{esc(k.basis)}</td></tr>'
            for j, k in enumerate(plan.kpis)]
    kpis = ('<table class="data" id="kpis"><thead><tr><th class="ref">Mục</th><th>Chỉ tiêu</th><th>Mục tiêu</th>'
            "<th>Chủ trì</th><th>Thời hạn</th><th>Căn cứ</th></tr></thead><tbody>" + "\n".join(rows) + "</tbody></table>")
    return (f"<h2>Nhiệm vụ <span class=badge>{len(plan.tasks)}</span></h2>{tasks}"
            f"<h2>Chỉ tiêu <span class=badge>{len(plan.kpis)}</span></h2>{kpis}")


def _toolbar(plan: Plan, repaired: int) -> str:
    units = sorted({u.canonical for u in plan.units}, key=str.casefold)
    unit_opts = "".join(f'<option value="{esc(u)}">{esc(u)}</option>' for u in units)
    kinds = sorted({(x.deadline.kind if x.deadline else "none") for x in list(plan.tasks) + list(plan.kpis)})
    kind_opts = "".join(f'<option value="{k}">{esc(DEADLINE_KINDS.get(k, k))}</option>' for k in kinds)
    toggles = "".join(f'<label><input type="checkbox" checked data-kind-toggle="{k}"> <span class="k-{k}">{v}</span></label> '
                      for k, v in KINDS.items() if k != "fix" or repaired)
    return (f'<div class="toolbar"><label>Đơn vị <select id="f-unit"><option value="">(tất cả)</option>{unit_opts}'
            f'</select></label><label>Thời hạn <select id="f-kind"><option value="">(tất cả)</option>{kind_opts}'
            f'</select></label><span class="muted">hiện <span id="f-count"></span></span></div>'
            f'<div class="toolbar legend">Tô màu: {toggles}</div>')


def _header(plan: Plan) -> str:
    m = plan.meta
    title = m.title or plan.document
    facts = [("Văn bản", " ".join(x for x in (m.doc_type, f"số {m.number}" if m.number else None) if x)),
             ("Cơ quan", m.issuer), ("Ngày", m.date), ("Nơi ban hành", m.place),
             ("Người ký", " – ".join(x for x in ((m.signer.title if m.signer else None),
                                                  (m.signer.name if m.signer else None)) if x)),
             ("Tệp", plan.document)]
    meta = "".join(f"<span>{k}: <b>{esc(v)}</b></span>" for k, v in facts if v)
    cites = "; ".join(esc(c.text or " ".join(x for x in (c.doc_type, c.number, c.date) if x)) for c in plan.implements)
    if cites:
        meta += f"<span>Thực hiện: <b>{cites}</b></span>"
    return f'<header class="top"><h1>{esc(title)}</h1><div class="meta">{meta}</div></header>'


def render_review(plan: Plan, doc: Optional[Document] = None) -> str:
    """The review page. Without the source document only the tables are shown."""
    marks = Marks(blocks={b.id: b for b in doc.blocks} if doc else {})
    tables = render_tables(plan, marks)
    repaired = sum(len(repaired_words(b)) for b in doc.blocks) if doc else 0
    notes = list(plan.warnings)
    if doc is None:
        notes.append("không có văn bản nguồn: chỉ hiện các bảng (review FILE, hoặc --source)")
    if repaired:
        notes.append(f"{repaired} chỗ đã sửa lỗi OCR/mã phông (gạch chấm; di chuột để xem chữ gốc)")
    warn = ("<div class=warnings><b>Cảnh báo</b><ul>" + "".join(f"<li>{esc(warning_vi(w))}</li>" for w in notes) + "</ul></div>"
            if notes else "")
    source = render_source(doc, marks) if doc else '<p class="muted">(không có văn bản nguồn)</p>'
    body = (_header(plan) + f'<main class="review"><section class="items">{warn}{_toolbar(plan, repaired)}{tables}</section>'
            f'<section class="source" id="source"><h2>Văn bản</h2>{source}</section></main>')
    return page(f"Rà soát – {plan.meta.title or plan.document}", body, css=("review.css",), js=("review.js",))
