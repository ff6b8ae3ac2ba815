"""Two-way procurement benchmark: the plan and the filling of allies' requests on the same
bundle, side by side.

Run: ``.venv/bin/python benchmarks/procurement.py [--sizes S L] [--seed 7] [--requests 1000]``.
Both run in one interpreter on the same generated bundle (benchmarks/plan.py) with
``--requests`` procurement requests for the classes its producers make (a few for classes
nobody makes), plan first; wall and CPU seconds are printed, since the machine may be shared.
The recipient's plan is computed once, exactly as without requests; the requests only read it.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from dataclasses import replace

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.months import add_months
from clearinghouse.domain.procurement import ProcurementRequest
from clearinghouse.planning.engine import plan
from clearinghouse.planning.procurement import fill_requests
from clearinghouse.planning.settings import PlanSettings
from plan import NATO, SIZES, START, generate  # the planner benchmark's generator


def with_requests(bundle: Bundle, count: int, seed: int) -> Bundle:
    """``bundle`` with ``count`` requests: allies buying what its producers make, at prices
    around theirs, due over the year; one in twenty for a class nobody makes."""
    rng = random.Random(f"{seed}:procurement")
    made = sorted({p.class_code for p in bundle.producers})
    price = {p.class_code: p.unit_price_eur for p in bundle.producers}
    others = sorted(bundle.classes - set(made)) or made
    capacity = {p.class_code: p.capacity_per_month for p in bundle.producers}
    requests = []
    for i in range(count):
        cls = rng.choice(others) if rng.random() < 0.05 else rng.choice(made)
        requests.append(ProcurementRequest(
            f"PR-{i:05d}", rng.choice(NATO), cls,
            max(1, round(capacity.get(cls, 100) * rng.uniform(0.05, 0.6))),
            round(price.get(cls, 100.0) * rng.uniform(0.8, 1.4), 2),
            add_months(START, rng.randint(-1, 12)).replace(day=15)))
    return replace(bundle, procurement=requests)


def measure(size: str, seed: int, count: int) -> None:
    bundle = with_requests(generate(*SIZES[size], seed=seed), count, seed)
    settings = PlanSettings(START)
    wall, cpu = time.perf_counter(), time.process_time()
    planned = plan(bundle, settings)
    plan_wall, plan_cpu = time.perf_counter() - wall, time.process_time() - cpu
    wall, cpu = time.perf_counter(), time.process_time()
    result = fill_requests(planned, bundle.producers, bundle.procurement)
    f_wall, f_cpu = time.perf_counter() - wall, time.process_time() - cpu
    reasons = Counter(r.reason or "filled" for r in result.requests.values())
    print(f"\n== {size}: {SIZES[size][0]:,} offers × {SIZES[size][1]:,} needs, "
          f"{len(bundle.producers)} producers, {count:,} requests (seed {seed}) ==")
    print(f"plan         {plan_wall:7.3f} s wall {plan_cpu:7.3f} s cpu  status {planned.status}"
          f"  value {planned.value:,.2f}")
    print(f"procurement  {f_wall:7.3f} s wall {f_cpu:7.3f} s cpu  {len(result.lines):,} lines,"
          f" {result.units:,} units, {result.amount_eur:,.0f} EUR")
    print(f"             procurement / plan = {f_wall / plan_wall:.3f}x wall; requests: "
          + ", ".join(f"{k} {v}" for k, v in sorted(reasons.items())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["S"], choices=sorted(SIZES))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--requests", type=int, default=1000)
    args = parser.parse_args()
    for size in args.sizes:
        measure(size, args.seed, args.requests)


if __name__ == "__main__":
    main()
