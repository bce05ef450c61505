"""Load the language data files under planparse/data once, validated by pydantic on load."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .text import FIRST_WORD as _FIRST_WORD, fold


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    source: str = Field(alias="_source")
    version: int


class UnitKind(BaseModel):
    model_config = ConfigDict(extra="forbid")
    head: str
    kind: str
    level: Optional[str] = None


class UnitsData(_Data):
    kinds: list[UnitKind]
    not_unit_starts: list[str]
    plural_determiners: list[str]
    bare_kinds: list[str]
    duty_verbs: list[str]
    directing_verbs: list[str]  # "X chỉ đạo Y: ..." labels a duty X leads through the force Y it directs
    not_units_after_determiner: list[str]  # "các thông số", "các nội dung": things, not bodies
    unit_remarks: list[str]  # a remark printed after units in a key line ("trong phạm vi chức năng, nhiệm vụ")
    role_remarks: list[str]  # a bracket opening so says what role a unit plays, not which body it is: dropped
    assigned_elsewhere: list[str]  # a lead cell opening so points to another document's assignment: no unit
    unit_tails: list[str]  # words that end a unit's name though a tagger reads a verb ("các sở có liên quan")
    clause_openers: list[str]  # a duty may open with a clause before its subject ("Căn cứ Kế hoạch này, các sở ...")
    assignment_openers: list[str]  # words before the unit a duty is given to ("Đề nghị X", "Giao X")
    # in TỔ CHỨC THỰC HIỆN, words before a body outside the issuer's command that is asked to act ("Khuyến khích X
    # chỉ đạo ..."); in a task section the same words are the issuer's own measure ("Khuyến khích các doanh nghiệp ...")
    request_openers: list[str]
    # bodies one office serves together ("Văn phòng HĐND và UBND huyện", "Văn phòng Đoàn ĐBQH và HĐND tỉnh"): one unit
    office_bodies: list[str]
    named: list[str]


class AbbrevData(_Data):
    expand: dict[str, str]
    protected: list[str]
    document_codes: list[str]  # the kind and issuer codes of document symbols ("QĐ" in 17/QĐ-UBND)


class LevelWord(BaseModel):
    model_config = ConfigDict(extra="forbid")
    word: str
    level: str


class LevelsData(_Data):
    level_words: list[LevelWord]
    settlements: list[str]  # places below a commune (thôn, xóm, tổ dân phố): "xã, xóm" lists places
    central_cities: list[str]
    provinces: list[str]  # the provinces by name (with the central cities: every place a province's body is of)
    level_word_compounds: list[str]  # a level word opening another word ("Xã hội" in "Sở ... và Xã hội"): no level
    level_adjectives: dict[str, str]


class SectionRole(BaseModel):
    model_config = ConfigDict(extra="forbid")
    keywords: list[str]
    role: str


class ItemReferences(BaseModel):
    """'Chủ trì triển khai các nhiệm vụ tại mục (IV) (4.1)': a unit named as leading items listed elsewhere."""

    model_config = ConfigDict(extra="forbid")
    lead_words: list[str]
    item_words: list[str]
    place_words: list[str]


class YearColumns(BaseModel):
    """A target table's columns named by a year ('Chỉ tiêu | ĐVT | Năm 2026 | Năm 2027'): each holds that year's target,
    unless a column of the header reports what was done or estimated (a forecast or a report, not targets)."""

    model_config = ConfigDict(extra="forbid")
    openers: list[str]  # what may stand before the year ("Năm 2026", "Đến năm 2030", "Giai đoạn 2026 - 2030")
    not_targets: list[str]  # "Ước thực hiện", "Năm hiện hành", "Dự toán": a header with these is no target table


class SectionsData(_Data):
    other_doc_types: list[str]
    doc_types: list[str]
    section_roles: list[SectionRole]
    report_openers: list[str]  # a heading opening so reports or forecasts ("I. TÌNH HÌNH THỰC HIỆN ... NĂM 2025"): no work
    group_keys: dict[str, list[str]]
    inspection_verbs: list[str]  # what an inspection schedule's entry opens with ("Giám sát việc ...")
    inspection_aspects: list[str]  # "3.2. Nội dung kiểm tra", "3.5. Phương thức kiểm tra": what and how, not entries
    programme_components: list[str]  # "Dự án 1: Phòng ngừa ...": a numbered part of a programme a duty covers
    aims_headings: list[str]  # "MỤC ĐÍCH, YÊU CẦU": a part stating aims, whose numeric goals are targets
    item_references: ItemReferences
    addressee_markers: list[str]  # "Kính gửi:" opens a letter's addressee list
    letter_subject_markers: list[str]  # "V/v ..." under a letter's number: what it is about (its title)
    matrix_marks: dict[str, list[str]]  # a responsibility matrix's marks under its units: lead ('CT'), support ('PH'),
    # involved ('x': leads where the matrix marks no lead)
    same_duty_openers: list[str]  # a sentence or paragraph opening so goes on with the duty before it ("Đồng thời, ...")
    done_by_closings: list[str]  # a later clause "X thực hiện." that ends with them names the duty's lead
    # ("Kiểm tra công vụ. Phòng Nội vụ thực hiện; thời gian: quý III.")
    letter_type: str  # the kind of a document without a type heading that has a subject line
    signer_titles: list[str]  # the posts a plan is signed by ("Phó Chủ tịch" under "KT. CHỦ TỊCH")
    signer_ranks: list[str]  # a rank or degree printed before the signer's name ("Đại tá Trần Văn Bình", "TS. Lê An")
    reward_nominees: list[str]  # counted in a reward quota ("Không quá 05 cá nhân"), which sets no work
    criteria_headings: list[str]  # "1. Tiêu chuẩn Bằng khen ...": what a nominee must meet, not work ("Đối với X: Có ...")
    category_openers: list[str]  # under criteria, "Đối với tập thể", "Đối với UBND cấp xã: Có ...": a nominee category
    not_duty_openers: list[str]  # in a HÌNH THỨC part, items opening so name a channel or an award, not work
    action_headings: list[str]  # a sub-heading of a purpose part whose items assign work ("Phương án cấp phát")
    work_verbs: list[str]  # an item opening so states work ("Triển khai ...", "Hoàn thiện ..."): a part named by its
    # topic ("III. PHÁT TRIỂN NỀN MÓNG KINH TẾ SỐ") whose heading and items open so is a task section
    phase_labels: list[str]  # a phase heading's label ("Đợt 1: Trong tháng 12/2025") before its time
    closing_openers: list[str]
    type_codes: dict[str, str]  # a number's type code when no heading names the type ("20/KH-UBND" -> Kế hoạch)
    unfinished_line_ends: list[str]  # a line ending with one of these goes on in the next ("... phối hợp với" / "Sở Y")
    number_line_ends: list[str]  # ... and with one of these when the next opens with a number ("ngày" / "20 tháng 01 ...")
    closing_paragraph_openers: list[str]  # a line opening so after a finished sentence starts the closing paragraph
    sibling_announcers: list[str]  # "- X chủ trì ... Cụ thể:" then "- Ban hành ...": the bullets after it are X's steps
    intro_duty_verbs: list[str]  # "Nhằm ..., các bộ, ngành ... tổ chức triển khai thực hiện các nhiệm vụ sau đây:": an
    # intro whose units come after an opening phrase hands them the items below only with one of these verbs
    intro_announcers: list[str]  # how such an intro, or a unit heading's "chỉ đạo X thực hiện ...", ends before ":"
    partners_below: list[str]  # "b) Chủ trì, phối hợp" over "- Sở Tài chính tham mưu ...": under a unit heading, each
    # item below opens with the partners its duty is done with
    closing_conditions: list[str]  # "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc ...": the closing formula
    appendix_heading: list[str]
    end_of_body: list[str]
    recipients_last: list[str]  # the line that closes a 'Nơi nhận' list ("- Lưu: VT, ...")
    period_columns: dict[str, list[str]]  # "Thời gian bắt đầu | Thời gian kết thúc": a task's time from one to the other
    year_columns: YearColumns
    table_columns: dict[str, list[str]]


class DutyDeadlineWords(BaseModel):
    """What makes a time inside a duty sentence the duty's completion time, and what makes it something else."""

    model_config = ConfigDict(extra="forbid")
    due_preps: list[str]  # right before a time, it is when the duty is due ("hoàn thành trước", "chậm nhất là")
    weak_preps: list[str]  # due too ("trong năm 2024"), unless a baseline word comes just before ("kết quả ... trong")
    report_openers: list[str]  # a duty opening with these states its deadline as '(theo) định kỳ hằng tháng'
    report_markers: list[str]  # ... with a frequency opening with these
    due_verbs: list[str]  # the phrase as printed starts at one of these a few words back ("trình UBND tỉnh trong ...")
    not_due_before: list[str]  # a time after a weak preposition that follows these is a baseline or result period
    goal_words: list[str]  # a time after a weak preposition in a sentence with these is a goal's year
    programme_spans: list[str]  # a time right after these is the span of a programme ("giai đoạn 2025 - 2035")
    events: list[str]  # the event a duty is timed by ("sau khi nước rút", "Khi xuất hiện ca bệnh, ...")
    not_events: list[str]  # a discretion or condition, not a time ("khi cần thiết", "nếu có")
    schedule_days: list[str]  # a day without a year after these, beside a recurrence, is a dated schedule
    duration_units: list[str]  # "02 ngày" after a sitting's date: how many days it lasts
    limit_words: list[str]  # "trong 10 ngày kể từ ...": a time limit, not how long a sitting lasts


