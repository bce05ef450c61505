"""Table rows -> KPIs (target tables) or tasks (task tables), by what the header columns are called."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from .. import lexicon
from ..models import KPI, Block, Cell, Deadline, Task
from ..text import fold, fold_ws
from .deadlines import is_duration, parse_deadline
from .provenance import block_span, locate
from .targets import clean_indicator, goal_deadline, parse_target
from .units import all_units, canonical_unit, partners_of_lead_line, units_in_key_value

_ROMAN_REF = re.compile(r"^(?:[IVX]{1,5}|[A-Z])\.?$")
_NUM_REF = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.?$")
_LABELLED_TITLE = re.compile(r"^(?:[IVX]{1,5}|[A-Z]|\d{1,2}(?:\.\d{1,2})*)[.)]\s+\S")
# a table gives items only when a column names work, its units, its time or a target
_WORK_COLUMNS = frozenset({"task", "indicator", "inspected", "lead", "support", "deadline", "target", "unit", "product"})
_DEADLINE_HEADER = re.compile(r"((?:thực hiện|hoàn thành|thời gian|kế hoạch)[^|]*?(?:năm|/)\s*\d{4})", re.I)


def _roles_of(header: str) -> list[str]:
    """Column roles a header names, best (longest keyword) first."""
    f = fold(header)
    found: dict[str, int] = {}
    for role, keys in lexicon.sections().table_columns.items():
        for k in keys:
            if k in f:
                found[role] = max(found.get(role, 0), len(k))
    return sorted(found, key=lambda r: -found[r])


def _role_of(header: str) -> Optional[str]:
    roles = _roles_of(header)
    return roles[0] if roles else None


def _is_header_row(row: Block) -> bool:
    cells = [c.text for c in row.cells or []]
    first = cells[0].strip() if cells else ""
    if _ROMAN_REF.match(first) or _NUM_REF.match(first) or _LABELLED_TITLE.match(first):
        return False  # "I. NHÓM NHIỆM VỤ TUYÊN TRUYỀN" across the row: a group's title, though it says "nhiệm vụ"
    return sum(1 for c in cells if c and _role_of(c)) >= 2 or all(not c or _role_of(c) for c in cells) and any(cells)


def _is_group_row(row: Block) -> bool:
    """'B | PHÁT TRIỂN KINH TẾ SỐ VÀ XÃ HỘI SỐ': a Roman numeral or capital letter and a title, nothing else."""
    cells = [c.text.strip() for c in row.cells or []]
    return bool(cells) and bool(_ROMAN_REF.match(cells[0])) and sum(1 for c in cells[1:] if c) <= 1


def _spread(row: Block) -> list[str]:
    """Header cell texts per grid column, a horizontally merged cell repeated over its columns."""
    out: list[str] = []
    for c in row.cells or []:
        out.append(out[-1] if c.span == 0 and out else c.text)
    return out


def _columns(header_rows: list[Block]) -> list[str]:
    width = max(len(r.cells or []) for r in header_rows)
    spread = [_spread(r) for r in header_rows]
    joined = []
    for i in range(width):
        parts = []
        for r in spread:
            if i < len(r):
                t = r[i]
                if t and (not parts or parts[-1] != t):
                    parts.append(t)
        joined.append(" - ".join(parts))
    return joined


@lru_cache(maxsize=1)
def _year_header() -> tuple[re.Pattern, re.Pattern]:
    """A column header that is a year or a period ('Năm 2026', '2027', 'Đến năm 2030', 'Giai đoạn 2026 - 2030'),
    and the words of a header that reports or estimates ('Ước thực hiện', 'Năm hiện hành')."""
    words = lexicon.sections().year_columns
    openers = "|".join(re.escape(w) for w in sorted(words.openers, key=len, reverse=True))
    year = re.compile(rf"^(?:(?:{openers})\s+)?((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)\d\d))?\s*[:.]?$")
    actual = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words.not_targets) + r")(?!\w)")
    return year, actual


_FIGURE_CELL = re.compile(r"^\s*\d[\d.,]*\s*$")


def _year_columns(columns: list[str], roles: dict[str, int], year: Optional[int],
                  under_header: list[Block]) -> list[tuple[int, int, str]]:
    """(column, year, header) of a target table's columns that each hold one year's target; none where a column
    of figures, or a sub-header row under the header ('Kế hoạch | Ước thực hiện'), reports or estimates (a
    forecast's 'Ước thực hiện', a budget's 'Dự toán'), or where a year is before the plan's (a baseline)."""
    year_header, actual = _year_header()
    # columns whose name says who, what or when ('Đơn vị thực hiện', 'Thời gian thực hiện') report nothing
    named = {i for r, i in roles.items() if r in ("ref", "indicator", "task", "inspected", "lead", "support", "unit",
                                                    "deadline", "basis")}
    found: list[tuple[int, int, str]] = []
    for i, h in enumerate(columns):
        last = fold(h.split(" - ")[-1])
        m = year_header.match(last)
        if m and (i not in roles.values() or roles.get("target") == i):
            found.append((i, int(m.group(2) or m.group(1)), h.split(" - ")[-1]))
        elif i not in named and actual.search(fold(h)):
            return []
    for row in under_header[:3]:  # rows before the first figure: the header's lower rows the reader left as rows
        cells = [c.text for c in row.cells or []]
        if any(_FIGURE_CELL.match(c) for c in cells):
            break
        if actual.search(fold(" ".join(cells))):
            return []
    if year is not None and any(y < year for _, y, _ in found):
        return []
    return found


