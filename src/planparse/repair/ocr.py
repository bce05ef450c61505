"""Noisy-channel repair of OCR'd Vietnamese that lost its diacritics and letters.

Each word gets candidate syllables from the inventory: same base letters (lost marks), one letter
lost, added or swapped (symspell-style deletion index), and OCR confusions ("rn" for m, "ii" for u,
"j" for i, digits for letters: "s6" = số, "x4" = xã). A syllable bigram language model ranks the
candidates over the whole line (Viterbi). Numbers, document symbols, dates, URLs and known
abbreviations are never touched. Each repaired word keeps its original and a confidence.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from operator import add, itemgetter, sub
from typing import Optional

from .. import lexicon
from ..text import alternation, vi
from .lm import BACKOFF, BOUNDARY, NUMBER, LanguageModel, is_syllable, language_model, skeleton, syllable_skeletons

LM_WEIGHT = 0.5
EDIT_COST = 5.0  # log-probability units per letter edited (tuned on the seeds' OCR, tested on unseen documents)
MARK_COST = 0.6  # per mark the OCR printed that the candidate does not have
KEEP_BONUS = 0.4  # a word already a known syllable, as printed (0.3-0.5 alike; 0.6 loses 0.0006 SER on unseen documents)
MAX_CANDIDATES = 20  # 16 is 3% faster (instructions); 20 is better on every sample (seed 002 hand sample SER 0.082 -> 0.067)
PER_SKELETON = 8  # syllables a skeleton offers (5: SER unseen 0.0658, 6: 0.0647, 8: 0.0646, 12 the same; +0.8% instructions)
LOST_VOWEL = 0.5  # edits for a vowel the OCR lost, with its marks ("hin" -> "hiện", "trin" -> "triển"); a consonant 0.8. 0.4-0.6 all gain; 0.5 best on unseen documents
VOWEL_SWAP = 0.9  # edits for a vowel read as another ("cu" for "cơ"), other letters 1.1 (unseen SER 0.0733 -> 0.0731; 0.7 loses there)
_CHEAPEST_EDIT = min(LOST_VOWEL, 0.8)
RANK_FREQ_WEIGHT = LM_WEIGHT  # a syllable's frequency counts as in the search when choosing candidates (was 0.15: SER unseen 0.0756 -> 0.0752, seed 002 hand sample 0.103 -> 0.094)
EDIT_SEARCH_UP_TO = 0.7
BEAM = 5  # previous states extended per word in the Viterbi search
BEAM_MARGIN = 4.0  # ... and only those within this score of the best (no loss measured on corpus/ocr-eng)
PRUNE_ABOVE_BEST = 6.0  # drop candidates this much costlier than the cheapest
STATIC_MARGIN = 6.0  # ... or scoring this much worse out of context (no loss on any sample; 8 and 10 the same)

_CHUNK = re.compile(r"\S+")
# each run is tried from its first letter or digit only (lookbehind) and never backtracked into
# (possessive): a 900 KB word costs one pass, not one pass per letter
_PROTECT_CHUNK = re.compile(r"://|@|www\.|(?<!\d)\d++/|/\d|(?<![A-ZĐ])[A-ZĐ]{2,}+-[A-ZĐ]"
                            r"|(?-i:(?<![A-ZĐ])[A-ZĐ]{2,}+/[A-ZĐ]{2,})|\.(?:vn|com|gov|org|net)\b"
                            r"|</?[a-z][a-z0-9]{0,9}\b[^<>\s]*+",
                            re.I)  # "09-NQ/TU", "433/KH-UBND", links, markup tags ("<td>", "</tr>")
_WORD = re.compile(r"[^\W_](?:[\w'’]|[!¢](?=\w)|(?<=[^\W\d_])[!¢]|(?<=[^\W\d_])\?(?=[^\W\d_]|\s+[a-zà-ỹđ]))*",
                   re.UNICODE)  # OCR reads ị as ! ("TH!"), ơ as ¢ ("du¢c"), a mark as ? ("chi?c", "chi? ky")
_DIGIT_AS_LETTER = {"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "6": "o", "8": "b", "9": "g", "!": "i", "¢": "o"}
MAX_VARIANTS = 30
LONGEST_WORD = 40  # letters: five glued syllables are a long OCR word; longer is a code or noise, kept as printed


@lru_cache(maxsize=1)
def rewrites() -> tuple[tuple[str, str, float], ...]:
    """(printed, meant, cost in edit units): generic confusions (data/ocr_confusions.json) plus the
    channel learned from Tesseract (data/ocr_channel.tsv)."""
    import math
    from importlib import resources

    generic = lexicon.ocr_confusions()  # letter confusions of OCR engines in general
    rules: dict[tuple[str, str], float] = {(a, b): generic.cost for a, b in generic.confusions}
    text = resources.files("planparse.data").joinpath("ocr_channel.tsv").read_text(encoding="utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln and not ln.startswith("#")]
    totals: dict[str, int] = {}
    for src, _, c in rows:
        totals[src] = totals.get(src, 0) + int(c)
    for src, dst, c in rows:
        cost = 0.35 + 0.5 * -math.log(int(c) / totals[src])
        rules[(src, dst)] = min(cost, rules.get((src, dst), 9.0))
    return tuple((a, b, c) for (a, b), c in rules.items())


@lru_cache(maxsize=1)
def _rewrites_by_first_letter() -> dict[str, tuple[tuple[int, str], ...]]:
    index: dict[str, list[tuple[int, str]]] = {}
    for n, (a, _, _) in enumerate(rewrites()):
        index.setdefault(a[0], []).append((n, a))
    return {k: tuple(v) for k, v in index.items()}


_EMPTY: dict = {}
_RUN_CACHE: dict = {}  # decoded runs of words; the model is fixed once loaded, so results are too
_COLUMN_CACHE: dict = {}  # (last word, OCR'd word) -> bigram LM scores of its candidates
_END_CACHE: dict = {}  # (OCR'd word, what follows it) -> LM scores of that after each of its candidates


def clear_caches() -> None:
    """Forget every word and run decoded so far (benchmarks measure a cold start with it)."""
    candidates_for.cache_clear()
    _viable.cache_clear()
    _one_edit_away.cache_clear()
    _variants_of.cache_clear()
    _rewritten_once.cache_clear()
    is_syllable.cache_clear()
    _kept_as_printed.cache_clear()
    _RUN_CACHE.clear()
    _COLUMN_CACHE.clear()
    _END_CACHE.clear()
    _WORD_LAYERS.clear()


_WORD_LAYERS: dict = {}  # OCR'd word -> what _word_layer returns


def _word_layer(word: str, candidates: tuple[tuple[str, float], ...], lbo, unseen: float) -> tuple[dict, tuple, tuple, tuple]:
    """What the search needs of a word's candidates, whatever its context: their index, their LM scores
    after an unseen context (inside a run, and first in a run), and their channel costs."""
    got = _WORD_LAYERS.get(word)
    if got is None:
        index = {s: n for n, (s, _) in enumerate(candidates)}
        got = (index, tuple(LM_WEIGHT * (BACKOFF + (BACKOFF + lbo(s, unseen))) for s, _ in candidates),
               tuple(c for _, c in candidates), tuple(LM_WEIGHT * (BACKOFF + lbo(s, unseen)) for s, _ in candidates))
        if len(_WORD_LAYERS) > 200_000:
            _WORD_LAYERS.clear()
        _WORD_LAYERS[word] = got
    return got


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    fixed: bool  # protected or not a word: kept as printed
    candidates: tuple[tuple[str, float], ...] = ()  # (syllable, channel cost)
    mark: int = 0  # apostrophes or "?" right after the word: a mark OCR printed apart ("st’ dung" = "sử dụng")


@dataclass
class Repaired:
    start: int
    end: int
    original: str
    text: str
    confidence: float


@lru_cache(maxsize=None)
def _protected_words() -> frozenset[str]:
    words = set(lexicon.abbreviations().protected) | set(lexicon.abbreviations().expand)
    return frozenset(words)


@lru_cache(maxsize=None)
def _abbreviations_without_dd() -> dict[str, str]:
    """Known abbreviations with Đ as OCR without Vietnamese prints them ("HDND" -> "HĐND"), where
    that spelling is not itself an abbreviation."""
    known = _protected_words()
    return {a.replace("Đ", "D"): a for a in known if "Đ" in a and a.replace("Đ", "D") not in known}


@lru_cache(maxsize=None)
def _codes_without_dd() -> dict[str, str]:
    """Document symbol codes with Đ as OCR without Vietnamese prints them ("QD" -> "QĐ"), where that
    spelling is not itself a code ("HD", hướng dẫn, stays)."""
    codes = set(lexicon.abbreviations().document_codes)
    return {c.replace("Đ", "D"): c for c in codes if "Đ" in c and c.replace("Đ", "D") not in codes}


def _restored_abbreviation(line: str, t: Token) -> Optional[str]:
    """'HĐND' for an OCR'd 'HDND'; inside a document symbol only its codes ('17/QD-UBND' -> '17/QĐ-UBND')."""
    start = line.rfind(" ", 0, t.start) + 1
    end = line.find(" ", t.end)
    chunk = line[start:end if end >= 0 else len(line)]
    if "/" in chunk and not re.search(r"://|@|www\.", chunk):
        around = line[t.start - 1:t.start] + line[t.end:t.end + 1]
        return _codes_without_dd().get(t.text) if any(c in "/-" for c in around) else None
    meant = _abbreviations_without_dd().get(t.text)
    return None if meant is None or re.search(r"[\d@]", chunk) else meant