class RelativeLimit(BaseModel):
    """'Trong vòng 30 ngày kể từ ngày ký', 'chậm nhất 07 ngày sau khi kết thúc hội nghị': a limit counted from an
    event; from the plan's own issue, a day by the plan's date."""

    model_config = ConfigDict(extra="forbid")
    limit_words: list[str]
    units: dict[str, int]  # days a unit counts ("tuần": 7)
    month_units: list[str]  # counted in calendar months ("02 tháng kể từ ngày ký")
    workday_words: list[str]  # "10 ngày làm việc": working days, no calendar day can be told
    from_words: list[str]
    plan_anchors: list[str]  # the plan's own signing or issue


class SchoolYear(BaseModel):
    """'Năm học 2025 - 2026': the school year, from its first day in the first year to its last in the second (the
    education ministry's yearly timetable: classes from early September, the year closed by the end of May)."""

    model_config = ConfigDict(extra="forbid")
    words: list[str]
    first_day: str  # "MM-DD"
    last_day: str  # "MM-DD"
    before_words: list[str]  # "Trước năm học mới 2026 - 2027": by the day before it starts
    new_words: list[str]  # "năm học mới": the one to come, named as the other


class DeadlinesData(_Data):
    ongoing: list[str]
    event_openers: list[str]
    recurring: dict[str, str]
    frequency_markers: list[str]
    periodic_words: list[str]  # "định kỳ báo cáo ... trước ngày 20/11": periodic, and a date without a year recurs yearly
    frequency_units: dict[str, str]
    times_word: str  # "lần" of "02 lần/năm"
    frequency_order: list[str]
    peak_words: list[str]  # "Thường xuyên, cao điểm từ ngày 01/7/2024": peak_from
    last_day_words: list[str]  # with several days, these pick the last ("kết thúc ngày ...")
    by_words: list[str]
    planned_words: list[str]  # "Dự kiến ngày 05/12/2025 (chậm nhất ngày 10/12/2025)" is on the planned day
    open_end: list[str]  # "... và các năm tiếp theo": a period with no end
    year_lead_words: list[str]  # a year printed without "năm" right after them is a time ("Đến hết 2026")
    event_bounds: list[str]  # "Từ khi thành lập đến khi kết thúc ...": a span bounded by events, no dates
    undated_events: list[str]  # "Khi xuất hiện ca bệnh bất thường", "Kết thúc cuộc bầu cử": an event where no date is printed
    from_plan_date: list[str]  # "từ nay", "từ ngày ban hành Kế hoạch": a span counted from the plan's date
    relative_limit: RelativeLimit
    open_start: list[str]  # "Từ 01/7/2025": a period with no end
    range_joiners: list[str]
    whole_year: list[str]
    within_year: list[str]  # "Trong năm" alone: by the end of the plan's year
    quarter_words: list[str]
    quarters: dict[str, int]
    in_duty: DutyDeadlineWords
    school_year: SchoolYear


