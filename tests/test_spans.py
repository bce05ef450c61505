"""Units named in prose (extraction/spans.py, data/unit_spans.json): the data's format, that every rule means what
its example says, and real-looking duty sentences: where a unit's name ends, who leads, who is a partner and
who is not (data contract, 'Support is a partner only')."""
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from planparse import lexicon
from planparse.extraction import spans
from planparse.extraction.units import partners_in, split_units, strip_assignment, subject_units, unit_phrase_end


def _partners(text: str) -> list[str]:
    return [u for phrase, _, _ in partners_in(text) for u in split_units(phrase)]


def _leads(text: str) -> list[str]:
    subject = subject_units(strip_assignment(text))
    return split_units(subject) if subject else []


# ------------------------------------------------------------------ the data file
def test_unit_spans_file_has_source_and_version():
    data = json.loads(resources.files("planparse.data").joinpath("unit_spans.json").read_text(encoding="utf-8"))
    assert data["_source"] and isinstance(data["version"], int)
    assert lexicon.unit_spans().rules and lexicon.unit_spans().name_words


@pytest.mark.parametrize("bad", [
    {"typo": 1},
    {"rules": [{"label": "partner", "patterns": [[{"LOWER": "phối"}]], "example": "x", "units": []}]},
    {"rules": [{"label": "partner", "patterns": [[{"NORM": "phối", "OP": "*"}]], "example": "x", "units": []}]},
    {"rules": [{"label": "partner", "patterns": [[{"NORM": "Phối"}]], "example": "x", "units": []}]},
    {"rules": [{"label": "partner", "patterns": [[{"NORM": "phối hợp"}]], "example": "x", "units": []}]},
    {"rules": [{"label": "helper", "patterns": [[{"NORM": "phối"}]], "example": "x", "units": []}]},
])
def test_unknown_keys_and_bad_patterns_are_rejected(bad):
    good = json.loads(resources.files("planparse.data").joinpath("unit_spans.json").read_text(encoding="utf-8"))
    lexicon.UnitSpansData.model_validate(good)  # the file itself is good: only `bad` can fail it
    with pytest.raises(ValidationError):
        lexicon.UnitSpansData.model_validate({**good, **bad})


@pytest.mark.parametrize("rule", lexicon.unit_spans().rules, ids=lambda r: f"{r.label}:{r.example[:30]}")
def test_every_rule_means_what_its_example_says(rule):
    assert _partners(rule.example) == rule.units


def _spacy_doc(nlp, text: str):
    from spacy.tokens import Doc

    tokens = spans._tokens(text)
    spaces = [a.end < b.start for a, b in zip(tokens, tokens[1:])] + [False]
    doc = Doc(nlp.vocab, words=[t.text for t in tokens], spaces=spaces or None)
    for tok, t in zip(doc, tokens):
        tok.norm_ = spans._norm(t.text)
    return doc


@pytest.fixture(scope="module")
def spacy_nlp():
    """spaCy is the oracle for the data's Matcher patterns and for phrase matching (it is in the test extra; the
    library matches with its own index, which starts in no time: README, 'spaCy and the unit finder')."""
    spacy = pytest.importorskip("spacy")
    return spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})


def _sentences() -> list[str]:
    """Real duty sentences: every rule's example, and every line of the real plans in corpus/real."""
    texts = [r.example for r in lexicon.unit_spans().rules]
    texts.append("Phối hợp chặt chẽ với Sở Y tế; phối hợp, tạo điều kiện thuận lợi cho các xã; kết hợp với Công an.")
    for path in sorted((Path(__file__).parent.parent / "corpus" / "real").rglob("*.md")):
        texts += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


def test_rules_as_phrases_find_what_spacys_matcher_finds(spacy_nlp):
    from spacy.matcher import Matcher

    matcher = Matcher(spacy_nlp.vocab, validate=True)
    for rule in lexicon.unit_spans().rules:
        matcher.add(rule.label, [[t.model_dump(exclude_none=True) for t in p] for p in rule.patterns])
    text = " ".join(_sentences()[:len(lexicon.unit_spans().rules) + 1])
    doc = _spacy_doc(spacy_nlp, text)
    strings = doc.vocab.strings
    by_matcher = {(strings[m], s, e) for m, s, e in matcher(doc)}
    by_index = {(label, s, e) for label, s, e in spans._matcher().matches([t.norm_ for t in doc]) if label.islower()}
    assert by_matcher == by_index