def _period_columns(columns: list[str], roles: dict[str, int]) -> Optional[tuple[int, int]]:
    """The columns a task's time starts and ends in ('Thời gian bắt đầu | Thời gian kết thúc', 'Thời gian thực hiện -
    Bắt đầu | Kết thúc', 'Bắt đầu thực hiện | Kết thúc'); None without such a pair."""
    words = lexicon.sections().period_columns

    def naming(kind: str) -> list[int]:
        return [i for i, h in enumerate(columns) if any(w in fold(h) for w in words[kind])
                and (i not in roles.values() or roles.get("deadline") == i)]
    starts, ends = naming("start"), [i for i in naming("end") if roles.get("deadline") != i]
    if not starts or not ends or starts[0] >= ends[0]:
        return None
    return starts[0], ends[0]


def _target_unit(unit_cell: str) -> str:
    """The Đơn vị tính cell as a target's unit ('Tỷ lệ %' is '%')."""
    return "%" if unit_cell.strip() in ("%", "Tỷ lệ %", "tỷ lệ %", "Tỷ lệ (%)") else unit_cell


_LETTER = re.compile(r"^\s*([a-zđ])[).]\s+")


def _lettered(text: str) -> Optional[re.Match]:
    """A lettered sub-item printed in a numbered row's place ('a) Bồi dưỡng kiến thức ...')."""
    return _LETTER.match(text or "")


def _text_cell(row: Block, col: int) -> str:
    return row.cells[col].text if row.cells and col < len(row.cells) else ""


def _fit_wide_rows(rows: list[Block], width: int) -> list[Block]:
    """A row of more cells than the header has columns, some of them covered by the cell on their left (a page
    whose rulings draw a finer grid: another table's columns, a merged cell's border): its covered cells are
    dropped when what remains is one cell a column."""
    out: list[Block] = []
    for row in rows:
        cells = row.cells or []
        if len(cells) > width and any(c.span == 0 for c in cells[1:]):
            kept = [cells[0]] + [c for c in cells[1:] if c.span != 0]
            if len(kept) == width:
                row = row.model_copy(update={"cells": kept})
        out.append(row)
    return out