class CitationsData(_Data):
    doc_types: list[str]  # kinds of documents a plan cites, longest first where one begins another
    named_types: list[str]  # kinds often cited by name without a number ("Luật Đất đai ngày ...")
    # a kind cited by the name of its legal category, in lower case ("Chương trình mục tiêu quốc gia phòng, chống ma túy")
    named_categories: dict[str, list[str]]
    amending_names: list[str]  # "Luật sửa đổi, bổ sung một số điều của Luật A và Luật B ngày ...": one law, A and B in its name
    basis_openers: list[str]  # how an opening sentence names what the plan implements or rests on
    excluded_openers: list[str]  # a submission or request the plan was issued on: not implemented
    basis_sections: list[str]  # a part of the plan that lists its basis ("I. CĂN CỨ XÂY DỰNG KẾ HOẠCH"), whole title
    title_openers: list[str]  # words that begin a cited document's own title after its issuer
    issuer_after: list[str]  # "của" / "do" before a cited document's issuer
    committee_heads: list[str]  # a steering committee or task force, named after its remit ("Ban Chỉ đạo về ...")
    committee_remit: list[str]  # words between such a head and its remit ("Tổ công tác triển khai Đề án 06, ...")
    remit_ends: list[str]  # words after a remit that begin the document's own title ("... chuyển đổi số thông báo kết luận")
    amended_by: list[str]  # a bracketed amendment of a cited document is cited too
    national_issuers: list[str]  # central bodies by their proper names: a misspelt one is read as its name


