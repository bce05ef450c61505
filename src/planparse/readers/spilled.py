"""Tables whose cells a text extraction spilled one line after another (no tabs, no borders).

Seen in PDF-to-text output of appendix target tables: the header cells come line by line, then
each row as its number, its indicator lines, unit lines, the measurement unit ("%"), the value,
and the basis. Rows are found by their running number; cells by anchors (unit, value) and by
where unit names begin.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..lexicon import unit_head_at
from ..text import fold, fold_ws, strip_accents
from .lines import Line

_REF_WORDS = {"số", "stt", "tt", "số tt", "số thứ tự"}
_GROUP_ROW = re.compile(r"^([IVX]{1,5})\.?\s+(\S.*)$")
_ROW_START = re.compile(r"^(\d{1,3})\.?(?:\s+(\S.*))?$")
_VALUE = re.compile(r"^(?:[<>≥≤]=?\s*|(?:trên|dưới|tối thiểu|ít nhất|không quá)\s+)?\d+(?:[.,]\d+)*\s*%?(?:\s*trở lên)?$", re.I)
_MEASURE = re.compile(r"^(?:%|‰|tỷ lệ|tỷ lệ %|số lượng|\w+(?: \w+){0,2})$")
_MEASURE_WORDS = {"%", "‰", "tỷ lệ %", "tài khoản", "hồ sơ", "lượt", "người", "hộ", "cái", "đơn vị", "văn bản", "thủ tục",
                  "tthc", "dịch vụ", "dvc", "xã", "mô hình", "lớp", "buổi", "tin", "bài", "sản phẩm", "doanh nghiệp", "ha",
                  "km", "tỷ đồng", "triệu đồng", "đồng", "điểm", "cuộc", "lần", "trường", "cơ sở", "gian hàng", "kênh"}
_CONTINUES = re.compile(r"(?:[,;\-–]|\bvà|\bcủa|\bthuộc|\bvới)$", re.I)


@dataclass
class SpillHeader:
    end: int  # index of the first line after the header
    roles: list[str]
    group_text: Optional[str]
    header_text: str


def _next_nonblank(lines: list[Line], i: int) -> int:
    while i < len(lines) and lines[i].blank:
        i += 1
    return i


_HEADER_WORDS = re.compile(r"\b(?:số|stt|tt|tên|nhiệm vụ|nội dung|công việc|đơn vị|cơ quan|chủ trì|phối hợp|thực hiện|"
                           r"thời gian|thời hạn|hoàn thành|sản phẩm|kết quả|ghi chú|tiến độ|dự kiến|đầu ra)\b")


def _header_like(text: str) -> bool:
    f = fold(text)
    rest = _HEADER_WORDS.sub(" ", f)
    return len(re.findall(r"\w+", rest)) <= 1 and bool(_HEADER_WORDS.search(f))


def find_spilled_table(lines: list[Line], i: int) -> Optional[SpillHeader]:
    if lines[i].blank:
        return None
    first = fold(lines[i].text)
    if first not in _REF_WORDS:
        if first.split()[0:1] in (["tt"], ["stt"]) or first.startswith("số tt "):
            return _task_header(lines, i)
        return None
    texts: list[str] = []
    j = i
    last = i
    seen = 0
    while j < len(lines) and seen < 20:
        ln = lines[j]
        if not ln.blank:
            if j > i and (_GROUP_ROW.match(ln.text) or (_ROW_START.match(ln.text) and ln.text.split()[0].rstrip(".") == "1")):
                break
            texts.append(ln.text)
            last = j
            seen += 1
        j += 1
    header = fold_ws(" ".join(texts))
    f = fold(header)
    if not (("tên" in f or "chỉ tiêu" in f or "nội dung" in f) and "đơn vị" in f):
        return None
    if "đơn vị tính" not in f and "chỉ tiêu" not in f:
        return _task_header(lines, i)
    roles = ["ref", "indicator"]
    if "chủ trì" in f:
        roles.append("lead")
    if "phối hợp" in f:
        roles.append("support")
    if "đơn vị tính" in f or "đvt" in f:
        roles.append("unit")
    if "giao chỉ tiêu" in f or "chỉ tiêu" in f.split("tên", 1)[-1]:
        roles.append("target")
    if "căn cứ" in f:
        roles.append("basis")
    m = re.search(r"((?:thực hiện|thời gian|hoàn thành)[^|]*?(?:năm|/)\s*\d{4})", header, re.I)
    return SpillHeader(end=last + 1, roles=roles, group_text=m.group(1) if m else None, header_text=header)


def _is_measure(s: str) -> bool:
    f = fold(s)
    return f in _MEASURE_WORDS or f.startswith("%")


def _split_units(chunk: list[str], want: int) -> list[list[str]]:
    """Split indicator/lead/support lines: a cell starts where a unit name starts afresh."""
    groups: list[list[str]] = [[]]
    for ln in chunk:
        prev = groups[-1][-1] if groups[-1] else None
        starts_unit = unit_head_at(ln) is not None and (ln[:1].isupper() or fold(ln).startswith("các "))
        if prev is not None and starts_unit and len(groups) < want and not _CONTINUES.search(prev) \
                and not ln.startswith(("-", "–")):
            groups.append([])
        groups[-1].append(ln)
    return groups


def parse_spilled_table(lines: list[Line], i: int, header: SpillHeader) -> tuple[int, list[tuple[list[str], Line]]]:
    roles = header.roles
    head_cells = ["STT", "Tên chỉ tiêu", "Đơn vị chủ trì" if "lead" in roles else None,
                  "Cơ quan, đơn vị phối hợp" if "support" in roles else None,
                  ((header.group_text + " - ") if header.group_text else "") + "Đơn vị tính",
                  ((header.group_text + " - ") if header.group_text else "") + "Giao chỉ tiêu",
                  "Căn cứ giao chỉ tiêu" if "basis" in roles else None]
    head_cells = [c for c in head_cells if c is not None]
    rows: list[tuple[list[str], Line]] = [(head_cells, lines[i])]
    j = header.end
    expected = 1
    current: Optional[dict] = None

    def close() -> None:
        if current is None:
            return
        body: list[str] = current["pre"]
        n_unit_cols = int("lead" in roles) + int("support" in roles)
        ind_and_units = _split_units(body, 1 + n_unit_cols) if body else [[]]
        ind = ind_and_units[0]
        rest = ind_and_units[1:] + [[] for _ in range(n_unit_cols + 1 - len(ind_and_units))]
        cells = [current["ref"], fold_ws(" ".join(ind))]
        for k in range(n_unit_cols):
            cells.append(fold_ws(" ".join(rest[k])))
        cells += [current["measure"] or "", current["value"] or ""]
        if "basis" in roles:
            cells.append(fold_ws(" ".join(current["post"])))
        rows.append((cells, current["first"]))

    while j < len(lines):
        ln = lines[j]
        j += 1
        if ln.blank:
            continue
        t = ln.text
        if fold(t).startswith(("nơi nhận", "phụ lục")):
            j -= 1
            break
        g = _GROUP_ROW.match(t)
        if g and (current is None or current["value"] is not None):
            close()
            current = None
            expected = 1
            rows.append(([g.group(1), fold_ws(g.group(2))] + [""] * (len(head_cells) - 2), ln))
            continue
        r = _ROW_START.match(t)
        if r and int(r.group(1)) == expected and (current is None or current["value"] is not None
                                                   or current["measure"] is None):
            if current is None or current["value"] is not None or not current["pre"]:
                close()
                current = {"ref": r.group(1), "pre": [r.group(2)] if r.group(2) else [], "measure": None,
                           "value": None, "post": [], "first": ln}
                expected += 1
                continue
        if current is None:
            continue
        if current["measure"] is None and current["value"] is None and _is_measure(t) and current["pre"]:
            current["measure"] = t
        elif current["value"] is None and _VALUE.match(t) and current["pre"]:
            current["value"] = t
        elif current["value"] is not None:
            current["post"].append(t)
        else:
            current["pre"].append(t)
    close()
    return j, rows


# ---------------------------------------------------------------- task tables
def _task_header(lines: list[Line], i: int) -> Optional[SpillHeader]:
    """A task table's header: 'TT | Tên nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian | Sản phẩm'."""
    texts: list[str] = []
    j = i
    last = i
    while j < len(lines) and len(texts) < 14:
        ln = lines[j]
        if not ln.blank:
            if not _header_like(ln.text):
                break
            texts.append(ln.text)
            last = j
        j += 1
    f = fold(" ".join(texts))
    if not (("nhiệm vụ" in f or "nội dung" in f or "công việc" in f) and ("chủ trì" in f or "thời gian" in f)):
        return None
    roles = ["ref", "task"]
    for role, keys in (("lead", ("chủ trì",)), ("support", ("phối hợp",)),
                       ("deadline", ("thời gian", "thời hạn", "tiến độ")), ("product", ("sản phẩm", "kết quả"))):
        if any(k in f for k in keys):
            roles.append(role)
    return SpillHeader(end=last + 1, roles=roles, group_text=None, header_text=fold_ws(" ".join(texts)))