def _is_acronym(word: str) -> bool:
    """UBND, TTHC, VNPT: capitals that spell no syllable (a capitalised syllable like MỤC is not one)."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return False
    if word in _protected_words():
        return True
    if not word.isalpha():  # "TH!", "S6": OCR noise in a word, not an abbreviation
        return False
    if len(word) >= 3 and _ROMAN_NUMERAL.fullmatch(word):
        return True  # "khóa XVI", "Chương III": a numeral (two letters, 'VI' may be 'VỊ' read without its mark)
    sk = skeleton(word)
    return sk not in syllable_skeletons() and sum(1 for c in sk if c in "aeiouy") <= 1


@lru_cache(maxsize=None)
def _marks(word: str) -> frozenset[str]:
    import unicodedata

    return frozenset(c for c in unicodedata.normalize("NFD", word.lower()) if unicodedata.category(c) == "Mn")


def _variants(word: str) -> dict[str, float]:
    """Base-letter spellings the OCR'd word may stand for, with the cost of each reading."""
    # an apostrophe inside a word stands for a lost horn or hook ("Thij'c"): the letters around it count
    return _variants_of(skeleton(word.lower()).replace("'", "").replace("’", "").replace("?", ""))


@lru_cache(maxsize=100_000)
def _variants_of(base: str) -> dict[str, float]:
    out: dict[str, float] = {}

    def add(v: str, cost: float) -> None:
        if v and (v not in out or cost < out[v]):
            out[v] = cost

    add(base, 0.0)
    if any(ch in _DIGIT_AS_LETTER for ch in base):
        add("".join(_DIGIT_AS_LETTER.get(ch, ch) for ch in base), 0.3)
    frontier = [(v, c) for v, c in out.items()]
    for _ in range(3):
        nxt = []
        for v, c in frontier:
            for nv, rc in _rewritten_once(v):
                cost = c + rc
                if cost <= 2.0 and (nv not in out or cost < out[nv]):
                    add(nv, cost)
                    nxt.append((nv, cost))
        frontier = sorted(nxt, key=lambda x: x[1])[:MAX_VARIANTS]
        if len(out) > MAX_VARIANTS * 3:
            break
    return out


