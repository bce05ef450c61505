"""Does a plan score the same whatever format it arrives in? The web transcriptions of corpus/real/provinces-2025
are rendered as DOCX and as PDF (Markdown -> HTML by a small converter of this script's own, written apart from
planparse's Markdown reader -> LibreOffice Writer -> DOCX -> PDF; a PDF of the DOCX justified with first-line
indents, as plans are typed; and a PDF of the DOCX with its tables' borders removed), extracted, and scored against
their gold files
exactly as `planparse eval` scores; micro-F1 per document and per format, and the mean. Gold is the same for
every rendition, so a gap between formats is the DOCX or PDF reader's (or this converter's: a transcription
cannot say where a table cell was empty, see `cells_of`). With --scan, a sixth rendition: the justified PDF as a
clean scan (pages rendered to grey images, no text layer), read by Tesseract. Needs LibreOffice (`soffice`), and
Tesseract for --scan. Not part of CI.

    .venv/bin/python benchmarks/bench_renditions.py [--keep DIR] [--scan]
"""
from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

_MARK = re.compile(r"^\s*(?:[-+•*]\s|[0-9]+(?:\.[0-9]+)*[.)]\s|[a-zđ][).]\s|[IVX]+\.\s)")
_BULLET = re.compile(r"^\s*[-+•]\s")


def _inline(text: str) -> str:
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>])", r"\1", text)
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", text)
    return text.replace("*", "")


def _cell_lines(lines: list[str]) -> list[str]:
    """A heading cell prints one line per line ('ỦY BAN NHÂN DÂN' / 'THÀNH PHỐ CẦN THƠ'); a wrapped line goes on."""
    out: list[str] = []
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        breaks = _MARK.match(line) or line.startswith("*") or re.fullmatch(r"[-_=.]{3,}", line) \
            or (out and out[-1].endswith("*"))
        if out and not breaks:
            out[-1] += " " + line
        else:
            out.append(line)
    return out


def _paragraphs(lines: list[str]) -> list[str]:
    """A body paragraph (lines between blank lines) is one paragraph; a bullet line starts another."""
    out: list[str] = []
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if out and not _BULLET.match(line):
            out[-1] += " " + line
        else:
            out.append(line)
    return out


