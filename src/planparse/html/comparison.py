"""A child plan beside its parent: KPIs and tasks aligned row by row, weaker targets and late
deadlines in colour, what the child leaves out (and adds) listed."""
from __future__ import annotations

from ..models import Comparison, KPIItem, PlanSummary, TaskItem
from .page import esc, fmt_deadline, fmt_target, page

VERDICTS = {"weaker": "yếu hơn", "same": "bằng", "stronger": "cao hơn", "not_comparable": "không so được"}


def _plan_line(role: str, p: PlanSummary) -> str:
    bits = [p.number and f"số {p.number}", p.issuer, p.date]
    return (f"<span>{role}: <b>{esc(p.title or p.document)}</b> "
            f"<span class=muted>({esc(', '.join(b for b in bits if b) or p.document)})</span></span>")


LATE = ' title="thời hạn muộn hơn kế hoạch cấp trên"'


def _deadline_cell(d, late: bool = False) -> str:
    return f'<td class="dl late"{LATE}>{fmt_deadline(d)}</td>' if late else f'<td class="dl">{fmt_deadline(d)}</td>'


def _kpi_cells(k: KPIItem | None, parent: bool, late: bool = False) -> str:
    """One side of a KPI row: indicator, target, deadline (blank when that side has no such KPI)."""
    side = "side parent" if parent else "side"
    if k is None:
        return f'<td class="{side}"><span class="muted">—</span></td><td></td><td></td>'
    target = "target" if parent else "target target-child"
    return (f'<td class="{side}"><span class="item-ref">{esc(k.ref)}</span>{esc(k.indicator)}</td>'
            f'<td class="{target}">{esc(fmt_target(k.target))}</td>{_deadline_cell(k.deadline, late)}')


def _task_cells(t: TaskItem | None, parent: bool, late: bool = False) -> str:
    """One side of a task row: text, lead units, deadline (blank when that side has no such task)."""
    side = "side parent" if parent else "side"
    if t is None:
        return f'<td class="{side}"><span class="muted">—</span></td><td></td><td></td>'
    lead = "" if parent else ' class="lead-child"'
    return (f'<td class="{side}"><span class="item-ref">{esc(t.ref)}</span>{esc(t.text)}</td>'
            f'<td{lead}>{esc("; ".join(t.lead))}</td>{_deadline_cell(t.deadline, late)}')


def _row(cls: str, child_cells: str, parent_cells: str, verdict: str) -> str:
    return f'<tr class="{cls}">{child_cells}{parent_cells}<td class="verdict">{verdict}</td></tr>'


def _kpi_rows(c: Comparison) -> str:
    rows = []
    for p in c.kpi_pairs:
        problem = p.verdict == "weaker" or p.deadline_late
        verdict = f'{VERDICTS[p.verdict]}{" · muộn" if p.deadline_late else ""} <span class="muted small" title="độ giống nhau của hai mục (0–100), không phải chỉ tiêu">giống {p.score:.0f}%</span>'
        rows.append(_row(f'pair v-{p.verdict} {"problem" if problem else "ok"}', _kpi_cells(p.child, False, p.deadline_late),
                         _kpi_cells(p.parent, True), verdict))
    rows += [_row("missing problem", _kpi_cells(None, False), _kpi_cells(k, True), "thiếu") for k in c.kpis_missing]
    rows += [_row("added ok", _kpi_cells(k, False), _kpi_cells(None, True), "thêm") for k in c.kpis_added]
    head = ("<tr><th>Chỉ tiêu (kế hoạch này)</th><th>Mục tiêu</th><th>Thời hạn</th><th>Chỉ tiêu (cấp trên)</th>"
            "<th>Mục tiêu</th><th>Thời hạn</th><th>Đánh giá</th></tr>")
    return f'<table class="data pairs" id="kpi-pairs"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _task_rows(c: Comparison) -> str:
    rows = []
    for p in c.task_pairs:
        problem = p.lead_changed or p.deadline_late
        cls = " ".join(x for x in ("pair", "lead-changed" if p.lead_changed else "", "problem" if problem else "ok") if x)
        note = " · ".join(x for x in ("đổi chủ trì" if p.lead_changed else "", "muộn" if p.deadline_late else "") if x)
        rows.append(_row(cls, _task_cells(p.child, False, p.deadline_late), _task_cells(p.parent, True),
                         f'{note or "có"} <span class="muted small" title="độ giống nhau của hai mục (0–100), không phải chỉ tiêu">giống {p.score:.0f}%</span>'))
    rows += [_row("missing problem", _task_cells(None, False), _task_cells(t, True), "chưa có") for t in c.tasks_not_covered]
    rows += [_row("added ok", _task_cells(t, False), _task_cells(None, True), "thêm") for t in c.tasks_added]
    head = ("<tr><th>Nhiệm vụ (kế hoạch này)</th><th>Chủ trì</th><th>Thời hạn</th><th>Nhiệm vụ (cấp trên)</th>"
            "<th>Chủ trì</th><th>Thời hạn</th><th>Đánh giá</th></tr>")
    return f'<table class="data pairs" id="task-pairs"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _kpi_list(items: list[KPIItem]) -> str:
    return "".join(f"<li><b>{esc(k.ref)}</b> {esc(k.indicator)} <span class=target>{esc(fmt_target(k.target))}</span></li>"
                   for k in items) or "<li class=muted>không có</li>"


