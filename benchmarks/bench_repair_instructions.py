"""Repair cost in instructions, not seconds: this machine's speed drifts by up to 2x over minutes, so
timings alone cannot compare two versions. Runs repair of four OCR'd corpus documents under
`valgrind --tool=callgrind` (Debian package valgrind), once with and once without the repair, and
prints instructions per syllable (deterministic for the same code, data and Python).

    .venv/bin/python benchmarks/bench_repair_instructions.py
"""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted((ROOT / "corpus" / "ocr-eng").glob("*.ocr.txt"))[5:9]
WORKLOAD = f"""
import sys
sys.path.insert(0, {str(ROOT / 'src')!r})
from planparse.repair import repair_text
from planparse.repair.lm import language_model
language_model()
texts = [open(p, encoding='utf-8').read() for p in {[str(p) for p in FILES]!r}]
if sys.argv[1:] == ['run']:
    for t in texts:
        repair_text(t, 'always')
"""


def instructions(script: Path, *args: str) -> int:
    with tempfile.TemporaryDirectory() as d:
        r = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={d}/out", sys.executable, str(script), *args],
                           capture_output=True, text=True)
    m = re.search(r"Collected : (\d+)", r.stderr)
    if not m:
        raise SystemExit(f"valgrind failed: {r.stderr[-300:]}")
    return int(m.group(1))


def main() -> None:
    syllables = sum(len(re.findall(r"\w+", p.read_text(encoding="utf-8"))) for p in FILES)
    with tempfile.TemporaryDirectory() as d:
        script = Path(d) / "workload.py"
        script.write_text(WORKLOAD, encoding="utf-8")
        base = instructions(script)
        full = instructions(script, "run")
    print(f"{len(FILES)} documents, {syllables} syllables: repair {full - base:,} instructions "
          f"({(full - base) / syllables:,.0f} per syllable; loading the model {base:,})")


if __name__ == "__main__":
    main()
