"""Hostile PDFs and images, made by code: each costs seconds and ends in its own E-code or a warning,
never a traceback, an unbounded bitmap or minutes of table finding. Rotated pages read upright."""
import ctypes
import math
import random
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from conftest import ROOT
from planparse import limits
from planparse.errors import CorruptFile, NoText, PageTooLarge, PlanParseError, TooManyPages
from planparse.pipeline import extract_file
from planparse.readers import read_document

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
needs_font = pytest.mark.skipif(not FONT.exists(), reason="DejaVu Sans not installed")
TITLE = b"BT /F1 12 Tf 72 800 Td (KE HOACH trien khai nhiem vu nam 2026) Tj ET"


INK = b"0 0 0 rg 40 40 300 200 re f"  # a page with something printed on it and no text layer: a scan stands in


def pdf_bytes(pages: list[tuple[bytes, bytes]], count: int | None = None, extra: bytes = b"",
              xobjects: list[bytes] = ()) -> bytes:
    """A PDF written by hand: each page (MediaBox, content stream, Flate-compressed), Helvetica as F1,
    `xobjects` as /Im1.. on every page, `count` as the page tree's /Count (a lie, if it differs)."""
    objs: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    names = b""
    for k, x in enumerate(xobjects, 1):
        objs.append(x)
        names += b"/Im%d %d 0 R " % (k, len(objs))
    kids = []
    for box, content in pages:
        data = zlib.compress(content)
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [" + box + b"] /Resources << /Font << /F1 3 0 R >> "
                    b"/XObject << " + names + b">> >> /Contents %d 0 R " % (len(objs) + 2) + extra + b">>")
        kids.append(b"%d 0 R" % len(objs))
        objs.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
    objs[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % (len(kids) if count is None else count)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def ruling_lines(n: int) -> bytes:
    """n short lines and rectangles scattered over an A4 page, none merging with another."""
    ops = [TITLE]
    for k in range(n):
        x, y = (k * 7) % 500 + 40, (k * 13) % 700 + 60
        ops.append(b"%d %d m %d %d l S" % (x, y, x + 50, y) if k % 2 else b"%d %d 30 20 re S" % (x, y))
    return b"\n".join(ops)


def grid(rows: int, cols: int, size: float) -> bytes:
    """A full grid of rows x cols boxes on a size x size pt page, every third row numbered."""
    ops = [b"BT /F1 12 Tf 72 %d Td (KE HOACH) Tj ET" % int(size - 30)]
    dy, dx = (size - 100) / rows, (size - 100) / cols
    ops += [b"50 %.2f m %.2f %.2f l S" % (50 + k * dy, size - 50, 50 + k * dy) for k in range(rows + 1)]
    ops += [b"%.2f 50 m %.2f %.2f l S" % (50 + k * dx, 50 + k * dx, size - 50) for k in range(cols + 1)]
    ops += [b"BT /F1 4 Tf 52 %.2f Td (o %d) Tj ET" % (50 + k * dy + 0.5, k) for k in range(0, rows, 3)]
    return b"\n".join(ops)


@pytest.fixture
def set_limits(monkeypatch):
    """Limits for one test, as `--limit NAME=VALUE` would set them."""
    def apply(*specs: str) -> None:
        monkeypatch.setattr(limits, "LIMITS", limits.parse_overrides(list(specs)))
    return apply


def _fail(what: str):
    def called(*args, **kwargs):
        raise AssertionError(f"{what} called on a guarded page")
    return called


# ------------------------------------------------------------------------------------ ruling lines

def test_a_page_of_twenty_thousand_ruling_lines_is_read_without_tables(tmp_path, monkeypatch):
    import planparse.readers.pdf as pdf_reader
    import planparse.readers.pdf_tables as pdf_tables

    src = tmp_path / "rulings.pdf"
    src.write_bytes(pdf_bytes([(b"0 0 595 842", ruling_lines(limits.current().ruling_objects + 1))]))
    assert src.stat().st_size < 100_000  # a small file
    for finder in ("find_tables", "choose_reading", "plumber_cells", "_page_with_tables"):
        monkeypatch.setattr(pdf_reader, finder, _fail(finder))
    for step in ("_merge", "_grid"):  # the page's paths are counted as they are read: no rule is placed
        monkeypatch.setattr(pdf_tables, step, _fail(step))
    doc = read_document(src)
    assert doc.warnings == [f"pages 1 draw more than {limits.current().ruling_objects} lines and rectangles "
                            "(limit 'ruling_objects'): read without tables"]
    assert doc.blocks[0].text == "KE HOACH trien khai nhiem vu nam 2026"


def test_the_ruling_objects_limit_is_read_when_the_file_is(tmp_path, set_limits):
    src = tmp_path / "rulings.pdf"
    src.write_bytes(pdf_bytes([(b"0 0 595 842", ruling_lines(60))]))
    set_limits("ruling_objects=50")
    assert "limit 'ruling_objects'" in read_document(src).warnings[0]


def test_a_page_of_a_thousand_scattered_rules_under_the_limit_is_read_without_tables(tmp_path):
    """Under 'ruling_objects', rules no table needs (more than pdf_tables.MAX_RULES) are not searched for tables."""
    src = tmp_path / "scattered.pdf"
    src.write_bytes(pdf_bytes([(b"0 0 595 842", ruling_lines(1000))]))
    doc = read_document(src)
    assert doc.warnings == ["pages 1 draw more rules than a table needs (2130 rules): read without tables"]
    assert doc.blocks[0].text.startswith("KE HOACH")


@pytest.mark.parametrize("rows, size, why", [(999, 9000, "rules crossing too often"), (450, 5000, "a grid of 450 x 450")])
def test_a_grid_of_rules_crossing_a_million_times_is_read_without_tables(tmp_path, rows, size, why):
    src = tmp_path / "grid.pdf"
    src.write_bytes(pdf_bytes([(b"0 0 %d %d" % (size, size), grid(rows, rows, size))]))
    doc = read_document(src)
    assert doc.warnings == [f"pages 1 draw more rules than a table needs ({why}): read without tables"]
    assert doc.blocks[0].text.startswith("KE HOACH")


def test_a_grid_of_195_by_195_boxes_is_still_read_as_a_table(tmp_path):
    src = tmp_path / "grid.pdf"
    src.write_bytes(pdf_bytes([(b"0 0 3000 3000", grid(195, 195, 3000))]))
    doc = read_document(src)
    rows = [b for b in doc.blocks if b.kind == "row"]
    assert doc.warnings == [] and len(rows) == 195 and all(len(b.cells) == 195 for b in rows)


def _old_grid(th, tv):
    """pdf_tables._grid and RuledTable.origin as they were (rules x boxes): the reference."""
    from planparse.readers.pdf_tables import TOL, _distinct

    ys = _distinct(sorted({y for y, _, _ in th}, reverse=True))
    xs = _distinct(sorted({x for x, _, _ in tv}))

    def above(r, c):
        return any(abs(y - ys[r]) <= TOL and hl - TOL <= xs[c] and hr + TOL >= xs[c + 1] for y, hl, hr in th)

    def left(r, c):
        return any(abs(x - xs[c]) <= TOL and vb - TOL <= ys[r + 1] and vt + TOL >= ys[r] for x, vb, vt in tv)

    rows = []
    for r in range(len(ys) - 1):
        row = []
        for c in range(len(xs) - 1):
            if not (above(r, c) and left(r, c)):
                row.append(None)
                continue
            c2, r2 = c + 1, r + 1
            while c2 < len(xs) - 1 and not left(r, c2):
                c2 += 1
            while r2 < len(ys) - 1 and not above(r2, c):
                r2 += 1
            row.append((xs[c], ys[r2], xs[c2], ys[r]))
        rows.append(row)

    def origin(r, c):
        if rows[r][c] is not None:
            return r, c
        x, my = (xs[c] + xs[c + 1]) / 2, (ys[r] + ys[r + 1]) / 2
        for r0 in range(r, -1, -1):
            for c0 in range(c, -1, -1):
                box = rows[r0][c0]
                if box is not None and box[0] - TOL <= x <= box[2] + TOL and box[1] - TOL <= my <= box[3] + TOL:
                    return r0, c0
        return r, c

    return rows, {(r, c): origin(r, c) for r in range(len(rows)) for c in range(len(rows[r]))}


@pytest.mark.parametrize("seed", range(40))
def test_the_linear_grid_reads_the_cells_the_quadratic_one_read(seed):
    """Merged cells, rules stopping short, rules a little apart (within and past TOL): same cells, same origins."""
    from planparse.readers.pdf_tables import _grid

    rnd = random.Random(seed)
    ys = sorted({round(rnd.uniform(0, 300) / rnd.choice([1.0, 0.5, 2.9]), 1) for _ in range(rnd.randint(2, 12))})
    xs = sorted({round(rnd.uniform(0, 400) / rnd.choice([1.0, 0.5, 2.9]), 1) for _ in range(rnd.randint(2, 10))})
    th = [(y + rnd.choice([0, 0, 0.7, -1.4, 1.6]), rnd.choice(xs[:-1]) + rnd.choice([0, 0, 1.2, -2]),
           rnd.choice(xs) + rnd.choice([0, 0, 1.4])) for y in ys for _ in range(rnd.randint(1, 3))]
    tv = [(x + rnd.choice([0, 0, 1.1, -1.5]), rnd.choice(ys[:-1]) + rnd.choice([0, -1.3]),
           rnd.choice(ys) + rnd.choice([0, 0, 1.5, 2])) for x in xs for _ in range(rnd.randint(1, 3))]
    th = [h for h in th if h[2] > h[1]] or [(ys[0], xs[0], xs[-1])]
    tv = [v for v in tv if v[2] > v[1]] or [(xs[0], ys[0], ys[-1])]
    rows, origins = _old_grid(th, tv)
    t = _grid(th, tv)
    assert t.rows == rows
    assert {(r, c): t.origin(r, c) for r in range(len(t.rows)) for c in range(len(t.rows[r]))} == origins


@pytest.mark.parametrize("seed", range(20))
def test_cell_sides_go_under_the_first_position_within_tol_as_before(seed):
    from planparse.readers.pdf_tables import TOL, _Sides

    rnd = random.Random(seed)
    sides, old = _Sides(), {}
    for _ in range(200):
        v = round(rnd.uniform(0, 400), rnd.choice([0, 1, 2]))  # past _Sides.SMALL positions
        key = next((k for k in old if abs(k - v) <= TOL), v)  # the former linear search
        old.setdefault(key, []).append((0, v))
        sides.add(v, (0, v))
    assert len(old) > _Sides.SMALL and dict(sides) == old and list(sides) == list(old)


# ------------------------------------------------------------------------------------ page sizes and OCR

def _fake_ocr(monkeypatch, seen: list):
    """Tesseract 'installed', reading one word per page; `seen` gets the size of each image it was given."""
    import planparse.readers.ocr as ocr
    import planparse.readers.pdf as pdf_reader
    from PIL import Image

    def words(image, lang="vie"):
        with Image.open(image) as im:
            seen.append(im.size)
        return [ocr.Word("KẾ HOẠCH", 95.0, (1, 1, 1), (10, 10, 200, 40))]

    monkeypatch.setattr(ocr, "ocr_words", words)
    monkeypatch.setattr(ocr, "tesseract", lambda: "/usr/bin/tesseract")
    monkeypatch.setattr(pdf_reader, "tesseract", lambda: "/usr/bin/tesseract")


@pytest.mark.parametrize("box", [b"0 0 5000 5000", b"0 0 100000 10"])
def test_a_5000_pt_page_is_rendered_for_ocr_at_a_bounded_size(tmp_path, monkeypatch, box):
    from planparse.readers.ocr import MAX_RENDER_SIDE, max_pixels

    import planparse.readers.pdf as pdf_reader

    seen: list = []
    _fake_ocr(monkeypatch, seen)
    monkeypatch.setattr(pdf_reader, "_looks_blank", lambda page: False)  # a sliver of ink shrinks away at 36 dpi
    src = tmp_path / "big-page.pdf"
    src.write_bytes(pdf_bytes([(box, INK)]))
    doc = read_document(src)
    [(w, h)] = seen
    assert w * h <= max_pixels() and max(w, h) <= MAX_RENDER_SIDE
    assert any("too large to render at 300 dpi (limit 'page_area'): rendered for OCR at" in x for x in doc.warnings)


def test_an_a4_scan_is_still_rendered_at_300_dpi(tmp_path, monkeypatch):
    seen: list = []
    _fake_ocr(monkeypatch, seen)
    src = tmp_path / "a4.pdf"
    src.write_bytes(pdf_bytes([(b"0 0 595 842", INK)]))
    doc = read_document(src)
    assert seen == [(math.ceil(595 * 300 / 72), math.ceil(842 * 300 / 72))]
    assert not any("page_area" in w for w in doc.warnings)


def test_an_image_declaring_ten_billion_pixels_on_a_pdf_page_is_not_rendered(tmp_path, monkeypatch):
    import pypdfium2 as pdfium

    _fake_ocr(monkeypatch, [])
    monkeypatch.setattr(pdfium.PdfPage, "render", _fail("render"))
    bomb = b"<< /Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ColorSpace /DeviceGray " \
           b"/BitsPerComponent 8 /Length 0 >>\nstream\n\nendstream"
    src = tmp_path / "image-bomb.pdf"
    src.write_bytes(pdf_bytes([(b"0 0 595 842", b"q 595 0 0 842 0 0 cm /Im1 Do Q")], xobjects=[bomb]))
    with pytest.raises(PageTooLarge, match=r"E111 .*page 1: its images declare 10000000000 pixels"):
        read_document(src)


def test_ten_thousand_blank_pages_are_too_many_pages(tmp_path, monkeypatch):
    import planparse.readers.pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "_upright", _fail("reading a page"))
    src = tmp_path / "blank.pdf"
    src.write_bytes(pdf_bytes([(b"0 0 595 842", b"")] * 10_000))
    with pytest.raises(TooManyPages) as e:
        read_document(src)
    assert str(e.value) == f"{src}: E110 too many pages (limit 'pages') (10000 pages, limit 2000)"


