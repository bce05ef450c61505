"""Build DOCX renditions of the clean seed plans, as an office would type them, and PDFs from them.

Outline labels become real Word automatic numbering (numPr pointing at numbering.xml levels, the
label text removed from the paragraph); tables become real Word tables, with a merged header cell
and vertically merged unit cells where the source leaves them empty under a filled one.
PDFs are made with LibreOffice headless (`--pdf`). Generated files are committed so tests need
neither this script nor LibreOffice.

    python scripts/build_renditions.py [--pdf]
"""
from __future__ import annotations

import argparse
import copy
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from planparse.labels import parse_label  # noqa: E402
from planparse.readers.text import read_text  # noqa: E402

CLEAN_SEEDS = ["000_db1299a2e6faf1e1", "001_55bc0ea6d2f8eabe", "003_49d7825a55f0067e", "004_ef4272fdb8fa94ea"]
LEVELS = {"ROMAN": 0, "DEC1": 1, "DEC2": 2, "DEC3": 3, "ALPHA": 4, "DASH": 5, "PLUS": 6, "DOT": 5}


def _abstract_num(aid: int, alpha_text: str) -> OxmlElement:
    spec = [("upperRoman", "%1."), ("decimal", "%2."), ("decimal", "%2.%3."), ("decimal", "%2.%3.%4."),
            ("lowerLetter", alpha_text), ("bullet", "-"), ("bullet", "+")]
    an = OxmlElement("w:abstractNum")
    an.set(qn("w:abstractNumId"), str(aid))
    for ilvl, (fmt, text) in enumerate(spec):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text), ("w:lvlJc", "left")):
            e = OxmlElement(tag)
            e.set(qn("w:val"), val)
            lvl.append(e)
        ppr = OxmlElement("w:pPr")
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), "0")
        ind.set(qn("w:firstLine"), "567")
        ppr.append(ind)
        lvl.append(ppr)
        an.append(lvl)
    return an


class ListWriter:
    """One Word list for the whole outline; a new list instance restarts a level where the print does."""

    def __init__(self, document, alpha_text: str) -> None:
        self.numbering = document.part.numbering_part.element
        self.aid = 90
        abstract = _abstract_num(self.aid, alpha_text)
        first_num = self.numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.numbering.append(abstract)
        self.next_id = 900
        self.num_id = self._new_num(None, None)
        self.counters: dict[int, int] = {}

    def _new_num(self, ilvl, start) -> int:
        nid = self.next_id
        self.next_id += 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(nid))
        a = OxmlElement("w:abstractNumId")
        a.set(qn("w:val"), str(self.aid))
        num.append(a)
        if ilvl is not None:
            ov = OxmlElement("w:lvlOverride")
            ov.set(qn("w:ilvl"), str(ilvl))
            so = OxmlElement("w:startOverride")
            so.set(qn("w:val"), str(start))
            ov.append(so)
            num.append(ov)
        self.numbering.append(num)
        return nid

    def number(self, paragraph, style: str, printed_key: str) -> None:
        ilvl = LEVELS[style]
        for deeper in [k for k in self.counters if k > ilvl]:
            del self.counters[deeper]
        expected = self.counters.get(ilvl, 0) + 1
        printed = _key_value(style, printed_key)
        if printed is not None and printed != expected and style not in ("DASH", "PLUS", "DOT"):
            # the plan skips or restarts a number here: a new list instance starting at the printed value
            saved = dict(self.counters)
            self.num_id = self._new_num(ilvl, printed)
            self.counters = {k: v for k, v in saved.items() if k < ilvl}
            expected = printed
        self.counters[ilvl] = expected
        ppr = paragraph._p.get_or_add_pPr()
        numpr = OxmlElement("w:numPr")
        il = OxmlElement("w:ilvl")
        il.set(qn("w:val"), str(ilvl))
        ni = OxmlElement("w:numId")
        ni.set(qn("w:val"), str(self.num_id))
        numpr.append(il)
        numpr.append(ni)
        ppr.append(numpr)


