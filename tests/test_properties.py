"""Property tests: parsers and readers never raise on any input, and keep their promises."""
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from planparse.extraction.deadlines import parse_deadline
from planparse.extraction.targets import clean_indicator, parse_number, parse_target, split_goals
from planparse.extraction.units import split_units
from planparse.pipeline import document_to_plan
from planparse.readers.text import decode_bytes, text_to_document
from planparse.repair import repair_text

VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
plan_text = st.text(alphabet=VIET + VIET.upper() + string.digits + " .,;:/-()%\n\t+", max_size=300)
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
SETTINGS = settings(max_examples=120, deadline=None, derandomize=True)


@SETTINGS
@given(any_text | plan_text)
def test_deadline_parser_never_raises(text):
    dl = parse_deadline(text, 2024)
    if dl is not None:
        assert dl.kind in ("ongoing", "by", "period", "on", "recurring", "event")
        for iso in (dl.date, dl.start, dl.end, dl.peak_from):
            assert iso is None or len(iso) == 10


@SETTINGS
@given(any_text | plan_text)
def test_target_parser_never_raises(text):
    t = parse_target(text)
    assert t is None or t.op in (">", ">=", "<", "<=", "=", "between", "~")
    for clause in split_goals(text):
        clean_indicator(clause)


@SETTINGS
@given(st.from_regex(r"\d{1,3}(\.\d{3}){0,2}(,\d{1,2})?", fullmatch=True))
def test_vietnamese_numbers_parse(s):
    assert parse_number(s) is not None


@SETTINGS
@given(any_text | plan_text)
def test_unit_splitting_never_raises_and_keeps_words(text):
    for unit in split_units(text):
        assert unit and unit == unit.strip()


@SETTINGS
@given(st.binary(max_size=300))
def test_byte_decoding_never_raises_unexpectedly(data):
    from planparse.errors import PlanParseError

    try:
        decode_bytes(data, "x.txt")
    except PlanParseError:
        pass


@settings(max_examples=60, deadline=None, derandomize=True)
@given(plan_text)
def test_pipeline_on_any_text_gives_a_plan_or_a_clean_error(text):
    from planparse.errors import PlanParseError

    try:
        plan = document_to_plan(text_to_document(text, "fuzz.txt"))
    except PlanParseError:
        return
    for item in plan.tasks + plan.kpis:
        assert item.ref is not None


@settings(max_examples=60, deadline=None, derandomize=True)
@given(plan_text)
def test_repair_never_loses_lines_and_is_stable(text):
    once = repair_text(text, "always").text
    assert once.count("\n") == text.count("\n")
    assert repair_text(once, "auto").text == repair_text(repair_text(once, "auto").text, "auto").text


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(" \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2003\u2028\u3000ab Đ."))))
def test_fold_ws_is_the_regex_collapse(s):
    import re

    from planparse.text import fold_ws

    assert fold_ws(s) == re.sub(r"\s+", " ", s).strip()
