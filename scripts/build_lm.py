"""Build the syllable inventory and the syllable bigram language model shipped in planparse/data.

Sources (public): underthesea's bundled word lists (Viet74K, Viet39K, Viet22K, Viet11K) and its
administrative unit names (address/data/mapping.json, from vietnamadminunits), the legal
corpus in ../shared/lm-corpus (402 Vietnamese legal texts from the official gazette; see its README
and MANIFEST.tsv), and the clean corpus plans (seeds 000, 001, 003, 004 — never the OCR-damaged 002).

    python scripts/build_lm.py [--lm-corpus ../shared/lm-corpus]

Writes src/planparse/data/syllables.tsv (syllable, count), src/planparse/data/bigrams.tsv.gz
(syllable pair, count; pairs seen fewer than MIN_BIGRAM times are dropped) and trigrams.tsv.gz. "<b>" marks a boundary
(line start/end, punctuation), "<num>" a number. Deterministic: same inputs, same bytes.
"""
from __future__ import annotations

import argparse
import gzip
import os
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from planparse.text import normalize_tones  # noqa: E402

DATA = ROOT / "src" / "planparse" / "data"
MIN_CORPUS_SYLLABLE = 3
MIN_BIGRAM = 2
MIN_TRIGRAM = 3
VIET_LETTERS = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
WORD = re.compile(rf"[{VIET_LETTERS}]+")
TOKEN = re.compile(rf"[{VIET_LETTERS}]+|\d+(?:[.,/]\d+)*|[^\s{VIET_LETTERS}\d]+")
NUM = re.compile(r"\d+(?:[.,/]\d+)*")
VOWEL = re.compile(r"[aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ]")
TONES = set("àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


def norm(s: str) -> str:
    return normalize_tones(unicodedata.normalize("NFC", s)).lower()


ONSETS = sorted(["", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p",
                 "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"], key=len, reverse=True)


def split_onset(syl: str) -> tuple[str, str]:
    for o in ONSETS:
        if syl.startswith(o) and (len(syl) > len(o)):
            return o, syl[len(o):]
    return "", syl


def plausible(syl: str, rhymes: set[str] | None = None) -> bool:
    """Vietnamese orthography: a vowel nucleus, at most one tone mark, short; with `rhymes`, a
    Vietnamese onset followed by a rhyme the word lists use."""
    if not (VOWEL.search(syl) and sum(c in TONES for c in syl) <= 1 and len(syl) <= 7):
        return False
    if rhymes is None:
        return True
    onset, rhyme = split_onset(syl)
    return rhyme in rhymes


def word_list_syllables() -> set[str]:
    import underthesea

    base = Path(underthesea.__file__).parent / "corpus" / "data"
    out: set[str] = set()
    for name in ("Viet74K.txt", "Viet39K.txt", "Viet22K.txt", "Viet11K.txt"):
        p = base / name
        if not p.exists():
            continue
        for line in p.read_text(encoding="utf-8").splitlines():
            for syl in WORD.findall(norm(line)):
                if plausible(syl):
                    out.add(syl)
    return out


def admin_names() -> list[str]:
    """Province, district and ward names (underthesea's address data, from vietnamadminunits), e.g.
    'Phường An Bình', 'Tỉnh Lâm Đồng': place names are what legal text lacks and plans are full of."""
    import json

    import underthesea

    p = Path(underthesea.__file__).parent / "address" / "data" / "mapping.json"
    if not p.exists():
        return []
    data = json.loads(p.read_text(encoding="utf-8"))
    names: set[str] = set()
    for rec in data.get("ward_mapping", []):
        for k in ("old_province", "old_district", "old_ward", "new_province", "new_ward"):
            if rec.get(k):
                names.add(rec[k])
    return sorted(names)


def abbreviation_words() -> set[str]:
    import json

    data = json.loads((DATA / "abbreviations.json").read_text(encoding="utf-8"))
    words = set(data["protected"]) | set(data["expand"])
    return {norm(w) for w in words if WORD.fullmatch(norm(w))}


def corpus_files(lm_corpus: Path) -> list[Path]:
    files = sorted(p for p in lm_corpus.rglob("*.txt"))
    seeds = ROOT / "corpus" / "seeds"
    files += sorted(p for p in seeds.glob("*.txt") if not p.name.startswith("002_"))
    return files


PLAN_WEIGHT = 10  # the clean plans are the target register: each of their words counts this much


def count(files: list[Path]) -> tuple[Counter, Counter, Counter]:
    uni: Counter = Counter()
    bi: Counter = Counter()
    tri: Counter = Counter()
    for f in files:
        weight = PLAN_WEIGHT if f.parent.name == "seeds" else 1
        for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
            prev = "<b>"
            prev2 = None
            for tok in TOKEN.findall(norm(line)):
                if NUM.fullmatch(tok):
                    tok = "<num>"
                if WORD.fullmatch(tok) or tok == "<num>":
                    if tok != "<num>":
                        uni[tok] += weight
                    bi[(prev, tok)] += weight
                    if prev2 is not None:
                        tri[(prev2, prev, tok)] += weight
                    prev2, prev = prev, tok
                elif prev != "<b>":
                    bi[(prev, "<b>")] += weight
                    prev2, prev = None, "<b>"
            if prev != "<b>":
                bi[(prev, "<b>")] += weight
    return uni, bi, tri


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lm-corpus", default=str(ROOT.parent / "shared" / "lm-corpus"))
    args = ap.parse_args()
    lm_corpus = Path(args.lm_corpus)
    if not lm_corpus.is_dir():
        print(f"error: {lm_corpus}: LM corpus folder not found", file=sys.stderr)
        return 1
    listed = word_list_syllables()
    rhymes = {split_onset(s)[1] for s in listed}
    uni, bi, tri = count(corpus_files(lm_corpus))
    for name in admin_names():  # each distinct place name counts as if seen a few times
        syls = WORD.findall(norm(name))
        prev = "<b>"
        for syl in syls:
            if plausible(syl, rhymes):
                uni[syl] += 3
                bi[(prev, syl)] += 3
                prev = syl
    inventory = set(listed) | {s for s, c in uni.items() if c >= MIN_CORPUS_SYLLABLE and plausible(s, rhymes)}
    # abbreviations (UBND, TTHC, ...) are context too: "UBND tỉnh", "hồ sơ TTHC"
    inventory |= {a for a in abbreviation_words() if uni.get(a, 0) >= MIN_CORPUS_SYLLABLE}
    import underthesea

    header = ("# planparse syllable inventory: underthesea Viet74K/39K/22K/11K word lists + counts from ../shared/lm-corpus "
              f"and clean corpus plans (scripts/build_lm.py; underthesea {underthesea.__version__})\n")
    rows = sorted(((s, uni.get(s, 0)) for s in inventory), key=lambda x: (-x[1], x[0]))
    (DATA / "syllables.tsv").write_text(header + "".join(f"{s}\t{c}\n" for s, c in rows), encoding="utf-8")
    keep = sorted(((a, b, c) for (a, b), c in bi.items()
                   if c >= MIN_BIGRAM and (a in ("<b>", "<num>") or a in inventory) and (b in ("<b>", "<num>") or b in inventory)),
                  key=lambda x: (x[0], x[1]))
    body = "# planparse syllable bigrams (scripts/build_lm.py); <b> = boundary\n" + "".join(f"{a}\t{b}\t{c}\n" for a, b, c in keep)
    with open(DATA / "bigrams.tsv.gz", "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
            gz.write(body.encode("utf-8"))
    specials = ("<b>", "<num>")
    keep3 = sorted((k, c) for k, c in tri.items()
                   if c >= MIN_TRIGRAM and all(x in specials or x in inventory for x in k))
    body3 = "# planparse syllable trigrams (scripts/build_lm.py)\n" + "".join(f"{a}\t{b}\t{c}\t{n}\n" for (a, b, c), n in keep3)
    with open(DATA / "trigrams.tsv.gz", "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
            gz.write(body3.encode("utf-8"))
    print(f"{len(keep3)} trigrams; trigrams.tsv.gz {os.path.getsize(DATA / 'trigrams.tsv.gz') // 1024} KiB")
    print(f"{len(rows)} syllables ({len(listed)} from word lists), {len(keep)} bigrams, "
          f"{sum(uni.values())} syllable tokens counted; bigrams.tsv.gz {os.path.getsize(DATA / 'bigrams.tsv.gz') // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
