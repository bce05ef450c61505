import json
from pathlib import Path
import subprocess
import sys

from planparse.link import dates_agree, link_folder

from conftest import CORPUS, ROOT

PARENT = """ỦY BAN NHÂN DÂN
THÀNH PHỐ VINH
Số: 185/KH-UBND Vinh, ngày 14 tháng 10 năm 2023
KẾ HOẠCH
Nâng cao chất lượng dịch vụ công trực tuyến trên địa bàn thành phố Vinh
Thực hiện Kế hoạch số 705/KH-UBND ngày 21/9/2023 của UBND tỉnh Nghệ An, UBND thành phố Vinh ban hành Kế hoạch như sau:
I. NHIỆM VỤ
1. Rà soát thủ tục hành chính.
"""
CHILD = """ỦY BAN NHÂN DÂN
XÃ HƯNG LỘC
Số: 12/KH-UBND Hưng Lộc, ngày 20 tháng 10 năm 2023
KẾ HOẠCH
Nâng cao chất lượng dịch vụ công trực tuyến trên địa bàn xã Hưng Lộc
Thực hiện Kế hoạch số 185/KH-UBND ngày 14/10/2022 của UBND TP Vinh, UBND xã Hưng Lộc ban hành Kế hoạch như sau:
I. NHIỆM VỤ
1. Rà soát thủ tục hành chính.
"""


def test_a_mistyped_year_still_finds_the_parent(tmp_path):
    (tmp_path / "vinh.txt").write_text(PARENT, encoding="utf-8")
    (tmp_path / "hung-loc.txt").write_text(CHILD, encoding="utf-8")
    tree = link_folder(tmp_path)
    resolved = [(e.child, e.parent) for e in tree.edges if e.resolved]
    assert resolved == [("12/KH-UBND", "185/KH-UBND")]
    assert tree.unresolved == ["705/KH-UBND"]


def test_dates_agree_with_a_slip_of_the_year():
    assert dates_agree("2021-09-21", "2023-09-21", 2)
    assert not dates_agree("2023-09-22", "2023-09-21", 2)
    assert dates_agree("2023-10-14", "2023-10", 2)
    assert dates_agree(None, "2023-10-14", 2)


def test_link_on_the_corpus():
    tree = link_folder(CORPUS)
    # among the corpus plans only the generated PDF-table plans cite a plan that is in the corpus too
    # (corpus/pdf-tables, written from the Đồng Tháp plan 617/KH-UBND's appendix)
    resolved = [e for e in tree.edges if e.resolved]
    assert resolved and all(e.parent == "617/KH-UBND" for e in resolved)
    assert {"705/KH-UBND", "185/KH-UBND"} <= set(tree.unresolved)
    primary = {e.child: e.parent for e in tree.edges if e.primary}
    assert primary["001_55bc0ea6d2f8eabe"] == "185/KH-UBND"  # the district above the commune, not the province
    assert primary["000_db1299a2e6faf1e1"] == "705/KH-UBND"
    # renditions of one plan are one node
    node = next(n for n in tree.nodes if n.id == "001_55bc0ea6d2f8eabe")
    assert {Path(f).suffix for f in node.files} >= {".txt", ".docx", ".pdf"}


def test_link_cli(tmp_path):
    r = subprocess.run([sys.executable, "-m", "planparse.cli", "link", str(CORPUS / "seeds"), "--json", str(tmp_path / "t.json")],
                       capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "Parents not in the folder: " in r.stdout and "185/KH-UBND" in r.stdout
    data = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert data["unresolved"]


def test_unnumbered_documents_are_merged_only_when_issuer_title_and_date_agree():
    from planparse.link import build_tree
    from planparse.models import Meta, Plan

    def plan(doc, **meta):
        return Plan(document=doc, meta=Meta(**meta))

    draft = dict(issuer="UBND xã Phố Bảng", title="Kế hoạch tổ chức bầu cử", date="2026-01-05")
    tree = build_tree([(plan("a.docx", **draft), "a.docx"), (plan("a.pdf", **draft), "a.pdf"),
                       (plan("b.docx", issuer="UBND xã Phố Bảng"), "x/b.docx"),
                       (plan("b.docx", issuer="UBND xã Phố Bảng"), "y/b.docx")])
    assert sorted(len(n.files) for n in tree.nodes) == [1, 1, 2]  # two drafts lacking title and date stay two
    assert len({n.id for n in tree.nodes}) == 3


def test_link_reads_a_batch_output_without_extracting_again(tmp_path, monkeypatch):
    from planparse import pipeline
    from planparse.batch import run_batch

    run_batch([str(CORPUS / "seeds")], str(tmp_path / "out"), progress=False)

    def no_extraction(*a, **k):
        raise AssertionError("link extracted a file again")

    monkeypatch.setattr(pipeline, "extract_file", no_extraction)
    tree = link_folder(tmp_path / "out")
    assert not tree.errors, tree.errors
    assert {"705/KH-UBND", "185/KH-UBND"} <= set(tree.unresolved)
