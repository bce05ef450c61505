"""The HTML pages without a browser: highlights come from the spans, text is escaped, pages are
self-contained, and the commands write them."""
import json
import re
import subprocess
import sys
from pathlib import Path

from planparse.html import render_comparison, render_index, render_review
from planparse.html.review import Mark, _segments, repaired_words
from planparse.models import Block, Deadline, Document, Plan, Span, Task, Unit, Meta

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SEED0 = CORPUS / "seeds" / "000_db1299a2e6faf1e1.txt"
SEED1 = CORPUS / "seeds" / "001_55bc0ea6d2f8eabe.txt"


def _cli(*args: str) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("planparse")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "planparse.cli"]
    return subprocess.run(cmd + list(args), capture_output=True, text=True, cwd=ROOT, timeout=300)


def _tiny() -> tuple[Plan, Document]:
    text = "1. Rà soát thủ tục <hành chính>; Văn phòng UBND chủ trì, hoàn thành trước 30/6/2024."
    doc = Document(source="t.txt", format="text", blocks=[Block(id="b0", kind="paragraph", text=text)])
    u, d = text.index("Văn phòng UBND"), text.index("trước 30/6/2024")
    unit = Unit(text="Văn phòng UBND", canonical="Văn phòng UBND", span=Span(block="b0", start=u, end=u + 14))
    dl = Deadline(kind="by", text="trước 30/6/2024", date="2024-06-30", span=Span(block="b0", start=d, end=d + 15))
    task = Task(ref="1", text=text[3:], lead=["Văn phòng UBND"], lead_units=[unit], deadline=dl,
                span=Span(block="b0", start=3, end=len(text)))
    return Plan(document="t.txt", meta=Meta(title="Kế hoạch thử"), tasks=[task], units=[unit]), doc


def _item_text(html: str, item: str) -> str:
    pieces = re.findall(r'<span class="hl[^"]*" data-items="[^"]*\b' + item + r'\b[^"]*"[^>]*>(.*?)</span>', html)
    return "".join(pieces)


def test_a_task_span_is_highlighted_with_its_units_and_deadline_inside():
    plan, doc = _tiny()
    html = render_review(plan, doc)
    import html as h
    assert h.unescape(_item_text(html, "task-0")) == doc.blocks[0].text[3:]
    assert 'class="hl k-task k-unit" data-items="task-0" data-rel="task-0"' not in html  # own wins over rel
    assert re.search(r'class="hl k-task k-unit" data-items="task-0">Văn phòng UBND</span>', html)
    assert re.search(r'class="hl k-deadline k-task" data-items="task-0">trước 30/6/2024</span>', html)


def test_text_is_escaped_and_the_page_needs_no_network():
    plan, doc = _tiny()
    html = render_review(plan, doc)
    assert "&lt;hành chính&gt;" in html and "<hành chính>" not in html
    assert '<meta charset="utf-8">' in html
    assert not re.search(r'<(?:link|img|script)[^>]+(?:src|href)=', html)
    assert "http://" not in html and "https://" not in html


def test_a_span_outside_its_block_is_ignored_and_the_row_marked():
    plan, doc = _tiny()
    plan.tasks[0].span = Span(block="b0", start=5, end=999)
    plan.tasks[0].lead_units = []
    plan.tasks[0].deadline = None
    html = render_review(plan, doc)
    assert "class=nosrc" in html and 'data-items="task-0"' not in html


def test_segments_split_at_every_boundary_of_overlapping_marks():
    text = "abcdefghij"
    marks = [Mark(0, 6, "task", own={"t"}), Mark(4, 9, "unit", rel={"t"})]
    out = _segments(text, 0, 10, marks)
    assert out == ('<span class="hl k-task" data-items="t">abcd</span>'
                   '<span class="hl k-task k-unit" data-items="t">ef</span>'
                   '<span class="hl k-unit" data-rel="t">ghi</span>j')


