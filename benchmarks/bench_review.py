"""How fast a 20-page plan's review page opens in headless Chromium (Navigation Timing: load event,
first contentful paint), against a plain page holding the same text without highlights or script,
in the same run; medians of several fresh navigations. Not part of CI's pass/fail.

    .venv/bin/python benchmarks/bench_review.py [--runs 7]
"""
from __future__ import annotations

import argparse
import html
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

TIMING = """
await new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)));
const n = performance.getEntriesByType('navigation')[0];
const fcp = performance.getEntriesByName('first-contentful-paint')[0];
return [n.domContentLoadedEventEnd, n.loadEventEnd, fcp ? fcp.startTime : null];
"""


def measure(driver, url: str, runs: int) -> dict:
    rows = []
    for _ in range(runs):
        driver.get("about:blank")
        driver.get(url)
        rows.append(driver.execute_script(TIMING))
    return {"dcl": statistics.median(r[0] for r in rows), "load": statistics.median(r[1] for r in rows),
            "fcp": statistics.median(fcps) if (fcps := [r[2] for r in rows if r[2] is not None]) else None}


def _ms(v) -> str:
    return "n/a" if v is None else f"{v:.0f}"


def cases(tmp: Path) -> list[tuple[str, Path]]:
    """A 20-page text-layer PDF (corpus PDFs' pages), the four clean seed plans run together as one
    text (~10,000 words, ~20 printed pages, every block of them a plan's), and the densest single plan."""
    from bench_extract import make_20_pages

    seeds = sorted((ROOT / "corpus" / "seeds").glob("00[0134]_*.txt"))
    joined = tmp / "four-plans.txt"
    joined.write_text("\n\n".join(p.read_text(encoding="utf-8") for p in seeds), encoding="utf-8")
    return [("20-page PDF", make_20_pages(tmp)), ("4 plans as one text", joined),
            ("densest plan (003 DOCX)", ROOT / "corpus" / "docx" / "003_49d7825a55f0067e.docx")]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results-review.md"))
    args = ap.parse_args()
    from conftest import start_browser

    from planparse.html import render_review
    from planparse.pipeline import document_to_plan, read_for_extraction

    lines = ["# Review page load (benchmarks/bench_review.py)", "",
             f"Headless Chromium, medians of {args.runs} fresh navigations; baseline: the same blocks as plain "
             "paragraphs, no highlights or script, measured in the same run.", "",
             "| document | blocks | tasks | KPIs | page KiB | baseline load ms | review DOMContentLoaded ms | "
             "review load ms | review first paint ms | review / baseline | row click ms |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        driver = start_browser(tmp / "profile")
        try:
            for name, src in cases(tmp):
                doc = read_for_extraction(src)
                plan = document_to_plan(doc)
                review = tmp / "review.html"
                review.write_text(render_review(plan, doc), encoding="utf-8")
                plain = tmp / "plain.html"
                plain.write_text("<!DOCTYPE html><meta charset=utf-8><title>plain</title>"
                                 + "".join(f"<p>{html.escape(b.text)}</p>" for b in doc.blocks), encoding="utf-8")
                base = measure(driver, plain.as_uri(), args.runs)
                ours = measure(driver, review.as_uri(), args.runs)
                last = f"task-{len(plan.tasks) - 1}" if plan.tasks else "kpi-0"
                click = driver.execute_script(
                    f"const t = performance.now(); planparseShow('{last}'); return performance.now() - t;")
                lines.append(f"| {name} | {len(doc.blocks)} | {len(plan.tasks)} | {len(plan.kpis)} | "
                             f"{review.stat().st_size / 1024:.0f} | {base['load']:.0f} | {ours['dcl']:.0f} | "
                             f"{ours['load']:.0f} | {_ms(ours['fcp'])} | {ours['load'] / base['load']:.1f}× | {click:.1f} |")
        finally:
            driver.quit()
    text = "\n".join(lines) + "\n"
    print(text)
    Path(args.out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