@lru_cache(maxsize=100_000)
def _rewritten_once(v: str) -> tuple[tuple[str, float], ...]:
    """v with one confusion undone, in the order rule by rule, left to right, with the rule's cost."""
    by_first = _rewrites_by_first_letter()
    rules = rewrites()
    hits = []
    for ch in by_first.keys() & set(v):
        for n, a in by_first[ch]:
            i = v.find(a)
            while i >= 0:
                hits.append((n, i))
                i = v.find(a, i + 1)
    hits.sort()
    return tuple((v[:i] + rules[n][1] + v[i + len(rules[n][0]):], rules[n][2]) for n, i in hits)


@lru_cache(maxsize=100_000)
def _one_edit_away(v: str) -> tuple[tuple[str, float], ...]:
    """Skeletons one letter from v, each once at its cheapest, cheapest first: a letter the OCR lost
    (a vowel LOST_VOWEL, a consonant 0.8), added (1.0) or read wrong (a vowel for a vowel VOWEL_SWAP,
    else 1.1). Shared by every word with this reading."""
    lm = language_model()
    deletes, known = lm.deletes.get, lm.by_skeleton
    near = {sk: LOST_VOWEL if _lost_letter(sk, v) in "aeiouy" else 0.8 for sk in deletes(v, ())}
    if len(v) > 1:
        for i in range(len(v)):
            d = v[:i] + v[i + 1:]
            if d in known and near.get(d, 9.0) > 1.0:
                near[d] = 1.0
            for sk in deletes(d, ()):
                cost = VOWEL_SWAP if v[i] in "aeiouy" and _lost_letter(sk, d) in "aeiouy" else 1.1
                if near.get(sk, 9.0) > cost:
                    near[sk] = cost
    near.pop(v, None)
    return tuple(sorted(near.items(), key=itemgetter(1)))  # by cost; equals in the order found


def _lost_letter(longer: str, shorter: str) -> str:
    """The letter of `longer` that `shorter` (one letter less) lacks."""
    for i, ch in enumerate(shorter):
        if longer[i] != ch:
            return longer[i]
    return longer[-1]


@lru_cache(maxsize=1)
def _inventory() -> tuple[dict[str, tuple[tuple[str, float], ...]], dict[str, float]]:
    """Skeleton -> its PER_SKELETON most frequent syllables (what a reading of it offers), each with
    its frequency term in the ranking (ascending, as the syllables are most frequent first); and
    skeleton -> the lowest of those terms."""
    lm = language_model()
    top = {sk: tuple((s, -RANK_FREQ_WEIGHT * lm.log_backoff.get(s, 0.0)) for s in syls[:PER_SKELETON])
           for sk, syls in lm.by_skeleton.items()}
    return top, {sk: syls[0][1] for sk, syls in top.items() if syls}