def test_pages_past_the_ocr_limit_are_left_out_with_a_warning(tmp_path, monkeypatch, set_limits):
    seen: list = []
    _fake_ocr(monkeypatch, seen)
    set_limits("ocr_pages=2")
    src = tmp_path / "scans.pdf"
    src.write_bytes(pdf_bytes([(b"0 0 595 842", INK)] * 6))
    doc = read_document(src)
    assert len(seen) == 2 and doc.pages == 6 and {b.page for b in doc.blocks} == {1, 2}
    assert "pages 3-6 need OCR but are over the limit 'ocr_pages' (2): left out" in doc.warnings


def test_no_text_on_the_pages_ocr_was_allowed_is_too_many_pages(tmp_path, monkeypatch, set_limits):
    import planparse.readers.ocr as ocr

    _fake_ocr(monkeypatch, [])
    monkeypatch.setattr(ocr, "ocr_words", lambda image, lang="vie": [])
    set_limits("ocr_pages=1")
    src = tmp_path / "scans.pdf"
    src.write_bytes(pdf_bytes([(b"0 0 595 842", INK)] * 3))
    with pytest.raises(TooManyPages, match=r"E110 .*no text on the 1 pages OCR'd; 2 more are over the limit 'ocr_pages'"):
        read_document(src)


