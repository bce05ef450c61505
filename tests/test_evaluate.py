"""The scoring rules of the data contract that are easy to get subtly wrong."""
from planparse.evaluate import score


def _plan(tasks=(), implements=()):
    return {"meta": {}, "tasks": list(tasks), "kpis": [], "implements": list(implements)}


def _task(text, lead=()):
    return {"ref": "1", "text": text, "lead": list(lead), "support": [], "deadline": None}


def test_equal_token_set_scores_go_to_the_higher_ratio():
    # both predictions contain every word of the gold text (token_set_ratio 100 for each); the one that
    # is the same sentence must take the pair, so its lead is the one scored
    gold = _plan([_task("Tổ chức tuyên truyền", ["Sở Văn hóa"])])
    pred = _plan([_task("Tổ chức tuyên truyền về chuyển đổi số cho người dân", ["Sở Nội vụ"]),
                  _task("Tổ chức tuyên truyền", ["Sở Văn hóa"])])
    s = score(gold, pred)
    assert s.cats["tasks"].tp == 1 and s.cats["tasks"].fp == 1
    assert s.cats["lead"].tp == 1 and s.cats["lead"].fp == 0


def test_a_law_cited_by_name_pairs_by_doc_type_and_date():
    law = {"doc_type": "Luật", "number": None, "date": "2024-08-26", "issuer": None}
    decree = {"doc_type": "Nghị định", "number": "181/2024/NĐ-CP", "date": "2024-12-31", "issuer": "Chính phủ"}
    gold = _plan(implements=[law, decree])
    assert score(gold, _plan(implements=[decree, law])).cats["implements"].f1 == 1.0
    other_law = dict(law, date="2020-06-17")
    s = score(gold, _plan(implements=[decree, other_law])).cats["implements"]
    assert (s.tp, s.fp, s.fn) == (1, 1, 1)


def test_an_entry_without_number_never_pairs_with_a_numbered_one():
    law = {"doc_type": "Luật", "number": None, "date": "2024-08-26", "issuer": None}
    numbered = {"doc_type": "Luật", "number": "42/2024/QH15", "date": "2024-08-26", "issuer": None}
    s = score(_plan(implements=[law]), _plan(implements=[numbered])).cats["implements"]
    assert (s.tp, s.fp, s.fn) == (0, 1, 1)


def test_a_gold_file_cut_short_is_one_line(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    (tmp_path / "x.gold.json").write_text("", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "planparse", "eval", "--gold", str(tmp_path),
                        str(ROOT / "corpus" / "seeds" / "000_db1299a2e6faf1e1.txt")],
                       capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.startswith("error: ") and "x.gold.json: E105" in r.stderr


def test_a_document_name_with_dots_is_scored_against_its_gold(tmp_path):
    import json
    import subprocess
    import sys

    from conftest import ROOT

    name = "UBND tỉnh - Kế hoạch PCMT 29.9.2025.doc"
    plan = _plan(tasks=[{"ref": "1", "text": "Tổ chức tổng kết", "lead": ["Công an tỉnh"], "support": [],
                         "deadline": None}])
    gold_dir, out = tmp_path / "gold", tmp_path / "json"
    gold_dir.mkdir()
    out.mkdir()
    (gold_dir / "UBND tỉnh - Kế hoạch PCMT 29.9.2025.gold.json").write_text(
        json.dumps({**plan, "document": name}, ensure_ascii=False), encoding="utf-8")
    (out / f"{name}.json").write_text(json.dumps({**plan, "document": name}, ensure_ascii=False), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "planparse", "eval", "--gold", str(gold_dir), str(out)],
                       capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "29.9" in r.stdout and r.stdout.strip().splitlines()[-1].split()[-1] == "1.000"
