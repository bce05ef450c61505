"""Scans: page images read with Tesseract (`-l vie`, Debian packages tesseract-ocr, tesseract-ocr-vie).

PDF pages are read from Tesseract's TSV output (each word with its box, block and line), so that what
is not the document's text can be left out where it sits on the page:
- a received stamp ("CÔNG VĂN ĐẾN", "ĐẾN Số: ... Ngày: ...", "Chuyển: ...") stamped on the first page,
  usually above the issuer: the box of coloured ink that holds those words, or on a grey scan the
  Tesseract block that holds them and the blocks touching it; every word inside is dropped;
- words printed in coloured ink elsewhere (the round seal over a signature);
- noise lines: Tesseract's low-confidence lines that hold no Vietnamese word (dotted leaders, specks);
and the two-column heading (issuer and number left, motto and place/date right) comes out as rows
[left, right] like the text-layer reader's (layout.py).
"""
from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..text import fold, strip_accents
from .layout import HEADING_ZONE, Run, column_rows, heading_rows, runs_text, visual_lines

from .. import limits
from ..errors import CorruptFile, NoText, PageTooLarge, TooManyPages
from ..models import Document
from .lines import Line
from .text import lines_to_blocks

OCR_TIMEOUT_S = 120
RENDER_DPI = 300
MAX_RENDER_SIDE = 20_000  # pixels: the longer side of a rendered page (a page 1 pt tall and 10 m wide)


def max_pixels() -> int:
    """Pixels of the largest page the limit 'page_area' lets through, at RENDER_DPI: no bitmap is larger."""
    return int(limits.current().page_area * (RENDER_DPI / 72) ** 2)


def render_dpi(width: float, height: float) -> float:
    """The resolution a page of width x height points is rendered at for OCR: RENDER_DPI, or less for a
    page over the limit 'page_area' (or absurdly long), so that its bitmap stays under max_pixels()."""
    dpi = float(RENDER_DPI)
    area = width * height
    if area > limits.current().page_area:
        dpi *= (limits.current().page_area / area) ** 0.5
    dpi = min(dpi, MAX_RENDER_SIDE * 72 / max(width, height, 1.0))
    while dpi < RENDER_DPI and math.ceil(width * dpi / 72) * math.ceil(height * dpi / 72) > max_pixels():
        dpi *= 0.999  # pdfium rounds a bitmap's sides up
    return dpi


class TooManyPixels(RuntimeError):
    """A page's images declare more pixels than a page may have (limit 'page_area'): not rendered."""

    PREFIX = "its images declare"


def tesseract() -> Optional[str]:
    return shutil.which("tesseract")


def ocr_image(image: Path, lang: str = "vie") -> str:
    """Text of one image. One thread: as fast per page here, and the batch runs pages in parallel."""
    exe = tesseract()
    if exe is None:
        raise FileNotFoundError("tesseract")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    r = subprocess.run([exe, str(image), "-", "-l", lang], capture_output=True, env=env, timeout=OCR_TIMEOUT_S)
    err = r.stderr.decode("utf-8", errors="replace").strip()
    if r.returncode != 0:
        raise RuntimeError(err.splitlines()[-1] if err else "tesseract failed")
    return unicodedata.normalize("NFC", r.stdout.decode("utf-8", errors="replace"))


@dataclass
class Word:
    text: str
    conf: float
    line: tuple[int, int, int]  # Tesseract's (block, paragraph, line)
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels, y down


@dataclass
class OcrPage:
    lines: list[tuple[str, Optional[list[str]]]]  # text, and cells for a two-column row [left, right]
    dropped: list[str]  # what was left out, as "a received stamp", for the reader's warning
    tops: list[float] = field(default_factory=list)  # each line's top, pixels
    words: list[Word] = field(default_factory=list)  # the words kept (stamps and seals left out)


_SLASHES = str.maketrans({"\u2044": "/", "\u2215": "/"})  # Tesseract reads a number's slash as a fraction slash


def ocr_words(image: Path, lang: str = "vie") -> list[Word]:
    """Tesseract's words with their boxes (TSV output)."""
    exe = tesseract()
    if exe is None:
        raise FileNotFoundError("tesseract")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    limits.progress()
    r = subprocess.run([exe, str(image), "-", "-l", lang, "tsv"], capture_output=True, env=env, timeout=OCR_TIMEOUT_S)
    limits.progress()
    if r.returncode != 0:
        err = r.stderr.decode("utf-8", errors="replace").strip()
        raise RuntimeError(err.splitlines()[-1] if err else "tesseract failed")
    words = []
    for row in r.stdout.decode("utf-8", errors="replace").splitlines()[1:]:
        f = row.split("\t")
        if len(f) < 12 or f[0] != "5" or not f[11].strip():
            continue
        x, y, w, h = (int(v) for v in f[6:10])
        text = unicodedata.normalize("NFC", f[11].strip()).translate(_SLASHES)
        words.append(Word(text, float(f[10]), (int(f[2]), int(f[3]), int(f[4])),
                          (x, y, x + w, y + h)))
    return words