# ------------------------------------------------------------------------------------ images

def _png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) \
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def test_a_png_declaring_100000_by_100000_pixels_is_refused_before_decoding(tmp_path, monkeypatch):
    import planparse.readers.ocr as ocr

    monkeypatch.setattr(ocr, "tesseract", lambda: "/usr/bin/tesseract")
    monkeypatch.setattr(ocr, "ocr_image", _fail("OCR"))
    src = tmp_path / "bomb.png"
    src.write_bytes(_png_header(100_000, 100_000))
    assert src.stat().st_size < 200
    with pytest.raises(PageTooLarge, match=r"bomb.png: E111 .*declares 10000000000 pixels \(a decompression bomb\)"):
        read_document(src)


def _tiff(path: Path, pages: int) -> None:
    from PIL import Image

    frames = [Image.new("L", (64, 64), 255) for _ in range(pages)]
    frames[0].save(path, save_all=True, append_images=frames[1:])


def test_a_multi_page_tiff_counts_against_the_page_limits(tmp_path, monkeypatch, set_limits):
    import planparse.readers.ocr as ocr

    calls = []
    monkeypatch.setattr(ocr, "tesseract", lambda: "/usr/bin/tesseract")
    monkeypatch.setattr(ocr, "ocr_image", lambda image, lang="vie": calls.append(image) or "KẾ HOẠCH\n")
    src = tmp_path / "scan.tif"
    _tiff(src, 5)
    set_limits("ocr_pages=2")
    doc = read_document(src)
    assert len(calls) == 2 and doc.pages == 2 and "pages 3-5 left out: over the limit 'ocr_pages' (2)" in doc.warnings
    set_limits("pages=4")
    with pytest.raises(TooManyPages, match=r"scan.tif: E110 .*5 pages, limit 4"):
        read_document(src)