@lru_cache(maxsize=200_000)
def candidates_for(low: str) -> tuple[tuple[str, float], ...]:
    """Up to MAX_CANDIDATES (syllable, channel cost) for a lower-case word, cheapest and most
    frequent first.

    Costs are worked out per skeleton (a skeleton's syllables share its reading cost); a syllable
    then adds the marks printed that it lacks, less a bonus if it is the word as printed."""
    marks = _marks(low)
    kept_skeleton = skeleton(low)
    inventory, _ = _inventory()
    offered: dict[str, float] = {}  # skeletons offered, at their cheapest cost (in the order first offered)
    seen_at = offered.get

    def extra(syl: str) -> float:
        c = MARK_COST * len(marks - _marks(syl)) if marks else 0.0
        return c - KEEP_BONUS if syl == low else c

    def cheapest(sk: str, cost: float) -> float:
        """The cost of the skeleton's cheapest syllable, were it offered at this cost."""
        syls = inventory.get(sk)
        if not syls:
            return 1e9
        if marks or sk == kept_skeleton:
            return cost + min(extra(syl) for syl, _ in syls)
        return cost

    # the cheapest syllable so far + PRUNE_ABOVE_BEST: what costs more is never a candidate. An
    # offer can lower it only if it might be cheaper than the cheapest so far.
    bound = 1e9
    for v, vc in sorted(_variants(low).items(), key=lambda x: x[1]):
        if not v.isalpha():
            continue
        cost = vc * EDIT_COST
        if cost - KEEP_BONUS <= bound and seen_at(v, 1e9) > cost:
            offered[v] = cost
            if cost - KEEP_BONUS + PRUNE_ABOVE_BEST < bound:
                bound = min(bound, cheapest(v, cost) + PRUNE_ABOVE_BEST)
        if vc > EDIT_SEARCH_UP_TO or (vc + _CHEAPEST_EDIT) * EDIT_COST - KEEP_BONUS > bound:
            continue  # letter edits only on the cheap readings: the others are far already
        for sk, letters in _one_edit_away(v):  # cheapest first
            cost = (vc + letters) * EDIT_COST
            if cost - KEEP_BONUS > bound:
                break
            if seen_at(sk, 1e9) > cost:
                offered[sk] = cost
                if cost - KEEP_BONUS + PRUNE_ABOVE_BEST < bound:
                    bound = min(bound, cheapest(sk, cost) + PRUNE_ABOVE_BEST)
    return _ranked(offered, bound, extra, kept_skeleton, bool(marks))


def _ranked(offered: dict[str, float], bound: float, extra, kept_skeleton: str,
            marked: bool) -> tuple[tuple[str, float], ...]:
    """The MAX_CANDIDATES syllables of the offered skeletons that cost no more than `bound`, by
    cost plus a frequency term (equals in the order offered). Skeletons are visited by the lowest
    key any of their syllables can have, and the visit stops once no later one can rank in."""
    inventory, lowest_term = _inventory()
    skeletons = list(offered)
    costs = list(offered.values())
    lows = list(map(add, costs, map(lowest_term.get, skeletons, [1e9] * len(skeletons))))
    if kept_skeleton in offered and kept_skeleton in lowest_term:
        lows[skeletons.index(kept_skeleton)] -= KEEP_BONUS
    pool: list[tuple[float, int, int, str, float]] = []
    threshold = 1e9
    for n in sorted(range(len(lows)), key=lows.__getitem__):
        if lows[n] > threshold or lows[n] >= 1e9:
            break
        sk, cost = skeletons[n], costs[n]
        exact = marked or sk == kept_skeleton
        least = cost - KEEP_BONUS if sk == kept_skeleton else cost  # no syllable of sk costs less
        for m, (syl, freq) in enumerate(inventory[sk]):
            if least + freq > threshold:
                break  # the rest are rarer still: none can rank in
            c = cost + extra(syl) if exact else cost
            if c <= bound:
                pool.append((c + freq, n, m, syl, c))
        if len(pool) >= MAX_CANDIDATES:
            pool.sort()
            del pool[MAX_CANDIDATES:]
            threshold = pool[-1][0]
    pool.sort()
    return tuple((syl, c) for _, _, _, syl, c in pool[:MAX_CANDIDATES])


@lru_cache(maxsize=200_000)
def _viable(word: str) -> tuple[tuple[str, float], ...]:
    """The candidates that context could still make win: those whose score out of context is within
    STATIC_MARGIN of the best one's."""
    cands = candidates_for(word)
    if len(cands) < 2:
        return cands
    lbo, unseen = language_model().log_backoff.get, language_model().unseen
    static = [LM_WEIGHT * lbo(s, unseen) - c for s, c in cands]
    floor = max(static) - STATIC_MARGIN
    return tuple(x for x, v in zip(cands, static) if v >= floor)


_SPACED_LINK = re.compile(r"\b(?:https?\s*:\s*/*|www\s*\.)\s*(?:[\w-]+\s?\.\s?){0,5}[\w-]+"
                          r"|(?:[\w-]+\s?\.\s?){1,4}gov\s?\.\s?vn\b", re.I)


def tokenize(line: str) -> list[Token]:
    tokens = _tokens_of(line)
    low = line.lower()
    if "http" in low or "www" in low or "gov" in low:  # a link OCR broke up with spaces stays as printed
        for m in _SPACED_LINK.finditer(line):
            for t in tokens:
                if t.start >= m.start() and t.end <= m.end():
                    t.fixed = True
    return tokens


def _tokens_of(line: str) -> list[Token]:
    if _PROTECT_CHUNK.search(line):  # a symbol, URL or e-mail somewhere: keep its whole chunk as printed
        return _tokenize_chunks(line)
    tokens: list[Token] = []
    for m in _WORD.finditer(line):  # a word never spans whitespace, so chunks need not be split first
        word = m.group(0)
        if word[-1] in "'’?":
            word = word.rstrip("'’?")
        start = m.start()
        end = start + len(word)
        fixed = len(word) > LONGEST_WORD or _kept_as_printed(word) or _is_code(word) or _is_number(word)
        if not fixed and len(word) == 1 and _single_letter_kept(line, start, end):
            fixed = True  # "b)", "c.", "b/." outline labels; "T/M", "K/T" before a signature
        tokens.append(Token(start, end, word, fixed, (), m.end() - end))
    return tokens


