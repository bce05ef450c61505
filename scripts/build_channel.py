"""Learn the OCR channel: how Tesseract without Vietnamese misreads Vietnamese letters.

From the clean corpus seeds' renditions OCR'd with `tesseract -l eng` (corpus/ocr-eng/0*.ocr.txt,
made by scripts/build_ocr_eval.py) against their known text, align words, then letters, and count
which printed letters stand for which base letters ("chitc" for "chuc": "it" -> "u"; "s6" for "so":
"6" -> "o"). Only the seeds are used, so the real documents in corpus/ocr-eng stay unseen for
evaluation; seed 002 is not among them. Writes src/planparse/data/ocr_channel.tsv.

    python scripts/build_channel.py
"""
from __future__ import annotations

import difflib
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from planparse.repair.evaluate import _tokens  # noqa: E402
from planparse.repair.lm import language_model, skeleton  # noqa: E402

MIN_COUNT = 3
MAX_CHUNK = 2


def rules_from_pair(ocr: str, ref: str) -> list[tuple[str, str]]:
    """Letter-level differences between an OCR'd word and the base letters of the true word."""
    a, b = skeleton(ocr), skeleton(ref)
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        src, dst = a[i1:i2], b[j1:j2]
        if len(src) <= MAX_CHUNK and len(dst) <= MAX_CHUNK and src:
            out.append((src, dst))
    return out


def main() -> int:
    folder = ROOT / "corpus" / "ocr-eng"
    lm = language_model()
    counts: Counter = Counter()
    pairs = 0
    for f in sorted(folder.glob("[0-9]*.ocr.txt")):
        ref = _tokens((folder / f.name.replace(".ocr.txt", ".ref.txt")).read_text(encoding="utf-8"))
        ocr = _tokens(f.read_text(encoding="utf-8"))
        for op in Levenshtein.editops(ref, ocr):
            if op.tag != "replace":
                continue
            r, o = ref[op.src_pos], ocr[op.dest_pos]
            if r not in lm.unigram or not re.fullmatch(r"\w+", o) or abs(len(skeleton(r)) - len(o)) > 2:
                continue
            rules = rules_from_pair(o, r)
            if 0 < len(rules) <= 2:
                pairs += 1
                counts.update(rules)
    keep = sorted(((s, d, c) for (s, d), c in counts.items() if c >= MIN_COUNT), key=lambda x: (-x[2], x[0], x[1]))
    header = ("# planparse OCR channel: printed letters -> base letters, with counts; learned by scripts/build_channel.py "
              "from the clean seeds' tesseract -l eng OCR against their text\n")
    (ROOT / "src" / "planparse" / "data" / "ocr_channel.tsv").write_text(
        header + "".join(f"{s}\t{d}\t{c}\n" for s, d, c in keep), encoding="utf-8")
    print(f"{len(keep)} rules from {pairs} word pairs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