class TargetsData(_Data):
    """How plans state a numeric target: operator words before and after the figure, the verbs around it, units."""

    operators_before: dict[str, list[str]]  # op -> words right before the figure ("không quá" 5% is <=)
    operators_after: dict[str, list[str]]  # op -> words right after it ("30% trở lên" is >=)
    quantity_fillers: list[str]  # between an operator and its figure ("tối thiểu có 01")
    range_joiners: list[str]  # "60-70%", "60 đến 70%"
    level_verbs: list[str]  # the figure after these is the level to reach; indicator ends before them
    lead_verbs: list[str]  # dropped from the front of an indicator ("Nâng tỷ lệ ... lên 100%")
    verb_nouns: list[str]  # ... unless they open a noun ("Tăng trưởng GRDP đạt 8%", "Giảm nghèo đa chiều ...")
    mid_openers: list[str]  # "... bảo đảm 100% hồ sơ ...": the indicator is what follows the figure
    modal_words: list[str]  # "phải đạt 100%": dropped with the target
    change_verbs: list[str]  # directly before the figure, the figure is the change; the verb stays in the indicator
    goal_labels: list[str]  # "Chỉ tiêu 1:" numbering dropped from the indicator
    goal_joiners: list[str]  # "100% A và 100% B": two targets in one clause, one KPI each
    breakdown_openers: list[str]  # "58 trạm (Trong đó: VNPT: 25 trạm, Viettel: 33 trạm)": the target's shares
    second_goal_verbs: list[str]  # "..., nâng tổng số trạm 5G: 188 trạm" after a goal: a second goal
    goal_openers: list[str]  # a clause opening so has a subject of its own: a goal of its own, not a continuation
    rank_words: list[str]  # "top 03 vùng": a rank to reach, at most N
    rank_groups: list[str]  # "nhóm 15 tỉnh, thành phố dẫn đầu": a rank only when the group is the leading one
    rank_leading: list[str]  # after "nhóm N ...": the group is the leading one ("dẫn đầu", "đứng đầu")
    percent_units: list[str]
    per_period: list[str]  # "%/năm"
    units: list[str]  # units of counts as printed, longest match wins
    scale_words: list[str]  # a count's scale before its unit, part of the unit as printed ("5 triệu lượt khách")
    unit_stop_words: list[str]  # a count's unit ends before these
    count_blockers: list[str]  # a figure after these is a date, a reference or a rank, not a count ("năm 2025", "Điều 5")
    figure_idioms: list[str]  # a figure before these is a manner of speaking, not a count ("tăng trưởng hai con số")
    activity_units: list[str]  # "Tổ chức 02 hội nghị": sessions held are an activity; with no level word, no target
    goal_time_words: list[str]  # "... xuống dưới 25‰ vào năm 2015": the time a goal states inside it opens so
    goal_time_qualifiers: list[str]  # "đến hết năm 2025", "vào cuối năm 2025"
    within_words: list[str]  # "... được tiếp cận hỗ trợ trong 24 giờ": a time limit, a ceiling on the time taken
    duration_units: list[str]


