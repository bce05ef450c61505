"""The walk after reading is linear in the number of items (hostile-input audit: 2,000 / 4,000 / 8,000 short
items took 3.8 / 8.8 / 47 s). No timing assertions: the tests count the work done for N and 2N items.

What broke: each task listed every block of its enclosing groups (`_nearby`: all n siblings, for each of n
items) to look its units and deadline up; a long duty's times each rescanned the duty from its start for the
clause and sentence they are in (`_clause_start`, `_sentence_start`), and each time point was checked against
every earlier one (`find_points`).
"""
import random
import re

import pytest

from planparse.extraction import deadlines, tasks
from planparse.extraction.provenance import locate
from planparse.pipeline import document_to_plan
from planparse.readers.text import text_to_document
from planparse.structure import build_structure

HEAD = "KẾ HOẠCH\nThực hiện nhiệm vụ cải cách hành chính năm 2026\nI. MỤC ĐÍCH\nBảo đảm thực hiện đúng tiến độ.\nII. NHIỆM VỤ\n"
DUTY = "Nhiệm vụ số {i} giao Sở Nội vụ chủ trì, thực hiện trong năm 2026."


def _bullets(n: int) -> str:
    return HEAD + "\n".join(f"- {DUTY.format(i=i)}" for i in range(1, n + 1)) + "\n"


def _nested(n: int) -> str:
    lines = []
    for i in range(1, n + 1):
        if i % 4 == 1:
            lines.append(f"{i // 4 + 1}. Nhóm nhiệm vụ số {i // 4 + 1}")
        lines.append(f"{'abcd'[(i - 1) % 4]}) {DUTY.format(i=i)}")
    return HEAD + "\n".join(lines) + "\n"


def _under_unit(n: int) -> str:
    """TỔ CHỨC THỰC HIỆN: n duties under one unit heading, which leads them; its name is printed only there."""
    return HEAD.replace("II. NHIỆM VỤ", "II. TỔ CHỨC THỰC HIỆN") + "1. Văn phòng Ủy ban nhân dân tỉnh\n" + \
        "\n".join(f"- Thực hiện nhiệm vụ số {i} trong quý II năm 2026." for i in range(1, n + 1)) + "\n"


def _long_duty(n: int) -> str:
    """One numbered item whose duty goes on over n unlabelled lines, each with a time."""
    return HEAD + "1. Các nhiệm vụ sau:\n" + "\n".join(DUTY.format(i=i) for i in range(1, n + 1)) + "\n"


class _CountingList(list):
    """A node's lines or items that count how many of them are walked over."""
    visits = 0

    def __iter__(self):
        for x in super().__iter__():
            _CountingList.visits += 1
            yield x


def _walk_visits(text: str) -> int:
    st = build_structure(text_to_document(text, "gen.txt"))
    stack = list(st.sections)
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        node.body = _CountingList(node.body)
        node.children = _CountingList(node.children)
    _CountingList.visits = 0
    tasks.outline_to_items(st.sections, 2026)
    return _CountingList.visits


@pytest.mark.parametrize("make", [_bullets, _nested, _under_unit], ids=["bullets", "nested", "under-unit"])
def test_nearby_lookup_does_not_list_every_sibling_for_each_item(make):
    small, large = _walk_visits(make(1000)), _walk_visits(make(2000))
    assert large <= 2.2 * small, (small, large)  # was 4x: each item walked all its siblings' lines


class _CountingPattern:
    """A compiled pattern that counts the clause or sentence ends its finditer hands out."""

    def __init__(self, rx: re.Pattern, counter: list[int]):
        self.rx, self.counter = rx, counter

    def finditer(self, *args):
        for m in self.rx.finditer(*args):
            self.counter[0] += 1
            yield m

    def __getattr__(self, name):
        return getattr(self.rx, name)


def _ends_scanned(monkeypatch, text: str) -> int:
    counter = [0]
    for name in ("_CLAUSE_END", "_CLAUSE_END_NO_BRACKETS", "_SENTENCE_END"):
        monkeypatch.setattr(deadlines, name, _CountingPattern(getattr(deadlines, name), counter))
    deadlines._ends.cache_clear()
    assert deadlines.deadline_in_duty(text, 2026) is not None
    return counter[0]