def _tokenize_chunks(line: str) -> list[Token]:
    tokens: list[Token] = []
    for chunk in _CHUNK.finditer(line):
        text = chunk.group(0)
        protect = bool(_PROTECT_CHUNK.search(text))
        for m in _WORD.finditer(text):
            word = m.group(0).rstrip("'’?")
            start = chunk.start() + m.start()
            after = text[m.start() + len(word):m.start() + len(word) + 1]
            label = len(word) == 1 and (after in (")", ".") and m.start() == 0 or _single_letter_kept(line, start, start + 1))
            kept = protect or label or len(word) > LONGEST_WORD or _kept_as_printed(word) or _is_code(word) \
                or _is_number(word)
            tokens.append(Token(start, start + len(word), word, kept, (),
                                len(m.group(0)) - len(word)))
    return tokens


NAME_RUN = 3  # capitalised words in a row ('Đỗ Mạnh Cường', 'Vũ Việt Linh') are a name wherever they stand
NAME_PAIR_LOGP = -3.0  # a name's second word follows its first at least one time in twenty ...
NAME_PAIR_SEEN = 20  # ... and the pair was seen at least this often
NAME_PAIR_MARGIN = 2.0  # ... and far more often than the name as printed (e^2, seven times)
_CODE = re.compile(r"[^\W\d_]+\d{2,}")


def _is_code(word: str) -> bool:
    """Letters ending in a number of two or more digits ('Km30', 'IC14', 'L105', 'C04', 'ngày10'): a code or a
    number glued to its word. OCR that reads letters as digits reads one at a time ('S6' = Số, 'H6i' = Hội)."""
    return word[-1:].isdigit() and bool(_CODE.fullmatch(word))


_NUMBER_WORD = re.compile(r"\d+|\d{1,2}[hg]\d{0,2}")


def _is_number(word: str) -> bool:
    """A number or a time of day as printed ('2026', '13h30', '7h', '15g'), not a word whose letters OCR read as
    digits ('T8' = Tổ, '16i' = lỗi)."""
    return bool(_NUMBER_WORD.fullmatch(word))


def _single_letter_kept(line: str, start: int, end: int) -> bool:
    """A letter standing alone before ')' or '.' at a word's start ('b)', 'c.'), or beside a slash ('b/.', 'T/M',
    'K/T', 'đ/c'): a label or an abbreviation, not a word OCR cut short."""
    before, after = line[start - 1:start] if start else "", line[end:end + 1]
    return after in (")", ".") and (not before or before.isspace()) or "/" in (before, after)


_NAME_WORD = re.compile(vi(r"[A-ZĐÀ-Ỹ][a-zđà-ỹ]*"))
_CAPS_WORD = re.compile(vi(r"[A-ZĐÀ-Ỹ]+"))
_DATE_AFTER_PLACE = re.compile(r"\s*,\s*ngày\s*\d", re.I)  # "Đồng Tiến, ngày 15 tháng 9 ...": the place of the date line


def _proper_name_words(line: str, tokens: list[Token]) -> set[int]:
    """Tokens of a proper name printed with its marks, kept as printed: the capitalised words after a person's
    title ('Ông Đỗ Mạnh Cường', 'đồng chí ...') or an administrative level ('xã Liên Sơn', 'thôn ...'), and any run of
    NAME_RUN or more capitalised words (a name a table cell prints alone: 'Vũ Việt Linh'). The language
    model knows names poorly and would move their tones to common words ('Độ Mảnh', 'Liễn Sơn'); a name OCR
    printed without any mark is still repaired."""
    out: set[int] = set()
    i = 0
    while i < len(tokens):
        if not tokens[i].text[:1].isupper():  # a name's words are capitalised
            i += 1
            continue
        introduced = bool(_name_introducer().search(line[:tokens[i].start]))
        # a name in capitals only after its level in capitals ('XÃ ĐỒNG TIẾN'): a heading in capitals is no name
        caps = introduced and tokens[i].text.isupper() and line[:tokens[i].start].rstrip()[-1:].isupper()
        word = _CAPS_WORD if caps else _NAME_WORD
        if not word.fullmatch(tokens[i].text):
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and word.fullmatch(tokens[j].text) and line[tokens[j - 1].end:tokens[j].start].isspace():
            j += 1
        dated_place = not line[:tokens[i].start].strip(" *_|-") and _DATE_AFTER_PLACE.match(line, tokens[j - 1].end)
        if not dated_place and not introduced \
                and (j - i < NAME_RUN or _opens_sentence(line, tokens[i]) and line[tokens[j - 1].end:].strip(" .,;")):
            # a capitalised word or two ('Tăng cường', 'Sở ...') is a name only after a title or a level; a run that
            # opens a sentence may be its first word and a unit ('Giao Sở Nội vụ'), unless it is all the line holds
            i += 1
            continue
        if not any(_damaged_name_word(tokens[k].text) for k in range(i, j)):  # 'Cra Là' (Cửa Lò) is repaired whole
            out.update(k for k in range(i, j) if _marked_syllable(tokens[k].text) and not _a_known_name_meant(tokens, k, range(i, j)))
        i = j
    return out


def _opens_sentence(line: str, tok: Token) -> bool:
    before = line[:tok.start].rstrip()
    return not before or before[-1] in ".:;!?)" or bool(re.fullmatch(r"\W*\w{0,3}[.)]?", before))