def test_repaired_words_carry_what_was_read():
    b = Block(id="b1", kind="paragraph", text="Thực hiện Kế hoạch số 433", original="Thij'c hin K hoach s 433")
    marks = repaired_words(b)
    shown = {b.text[m.start:m.end]: m.title for m in marks}
    assert shown["Thực hiện Kế hoạch số"] == "đã đọc: Thij'c hin K hoach s"
    assert repaired_words(Block(id="b2", kind="paragraph", text="sạch")) == []


def test_review_of_a_corpus_plan_highlights_every_task_that_has_a_span():
    from planparse.pipeline import document_to_plan, read_for_extraction
    doc = read_for_extraction(SEED0)
    plan = document_to_plan(doc)
    html = render_review(plan, doc)
    import html as h
    blocks = {b.id: b for b in doc.blocks}
    for i, t in enumerate(plan.tasks):
        want = blocks[t.span.block].text[t.span.start:t.span.end]
        assert h.unescape(_item_text(html, f"task-{i}")) == want, t.ref
    assert html.count("<tr data-item=") == len(plan.tasks) + len(plan.kpis)


def test_comparison_page_marks_weaker_targets_and_lists_missing_items():
    from planparse.compare import compare_plans, load_plan
    c = compare_plans(load_plan(SEED1), load_plan(SEED0))
    html = render_comparison(c)
    assert html.count('class="pair v-weaker') == c.summary["kpis_weaker"] >= 1
    assert html.count('<tr class="missing problem">') == len(c.kpis_missing) + len(c.tasks_not_covered)
    for k in c.kpis_missing:
        assert k.indicator in html
    # a pair's match score reads as a similarity, not as a target ("bằng 100")
    assert html.count("giống ") >= len(c.kpi_pairs) + len(c.task_pairs)
    assert not re.search(r"bằng <span[^>]*>\d", html)


def test_index_lists_plans_and_failures():
    html = render_index([{"file": "a.pdf", "review": "review/a.html", "status": "success", "n_tasks": 3, "n_kpis": 1}],
                        [{"file": "b.pdf", "stage": "read", "reason": "E103 not a PDF"}])
    assert '<a href="review/a.html">a.pdf</a>' in html and "E103 not a PDF" in html


