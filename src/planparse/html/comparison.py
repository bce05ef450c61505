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


def _kpi(k: KPIItem | None) -> str:
    if k is None:
        return '<span class="muted">—</span>'
    return f'<span class="item-ref">{esc(k.ref)}</span>{esc(k.indicator)}'


def _task(t: TaskItem | None) -> str:
    if t is None:
        return '<span class="muted">—</span>'
    return f'<span class="item-ref">{esc(t.ref)}</span>{esc(t.text)}'


def _kpi_rows(c: Comparison) -> str:
    rows = []
    for p in c.kpi_pairs:
        problem = p.verdict == "weaker" or p.deadline_late
        late = ' title="thời hạn muộn hơn kế hoạch cấp trên"' if p.deadline_late else ""
        rows.append(f'<tr class="pair v-{p.verdict} {"problem" if problem else "ok"}">'
                    f'<td class="side">{_kpi(p.child)}</td><td class="target target-child">{esc(fmt_target(p.child.target))}</td>'
                    f'<td class="dl{" late" if p.deadline_late else ""}"{late}>{fmt_deadline(p.child.deadline)}</td>'
                    f'<td class="side parent">{_kpi(p.parent)}</td><td class="target">{esc(fmt_target(p.parent.target))}</td>'
                    f'<td class="dl">{fmt_deadline(p.parent.deadline)}</td>'
                    f'<td class="verdict">{VERDICTS[p.verdict]}{" · muộn" if p.deadline_late else ""}'
                    f' <span class="muted small">{p.score:.0f}</span></td></tr>')
    for k in c.kpis_missing:
        rows.append(f'<tr class="missing problem"><td class="side">{_kpi(None)}</td><td></td><td></td>'
                    f'<td class="side parent">{_kpi(k)}</td><td class="target">{esc(fmt_target(k.target))}</td>'
                    f'<td class="dl">{fmt_deadline(k.deadline)}</td><td class="verdict">thiếu</td></tr>')
    for k in c.kpis_added:
        rows.append(f'<tr class="added ok"><td class="side">{_kpi(k)}</td><td class="target">{esc(fmt_target(k.target))}</td>'
                    f'<td>{fmt_deadline(k.deadline)}</td><td class="side parent">{_kpi(None)}</td><td></td><td></td>'
                    f'<td class="verdict">thêm</td></tr>')
    head = ("<tr><th>Chỉ tiêu (kế hoạch này)</th><th>Mục tiêu</th><th>Thời hạn</th><th>Chỉ tiêu (cấp trên)</th>"
            "<th>Mục tiêu</th><th>Thời hạn</th><th>Đánh giá</th></tr>")
    return f'<table class="data pairs" id="kpi-pairs"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _task_rows(c: Comparison) -> str:
    rows = []
    for p in c.task_pairs:
        problem = p.lead_changed or p.deadline_late
        cls = " ".join(x for x in ("pair", "lead-changed" if p.lead_changed else "", "problem" if problem else "ok") if x)
        late = ' title="thời hạn muộn hơn kế hoạch cấp trên"' if p.deadline_late else ""
        note = " · ".join(x for x in ("đổi chủ trì" if p.lead_changed else "", "muộn" if p.deadline_late else "") if x)
        rows.append(f'<tr class="{cls}"><td class="side">{_task(p.child)}</td>'
                    f'<td class="lead-child">{esc("; ".join(p.child.lead))}</td><td class="dl{" late" if p.deadline_late else ""}"{late}>{fmt_deadline(p.child.deadline)}</td>'
                    f'<td class="side parent">{_task(p.parent)}</td><td>{esc("; ".join(p.parent.lead))}</td>'
                    f'<td class="dl">{fmt_deadline(p.parent.deadline)}</td>'
                    f'<td class="verdict">{note or "có"} <span class="muted small">{p.score:.0f}</span></td></tr>')
    for t in c.tasks_not_covered:
        rows.append(f'<tr class="missing problem"><td class="side">{_task(None)}</td><td></td><td></td>'
                    f'<td class="side parent">{_task(t)}</td><td>{esc("; ".join(t.lead))}</td><td class="dl">{fmt_deadline(t.deadline)}</td>'
                    f'<td class="verdict">chưa có</td></tr>')
    for t in c.tasks_added:
        rows.append(f'<tr class="added ok"><td class="side">{_task(t)}</td><td>{esc("; ".join(t.lead))}</td>'
                    f'<td>{fmt_deadline(t.deadline)}</td><td class="side parent">{_task(None)}</td><td></td><td></td>'
                    f'<td class="verdict">thêm</td></tr>')
    head = ("<tr><th>Nhiệm vụ (kế hoạch này)</th><th>Chủ trì</th><th>Thời hạn</th><th>Nhiệm vụ (cấp trên)</th>"
            "<th>Chủ trì</th><th>Thời hạn</th><th>Đánh giá</th></tr>")
    return f'<table class="data pairs" id="task-pairs"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _missing_lists(c: Comparison) -> str:
    kpis = "".join(f"<li><b>{esc(k.ref)}</b> {esc(k.indicator)} <span class=target>{esc(fmt_target(k.target))}</span></li>"
                   for k in c.kpis_missing) or "<li class=muted>không có</li>"
    tasks = "".join(f"<li><b>{esc(t.ref)}</b> {esc(t.text)}</li>" for t in c.tasks_not_covered) or "<li class=muted>không có</li>"
    return (f'<h2>Chỉ tiêu của cấp trên chưa có trong kế hoạch này</h2><ul id="kpis-missing">{kpis}</ul>'
            f'<h2>Nhiệm vụ của cấp trên chưa được triển khai</h2><ul id="tasks-missing">{tasks}</ul>')


