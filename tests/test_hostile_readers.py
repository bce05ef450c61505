"""Hostile inputs for the DOCX and text/Markdown readers, made by code: each is read as odd but
readable, or refused with its own E-code before the work it declares is done."""
import os
import subprocess
import sys
import threading
import tracemalloc
import unicodedata
import zipfile

import pytest

from conftest import ROOT
from planparse import errors, limits
from planparse.readers import docx as docx_reader
from planparse.readers import read_document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_NUMBERING = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"


def _content_types() -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="svg" ContentType="image/svg+xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{CT_MAIN}"/>'
            f'<Override PartName="/word/numbering.xml" ContentType="{CT_NUMBERING}"/></Types>')


def _body(paragraphs: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>{paragraphs}</w:body></w:document>'


def _numbering(levels: str, overrides: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">'
            f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>'
            f'<w:num w:numId="1"><w:abstractNumId w:val="0"/>{overrides}</w:num></w:numbering>')


def _numbered(text: str, ilvl: str = "0") -> str:
    return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            f'<w:r><w:t>{text}</w:t></w:r></w:p>')


def _docx(path, body: str, numbering: str | None = None, parts: dict | None = None):
    """A minimal package python-docx opens: content types, relationships, the body, optional numbering."""
    members = {
        "[Content_Types].xml": _content_types(),
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/_rels/document.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                        + (f'<Relationship Id="rId1" Type="{REL}/numbering" Target="numbering.xml"/>' if numbering else "")
                                        + "</Relationships>",
        "word/document.xml": body,
    }
    if numbering is not None:
        members["word/numbering.xml"] = numbering
    members.update(parts or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _table(cell_props: str) -> str:
    return (f'<w:tbl><w:tr><w:tc><w:tcPr>{cell_props}</w:tcPr><w:p><w:r><w:t>Nội dung</w:t></w:r></w:p></w:tc>'
            '<w:tc><w:p><w:r><w:t>Thời gian</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')


@pytest.fixture
def budget():
    """Set limits for one test (NAME=VALUE, ...), restored after it."""
    before = limits.current()

    def setting(*specs: str) -> None:
        limits.set_limits(limits.parse_overrides(list(specs)))

    yield setting
    limits.set_limits(before)


def _refused(path, error: type[errors.PlanParseError]) -> errors.PlanParseError:
    with pytest.raises(error) as info:
        read_document(path)
    message = str(info.value)
    assert message.startswith(f"{path}: {error.code} ") and "\n" not in message
    return info.value


# ----------------------------------------------------------------------------- DOCX attributes
def test_a_gridspan_that_is_not_a_number_is_read_as_one_with_a_warning(tmp_path):
    doc = read_document(_docx(tmp_path / "abc.docx", _body(_table('<w:gridSpan w:val="abc"/>'))))
    (row,) = doc.blocks
    assert [c.text for c in row.cells] == ["Nội dung", "Thời gian"] and [c.span for c in row.cells] == [1, 1]
    assert any("w:gridSpan='abc'" in w for w in doc.warnings)


@pytest.mark.parametrize("value", ["-3", "0", "1.5", "", "٣"])
def test_a_gridspan_that_is_negative_zero_or_odd_is_read_as_one(tmp_path, value):
    doc = read_document(_docx(tmp_path / "odd.docx", _body(_table(f'<w:gridSpan w:val="{value}"/>'))))
    assert [c.span for c in doc.blocks[0].cells] == [1, 1] and doc.warnings


def test_numbering_with_an_ilvl_of_x_a_start_of_minus_five_and_values_missing_is_read(tmp_path):
    levels = ('<w:lvl w:ilvl="x"><w:start w:val="-5"/><w:numFmt/><w:lvlText w:val="%1."/></w:lvl>'
              '<w:lvl w:ilvl="1"><w:start/><w:numFmt w:val="lowerLetter"/><w:lvlText/></w:lvl>'
              '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="no-such-format"/><w:lvlText w:val="%3)"/></w:lvl>')
    overrides = '<w:lvlOverride w:ilvl="?"><w:startOverride/></w:lvlOverride>'
    body = _body(_numbered("Mục tiêu") + _numbered("Nhiệm vụ", ilvl="y") + _numbered("Phụ", ilvl="1")
                 + _numbered("Ba", ilvl="2") + _numbered("Âm", ilvl="-1"))
    doc = read_document(_docx(tmp_path / "numbering.docx", body, _numbering(levels, overrides)))
    assert [b.text for b in doc.blocks] == ["1. Mục tiêu", "2. Nhiệm vụ", "Phụ", "1) Ba", "3. Âm"]
    assert any("w:ilvl" in w for w in doc.warnings) and any("w:start=" in w for w in doc.warnings)


def test_an_ilvl_of_a_paragraph_that_is_not_a_number_is_level_zero(tmp_path):
    levels = '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
    doc = read_document(_docx(tmp_path / "ilvl.docx", _body(_numbered("Mục tiêu", ilvl="x")), _numbering(levels)))
    assert doc.blocks[0].text == "I. Mục tiêu" and any("w:ilvl='x'" in w for w in doc.warnings)


def test_a_gridspan_of_thirty_million_is_refused_without_allocating(tmp_path):
    path = _docx(tmp_path / "span.docx", _body(_table('<w:gridSpan w:val="30000000"/>')))
    assert path.stat().st_size < 2000
    tracemalloc.start()
    try:
        error = _refused(path, errors.DeclaredSizeTooLarge)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert error.code == "E113" and "gridSpan=30000000" in str(error)
    assert peak < 50 * 1024 * 1024


def test_a_declared_span_within_the_limit_is_kept(tmp_path, budget):
    budget("declared_span=4")
    doc = read_document(_docx(tmp_path / "four.docx", _body(_table('<w:gridSpan w:val="4"/>'))))
    assert [c.span for c in doc.blocks[0].cells] == [4, 0, 0, 0, 1]
    _refused(_docx(tmp_path / "five.docx", _body(_table('<w:gridSpan w:val="5"/>'))), errors.DeclaredSizeTooLarge)


@pytest.mark.parametrize("where", ["start", "startOverride"])
def test_a_list_numbered_from_two_billion_is_refused(tmp_path, where):
    start = "2000000000" if where == "start" else "1"
    levels = f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
    overrides = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="2000000000"/></w:lvlOverride>' if where != "start" else ""
    path = _docx(tmp_path / f"{where}.docx", _body(_numbered("Mục tiêu")), _numbering(levels, overrides))
    error = _refused(path, errors.DeclaredSizeTooLarge)
    assert f"w:{where}=2000000000" in str(error)


def test_a_list_label_of_a_huge_number_is_drawn_at_once():
    assert docx_reader._fmt(2_000_000_000, "upperRoman") == "2000000000"
    assert docx_reader._fmt(3999, "upperRoman") == "MMMCMXCIX"
    assert len(docx_reader._fmt(10 ** 30, "lowerLetter")) < 25
    assert docx_reader._fmt(28, "lowerLetter") == "ab"


# -------------------------------------------------------------------- DOCTYPE / ENTITY anywhere
DOCTYPE = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'


@pytest.mark.parametrize("member", ["word/numbering.xml", "word/styles.xml", "word/header1.xml", "[Content_Types].xml",
                                    "_rels/.rels", "word/_rels/document.xml.rels", "docProps/core.xml"])
def test_a_doctype_in_any_part_of_the_package_is_refused(tmp_path, member):
    plain = _docx(tmp_path / "plain.docx", _body(_numbered("x")), _numbering(""))
    with zipfile.ZipFile(plain) as z:
        original = z.read(member).decode() if member in z.namelist() else f'<?xml version="1.0"?><w:hdr xmlns:w="{W_NS}"/>'
    hostile = original.replace("?>", "?>" + DOCTYPE, 1)
    path = _docx(tmp_path / "doctype.docx", _body(_numbered("x")), _numbering(""), {member: hostile})
    assert member in str(_refused(path, errors.CorruptFile))


def test_a_doctype_after_the_first_4_kb_of_the_document_is_refused(tmp_path):
    padding = "<!--" + "đệm " * 5000 + "-->"
    body = _body("").replace("?>", "?>" + padding + DOCTYPE, 1)
    _refused(_docx(tmp_path / "late.docx", body), errors.CorruptFile)


@pytest.mark.parametrize("cut", range(1, 9))
def test_a_doctype_across_a_chunk_boundary_is_refused(tmp_path, monkeypatch, cut):
    monkeypatch.setattr(docx_reader, "_CHUNK", 64)
    head = '<?xml version="1.0"?>'
    body = head + " " * (128 - len(head) - cut) + DOCTYPE + f'<w:document xmlns:w="{W_NS}"><w:body/></w:document>'
    assert body.index("<!DOCTYPE") < 128 < body.index("<!DOCTYPE") + 9
    _refused(_docx(tmp_path / "boundary.docx", body), errors.CorruptFile)


def test_a_doctype_in_a_utf16_part_is_refused(tmp_path):
    styles = ('<?xml version="1.0" encoding="UTF-16"?>' + DOCTYPE + f'<w:styles xmlns:w="{W_NS}"/>').encode("utf-16")
    _refused(_docx(tmp_path / "utf16.docx", _body(""), parts={"word/styles.xml": styles}), errors.CorruptFile)


@pytest.mark.parametrize("data", [('<?xml version="1.0" encoding="UTF-7"?>+ADw-!DOCTYPE x+AD4-<x/>').encode(),
                                  "<?xml version='1.0'?><x/>".encode("utf-32"), "<?xml version='1.0'?><x/>".encode("cp500")])
def test_an_xml_part_in_an_encoding_that_would_hide_a_doctype_is_refused(tmp_path, data):
    _refused(_docx(tmp_path / "encoding.docx", _body(""), parts={"word/settings.xml": data}), errors.CorruptFile)


def test_an_svg_image_with_a_doctype_is_not_a_reason_to_refuse(tmp_path):
    svg = '<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg/>'
    doc = read_document(_docx(tmp_path / "logo.docx", _body('<w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>'),
                              parts={"word/media/image1.svg": svg}))
    assert [b.text for b in doc.blocks] == ["KẾ HOẠCH"]


def test_a_large_part_is_scanned_in_chunks_not_read_whole(tmp_path):
    item = '<?xml version="1.0"?><x>' + "a" * (15 * 1024 * 1024) + "</x>"
    path = _docx(tmp_path / "big-part.docx", _body('<w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>'),
                 parts={"customXml/item1.xml": item})
    del item
    tracemalloc.start()
    try:
        docx_reader._check_zip(str(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024


def test_the_uncompressed_size_of_a_package_is_limited_by_xml_bytes(tmp_path, budget):
    path = _docx(tmp_path / "small.docx", _body('<w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>'))
    assert read_document(path).blocks
    budget("xml_bytes=500")
    assert "xml_bytes=500" in str(_refused(path, errors.TooLarge))


def test_a_damaged_member_is_corrupt_not_a_traceback(tmp_path):
    path = _docx(tmp_path / "crc.docx", _body('<w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>'))
    data = bytearray(path.read_bytes())
    at = data.index(b"word/document.xml") + len("word/document.xml") + 5  # inside the deflated body
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))
    _refused(path, errors.CorruptFile)


# --------------------------------------------------------------- paragraphs: count and length
def test_a_twelve_megabyte_paragraph_is_too_long_not_corrupt(tmp_path):
    body = _body('<w:p><w:r><w:t>' + "a" * (12 * 1024 * 1024) + "</w:t></w:r></w:p>")
    error = _refused(_docx(tmp_path / "long.docx", body), errors.LineTooLong)
    assert error.code == "E115" and "line_chars" in str(error)


def test_a_paragraph_of_many_runs_over_line_chars_is_too_long(tmp_path, budget):
    budget("line_chars=1000")
    body = _body("<w:p>" + "<w:r><w:t>mười chữ. </w:t></w:r>" * 120 + "</w:p>")
    _refused(_docx(tmp_path / "runs.docx", body), errors.LineTooLong)


def test_a_docx_of_a_quarter_million_bullets_fails_fast_with_too_many_lines(tmp_path):
    body = _body("<w:p><w:r><w:t>-</w:t></w:r></w:p>" * 250_000)
    path = _docx(tmp_path / "bullets.docx", body)
    del body
    tracemalloc.start()
    try:
        error = _refused(path, errors.TooManyLines)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert error.code == "E114" and "limit lines=200000" in str(error)
    assert peak < 20 * 1024 * 1024  # no python-docx tree, no blocks


def test_paragraphs_in_table_cells_count_towards_the_lines_limit(tmp_path, budget):
    budget("lines=10")
    cells = "".join("<w:tc><w:p><w:r><w:t>ô</w:t></w:r></w:p></w:tc>" for _ in range(11))
    _refused(_docx(tmp_path / "cells.docx", _body(f"<w:tbl><w:tr>{cells}</w:tr></w:tbl>")), errors.TooManyLines)


# ------------------------------------------------------------------------- text and Markdown
def test_a_three_gigabyte_sparse_text_is_refused_before_reading(tmp_path):
    path = tmp_path / "sparse.txt"
    with open(path, "wb") as f:
        f.truncate(3 * 1024 ** 3)
    error = _refused(path, errors.FileTooBig)
    assert error.code == "E112" and "3221225472 bytes" in str(error)


@pytest.mark.parametrize("name", ["big.txt", "big.md"])
def test_a_text_over_file_bytes_is_refused(tmp_path, budget, name):
    path = tmp_path / name
    path.write_text("KẾ HOẠCH\n" * 200, encoding="utf-8")
    budget("file_bytes=1000")
    _refused(path, errors.FileTooBig)


def test_a_file_that_lies_about_its_size_is_read_no_further_than_the_limit():
    from planparse.readers.files import read_limited

    path = "/proc/self/status"  # a regular file that says it has 0 bytes
    if not os.path.isfile(path) or os.stat(path).st_size != 0:
        pytest.skip("no /proc")
    with pytest.raises(errors.FileTooBig, match="more than 10 bytes"):
        read_limited(path, limit=10)


def test_a_text_of_more_lines_than_the_limit_is_refused(tmp_path):
    path = tmp_path / "bullets.txt"
    path.write_bytes(b"- x\n" * 200_001)
    assert "limit lines=200000" in str(_refused(path, errors.TooManyLines))


def test_a_line_over_line_chars_in_a_text_is_refused(tmp_path, budget):
    budget("line_chars=100")
    path = tmp_path / "long.md"
    path.write_text("# KẾ HOẠCH\n\n" + "chữ " * 30 + "\n", encoding="utf-8")
    assert "line 3 has 120 characters" in str(_refused(path, errors.LineTooLong))


@pytest.mark.parametrize("name", ["plan.txt", "plan.docx", "plan.pdf", "plan.md"])
def test_a_fifo_named_like_a_plan_is_refused_without_opening_it(tmp_path, name):
    path = tmp_path / name
    os.mkfifo(path)
    outcome: list[BaseException] = []
    reader = threading.Thread(target=lambda: outcome.append(pytest.raises(errors.NotARegularFile, read_document, path).value),
                              daemon=True)
    reader.start()
    reader.join(20)
    if reader.is_alive():  # unblock the reader before failing
        with open(path, "wb"):
            pass
        pytest.fail("read_document opened the FIFO and blocked")
    assert outcome and outcome[0].code == "E116" and "FIFO" in str(outcome[0])


def test_a_device_is_not_a_regular_file():
    with pytest.raises(errors.NotARegularFile, match="character device"):
        read_document("/dev/null")


def test_a_symbolic_link_to_a_regular_file_is_read(tmp_path):
    target = tmp_path / "plan.txt"
    target.write_text("KẾ HOẠCH\nTriển khai thực hiện\n", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(target)
    assert read_document(tmp_path / "link.txt").blocks == read_document(target).blocks


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows wrote it: a letter with its circumflex, breve or horn whole
    (â ê ô ă ơ ư), its tone mark after it as a combining character."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and out:
            out[-1] += ch
        else:
            out.append(ch)
    encoded = []
    for cluster in out:
        shape = "".join(c for c in cluster[1:] if c in "\u0302\u0306\u031b")
        tones = "".join(c for c in cluster[1:] if c not in "\u0302\u0306\u031b")
        encoded.append(unicodedata.normalize("NFC", cluster[0] + shape) + tones)
    return "".join(encoded).encode("cp1258")


MIXED_PLAN = ["ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP", "KẾ HOẠCH", "Triển khai công tác chuyển đổi số năm 2025",
              "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "Nâng cao hiệu quả quản lý nhà nước trên địa bàn tỉnh.",
              "2. Yêu cầu", "Các sở, ban, ngành tổ chức thực hiện đúng tiến độ."]


def test_one_windows_1258_line_in_a_utf8_plan_leaves_the_utf8_lines_unchanged(tmp_path):
    legacy = 5  # "Nâng cao hiệu quả ..." pasted from a Windows-1258 document
    data = b"\n".join(_cp1258(ln) if k == legacy else ln.encode("utf-8") for k, ln in enumerate(MIXED_PLAN)) + b"\n"
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    doc = read_document(path)
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text("\n".join(MIXED_PLAN) + "\n", encoding="utf-8")
    assert [b.text for b in doc.blocks] == [b.text for b in read_document(utf8).blocks]
    assert all(any(ln in b.text for b in doc.blocks) for ln in MIXED_PLAN)
    assert doc.warnings == ["1 line decoded as cp1258, the rest as UTF-8"]


def test_a_cp1252_line_in_a_utf8_markdown_is_decoded_alone(tmp_path):
    path = tmp_path / "mixed.md"
    path.write_bytes("# KẾ HOẠCH\n\nTriển khai thực hiện.\n\n".encode() + "Café résumé.\n".encode("cp1252"))
    doc = read_document(path)
    assert [b.text for b in doc.blocks] == ["KẾ HOẠCH", "Triển khai thực hiện.", "Café résumé."]
    assert doc.warnings == ["1 line decoded as cp1258, the rest as UTF-8"]


def test_a_text_all_in_windows_1258_is_decoded_as_before(tmp_path):
    from planparse.readers.text import text_file_document
    from planparse.text import nfc

    data = _cp1258("\n".join(MIXED_PLAN) + "\n")
    path = tmp_path / "legacy.txt"
    path.write_bytes(data)
    doc = read_document(path)
    assert doc == text_file_document(nfc(data.decode("cp1258")), str(path))  # the whole file, as before: no warning
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text("\n".join(MIXED_PLAN) + "\n", encoding="utf-8")
    assert [b.text for b in doc.blocks] == [b.text for b in read_document(utf8).blocks]


def test_a_plain_text_is_decoded_once(tmp_path, monkeypatch):
    from planparse.readers import text

    calls = []
    real = text.decode
    monkeypatch.setattr(text, "decode", lambda data, path: calls.append(path) or real(data, path))
    path = tmp_path / "plan.txt"
    path.write_text("KẾ HOẠCH\nTriển khai thực hiện\n", encoding="utf-8")
    read_document(path)
    assert len(calls) == 1


# ---------------------------------------------------------------------- through the real CLI
def _extract(path, out):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "planparse.cli", "extract", str(path), "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


@pytest.mark.parametrize("name, make, code", [
    ("span.docx", lambda p: _docx(p, _body(_table('<w:gridSpan w:val="30000000"/>'))), "E113"),
    ("start.docx", lambda p: _docx(p, _body(_numbered("x")), _numbering(
        '<w:lvl w:ilvl="0"><w:start w:val="2000000000"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%1."/></w:lvl>')), "E113"),
    ("numbering-doctype.docx", lambda p: _docx(p, _body(_numbered("x")), _numbering("").replace("?>", "?>" + DOCTYPE, 1)), "E105"),
    ("bullets.docx", lambda p: _docx(p, _body("<w:p><w:r><w:t>-</w:t></w:r></w:p>" * 200_001)), "E114"),
    ("pipe.txt", lambda p: os.mkfifo(p), "E116"),
])
def test_the_cli_refuses_a_hostile_file_in_one_line(tmp_path, name, make, code):
    path = tmp_path / name
    make(path)
    out = tmp_path / "out"
    r = _extract(path, out)
    assert r.returncode != 0 and "Traceback" not in r.stderr, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and code in lines[0], r.stderr
    assert not out.exists() or not any(out.iterdir())