def _fill_short_rows(rows: list[Block], width: int) -> list[Block]:
    """A row printed with fewer cells than the table has columns, under a full row, lacks its leading cells: they
    are merged with the row above (a transcription drops merged cells: '- Thuốc bảo vệ thực vật ... | 02 lần/năm'
    under '1 | Nguồn nước cấp ... | - Độ mặn, pH ... | 02 lần/tháng'). They are filled from the row above."""
    out: list[Block] = []
    for row in rows:
        cells = list(row.cells or [])
        above = out[-1].cells if out and out[-1].cells else None
        while len(cells) < width and cells and not cells[-1].text.strip() and cells[-1].span:
            cells.pop()  # a trailing empty cell the transcription added
        missing = width - len(cells)
        if above and 1 < len(cells) < width and len(above) == width and missing < width - 1 \
                and not any(c.span == 0 for c in cells) and above[0].text.strip() \
                and not _is_group_row(row) and not _is_header_row(row):  # "II | Y tế" / a header printed again
            filled = [Cell(text=c.text, merged_above=True) for c in above[:missing]] + list(cells)
            row = row.model_copy(update={"cells": filled, "text": " | ".join(c.text for c in filled)})
        out.append(row)
    return out


@lru_cache(maxsize=None)
def _official_posts() -> frozenset[str]:
    return frozenset(fold(k.head) for k in lexicon.units().kinds if k.kind == "official")


def _with_roles_joined(lines: list[str]) -> list[str]:
    """'Lãnh đạo' / 'Sở Giáo dục và Đào tạo': a line holding only an official's post belongs to the body on the
    next line."""
    posts = _official_posts()
    out: list[str] = []
    for ln in lines:
        if out and fold(out[-1]).strip(" :") in posts:
            out[-1] = f"{out[-1].strip()} {ln.strip()}"
        else:
            out.append(ln)
    return out


def cell_units(cell: Optional[Cell]) -> list[str]:
    """The units a table cell names: one list per printed line when the cell holds several lines (a name a
    line, as "Người thực hiện" cells print persons), else the cell split as any unit list."""
    if cell is None:
        return []
    lines = _with_roles_joined([ln for ln in (cell.lines or []) if ln.strip()])
    if len(lines) > 1:
        return [u for ln in lines for u in units_in_key_value(ln)]
    return units_in_key_value(cell.text)


_ROLE_IN_CELL = re.compile(r"(?:^|(?<=[\s.;,]))(chủ trì|phối hợp)\s*:\s*", re.I)


def _responsibility_cell(cell: Optional[Cell]) -> tuple[list[str], list[str]]:
    """A 'Trách nhiệm thực hiện' cell: its units are the leads, unless it says which lead and which support
    ('Chủ trì: Sở Nội vụ; Phối hợp: các sở, ngành')."""
    if cell is None or not _ROLE_IN_CELL.search(cell.text):
        # "Công an tỉnh chủ trì; UBND các xã phối hợp", "Sở Tài chính (chủ trì), Ngân hàng ... (phối hợp)"
        return cell_units(cell), partners_of_lead_line(cell.text) if cell is not None else []
    lead: list[str] = []
    support: list[str] = []
    parts = _ROLE_IN_CELL.split(cell.text)
    for role, value in zip(parts[1::2], parts[2::2]):
        (lead if fold(role) == "chủ trì" else support).extend(units_in_key_value(value))
    return lead, support


def _continues_entry(row: Block, own: int) -> bool:
    """A row whose cells, but the one at `own`, continue the row above (merged, or blank where the number was)."""
    cells = row.cells or []
    return own < len(cells) and not cells[own].merged_above and any(c.merged_above for c in cells) \
        and all(c.merged_above or not c.text.strip() for i, c in enumerate(cells) if i != own)


def _names_units_under_header(row: Block) -> bool:
    """The row right under a header, its number and text cells blank and two or more others naming units and
    nothing else: the lower header row of a responsibility matrix (no row above it for it to go on)."""
    cells = [c.text.strip() for c in row.cells or []]
    named = [c for c in cells if c]
    return len(cells) > 2 and not cells[0] and not cells[1] and len(named) >= 2 and all(all_units(c) for c in named)


def _matrix_columns(columns: list[str], roles: dict[str, int]) -> list[tuple[int, str]]:
    """A responsibility matrix: two or more columns headed by a unit's name ('Phòng Nội vụ | Phòng Tư pháp | UBND
    các xã'), each row marking who leads and who supports ('CT', 'PH', 'x'); (column, unit) of each, else []."""
    own = {"lead", "support"}  # a heading over the units ('Cơ quan thực hiện - Phòng Nội vụ') names their role
    named = [(i, fold_ws(h.split(" - ")[-1])) for i, h in enumerate(columns)
             if not any(i == c and r not in own for r, c in roles.items()) and h.strip()
             and all_units(fold_ws(h.split(" - ")[-1]))]
    return named if len(named) >= 2 else []