_CONNECTOR_END = re.compile(r"(?:\b(?:của|có|khi|về|và|với|các|sau|theo|trong|được)|[,(\-–])\s*$", re.I)
_REF_LABEL = re.compile(r"^(\d{1,2}(?:\s*\.\s*\d{1,2})*)\.?(?:\s+(\S.*))?$")


def _deadline_line(text: str) -> bool:
    from ..extraction.deadlines import parse_deadline

    words = text.split()
    if len(words) <= 3 and re.search(r"xuyên\b", fold(text)):  # "Thường xuyên", damaged by OCR
        return True
    if re.match(r"^th\w{1,2} gian\b", strip_accents(fold(text))):  # "Thời gian hoàn thành ...", damaged
        return True
    if len(words) > 8:
        return False
    return parse_deadline(text, 2000) is not None and not re.match(r"^\d{1,2}(?:\.\d{1,2})*$", text.strip())


def _starts_unit_cell(text: str, prev: Optional[str]) -> bool:
    if unit_head_at(text) is None or not (text[:1].isupper() or fold(text).startswith("các ")):
        return False
    return prev is None or not _CONTINUES.search(prev)


def _follows(ref: str, last: str) -> bool:
    """'2' or '1.3' may follow '1.2'; '4' may not follow '6'."""
    try:
        new = [int(x) for x in ref.split(".") if x]
        old = [int(x) for x in last.split(".") if x]
    except ValueError:
        return False
    if not new:
        return False
    if len(new) <= len(old):
        return new[:-1] == old[:len(new) - 1] and new[-1] > old[len(new) - 1] or new[0] > old[0]
    return new[:len(old)] == old or new[0] > old[0]