def test_a_tiff_page_declaring_too_many_pixels_is_refused(tmp_path, monkeypatch, set_limits):
    import planparse.readers.ocr as ocr

    monkeypatch.setattr(ocr, "tesseract", lambda: "/usr/bin/tesseract")
    monkeypatch.setattr(ocr, "ocr_image", _fail("OCR"))
    src = tmp_path / "scan.tif"
    _tiff(src, 3)
    set_limits("page_area=100")  # 100 pt² = 1736 pixels at 300 dpi: a 64 x 64 page is over
    with pytest.raises(PageTooLarge, match=r"E111 .*page 1 declares 64 x 64 pixels"):
        read_document(src)


# ------------------------------------------------------------------------------------ absurd structures

@pytest.mark.parametrize("box", [b"0 0 0 0", b"0 0 -595 -842", b"595 842 0 0", b"0 0 nan nan", b"0 0 1e400 1e400",
                                 b"0 0 /x /y", b"0 0 99999999 99999999", b"0 0 1 1", b"0 0"])
def test_an_absurd_mediabox_is_read_or_refused_without_a_traceback(tmp_path, box):
    src = tmp_path / "box.pdf"
    src.write_bytes(pdf_bytes([(box, TITLE)]))
    try:
        doc = read_document(src)
    except PlanParseError as e:
        assert str(e).startswith(f"{src}: E1")
    else:
        assert doc.blocks[0].text.startswith("KE HOACH")


