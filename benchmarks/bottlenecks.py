"""Bottlenecks benchmark: the plan and the bottleneck pricing of the same bundle, side by side.

Run: ``.venv/bin/python benchmarks/bottlenecks.py [--sizes S L] [--seed 7] [--confirm 10]``.
Both run in one interpreter on the same generated bundle (benchmarks/plan.py), plan first;
wall and CPU seconds are printed, since the machine may be shared. The target: the
bottlenecks (value LP solved, every resource priced, ``confirm`` candidates per kind
re-solved) within 2x the plan's own time.
"""

from __future__ import annotations

import argparse
import time

from clearinghouse.planning.bottlenecks import CONFIRM, find_bottlenecks
from clearinghouse.planning.engine import plan
from clearinghouse.planning.problem import snapshot
from clearinghouse.planning.settings import PlanSettings
from plan import SIZES, START, generate  # the planner benchmark's generator


def measure(size: str, seed: int, confirm: int) -> None:
    bundle = generate(*SIZES[size], seed=seed)
    settings = PlanSettings(START)
    wall, cpu = time.perf_counter(), time.process_time()
    planned = plan(bundle, settings)
    plan_wall, plan_cpu = time.perf_counter() - wall, time.process_time() - cpu
    wall, cpu = time.perf_counter(), time.process_time()
    found = find_bottlenecks(snapshot(bundle, settings), confirm=confirm)
    b_wall, b_cpu = time.perf_counter() - wall, time.process_time() - cpu
    kinds = {k: sum(1 for a in found.additions if a.kind == k)
             for k in ("hub", "producer", "funding", "class")}
    print(f"\n== {size}: {SIZES[size][0]:,} offers × {SIZES[size][1]:,} needs (seed {seed}) ==")
    print(f"plan        {plan_wall:7.2f} s wall {plan_cpu:7.2f} s cpu  status {planned.status}"
          f"  lp_bound {planned.lp_bound:,.2f}")
    print(f"bottlenecks {b_wall:7.2f} s wall {b_cpu:7.2f} s cpu  value LP "
          f"{found.lp_value:,.2f}  {len(found.additions)} additions confirmed {kinds}")
    print(f"            bottlenecks / plan = {b_wall / plan_wall:.2f}x wall, "
          f"{b_cpu / plan_cpu:.2f}x cpu (target <= 2x)")
    for a in found.additions[:3]:
        print(f"            {a.describe(START)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", nargs="+", default=["S", "L"], choices=sorted(SIZES))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--confirm", type=int, default=CONFIRM,
                    help="candidates per kind confirmed by a re-solve")
    args = ap.parse_args()
    for size in args.sizes:
        measure(size, args.seed, args.confirm)


if __name__ == "__main__":
    main()