def test_the_phrase_index_finds_what_spacys_phrase_matcher_finds(spacy_nlp):
    from spacy.matcher import PhraseMatcher

    matcher = PhraseMatcher(spacy_nlp.vocab, attr="NORM")
    for label, words in spans._word_lists().items():
        matcher.add(label, [_spacy_doc(spacy_nlp, w) for w in words])
    for rule in lexicon.unit_spans().rules:
        matcher.add(rule.label, [_spacy_doc(spacy_nlp, ph) for p in rule.patterns for ph in spans._phrases(p)])
    sentences = _sentences()
    assert len(sentences) > 1000
    for text in sentences:
        doc = _spacy_doc(spacy_nlp, text)
        strings = doc.vocab.strings
        by_spacy = sorted({(strings[m], s, e) for m, s, e in matcher(doc)})
        by_index = sorted(set(spans._matcher().matches([t.norm_ for t in doc])))
        assert by_index == by_spacy, text


def test_extraction_imports_no_spacy():
    code = ("import sys; from planparse.extraction import spans; spans.unit_span_end('Sở Nội vụ chủ trì');"
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


# ------------------------------------------------------------------ where a unit's name ends
@pytest.mark.parametrize("text,unit", [
    ("Sở Nội vụ thực hiện tốt kế hoạch đề ra.", "Sở Nội vụ"),
    ("Sở Y tế kiểm tra, giám sát việc sử dụng kinh phí", "Sở Y tế"),
    ("Sở Xây dựng tổ chức kiểm tra an toàn công trình", "Sở Xây dựng"),
    ("Sở Văn hoá, Thể thao và Du lịch Chủ trì triển khai các nhiệm vụ", "Sở Văn hoá, Thể thao và Du lịch"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh căn cứ chức năng, nhiệm vụ", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("Trung tâm Kiểm soát bệnh tật tỉnh chủ trì điều phối", "Trung tâm Kiểm soát bệnh tật tỉnh"),
    ("Chi cục Hải quan khu vực XIII triển khai", "Chi cục Hải quan khu vực XIII"),
    ("UBND các xã tổ chức tuyên truyền sâu rộng", "UBND các xã"),
    ("các cơ quan, tổ chức có liên quan căn cứ Kế hoạch này", "các cơ quan, tổ chức có liên quan"),
    ("Các tổ chức thành viên của MTTQ Việt Nam phường tham gia kiểm tra", "Các tổ chức thành viên của MTTQ Việt Nam phường"),
    ("Ban công tác Mặt trận các tổ dân phố căn cứ kế hoạch này", "Ban công tác Mặt trận các tổ dân phố"),
    ("Đoàn kiểm tra làm việc với các cơ sở", "Đoàn kiểm tra"),
    ("các địa phương giám sát dịch bệnh", "các địa phương"),
    ("Các sở, ban, ngành, đoàn thể và Ủy ban nhân dân các xã, phường, đặc khu căn cứ chức năng",
     "Các sở, ban, ngành, đoàn thể và Ủy ban nhân dân các xã, phường, đặc khu"),
    ("Sở Nội vụ (Ban Thi đua - Khen thưởng) tiến hành họp xét", "Sở Nội vụ (Ban Thi đua - Khen thưởng)"),
    ("Phòng Văn hóa và Thông tin", "Phòng Văn hóa và Thông tin"),
    # what a body supplies is part of its name ("doanh nghiệp cung cấp dịch vụ viễn thông")
    ("Các doanh nghiệp cung cấp dịch vụ viễn thông đầu tư hạ tầng trạm 5G", "Các doanh nghiệp cung cấp dịch vụ viễn thông"),
    ("Chi cục Biển đảo và Thủy sản hướng dẫn các cơ sở nuôi trồng", "Chi cục Biển đảo và Thủy sản"),
    # a committee named after its remit runs over its commas and 'và' to its level word
    ("Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn xã chỉ đạo các thôn",
     "Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn xã"),
    ("Ban Chỉ đạo công tác giảm nghèo bền vững xã kiểm tra việc rà soát", "Ban Chỉ đạo công tác giảm nghèo bền vững xã"),
    ("Ban Chỉ đạo chỉ đạo các xã rà soát hộ nghèo", "Ban Chỉ đạo"),  # what it directs is not its remit
    ("Ban Chỉ huy Quân sự xã tổ chức huấn luyện", "Ban Chỉ huy Quân sự xã"),
    # a head whose first word also names things ('các bệnh truyền nhiễm'), and the tier a kind of body works at
    ("Các bệnh viện tuyến tỉnh bố trí khu cách ly", "Các bệnh viện tuyến tỉnh"),
    ("Các trạm y tế tuyến xã giám sát ca bệnh", "Các trạm y tế tuyến xã"),
    # a branch of a front's member or of the youth union
    ("Các chi hội phụ nữ thôn vận động hội viên", "Các chi hội phụ nữ thôn"),
    ("Chi đoàn các thôn ra quân làm sạch đường làng", "Chi đoàn các thôn"),
    # the central bodies: ministry-level agencies and the Government's own
    ("Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ tổ chức xây dựng kế hoạch",
     "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ"),
    ("Thủ trưởng cơ quan ngang bộ tập trung chỉ đạo", "Thủ trưởng cơ quan ngang bộ"),
    ("Thủ tướng Chính phủ chỉ đạo các bộ", "Thủ tướng Chính phủ"),
    # the fields of a department's own offices ("phổ biến, giáo dục pháp luật", "thi hành án dân sự")
    ("Phòng Phổ biến, giáo dục pháp luật tham mưu tổ chức Ngày Pháp luật", "Phòng Phổ biến, giáo dục pháp luật"),
    ("Chi cục Thi hành án dân sự khu vực phối hợp rà soát", "Chi cục Thi hành án dân sự khu vực"),
])
def test_a_units_name_ends_where_its_duty_begins(text, unit):
    assert text[:unit_phrase_end(text)] == unit


@pytest.mark.parametrize("text", ["Tăng cường công tác tuyên truyền", "Tổ chức hội nghị tổng kết",
                                  "Báo cáo kết quả thực hiện", "Các giải pháp tổ chức thực hiện", "2025 là năm"])
def test_a_duty_without_a_unit_opens_with_none(text):
    assert unit_phrase_end(text) == 0


# ------------------------------------------------------------------ leads and partners in a duty
def test_giao_x_chu_tri_phoi_hop_voi_y():
    text = "Giao Phòng Văn hóa - Xã hội chủ trì, phối hợp với Công an xã triển khai thực hiện."
    assert _leads(text) == ["Phòng Văn hóa - Xã hội"]
    assert _partners(text) == ["Công an xã"]


def test_x_chu_tri_phoi_hop_y_without_voi():
    text = "Sở Tài chính chủ trì, phối hợp các sở, ban, ngành tham mưu bố trí kinh phí thực hiện."
    assert _leads(text) == ["Sở Tài chính"]
    assert _partners(text) == ["các sở, ban, ngành"]


def test_a_partner_committee_keeps_its_remit():
    assert _partners("Trạm Y tế phối hợp với Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn xã tổ chức diễn "
                     "tập.") == ["Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn xã"]


def test_x_phoi_hop_voi_y():
    text = "Báo và Phát thanh, Truyền hình Đồng Nai chủ động phối hợp với Sở Khoa học và Công nghệ và các sở, ngành, " \
           "địa phương xây dựng kế hoạch tuyên truyền."
    assert _leads(text) == ["Báo và Phát thanh, Truyền hình Đồng Nai"]
    assert _partners(text) == ["Sở Khoa học và Công nghệ", "các sở, ngành, địa phương"]


def test_de_nghi_x_y_are_the_leads():
    text = "Đề nghị Viện Kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh phối hợp chặt chẽ với Công an tỉnh."
    assert _leads(text) == ["Viện Kiểm sát nhân dân tỉnh", "Tòa án nhân dân tỉnh"]
    assert _partners(text) == ["Công an tỉnh"]


def test_phoi_hop_tao_dieu_kien_cho_y_is_a_partner():
    assert _partners("Các ngân hàng thương mại phối hợp, tạo điều kiện thuận lợi cho Ủy ban nhân dân xã, phường "
                     "trong việc mở tài khoản.") == ["Ủy ban nhân dân xã, phường"]


@pytest.mark.parametrize("text,unit", [
    ("Định kỳ báo cáo kết quả về UBND thị xã (phòng Văn hóa – Thông tin) để tổng hợp.", "phòng Văn hóa – Thông tin"),
    ("Định kỳ hằng năm báo cáo kết quả về Ủy ban nhân dân thành phố (qua Công an thành phố) để tổng hợp chung.",
     "Công an thành phố"),
    ("Gửi báo cáo trước ngày 10/12/2025. Đơn vị tổng hợp: Văn phòng UBND tỉnh.", "Văn phòng UBND tỉnh"),
    ("Hằng quý báo cáo Ủy ban nhân dân tỉnh (thông qua Sở Tư pháp) kết quả thực hiện.", "Sở Tư pháp"),
    ("Gửi kế hoạch về UBND huyện (qua Phòng Văn hóa và Thông tin) trong tháng 01/2026.", "Phòng Văn hóa và Thông tin"),
    ("Định kỳ báo cáo kết quả thực hiện trước ngày 20/11 về Sở Khoa học và Công nghệ để tổng hợp.", "Sở Khoa học và Công nghệ"),
    ("Tiếp nhận kiến nghị của các doanh nghiệp, gửi Sở Khoa học và Công nghệ tổng hợp.", "Sở Khoa học và Công nghệ"),
    ("Hằng năm báo cáo kết quả về Ban Chỉ huy Phòng thủ dân sự tỉnh qua Văn phòng Ban Chỉ huy Phòng thủ dân sự tỉnh để "
     "tổng hợp, báo cáo.", "Văn phòng Ban Chỉ huy Phòng thủ dân sự tỉnh"),
])
def test_the_compiler_is_a_partner(text, unit):
    assert _partners(text) == [unit]


@pytest.mark.parametrize("text", [
    "Báo cáo UBND tỉnh kết quả thực hiện trước ngày 15/12/2025.",
    "Hướng dẫn các doanh nghiệp trên địa bàn thực hiện chuyển đổi số.",
    "Đôn đốc UBND các xã, phường triển khai thực hiện.",
    "Thẩm định dự toán trên cơ sở đề xuất của các sở, ngành, địa phương.",
    "Hỗ trợ các hợp tác xã tiếp cận vốn vay.",
    "Chủ trì, phối hợp thực hiện các nhiệm vụ được giao.",
    "Phối hợp chặt chẽ giữa các sở, ban, ngành trong công tác phòng, chống ma túy.",
    "Ứng dụng dữ liệu lớn, kết hợp với các công nghệ mở để phát triển các nền tảng số.",
    "Thực hiện theo Quy chế phối hợp 49/QCPH-UBND-UBMT-HCTĐ và quy định hiện hành.",
    "Tiếp nhận phản ánh của người dân (qua cổng dịch vụ công, ứng dụng di động).",
    "Ủy ban nhân dân tỉnh tổng kết và báo cáo Chính phủ (qua Bộ Công an) theo quy định.",
    "Tuyên truyền về Sở Tư pháp và các hoạt động của ngành.",
    "Gửi UBND tỉnh và Sở Nội vụ trước ngày 15/12 để theo dõi.",
    "Tăng cường, hoàn thiện cơ chế phối hợp thanh tra, kiểm tra, giám sát liên ngành.",  # a mechanism, no partner
])
def test_who_is_not_a_partner(text):
    assert _partners(text) == []


def test_a_body_a_report_goes_through_counts_only_when_its_whole_name_is_read():
    assert _partners("Báo cáo Ủy ban nhân dân tỉnh (qua Sở Nội vụ để tổng hợp) trước ngày 15/12.") == ["Sở Nội vụ"]
    # the name reads on in lower case past what the unit finder takes ("Phòng Cảnh sát" ...): left out, not cut
    assert _partners("Gửi báo cáo về Công an tỉnh (qua Phòng Cảnh sát điều tra tội phạm về ma túy) trước ngày 25/10.") == []


def test_partners_after_phoi_hop_chat_che_without_voi_and_research_institutes():
    assert _partners("Chỉ đạo các đơn vị trực thuộc phối hợp chặt chẽ lực lượng Công an tỉnh kiểm tra địa bàn.") == [
        "lực lượng Công an tỉnh"]
    assert _partners("Phối hợp với các viện nghiên cứu để phát triển công nghệ mới.") == ["các viện nghiên cứu"]


def test_a_partner_list_ends_where_the_partners_report_guide_or_help_others():
    assert _partners("Phòng Văn hóa - Xã hội phối hợp với Công an xã hướng dẫn UBND các thôn thực hiện.") == ["Công an xã"]
    assert _partners("Sở Y tế chủ trì, phối hợp với Công an tỉnh và báo cáo UBND tỉnh kết quả.") == ["Công an tỉnh"]


def test_a_body_named_by_its_remit_keeps_the_remit_in_its_name():
    # "chuyên trách" (specialised in) names the body by its field of work, which reads on as part of the name;
    # elsewhere "phòng, chống" ends a name ("phối hợp với các sở phòng, chống dịch": what they do)
    assert _partners("Chủ trì, phối hợp chặt chẽ với lực lượng chuyên trách phòng, chống tội phạm về ma túy.") == [
        "lực lượng chuyên trách phòng, chống tội phạm về ma túy"]
    assert _partners("Đồn Biên phòng phối hợp với lực lượng chuyên trách phòng, chống buôn lậu của Hải quan tuần tra "
                     "địa bàn.") == ["lực lượng chuyên trách phòng, chống buôn lậu của Hải quan"]
    assert _partners("Công an xã phối hợp với cán bộ chuyên trách về phòng, chống bạo lực gia đình và các đoàn thể tổ "
                     "chức tuyên truyền.") == ["cán bộ chuyên trách về phòng, chống bạo lực gia đình", "các đoàn thể"]
    # a connector with no more of the remit after it stays out; no remit: the name ends at the opener
    assert _partners("Phối hợp với tổ chuyên trách phòng, chống thiên tai, Ủy ban nhân dân các xã rà soát.") == [
        "tổ chuyên trách phòng, chống thiên tai", "Ủy ban nhân dân các xã"]
    assert _partners("Sở Y tế phối hợp với các đơn vị chuyên trách tổ chức kiểm tra.") == ["các đơn vị chuyên trách"]
    assert _partners("Phối hợp với các sở phòng, chống dịch bệnh cho gia súc.") == ["các sở"]
    assert _partners("Phối hợp với lực lượng chuyên trách khu vực vùng biển tuần tra.") == [
        "lực lượng chuyên trách khu vực vùng biển"]


def test_a_kind_of_body_keeps_the_service_it_provides_and_where_it_works():
    assert _partners("Sở Y tế chủ trì, phối hợp với các tổ chức chi trả dịch vụ triển khai chi trả.") == [
        "các tổ chức chi trả dịch vụ"]
    assert _partners("Tổng hợp nhu cầu, phối hợp với các tổ chức cung cấp dịch vụ chi trả phát hành thẻ.") == [
        "các tổ chức cung cấp dịch vụ chi trả"]
    assert _partners("Chỉ đạo phòng chuyên môn phối hợp tổ chức chính trị - xã hội tại địa phương thực hiện tuyên truyền.") == [
        "tổ chức chính trị - xã hội tại địa phương"]
    assert unit_phrase_end("Các tổ chức chi trả trợ cấp đúng hạn cho người hưởng.") == len("Các tổ chức")
    assert _partners("Chủ động phối hợp với các cơ quan, đơn vị, tổ chức khoa học trong và ngoài nước để trao đổi kinh "
                     "nghiệm.") == ["các cơ quan, đơn vị, tổ chức khoa học trong và ngoài nước"]


def test_partners_named_without_a_head_of_the_gazetteer():
    assert _partners("Phối hợp chính quyền địa phương, Mặt trận cơ sở và các đoàn thể giám sát việc phân bố.") == [
        "chính quyền địa phương", "Mặt trận cơ sở", "các đoàn thể"]
    assert _partners("Phối hợp với cấp trên để đảm bảo nguồn lực thực hiện Kế hoạch.") == ["cấp trên"]


# ------------------------------------------------------------------ invariants
@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="Sở Nội vụ phối hợp với các xã, phường UBND Tổ chức (qua) để tổng hợp: báo cáo.-–",
               max_size=120))