def _task_list(items: list[TaskItem]) -> str:
    return "".join(f"<li><b>{esc(t.ref)}</b> {esc(t.text)}</li>" for t in items) or "<li class=muted>không có</li>"


def _missing_lists(c: Comparison) -> str:
    out = (f'<h2>Chỉ tiêu của cấp trên chưa có trong kế hoạch này</h2><ul id="kpis-missing">{_kpi_list(c.kpis_missing)}</ul>'
           f'<h2>Nhiệm vụ của cấp trên chưa được triển khai</h2><ul id="tasks-missing">{_task_list(c.tasks_not_covered)}</ul>')
    if c.tasks_carried_by_plan:
        out += (f'<h2>Nhiệm vụ của cấp trên do cả kế hoạch này thực hiện</h2>'
                f'<ul id="tasks-carried">{_task_list(c.tasks_carried_by_plan)}</ul>')
    if c.details_part:
        # what the child leaves to others: listed apart and folded, since it is not the child's business
        out += (f'<details id="outside-scope"><summary><h2 style="display:inline">Ngoài phạm vi kế hoạch này</h2> '
                f'<span class="muted">({len(c.parent_outside_scope)} nhiệm vụ, {len(c.kpis_outside_scope)} chỉ tiêu của '
                f'cấp trên thuộc các phần khác)</span></summary>'
                f'<h3>Nhiệm vụ</h3><ul id="tasks-outside-scope">{_task_list(c.parent_outside_scope)}</ul>'
                f'<h3>Chỉ tiêu</h3><ul id="kpis-outside-scope">{_kpi_list(c.kpis_outside_scope)}</ul></details>')
    return out


SUMMARY_LABELS = [("kpis_paired", "chỉ tiêu khớp"), ("kpis_weaker", "chỉ tiêu yếu hơn"), ("kpis_missing", "chỉ tiêu thiếu"),
                  ("kpis_added", "chỉ tiêu thêm"), ("tasks_covered", "nhiệm vụ khớp"),
                  ("tasks_not_covered", "nhiệm vụ chưa có"), ("tasks_added", "nhiệm vụ thêm"),
                  ("late_deadlines", "thời hạn muộn"), ("lead_changes", "đổi chủ trì"),
                  ("tasks_carried_by_plan", "nhiệm vụ cả kế hoạch thực hiện"), ("parent_outside_scope", "nhiệm vụ ngoài phạm vi"),
                  ("kpis_outside_scope", "chỉ tiêu ngoài phạm vi")]
SCOPE_KEYS = {"tasks_carried_by_plan", "parent_outside_scope", "kpis_outside_scope"}  # shown when the child details a part


def render_comparison(c: Comparison) -> str:
    cites = {True: "Kế hoạch này có dẫn chiếu kế hoạch cấp trên.",
             False: "Kế hoạch này KHÔNG dẫn chiếu kế hoạch cấp trên.", None: ""}[c.child_cites_parent]
    scope = (f"Kế hoạch này triển khai một phần của kế hoạch cấp trên (các mục {', '.join(c.scope_sections)})."
             if c.details_part else "")
    header = (f'<header class="top"><h1>So sánh với kế hoạch cấp trên</h1><div class="meta">'
              f'{_plan_line("Kế hoạch này", c.child)}{_plan_line("Cấp trên", c.parent)}'
              f'{f"<span>{esc(cites)}</span>" if cites else ""}{f"<span>{esc(scope)}</span>" if scope else ""}</div></header>')
    badges = "".join(f'<span class="badge" data-key="{k}">{esc(label)}: <b>{c.summary.get(k, 0)}</b></span>'
                     for k, label in SUMMARY_LABELS
                     if k in c.summary and (k not in SCOPE_KEYS or c.details_part or c.summary[k]))
    tools = ('<div class="toolbar no-print"><label><input type="checkbox" id="problems-only" '
             "onchange=\"document.body.classList.toggle('problems-only', this.checked)\"> chỉ hiện chỗ cần xem</label>"
             '<span class="legend"><span style="background:var(--weaker)">yếu hơn</span>'
             '<span style="background:var(--late)">muộn / đổi chủ trì</span>'
             '<span style="background:var(--missing)">thiếu</span></span></div>')
    body = (header + f'<main class="compare"><div class="summary">{badges}</div>{tools}'
            f"<h2>Chỉ tiêu</h2>{_kpi_rows(c)}<h2>Nhiệm vụ</h2>{_task_rows(c)}{_missing_lists(c)}</main>")
    return page(f"So sánh – {c.child.document} / {c.parent.document}", body, css=("compare.css",))