class UnitRolesData(_Data):
    lower_committee: list[str]
    roles: dict[str, list[str]]


class TokenSet(BaseModel):
    model_config = ConfigDict(extra="forbid")
    IN: list[str]


class TokenSpec(BaseModel):
    """One token of a spaCy Matcher pattern on the folded word (NORM): one word, one of several (IN), or
    optional ("OP": "?"). Nothing open-ended, so every pattern is a finite set of phrases."""

    model_config = ConfigDict(extra="forbid")
    NORM: Union[str, TokenSet]
    OP: Optional[Literal["?"]] = None

    @property
    def words(self) -> list[str]:
        return [self.NORM] if isinstance(self.NORM, str) else self.NORM.IN

    @model_validator(mode="after")
    def _folded_tokens(self) -> "TokenSpec":
        for w in self.words:
            if not w or fold(w) != w or " " in w:
                raise ValueError(f"NORM {w!r} is not one folded token")
        return self


class SpanRule(BaseModel):
    """Wordings around units in a duty: partners after ('phối hợp với X'), a compiler after ('Đơn vị tổng hợp: X')
    or in brackets before ('(X) để tổng hợp'), a report's way through a body ('(qua X)': 'via' words after '('), a unit sent to that compiles ('gửi về X
    ... để tổng hợp': compiler_recipient), words after which a unit is no partner ('báo cáo X'), and 'phối hợp' as part of
    a noun ('cơ chế phối hợp thanh tra': a mechanism, no partner named; read as the longer match over 'phối hợp'), and
    after a lead's 'chủ trì,' the units that stand as the subject of 'phối hợp' ('X chủ trì, Y phối hợp':
    partner_subject)."""

    model_config = ConfigDict(extra="forbid")
    label: Literal["partner", "partner_subject", "compiler", "compiler_before", "via", "not_partner", "compiler_recipient", "mechanism"]
    patterns: list[list[TokenSpec]]
    example: str  # a sentence of the kind plans print
    units: list[str]  # the support units that sentence names


class UnitSpansData(_Data):
    body_words: list[str]  # bodies named without a head of the gazetteer ("các lực lượng", "các nhà mạng")
    name_words: list[str]  # lowercase words a unit's name is made of ("các doanh nghiệp viễn thông trên địa bàn")
    capitalised_fields: list[str]  # fields whose every syllable a body's name capitalises ("Sở Công Thương"); in the
    # others only the first is ("Sở Y tế", "Phòng Giáo dục và Đào tạo")
    function_words: list[str]  # what a body does, part of its name right after its kind ("Tổ kiểm tra")
    joiners: list[str]  # go on with a name only when more of a name follows ("Sở Khoa học và Công nghệ")
    member_joiners: list[str]  # after members or a kind, before a body's head: the body they are in, part of the
    # name ("các thành viên trong tiểu ban", "các cơ quan trong Ban Chỉ đạo tỉnh"); a stop elsewhere ("trong năm")
    remit_openers: list[str]  # a body's name word after which its remit follows as part of its name
    # ("lực lượng chuyên trách phòng, chống tội phạm về ma túy triển khai ...")
    remit_words: list[str]  # what such a remit is made of: fields of work, and the connectors below
    remit_connectors: list[str]  # remit words that go on with a remit only when more of it follows
    stops: list[str]  # end a name, even capitalised after a name ("... Du lịch Chủ động ...")
    rules: list[SpanRule]


def _load(name: str) -> dict:
    with resources.files("planparse.data").joinpath(name).open(encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=None)
def units() -> UnitsData:
    return UnitsData.model_validate(_load("units.json"))


@lru_cache(maxsize=None)
def abbreviations() -> AbbrevData:
    return AbbrevData.model_validate(_load("abbreviations.json"))


@lru_cache(maxsize=None)
def levels() -> LevelsData:
    return LevelsData.model_validate(_load("admin_levels.json"))


@lru_cache(maxsize=None)
def sections() -> SectionsData:
    return SectionsData.model_validate(_load("sections.json"))


@lru_cache(maxsize=None)
def deadlines() -> DeadlinesData:
    return DeadlinesData.model_validate(_load("deadlines.json"))


