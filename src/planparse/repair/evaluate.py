"""Score repair on text whose truth is known: syllable and character error rates before and after.

SER: Levenshtein distance over NFC, case-folded \\w+ tokens, divided by the reference length.
CER: Levenshtein distance over whitespace-folded characters, divided by the reference length.
"""
from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from ..text import fold_ws, normalize_tones
from . import repair_text
from .legacy import encode_tcvn3, encode_vni


def _tokens(s: str) -> list[str]:
    return re.findall(r"\w+", normalize_tones(unicodedata.normalize("NFC", s)).casefold())


def ser_counts(ref: str, hyp: str) -> tuple[int, int]:
    r, h = _tokens(ref), _tokens(hyp)
    return Levenshtein.distance(r, h), len(r)


def cer_counts(ref: str, hyp: str) -> tuple[int, int]:
    r, h = fold_ws(unicodedata.normalize("NFC", ref)), fold_ws(unicodedata.normalize("NFC", hyp))
    return Levenshtein.distance(r, h), len(r)


@dataclass
class Row:
    name: str
    group: str
    words: int
    ser_before: int
    ser_after: int
    cer_before: int
    cer_after: int
    chars: int
    seconds: float


def _with_known_text(folder: Path) -> list[tuple[Path, str]]:
    """(OCR file, name) for each <name>.ocr.txt that has its <name>.ref.txt; the others are skipped."""
    pairs = [(p, p.name[: -len(".ocr.txt")]) for p in sorted(folder.glob("*.ocr.txt"))]
    return [(p, name) for p, name in pairs if (folder / f"{name}.ref.txt").is_file()]


def eval_ocr(folder: Path) -> list[Row]:
    repair_text("Thuc hien ke hoach", "always")  # load the model first: its loading is not repair speed
    rows = []
    for ocr_file, name in _with_known_text(folder):
        ref = (folder / f"{name}.ref.txt").read_text(encoding="utf-8")
        hyp = ocr_file.read_text(encoding="utf-8")
        t = time.perf_counter()
        fixed = repair_text(hyp, "always").text
        secs = time.perf_counter() - t
        sb, n = ser_counts(ref, hyp)
        sa, _ = ser_counts(ref, fixed)
        cb, m = cer_counts(ref, hyp)
        ca, _ = cer_counts(ref, fixed)
        group = "seed" if re.match(r"\d{3}_", name) else "unseen"
        rows.append(Row(name, group, n, sb, sa, cb, ca, m, secs))
    return rows


def eval_legacy(seeds: list[Path]) -> list[dict]:
    out = []
    for p in seeds:
        text = unicodedata.normalize("NFC", p.read_text(encoding="utf-8"))
        for enc, encode in (("tcvn3", encode_tcvn3), ("vni", encode_vni)):
            damaged = encode(text)
            fixed = repair_text(damaged, "auto").text
            d, n = cer_counts(text, fixed)
            before, _ = cer_counts(text, damaged)
            out.append({"document": p.name, "encoding": enc, "cer_before": round(before / n, 4), "cer_after": round(d / n, 4)})
    return out


def eval_hand(corpus: Path) -> list[dict]:
    """Seeds with a hand-corrected sample of lines (ocr-hand/<seed>.lines.tsv: line number, TAB, the
    true line): SER of those lines as printed and after repairing the whole seed as extract does."""
    out = []
    for sample in sorted((corpus / "ocr-hand").glob("*.lines.tsv")):
        seed = corpus / "seeds" / (sample.name[: -len(".lines.tsv")] + ".txt")
        if not seed.exists():
            continue
        raw = unicodedata.normalize("NFC", seed.read_text(encoding="utf-8"))
        printed, fixed = raw.split("\n"), repair_text(raw, "auto").text.split("\n")
        before = after = words = lines = 0
        for row in sample.read_text(encoding="utf-8").splitlines():
            if not row.strip() or row.startswith("#"):
                continue
            number, truth = row.split("\t", 1)
            k = int(number) - 1
            b, n = ser_counts(truth, printed[k])
            a, _ = ser_counts(truth, fixed[k])
            before, after, words, lines = before + b, after + a, words + n, lines + 1
        if words:
            out.append({"document": seed.name, "lines": lines, "words": words,
                        "ser_before": round(before / words, 4), "ser_after": round(after / words, 4)})
    return out