def _a_known_name_meant(tokens: list[Token], k: int, name: range) -> bool:
    """The name as printed is unknown to the language model beside its other words, but a reading of this word
    is a name the model knows well there ('thị xã Cửa Là' for Cửa Lò: 'lò' follows 'cửa' one time in ten):
    the word is repaired."""
    lm = language_model()
    low = tokens[k].text.lower()
    sides = [(tokens[x].text.lower(), x < k) for x in (k - 1, k + 1) if x in name]

    def pairs(word: str):
        return [(n, word) if before else (word, n) for n, before in sides]

    def well_known(pair: tuple[str, str]) -> bool:
        logp = lm.log_bigram.get(pair)
        return logp is not None and logp >= NAME_PAIR_LOGP and math.exp(logp) * lm.unigram.get(pair[0], 0) >= NAME_PAIR_SEEN

    printed = max((lm.log_bigram.get(p, -math.inf) for p in pairs(low)), default=-math.inf)
    return any(well_known(p) and lm.log_bigram[p] > printed + NAME_PAIR_MARGIN for c, _ in _viable(low) for p in pairs(c))


def _damaged_name_word(word: str) -> bool:
    """Not a syllable, or printed without marks and rare in the model: OCR damaged it."""
    if not is_syllable(word):
        return True
    return not _marked_syllable(word) and language_model().unigram.get(word.lower(), 0) < NAME_PAIR_SEEN


def _marked_syllable(word: str) -> bool:
    return not word.isascii() and skeleton(word) != word.lower()


@lru_cache(maxsize=None)
def _name_introducer() -> re.Pattern:
    """The words a proper name follows: a person's title (units.json, kind person) or a level of the
    administrative divisions or a settlement (admin_levels.json), at the end of the text before the name."""
    titles = [k.head for k in lexicon.units().kinds if k.kind == "person"]
    levels = [w.word for w in lexicon.levels().level_words] + list(lexicon.levels().settlements)
    return re.compile(r"(?<!\w)(?:" + alternation({w.lower() for w in titles + levels}) + r")[.:]?\s+$", re.I)


@lru_cache(maxsize=100_000)
def _kept_as_printed(word: str) -> bool:
    return word.isdigit() or not any(c.isalpha() for c in word) or word in _protected_words() or _is_acronym(word)