def test_long_duty_times_do_not_rescan_the_duty_from_its_start(monkeypatch):
    def duty(n: int) -> str:
        return " ".join(DUTY.format(i=i) for i in range(1, n + 1))
    small, large = _ends_scanned(monkeypatch, duty(500)), _ends_scanned(monkeypatch, duty(1000))
    assert large <= 2.2 * small, (small, large)  # was 4x: every time rescanned the text before it


def _clause_start_by_scan(t: str, pos: int, rx: re.Pattern) -> int:
    cut = 0
    for m in rx.finditer(t, 0, pos):
        cut = m.end()
    return cut


def test_clause_and_sentence_starts_match_a_scan_from_the_start():
    rnd = random.Random(7)
    alphabet = "ab .;:!?(),\n\t\u00a0x1"
    for _ in range(3000):
        t = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))
        for pos in range(len(t) + 2):
            assert deadlines._clause_start(t, pos) == _clause_start_by_scan(t, pos, deadlines._CLAUSE_END)
            assert deadlines._clause_start(t, pos, brackets=False) == \
                _clause_start_by_scan(t, pos, deadlines._CLAUSE_END_NO_BRACKETS)
            assert deadlines._sentence_start(t, pos) == _clause_start_by_scan(t, pos, deadlines._SENTENCE_END)


def test_time_points_do_not_overlap_and_match_a_pairwise_check():
    def by_pairs(t: str):
        out, taken = [], []
        quarters = deadlines.lexicon.deadlines().quarters
        for shape, rx in deadlines._point_patterns():
            for m in rx.finditer(t):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                p = deadlines._point(shape, m, t, quarters)
                if p is not None:
                    out.append(p)
                    taken.append((m.start(), m.end()))
        return sorted(out, key=lambda p: p.start)
    rnd = random.Random(3)
    pieces = ["ngày 15/6/2026", "15/6", "tháng 6 năm 2026", "quý II/2026", "năm 2026", "2025", "6 tháng đầu năm",
              "ngày 5 tháng 7", " và ", ", ", "trước ", "- ", "12/2025"]
    for _ in range(500):
        t = deadlines.normalise("".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 12))))
        assert deadlines.find_points(t) == by_pairs(t)


def _all_nodes(sections):
    stack = list(sections)
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        yield node


@pytest.mark.parametrize("name", ["seeds/003_49d7825a55f0067e.txt", "seeds/000_db1299a2e6faf1e1.txt"])
def test_near_finds_what_a_search_of_the_listed_nearby_blocks_finds(corpus, name):
    """`Near.locate` (searching the subtree, then each group, remembered) == `locate` over `_nearby`'s list."""
    path = corpus / name
    st = build_structure(text_to_document(path.read_text(encoding="utf-8"), str(path)))
    nodes = list(_all_nodes(st.sections))
    phrases = {"Sở Nội vụ", "sở tài chính", "UBND", "Thường xuyên", "năm 2026", "không có ở đâu", "  Ủy ban  "}
    phrases |= {w for n in nodes[::3] for w in re.findall(r"\w+(?:\s\w+)?", n.text)[:3]}
    memo: dict = {}
    for node in nodes:
        near = tasks.Near(node, memo)
        for phrase in phrases:
            assert near.locate(phrase) == locate(phrase, list(tasks._nearby(node))), (node.ref, phrase)


def test_20000_items_extract_with_a_task_each():
    plan = document_to_plan(text_to_document(_bullets(20_000), "gen.txt"))
    assert len(plan.tasks) == 20_000
    last = plan.tasks[-1]
    assert last.text == DUTY.format(i=20_000) and last.deadline.date == "2026-12-31"
    assert last.deadline.span.block == last.span.block  # found in the item's own block


def test_20000_duties_under_one_unit_heading_are_led_by_it():
    plan = document_to_plan(text_to_document(_under_unit(20_000), "gen.txt"))
    assert len(plan.tasks) == 20_000
    assert {tuple(t.lead) for t in plan.tasks} == {("Văn phòng Ủy ban nhân dân tỉnh",)}
    heading = plan.tasks[0].lead_units[0].span.block
    assert all(t.lead_units[0].span.block == heading for t in plan.tasks)  # the heading's block, for every one


def test_a_long_duty_of_20000_lines_is_one_task():
    plan = document_to_plan(text_to_document(_long_duty(20_000), "gen.txt"))
    assert len(plan.tasks) == 1