def test_cli_review_of_a_file_and_of_its_json(tmp_path):
    out = tmp_path / "r.html"
    r = _cli("review", str(SEED0), "-o", str(out))
    assert r.returncode == 0, r.stderr
    first = out.read_text(encoding="utf-8")
    assert 'data-items="task-0"' in first
    # a JSON extraction is reviewed with its source found beside it
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / SEED0.name).write_bytes(SEED0.read_bytes())
    r = _cli("extract", str(folder / SEED0.name), "-o", str(folder))
    assert r.returncode == 0, r.stderr
    js = next(folder.glob("*.json"))
    r = _cli("review", str(js), "-o", str(tmp_path / "j.html"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "j.html").read_text(encoding="utf-8") == first
    # without its source: the tables only, said so
    (folder / SEED0.name).unlink()
    r = _cli("review", str(js), "-o", str(tmp_path / "k.html"))
    assert r.returncode == 0 and "not found" in r.stderr
    assert "không có văn bản nguồn" in (tmp_path / "k.html").read_text(encoding="utf-8")


def test_cli_review_of_a_bad_file_is_one_line(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    r = _cli("review", str(bad), "-o", str(tmp_path / "r.html"))
    assert r.returncode != 0 and "Traceback" not in r.stderr and str(bad) in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "r.html").exists()


def test_cli_compare_html_and_batch_html(tmp_path):
    r = _cli("compare", str(SEED1), str(SEED0), "--html", str(tmp_path / "c.html"), "-o", str(tmp_path / "c.json"))
    assert r.returncode == 0, r.stderr
    assert "yếu hơn" in (tmp_path / "c.html").read_text(encoding="utf-8")
    src = tmp_path / "in"
    src.mkdir()
    for f in (SEED0, SEED1):
        (src / f.name).write_bytes(f.read_bytes())
    (src / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    r = _cli("batch", str(src), "--out", str(tmp_path / "out"), "--html")
    assert r.returncode == 1  # one file failed
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)">', index)
    assert len(links) == 2 and all((tmp_path / "out" / link).exists() for link in links)
    assert "broken.pdf" in index
    state = json.loads((tmp_path / "out" / "batch-state.json").read_text(encoding="utf-8"))
    assert all(rec.get("review") for rec in state["files"].values() if rec["status"] != "failed")
    # a rerun without changes skips everything and keeps the index
    r = _cli("batch", str(src), "--out", str(tmp_path / "out"), "--html")
    assert "2 unchanged" in r.stderr
    assert (tmp_path / "out" / "index.html").read_text(encoding="utf-8") == index


def test_batch_json_is_accepted_by_compare_and_review(tmp_path):
    from planparse.batch import run_batch
    from planparse.compare import load_plan_json

    src = tmp_path / "in"
    src.mkdir()
    for f in (SEED0, SEED1):
        (src / f.name).write_bytes(f.read_bytes())
    run_batch([str(src)], str(tmp_path / "out"), progress=False)
    jsons = sorted((tmp_path / "out" / "json").glob("*.json"))
    plan, extras = load_plan_json(jsons[0])
    assert extras["source_file"].endswith(SEED0.name) and len(extras["sha256"]) == 64
    r = _cli("compare", str(jsons[1]), str(jsons[0]), "-o", str(tmp_path / "c.json"))
    assert r.returncode == 0, r.stderr
    # the source recorded by batch is not opened on the JSON's word: it is given, and a changed one is flagged
    (src / SEED0.name).write_text(SEED0.read_text(encoding="utf-8") + "\nThêm một dòng.\n", encoding="utf-8")
    r = _cli("review", str(jsons[0]), "-o", str(tmp_path / "r.html"))
    assert r.returncode == 0 and "not found beside it" in r.stderr, r.stderr
    r = _cli("review", str(jsons[0]), "--source", str(src / SEED0.name), "-o", str(tmp_path / "r.html"))
    assert r.returncode == 0, r.stderr
    assert "đã thay đổi từ khi trích xuất" in (tmp_path / "r.html").read_text(encoding="utf-8")  # W104, in Vietnamese
    # beside the JSON with the recorded content, it is found without being named
    (tmp_path / "out" / "json" / SEED0.name).write_bytes(SEED0.read_bytes())
    r = _cli("review", str(jsons[0]), "-o", str(tmp_path / "r.html"))
    assert r.returncode == 0 and "not found" not in r.stderr, r.stderr
    assert "thêm một dòng" not in (tmp_path / "r.html").read_text(encoding="utf-8").lower()


def test_an_output_that_cannot_be_written_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    for args in (["review", str(SEED0), "-o", str(blocker / "r.html")],
                 ["compare", str(SEED1), str(SEED0), "--html", str(blocker / "c.html")]):
        r = _cli(*args)
        assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1 and str(blocker) in r.stderr


def test_warnings_read_in_vietnamese_with_their_codes_on_the_pages():
    plan, doc = _tiny()
    plan = plan.model_copy(update={"warnings": ["pages 1,2 have no text layer: read by OCR (tesseract -l vie)",
                                                "converted from .doc with LibreOffice"]})
    review = render_review(plan, doc)
    assert "W110 trang 1,2 không có lớp chữ: đã đọc bằng OCR (tesseract -l vie)" in review
    assert "W130 đã chuyển từ .doc bằng LibreOffice" in review and "have no text layer" not in review
    index = render_index([{"file": "a.pdf", "status": "warnings", "n_tasks": 1, "n_kpis": 0,
                           "warnings": ["OCR left out a received stamp on pages 1"]}], [])
    assert "W113 OCR đã bỏ qua dấu công văn đến ở trang 1" in index