@lru_cache(maxsize=None)
def citations() -> CitationsData:
    return CitationsData.model_validate(_load("citations.json"))


@lru_cache(maxsize=None)
def targets() -> TargetsData:
    data = TargetsData.model_validate(_load("targets.json"))
    unknown = set(data.operators_before) | set(data.operators_after)
    if not unknown <= {">", ">=", "<", "<=", "=", "~"}:
        raise ValueError(f"targets.json: unknown operators {sorted(unknown)}")
    return data


@lru_cache(maxsize=None)
def unit_spans() -> UnitSpansData:
    return UnitSpansData.model_validate(_load("unit_spans.json"))


@lru_cache(maxsize=None)
def unit_roles() -> UnitRolesData:
    return UnitRolesData.model_validate(_load("unit_roles.json"))


@lru_cache(maxsize=None)
def person_titles() -> tuple[str, ...]:
    """How a person is addressed before a name ('Đồng chí', 'Đ/c', 'Ông', 'Bà'): the gazetteer's person heads,
    longest first."""
    return tuple(sorted((k.head for k in units().kinds if k.kind == "person"), key=len, reverse=True))


@lru_cache(maxsize=None)
def unit_heads_folded() -> tuple[str, ...]:
    """Unit head words, folded, longest first (so 'ban chỉ đạo' wins over 'ban')."""
    heads = {fold(k.head) for k in units().kinds}
    return tuple(sorted(heads, key=len, reverse=True))


def unit_head_at(s: str) -> Optional[str]:
    """The unit head word a phrase begins with ('các phòng ...' -> 'phòng'), or None."""
    f = fold(s)
    not_starts, determiners, named = _unit_start_words()
    if f.startswith(not_starts):
        return None
    for det in determiners:
        if f.startswith(det):
            f = f[len(det):]
            break
    first = _FIRST_WORD.match(f)
    if first is None:
        return None
    heads, names = _starts_by_first_word()
    for head in heads.get(first.group(0), ()):  # longest first
        if f.startswith(head) and (len(f) == len(head) or not f[len(head)].isalnum()):
            return head
    for name in names.get(first.group(0), ()):  # in the data's order
        if f.startswith(name):
            return name
    return None




@lru_cache(maxsize=None)
def _starts_by_first_word() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Unit heads (longest first) and named units (in order) by their first word: a phrase is compared only with
    those that can begin it."""
    def by_first(words: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
        out: dict[str, list[str]] = {}
        for w in words:
            m = _FIRST_WORD.match(w)
            out.setdefault(m.group(0) if m else "", []).append(w)
        return {k: tuple(v) for k, v in out.items()}
    return by_first(unit_heads_folded()), by_first(_unit_start_words()[2])


@lru_cache(maxsize=None)
def _unit_start_words() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """For `unit_head_at`: what never starts a unit, the plural determiners with their space, the named units
    folded, in the data's order."""
    u = units()
    return tuple(u.not_unit_starts), tuple(det + " " for det in u.plural_determiners), tuple(fold(n) for n in u.named)


@lru_cache(maxsize=None)
def _head_prefix_re():
    import re

    dets = "|".join(re.escape(d) for d in units().plural_determiners)
    heads = "|".join(re.escape(k.head) for k in sorted(units().kinds, key=lambda k: len(k.head), reverse=True))
    return re.compile(rf"^\s*(?:(?:{dets})\s+)?(?:{heads})(?![\w])", re.IGNORECASE)


def unit_head_length(s: str) -> int:
    """Characters taken by the determiner and unit head a phrase opens with ('Ủy ban nhân dân các ...' -> 15)."""
    if unit_head_at(s) is None:
        return 0
    m = _head_prefix_re().match(s)
    return m.end() if m else 0


class OcrConfusionsData(_Data):
    cost: float  # in letter edits: what reading one confusion the other way costs
    confusions: list[tuple[str, str]]  # (as printed, base letters meant)


@lru_cache(maxsize=None)
def ocr_confusions() -> OcrConfusionsData:
    data = OcrConfusionsData.model_validate(_load("ocr_confusions.json"))
    for printed, meant in data.confusions:
        if not printed or printed == meant:
            raise ValueError(f"ocr_confusions.json: bad pair {printed!r} -> {meant!r}")
    return data