SIDEWAYS_SHARE = 0.5  # OCR of a page turned on its side reads fewer than this share of its words as syllables
OSD_MIN_CONFIDENCE = 2.0  # Tesseract's orientation confidence above which its turn is taken


def reads_poorly(words: list[str]) -> bool:
    """OCR text of which too few words are Vietnamese syllables: the page may be turned on its side or upside down."""
    from .text_layer import is_vietnamese_word

    tokens = [w for w in words if any(ch.isalpha() for ch in w)]
    return len(tokens) < 20 or sum(map(is_vietnamese_word, tokens)) < SIDEWAYS_SHARE * len(tokens)


def upright_turn(image: Path) -> int:
    """Degrees clockwise (90, 180, 270) that turn the page image upright, by Tesseract's orientation detection
    (`--psm 0`, the osd data Debian's tesseract-ocr installs); 0 when upright, unsure or undetectable."""
    exe = tesseract()
    if exe is None:
        return 0
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    limits.progress()
    try:
        r = subprocess.run([exe, str(image), "-", "--psm", "0"], capture_output=True, env=env, timeout=OCR_TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired):
        return 0
    out = r.stdout.decode("utf-8", errors="replace")
    turn = re.search(r"^Rotate:\s*(\d+)", out, re.M)
    conf = re.search(r"^Orientation confidence:\s*([\d.]+)", out, re.M)
    if r.returncode != 0 or not turn or not conf or float(conf.group(1)) < OSD_MIN_CONFIDENCE:
        return 0
    return int(turn.group(1)) % 360 if int(turn.group(1)) % 90 == 0 else 0


def turned_warning(pages: list[int]) -> str:
    many = len(pages) > 1
    return (f"page{'s' if many else ''} {','.join(map(str, pages))} {'were' if many else 'was'} scanned turned on "
            f"{'their' if many else 'its'} side or upside down: read upright")


def _ocr_upright(image: Path, lang: str) -> tuple[str, int]:
    """An image's text, read upright: where OCR reads it poorly and Tesseract finds it turned, the image is turned
    upright and read again, and the better reading kept; with the turn taken (0 if none)."""
    text = ocr_image(image, lang)
    if not reads_poorly(text.split()) or not (turn := upright_turn(image)):
        return text, 0
    from PIL import Image

    with Image.open(image) as im:
        turned = image.with_name(f"upright-{image.name}")
        im.rotate(-turn, expand=True).save(turned)
    again = ocr_image(turned, lang)
    return (again, turn) if not reads_poorly(again.split()) else (text, 0)


STAMP_WORDS = ("den", "chuyen")  # 'ĐẾN', 'Chuyển:' (accents folded): the words of a received stamp
STAMP_FIELDS = ("so", "ngay", "chuyen", "cong van")
NOISE_CONF = 50.0  # a line Tesseract reads with less mean confidence than this and no word is noise
MIN_INK_REGION = 0.3  # inches: coloured ink smaller than this is a pen stroke, not a stamp or seal


def _bare(word: str) -> str:
    return strip_accents(fold(word)).strip(".,:;()")


def ocr_pdf_page_words(page, lang: str = "vie", prepare=None) -> tuple[list[Word], object]:
    """Render a pypdfium2 page at render_dpi() and OCR it: its words and its colour image. A page whose
    images declare more pixels than a page may hold is not rendered (TooManyPixels): pdfium would
    decode them whole. `prepare(grey)`: the grey image as Tesseract is to read it (a table's rules
    erased, so the text inside its cells is read as lines)."""
    declared = _image_pixels(page)
    if declared > max_pixels():
        raise TooManyPixels(f"{TooManyPixels.PREFIX} {declared} pixels (limit 'page_area')")
    with tempfile.TemporaryDirectory() as tmp:
        img = Path(tmp) / "page.png"
        rgb = page.render(scale=render_dpi(page.get_width(), page.get_height()) / 72).to_pil().convert("RGB")
        grey = rgb.convert("L")
        (prepare(grey) if prepare is not None else grey).save(img)
        return ocr_words(img, lang), rgb