def _starts_task(text: str) -> bool:
    """A line that opens a duty: a capital followed by a verb ('Triển khai ...', 'Nghiên cứu, đề xuất ...')."""
    if not text[:1].isupper() or unit_head_at(text) is not None:
        return False
    from underthesea import pos_tag

    tags = pos_tag(text[:40])
    return bool(tags) and tags[0][1] == "V"


def parse_spilled_task_table(lines: list[Line], header: SpillHeader) -> tuple[int, list[tuple[list[str], Line]]]:
    """Rows of a spilled task table, cut at running numbers and, where OCR lost them, after a
    deadline and product where a new duty starts."""
    roles = header.roles
    cols = ["STT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành", "Sản phẩm"]
    rows: list[tuple[list[str], Line]] = [(cols, lines[header.end - 1])]
    j = header.end
    cur: Optional[dict] = None
    last_ref: Optional[str] = None

    def close() -> None:
        nonlocal cur
        if cur is None or not cur["task"]:
            cur = None
            return
        cells = [cur["ref"], fold_ws(" ".join(cur["task"])), fold_ws(" ".join(cur["lead"])),
                 fold_ws(" ".join(cur["support"])), fold_ws(" ".join(cur["deadline"])), fold_ws(" ".join(cur["product"]))]
        rows.append((cells, cur["first"]))
        cur = None

    def next_ref() -> str:
        if last_ref is None:
            return "1"
        top = re.sub(r"\s", "", last_ref).split(".")[0]
        return str(int(top) + 1)

    while j < len(lines):
        ln = lines[j]
        j += 1
        if ln.blank:
            continue
        t = ln.text.strip()
        if fold(t).startswith(("nơi nhận", "phụ lục")) or _header_like(t):
            if fold(t).startswith(("nơi nhận", "phụ lục")):
                j -= 1
                break
            continue
        m = _REF_LABEL.match(t)
        if m and last_ref is not None and not _follows(re.sub(r"\s", "", m.group(1)), last_ref):
            m = None  # "4" after row 6 is a number inside a cell, not a row
        if m and (cur is None or cur["deadline"] or cur["state"] == "product"):
            close()
            last_ref = re.sub(r"\s", "", m.group(1))
            cur = {"ref": last_ref, "task": [m.group(2)] if m.group(2) else [], "lead": [], "support": [],
                   "deadline": [], "product": [], "state": "task", "first": ln}
            continue
        if cur is None:
            if not _starts_task(t) and last_ref is None:
                continue  # a group title before the first row
            cur = {"ref": next_ref(), "task": [], "lead": [], "support": [], "deadline": [], "product": [],
                   "state": "task", "first": ln}
            last_ref = cur["ref"]
        state = cur["state"]
        prev = (cur[state][-1] if cur[state] else None) if state in cur else None
        # after the deadline comes the product (when the table has one); a new duty opens only after that
        opens = state == "product" or (state == "deadline" and "product" not in roles
                                       and not _CONNECTOR_END.search(cur["deadline"][-1]))
        if opens and cur["deadline"] and _starts_task(t):
            close()
            cur = {"ref": next_ref(), "task": [t], "lead": [], "support": [], "deadline": [], "product": [],
                   "state": "task", "first": ln}
            last_ref = cur["ref"]
            continue
        if state == "task":
            if cur["task"] and _starts_unit_cell(t, cur["task"][-1]):  # "... điện tử của" / "cơ quan, ..." goes on
                cur["state"] = "lead"
                cur["lead"].append(t)
            else:
                cur["task"].append(t)
        elif state == "lead":
            if t in ("-", "–"):
                cur["state"] = "support"
            elif _deadline_line(t):
                cur["state"] = "deadline"
                cur["deadline"].append(t)
            elif _starts_unit_cell(t, prev) and "support" in roles:
                cur["state"] = "support"
                cur["support"].append(t)
            else:
                cur["lead"].append(t)
        elif state == "support":
            if _deadline_line(t):
                cur["state"] = "deadline"
                cur["deadline"].append(t)
            elif t not in ("-", "–"):
                cur["support"].append(t)
        elif state == "deadline":
            first_word = t.split()[0]
            if t[:1].islower() or _CONNECTOR_END.search(cur["deadline"][-1]) or (len(first_word) > 1 and first_word.isupper()):
                cur["deadline"].append(t)
            else:
                cur["state"] = "product"
                cur["product"].append(t)
        else:
            if _starts_unit_cell(t, None) and "lead" in roles:
                # a lead cell: the row number was lost, and the last lines read as product were the new duty
                k = next((k for k in range(len(cur["product"]) - 1, -1, -1) if _starts_task(cur["product"][k])), None)
                if k is None and len(cur["product"]) >= 3:
                    k = 0  # products are a line or two; this many lines were a duty
                if k is not None:
                    task_lines = cur["product"][k:]
                    cur["product"] = cur["product"][:k]
                    close()
                    cur = {"ref": next_ref(), "task": task_lines, "lead": [t], "support": [], "deadline": [],
                           "product": [], "state": "lead", "first": ln}
                    last_ref = cur["ref"]
                    continue
            cur["product"].append(t)
    close()
    return j, rows