def eval_extraction(folder: Path) -> list[dict]:
    """What OCR costs extraction, and how much repair wins back: each OCR'd plan is extracted as
    printed (repair off) and repaired, and both are scored (`planparse eval`'s scoring) against what
    the same pipeline extracts from the known text of the same pages. Documents whose known text
    gives no tasks or KPIs (reports, letters) are left out."""
    import tempfile

    from ..errors import PlanParseError
    from ..evaluate import score
    from ..pipeline import extract_file

    def extract(text: str, name: str, mode: str) -> dict:
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / f"{name}.txt"
            path.write_text(text, encoding="utf-8")
            try:
                return extract_file(path, mode).model_dump(mode="json")
            except PlanParseError:
                return {}

    out = []
    for ocr_file, name in _with_known_text(folder):
        known = extract((folder / f"{name}.ref.txt").read_text(encoding="utf-8"), name, "never")
        if not known.get("tasks") and not known.get("kpis"):
            continue
        ocr = ocr_file.read_text(encoding="utf-8")
        row = {"document": name, "tasks": len(known["tasks"]), "kpis": len(known["kpis"])}
        for label, mode in (("as_printed", "never"), ("repaired", "always")):
            s = score(known, extract(ocr, name, mode))
            row[label] = {"tp": s.micro.tp, "fp": s.micro.fp, "fn": s.micro.fn, "f1": round(s.micro.f1, 4),
                          "tasks_f1": round(s.cats["tasks"].f1, 4)}
        out.append(row)
    return out


def _micro_f1(rows: list[dict], label: str) -> float:
    from ..evaluate import Counts

    return round(Counts(*(sum(r[label][k] for r in rows) for k in ("tp", "fp", "fn"))).f1, 4)


def report(corpus: Path, extraction: bool = True) -> dict:
    rows = eval_ocr(corpus / "ocr-eng")
    groups: dict[str, dict] = {}
    for g in ("seed", "unseen", "all"):
        sel = [r for r in rows if g == "all" or r.group == g]
        if not sel:
            continue
        words = sum(r.words for r in sel)
        chars = sum(r.chars for r in sel)
        secs = sum(r.seconds for r in sel)
        groups[g] = {
            "documents": len(sel), "words": words,
            "ser_before": round(sum(r.ser_before for r in sel) / words, 4),
            "ser_after": round(sum(r.ser_after for r in sel) / words, 4),
            "cer_before": round(sum(r.cer_before for r in sel) / chars, 4),
            "cer_after": round(sum(r.cer_after for r in sel) / chars, 4),
            "words_per_second": round(words / secs) if secs else None,
        }
    seeds = sorted(p for p in (corpus / "seeds").glob("*.txt") if not p.name.startswith("002_"))
    rep = {"ocr": groups, "documents": [r.__dict__ for r in rows], "legacy": eval_legacy(seeds),
           "hand": eval_hand(corpus)}
    if extraction:
        plans = eval_extraction(corpus / "ocr-eng")
        rep["extraction"] = {"documents": plans, "micro_f1_as_printed": _micro_f1(plans, "as_printed"),
                             "micro_f1_repaired": _micro_f1(plans, "repaired")}
    return rep


def render(rep: dict) -> str:
    lines = [f"{'tesseract -l eng':<22}{'docs':>6}{'words':>8}{'SER before':>12}{'SER after':>11}{'CER before':>12}{'CER after':>11}{'words/s':>9}"]
    for g, v in rep["ocr"].items():
        label = {"seed": "corpus seeds (in LM)", "unseen": "real docs (unseen)", "all": "all"}[g]
        lines.append(f"{label:<22}{v['documents']:>6}{v['words']:>8}{v['ser_before']:>12.3f}{v['ser_after']:>11.3f}"
                     f"{v['cer_before']:>12.3f}{v['cer_after']:>11.3f}{v['words_per_second'] or 0:>9}")
    lines.append("")
    lines.append(f"{'legacy encoding':<22}{'document':<30}{'CER before':>12}{'CER after':>11}")
    for r in rep["legacy"]:
        lines.append(f"{r['encoding']:<22}{r['document'][:29]:<30}{r['cer_before']:>12.4f}{r['cer_after']:>11.4f}")
    if rep.get("hand"):
        lines.append("")
        lines.append(f"{'hand-corrected sample':<22}{'document':<30}{'lines':>6}{'words':>7}{'SER before':>12}{'SER after':>11}")
        for r in rep["hand"]:
            lines.append(f"{'':<22}{r['document'][:29]:<30}{r['lines']:>6}{r['words']:>7}{r['ser_before']:>12.3f}"
                         f"{r['ser_after']:>11.3f}")
    if rep.get("extraction"):
        ex = rep["extraction"]
        lines.append("")
        lines.append("extraction from the OCR'd plans, scored against extraction from their known text")
        lines.append(f"{'':<22}{'document':<30}{'tasks':>6}{'kpis':>6}{'F1 printed':>12}{'F1 repaired':>12}")
        for r in ex["documents"]:
            lines.append(f"{'':<22}{r['document'][:29]:<30}{r['tasks']:>6}{r['kpis']:>6}"
                         f"{r['as_printed']['f1']:>12.3f}{r['repaired']['f1']:>12.3f}")
        lines.append(f"{'micro':<22}{'':<30}{'':>6}{'':>6}{ex['micro_f1_as_printed']:>12.3f}{ex['micro_f1_repaired']:>12.3f}")
    return "\n".join(lines)
