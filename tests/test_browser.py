"""The review and comparison pages driven in headless Chromium: a click on a row scrolls the source
to the item and the highlighted text is the item's span; filters hide rows; no script errors.
Screenshots are kept in test-artifacts/."""
import html as htmllib
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import ARTIFACTS, CORPUS
from planparse.compare import compare_plans, load_plan
from planparse.html import render_comparison, render_review
from planparse.pipeline import document_to_plan, read_for_extraction

SEED0 = CORPUS / "seeds" / "000_db1299a2e6faf1e1.txt"
SEED1 = CORPUS / "seeds" / "001_55bc0ea6d2f8eabe.txt"

VISIBLE = """
const el = arguments[0], pane = document.getElementById('source');
const r = el.getBoundingClientRect(), p = pane.getBoundingClientRect();
return r.height > 0 && r.top >= p.top && r.bottom <= p.bottom && r.top >= 0 && r.bottom <= window.innerHeight;
"""


def _errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


@pytest.fixture(scope="module")
def review(tmp_path_factory):
    doc = read_for_extraction(CORPUS / "docx" / "000_db1299a2e6faf1e1.docx")
    plan = document_to_plan(doc)
    page = tmp_path_factory.mktemp("review") / "review.html"
    page.write_text(render_review(plan, doc), encoding="utf-8")
    return page, plan, {b.id: b for b in doc.blocks}


