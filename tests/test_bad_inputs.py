"""A corpus of bad inputs, made by code: each gets a clear record, the rest of the batch completes,
nothing is written for it, and nothing outside the output folder is touched."""
import json
import os
import sqlite3
import subprocess
import sys
import zipfile

import pytest

from conftest import CORPUS, ROOT
from test_schema_and_cli import encrypted_pdf_bytes


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows wrote it: â ê ô ă ơ ư đ whole, tone marks combining."""
    import unicodedata

    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if ch in "\u0302\u0306\u031b" and out:
            out[-1] = unicodedata.normalize("NFC", out[-1] + ch)
        else:
            out.append(ch)
    return "".join(out).encode("cp1258", errors="replace")


def _docx_with(member: str, data: bytes, path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(member, data)


def make_bad_corpus(folder) -> dict[str, str]:
    """name -> what its record must say (an error code, or 'ok' for inputs that are odd but readable)."""
    folder.mkdir(parents=True, exist_ok=True)
    pdf = (CORPUS / "pdf" / "000_db1299a2e6faf1e1.pdf").read_bytes()
    seed = (CORPUS / "seeds" / "003_49d7825a55f0067e.txt").read_text(encoding="utf-8")
    cases: dict[str, tuple[bytes, str]] = {
        "truncated.pdf": (pdf[: len(pdf) // 3], "E105"),
        "corrupt.pdf": (pdf[:2000] + os.urandom(3000) + pdf[5000:9000], "E105"),
        "encrypted.pdf": (encrypted_pdf_bytes(), "E104"),
        "zero.pdf": (b"", "E102"),
        "zero.docx": (b"", "E102"),
        "zero.txt": (b"", "E102"),
        "garbage.pdf": (os.urandom(4096), "E105"),
        "garbage.docx": (os.urandom(4096), "E105"),
        "garbage.png": (os.urandom(4096), "E10"),
        "whitespace.txt": (b" \n\t\n  \n", "E102"),
        "html-saved-as.doc": (b"<html><body><p>K\xe1\xba\xbe HO\xe1\xba\xa0CH</p></body></html>", "E103"),
        "ole-encrypted.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048, "E104"),
        "decision.txt": ("ỦY BAN NHÂN DÂN TỈNH X\nQUYẾT ĐỊNH\nVề việc khen thưởng\nĐiều 1. Khen thưởng.\n".encode(), "E106"),
        "report.md": ("# BÁO CÁO\nKết quả năm 2025\n\n1. Đã thực hiện.\n".encode(), "E106"),
        "nul-bytes.txt": (b"\x00" * 500 + b"abc", "E105"),
        "one-line.txt": (("kế hoạch " * 20000).encode(), "E10"),
        # inputs on which a scan that backtracks or looks up offsets linearly runs out of its time budget
        "dotted-numbers.txt": (("1." * 30000).encode(), "E10"),
        "bare-pipe-rows.md": (("| a | b |\n" * 40000).encode(), "E10"),
        "utf16.txt": (seed.encode("utf-16"), "ok"),
        "windows-1258.txt": (_cp1258(seed), "ok"),
        "tcvn3.txt": (None, "ok"),
        "crlf.txt": (seed.replace("\n", "\r\n").encode("utf-8"), "ok"),
        "bom.txt": (b"\xef\xbb\xbf" + seed.encode("utf-8"), "ok"),
    }
    from planparse.repair.legacy import encode_tcvn3

    cases["tcvn3.txt"] = (encode_tcvn3(seed).encode("utf-8"), "ok")
    expect = {}
    for name, (data, code) in cases.items():
        (folder / name).write_bytes(data)
        expect[name] = code
    _docx_with("word/document.xml", b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
               b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><w:document>&lol2;</w:document>', folder / "entities.docx")
    expect["entities.docx"] = "E105"
    with zipfile.ZipFile(folder / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as f:
            block = b"\x00" * (1 << 20)
            for _ in range(260):
                f.write(block)
    expect["bomb.docx"] = "E108"
    _docx_with("hello.txt", b"hi", folder / "no-document.docx")
    expect["no-document.docx"] = "E105"
    os.symlink(folder / "loop.txt", folder / "loop.txt")
    expect["loop.txt"] = "E109"
    os.symlink("/etc/passwd", folder / "outside.txt")
    expect["outside.txt"] = "E109"
    expect["partial.txt"] = "ok"
    (folder / "partial.txt").write_text("KẾ HOẠCH\nChuyển đổi số năm 2024\n", encoding="utf-8")
    return expect


def test_bad_input_corpus_in_one_batch(tmp_path):
    bad = tmp_path / "in"
    expect = make_bad_corpus(bad)
    assert len(expect) >= 25
    good = CORPUS / "docx" / "003_49d7825a55f0067e.docx"
    (bad / good.name).write_bytes(good.read_bytes())
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "planparse.cli", "batch", str(bad), "--out", str(out), "-j", "2"],
                       capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    state = json.loads((out / "batch-state.json").read_text(encoding="utf-8"))["files"]
    by_name = {os.path.basename(k): v for k, v in state.items()}
    for line in r.stderr.splitlines():  # links are refused while collecting: only in the summary
        if ": collect: " in line:
            name = os.path.basename(line.split(": collect: ")[0].replace("failed: ", "").strip())
            by_name[name] = {"status": "failed", "reason": line.split(": collect: ")[1]}
    for name, code in expect.items():
        rec = by_name.get(name)
        assert rec is not None, name
        if code == "ok":
            assert rec["status"] in ("ok", "warnings"), (name, rec)
        else:
            status = "not_a_plan" if rec["reason"].startswith("E106") else "failed"  # a report is skipped, not failed
            assert rec["status"] == status and rec["reason"].startswith(code), (name, rec)
    assert by_name[good.name]["status"] in ("ok", "warnings")
    written = {p.name.split(".")[0] for p in (out / "json").iterdir()}
    assert written == {n.split(".")[0] for n, c in expect.items() if c == "ok"} | {good.name.split(".")[0]}
    db = sqlite3.connect(out / "plans.sqlite")
    assert db.execute("SELECT count(*) FROM failures").fetchone()[0] >= 15
    assert not list(out.rglob("*.tmp"))


@pytest.mark.slow
def test_ten_thousand_tiny_files(tmp_path):
    src = tmp_path / "tiny"
    src.mkdir()
    for i in range(10_000):
        (src / f"f{i:05d}.txt").write_text("x", encoding="utf-8")
    (src / "plan.txt").write_bytes((CORPUS / "seeds" / "000_db1299a2e6faf1e1.txt").read_bytes())
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "planparse.cli", "batch", str(src), "--out", str(out), "-j", "2"],
                       capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert r.returncode == 0  # files of one "x" are not plans: skipped, not failed
    assert r.stderr.splitlines()[0].startswith("10001 files: 0 ok, 1 with warnings") or "1 ok" in r.stderr.splitlines()[0]
    assert len((out / "plans.jsonl").read_text(encoding="utf-8").splitlines()) == 1


@pytest.mark.slow
def test_a_500_page_pdf_is_read(tmp_path):
    import pypdfium2 as pdfium

    from planparse.pipeline import extract_file

    src = pdfium.PdfDocument(str(CORPUS / "pdf" / "003_49d7825a55f0067e.pdf"))
    big = pdfium.PdfDocument.new()
    while len(big) < 500:
        big.import_pages(src, list(range(min(len(src), 500 - len(big)))))
    big.save(str(tmp_path / "big.pdf"))
    plan = extract_file(tmp_path / "big.pdf")
    assert plan.meta.doc_type == "Kế hoạch" and len(plan.tasks) > 40


def test_an_unreadable_file_gets_a_record_and_the_rest_completes(tmp_path, monkeypatch):
    """chmod 000 where that means something; as root (CI) the operating system's refusal is simulated
    at open(), since root reads any file."""
    import builtins

    from planparse.batch import run_batch

    src = tmp_path / "in"
    src.mkdir()
    good = src / "000_plan.txt"
    good.write_bytes((CORPUS / "seeds" / "000_db1299a2e6faf1e1.txt").read_bytes())
    locked = src / "locked.txt"
    locked.write_text("KẾ HOẠCH\n", encoding="utf-8")
    locked.chmod(0)
    if os.geteuid() == 0:
        real_open = builtins.open

        def refusing_open(file, *args, **kwargs):
            if str(file) == str(locked):
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", refusing_open)
    out = tmp_path / "out"
    records = {r.file: r for r in run_batch([str(src)], str(out), progress=False)}
    bad = records[str(locked)]
    assert bad.status == "failed" and bad.stage == "read" and "Permission denied" in bad.reason
    assert records[str(good)].status in ("ok", "warnings")
    assert len(list((out / "json").glob("*.json"))) == 1
    db = sqlite3.connect(out / "plans.sqlite")
    assert db.execute("SELECT reason FROM failures WHERE file = ?", (str(locked),)).fetchone()[0].startswith("E100")