def _key_value(style: str, key: str):
    if style == "ROMAN":
        vals = {"I": 1, "V": 5, "X": 10}
        total, prev = 0, 0
        for ch in reversed(key):
            v = vals.get(ch, 0)
            total = total - v if v < prev else total + v
            prev = max(prev, v)
        return total
    if style.startswith("DEC"):
        return int(key)
    if style == "ALPHA":
        return ord(key) - 96
    return None


def _table(document, rows) -> None:
    width = max(len(r.cells) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for i, r in enumerate(rows):
        for j in range(width):
            text = r.cells[j].text if j < len(r.cells) else ""
            table.cell(i, j).text = text
    header_n = 2 if len(rows) > 1 and not rows[1].cells[0].text and rows[1].cells[-2].text else 1
    # a header cell over empty neighbours spans them, as typed in Word
    for j in range(width - 1):
        if rows[0].cells[j].text and j + 1 < len(rows[0].cells) and not rows[0].cells[j + 1].text and header_n == 2:
            table.cell(0, j).merge(table.cell(0, j + 1))
            table.cell(0, j).text = rows[0].cells[j].text
    if header_n == 2:
        for j in range(width):
            if not rows[1].cells[j].text and rows[0].cells[j].text:
                merged = table.cell(0, j).merge(table.cell(1, j))
                merged.text = rows[0].cells[j].text
    # empty unit cells under a filled one in the same group are merged cells
    for j in (2, 3):
        for i in range(header_n + 1, len(rows)):
            cur, above = rows[i].cells, rows[i - 1].cells
            if j < len(cur) and not cur[j].text and above[j].text and cur[0].text.isdigit() and above[0].text.isdigit():
                top = table.cell(i - 1, j)
                top.merge(table.cell(i, j))
                # python-docx merge concatenates text: keep the top text only
                for extra in top.paragraphs[1:]:
                    extra._p.getparent().remove(extra._p)
                rows[i].cells[j].text = above[j].text


def build_docx(seed: Path, out: Path) -> None:
    doc = read_text(seed)
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    alpha_dot = sum(1 for b in doc.blocks if parse_label(b.text)[0] and parse_label(b.text)[0].raw.endswith("."))
    alpha_paren = sum(1 for b in doc.blocks if parse_label(b.text)[0] and parse_label(b.text)[0].raw.endswith(")"))
    lists = ListWriter(document, "%5." if alpha_dot > alpha_paren else "%5)")
    blocks = doc.blocks
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind == "row":
            rows = []
            while i < len(blocks) and blocks[i].kind == "row" and blocks[i].table == b.table:
                rows.append(copy.deepcopy(blocks[i]))
                i += 1
            _table(document, rows)
            document.add_paragraph("")
            continue
        label, rest = parse_label(b.text)
        p = document.add_paragraph()
        if label is not None and label.style in LEVELS:
            run = p.add_run(rest.strip())
            lists.number(p, label.style, label.key)
        else:
            run = p.add_run(b.text)
        letters = [c for c in b.text if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8:
            run.bold = True
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER if label is None else None
        if b.kind == "heading" and label is None:
            run.bold = True
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        i += 1
    section = document.sections[0]
    section.header.paragraphs[0].text = "Header text that must not reach the body"
    section.footer.paragraphs[0].text = "Trang 1 - footer"
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(out)


def build_pdf(docx_path: Path, out_dir: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(out_dir), str(docx_path)], check=True, capture_output=True, timeout=180)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pdf", action="store_true", help="also convert the DOCX files to PDF with LibreOffice")
    args = ap.parse_args()
    for stem in CLEAN_SEEDS:
        seed = ROOT / "corpus" / "seeds" / f"{stem}.txt"
        out = ROOT / "corpus" / "docx" / f"{stem}.docx"
        build_docx(seed, out)
        print("wrote", out.relative_to(ROOT))
        if args.pdf:
            build_pdf(out, ROOT / "corpus" / "pdf")
            print("wrote", (ROOT / "corpus" / "pdf" / f"{stem}.pdf").relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
