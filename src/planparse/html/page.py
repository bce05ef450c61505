"""The shell every page shares: one UTF-8 file with its CSS and script inlined (works from disk,
no network), and the small formatters the pages agree on."""
from __future__ import annotations

from functools import lru_cache
from html import escape
from importlib import resources
from typing import Optional

from ..models import Deadline, Target

DEADLINE_KINDS = {
    "ongoing": "thường xuyên",
    "by": "hạn chót",
    "on": "vào ngày",
    "period": "trong khoảng",
    "recurring": "định kỳ",
    "event": "theo sự kiện",
    "none": "(không ghi)",
}
OPS = {">": ">", ">=": "≥", "<": "<", "<=": "≤", "=": "=", "~": "≈", "between": ""}


def esc(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    return resources.files("planparse.html").joinpath("assets", name).read_text(encoding="utf-8")


def page(title: str, body: str, css: tuple[str, ...] = (), js: tuple[str, ...] = (), body_class: str = "") -> str:
    styles = "\n".join(asset(n) for n in ("page.css",) + css)
    scripts = "".join(f"<script>\n{asset(n)}\n</script>\n" for n in js)
    cls = f' class="{esc(body_class)}"' if body_class else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"planparse\">\n"
        f"<title>{esc(title)}</title>\n<style>\n{styles}\n</style>\n</head>\n<body{cls}>\n{body}\n{scripts}</body>\n</html>\n"
    )


def fmt_number(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}".replace(".", ",")


def fmt_target(t: Optional[Target]) -> str:
    """'≥ 50%', '100%', '3–5 lớp'."""
    if t is None:
        return ""
    if t.op == "between" and t.max is not None:
        core = f"{fmt_number(t.value)}–{fmt_number(t.max)}"
    elif t.op == "=":
        core = fmt_number(t.value)
    else:
        core = f"{OPS.get(t.op, t.op)} {fmt_number(t.value)}"
    unit = t.unit or ""
    return core + unit if unit == "%" else f"{core} {unit}".strip()


def fmt_deadline(d: Optional[Deadline]) -> str:
    """The deadline as printed, with its normalised form when that adds something."""
    if d is None:
        return ""
    norm = d.date or (f"{d.start or '…'} → {d.end or '…'}" if (d.start or d.end) else "")
    if d.every:
        norm = (norm + " " if norm else "") + f"mỗi {d.every}"
    shown = esc(d.text)
    if norm and norm not in d.text:
        shown += f' <span class="muted small">({esc(norm)})</span>'
    return shown