def test_a_page_with_no_usable_size_is_corrupt(tmp_path, monkeypatch):
    import pypdfium2 as pdfium

    monkeypatch.setattr(pdfium.PdfPage, "get_width", lambda self: float("nan"))
    src = tmp_path / "nan.pdf"
    src.write_bytes(pdf_bytes([(b"0 0 595 842", TITLE)]))
    with pytest.raises(CorruptFile, match=r"E105 .*page 1 has no usable size \(nan x 842.0 pt\)"):
        read_document(src)


def test_a_page_count_that_lies_is_refused(tmp_path):
    many = tmp_path / "count-million.pdf"
    many.write_bytes(pdf_bytes([(b"0 0 595 842", TITLE)], count=1_000_000))
    with pytest.raises(TooManyPages):
        read_document(many)
    few = tmp_path / "count-five.pdf"
    few.write_bytes(pdf_bytes([(b"0 0 595 842", TITLE)], count=5))
    with pytest.raises(CorruptFile, match=r"E105 .*page 2 of 5 cannot be loaded \(the page count may lie\)"):
        read_document(few)


def test_a_bad_pdf_through_the_cli_is_one_line_naming_the_file_and_its_code(tmp_path):
    src = tmp_path / "BAD.pdf"
    src.write_bytes(pdf_bytes([(b"0 0 595 842", b"")] * 10_000))
    r = subprocess.run([sys.executable, "-m", "planparse.cli", "extract", str(src), "-o", str(tmp_path / "out")],
                       capture_output=True, text=True, cwd=ROOT, timeout=300, env={"PYTHONPATH": str(ROOT / "src")})
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert len(lines) == 1 and str(src) in lines[0] and "E110" in lines[0], r.stderr


# ------------------------------------------------------------------------------------ rotated pages

