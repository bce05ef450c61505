"""The stages in order: read -> structure -> extract -> validate. Each is a plain function."""
from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter
from pathlib import Path
from typing import Optional

from .errors import NotAPlan, PlanParseError, shown_path
from .extraction.deadlines import school_year_in
from .extraction.meta import extract_citations, extract_meta
from .extraction.tables import table_to_items
from .extraction.tasks import inspecting_team, outline_to_items, with_charged_lead
from .labels import roman_value
from .models import Deadline, Document, Plan, Unit
from .readers import read_document
from .structure import appendix_outline, build_structure


def _plan_year(doc: Document, date: Optional[str], title: Optional[str]) -> Optional[int]:
    """The year the plan is for: named in its title ('... năm 2026'), else its issue year, else the
    year its text names most."""
    for m in re.finditer(r"(?:năm|/)\s*(20[0-4]\d)(?!\d)(?!\s*[-–]\s*20)", title or "", re.I):
        before = title[:m.start(1)]
        if re.search(r"(?:đến|tới)\s+$", title[:m.start()], re.I):
            continue  # "... đến năm 2030" is where it runs to
        if re.search(r"\d{1,2}/\d{1,2}/\s*$|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s*$", before, re.I):
            continue  # "Thực hiện Nghị quyết số 48/NQ-CP ngày 03/4/2023 ...": a cited document's date
        return int(m.group(1))
    if date:
        return int(date[:4])
    years = Counter(int(y) for b in doc.blocks for y in re.findall(r"(?<!\d)(20[0-4]\d)(?!\d)", b.text))
    return years.most_common(1)[0][0] if years else None


def _period_end(title: Optional[str]) -> Optional[Deadline]:
    """When a plan's implied targets fall due, where its title says more than a calendar year: the end of its last
    year ('giai đoạn 2026 - 2030', 'đến năm 2030'), or of the school year it is for ('năm học 2025 - 2026')."""
    m = re.search(r"(?:giai đoạn\s*20\d\d\s*[-–]\s*|đến năm\s*)(20[0-4]\d)", title or "", re.I)
    if m:
        return Deadline(kind="by", text=f"năm {m.group(1)}", date=f"{m.group(1)}-12-31")
    school = school_year_in(title or "")
    return Deadline(kind="by", text=school.text, date=school.end) if school and school.end else None


def document_to_plan(doc: Document) -> Plan:
    st = build_structure(doc)
    if st.doc_type is None and st.other_type:
        raise NotAPlan(doc.source, f"its heading says {st.other_type.upper()}")
    if st.doc_type is None and not st.sections and (host := _appendix_of(doc)):
        raise NotAPlan(doc.source, f"an appendix of a {host.upper()}, not a plan")
    meta, warnings = extract_meta(st)
    year = _plan_year(doc, meta.date, meta.title)
    level = meta.issuer_level
    period_end = _period_end(meta.title)
    tasks, kpis, charged = outline_to_items(st.sections, year, level, period_end, meta.date)
    body_tables = [(t, "") for t in st.loose_tables] + [pair for sec in st.sections for pair in _tables_under(sec)]
    for table, prefix in body_tables:
        t2, k2 = table_to_items(table, year, prefix=prefix, level=level, period_end=period_end)
        tasks += t2
        kpis += k2
    with_tables = [a for a in st.appendices if a.tables]
    for n, app in enumerate(with_tables, start=1):
        prefix = "PL" if len(with_tables) == 1 else f"PL{_appendix_number(app, n)}"
        for table in app.tables:
            t2, k2 = table_to_items(table, year, prefix=prefix, level=level, period_end=period_end)
            tasks += t2
            kpis += k2
    listed = [node for n, app in enumerate(st.appendices, start=1)
              if (node := appendix_outline(app, "PL" if len(st.appendices) == 1 else f"PL{_appendix_number(app, n)}"))]
    if listed:  # appendices that list their duties as numbered items
        t2, k2, _ = outline_to_items(listed, year, level, period_end, meta.date)
        tasks += t2
        kpis += k2
    # an inspection schedule's entry without an inspecting body is led by the unit charged with the inspection
    charged = inspecting_team(meta.issuer, charged, level) or charged
    tasks = [with_charged_lead(t, charged, level) if t.section == "schedule" else t for t in tasks]
    implements = extract_citations(st, meta)
    if st.doc_type is None and not tasks and not kpis:
        raise NotAPlan(doc.source, "no Kế hoạch heading, tasks or targets found")
    plan = Plan(document=shown_path(Path(doc.source).name), format=doc.format, meta=meta, implements=implements,
                tasks=tasks, kpis=kpis, warnings=doc.warnings + warnings)
    _attach_units(plan)
    if not tasks and not kpis:
        plan.warnings.append("no tasks or KPI targets found")
    if plan.warnings:
        plan.status = "partial"
    return plan


def _appendix_number(app, default: int) -> int:
    """'Phụ lục II' -> 2, 'Phụ lục số 03' -> 3, so refs of several appendices stay apart (PL2.I.1)."""
    head = " ".join(b.text for b in app.heading[:1])
    m = re.match(r"^\s*(?:phụ lục|biểu)\s*(?:số\s*)?([IVX]+|\d+)\b", head, re.I)
    if not m:
        return default
    label = m.group(1).upper()
    return int(label) if label.isdigit() else roman_value(label)