def _case_like(original: str, syl: str) -> str:
    if original.islower():
        return syl
    letters = [c for c in original if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    if len(letters) > 1 and (upper == len(letters) or upper >= 2 and 2 * upper > len(letters)):
        return syl.upper()  # capitals whose marked letter OCR read small: "PHi" -> "PHÍ"
    if original[:1].isupper():
        return syl[:1].upper() + syl[1:]
    return syl


def _context(tok: Token, lm: LanguageModel) -> str:
    low = tok.text.lower()
    if low[:1].isdigit():
        return NUMBER
    return low if lm.known(low) else BOUNDARY


@dataclass(slots=True)
class _Step:
    """One word of a run in the search: the previous states extended (beam) and, per candidate of
    this word, which of them gave it its best score (the first of equals)."""
    beam: list[int]
    best_state: list[int]


def decode_run(words: list[str], layers: list[tuple[tuple[str, float], ...]], prev2_ctx: str, prev_ctx: str,
               next_ctx: str) -> list[tuple[str, float]]:
    """(syllable, confidence) per word of a run, by Viterbi with bigram states; a trigram term uses each
    state's best predecessor (second order, approximately, at bigram cost). A run's decoding depends on
    nothing else, so it is cached: plans repeat phrases (unit names, table cells)."""
    key = (prev2_ctx, prev_ctx, next_ctx, tuple(words))
    cached = _RUN_CACHE.get(key)
    if cached is not None:
        return cached
    lm = language_model()
    lb, lbo, unseen = lm.log_bigram.get, lm.log_backoff.get, lm.unseen
    tri_next, bi_next = lm.trigram_next.get, lm.bigram_next.get
    index, _, costs, first = _word_layer(words[0], layers[0], lbo, unseen)
    first = list(first)
    for model, shift in ((bi_next(prev_ctx), BACKOFF), (tri_next((prev2_ctx, prev_ctx)), 0.0)):
        if model:
            for s in model.keys() & index.keys():
                first[index[s]] = LM_WEIGHT * (shift + model[s])
    row = list(map(sub, first, costs))
    rows = [row]
    steps: list[_Step] = []
    for k in range(1, len(layers)):
        floor = max(row) - BEAM_MARGIN  # states this far behind the best never recover
        beam = list(compress(range(len(row)), map(floor.__le__, row)))
        if len(beam) > 1:
            beam.sort(key=row.__getitem__, reverse=True)  # stable: equals keep their order
            del beam[BEAM:]
        prev_layer = layers[k - 1]
        if k == 1:
            befores = [prev_ctx] * len(beam)
        else:
            last, before_layer = steps[-1], layers[k - 2]
            befores = [before_layer[last.beam[last.best_state[j]]][0] for j in beam]
        word = words[k]  # its candidates are a function of it
        index, unseen_col, costs, _ = _WORD_LAYERS.get(word) or _word_layer(word, layers[k], lbo, unseen)
        # per state, the candidates the model has seen after it: the trigram if seen, else the
        # backed-off bigram (kept for reuse); the others score unseen_col (the unigram, backed off)
        bases = [row[j] for j in beam]
        seen_after = []
        for j, before in zip(beam, befores):
            ps = prev_layer[j][0]
            seen = _COLUMN_CACHE.get((ps, word))
            if seen is None:
                bj = bi_next(ps)
                seen = {index[s]: LM_WEIGHT * (BACKOFF + bj[s]) for s in bj.keys() & index.keys()} if bj else _EMPTY
                _COLUMN_CACHE[(ps, word)] = seen
            tj = tri_next((before, ps))
            if tj:
                also = tj.keys() & index.keys()
                if also:
                    seen = dict(seen)
                    for s in also:
                        seen[index[s]] = LM_WEIGHT * tj[s]
            seen_after.append(seen)
        # the best total per candidate, and from which state: the best state (first in the beam)
        # unless another state's seen score beats it; where the best state's own seen score is below
        # unseen, every state is counted again
        top = bases[0]
        bests = list(map(top.__add__, unseen_col))
        who = [0] * len(bests)
        lowered = []
        for c, v in seen_after[0].items():
            if v < unseen_col[c]:
                lowered.append(c)
            bests[c] = top + v
        for a in range(1, len(bases)):
            base = bases[a]
            for c, v in seen_after[a].items():
                v = base + v
                if v > bests[c]:
                    bests[c] = v
                    who[c] = a
        for c in lowered:
            u = unseen_col[c]
            totals = [base + seen.get(c, u) for base, seen in zip(bases, seen_after)]
            bests[c] = max(totals)
            who[c] = totals.index(bests[c])
        row = list(map(sub, bests, costs))
        rows.append(row)
        steps.append(_Step(beam, who))
    last = (words[-1], next_ctx)
    ends = _END_CACHE.get(last)
    if ends is None:  # the LM score of what follows the run, after each candidate of its last word
        after = lbo(next_ctx, unseen)
        ends = tuple(LM_WEIGHT * lb((s, next_ctx), after) for s, _ in layers[-1])
        _END_CACHE[last] = ends
    final = list(map(add, row, ends))
    rows[-1] = final
    j = final.index(max(final))
    path = [j]
    for step in reversed(steps):
        j = step.beam[step.best_state[j]]
        path.append(j)
    path.reverse()
    picks = []
    for k, row in enumerate(rows):
        ranked = sorted(row, reverse=True)
        margin = ranked[0] - ranked[1] if len(ranked) > 1 else 10.0
        conf = 1.0 - 0.5 * math.exp(-max(margin, 0.0))
        picks.append((layers[k][path[k]][0], round(conf, 3)))
    if len(_RUN_CACHE) > 50_000:
        _RUN_CACHE.clear()
    if len(_COLUMN_CACHE) > 300_000:
        _COLUMN_CACHE.clear()
    if len(_END_CACHE) > 100_000:
        _END_CACHE.clear()
    _RUN_CACHE[key] = picks
    return picks


_ROMAN_NUMERAL = re.compile(r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})")
_AS_ROMAN = str.maketrans("l1|ivx", "IIIIVX")


def _outline_label(line: str, tokens: list[Token]) -> dict[int, str]:
    """OCR'd Roman outline labels, as printed -> as meant, by token index. Scanners read the I of a
    heading's number as l, 1, | or small letters, and a bold "I." glued to the heading as "L":
    "Il. NHIEM VU" is "II. NHIỆM VỤ", "Ill." is "III.", "Vv." is "V.", "LMUC DICH" is "I. MUC DICH", and the two
    strokes of II as one H: "H. NỘI DUNG KẾ HOẠCH" is "II. NỘI DUNG KẾ HOẠCH", "IH." is "III.".
    Only at the start of a line and before a capital, with at least one real I, V or X (so "1." and
    "11." stay numbers)."""
    if not tokens or tokens[0].start != len(line) - len(line.lstrip()):
        return {}
    first = tokens[0]
    after = line[first.end:first.end + 1]
    rest = line[first.end + 1:].lstrip()
    def in_capitals() -> bool:
        return sum(c.isupper() for c in line) >= 0.8 * sum(c.isalpha() for c in line)

    if after == "." and len(first.text) <= 3 and "H" in first.text and set(first.text) <= set("HIl1|") and in_capitals():
        meant = first.text.replace("H", "II").translate(_AS_ROMAN)  # the two strokes of "II" read as one "H"
        if _ROMAN_NUMERAL.fullmatch(meant):
            first.fixed = True
            return {0: meant}
    if after in (".", ")") and rest[:1].isupper() and any(c in "IVX" for c in first.text):
        if _ROMAN_NUMERAL.fullmatch(first.text):
            first.fixed = True  # "III." is a number, not a word to repair
            return {}
        meant = first.text.translate(_AS_ROMAN)
        if not _ROMAN_NUMERAL.fullmatch(meant):
            meant = meant.replace("VV", "V")  # a bold "V." read as "Vv."
        if meant != first.text and _ROMAN_NUMERAL.fullmatch(meant):
            first.fixed = True
            return {0: meant}
    word = first.text
    if len(word) > 2 and word[0] == "L" and word.isupper() and in_capitals():
        shapes = language_model().by_skeleton
        if skeleton(word) not in shapes and skeleton(word[1:]) in shapes:
            tokens[0:1] = [Token(first.start, first.start + 1, "L", True),
                           Token(first.start + 1, first.end, word[1:], False)]
            return {0: "I. "}
    return {}