def test_spans_slice_back_and_stay_inside_the_text(text):
    n = unit_phrase_end(text)
    assert 0 <= n <= len(text)
    assert n == 0 or not text[n - 1].isspace()
    for phrase, start, end in partners_in(text):
        assert text[start:end] == phrase and phrase.strip() == phrase


def test_every_remit_word_reads_on_after_a_remit_opener():
    data = lexicon.unit_spans()
    assert set(data.remit_connectors) <= set(data.remit_words)
    for opener in data.remit_openers:
        for word in data.remit_words:
            name = f"lực lượng {opener} {word}"
            expected = name if word not in data.remit_connectors else f"lực lượng {opener}"
            assert _partners(f"Công an tỉnh phối hợp với {name} triển khai kế hoạch.") == [expected], word


def test_the_body_a_report_goes_through_in_prose_is_a_partner():
    assert _partners("Báo cáo UBND tỉnh kết quả thực hiện thông qua Sở Nội vụ trước ngày 15 hằng tháng.") == ["Sở Nội vụ"]
    assert _partners("Gửi hồ sơ đề nghị khen thưởng qua Văn phòng UBND tỉnh.") == ["Văn phòng UBND tỉnh"]
    # not a report's way: a channel of a campaign, or the activities a result comes from; nor a ministry on the
    # issuer's own report upward
    assert _partners("Tuyên truyền thông qua Đài Phát thanh và Truyền hình tỉnh.") == []
    assert _partners("Tổ chức tuyên truyền; báo cáo kết quả thông qua các hoạt động của Đoàn Thanh niên.") == []
    assert _partners("Báo cáo Chính phủ thông qua Bộ Công an.") == []
    assert _partners("Báo cáo kết quả thực hiện. Tuyên truyền qua Đài Truyền thanh xã.") == []


