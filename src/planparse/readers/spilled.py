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
from ..text import fold, fold_ws
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


def find_spilled_table(lines: list[Line], i: int) -> Optional[SpillHeader]:
    if lines[i].blank or fold(lines[i].text) not in _REF_WORDS:
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