def _table(rows: list[list[list[str]]]) -> str:
    """Rows of cells; a row of one cell spans the table (a group row), a shorter row sits at the right (the cells a
    merged cell above covers are left empty)."""
    width = max(len(r) for r in rows)
    out = ['<table border="1" cellspacing="0" cellpadding="2">']
    for row in rows:
        cells = []
        if 1 < len(row) < width:
            cells += ["<td></td>"] * (width - len(row))
        for cell in row:
            span = f' colspan="{width}"' if len(row) == 1 and width > 1 else ""
            cells.append(f"<td{span}>{'<br>'.join(_inline(x) for x in _cell_lines(cell))}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join(out + ["</table>"])


def cells_of(lines: list[str], i: int) -> tuple[list[list[list[str]]], int]:
    """The transcription's table starting at line i: '|' alone on a line closes a cell, two in a row close a row.
    (An empty cell prints as two '|' as well: it reads as a row's end, the one ambiguity of the format.)"""
    rows: list[list[list[str]]] = []
    row: list[list[str]] = []
    cell: list[str] | None = None
    n = len(lines)
    while i < n:
        if lines[i].strip() == "|":
            if cell is not None:
                row.append(cell)
            nxt = lines[i + 1].strip() if i + 1 < n else ""
            if nxt == "|":
                rows.append(row)
                row, cell = [], []
                i += 2
                continue
            if nxt == "":
                rows.append(row)
                return [r for r in rows if r], i + 1
            cell = []
            i += 1
            continue
        if cell is not None:
            cell.append(lines[i])
        i += 1
    rows.append(row)
    return [r for r in rows if r], i


def markdown_to_html(text: str) -> str:
    lines = text.splitlines()
    body: list[str] = []
    para: list[str] = []

    def flush() -> None:
        body.extend(f"<p>{_inline(p)}</p>" for p in _paragraphs(para))
        para.clear()

    i = 0
    while i < len(lines):
        if lines[i].strip() == "|":
            flush()
            rows, i = cells_of(lines, i)
            if rows:
                body.append(_table(rows))
            continue
        if lines[i].strip():
            para.append(lines[i])
        else:
            flush()
        i += 1
    flush()
    return '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>\n' + "\n".join(body) + "\n</body></html>\n"


def render(sources: list[Path], out: Path) -> dict[str, Path]:
    """DOCX and PDF renditions of each source under out/docx, out/pdf (LibreOffice, one call per format)."""
    (out / "html").mkdir(parents=True, exist_ok=True)
    for src in sources:
        (out / "html" / f"{src.stem}.html").write_text(markdown_to_html(src.read_text(encoding="utf-8")), encoding="utf-8")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("bench_renditions: LibreOffice (soffice) is not installed")
    profile = f"-env:UserInstallation=file://{out / 'lo-profile'}"
    htmls = sorted(str(p) for p in (out / "html").glob("*.html"))
    subprocess.run([soffice, profile, "--headless", "--infilter=HTML (StarWriter)", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(out / "docx"), *htmls], check=True, capture_output=True)
    docxs = sorted(str(p) for p in (out / "docx").glob("*.docx"))
    subprocess.run([soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(out / "pdf"), *docxs],
                   check=True, capture_output=True)
    justified = [str(_justified(Path(d), out / "docx-justified")) for d in docxs]
    subprocess.run([soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(out / "pdf-justified"),
                    *justified], check=True, capture_output=True)
    borderless = [str(_borderless(Path(d), out / "docx-borderless")) for d in docxs]
    subprocess.run([soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(out / "pdf-borderless"),
                    *borderless], check=True, capture_output=True)
    return {"docx": out / "docx", "pdf": out / "pdf", "pdf-justified": out / "pdf-justified",
            "pdf-borderless": out / "pdf-borderless"}


def _borderless(docx: Path, out: Path) -> Path:
    """The DOCX with its tables' borders removed and their cells top-aligned (Word's defaults), as a table typed
    without rules prints: the PDF reader has only the text's positions to find its columns and rows."""
    from docx import Document as Docx
    from docx.oxml.ns import qn

    d = Docx(str(docx))
    for t in d.tables:
        props = t._tbl.tblPr
        for el in props.findall(qn("w:tblBorders")) + props.findall(qn("w:tblStyle")):
            props.remove(el)
        for tc in t._tbl.iter(qn("w:tc")):
            if tc.tcPr is not None:
                for el in tc.tcPr.findall(qn("w:tcBorders")) + tc.tcPr.findall(qn("w:vAlign")):
                    tc.tcPr.remove(el)
    out.mkdir(parents=True, exist_ok=True)
    d.save(str(out / docx.name))
    return out / docx.name


def _justified(docx: Path, out: Path) -> Path:
    """The DOCX as plans are typed: body paragraphs justified with a first-line indent, 13 pt Times New Roman (page
    breaks then fall elsewhere, and lines end at the margin)."""
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    d = Docx(str(docx))
    for p in d.paragraphs:
        if len(p.text) > 60:
            p.paragraph_format.first_line_indent = Cm(1.27)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        for r in p.runs:
            r.font.size, r.font.name = Pt(13), "Times New Roman"
    out.mkdir(parents=True, exist_ok=True)
    d.save(str(out / docx.name))
    return out / docx.name


def _scanned(pdf: Path, out: Path, dpi: int = 200) -> Path:
    """The PDF as a scan: every page rendered to a grey image at `dpi` and saved as a PDF of images, no text layer
    (a clean scan: no skew, speckle or seal; the web tables' drawn borders print as in the PDF)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    images = [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in doc]
    doc.close()
    out.mkdir(parents=True, exist_ok=True)
    images[0].save(str(out / pdf.name), save_all=True, append_images=images[1:], resolution=dpi)
    return out / pdf.name


def _extract_score(args: tuple[str, dict]) -> float:
    from planparse.errors import PlanParseError
    from planparse.evaluate import score
    from planparse.pipeline import extract_file

    path, gold = args
    try:
        return score(gold, extract_file(path).model_dump(mode="json")).micro.f1
    except PlanParseError as e:  # a rendition read as no plan scores 0
        print(f"  {Path(path).name}: {e}", file=sys.stderr)
        return 0.0


def main() -> None:
    from concurrent.futures import ProcessPoolExecutor

    from planparse.evaluate import load_gold

    ap = argparse.ArgumentParser()
    ap.add_argument("--keep", help="render into this folder and keep it")
    ap.add_argument("--scan", action="store_true", help="also a sixth rendition, the justified PDF as a scan "
                    "(Tesseract reads it: about 5 minutes on 2 cores)")
    args = ap.parse_args()
    gold = load_gold(ROOT / "corpus" / "gold")
    sources = [p for p in sorted((ROOT / "corpus" / "real" / "provinces-2025").glob("*.md")) if p.stem in gold]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.keep) if args.keep else Path(tmp)
        dirs = render(sources, out)
        table: dict[str, dict[str, float]] = {}
        for src in sources:
            row = table.setdefault(src.stem, {})
            for fmt, path in [("md", src), ("docx", dirs["docx"] / f"{src.stem}.docx"), ("pdf", dirs["pdf"] / f"{src.stem}.pdf"),
                              ("pdf-justified", dirs["pdf-justified"] / f"{src.stem}.pdf"),
                              ("pdf-borderless", dirs["pdf-borderless"] / f"{src.stem}.pdf")]:
                row[fmt] = _extract_score((str(path), gold[src.stem]))
        if args.scan:
            scans = [str(_scanned(dirs["pdf-justified"] / f"{src.stem}.pdf", out / "scan")) for src in sources]
            with ProcessPoolExecutor(2) as pool:
                for src, f1 in zip(sources, pool.map(_extract_score, [(p, gold[s.stem]) for p, s in zip(scans, sources)])):
                    table[src.stem]["scan"] = f1
    formats = ("md", "docx", "pdf", "pdf-justified", "pdf-borderless") + (("scan",) if args.scan else ())
    print(f"{'document':28s} " + " ".join(f"{f:>13s}" for f in formats))
    for stem, row in table.items():
        print(f"{stem:28s} " + " ".join(f"{row[f]:13.3f}" for f in formats))
    means = {f: statistics.mean(r[f] for r in table.values()) for f in formats}
    print(f"{'mean of ' + str(len(table)):28s} " + " ".join(f"{means[f]:13.3f}" for f in formats))
    print(json.dumps({"documents": len(table), "mean": {k: round(v, 3) for k, v in means.items()}}))


if __name__ == "__main__":
    main()
