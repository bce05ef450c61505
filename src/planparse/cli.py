"""Command line: a thin layer over the library. Errors are one line and exit code 1."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Optional

from . import __version__, limits
from .errors import CannotWrite, PlanParseError, shown_path

def _default_corpus() -> Path:
    """corpus/ of the working directory, else the one of the checkout planparse runs from (so eval
    works from any folder), else PLANPARSE_CORPUS."""
    for cand in (os.environ.get("PLANPARSE_CORPUS"), "corpus", Path(__file__).resolve().parents[2] / "corpus"):
        if cand and (Path(cand) / "gold").is_dir():
            return Path(cand)
    return Path("corpus")


DEFAULT_CORPUS = _default_corpus()


def _stdout():
    if sys.stdout is None:  # started with standard output closed
        raise CannotWrite("stdout", "standard output is closed")
    return sys.stdout


def _write_file(dest: Path, text: str) -> None:
    from .writing import atomic_write

    atomic_write(dest, text)


def _write_json(obj: dict, dest: Optional[Path]) -> None:
    text = json.dumps(obj, ensure_ascii=False, indent=2)
    if dest is None:
        _stdout().write(text + "\n")
        return
    _write_file(dest, text + "\n")


def _json_name(source: str) -> str:
    """OUT/<name>.json for a source, short enough for any file system (255 bytes)."""
    name = shown_path(Path(source).name)
    while len((name + ".json").encode("utf-8")) > 240:
        name = name[:-1]
    return name + ".json"


def cmd_extract(args: argparse.Namespace) -> int:
    from .pipeline import extract_bytes, extract_file
    from .validate import validate_plan

    out_dir = None if args.output in (None, "-") else Path(args.output)
    jsonl = out_dir is None and len(args.files) > 1  # several plans on stdout: one JSON per line
    failed = 0
    written: set[str] = set()
    bar = _progress_bar("extracting", args.quiet) if len(args.files) > 1 else None
    for f in (bar(args.files) if bar else args.files):
        try:
            with limits.time_budget("stdin" if f == "-" else f):
                if f == "-":
                    plan = extract_bytes(_stdin_bytes(), "stdin", repair=args.repair)
                else:
                    plan = extract_file(f, repair=args.repair)
            data = plan.model_dump(mode="json", exclude_none=False)
            validate_plan(data)
            if not args.quiet:
                for w in plan.warnings:
                    print(f"warning: {shown_path(f)}: {w}", file=sys.stderr)
            if args.verbose:
                print(f"{shown_path(f)}: {len(plan.tasks)} tasks, {len(plan.kpis)} KPIs, status {plan.status}",
                      file=sys.stderr)
            if jsonl:
                _stdout().write(json.dumps(data, ensure_ascii=False) + "\n")
                continue
            if out_dir is None:
                _write_json(data, None)
                continue
            name = _json_name(f)
            if name in written:  # a/kh.txt and b/kh.txt: the second is not written over the first
                stem = name[:-len(".json")]
                name = next(f"{stem}.{k}.json" for k in range(2, len(written) + 3) if f"{stem}.{k}.json" not in written)
            written.add(name)
            _write_json(data, out_dir / name)
        except PlanParseError as e:  # a bad file, or an output that cannot be written: the next file goes on
            print(f"error: {e}", file=sys.stderr)
            failed += 1
        except MemoryError:
            print(f"error: {shown_path(f)}: E121 needed more memory than there is", file=sys.stderr)
            failed += 1
        except RecursionError:
            print(f"error: {shown_path(f)}: E108 file too large or expands too much (nested too deeply)",
                  file=sys.stderr)
            failed += 1
    return 1 if failed else 0


def _stdin_bytes() -> bytes:
    """Standard input, at most limit 'file_bytes' of it."""
    from .errors import EmptyFile, FileTooBig

    if sys.stdin is None:
        raise EmptyFile("stdin", "standard input is closed")
    limit = limits.current().file_bytes
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise FileTooBig("stdin", f"more than {limit} bytes")
    if not data.strip():
        raise EmptyFile("stdin")
    return data


LOG_EVERY_SECONDS = 10.0


def _progress_bar(what: str, quiet: bool = False):
    """A tqdm bar on stderr when it is a terminal; when stderr is a log or a pipe, a plain line ('reading: 12/25
    files') at most every LOG_EVERY_SECONDS, so a short run writes none and a long one shows it is moving."""
    if sys.stderr is None or quiet:
        return None
    if not sys.stderr.isatty():
        return lambda items: _logged(items, what)
    from tqdm import tqdm

    return lambda items: tqdm(items, desc=what, unit="file", file=sys.stderr, leave=False)


def _logged(items, what: str):
    import time

    items = list(items)
    last = time.monotonic()
    for i, item in enumerate(items, 1):
        yield item
        if time.monotonic() - last >= LOG_EVERY_SECONDS:
            print(f"{what}: {i}/{len(items)} files", file=sys.stderr, flush=True)
            last = time.monotonic()


def _stem_keys(name: str) -> list[str]:
    """The gold keys a file may stand for: its name without the extraction's .json and the document's own
    extension ('UBND ... 29.9.2025.doc.json' -> 'UBND ... 29.9.2025'), and the part before the first dot
    (a seed's renditions: '000_db....tcvn3.txt')."""
    from .readers import DOCUMENT_EXT

    base = Path(name).name
    base = base[:-len(".json")] if base.lower().endswith(".json") else base
    base = Path(base).stem if Path(base).suffix.lower() in DOCUMENT_EXT else base
    return list(dict.fromkeys([base, Path(name).name.split(".")[0]]))


def _stem_key(name: str, gold: dict) -> str:
    return next((k for k in _stem_keys(name) if k in gold), _stem_keys(name)[-1])


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import load_gold, render_table, report_json, score
    from .pipeline import extract_file

    gold_dir = Path(args.gold)
    if not gold_dir.is_dir():
        print(f"error: {gold_dir}: gold directory not found", file=sys.stderr)
        return 1
    gold = load_gold(gold_dir)
    if args.files:  # files, and folders of extraction JSON (a batch's OUT/json, an extract -o DIR)
        inputs = [q for f in args.files for q in (sorted(Path(f).glob("*.json")) if Path(f).is_dir() else [Path(f)])]
    else:
        base = gold_dir.parent
        found = [p for d in ("seeds", "docx", "pdf", "real/*") for p in base.glob(f"{d}/*")]
        inputs = sorted(p for p in found if _stem_key(p.name, gold) in gold)
    scores = []
    for p in inputs:
        key = _stem_key(p.name, gold)
        if key not in gold and p.suffix != ".json":
            continue
        try:
            if p.suffix == ".json":
                pred = json.loads(p.read_text(encoding="utf-8"))
                if isinstance(pred, dict) and isinstance(pred.get("document"), str):
                    key = _stem_key(pred["document"], gold)  # batch names its JSON by path and content
                if key not in gold:
                    continue
            else:
                pred = extract_file(p).model_dump(mode="json")
        except PlanParseError as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
        except (OSError, ValueError) as e:  # an unreadable file, or a .json that is not an extraction
            print(f"error: {p}: {getattr(e, 'strerror', None) or e}", file=sys.stderr)
            return 1
        if not isinstance(pred, dict) or "tasks" not in pred:
            print(f"error: {p}: not a planparse extraction", file=sys.stderr)
            return 1
        s = score(gold[key], pred)
        s.document = p.name if p.suffix != ".json" or not isinstance(pred.get("document"), str) else pred["document"]
        scores.append(s)
    if not scores:
        print(f"error: {gold_dir}: no documents matching the gold files", file=sys.stderr)
        return 1
    if args.json:
        _write_json(report_json(scores), None if args.json == "-" else Path(args.json))
    if args.json != "-":
        _stdout().write(render_table(scores) + "\n")
    return 0


def _source_text(path: str) -> str:
    """Text to repair: a text file as it is; other formats as read (blocks, one per line)."""
    from .readers import TEXT_EXT, read_document
    from .readers.files import read_limited
    from .readers.text import decode_bytes

    p = Path(path)
    if p.suffix.lower() in TEXT_EXT and p.is_file():
        data = read_limited(path)  # regular files only, never more than limit 'file_bytes'
        if not data.strip():
            from .errors import EmptyFile
            raise EmptyFile(path)
        return decode_bytes(data, path)
    return "\n".join(b.text for b in read_document(path).blocks)


def cmd_repair(args: argparse.Namespace) -> int:
    from .repair import repair_text

    text = _source_text(args.file)
    res = repair_text(text, args.mode)
    if args.json:
        _write_json({"file": args.file, "damage": res.damage, "encoding": res.encoding, "text": res.text,
                     "changes": [c.__dict__ for c in res.changes]}, None)
    elif args.diff:
        import difflib

        _stdout().writelines(difflib.unified_diff(text.splitlines(keepends=True), res.text.splitlines(keepends=True),
                                                   fromfile=args.file, tofile=args.file + " (repaired)"))
    else:
        _stdout().write(res.text if res.text.endswith("\n") else res.text + "\n")
    return 0


def cmd_eval_repair(args: argparse.Namespace) -> int:
    from .repair.evaluate import render, report

    corpus = Path(args.corpus)
    if not (corpus / "ocr-eng").is_dir():
        print(f"error: {corpus}: no ocr-eng/ folder (make it with scripts/build_ocr_eval.py)", file=sys.stderr)
        return 1
    rep = report(corpus)
    if args.json:
        _write_json(rep, None if args.json == "-" else Path(args.json))
    if args.json != "-":
        _stdout().write(render(rep) + "\n")
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from .compare import CompareSettings, compare_plans, load_plan, to_markdown

    child, parent = load_plan(args.child), load_plan(args.parent)
    settings = CompareSettings(**{k: v for k, v in (("kpi_threshold", args.kpi_threshold),
                                                    ("task_threshold", args.task_threshold)) if v is not None})
    result = compare_plans(child, parent, settings)
    data = result.model_dump(mode="json")
    if args.output in (None, "-") and not args.md and not args.html:
        _write_json(data, None)
    elif args.output not in (None, "-"):
        _write_json(data, Path(args.output))
    if args.html:
        from .html import render_comparison

        _write_text(render_comparison(result), args.html)
    if args.md:
        md = to_markdown(result)
        _write_text(md, args.md)
    return 0


def _write_text(text: str, dest: str) -> None:
    """Write a page atomically, or to stdout for '-'."""
    if dest == "-":
        _stdout().write(text)
        return
    _write_file(Path(dest), text)


def _find_source(json_path: Path, plan_document: str, recorded: Optional[str], sha: Optional[str]) -> Optional[Path]:
    """The file a JSON extraction was made from, looked for only beside the JSON, under the names it
    records, and only if its content is the one recorded: a JSON cannot make review show any other
    file (its source_file may name /etc/passwd)."""
    import stat

    from .pipeline import file_sha256

    if not sha:  # without a recorded content there is nothing to check a file against
        return None
    names = [Path(n).name for n in (plan_document, recorded) if n]
    for name in dict.fromkeys(names):
        cand = json_path.parent / name
        try:
            if not stat.S_ISREG(cand.stat().st_mode):
                continue
            if file_sha256(cand) == sha:
                return cand
        except OSError:
            continue
    return None


def cmd_review(args: argparse.Namespace) -> int:
    from .compare import load_plan_json
    from .html import render_review
    from .pipeline import document_to_plan, file_sha256, read_for_extraction

    src = Path(args.file)
    if src.suffix.lower() == ".json":
        plan, extras = load_plan_json(src)
        sha = extras.get("sha256") if isinstance(extras.get("sha256"), str) else None
        recorded = extras.get("source_file") if isinstance(extras.get("source_file"), str) else None
        source = Path(args.source) if args.source else _find_source(src, plan.document, recorded, sha)
        doc = None
        if source is not None:
            doc = read_for_extraction(source, args.repair)
            if args.source and sha and file_sha256(source) != sha:
                plan.warnings.append(f"{source} changed since it was extracted: highlights may be misplaced")
        else:
            print(f"warning: {shown_path(src)}: source file {plan.document} not found beside it with the content "
                  "it was extracted from: review shows the tables only (give it with --source)", file=sys.stderr)
    else:
        doc = read_for_extraction(src, args.repair)
        plan = document_to_plan(doc)
    _write_text(render_review(plan, doc), args.output)
    if args.output != "-":
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    from .batch import run_batch, summary

    budget = limits.current()
    if args.jobs > budget.jobs:
        print(f"warning: -j {args.jobs} is more than the limit of {budget.jobs} workers (limit 'jobs'): "
              f"{budget.jobs} are started", file=sys.stderr)
    records = run_batch(args.inputs, args.out, jobs=args.jobs, repair=args.repair, bom=args.bom,
                        abort_on_error=args.abort_on_error, html=args.html, budget=budget, engine=args.engine,
                        scheduler=args.scheduler)
    text = summary(records)
    if args.quiet:  # only what failed
        text = "\n".join(line for line in text.splitlines() if line.startswith("  failed:"))
    elif args.verbose:
        text += "".join(f"\n  {r.status}: {r.file}" + (f" ({len(r.warnings)} warnings)" if r.warnings else "")
                        for r in records if r.status in ("ok", "warnings", "skipped"))
    if text:
        print(text, file=sys.stderr)
    failing = ("failed", "not_a_plan") if args.fail_on_not_plan else ("failed",)
    return 1 if any(r.status in failing for r in records) else 0


def cmd_link(args: argparse.Namespace) -> int:
    from .link import link_folder, render_tree

    if not Path(args.folder).is_dir():
        print(f"error: {args.folder}: not a directory", file=sys.stderr)
        return 1
    tree = link_folder(args.folder, progress=_progress_bar("reading", args.quiet))
    if args.json:
        _write_json(tree.model_dump(mode="json"), None if args.json == "-" else Path(args.json))
    if args.json != "-":
        _stdout().write(render_tree(tree))
    return 0


def cmd_blocks(args: argparse.Namespace) -> int:
    from .pipeline import read_for_extraction

    doc = read_for_extraction(args.file, args.repair)
    _write_json(doc.model_dump(mode="json", exclude_none=True), None)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .validate import comparison_schema, plan_schema

    schema = comparison_schema() if args.kind == "comparison" else plan_schema()
    _write_json(schema, None if args.output in (None, "-") else Path(args.output))
    return 0


def _positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"{n}: at least 1 worker")
    return n


