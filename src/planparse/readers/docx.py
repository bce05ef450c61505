"""DOCX reader (python-docx): body paragraphs and tables in order, Word numbering rebuilt.

Word's automatic list labels ("1.", "a)", "-") are not in the paragraph text; they are rebuilt
from numPr and numbering.xml. Headers, footers, text boxes, drawings and deleted text stay out.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Optional

from ..errors import CorruptFile, EncryptedFile, TooLarge
from ..models import Block, Cell, Document
from ..text import fold_ws, nfc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIP_ANCESTORS = {W + "txbxContent", W + "del", W + "pict", W + "drawing", W + "moveFrom",
                   "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"}
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200


def _check_zip(path: str) -> None:
    with open(path, "rb") as f:
        head = f.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise EncryptedFile(path, "password-protected or legacy OLE container")
    if not zipfile.is_zipfile(path):
        raise CorruptFile(path, "not a zip package")
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            total = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
            if total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO and total > 20 * 1024 * 1024:
                raise TooLarge(path, f"expands to {total // (1024 * 1024)} MB")
            if "word/document.xml" not in z.namelist():
                raise CorruptFile(path, "no word/document.xml")
            head_xml = z.read("word/document.xml")[:4096]
            if b"<!ENTITY" in head_xml or b"<!DOCTYPE" in head_xml:
                raise CorruptFile(path, "XML with a DOCTYPE/entity declaration")
    except zipfile.BadZipFile as e:
        raise CorruptFile(path, "bad zip") from e


def _fmt(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = ""
        while n > 0:
            n, r = divmod(n - 1, 26)
            s = chr(97 + r) + s
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        vals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
                (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        s = ""
        for v, sym in vals:
            while n >= v:
                s += sym
                n -= v
        return s.upper() if fmt == "upperRoman" else s
    return str(n)


class Numbering:
    """Counters for Word lists, rendered as the labels Word would draw."""

    def __init__(self, doc) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.num_to_abs: dict[str, str] = {}
        self.start_override: dict[tuple[str, int], int] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            el = doc.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        for absn in el.findall(W + "abstractNum"):
            aid = absn.get(W + "abstractNumId")
            lv: dict[int, tuple[str, str, int]] = {}
            for lvl in absn.findall(W + "lvl"):
                ilvl = int(lvl.get(W + "ilvl", "0"))
                fmt_el, text_el, start_el = lvl.find(W + "numFmt"), lvl.find(W + "lvlText"), lvl.find(W + "start")
                lv[ilvl] = (fmt_el.get(W + "val") if fmt_el is not None else "decimal",
                            text_el.get(W + "val") if text_el is not None else "",
                            int(start_el.get(W + "val")) if start_el is not None else 1)
            self.levels[aid] = lv
        for num in el.findall(W + "num"):
            nid = num.get(W + "numId")
            a = num.find(W + "abstractNumId")
            if a is not None:
                self.num_to_abs[nid] = a.get(W + "val")
            for ov in num.findall(W + "lvlOverride"):
                so = ov.find(W + "startOverride")
                if so is not None:
                    self.start_override[(nid, int(ov.get(W + "ilvl", "0")))] = int(so.get(W + "val"))

    def label(self, num_id: str, ilvl: int) -> Optional[str]:
        aid = self.num_to_abs.get(num_id)
        if aid is None or num_id == "0":
            return None
        lv = self.levels.get(aid, {})
        if ilvl not in lv:
            return None
        counters = self.counters.setdefault(num_id, {})
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        start = self.start_override.get((num_id, ilvl), lv[ilvl][2])
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        fmt, text, _ = lv[ilvl]
        if fmt == "bullet":
            return text if text in ("-", "+", "–", "•", "*") else "-"
        if fmt == "none":
            return None

        def repl(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            f = lv.get(k, ("decimal", "", 1))[0]
            return _fmt(counters.get(k, lv.get(k, ("", "", 1))[2]), f)

        return re.sub(r"%(\d)", repl, text).strip() or None


def _text(el) -> str:
    parts: list[str] = []
    for node in el.iter(W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen"):
        anc = node.getparent()
        skip = False
        while anc is not None and anc is not el:
            if anc.tag in _SKIP_ANCESTORS:
                skip = True
                break
            anc = anc.getparent()
        if skip:
            continue
        if node.tag == W + "t":
            parts.append(node.text or "")
        elif node.tag == W + "noBreakHyphen":
            parts.append("-")
        else:
            parts.append(" ")
    return "".join(parts)


def _num_pr(p, styles: dict) -> Optional[tuple[str, int]]:
    ppr = p.find(W + "pPr")
    num = ppr.find(W + "numPr") if ppr is not None else None
    if num is None and ppr is not None:
        st = ppr.find(W + "pStyle")
        if st is not None:
            num = styles.get(st.get(W + "val"))
    if num is None:
        return None
    nid = num.find(W + "numId")
    il = num.find(W + "ilvl")
    if nid is None:
        return None
    return nid.get(W + "val"), int(il.get(W + "val")) if il is not None else 0


def read_docx(path: str | Path) -> Document:
    path = str(path)
    _check_zip(path)
    import docx  # python-docx

    try:
        d = docx.Document(path)
    except Exception as e:  # python-docx raises many kinds on broken packages
        raise CorruptFile(path, f"cannot open as DOCX: {type(e).__name__}") from e
    numbering = Numbering(d)
    styles: dict = {}
    style_names: dict = {}
    try:
        for s in d.styles.element.findall(W + "style"):
            sid = s.get(W + "styleId")
            name_el = s.find(W + "name")
            style_names[sid] = name_el.get(W + "val") if name_el is not None else sid
            ppr = s.find(W + "pPr")
            if ppr is not None and ppr.find(W + "numPr") is not None:
                styles[sid] = ppr.find(W + "numPr")
    except (KeyError, AttributeError):
        pass
    blocks: list[Block] = []
    table_index = 0
    for idx, child in enumerate(d.element.body.iterchildren()):
        if child.tag == W + "p":
            text = fold_ws(nfc(_text(child)))
            npr = _num_pr(child, styles)
            label = numbering.label(*npr) if npr else None
            if not text:
                continue
            full = f"{label} {text}" if label else text
            ppr = child.find(W + "pPr")
            sty = ppr.find(W + "pStyle") if ppr is not None else None
            sname = style_names.get(sty.get(W + "val"), "") if sty is not None else ""
            kind = "heading" if sname.lower().startswith(("heading", "title")) else "paragraph"
            blocks.append(Block(id=f"b{len(blocks)}", kind=kind, text=full, label=label, line=idx))
        elif child.tag == W + "tbl":
            for r_i, tr in enumerate(child.iter(W + "tr")):
                if tr.getparent() is not child:
                    continue
                cells: list[Cell] = []
                for tc in tr.findall(W + "tc"):
                    tcpr = tc.find(W + "tcPr")
                    span, vmerge = 1, None
                    if tcpr is not None:
                        gs = tcpr.find(W + "gridSpan")
                        if gs is not None:
                            span = int(gs.get(W + "val", "1"))
                        vm = tcpr.find(W + "vMerge")
                        if vm is not None:
                            vmerge = vm.get(W + "val", "continue")
                    paras = []
                    for p in tc.findall(W + "p"):
                        t = fold_ws(nfc(_text(p)))
                        npr = _num_pr(p, styles)
                        lab = numbering.label(*npr) if npr else None
                        if t or lab:  # a numbered cell may hold only Word's number ("1.")
                            paras.append(f"{lab} {t}".strip() if lab else t)
                    text = fold_ws(" ".join(paras))
                    if vmerge == "continue":
                        above = _cell_above(blocks, table_index, len(cells))
                        cells.append(Cell(text=above, merged_above=True, span=span))
                    else:
                        cells.append(Cell(text=text, span=span, lines=paras if len(paras) > 1 else None))
                    for _ in range(span - 1):
                        cells.append(Cell(text="", span=0))
                blocks.append(Block(id=f"b{len(blocks)}", kind="row", text=" | ".join(c.text for c in cells),
                                    cells=cells, table=table_index, line=idx))
            table_index += 1
    return Document(source=path, format="docx", blocks=blocks)


def _cell_above(blocks: list[Block], table: int, col: int) -> str:
    for b in reversed(blocks):
        if b.kind != "row" or b.table != table:
            break
        if b.cells and col < len(b.cells):
            return b.cells[col].text
    return ""