SUMMARY_LABELS = [("kpis_paired", "chỉ tiêu khớp"), ("kpis_weaker", "chỉ tiêu yếu hơn"), ("kpis_missing", "chỉ tiêu thiếu"),
                  ("kpis_added", "chỉ tiêu thêm"), ("tasks_covered", "nhiệm vụ khớp"),
                  ("tasks_not_covered", "nhiệm vụ chưa có"), ("tasks_added", "nhiệm vụ thêm"),
                  ("late_deadlines", "thời hạn muộn"), ("lead_changes", "đổi chủ trì")]


def render_comparison(c: Comparison) -> str:
    cites = {True: "Kế hoạch này có dẫn chiếu kế hoạch cấp trên.",
             False: "Kế hoạch này KHÔNG dẫn chiếu kế hoạch cấp trên.", None: ""}[c.child_cites_parent]
    header = (f'<header class="top"><h1>So sánh với kế hoạch cấp trên</h1><div class="meta">'
              f'{_plan_line("Kế hoạch này", c.child)}{_plan_line("Cấp trên", c.parent)}'
              f'{f"<span>{esc(cites)}</span>" if cites else ""}</div></header>')
    badges = "".join(f'<span class="badge" data-key="{k}">{esc(label)}: <b>{c.summary.get(k, 0)}</b></span>'
                     for k, label in SUMMARY_LABELS if k in c.summary)
    tools = ('<div class="toolbar no-print"><label><input type="checkbox" id="problems-only" '
             "onchange=\"document.body.classList.toggle('problems-only', this.checked)\"> chỉ hiện chỗ cần xem</label>"
             '<span class="legend"><span style="background:var(--weaker)">yếu hơn</span>'
             '<span style="background:var(--late)">muộn / đổi chủ trì</span>'
             '<span style="background:var(--missing)">thiếu</span></span></div>')
    body = (header + f'<main class="compare"><div class="summary">{badges}</div>{tools}'
            f"<h2>Chỉ tiêu</h2>{_kpi_rows(c)}<h2>Nhiệm vụ</h2>{_task_rows(c)}{_missing_lists(c)}</main>")
    return page(f"So sánh – {c.child.document} / {c.parent.document}", body, css=("compare.css",))