PLAN = ["KẾ HOẠCH", "Triển khai chuyển đổi số năm 2026", "I. MỤC ĐÍCH, YÊU CẦU",
        "Nâng cao hiệu quả chỉ đạo, điều hành của các cơ quan.", "II. NHIỆM VỤ",
        "1. Sở Khoa học và Công nghệ chủ trì xây dựng cơ sở dữ liệu, hoàn thành trong tháng 3/2026.",
        "2. UBND các xã tổ chức tuyên truyền về chuyển đổi số, hoàn thành trước ngày 30/6/2026."]


def rotated_plan(path: Path, rotation: int, turned: bool) -> None:
    """The plan snippet on an A4 page with /Rotate `rotation`: written upright in the page's own space
    (turned after it was made), or, `turned`, drawn turned in its own space so that it displays upright."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as c

    w, h = 595, 842
    pw, ph = (h, w) if turned and rotation in (90, 270) else (w, h)
    doc = pdfium.PdfDocument.new()
    page = doc.new_page(pw, ph)
    data = FONT.read_bytes()
    buf = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
    font = c.FPDFText_LoadFont(doc.raw, buf, len(data), c.FPDF_FONT_TRUETYPE, 1)
    for k, line in enumerate(PLAN):
        obj = c.FPDFPageObj_CreateTextObj(doc.raw, font, 11.0)
        text = ctypes.create_string_buffer((line + "\0").encode("utf-16-le"))
        c.FPDFText_SetText(obj, ctypes.cast(text, ctypes.POINTER(c.FPDF_WCHAR)))
        x, y = 50.0, h - 60.0 - 20 * k  # where it displays
        if turned:  # /Rotate turns the page clockwise for display: draw it turned the other way
            px, py = {90: (pw - y, x), 180: (pw - x, ph - y), 270: (y, ph - x)}[rotation]
            a = math.radians(rotation)
            c.FPDFPageObj_Transform(obj, round(math.cos(a)), round(math.sin(a)), -round(math.sin(a)), round(math.cos(a)), px, py)
        else:
            c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
        c.FPDFPage_InsertObject(page.raw, obj)
    c.FPDFPage_GenerateContent(page.raw)
    page.set_rotation(rotation)
    doc.save(str(path))
    doc.close()


@needs_font
@pytest.mark.parametrize("turned", [False, True], ids=["written-upright", "drawn-turned"])
@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_page_with_rotate_reads_the_plan_upright_and_in_order(tmp_path, rotation, turned):
    upright, src = tmp_path / "upright.pdf", tmp_path / f"rotate-{rotation}.pdf"
    rotated_plan(upright, 0, False)
    rotated_plan(src, rotation, turned)
    assert [b.text for b in read_document(src).blocks] == PLAN

    def key(plan):
        return [(t.ref, t.text, t.lead, t.deadline.text if t.deadline else None) for t in plan.tasks]

    tasks = key(extract_file(src))
    assert tasks == key(extract_file(upright))
    assert [(ref, lead, deadline) for ref, _, lead, deadline in tasks] == [
        ("II.1", ["Sở Khoa học và Công nghệ"], "hoàn thành trong tháng 3/2026"),
        ("II.2", ["UBND các xã"], "hoàn thành trước ngày 30/6/2026")]


def test_blank_pages_are_not_sent_to_ocr(tmp_path, monkeypatch):
    """1,500 empty pages (and ones with a speck) cost a render each at 36 dpi, not an OCR each."""
    seen: list = []
    _fake_ocr(monkeypatch, seen)
    src = tmp_path / "blank.pdf"
    speck = b"0 0 0 rg 300 400 0.5 0.5 re f"
    src.write_bytes(pdf_bytes([(b"0 0 595 842", b"")] * 1500 + [(b"0 0 595 842", speck)] * 3 + [(b"0 0 595 842", INK)]))
    doc = read_document(src)
    assert len(seen) == 1 and {b.page for b in doc.blocks} == {1504}
    src.write_bytes(pdf_bytes([(b"0 0 595 842", b"")] * 5))
    with pytest.raises(NoText, match=r"E107 .*all 5 pages blank"):
        read_document(src)
