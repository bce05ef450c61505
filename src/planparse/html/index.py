"""A batch's index page: every plan with its counts and a link to its review, then the failures."""
from __future__ import annotations

from ..messages import reason_vi, stage_vi, warning_vi
from .page import esc, page

__all__ = ["reason_vi", "render_index", "stage_vi"]


def render_index(plans: list[dict], failures: list[dict], title: str = "planparse – kết quả",
                 not_plans: list[dict] = ()) -> str:
    """`plans`: dicts with file, review (relative link or None), status, issuer, number, date, title,
    n_tasks, n_kpis, warnings; `failures`, `not_plans` (documents that are not plans): dicts with file, stage, reason."""
    rows = []
    for p in plans:
        name = esc(p["file"])
        link = f'<a href="{esc(p["review"])}">{name}</a>' if p.get("review") else name
        warn = "; ".join(warning_vi(w) for w in p.get("warnings") or [])
        rows.append(f'<tr class="st-{esc(p["status"])}"><td>{link}</td><td>{esc(p.get("number"))}</td>'
                    f'<td>{esc(p.get("issuer"))}</td><td>{esc(p.get("date"))}</td><td>{esc(p.get("title"))}</td>'
                    f'<td class="num">{p.get("n_tasks", 0)}</td><td class="num">{p.get("n_kpis", 0)}</td>'
                    f'<td class="small" title="{esc(warn)}">{len(p.get("warnings") or [])}</td></tr>')
    fails = "".join(f'<tr><td>{esc(f["file"])}</td><td>{esc(stage_vi(f.get("stage")))}</td>'
                    f'<td title="{esc(f.get("reason"))}">{esc(reason_vi(f.get("reason")))}</td></tr>' for f in failures)
    others = "".join(f'<tr><td>{esc(f["file"])}</td><td title="{esc(f.get("reason"))}">{esc(reason_vi(f.get("reason")))}</td></tr>'
                     for f in not_plans)
    n_warn = sum(1 for p in plans if p.get("warnings"))
    body = (f'<header class="top"><h1>{esc(title)}</h1><div class="meta"><span>Kế hoạch đọc được: <b>{len(plans)}</b></span>'
            f"<span>có cảnh báo: <b>{n_warn}</b></span><span>không phải kế hoạch: <b>{len(not_plans)}</b></span>"
            f"<span>lỗi: <b>{len(failures)}</b></span></div></header>"
            '<main class="compare"><h2>Kế hoạch</h2><table class="data" id="plans"><thead><tr><th>Tệp</th><th>Số</th>'
            "<th>Cơ quan</th><th>Ngày</th><th>Trích yếu</th><th>Nhiệm vụ</th><th>Chỉ tiêu</th><th>Cảnh báo</th></tr></thead>"
            f'<tbody>{"".join(rows)}</tbody></table>'
            f'<h2>Tệp lỗi <span class="badge">{len(failures)}</span></h2>'
            '<table class="data" id="failures"><thead><tr><th>Tệp</th><th>Bước</th><th>Lý do</th></tr></thead>'
            f'<tbody>{fails or "<tr><td colspan=3 class=muted>không có</td></tr>"}</tbody></table>'
            f'<h2>Không phải kế hoạch (bỏ qua) <span class="badge">{len(not_plans)}</span></h2>'
            '<table class="data" id="not-plans"><thead><tr><th>Tệp</th><th>Lý do</th></tr></thead>'
            f'<tbody>{others or "<tr><td colspan=2 class=muted>không có</td></tr>"}</tbody></table></main>')
    return page(title, body, css=("compare.css",))
