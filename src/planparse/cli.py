"""Command line: a thin layer over the library. Errors are one line and exit code 1."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Optional

from . import __version__
from .errors import PlanParseError

DEFAULT_CORPUS = Path("corpus")


def _write_json(obj: dict, dest: Optional[Path]) -> None:
    text = json.dumps(obj, ensure_ascii=False, indent=2)
    if dest is None:
        sys.stdout.write(text + "\n")
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_suffix(dest.suffix + ".tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    os.replace(tmp, dest)


def cmd_extract(args: argparse.Namespace) -> int:
    from .pipeline import extract_file
    from .validate import validate_plan

    out_dir = None if args.output in (None, "-") else Path(args.output)
    failed = 0
    for f in args.files:
        try:
            plan = extract_file(f)
            data = plan.model_dump(mode="json", exclude_none=False)
            validate_plan(data)
        except PlanParseError as e:
            print(f"error: {e}", file=sys.stderr)
            failed += 1
            continue
        for w in plan.warnings:
            print(f"warning: {f}: {w}", file=sys.stderr)
        if out_dir is None:
            _write_json(data, None)
        else:
            _write_json(data, out_dir / (Path(f).name + ".json"))
    return 1 if failed else 0


def _stem_key(name: str) -> str:
    return Path(name).name.split(".")[0]


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import load_gold, render_table, report_json, score
    from .pipeline import extract_file

    gold_dir = Path(args.gold)
    if not gold_dir.is_dir():
        print(f"error: {gold_dir}: gold directory not found", file=sys.stderr)
        return 1
    gold = load_gold(gold_dir)
    if args.files:
        inputs = [Path(f) for f in args.files]
    else:
        base = gold_dir.parent
        inputs = sorted(p for d in ("seeds", "docx", "pdf") for p in (base / d).glob("*") if _stem_key(p.name) in gold)
    scores = []
    for p in inputs:
        key = _stem_key(p.name)
        if key not in gold:
            continue
        try:
            if p.suffix == ".json":
                pred = json.loads(p.read_text(encoding="utf-8"))
            else:
                pred = extract_file(p).model_dump(mode="json")
        except PlanParseError as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
        s = score(gold[key], pred)
        s.document = p.name
        scores.append(s)
    if not scores:
        print(f"error: {gold_dir}: no documents matching the gold files", file=sys.stderr)
        return 1
    if args.json:
        _write_json(report_json(scores), None if args.json == "-" else Path(args.json))
    if args.json != "-":
        print(render_table(scores))
    return 0


def cmd_blocks(args: argparse.Namespace) -> int:
    from .readers import read_document

    try:
        doc = read_document(args.file)
    except PlanParseError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    _write_json(doc.model_dump(mode="json", exclude_none=True), None)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .validate import plan_schema

    _write_json(plan_schema(), None if args.output in (None, "-") else Path(args.output))
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="planparse", description="Read Vietnamese government plans into structured data.")
    p.add_argument("--version", action="version", version=f"planparse {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    e = sub.add_parser("extract", help="extract plans (TXT/MD, DOCX, PDF) to JSON")
    e.add_argument("files", nargs="+", help="plan files")
    e.add_argument("-o", "--output", default="-", help="output directory, or - for stdout (default)")
    e.set_defaults(func=cmd_extract)

    v = sub.add_parser("eval", help="score extractions against gold files (per category P/R/F1, micro-averaged)")
    v.add_argument("files", nargs="*", help="plan files or extracted JSON (default: corpus renditions of every gold file)")
    v.add_argument("--gold", default=str(DEFAULT_CORPUS / "gold"), help="directory of *.gold.json (default: corpus/gold)")
    v.add_argument("--json", help="also write the scores as JSON to this file (- for stdout only)")
    v.set_defaults(func=cmd_eval)

    b = sub.add_parser("blocks", help="dump the read layer (blocks with provenance) as JSON")
    b.add_argument("file")
    b.set_defaults(func=cmd_blocks)

    s = sub.add_parser("schema", help="print the JSON Schema of the output")
    s.add_argument("-o", "--output", default="-")
    s.set_defaults(func=cmd_schema)
    return p


def main(argv: Optional[list[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
