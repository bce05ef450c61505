"""Time to compare two plans of 100 tasks (and 30 KPIs) each, median of 5 runs, against the time to
extract one corpus plan in the same run. Not part of CI's pass/fail.

    .venv/bin/python benchmarks/bench_compare.py
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def big_plan(plans, n_tasks: int, n_kpis: int, salt: str):
    """A plan with n tasks and KPIs drawn from the corpus plans, each made distinct by a suffix."""
    from planparse.models import Plan

    tasks = [t for p in plans for t in p.tasks]
    kpis = [k for p in plans for k in p.kpis]
    out = Plan(document=f"bench-{salt}", meta=plans[0].meta)
    out.tasks = [tasks[i % len(tasks)].model_copy(update={"text": f"{tasks[i % len(tasks)].text} (đợt {i // len(tasks) + 1})",
                                                            "ref": f"T{i}"}) for i in range(n_tasks)]
    out.kpis = [kpis[i % len(kpis)].model_copy(update={"ref": f"K{i}"}) for i in range(n_kpis)]
    return out


def main() -> None:
    from planparse.compare import comparable, compare_plans
    from planparse.pipeline import extract_file

    seeds = sorted((ROOT / "corpus" / "seeds").glob("00[0134]_*.txt"))
    plans = [extract_file(p) for p in seeds]
    child, parent = big_plan(plans, 100, 30, "child"), big_plan(plans[::-1], 100, 30, "parent")
    times = []
    for _ in range(5):
        comparable.cache_clear()  # count word segmentation every run
        t = time.perf_counter()
        compare_plans(child, parent)
        times.append(time.perf_counter() - t)
    ext = []
    for _ in range(5):
        t = time.perf_counter()
        extract_file(seeds[2])
        ext.append(time.perf_counter() - t)
    print(f"compare 100 x 100 tasks, 30 x 30 KPIs: {statistics.median(times):.3f} s (median of 5); "
          f"extracting one corpus plan: {statistics.median(ext):.3f} s")


if __name__ == "__main__":
    main()