@pytest.mark.parametrize("duty,lead", [
    ("Phòng Cảnh sát quản lý hành chính về trật tự xã hội (PC06) chủ trì, phối hợp Công an các xã tổ chức thu nhận "
     "hồ sơ.", ["Phòng Cảnh sát quản lý hành chính về trật tự xã hội"]),
    ("Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao (PA05) bảo đảm an ninh hệ thống thông tin.",
     ["Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao"]),
    ("Sở Nội vụ tổ chức hội nghị tập huấn (HN) cho cán bộ.", ["Sở Nội vụ"]),
    ("Công an xã phối hợp lực lượng dân quân (DQ) tuần tra.", ["Công an xã"]),
])
def test_a_long_name_runs_to_the_code_in_brackets_it_is_known_by(duty, lead):
    assert _leads(duty) == lead


def test_a_remit_that_prints_a_comma_parts_no_units_and_the_partner_after_a_lead_clause():
    assert split_units("Phòng An ninh mạng và phòng, chống tội phạm, Công an tỉnh") == [
        "Phòng An ninh mạng và phòng, chống tội phạm", "Công an tỉnh"]
    assert _partners("Ban Tuyên giáo chủ trì; các Hội LHPN huyện, thành, thị phối hợp thực hiện.") == [
        "các Hội LHPN huyện, thành, thị"]
    assert _partners("Sở Nội vụ chủ trì, hướng dẫn các xã thực hiện.") == []


@pytest.mark.parametrize("duty,lead", [
    ("Trung tâm Khuyến công tỉnh hỗ trợ doanh nghiệp nông thôn.", ["Trung tâm Khuyến công tỉnh"]),
    ("Các Viện Vệ sinh dịch tễ hướng dẫn giám sát ca bệnh.", ["Các Viện Vệ sinh dịch tễ"]),
    ("Trung tâm Xúc tiến thương mại tổ chức hội chợ.", ["Trung tâm Xúc tiến thương mại"]),
])
def test_fields_a_bodys_name_is_made_of_go_on_with_it(duty, lead):
    assert _leads(duty) == lead