def _add_limits(p: argparse.ArgumentParser) -> None:
    p.add_argument("--limit", action="append", default=[], metavar="NAME=VALUE",
                   help="lift or lower a budget for hostile files, e.g. pages=5000, seconds=120 (names: limits.py)")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="planparse", description="Read Vietnamese government plans into structured data.")
    p.add_argument("--version", action="version", version=f"planparse {__version__}")
    talk = p.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", action="store_true", help="errors only (no warnings, no summary of what went well)")
    talk.add_argument("-v", "--verbose", action="store_true", help="also a line for every file read")
    sub = p.add_subparsers(dest="command", required=True)

    e = sub.add_parser("extract", help="extract plans (TXT/MD, DOCX, PDF) to JSON")
    e.add_argument("files", nargs="+", help="plan files (- reads one from standard input)")
    e.add_argument("-o", "--output", default="-",
                   help="output directory, or - for stdout (default: one JSON; several files: JSON Lines)")
    e.add_argument("--repair", choices=["auto", "always", "never"], default="auto",
                   help="repair OCR damage and legacy encodings: when detected (auto, default), always, or never")
    _add_limits(e)
    e.set_defaults(func=cmd_extract)

    r = sub.add_parser("repair", help="print a document's text with OCR damage and legacy encodings repaired")
    r.add_argument("file")
    r.add_argument("--mode", choices=["auto", "always"], default="auto")
    fmt = r.add_mutually_exclusive_group()
    fmt.add_argument("--diff", action="store_true", help="show changed lines as a unified diff")
    fmt.add_argument("--json", action="store_true", help="JSON: text, damage, encoding and each change with its confidence")
    r.set_defaults(func=cmd_repair)

    er = sub.add_parser("eval-repair", help="score repair on OCR'd documents whose text is known, and on TCVN3/VNI copies")
    er.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="corpus folder holding ocr-eng/ and seeds/")
    er.add_argument("--json", help="also write the report as JSON to this file (- for stdout only)")
    er.set_defaults(func=cmd_eval_repair)

    v = sub.add_parser("eval", help="score extractions against gold files (per category P/R/F1, micro-averaged)")
    v.add_argument("files", nargs="*", help="plan files, extracted JSON, or folders of it such as a batch's OUT/json "
                   "(default: corpus renditions of every gold file)")
    v.add_argument("--gold", default=str(DEFAULT_CORPUS / "gold"), help="directory of *.gold.json (default: corpus/gold)")
    v.add_argument("--json", help="also write the scores as JSON to this file (- for stdout only)")
    v.set_defaults(func=cmd_eval)

    c = sub.add_parser("compare", help="compare a plan (child) with the plan it implements (parent)")
    c.add_argument("child", help="child plan file or its extraction JSON")
    c.add_argument("parent", help="parent plan file or its extraction JSON")
    c.add_argument("-o", "--output", default="-", help="comparison JSON file, or - for stdout (default)")
    c.add_argument("--md", help="also write a readable Markdown report to this file (- for stdout)")
    c.add_argument("--html", help="also write the comparison side by side as a self-contained HTML page")
    c.add_argument("--kpi-threshold", type=float, help="pair indicators scoring at least this (default 70)")
    c.add_argument("--task-threshold", type=float, help="sure task pairs score at least this (default 50, CompareSettings)")
    c.set_defaults(func=cmd_compare)

    bt = sub.add_parser("batch", help="extract folders of plans to JSON, plans.jsonl, CSV and SQLite (resumable)")
    bt.add_argument("inputs", nargs="+", help="folders, files or globs")
    bt.add_argument("--out", required=True, help="output folder")
    bt.add_argument("-j", "--jobs", type=_positive_int, default=1, help="worker processes (default 1)")
    bt.add_argument("--repair", choices=["auto", "always", "never"], default="auto")
    bt.add_argument("--bom", action="store_true", help="write CSVs with a UTF-8 BOM (for spreadsheets)")
    bt.add_argument("--abort-on-error", action="store_true", help="stop at the first failed file")
    bt.add_argument("--fail-on-not-plan", action="store_true",
                    help="exit 1 when a file is not a plan too (by default reports, decisions ... are skipped)")
    bt.add_argument("--html", action="store_true", help="also write review/*.html per plan and an index.html")
    bt.add_argument("--engine", choices=["local", "dask"], default="local",
                    help="local worker processes (default), or a Dask cluster (pip install 'planparse[dask]')")
    bt.add_argument("--scheduler", help="with --engine dask: a running scheduler's address (default: a local cluster of -j workers)")
    _add_limits(bt)
    bt.set_defaults(func=cmd_batch)

    rv = sub.add_parser("review", help="a self-contained HTML page: the plan's text with what was extracted highlighted")
    rv.add_argument("file", help="plan file, or its extraction JSON (the source is looked up beside it)")
    rv.add_argument("-o", "--output", required=True, help="HTML file to write (- for stdout)")
    rv.add_argument("--source", help="the plan file a JSON was extracted from")
    rv.add_argument("--repair", choices=["auto", "always", "never"], default="auto")
    rv.set_defaults(func=cmd_review)

    k = sub.add_parser("link", help="link the plans of a folder into a plan tree from what each implements")
    k.add_argument("folder")
    k.add_argument("--json", help="also write the tree as JSON to this file (- for stdout only)")
    k.set_defaults(func=cmd_link)

    b = sub.add_parser("blocks", help="dump the read layer (blocks with provenance) as JSON")
    b.add_argument("file")
    b.add_argument("--repair", choices=["auto", "always", "never"], default="never",
                   help="never (default): blocks as read; auto/always: as extraction sees them, `original` kept")
    b.set_defaults(func=cmd_blocks)

    s = sub.add_parser("schema", help="print the JSON Schema of the output (plan, or comparison)")
    s.add_argument("kind", nargs="?", choices=["plan", "comparison"], default="plan")
    s.add_argument("-o", "--output", default="-")
    s.set_defaults(func=cmd_schema)
    return p


def main(argv: Optional[list[str]] = None) -> int:
    if sys.stderr is None:  # started with standard error closed: messages are lost, outputs are not
        sys.stderr = open(os.devnull, "w", encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        limits.set_limits(limits.parse_overrides(getattr(args, "limit", None), limits.from_environment()))
    except ValueError as e:
        print(f"error: --limit: {e}", file=sys.stderr)
        return 2
    if argv is None and args.command != "batch":  # the command line: one crafted file cannot take the machine
        limits.cap_memory(limits.current().memory_mb)
    try:
        return args.func(args)
    except PlanParseError as e:  # bad input: one line naming the file and the reason
        print(f"error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as e:  # an output that cannot be written: one line naming it, as for bad input
        where = f"{shown_path(e.filename)}: " if e.filename else ""
        print(f"error: {where}E100 cannot write or read: {e.strerror or e}", file=sys.stderr)
        return 1
    except RecursionError:
        print(f"error: {shown_path(getattr(args, 'file', '') or '')}: E108 input nested too deeply", file=sys.stderr)
        return 1
    except MemoryError:
        print(f"error: {shown_path(getattr(args, 'file', '') or '')}: E121 needed more memory than its budget "
              "(limit 'memory_mb')", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