def _image_pixels(page) -> int:
    """Pixels the page's images declare (their headers only; nothing is decoded)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    total = 0
    w, h = ctypes.c_uint(), ctypes.c_uint()
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        if pdfium_c.FPDFImageObj_GetImagePixelSize(obj.raw, ctypes.byref(w), ctypes.byref(h)):
            total += w.value * h.value
            if total > max_pixels():
                break
    return total


def layout_words(words: list[Word], rgb, first_page: bool,
                 apart: Optional[list[tuple[int, int, int, int]]] = None, dpi: float = RENDER_DPI) -> OcrPage:
    """The lines of an OCR'd page from its words (and its colour image rendered at `dpi`, for coloured
    ink). Words in the `apart` boxes (pixels: the page's ruled tables, read cell by cell) are kept in
    `words` only."""
    width, height = rgb.size
    dropped: list[str] = []
    regions = _ink_regions(rgb, dpi)
    stamp = [r for r in regions if r[1] < height * HEADING_ZONE and r[2] - r[0] < width / 2
             and _is_stamp([w for w in words if _inside(w.box, r)])]
    if not stamp:
        stamp = _grey_stamp(words, height, dpi)
    if stamp:
        dropped.append("a received stamp")
    kept = [w for w in words if not any(_inside(w.box, r) for r in stamp)]
    seals = [r for r in regions if r not in stamp]
    if seals:
        inked = [w for w in kept if any(_inside(w.box, r) for r in seals) and _coloured(rgb, w.box)]
        if inked:
            dropped.append("words in coloured ink (a seal)")
            kept = [w for w in kept if w not in inked]
    by_line: dict[tuple[int, int, int], list[Word]] = {}
    for w in kept:
        if not any(_inside(w.box, r) for r in apart or []):
            by_line.setdefault(w.line, []).append(w)
    noise = [k for k, ws in by_line.items() if _noise(ws)]
    if noise:
        dropped.append("noise lines")
    for k in noise:
        del by_line[k]
    lines: list[tuple[str, Optional[list[str]]]] = []
    tops: list[float] = []
    in_heading: set[int] = set()
    if first_page:
        scale = 72 / dpi  # layout.py works in points
        top = [w for ws in by_line.values() for w in ws if w.box[1] < height * HEADING_ZONE]
        runs = [Run(w.text, w.box[0] * scale, w.box[1] * scale, w.box[2] * scale, w.box[3] * scale) for w in top]
        word_of = {id(r): w for r, w in zip(runs, top)}
        vlines = visual_lines(runs)
        rows, n = heading_rows(vlines, width * scale, height * scale)
        for left, right in rows:
            cells = [runs_text(left), runs_text(right)]
            lines.append((" | ".join(cells), cells))
            tops.append(min(r.y0 for r in left + right) / scale)
        in_heading = {id(word_of[id(r)]) for line in vlines[:n] for r in line}
    sign = _signature_rows(by_line, in_heading, dpi)
    in_sign = {id(w) for _, _, ws in sign for w in ws}
    emitted = False
    for ws in by_line.values():
        rest = [w for w in ws if id(w) not in in_heading and id(w) not in in_sign]
        if rest:
            lines.append((" ".join(w.text for w in rest), None))
            tops.append(min(w.box[1] for w in rest))
        if sign and not emitted and any(id(w) in in_sign for w in ws):
            lines += [(" | ".join(cells), cells) for _, cells, _ in sign]  # where the block begins
            tops += [y / (72 / dpi) for y, _, _ in sign]
            emitted = True
    return OcrPage(lines=lines, dropped=dropped, tops=tops, words=kept)


def _signature_rows(by_line: dict, skip: set[int], dpi: float = RENDER_DPI) -> list[tuple[float, list[str], list[Word]]]:
    """'Nơi nhận:' and its list beside the signature (title, name) as rows [left, right]: Tesseract
    runs the two columns together line by line. From the line that opens with 'Nơi nhận' down."""
    words = [w for ws in by_line.values() for w in ws if id(w) not in skip]
    start = next((w for w in words if _bare(w.text) == "noi" and any(
        _bare(x.text).startswith("nhan") for x in words if x.line == w.line)), None)
    if start is None:  # its heading lost under a seal: the list's dashes up from '- Lưu: ...'
        lines = [[w for w in ws if id(w) not in skip] for ws in by_line.values()]
        lines = [ws for ws in lines if ws]
        last = next((k for k in range(len(lines) - 1, -1, -1) if len(lines[k]) > 1 and lines[k][0].text in "-–"
                     and _bare(lines[k][1].text).startswith("luu")), None)
        if last is None:
            return []
        k = last
        while k > 0 and lines[k - 1][0].text[:1] in "-–":
            k -= 1
        if k == last:
            return []
        start = lines[k][0]
    scale = 72 / dpi
    below = [w for w in words if w.box[3] > start.box[1] + (start.box[3] - start.box[1]) / 2]
    runs = [Run(w.text, w.box[0] * scale, w.box[1] * scale, w.box[2] * scale, w.box[3] * scale) for w in below]
    word_of = {id(r): w for r, w in zip(runs, below)}
    rows = column_rows(visual_lines(runs))
    return [(left[0].y0 if left else right[0].y0, [runs_text(left), runs_text(right)],
             [word_of[id(r)] for r in left + right]) for left, right in rows]


def _inside(box: tuple[int, int, int, int], region: tuple[int, int, int, int]) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return region[0] <= cx <= region[2] and region[1] <= cy <= region[3]


def _is_stamp(words: list[Word]) -> bool:
    bare = [_bare(w.text) for w in words]
    text = " ".join(bare)
    return any(b in STAMP_WORDS for b in bare) and sum(1 for f in STAMP_FIELDS if re.search(rf"\b{f}\b", text)) >= 1 \
        or "cong van den" in text


def _grey_stamp(words: list[Word], height: int, dpi: float = RENDER_DPI) -> list[tuple[int, int, int, int]]:
    """On a scan without colour: the Tesseract blocks in the heading zone that hold a stamp's words,
    grown by the blocks that touch them."""
    blocks: dict[int, list[Word]] = {}
    for w in words:
        blocks.setdefault(w.line[0], []).append(w)
    boxes = {b: (min(w.box[0] for w in ws), min(w.box[1] for w in ws), max(w.box[2] for w in ws), max(w.box[3] for w in ws))
             for b, ws in blocks.items()}
    found = [boxes[b] for b, ws in blocks.items() if boxes[b][1] < height * HEADING_ZONE and len(ws) <= 12 and _is_stamp(ws)]
    near = dpi // 8  # an eighth of an inch
    grown = []
    for r in found:
        x0, y0, x1, y1 = r
        for b in boxes.values():
            if b[0] < x1 + near and b[2] > x0 - near and b[1] < y1 + near and b[3] > y0 - near and b[3] - b[1] < dpi:
                x0, y0, x1, y1 = min(x0, b[0]), min(y0, b[1]), max(x1, b[2]), max(y1, b[3])
        grown.append((x0, y0, x1, y1))
    return grown


MASK_BAND_ROWS = 256  # rows of the page looked at at once: a 300 dpi page's colour test in a few MB, not 200


def _coloured_mask(rgb, step: int):
    """Which step x step blocks of the page hold coloured ink (a red or blue pixel), band by band."""
    import numpy as np

    page = np.asarray(rgb)
    h, w = page.shape[0] // step * step, page.shape[1] // step * step
    band = max(step, MASK_BAND_ROWS // step * step)
    out = np.zeros((h // step, w // step), dtype=bool)
    for top in range(0, h, band):
        a = page[top:min(top + band, h), :w].astype(np.int16)
        r, g, b = a[..., 0], a[..., 1], a[..., 2]
        mask = ((r - np.maximum(g, b) > 60) & (r > 120)) | ((b - np.maximum(r, g) > 40) & (b > 100))
        rows = mask.shape[0]
        out[top // step:(top + rows) // step] = mask.reshape(rows // step, step, w // step, step).any(axis=(1, 3))  # thin strokes kept
    return out


def _ink_regions(rgb, dpi: float = RENDER_DPI) -> list[tuple[int, int, int, int]]:
    """Boxes of the page's clusters of coloured (red, blue, violet) ink, in pixels."""
    step = 8
    mask = _coloured_mask(rgb, step)
    if not mask.any():
        return []
    h, w = mask.shape
    seen = bytearray(h * w)
    regions = []
    flat = mask.ravel().tolist()
    for start in range(h * w):
        if not flat[start] or seen[start]:
            continue
        stack = [start]
        seen[start] = 1
        y0, x0, y1, x1 = h, w, 0, 0
        while stack:
            k = stack.pop()
            y, x = divmod(k, w)
            y0, x0, y1, x1 = min(y0, y), min(x0, x), max(y1, y), max(x1, x)
            for dy in (-2, -1, 0, 1, 2):  # gaps of a cell or two between strokes belong to one cluster
                for dx in (-2, -1, 0, 1, 2):
                    yy, xx = y + dy, x + dx
                    if 0 <= yy < h and 0 <= xx < w:
                        j = yy * w + xx
                        if flat[j] and not seen[j]:
                            seen[j] = 1
                            stack.append(j)
        if min(y1 - y0, x1 - x0) * step >= MIN_INK_REGION * dpi:
            regions.append((x0 * step, y0 * step, (x1 + 1) * step, (y1 + 1) * step))
    return regions


def _coloured(rgb, box: tuple[int, int, int, int]) -> bool:
    """Is the word printed in coloured ink: most of its dark pixels coloured?"""
    import numpy as np

    a = np.asarray(rgb.crop(box), dtype=np.int16)
    if a.size == 0:
        return False
    ink = a.min(axis=2) < 160
    r, g, b = a[..., 0], a[..., 1], a[..., 2]
    col = ((r - np.maximum(g, b) > 60) | (b - np.maximum(r, g) > 40)) & ink
    return int(ink.sum()) > 0 and col.sum() / ink.sum() > 0.5


def _noise(words: list[Word]) -> bool:
    """A line Tesseract was unsure of that holds no word of two letters or more (dotted leaders,
    specks, a stroke read as '999000090001000000020gg')."""
    mean = sum(w.conf for w in words) / len(words)
    if mean >= NOISE_CONF:
        return False
    from .text_layer import is_vietnamese_word
    return not any(is_vietnamese_word(w.text) for w in words)


def read_image(path: str | Path) -> Document:
    """An image read by OCR. Its header is read first: an image declaring more pixels than a page may
    have (limit 'page_area' at RENDER_DPI: a decompression bomb) is refused before anything is
    decoded, and the pages of a multi-page TIFF count against the limits 'pages' and 'ocr_pages'."""
    path = str(path)
    if tesseract() is None:
        raise NoText(path, "an image; install tesseract-ocr and tesseract-ocr-vie to read scans")
    frames = _image_frames(path)
    warnings = ["read by OCR (tesseract -l vie)"]
    keep = min(frames, limits.current().ocr_pages)
    if keep < frames:
        warnings.append(f"pages {keep + 1}-{frames} left out: over the limit 'ocr_pages' ({keep})")
    try:
        read = _ocr_frames(path, keep)
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        raise CorruptFile(path, f"OCR failed: {e}") from e
    texts = [t for t, _ in read]
    if turned := [k for k, (_, turn) in enumerate(read, 1) if turn]:
        warnings.append(turned_warning(turned))
    if not any(t.strip() for t in texts):
        raise NoText(path, "OCR found no text")
    lines = []
    for page, text in enumerate(texts, 1):
        lines += [Line(text=t.strip(), start=0, end=len(t), lineno=len(lines) + k + 1, page=page, blank=not t.strip())
                  for k, t in enumerate(text.split("\n"))]
    return Document(source=path, format="pdf", pages=len(texts), blocks=lines_to_blocks(lines), warnings=warnings,
                    ocr_pages=list(range(1, len(texts) + 1)))


def _image_frames(path: str) -> int:
    """How many pages (frames) the image has, each checked from its header against max_pixels()."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as im:  # reads the header only
            frames = getattr(im, "n_frames", 1) or 1
            if frames > limits.current().pages:
                raise TooManyPages(path, f"{frames} pages, limit {limits.current().pages}")
            for k in range(frames):
                if k:
                    im.seek(k)
                w, h = im.size
                if w * h > max_pixels():
                    raise PageTooLarge(path, f"page {k + 1} declares {w} x {h} pixels, limit {max_pixels()}")
    except (UnidentifiedImageError, OSError, EOFError, ValueError, SyntaxError) as e:
        raise CorruptFile(path, f"not a readable image ({type(e).__name__})") from e
    except Image.DecompressionBombError as e:  # PIL's own check, which comes first for the largest
        declared = re.search(r"\((\d+) pixels\)", str(e))
        raise PageTooLarge(path, f"declares {declared.group(1) if declared else 'too many'} pixels (a decompression "
                                 f"bomb), limit {max_pixels()}") from e
    return frames


def _ocr_frames(path: str, n: int) -> list[tuple[str, int]]:
    """The first n pages of an image, each OCR'd on its own, upright (its text, and the turn that made it so)."""
    from PIL import Image

    texts = []
    with Image.open(path) as im, tempfile.TemporaryDirectory() as tmp:
        for k in range(n):
            im.seek(k)
            img = Path(tmp) / f"page-{k + 1}.png"
            im.convert("RGB").save(img)
            texts.append(_ocr_upright(img, "vie"))
    return texts
