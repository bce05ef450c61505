"""The syllable inventory and bigram language model built by scripts/build_lm.py, loaded once."""
from __future__ import annotations

import gc
import gzip
import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

BOUNDARY = "<b>"
NUMBER = "<num>"
BACKOFF = math.log(0.4)


def skeleton(s: str) -> str:
    """Base letters only: 'Kế hoạch' -> 'ke hoach' (what OCR without Vietnamese keeps)."""
    s = unicodedata.normalize("NFD", s.lower())
    return "".join(c for c in s if unicodedata.category(c) != "Mn").replace("đ", "d")


@dataclass
class LanguageModel:
    unigram: dict[str, int]
    log_bigram: dict[tuple[str, str], float]  # log P(b | a) where the pair was seen
    log_backoff: dict[str, float]  # backoff weight + log P(word)
    log_trigram: dict[tuple[str, str, str], float]  # log P(c | a b) where the triple was seen
    trigram_next: dict[tuple[str, str], dict[str, float]]  # (a, b) -> {c: log P(c | a b)}
    bigram_next: dict[str, dict[str, float]]  # a -> {b: log P(b | a)}
    unseen: float  # log probability of a word never seen
    by_skeleton: dict[str, list[str]]  # 'hoach' -> ['hoạch', ...], most frequent first
    deletes: dict[str, list[str]]  # skeleton with one letter removed -> skeletons

    def logp(self, prev: str, word: str) -> float:
        """Stupid-backoff log probability of `word` after `prev` (both lower case)."""
        v = self.log_bigram.get((prev, word))
        if v is not None:
            return v
        return self.log_backoff.get(word, self.unseen)

    def logp3(self, a: str, b: str, word: str) -> float:
        """Trigram with stupid backoff to the bigram."""
        v = self.log_trigram.get((a, b, word))
        if v is not None:
            return v
        return BACKOFF + self.logp(b, word)

    def known(self, syl: str) -> bool:
        return syl in self.unigram


def _lines(name: str, gz: bool = False) -> list[str]:
    ref = resources.files("planparse.data").joinpath(name)
    data = ref.read_bytes()
    if gz:
        data = gzip.decompress(data)
    return [ln for ln in data.decode("utf-8").splitlines() if ln and not ln.startswith("#")]


@lru_cache(maxsize=1)
def language_model() -> LanguageModel:
    """The model, loaded once. Its millions of objects are built with the cycle collector paused and
    then frozen out of it: they live as long as the process, and every full collection would
    otherwise walk them all."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        model = _load_model()
    finally:
        if was_enabled:
            gc.enable()
    gc.freeze()
    return model


def _load_model() -> LanguageModel:
    unigram: dict[str, int] = {}
    for ln in _lines("syllables.tsv"):
        syl, count = ln.split("\t")
        unigram[syl] = int(count)
    bigram: dict[tuple[str, str], int] = {}
    left: dict[str, int] = {}
    for ln in _lines("bigrams.tsv.gz", gz=True):
        a, b, count = ln.split("\t")
        c = int(count)
        bigram[(a, b)] = c
        left[a] = left.get(a, 0) + c
    by_skeleton: dict[str, list[str]] = {}
    for syl in sorted(unigram, key=lambda s: -unigram[s]):
        by_skeleton.setdefault(skeleton(syl), []).append(syl)
    deletes: dict[str, list[str]] = {}  # insertion-ordered, so repair never depends on the hash seed
    for sk in by_skeleton:
        for i in range(len(sk)):
            near = deletes.setdefault(sk[:i] + sk[i + 1:], [])
            if not near or near[-1] != sk:
                near.append(sk)
    total = sum(unigram.values()) or 1
    log_bigram = {k: math.log(c / left[k[0]]) for k, c in bigram.items()}
    log_backoff = {w: BACKOFF + math.log((c + 0.5) / total) for w, c in unigram.items()}
    for special in (BOUNDARY, NUMBER):
        log_backoff[special] = BACKOFF + math.log(0.05)
    log_trigram: dict[tuple[str, str, str], float] = {}
    for ln in _lines("trigrams.tsv.gz", gz=True):
        a, b, c, n = ln.split("\t")
        pair = bigram.get((a, b))
        if pair:
            log_trigram[(a, b, c)] = math.log(int(n) / pair)
    trigram_next: dict[tuple[str, str], dict[str, float]] = {}
    for (a, b, c), v in log_trigram.items():
        trigram_next.setdefault((a, b), {})[c] = v
    bigram_next: dict[str, dict[str, float]] = {}
    for (a, b), v in log_bigram.items():
        bigram_next.setdefault(a, {})[b] = v
    return LanguageModel(unigram, log_bigram, log_backoff, log_trigram, trigram_next, bigram_next,
                         BACKOFF + math.log(0.5 / total), by_skeleton, deletes)


@lru_cache(maxsize=1)
def syllable_inventory() -> frozenset[str]:
    """The syllables the model knows, read alone (78 KB): deciding that a clean document needs no
    repair must not cost loading the whole model (bigrams, trigrams, edit index)."""
    return frozenset(ln.split("\t", 1)[0] for ln in _lines("syllables.tsv"))


@lru_cache(maxsize=1)
def syllable_skeletons() -> frozenset[str]:
    """The marks-stripped shapes of the known syllables (the model's by_skeleton keys), likewise cheap."""
    return frozenset(skeleton(s) for s in syllable_inventory())


@lru_cache(maxsize=200_000)
def is_syllable(word: str) -> bool:
    """A word the inventory knows, whatever its case and tone-mark placement (asked once per word)."""
    from ..text import normalize_tones

    return normalize_tones(word.lower()) in syllable_inventory()
