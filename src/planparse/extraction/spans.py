"""Units named in prose as token spans, found with one phrase index over data.

The index reads folded words: the unit gazetteer (data/units.json, data/admin_levels.json), the word classes
of data/unit_spans.json, and its rules, the wordings around units (partners, compilers, words after which a unit
is no partner), written as spaCy Matcher patterns of fixed and optional tokens. A unit's name runs from its head
over capitalised words (each to the end of its dictionary word: "Sở Nội vụ"), numbers and the lowercase words
names are made of; it goes on after a joiner ("," "và" "thuộc" ...) only when more of a name follows, and ends at
any other word: a verb, a preposition, a colon. A name must name a body, not only a field ("các công nghệ").
No tagger and no trained model: the words are data, the order of the checks below is the grammar. The index
finds what spaCy's PhraseMatcher would (the rules are spaCy Matcher patterns, and tests hold both to spaCy), without
spaCy's 0.6 s and 90 MB of start-up, which cost more than the rest of a one-file extraction.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from itertools import product
from pathlib import Path

from .. import lexicon
from ..text import fold, nfc, normalize_tones

_TOKEN = re.compile(r"\.\.\.|…|[^\W_]+|\S")
_WORD_CLASSES = ("HEAD", "KIND", "LEVEL", "BODY", "NAME", "FUNC", "TAIL", "STOP", "DET", "JOIN", "REMIT")


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def capital(self) -> bool:
        return self.text[:1].isupper() or self.text[:1].isdigit()


@dataclass(frozen=True)
class _Analysis:
    tokens: tuple[_Token, ...]
    classes: tuple[dict[str, int], ...]  # per token: word class -> end (token index) of its longest phrase there
    rules: tuple[tuple[str, int, int], ...]  # (label, start, end) of the rules found, not overlapping, in order


@lru_cache(maxsize=65536)
def _norm(word: str) -> str:
    return fold(word)


@lru_cache(maxsize=None)
def _compounds() -> frozenset[str]:
    """Words of several syllables (underthesea's Viet74K list, lowercase): a name capitalises only a word's first
    syllable ("Sở Nội vụ", "Chi cục Hải quan"), so the word tells where the capitalised name word ends."""
    spec = find_spec("underthesea")  # the package's data, without importing the package
    path = Path(next(iter(spec.submodule_search_locations or []), "")) / "corpus" / "data" / "Viet74K.txt" if spec else None
    if path is None or not path.is_file():  # a build of underthesea without its word list: names end at heads only
        return frozenset()
    text = normalize_tones(nfc(path.read_text(encoding="utf-8")).lower())
    return frozenset(w for w in text.splitlines() if " " in w)


def _compound_length(tokens: tuple[_Token, ...], i: int, longest: int = 4) -> int:
    """Syllables of the word a capitalised syllable begins ("Nội vụ" -> 2), at least 1."""
    words = _compounds()
    for k in range(min(longest, len(tokens) - i), 1, -1):
        rest = tokens[i + 1:i + k]
        if all(t.text.isalpha() and t.text.islower() for t in rest):
            if " ".join(_norm(t.text) for t in tokens[i:i + k]) in words:
                return k
    return 1


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _word_lists() -> dict[str, list[str]]:
    units, spans = lexicon.units(), lexicon.unit_spans()
    return {
        "HEAD": [k.head for k in units.kinds] + units.named,
        "KIND": units.bare_kinds,
        "LEVEL": [w.word for w in lexicon.levels().level_words],
        "BODY": spans.body_words,
        "NAME": spans.name_words,
        "FUNC": spans.function_words,
        "TAIL": units.unit_tails,
        "STOP": units.duty_verbs + spans.stops,
        "DET": units.plural_determiners,
        "JOIN": spans.joiners,
        "REMIT": spans.remit_words,
    }


def _phrases(pattern: list[lexicon.TokenSpec]) -> list[str]:
    """The phrases a pattern of fixed, alternative and optional tokens matches."""
    choices = [t.words + ([""] if t.OP == "?" else []) for t in pattern]
    return [" ".join(w for w in combo if w) for combo in product(*choices)]


class _PhraseIndex:
    """Phrases of folded words under their labels, as a trie of dicts: every (label, start, end) where a phrase
    occurs in a token sequence, overlapping ones included, as spaCy's PhraseMatcher on the NORM attribute finds
    them (tests/test_spans.py checks the two agree)."""

    _LABELS = ""  # the key under which a node keeps the labels of the phrases ending there (no word is empty)

    def __init__(self) -> None:
        self._root: dict = {}
        self.longest = 0

    def add(self, label: str, words: list[str]) -> None:
        if not words:
            return
        node = self._root
        for word in words:
            node = node.setdefault(word, {})
        labels = node.setdefault(self._LABELS, [])
        if label not in labels:
            labels.append(label)
        self.longest = max(self.longest, len(words))

    def matches(self, words: list[str]) -> list[tuple[str, int, int]]:
        found: list[tuple[str, int, int]] = []
        for start in range(len(words)):
            node = self._root
            for end in range(start, min(len(words), start + self.longest)):
                node = node.get(words[end])
                if node is None:
                    break
                found.extend((label, start, end + 1) for label in node.get(self._LABELS, ()))
        return found


def _words(text: str) -> list[str]:
    return [_norm(t.text) for t in _tokens(text)]


@lru_cache(maxsize=None)
def _matcher() -> _PhraseIndex:
    """One index, built once, for the word classes (upper-case labels) and the rules (their labels): the rules'
    patterns are finite, so they are matched as the phrases they stand for."""
    index = _PhraseIndex()
    for label, words in _word_lists().items():
        for w in words:
            index.add(label, _words(w))
    for rule in lexicon.unit_spans().rules:
        for p in rule.patterns:
            for ph in _phrases(p):
                index.add(rule.label, _words(ph))
    return index


@lru_cache(maxsize=4096)
def _analyse(text: str) -> _Analysis:
    tokens = _tokens(text)
    if not tokens:
        return _Analysis((), (), ())
    classes: list[dict[str, int]] = [{} for _ in tokens]
    found: list[tuple[str, int, int]] = []
    for label, start, end in _matcher().matches([_norm(t.text) for t in tokens]):
        if label.isupper():
            classes[start][label] = max(end, classes[start].get(label, 0))
        else:
            found.append((label, start, end))
    kept: list[tuple[str, int, int]] = []
    for label, s, e in sorted(found, key=lambda r: (r[1] - r[2], r[1])):  # longest first; one inside it is part of it
        # (two rules on the same words both hold: "gửi" ends a unit list and names who compiles: "gửi X tổng hợp")
        if all(e <= ks or s >= ke or (s, e) == (ks, ke) for _, ks, ke in kept):
            kept.append((label, s, e))
    for label, s, e in kept:
        if label == "not_partner":
            classes[s]["STOP"] = max(e, classes[s].get("STOP", 0))
    return _Analysis(tuple(tokens), tuple(classes), tuple(sorted(kept, key=lambda r: r[1])))


def _matching_bracket(tokens: tuple[_Token, ...], i: int, limit: int = 40) -> int:
    """Index of the ')' closing the '(' at i, or -1."""
    depth = 0
    for k in range(i, min(len(tokens), i + limit)):
        if tokens[k].text == "(":
            depth += 1
        elif tokens[k].text == ")":
            depth -= 1
            if depth == 0:
                return k
    return -1


def _name_end(a: _Analysis, i: int) -> int:
    """Token index just after the unit list starting at token i (i when none starts there)."""
    tokens, n = a.tokens, len(a.tokens)
    first = last = i
    prev = ""  # class of the token taken just before
    item_start = True  # a new item of the list may begin here: at the start, after a joiner or a determiner
    own_kind = False
    members = False  # the last name read names members or a kind of unit ("các thành viên", "các cơ quan")
    body = False  # a kind of body was named, not only what it deals with ("các công nghệ mở" names none)
    while i < n:
        cls, tok = a.classes[i], tokens[i]
        length = {c: cls.get(c, i) - i for c in _WORD_CLASSES}
        head = length["HEAD"] if item_start or tok.capital else 0  # "UBND các xã lãnh đạo ...": no head mid-name
        name_len = max(head, length["KIND"], length["LEVEL"], length["BODY"], length["NAME"])
        stop = length["STOP"] and length["STOP"] >= name_len
        if stop and item_start and i > first and max(head, length["KIND"]) >= length["STOP"]:
            stop = False  # "các cơ quan, tổ chức có liên quan": a kind where a later item begins
        if stop and tok.capital and (prev == "HEAD" or item_start and i > first):
            stop = False  # "Sở Xây dựng", "Địa chính - Xây dựng": a capitalised word right after a head or joiner
        if stop and members and i + 1 < n and _norm(tok.text) in _member_joiners() and a.classes[i + 1].get("HEAD"):
            i += 1  # "các thành viên trong tiểu ban": the body the members are in goes on with the name
            item_start, prev = True, ""
            continue
        if stop:
            break
        compound = _compound_length(tokens, i) if tok.capital else 0
        if head and i + head < n and any(a.classes[i + head].get(c) for c in ("FUNC", "NAME", "KIND", "LEVEL")):
            compound = 0  # "Ban công tác Mặt trận": the head, then more of its name ("Tổ quốc" is one word)
        joiner = max(length["DET"], length["JOIN"] if i > first else 0)
        if joiner and joiner >= max(name_len, length["TAIL"]):
            i += joiner  # taken only if more of a name follows
            item_start, prev = True, "DET" if joiner == length["DET"] else ""
            continue
        if last > first and length["TAIL"]:
            take, prev, own_kind = length["TAIL"], "TAIL", False
        elif max(compound, name_len):
            if tok.text[:1].isdigit() and last == first:
                break  # a number does not begin a unit's name ("Quy chế phối hợp 49/QCPH-...")
            take = max(compound, name_len)  # the longest reading: "các tổ chức" is a kind, not the head "Tổ"
            if take == head and item_start:
                take = max(take, _committee_end(a, i) - i)
            elif take == length["NAME"] and _words_at(a, i, take) in _remit_openers():
                take = _remit_end(a, i + take) - i
            # members or a kind of unit in general ("các thành viên", "các cơ quan"), not one body ("Sở Y tế")
            members = take in (length["KIND"], length["BODY"]) and (prev == "DET" or not tok.capital) \
                or members and take == length["NAME"]  # "các thành viên khác"
            prev = "HEAD" if take == head else "NAME"
            body = body or tok.text[:1].isupper() or take in (head, length["KIND"], length["LEVEL"], length["BODY"])
            # a body's own kind, after which what it does may follow ("Đoàn kiểm tra", "các cơ quan quản lý");
            # not a body it belongs to ("tổ chức thành viên của Mặt trận kiểm tra ..."), nor a head that is a whole
            # name ("Ban Giám hiệu kiểm tra ...", "Ban Chỉ đạo giám sát ...")
            own_kind = take == head and item_start and (i == first or not tok.capital) \
                and not any(t.capital for t in tokens[i + 1:i + take]) \
                or take == length["KIND"] and _provides_service(a, i + take)
        elif length["FUNC"] and (own_kind or prev == "FUNC"):
            take, prev, own_kind = length["FUNC"], "FUNC", False
        elif tok.text == "(" and last > first:
            close = _matching_bracket(tokens, i)
            if close < 0 or i + 1 == close:
                break
            take, prev, own_kind = close + 1 - i, "NAME", False  # a remark or member list stays with its unit
        else:
            break
        i += take
        last = i
        item_start = False
    if body and tokens[first].capital:
        last = _through_own_code(a, last)
    return last if body else first


CODE_LOOKAHEAD = 16  # words of a long name the name reading stopped short of, before its code in brackets
_CODE = re.compile(r"[A-ZĐ][A-ZĐ0-9&]{1,9}")


def _through_own_code(a: _Analysis, last: int) -> int:
    """'Phòng Cảnh sát quản lý hành chính về trật tự xã hội (PC06) chủ trì': a body's name goes on up to the code in
    brackets it is known by, when only lowercase words of no duty come between (no verb of a duty, no stop word, no
    new capitalised name)."""
    tokens, n = a.tokens, len(a.tokens)
    if not any(t.text == "(" for t in tokens[last + 1:last + CODE_LOOKAHEAD]):
        return last  # (most names are followed by no bracket at all)
    rule_starts = {s for _, s, _ in a.rules}
    for k in range(last, min(n - 2, last + CODE_LOOKAHEAD)):
        t = tokens[k]
        if t.text == "(":
            coded = k > last and _CODE.fullmatch(tokens[k + 1].text) and tokens[k + 2].text == ")"
            return k + 3 if coded else last
        if t.capital or not (t.text[:1].isalpha() or t.text in (",", "-", "–")) \
                or (k in rule_starts or a.classes[k].get("STOP")) and not a.classes[k].get("REMIT") \
                or " ".join(_norm(x.text) for x in tokens[k:k + 3]).startswith(_duty_verbs()):
            return last  # a duty, not more of the name: "Sở Nội vụ tổ chức hội nghị (HN)", "Công an xã phối hợp ..."
    return last


@lru_cache(maxsize=1)
def _duty_verbs() -> tuple[str, ...]:
    return tuple(fold(v) for v in lexicon.units().duty_verbs)


@lru_cache(maxsize=None)
def _member_joiners() -> frozenset[str]:
    return frozenset(fold(w) for w in lexicon.unit_spans().member_joiners)


@lru_cache(maxsize=None)
def _remit_openers() -> frozenset[str]:
    return frozenset(" ".join(_words(w)) for w in lexicon.unit_spans().remit_openers)


@lru_cache(maxsize=None)
def _remit_connectors() -> frozenset[str]:
    return frozenset(" ".join(_words(w)) for w in lexicon.unit_spans().remit_connectors)


def _words_at(a: _Analysis, i: int, length: int) -> str:
    return " ".join(_norm(t.text) for t in a.tokens[i:i + length])


def _remit_end(a: _Analysis, i: int) -> int:
    """Token index after the remit that follows a remit opener at token i ('lực lượng chuyên trách [về] phòng, chống
    tội phạm về ma túy', a body named by its field of work): the remit's words run on, over 'về', 'và' and commas
    only when more of the remit follows; i where no remit follows."""
    end = k = i
    while k < len(a.tokens) and (length := a.classes[k].get("REMIT", k) - k):
        k += length
        if _words_at(a, k - length, length) not in _remit_connectors():
            end = k
    return end


@lru_cache(maxsize=None)
def _committee_heads() -> tuple[str, ...]:
    return tuple(fold(h) for h in lexicon.citations().committee_heads)


@lru_cache(maxsize=None)
def _committee_first_words() -> frozenset[str]:
    return frozenset(h.split()[0] for h in _committee_heads())


def _committee_end(a: _Analysis, i: int) -> int:
    """Token index after a committee named after its remit that starts at token i ('Ban Chỉ huy phòng, chống thiên
    tai và tìm kiếm cứu nạn xã', 'Ban Chỉ đạo công tác giảm nghèo bền vững xã'): its fields run over commas and 'và'
    to its level word, which the name grammar would not cross; i where none starts there."""
    if _norm(a.tokens[i].text) not in _committee_first_words():
        return i  # the cheap test first: a unit's head is read here for every name
    toks = a.tokens[i:i + 40]
    text, offsets = "", []
    for t in toks:
        text += " " * (t.start - toks[0].start - len(text)) + t.text
        offsets.append(t.start - toks[0].start)
    if not fold(text).startswith(_committee_heads()):
        return i
    from .citations import committee_name_end  # citations reads units, which read this module

    end = committee_name_end(text, one_field=True)
    if end is None:
        return i
    return i + next((k for k, o in enumerate(offsets) if o >= end), len(offsets))


def _provides_service(a: _Analysis, i: int) -> bool:
    """'các tổ chức chi trả dịch vụ', 'các đơn vị cung cấp dịch vụ bưu chính': after a kind of body, the service it
    provides is part of its name (a run of function words that names a service); 'các cơ quan, đơn vị cung cấp
    thông tin kịp thời' goes on with what the bodies do."""
    while i < len(a.tokens) and (n := a.classes[i].get("FUNC", i) - i):
        if _norm(a.tokens[i].text) == "dịch" and i + 1 < len(a.tokens) and _norm(a.tokens[i + 1].text) == "vụ":
            return True
        i += n
    return False


def _reported_before(a: _Analysis, i: int, within: int = 24) -> bool:
    """'báo cáo UBND Thành phố kết quả thực hiện | thông qua ...': a report or a sending earlier in the same clause."""
    for k in range(i - 1, max(-1, i - within), -1):
        word = _norm(a.tokens[k].text)
        if word in (".", ";", ":"):
            return False
        if word == "gửi" or word == "báo" and k + 1 < i and _norm(a.tokens[k + 1].text) == "cáo":
            return True
    return False


def _compiles_after(a: _Analysis, i: int, within: int = 16) -> bool:
    """'... gửi về Sở Nội vụ trước ngày 15/02/2027 để tổng hợp', '... gửi Sở Khoa học và Công nghệ tổng hợp': the unit
    sent to compiles what it gets, in the same sentence; sent to without 'để tổng hợp' it only receives, and sent
    to through another unit ('về Ban Chỉ huy ... qua Văn phòng ... để tổng hợp') it is not who compiles."""
    words = [_norm(t.text) for t in a.tokens[i:i + within]]
    if words[:2] == ["tổng", "hợp"]:
        return True
    for k in range(len(words)):
        if words[k] in (".", ";", "qua"):
            return False
        if words[k:k + 3] == ["để", "tổng", "hợp"]:
            return True
    return False


@lru_cache(maxsize=None)
def _national_heads() -> tuple[str, ...]:
    return tuple(fold(k.head) + " " for k in lexicon.units().kinds if k.level == "national")


def _national(name: str) -> bool:
    """Does the name begin with the head of a national body ('Bộ Công an')?"""
    return fold(name).startswith(_national_heads())


def unit_span_end(text: str) -> int:
    """Characters taken by the unit list `text` opens with, up to where its last name ends (0 when none)."""
    a = _analyse(text)
    end = _name_end(a, 0)
    return a.tokens[end - 1].end if end else 0


def partner_spans(text: str) -> list[tuple[str, int, int]]:
    """Partners named inside a duty, as (phrase, start, end) in `text`: the unit list after a partner or compiler
    rule ('phối hợp (với)', 'phối hợp, tạo điều kiện cho', 'kết hợp với', 'Đơn vị tổng hợp:') and the unit in
    brackets before 'để tổng hợp', and the unit a duty sends to 'để tổng hợp' ('gửi về X ... để tổng hợp'). A unit after
    a not_partner rule ('báo cáo', 'hướng dẫn') ends the list."""
    a = _analyse(text)
    out: list[tuple[str, int, int]] = []
    for label, s, e in a.rules:
        if label in ("partner", "compiler") and e < len(a.tokens):
            end = _name_end(a, e)
            if end > e:
                start, stop = a.tokens[e].start, a.tokens[end - 1].end
                out.append((text[start:stop], start, stop))
        elif label == "partner_subject" and e < len(a.tokens):
            end = _name_end(a, e)  # "X chủ trì, Y phối hợp": Y is the subject of the partner's verb
            if e < end < len(a.tokens) - 1 and [_norm(t.text) for t in a.tokens[end:end + 2]] == ["phối", "hợp"]:
                start, stop = a.tokens[e].start, a.tokens[end - 1].end
                out.append((text[start:stop], start, stop))
        elif label == "compiler_recipient" and e < len(a.tokens) and "tổng hợp" in text[a.tokens[e].start:].lower():
            end = _name_end(a, e)  # (a duty that says no 'tổng hợp' after it names no compiler: no name read)
            # "về UBND thị xã (qua phòng Văn hóa – Thông tin) để tổng hợp": the unit in the bracket compiles, not the
            # body the report is addressed to
            if end > e and _compiles_after(a, end) and not any(t.text == "(" for t in a.tokens[e:end]):
                start, stop = a.tokens[e].start, a.tokens[end - 1].end
                out.append((text[start:stop], start, stop))
        elif label == "via" and e < len(a.tokens) and ((bracketed := s > 0 and a.tokens[s - 1].text == "(")
                                                       or "tổng hợp" in text[a.tokens[e].start:].lower()
                                                       or _reported_before(a, s)):
            # "báo cáo UBND tỉnh (qua Sở Nội vụ)", "... qua Văn phòng Ban Chỉ huy ... để tổng hợp", "báo cáo UBND
            # Thành phố kết quả thực hiện thông qua Sở Khoa học và Công nghệ trước ngày 15 hằng tháng": the body a
            # report goes through compiles it
            end = _name_end(a, e)
            closed = end == len(a.tokens) or _norm(a.tokens[end].text) in (")", "để", ",", ";", ".", "trước")
            if end > e and closed and (bracketed or _reported_before(a, s) or _compiles_after(a, end)) \
                    and not _national(text[a.tokens[e].start:]):  # "báo cáo Chính phủ (qua Bộ Công an)":
                # the issuer's own report upward, through a ministry that is no partner of the duty
                start, stop = a.tokens[e].start, a.tokens[end - 1].end
                out.append((text[start:stop], start, stop))
        elif label == "compiler_before":
            opening = next((k for k in range(s - 1, max(-1, s - 40), -1) if a.tokens[k].text == "("), -1)
            if opening < 0:
                continue
            first = opening + 1  # "(qua Công an thành phố) để tổng hợp": the unit after the word for 'through'
            first += max((e2 - s2 for lb, s2, e2 in a.rules if lb == "via" and s2 == first), default=0)
            end = _name_end(a, first)
            if end > first:
                start, stop = a.tokens[first].start, a.tokens[end - 1].end
                out.append((text[start:stop], start, stop))
    return sorted(set(out), key=lambda o: o[1])  # "(qua X) để tổng hợp" names X under two rules