def _mark(cell: str) -> Optional[str]:
    """'lead', 'support' or 'involved' for a matrix cell's mark ('CT', 'Chủ trì', 'PH', 'x'), else None."""
    f = fold(cell).strip(" .")
    return next((role for role, marks in lexicon.sections().matrix_marks.items() if f in marks), None)


def _marked_units(cells: list[str], matrix: list[tuple[int, str]], involved_leads: bool,
                  supporting: set[int]) -> tuple[list[str], list[str]]:
    """The row's leads and supports by its marks; a plain 'x' leads where the table marks no lead ('CT') at all,
    unless its column is headed as a partner's ('Cơ quan phối hợp - Sở Y tế': `supporting`)."""
    lead, support = [], []
    for i, unit in matrix:
        mark = _mark(cells[i]) if i < len(cells) else None
        if mark == "lead" or mark == "involved" and involved_leads and i not in supporting:
            lead.append(unit)
        elif mark in ("support", "involved"):
            support.append(unit)
    return lead, support


def table_to_items(rows: list[Block], year: Optional[int], prefix: str = "PL",
                   level: Optional[str] = None, period_end: Optional[Deadline] = None) -> tuple[list[Task], list[KPI]]:
    header_rows: list[Block] = []
    # "B | PHÁT TRIỂN KINH TẾ SỐ ..." / "I | Tổ chức, bộ máy" over the header row: a part's group rows printed above
    # its header; they stay rows of the body (their labels group what follows)
    start = next((i for i in range(min(4, len(rows))) if _is_header_row(rows[i])), 0)
    leading = rows[:start] if all(_is_group_row(r) for r in rows[:start]) else []
    k = start if leading or start == 0 else len(rows)
    while k < len(rows) and k < start + 4 and _is_header_row(rows[k]):
        header_rows.append(rows[k])
        k += 1
    if header_rows and k < len(rows) and _names_units_under_header(rows[k]):
        header_rows.append(rows[k])  # "| | | Phòng Nội vụ | Phòng Tư pháp |" under "Cơ quan chủ trì | Cơ quan phối hợp"
        k += 1
    if not header_rows:
        return [], []
    columns = _columns(header_rows)
    data_rows = [r for r in rows[k:k + 8] if len(r.cells or []) > 2 and not _is_group_row(r) and not _is_header_row(r)]
    widths = [len(r.cells or []) for r in data_rows]
    if widths and min(widths) == len(columns) + 1 and not _role_of(columns[0]) == "ref" \
            and all(_NUM_REF.match(r.cells[0].text.strip()) for r in data_rows if r.cells):
        columns = ["TT"] + columns  # "Nội dung | Đơn vị thực hiện | ..." over "1.1 | ... ": the header left out the TT cell
    roles: dict[str, int] = {}
    header_deadline: Optional[Deadline] = None
    for i, h in enumerate(columns):
        last = h.split(" - ")[-1]
        # a second "Chỉ tiêu" column after "Tên chỉ tiêu" holds the target: take the best role still free
        role = next((r for r in _roles_of(h.replace(" - ", " ")) + _roles_of(last) if r not in roles), None)
        if role:
            roles[role] = i
        m = _DEADLINE_HEADER.search(h.replace(" - ", " "))
        if m and header_deadline is None:
            header_deadline = parse_deadline(m.group(1), year)
    matrix = _matrix_columns(columns, roles)
    supporting = {i for i, _ in matrix if "support" in _roles_of(columns[i].split(" - ")[0]) and " - " in columns[i]}
    for role in ("lead", "support"):
        if roles.get(role) in {i for i, _ in matrix}:
            del roles[role]  # "Cơ quan thực hiện" over "Phòng Nội vụ | Phòng Tư pháp": the matrix's heading
    if not roles.keys() & _WORK_COLUMNS:
        return [], []  # 'TT | Tên điểm quan trắc | Tọa độ | Ghi chú': a list of places, nobody's work or target
    is_kpi = "unit" in roles or "target" in roles or ("indicator" in roles and "task" not in roles and "deadline" not in roles)
    year_cols = _year_columns(columns, roles, year, rows[k:]) if is_kpi else []
    if "ref" not in roles:
        roles["ref"] = 0
    text_col = roles.get("indicator", roles.get("task", roles.get("inspected")))
    section = "schedule" if "inspected" in roles and "task" not in roles else "table"  # an inspection schedule
    if text_col is None:
        text_col = 1 if len(columns) > 1 else 0
    # a second time column holding how long ("Thời gian công bố Quyết định kiểm tra | Thời hạn kiểm tra": "23/3/2026" |
    # "02 ngày") makes the first a span
    duration_cols = [i for i, h in enumerate(columns) if i not in roles.values() and "deadline" in _roles_of(h.replace(" - ", " "))]
    # a schedule names who is inspected and what ("Tên đơn vị được kiểm tra | Đối tượng kiểm tra"): both are its text,
    # the unit in the unnamed or second inspected column before the object
    period = _period_columns(columns, roles)
    who_cols = [i for i in range(roles["ref"] + 1, len(columns)) if i != text_col and i not in roles.values()
                and (i < text_col or "inspected" in _roles_of(columns[i]))] if section == "schedule" else []
    header_keys = [fold(" ".join(c.text for c in r.cells or [])) for r in header_rows]
    involved_leads = matrix and not any(_mark(c.text) == "lead" for r in rows[k:] for i, _ in matrix
                                        if r.cells and i < len(r.cells) for c in [r.cells[i]])

    tasks: list[Task] = []
    kpis: list[KPI] = []
    group = ""
    prev_lead: list[str] = []
    prev_support: list[str] = []
    units_row: Optional[Block] = None  # the row that printed the units a merged cell repeats
    body = _fill_short_rows(_fit_wide_rows(leading + rows[k:], len(columns)), len(columns))
    for r_i, row in enumerate(body):
        cells = [c.text for c in row.cells or []]
        if fold(" ".join(cells)) in header_keys:
            continue  # header repeated after a page break
        def cell(role: str, cells: list[str] = cells) -> str:
            i = roles.get(role)
            return fold_ws(cells[i]) if i is not None and i < len(cells) else ""
        ref_cell = cell("ref").rstrip(".")
        text = fold_ws(cells[text_col]) if text_col < len(cells) else ""
        if row.cells and text_col + 1 < len(cells) and row.cells[text_col].merged_above \
                and all(i != text_col + 1 for i in roles.values()):
            text = fold_ws(f"{text} {cells[text_col + 1]}")  # the object repeats; the row's own part follows it
        others = [c for i, c in enumerate(cells) if i not in (roles["ref"], text_col) and c.strip()]
        if _ROMAN_REF.match(ref_cell + ".") and not others or (not ref_cell and text and not others):
            inline = re.match(r"^\s*([IVX]{1,5}|[A-Z])[.)]\s", text)  # a group row's label in its title cell
            group = ref_cell or (inline.group(1) if inline else "")
            prev_lead, prev_support = [], []
            continue
        spanning = re.match(r"^\s*([IVX]{1,5}|[A-Z])[.)]\s+\S", ref_cell)
        if spanning and not text and not others:  # "I. NÂNG CAO NHẬN THỨC ..." merged across the whole row
            group = spanning.group(1)
            prev_lead, prev_support = [], []
            continue
        if not text:
            continue
        if who_cols:
            entry_cols = sorted(who_cols + [text_col])
            own = fold_ws(cells[entry_cols[-1]]) if entry_cols[-1] < len(cells) else ""
            if tasks and own and _continues_entry(row, entry_cols[-1]):
                tasks[-1] = tasks[-1].model_copy(update={"text": f"{tasks[-1].text} - {own}"})
                continue  # "| | Gói thầu số 14 ... |" under its company, its unit and time cells merged: the same entry
            text = " - ".join(dict.fromkeys(fold_ws(cells[i]) for i in entry_cols if i < len(cells) and cells[i].strip()))
        if not others and r_i + 1 < len(body) and _lettered(_text_cell(body[r_i + 1], text_col)):
            prev_lead, prev_support = [], []
            continue  # "4 | Đào tạo, bồi dưỡng kỹ năng số ..." over its a), b), c): their heading, not a task
        letter = _lettered(text)
        if letter:
            text = text[len(letter.group(0)):].strip()  # "a) Bồi dưỡng ..." -> ref ...4.a, text without its label
        ref = ".".join(x for x in (prefix, group, ref_cell, letter.group(1) if letter else "") if x)
        def cell_obj(role: str, row: Block = row) -> Optional[Cell]:
            i = roles.get(role)
            return row.cells[i] if i is not None and row.cells and i < len(row.cells) else None
        lead, named_support = _responsibility_cell(cell_obj("lead"))
        support = cell_units(cell_obj("support")) or named_support
        if matrix and not lead and not support:  # "| Rà soát ... | PH | CT | PH |" under the units' names
            lead, support = _marked_units(cells, matrix, involved_leads, supporting)
        blank = not any((c := cell_obj(r)) is not None and c.text.strip() for r in ("lead", "support"))
        if not lead and not support and blank and (prev_lead or prev_support):
            lead, support = prev_lead, prev_support  # merged with the row above (not a cell naming no unit)
        else:
            units_row = row
        prev_lead, prev_support = lead, support
        printed = [row] + ([units_row] if units_row is not None and units_row is not row else []) \
            + (header_rows if matrix else [])  # a matrix names its units in the header
        when = "; ".join([cell("deadline")] + [fold_ws(cells[i]) for i in duration_cols
                                                if i < len(cells) and is_duration(cells[i])]).strip("; ")
        if period is not None:  # "01/2026 | 06/2026" under "Bắt đầu | Kết thúc": a span
            since, until = (fold_ws(cells[i]) if i < len(cells) else "" for i in period)
            when = f"{since} - {until}" if since and until else until or since or when
        deadline = parse_deadline(when, year) if when else header_deadline
        if deadline is not None:
            deadline = deadline.model_copy(update={"span": locate(deadline.text, [row] + header_rows)})
        span = block_span(row)
        units = {"lead_units": [canonical_unit(u, level, locate(u, printed)) for u in lead],
                 "support_units": [canonical_unit(u, level, locate(u, printed)) for u in support]}
        goals = [(y, h, t) for c, y, h in year_cols if c < len(cells) and (t := parse_target(fold_ws(cells[c])))]
        if is_kpi and goals:
            if not re.search(r"[^\W\d_]", text):
                continue
            unit = cell("unit")
            for n, (y, header, target) in enumerate(goals, 1):
                if unit:
                    target.unit = _target_unit(unit)
                due = Deadline(kind="by", date=f"{y}-12-31", text=header, span=locate(header, header_rows))
                kpis.append(KPI(ref=f"{ref}.{n}" if len(goals) > 1 else ref, indicator=text, target=target, lead=lead,
                                support=support, deadline=deadline if when else due, basis=cell("basis") or None,
                                span=span, **units))  # a row's own time first, else its column's year
        elif is_kpi:
            target = parse_target(cell("target")) if cell("target") else parse_target(text)
            if target is None or not re.search(r"[^\W\d_]", text):
                continue  # a row without a figure to reach (a heading row, a statistic) is not a target
            unit = cell("unit")
            if target is not None and unit:
                target.unit = _target_unit(unit)
            indicator = text if cell("target") else clean_indicator(text) or text  # the figure is in the text
            if deadline is None:  # a target row with no time of its own is due when the plan's year or period ends
                deadline = goal_deadline(text, year, period_end)
            kpis.append(KPI(ref=ref, indicator=indicator, target=target, lead=lead, support=support, deadline=deadline,
                            basis=cell("basis") or None, span=span, **units))
        else:
            tasks.append(Task(ref=ref, text=text, lead=lead, support=support, deadline=deadline, section=section,
                              product=cell("product") or None, span=span, **units))
    return tasks, kpis
