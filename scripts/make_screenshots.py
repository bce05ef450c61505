"""Screenshots for the README (docs/review.png, docs/compare.png), taken in headless Chromium from
pages made from corpus plans.

    .venv/bin/python scripts/make_screenshots.py
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    from conftest import start_browser

    from planparse.compare import compare_plans, load_plan
    from planparse.html import render_comparison, render_review
    from planparse.pipeline import document_to_plan, read_for_extraction

    seeds = ROOT / "corpus" / "seeds"
    docs = ROOT / "docs"
    docs.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        doc = read_for_extraction(ROOT / "corpus" / "docx" / "000_db1299a2e6faf1e1.docx")
        plan = document_to_plan(doc)
        (tmp / "review.html").write_text(render_review(plan, doc), encoding="utf-8")
        cmp = compare_plans(load_plan(seeds / "001_55bc0ea6d2f8eabe.txt"), load_plan(seeds / "000_db1299a2e6faf1e1.txt"))
        (tmp / "compare.html").write_text(render_comparison(cmp), encoding="utf-8")
        driver = start_browser(tmp / "profile")
        try:
            driver.set_window_size(1440, 900)
            driver.get((tmp / "review.html").as_uri())
            driver.execute_script("planparseShow('task-2')")
            driver.save_screenshot(str(docs / "review.png"))
            driver.get((tmp / "compare.html").as_uri())
            driver.save_screenshot(str(docs / "compare.png"))
        finally:
            driver.quit()
    print("wrote docs/review.png, docs/compare.png")


if __name__ == "__main__":
    main()