def _click_and_check(browser, plan_item, item_id, blocks):
    row = browser.find_element(By.CSS_SELECTOR, f'tr[data-item="{item_id}"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
    row.click()
    current = browser.find_elements(By.CSS_SELECTOR, ".hl.current")
    assert current, f"{item_id}: nothing highlighted"
    assert "selected" in row.get_attribute("class")
    span = plan_item.span
    want = blocks[span.block].text[span.start:span.end]
    if blocks[span.block].kind == "row":
        want = want.replace(" | ", "")  # cells are table cells on the page, without the separators
    got = "".join(browser.execute_script("return arguments[0].textContent", e) for e in current)
    assert got == want
    assert browser.execute_script(VISIBLE, current[0]), f"{item_id}: highlighted span not in view"
    return current


def test_clicking_a_task_row_scrolls_to_and_highlights_its_source(browser, review):
    page, plan, blocks = review
    browser.get(page.as_uri())
    assert browser.title.startswith("Rà soát")
    last = len(plan.tasks) - 1  # the last task lies far down the text: the pane must scroll
    _click_and_check(browser, plan.tasks[last], f"task-{last}", blocks)
    browser.save_screenshot(str(ARTIFACTS / "review-task.png"))
    _click_and_check(browser, plan.tasks[0], "task-0", blocks)
    assert len(browser.find_elements(By.CSS_SELECTOR, ".hl.current")) >= 1
    assert not _errors(browser)


def test_clicking_a_kpi_row_highlights_its_table_row(browser, review):
    page, plan, blocks = review
    browser.get(page.as_uri())
    j = len(plan.kpis) - 1
    current = _click_and_check(browser, plan.kpis[j], f"kpi-{j}", blocks)
    assert current[0].find_element(By.XPATH, "ancestor::table[1]").get_attribute("class") == "src"
    browser.save_screenshot(str(ARTIFACTS / "review-kpi.png"))


def test_filters_by_unit_and_deadline_kind(browser, review):
    page, plan, _ = review
    browser.get(page.as_uri())
    items = list(plan.tasks) + list(plan.kpis)
    unit = plan.units[0].canonical
    Select(browser.find_element(By.ID, "f-unit")).select_by_value(unit)
    shown = [r for r in browser.find_elements(By.CSS_SELECTOR, "tr[data-item]") if r.is_displayed()]
    want = [x for x in items if unit in {u.canonical for u in x.lead_units + x.support_units}]
    assert len(shown) == len(want) > 0
    assert browser.find_element(By.ID, "f-count").text == f"{len(want)} / {len(items)}"
    Select(browser.find_element(By.ID, "f-unit")).select_by_value("")
    Select(browser.find_element(By.ID, "f-kind")).select_by_value("ongoing")
    shown = [r for r in browser.find_elements(By.CSS_SELECTOR, "tr[data-item]") if r.is_displayed()]
    assert len(shown) == sum(1 for x in items if x.deadline and x.deadline.kind == "ongoing")


def test_repaired_words_show_what_was_read_on_hover(browser, tmp_path):
    src = CORPUS / "ocr-eng" / "000_db1299a2e6faf1e1.ocr.txt"
    doc = read_for_extraction(src)
    page = tmp_path / "repaired.html"
    page.write_text(render_review(document_to_plan(doc), doc), encoding="utf-8")
    browser.get(page.as_uri())
    fixes = browser.find_elements(By.CSS_SELECTOR, ".hl.k-fix")
    assert len(fixes) > 50
    assert all(f.get_attribute("title").startswith("đã đọc: ") for f in fixes[:20])
    style = browser.execute_script("return getComputedStyle(arguments[0]).borderBottomStyle", fixes[0])
    assert style == "dotted"
    browser.save_screenshot(str(ARTIFACTS / "review-repaired.png"))
    assert not _errors(browser)
    warnings = browser.find_element(By.CSS_SELECTOR, ".warnings").text  # the repair's warning, as people read it
    assert "Cảnh báo" in warnings and "W141 đã sửa lỗi chữ trước khi đọc" in warnings and "repaired" not in warnings


def test_vietnamese_renders_with_a_font_that_has_its_letters(browser, review):
    page, plan, _ = review
    browser.get(page.as_uri())
    title = browser.find_element(By.CSS_SELECTOR, "header.top h1")
    assert title.text == htmllib.unescape(plan.meta.title)
    # the widths of a marked and an unmarked letter differ little when the font has the marked glyph
    widths = browser.execute_script("""
      const c = document.createElement('canvas').getContext('2d');
      c.font = getComputedStyle(document.body).font;
      return ['ệ', 'e', 'ỗ', 'o', 'Ữ', 'U'].map(s => c.measureText(s).width);""")
    assert all(w > 0 for w in widths)
    assert abs(widths[0] - widths[1]) < 0.5 * widths[1]


def test_comparison_page_colours_weaker_targets_and_lists_missing(browser, tmp_path):
    c = compare_plans(load_plan(SEED1), load_plan(SEED0))
    page = tmp_path / "compare.html"
    page.write_text(render_comparison(c), encoding="utf-8")
    browser.get(page.as_uri())
    weaker = browser.find_elements(By.CSS_SELECTOR, "tr.v-weaker td.verdict")
    assert len(weaker) == c.summary["kpis_weaker"] >= 1
    bg = browser.execute_script("return getComputedStyle(arguments[0]).backgroundColor", weaker[0])
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")
    missing = browser.find_elements(By.CSS_SELECTOR, "#kpis-missing li")
    assert len(missing) == len(c.kpis_missing)
    rows = browser.find_elements(By.CSS_SELECTOR, "table.pairs tbody tr")
    browser.find_element(By.ID, "problems-only").click()
    shown = [r for r in browser.find_elements(By.CSS_SELECTOR, "table.pairs tbody tr") if r.is_displayed()]
    assert 0 < len(shown) < len(rows)
    browser.save_screenshot(str(ARTIFACTS / "compare.png"))
    assert not _errors(browser)


def test_batch_index_links_open_reviews(browser, tmp_path):
    from planparse.batch import run_batch

    src = tmp_path / "in"
    src.mkdir()
    for f in (SEED0, CORPUS / "pdf" / "003_49d7825a55f0067e.pdf"):
        (src / f.name).write_bytes(f.read_bytes())
    run_batch([str(src)], str(tmp_path / "out"), html=True, progress=False)
    browser.get((tmp_path / "out" / "index.html").as_uri())
    links = browser.find_elements(By.CSS_SELECTOR, "#plans a")
    assert len(links) == 2
    links[0].click()
    assert browser.find_elements(By.CSS_SELECTOR, "tr[data-item]")
    assert Path(browser.current_url).name.endswith(".html")
    assert not _errors(browser)


def test_review_prints_as_one_column_without_controls(browser, review):
    page, plan, _ = review
    browser.get(page.as_uri())
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert browser.execute_script("return getComputedStyle(document.querySelector('.toolbar')).display") == "none"
        assert browser.execute_script("return getComputedStyle(document.querySelector('main.review')).display") == "block"
        pdf = browser.execute_cdp_cmd("Page.printToPDF", {"printBackground": True})
        assert len(pdf["data"]) > 10000
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_an_outline_label_is_shown_once(browser, review):
    """Word numbering is rebuilt as a label and kept at the start of the text: the page shows it once."""
    page, _, blocks = review
    browser.get(page.as_uri())
    labelled = [b for b in blocks.values() if b.label and b.kind != "row"]
    assert labelled
    for b in labelled[:20]:
        shown = browser.find_element(By.ID, b.id).text
        assert not shown.startswith(f"{b.label} {b.label}"), shown
        assert shown.startswith(b.label)