def _appendix_of(doc: Document) -> Optional[str]:
    """The kind of document an appendix standing alone says it goes with ('PHỤ LỤC ... (Kèm theo Báo cáo số
    ...)'), when that is not a plan: a report's statistics appendix is not a plan."""
    from . import lexicon
    from .structure import _is_appendix_heading
    from .text import fold

    head = [b for b in doc.blocks[:8] if b.kind != "row"]
    if not head or not _is_appendix_heading(head[0]):
        return None
    m = re.search(r"kèm theo\s+(\w+(?:\s+\w+)?)", fold(" ".join(b.text for b in head)))
    if not m:
        return None
    return next((t for t in lexicon.sections().other_doc_types if m.group(1).startswith(t)), None)


def _tables_under(node) -> list[tuple[list, str]]:
    """Every table in the outline with the ref of the item it is printed under (its rows' refs go on from it)."""
    out = [(t, node.ref) for t in node.tables]
    for c in node.children:
        out += _tables_under(c)
    return out


def _attach_units(plan: Plan) -> None:
    """The plan's distinct units (first mention kept, with its span)."""
    seen: dict[str, Unit] = {}
    for item in list(plan.tasks) + list(plan.kpis):
        for u in item.lead_units + item.support_units:
            seen.setdefault(u.canonical.casefold(), u)
    plan.units = list(seen.values())


def extract_file(path: str | Path, repair: str = "auto") -> Plan:
    """Read, repair when the text is damaged (mode auto/always/never), and extract; the plan records
    the file it came from and its sha256, so a review or a later run can tell it is the same file."""
    plan = document_to_plan(read_for_extraction(path, repair))
    plan.source_file = shown_path(path)
    plan.sha256 = file_sha256(path)
    return plan


def extract_bytes(data: bytes, name: str = "stdin", repair: str = "auto") -> Plan:
    """A plan given as bytes (standard input, an upload): its format told from its first bytes."""
    import os
    import tempfile

    from .readers import suffix_for_content

    suffix = suffix_for_content(data[:8])
    fd, tmp = tempfile.mkstemp(prefix="planparse-", suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        plan = document_to_plan(read_for_extraction(tmp, repair))
    except PlanParseError as e:  # named after what the user gave, not the temporary file
        e.args = (str(e).replace(tmp, name, 1),)
        raise
    finally:
        os.unlink(tmp)
    plan.document = name
    plan.source_file = name
    plan.sha256 = hashlib.sha256(data).hexdigest()
    return plan


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_for_extraction(path: str | Path, repair: str = "auto") -> Document:
    """The document exactly as extraction sees it (repaired when damaged): what a review shows."""
    from .repair import repair_document

    return repair_document(read_repaired(path, repair), repair)  # type: ignore[arg-type]


def read_repaired(path: str | Path, repair: str = "auto") -> Document:
    """A text file is repaired line by line before its lines are joined into paragraphs and tables,
    since damaged headers and labels would mislead that; other formats are repaired block by block."""
    from .readers import TEXT_EXT
    from .readers.text import read_text_file, text_to_document
    from .repair import repair_text

    doc = read_document(path)
    if repair == "never" or doc.format not in ("text", "markdown") or not str(path).lower().endswith(TEXT_EXT):
        return doc
    text = read_text_file(path)
    res = repair_text(text, repair)  # type: ignore[arg-type]
    if not res.repaired:
        return doc
    fixed = _with_originals(text_to_document(res.text, str(path), doc.format), res)
    note = f"repaired before reading: damage {res.damage:.2f}" + (f", {res.encoding} decoded" if res.encoding else "") \
        + f", {len(res.changes)} words changed"
    return fixed.model_copy(update={"warnings": fixed.warnings + [note]})


def _with_originals(doc: Document, res) -> Document:
    """Give each block read from repaired text the text it had before repair (`original`), so what
    was read stays visible beside what was inferred. Offsets of the repaired text are mapped back
    through the changes; the slice is taken with its line breaks folded."""
    shifts: list[tuple[int, int, int, int]] = []  # (new_start, new_end, old_start, old_end)
    delta = 0
    for c in sorted(res.changes, key=lambda c: c.start):
        new_start = c.start + delta
        shifts.append((new_start, new_start + len(c.text), c.start, c.end))
        delta += len(c.text) - (c.end - c.start)
    if not shifts:
        return doc
    source = res.before

    starts = [ns for ns, _, _, _ in shifts]

    def to_old(pos: int, at_end: bool) -> int:
        # the last change starting before pos (at or before, for a start) either holds pos or sets the shift
        k = (bisect.bisect_left(starts, pos) if at_end else bisect.bisect_right(starts, pos)) - 1
        if k < 0:
            return pos
        ns, ne, os_, oe = shifts[k]
        if pos < ne or (at_end and pos == ne):
            return oe if at_end else os_
        return pos + oe - ne

    blocks = []
    for b in doc.blocks:
        if b.start is None or b.end is None:
            blocks.append(b)
            continue
        old = " ".join(source[to_old(b.start, False):to_old(b.end, True)].split())
        new = " ".join(b.text.replace(" | ", " ").split())
        # a spilled table row's offsets cover only its first line: no trustworthy original for it
        whole = abs(len(old.split()) - len(new.split())) <= max(2, len(new.split()) // 5)
        blocks.append(b.model_copy(update={"original": old}) if whole and old != new else b)
    return doc.model_copy(update={"blocks": blocks})
