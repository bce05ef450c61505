"""DOCX reader (python-docx): body paragraphs and tables in order, Word numbering rebuilt.

Word's automatic list labels ("1.", "a)", "-") are not in the paragraph text; they are rebuilt
from numPr and numbering.xml. Headers, footers, text boxes, drawings and deleted text stay out.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from pathlib import Path
from typing import Iterator, Optional

from .. import limits
from ..errors import CorruptFile, DeclaredSizeTooLarge, EncryptedFile, LineTooLong, TooLarge, TooManyLines
from ..labels import is_bullet, parse_label
from ..models import Block, Cell, Document
from ..text import fold_ws, nfc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIP_ANCESTORS = {W + "txbxContent", W + "del", W + "pict", W + "drawing", W + "moveFrom",
                   "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"}
MAX_RATIO = 200  # a package expanding more than this (and over 20 MB) is a zip bomb
_CHUNK = 1 << 20  # bytes of a zip member read at a time
_DECLARATIONS = tuple(word.encode(enc) for word in ("<!DOCTYPE", "<!ENTITY") for enc in ("ascii", "utf-16-le", "utf-16-be"))
_OVERLAP = max(len(d) for d in _DECLARATIONS) - 1
# how XML in UCS-4 or EBCDIC begins: encodings in which a DOCTYPE would not be seen
_FOREIGN_STARTS = (b"\x00\x00\x00<", b"<\x00\x00\x00", b"\x00\x00<\x00", b"\x00<\x00\x00", b"\x4c\x6f\xa7\x94",
                   b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")
_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']{0,40})["']""")
_ASCII_ENCODINGS = re.compile(r"utf-?8|utf-?16(?:le|be)?|(?:us-)?ascii|iso-?8859-\d+|latin-?1|(?:windows|cp)-?125\d", re.I)
_SMALL_PART = 4 * 1024 * 1024  # package parts read whole to find the main document and the content types
_SAFE = dict(resolve_entities=False, no_network=True, load_dtd=False)


def _check_zip(path: str) -> str:
    """Refuse a package that is not a zip, expands too much (limit 'xml_bytes'), holds a DOCTYPE or
    entity declaration in any part, or has more paragraphs, or a longer one, than the limits allow;
    return the name of its main document part."""
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
            budget = limits.current().xml_bytes
            if total > budget or total / packed > MAX_RATIO and total > 20 * 1024 * 1024:
                raise TooLarge(path, f"expands to {total // (1024 * 1024)} MB (limit xml_bytes={budget})")
            _refuse_declarations(path, z, infos)
            main = _main_part(z)
            if main not in z.namelist():
                raise CorruptFile(path, f"no {main}")
            _check_paragraphs(path, z, main)
            return main
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError, OSError) as e:
        raise CorruptFile(path, f"bad zip: {type(e).__name__}") from e


