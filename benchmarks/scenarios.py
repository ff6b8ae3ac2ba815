"""Scenario benchmark: all single drop-outs of the demo picture (one model re-solved against a
fresh build per donor), and Monte Carlo futures on a generated instance with 1 and 2 local Dask
workers side by side (runs/s and speed-up).

Run: ``.venv/bin/python benchmarks/scenarios.py [--size XS|S|L] [--runs 1000] [--seed 7]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from clearinghouse.demo import generate as demo_picture
from clearinghouse.planning.engine import plan
from clearinghouse.planning.scenarios.edits import without_donors
from clearinghouse.planning.scenarios.montecarlo import montecarlo
from clearinghouse.planning.scenarios.sweep import ValueModel, fresh_lp_value
from clearinghouse.planning.settings import PlanSettings

sys.path.insert(0, str(Path(__file__).parent))
from plan import SIZES, START, generate  # the planner benchmark's generator

DEMO_START = date(2026, 11, 1)


def dropouts(full_plans: int) -> None:
    bundle, settings = demo_picture(DEMO_START), PlanSettings(DEMO_START)
    donors = sorted({o.donor for o in bundle.offers} | {f.donor for f in bundle.funding})
    t0 = time.perf_counter()
    vm = ValueModel(bundle, settings)
    built = time.perf_counter() - t0
    t0 = time.perf_counter()
    losses = {d: vm.base - vm.without({d}) for d in donors}
    resolved = time.perf_counter() - t0
    t0 = time.perf_counter()
    fresh = {d: fresh_lp_value(without_donors(bundle, [d], None), settings) for d in donors}
    rebuilt = time.perf_counter() - t0
    worst = max(abs(vm.base - losses[d] - fresh[d]) for d in donors)
    t0 = time.perf_counter()
    for d in donors[:full_plans]:
        plan(without_donors(bundle, [d], None), settings)
    replanned = (time.perf_counter() - t0) / max(1, min(full_plans, len(donors)))
    n = len(donors)
    print(f"demo picture: {len(bundle.offers):,} offers × {len(bundle.needs):,} needs, "
          f"{n} donors")
    print(f"  all single drop-outs, one model: build {built:.2f} s + {n} re-solves "
          f"{resolved:.2f} s ({resolved / n * 1000:.0f} ms each)")
    print(f"  fresh build and solve per donor: {rebuilt:.2f} s ({rebuilt / n * 1000:.0f} ms "
          f"each) — re-solve {rebuilt / resolved:.1f}× faster; largest difference "
          f"{worst:.2e}")
    print(f"  a full whole-unit re-plan per donor (engine.plan): {replanned:.2f} s each")
    top = sorted(losses.items(), key=lambda kv: -kv[1])[:5]
    print("  largest losses: " + ", ".join(f"{d} {v:,.0f} ({v / vm.base:.1%})" for d, v in top))


def resolve_vs_build(size: str, seed: int) -> None:
    n_offers, n_needs = SIZES[size]
    bundle, settings = generate(n_offers, n_needs, seed), PlanSettings(START)
    t0 = time.perf_counter()
    vm = ValueModel(bundle, settings)
    built = time.perf_counter() - t0
    donors = sorted({o.donor for o in bundle.offers})[:5]
    t0 = time.perf_counter()
    for d in donors:
        vm.without({d})
    resolved = (time.perf_counter() - t0) / len(donors)
    print(f"{size} ({n_offers:,} × {n_needs:,}): value LP fresh build and solve {built:.2f} s; "
          f"re-solve with a donor's bounds changed {resolved:.3f} s")


def futures(size: str, runs: int, seed: int) -> None:
    n_offers, n_needs = SIZES[size]
    bundle, settings = generate(n_offers, n_needs, seed), PlanSettings(START)
    t0 = time.perf_counter()
    base = plan(bundle, settings)
    one_plan = time.perf_counter() - t0
    print(f"{size} Monte Carlo, {runs} futures (delay 0.1, withdraw 0.05, hub outage 0.1); "
          f"one fresh plan in-process {one_plan:.2f} s, value {base.value:,.0f}")
    rates = {}
    results = {}
    for workers in (1, 2):
        t0 = time.perf_counter()
        results[workers] = montecarlo(bundle, settings, runs, 0.1, 0.05, 0.1, seed,
                                      workers=workers)
        seconds = time.perf_counter() - t0
        rates[workers] = runs / seconds
        v = results[workers].value
        print(f"  {workers} worker(s): {seconds:.1f} s, {rates[workers]:.2f} runs/s "
              f"(cluster start included); value mean {v.mean:,.0f} p5 {v.p5:,.0f} "
              f"p95 {v.p95:,.0f}")
    same = results[1].outcomes == results[2].outcomes
    print(f"  speed-up on 2 workers: {rates[2] / rates[1]:.2f}×; same outcomes: {same}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="S", choices=sorted(SIZES))
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--full-plans", type=int, default=3,
                        help="donors re-planned in whole units with the engine, for reference")
    args = parser.parse_args()
    dropouts(args.full_plans)
    resolve_vs_build(args.size, args.seed)
    futures(args.size, args.runs, args.seed)


if __name__ == "__main__":
    main()