def _split_years(line: str, tokens: list[Token]) -> set[int]:
    """Tokens that begin a year OCR split in two ("năm 202 1", "30/7/202 1"): three digits of a year
    of this or the last century, one space, one digit."""
    out = set()
    for i in range(len(tokens) - 1):
        a, b = tokens[i], tokens[i + 1]
        if (len(a.text) == 3 and a.text[:2] in ("19", "20") and a.text.isdigit() and len(b.text) == 1
                and b.text.isdigit() and line[a.end:b.start] == " " and line[a.start - 1:a.start] not in (".", ",")
                and line[b.end:b.end + 2] not in (",0", ",5", ".0", ".5") and i - 1 not in out):
            out.add(i)
    return out


_COMMA_LABEL = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2}){1,3}(,)\s+[^\W\d_]")


def carried_context(repaired_line: str) -> tuple[str, str]:
    """The context a line hands to the next one: its last two words when it ends inside a sentence
    (hard-wrapped text: "tỉnh Lâm" / "Dong" is "Đồng"), else nothing."""
    words = repaired_line[-60:].split()
    if not words or not words[-1].isalnum():
        return (BOUNDARY, BOUNDARY)
    lm = language_model()

    def ctx(word: str) -> str:
        low = word.lower()
        return NUMBER if low[:1].isdigit() else low if word.isalnum() and lm.known(low) else BOUNDARY

    return (ctx(words[-2]) if len(words) > 1 else BOUNDARY, ctx(words[-1]))


def repair_line(line: str, before: tuple[str, str] = (BOUNDARY, BOUNDARY)) -> tuple[str, list[Repaired]]:
    """The line with its words repaired, and what changed (with confidences). `before`: the two
    words before the line when its sentence began on the line above (see carried_context)."""
    lm = language_model()
    label_fixes: list[Repaired] = []
    comma = _COMMA_LABEL.match(line)
    if comma:  # "2.4, Thoi gian": the label's closing dot read as a comma
        at = comma.start(1)
        line = line[:at] + "." + line[at + 1:]
        label_fixes.append(Repaired(at, at + 1, ",", ".", 0.9))
    tokens = tokenize(line)
    labels = _outline_label(line, tokens)
    for k in _proper_name_words(line, tokens):
        tokens[k].fixed = True
    for t in tokens:
        if not t.fixed:
            t.candidates = _viable(t.text.lower())
            if not t.candidates:
                t.fixed = True
    # Viterbi over runs of repairable words, with fixed words and gaps as context
    choice: dict[int, tuple[str, float]] = {}
    run: list[int] = []

    prev2_ctx, prev_ctx = before

    def flush(prev_ctx: str, next_ctx: str) -> None:
        nonlocal prev2_ctx
        if run:
            picks = decode_run([tokens[i].text.lower() for i in run], [tokens[i].candidates for i in run],
                               prev2_ctx, prev_ctx, next_ctx)
            choice.update(zip(run, picks))
            run.clear()
        prev2_ctx = BOUNDARY  # only a run opening the line has a word two before it

    last_end = 0
    for i, t in enumerate(tokens):
        gap = line[last_end:t.start]
        if run and not gap.isspace() and gap:  # punctuation between words breaks the chain
            flush(prev_ctx, BOUNDARY)
            prev_ctx = BOUNDARY
        if t.fixed:
            nxt = _context(t, lm)
            flush(prev_ctx, nxt)
            prev_ctx = nxt
        else:
            if not run and gap and not gap.isspace():
                prev2_ctx = prev_ctx = BOUNDARY
            run.append(i)
        last_end = t.end + t.mark  # a mark printed apart does not break the chain
    flush(prev_ctx, BOUNDARY)

    out: list[str] = []
    changes: list[Repaired] = label_fixes
    pos = 0
    joined = _split_years(line, tokens)
    for i, t in enumerate(tokens):
        if i - 1 in joined:
            continue
        out.append(line[pos:t.start])
        new = t.text
        if i in joined:
            after = tokens[i + 1]
            new = t.text + after.text
            changes.append(Repaired(t.start, after.end, line[t.start:after.end], new, 0.9))
            out.append(new)
            pos = after.end
            continue
        if i in labels:
            new = labels[i]
            changes.append(Repaired(t.start, t.end, t.text, new, 0.9))
        elif t.fixed and "D" in t.text and (meant := _restored_abbreviation(line, t)):
            new = meant
            changes.append(Repaired(t.start, t.end, t.text, new, 0.9))
        elif i in choice:
            syl, conf = choice[i]
            new = _case_like(t.text, syl)
            if new != t.text:
                end = t.end + t.mark  # the mark printed apart goes with the word it belonged to
                changes.append(Repaired(t.start, end, line[t.start:end], new, conf))
                out.append(new)
                pos = end
                continue
        out.append(new)
        pos = t.end
    out.append(line[pos:])
    return "".join(out), changes