def _refuse_declarations(path: str, z: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Every part python-docx might parse as XML (all but images), read in chunks: a DOCTYPE or
    ENTITY declaration anywhere in it, also across a chunk boundary or in UTF-16, refuses the file,
    and so does an XML part in an encoding in which one would not be seen."""
    by_name = {i.filename: i for i in infos}
    first = [by_name[n] for n in ("[Content_Types].xml",) if n in by_name]
    for info in first:
        _scan_part(path, z, info, xml=True)
    content_type = _content_types(z, by_name.get("[Content_Types].xml"))
    for info in infos:
        if info in first or info.is_dir():
            continue
        name = info.filename
        ctype = "" if name.endswith(".rels") else content_type(name)
        if ctype.startswith("image/"):
            continue  # not parsed (an SVG logo may well carry a DOCTYPE)
        _scan_part(path, z, info, xml=name.endswith((".xml", ".rels")) or "xml" in ctype)


def _scan_part(path: str, z: zipfile.ZipFile, info: zipfile.ZipInfo, xml: bool) -> None:
    tail = b""
    with z.open(info) as f:
        while True:
            chunk = f.read(_CHUNK)
            if not chunk:
                return
            if xml and not tail:
                _check_encoding(path, info.filename, chunk)
            window = tail + chunk
            if any(d in window for d in _DECLARATIONS):
                raise CorruptFile(path, f"XML with a DOCTYPE/entity declaration in {info.filename}")
            tail = window[-_OVERLAP:]


def _check_encoding(path: str, name: str, head: bytes) -> None:
    m = _DECLARED_ENCODING.match(head)
    if head.startswith(_FOREIGN_STARTS) or m and not _ASCII_ENCODINGS.fullmatch(m.group(1).decode("latin-1").strip()):
        raise CorruptFile(path, f"{name} is XML in an encoding Word does not write")


def _small_xml(z: zipfile.ZipFile, name: str):
    """A small, already scanned package part parsed safely, or None."""
    from lxml import etree

    try:
        info = z.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _SMALL_PART:
        return None
    try:
        return etree.fromstring(z.read(info), etree.XMLParser(**_SAFE))
    except etree.XMLSyntaxError:
        return None


def _content_types(z: zipfile.ZipFile, info: Optional[zipfile.ZipInfo]):
    """part name -> its content type per [Content_Types].xml ("" when unknown)."""
    root = _small_xml(z, info.filename) if info is not None else None
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    if root is not None:
        for el in root:
            tag = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
            if tag == "Default":
                defaults[(el.get("Extension") or "").lower()] = el.get("ContentType") or ""
            elif tag == "Override":
                overrides[(el.get("PartName") or "").lstrip("/").lower()] = el.get("ContentType") or ""

    def content_type(name: str) -> str:
        low = name.lower()
        return overrides.get(low) or defaults.get(low.rsplit(".", 1)[-1] if "." in low else "", "")

    return content_type


def _main_part(z: zipfile.ZipFile) -> str:
    """The main document part the package relationships name (word/document.xml when they name none)."""
    root = _small_xml(z, "_rels/.rels")
    for rel in root if root is not None else ():
        if (rel.get("Type") or "").endswith("/officeDocument") and rel.get("TargetMode") != "External":
            target = posixpath.normpath("/" + (rel.get("Target") or "")).lstrip("/")
            if target and target != ".":
                return target
    return "word/document.xml"


def _check_paragraphs(path: str, z: zipfile.ZipFile, main: str) -> None:
    """Count the main part's paragraphs and the characters of each while it streams through a parser
    that builds no tree, before python-docx builds its own: over limit 'lines' paragraphs, or over
    'line_chars' characters in one, is refused as soon as it is seen."""
    from lxml import etree

    counter = _ParagraphCounter(path)
    parser = etree.XMLParser(target=counter, huge_tree=True, **_SAFE)
    try:
        with z.open(main) as f:
            while chunk := f.read(_CHUNK):
                parser.feed(chunk)
        parser.close()
    except etree.XMLSyntaxError as e:
        raise CorruptFile(path, f"{main} is not well-formed XML: {e.msg}") from e


class _ParagraphCounter:
    """An lxml parser target: paragraphs (w:p, also in cells and text boxes) and the w:t text of each."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.budget = limits.current()
        self.count = 0
        self.open: list[int] = []  # characters so far of each paragraph open (a text box nests them)
        self.in_text = 0

    def start(self, tag: str, attrib) -> None:
        if tag == W + "p":
            self.count += 1
            if self.count > self.budget.lines:
                raise TooManyLines(self.path, f"over {self.budget.lines} paragraphs, limit lines={self.budget.lines}")
            self.open.append(0)
        elif tag == W + "t":
            self.in_text += 1

    def end(self, tag: str) -> None:
        if tag == W + "p" and self.open:
            self.open.pop()
        elif tag == W + "t":
            self.in_text -= 1

    def data(self, text: str) -> None:
        if self.in_text and self.open:
            self.open[-1] += len(text)
            if self.open[-1] > self.budget.line_chars:
                raise LineTooLong(self.path, f"paragraph {self.count} has over {self.budget.line_chars} characters, "
                                             f"limit line_chars={self.budget.line_chars}")

    def close(self) -> None:
        return None


def _fmt(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = ""
        while n > 0:
            n, r = divmod(n - 1, 26)
            s = chr(97 + r) + s
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman") and n < 4000:  # Roman numerals stop at 3999; then digits
        vals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
                (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        s = ""
        for v, sym in vals:
            while n >= v:
                s += sym
                n -= v
        return s.upper() if fmt == "upperRoman" else s
    return str(n)


class _Numbers:
    """Whole-number attributes (w:val of gridSpan, start, ilvl ...) read leniently: a value that is not
    a whole number, or below its least value, is read as absent and noted once per attribute."""

    def __init__(self) -> None:
        self.bad: dict[str, tuple[str, int]] = {}

    def get(self, el, attr: str, what: str, least: int = 0) -> Optional[int]:
        raw = el.get(W + attr)
        if raw is None:
            return None
        digits = raw.strip()
        if digits.isascii() and digits.isdigit():
            n = int(digits) if len(digits) <= 30 else 10 ** 30
            if n >= least:
                return n
        first, times = self.bad.get(what, (raw, 0))
        self.bad[what] = (first, times + 1)
        return None

    def warnings(self) -> list[str]:
        return [f"{what}={first[:20]!r} is not a whole number in range: ignored"
                + (f" ({times} such values)" if times > 1 else "") for what, (first, times) in self.bad.items()]


class Numbering:
    """Counters for Word lists, rendered as the labels Word would draw."""

    def __init__(self, doc, path: str = "", numbers: Optional[_Numbers] = None) -> None:
        self.numbers = numbers or _Numbers()
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
                ilvl = self.numbers.get(lvl, "ilvl", "w:lvl/@w:ilvl") or 0
                fmt_el, text_el, start_el = lvl.find(W + "numFmt"), lvl.find(W + "lvlText"), lvl.find(W + "start")
                start = self._start(start_el, "w:start", path)
                lv[ilvl] = ((fmt_el.get(W + "val") or "decimal") if fmt_el is not None else "decimal",
                            (text_el.get(W + "val") or "") if text_el is not None else "",
                            1 if start is None else start)
            self.levels[aid] = lv
        for num in el.findall(W + "num"):
            nid = num.get(W + "numId")
            a = num.find(W + "abstractNumId")
            if a is not None:
                self.num_to_abs[nid] = a.get(W + "val")
            for ov in num.findall(W + "lvlOverride"):
                start = self._start(ov.find(W + "startOverride"), "w:startOverride", path)
                if start is not None:
                    self.start_override[(nid, self.numbers.get(ov, "ilvl", "w:lvlOverride/@w:ilvl") or 0)] = start

    def _start(self, el, what: str, path: str) -> Optional[int]:
        """A level's declared start number; over limit 'list_start' is refused (counting up to it, or
        drawing it as a Roman numeral, would never end)."""
        start = self.numbers.get(el, "val", what) if el is not None else None
        budget = limits.current().list_start
        if start is not None and start > budget:
            raise DeclaredSizeTooLarge(path, f"a list declares {what}={start}, limit list_start={budget}")
        return start

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


class _Fonts:
    """The font each run of text is set in (its own, its character style's, its paragraph style's, the document's
    default), to read text typed in a legacy Vietnamese font by that font: TCVN3 ('.VnTime'; '.VnTimeH' shows its
    letters as capitals) and VNI ('VNI-Times'). `used` collects the legacy fonts met, for the document's warning."""

    def __init__(self, styles_root) -> None:
        self.by_style: dict[str, Optional[str]] = {}
        self.default: Optional[str] = None
        self.default_paragraph: Optional[str] = None
        self.used: set[str] = set()
        self.capitals = False  # a TCVN3 'H' font is named: ASCII letters too may show as capitals
        if styles_root is None:
            return
        own: dict[str, tuple[Optional[str], Optional[str]]] = {}
        for st in styles_root.findall(W + "style"):
            based = st.find(W + "basedOn")
            own[st.get(W + "styleId") or ""] = (_run_font(st.find(W + "rPr")),
                                                based.get(W + "val") if based is not None else None)
            if st.get(W + "type") == "paragraph" and st.get(W + "default") in ("1", "true"):
                self.default_paragraph = st.get(W + "styleId")
        for sid in own:
            font, seen, cur = None, set(), sid
            while cur in own and cur not in seen and font is None:  # basedOn chains, loops cut
                seen.add(cur)
                font, cur = own[cur][0], own[cur][1]
            self.by_style[sid] = font
        defaults = styles_root.find(W + "docDefaults")
        rpr = defaults.find(f"{W}rPrDefault/{W}rPr") if defaults is not None else None
        self.default = _run_font(rpr)

    def paragraph_font(self, p) -> Optional[str]:
        ppr = p.find(W + "pPr")
        sty = ppr.find(W + "pStyle") if ppr is not None else None
        sid = sty.get(W + "val") if sty is not None else self.default_paragraph
        return self.by_style.get(sid or "") or self.default

    def run_font(self, run) -> Optional[str]:
        """The run's own font or its character style's; None to take its paragraph's."""
        rpr = run.find(W + "rPr")
        font = _run_font(rpr)
        if font is None and rpr is not None and (rs := rpr.find(W + "rStyle")) is not None:
            font = self.by_style.get(rs.get(W + "val") or "")
        return font

    def read(self, text: str, font: Optional[str]) -> str:
        """Text typed in a legacy font as the font shows it; other text as it is."""
        kind = _legacy_font(font)
        if kind is None or not text or max(text) > "\xff":
            return text  # (legacy codes are all Latin-1: a run with 'ư' or 'ệ' in it was typed in Unicode already)

        from ..repair.legacy import decode_tcvn3, decode_vni

        self.used.add(font)
        if kind == "vni":
            return decode_vni(text)
        decoded = decode_tcvn3(text)
        return decoded.upper() if font.rstrip().endswith("H") else decoded


def _legacy_fonts_named(d) -> set[str]:
    """The TCVN3 and VNI fonts the document or its styles set text in."""
    named = set()
    for root in (d.element, d.styles.element):
        for fonts in root.iter(W + "rFonts"):
            font = fonts.get(W + "ascii") or fonts.get(W + "hAnsi")
            if _legacy_font(font):
                named.add(font)
    return named


def _run_font(rpr) -> Optional[str]:
    fonts = rpr.find(W + "rFonts") if rpr is not None else None
    return (fonts.get(W + "ascii") or fonts.get(W + "hAnsi")) if fonts is not None else None


def _legacy_font(font: Optional[str]) -> Optional[str]:
    """'tcvn3' for the TCVN3 fonts ('.VnTime', '.VnArialH'), 'vni' for the VNI fonts ('VNI-Times'), else None."""
    if not font:
        return None
    if font.startswith(".Vn"):
        return "tcvn3"
    return "vni" if font.upper().startswith("VNI-") else None


def _text(el, fonts: Optional[_Fonts] = None) -> str:
    parts: list[str] = []
    paragraph_font: list = []  # the paragraph's font, looked up when a run first needs it
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
            text = node.text or ""
            # (only text of Latin-1 letters beyond ASCII may be legacy codes: its font is looked up)
            if fonts is not None and (max(text, default="\x00") <= "\xff" and not text.isascii()
                                      or fonts.capitals and any("a" <= c <= "z" for c in text)):
                run = node.getparent()
                if run is not None and run.tag == W + "r":
                    own = fonts.run_font(run)
                    if own is None and not paragraph_font:
                        paragraph_font.append(fonts.paragraph_font(el) if el.tag == W + "p" else None)
                    text = fonts.read(text, own or paragraph_font[0])
            parts.append(text)
        elif node.tag == W + "noBreakHyphen":
            parts.append("-")
        else:
            parts.append("\n" if node.tag in (W + "br", W + "cr") else " ")  # a line break (Shift+Enter) stays one
    return "".join(parts)


_LINE_ENDS_CLAUSE = re.compile(r"[.;:!?)]$")


def _paragraphs_of(raw: str) -> list[str]:
    """A paragraph's text as the paragraphs it prints: lines parted by line breaks (Shift+Enter) are one paragraph,
    except where a line opens a new numbered or bulleted item ("...; thời gian: quý II/2026." / "2. Công an xã ...")."""
    if "\n" not in raw:
        one = fold_ws(nfc(raw))
        return [one] if one else []
    out: list[str] = []
    for line in (fold_ws(nfc(x)) for x in raw.split("\n")):
        if not line:
            continue
        label, rest = parse_label(line)
        new_item = label is not None and (_LINE_ENDS_CLAUSE.search(out[-1]) if out else True) \
            and (not is_bullet(label) or rest[:1].isupper())  # not "... chính trị" / "- xã hội": a broken name
        if out and not new_item:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _num_pr(p, styles: dict, numbers: _Numbers) -> Optional[tuple[str, int]]:
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
    return nid.get(W + "val"), (numbers.get(il, "val", "w:ilvl") or 0) if il is not None else 0


_WRAPPERS = (W + "sdt", W + "customXml")  # content controls and custom XML hold paragraphs, tables, rows and cells


def _body_children(body) -> Iterator:
    """The children of a body, table, row or cell in order (paragraphs, tables, rows, cells), also those a template
    wrapped in content controls (<w:sdt><w:sdtContent>) or custom XML elements, which Word shows as ordinary text."""
    pending = [iter(body.iterchildren())]  # a stack, not recursion: a crafted file may nest wrappers deeply
    while pending:
        child = next(pending[-1], None)
        if child is None:
            pending.pop()
        elif child.tag in _WRAPPERS:
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                pending.append(iter(content.iterchildren()))
        elif child.tag == W + "tbl" and (cells := _frame_cells(child)):
            # a one-column table drawn round the text (a frame): its paragraphs and tables are the body's
            pending.append(c for cell in cells for c in cell.iterchildren())
        else:
            yield child


def _frame_cells(tbl) -> list:
    """The cells of a table of one column, top to bottom (a box round the plan's text, or a part of it); [] for a
    table of two columns or more."""
    cells = []
    for tr in (c for c in tbl.iterchildren() if c.tag == W + "tr"):
        tcs = [c for c in tr.iterchildren() if c.tag == W + "tc"]
        if len(tcs) != 1:
            return []
        cells.append(tcs[0])
    return cells


def read_docx(path: str | Path) -> Document:
    path = str(path)
    _check_zip(path)
    import docx  # python-docx

    try:
        d = docx.Document(path)
    except Exception as e:  # python-docx raises many kinds on broken packages
        raise CorruptFile(path, f"cannot open as DOCX: {type(e).__name__}") from e
    numbers = _Numbers()
    numbering = Numbering(d, path, numbers)
    styles: dict = {}
    style_names: dict = {}
    fonts: Optional[_Fonts] = None
    if legacy := _legacy_fonts_named(d):  # most documents name none: their text is read without looking at fonts
        try:
            fonts = _Fonts(d.styles.element)
        except (KeyError, AttributeError, ValueError):
            fonts = _Fonts(None)
        fonts.capitals = any(f.rstrip().endswith("H") and _legacy_font(f) == "tcvn3" for f in legacy)
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
    for idx, child in enumerate(_body_children(d.element.body)):
        if child.tag == W + "p":
            texts = _paragraphs_of(_text(child, fonts))
            npr = _num_pr(child, styles, numbers)
            label = numbering.label(*npr) if npr else None
            if not texts:
                continue
            ppr = child.find(W + "pPr")
            sty = ppr.find(W + "pStyle") if ppr is not None else None
            sname = (style_names.get(sty.get(W + "val")) or "") if sty is not None else ""
            kind = "heading" if sname.lower().startswith(("heading", "title")) else "paragraph"
            for k, text in enumerate(texts):  # Word's own number goes with the first
                full = f"{label} {text}" if label and not k else text
                blocks.append(Block(id=f"b{len(blocks)}", kind=kind, text=full, label=label if not k else None, line=idx))
        elif child.tag == W + "tbl":
            for r_i, tr in enumerate(c for c in _body_children(child) if c.tag == W + "tr"):
                cells: list[Cell] = []
                for tc in (c for c in _body_children(tr) if c.tag == W + "tc"):
                    tcpr = tc.find(W + "tcPr")
                    span, vmerge = 1, None
                    if tcpr is not None:
                        gs = tcpr.find(W + "gridSpan")
                        if gs is not None:
                            span = _span(gs, numbers, path)
                        vm = tcpr.find(W + "vMerge")
                        if vm is not None:
                            vmerge = vm.get(W + "val", "continue")
                    paras = []
                    for p in (c for c in _body_children(tc) if c.tag == W + "p"):
                        t = fold_ws(nfc(_text(p, fonts)))
                        npr = _num_pr(p, styles, numbers)
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
    warnings = numbers.warnings()
    if fonts is not None and fonts.used:
        warnings.append(f"text in legacy Vietnamese fonts read by its font ({', '.join(sorted(fonts.used))})")
    return Document(source=path, format="docx", blocks=blocks, warnings=warnings)


def _span(grid_span, numbers: _Numbers, path: str) -> int:
    """A cell's declared gridSpan: absent or not a number is 1; over limit 'declared_span' is refused
    before a cell of it is made."""
    span = numbers.get(grid_span, "val", "w:gridSpan", least=1)
    budget = limits.current().declared_span
    if span is not None and span > budget:
        raise DeclaredSizeTooLarge(path, f"a table cell declares w:gridSpan={span}, limit declared_span={budget}")
    return 1 if span is None else span


def _cell_above(blocks: list[Block], table: int, col: int) -> str:
    for b in reversed(blocks):
        if b.kind != "row" or b.table != table:
            break
        if b.cells and col < len(b.cells):
            return b.cells[col].text
    return ""
