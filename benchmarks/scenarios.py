"""Scenario benchmark: all single drop-outs of the demo picture (one model re-solved against a
fresh build per donor), and Monte Carlo futures on a generated instance: the per-run time of
a fresh build against a re-solve of the one built model, then runs/s with 1 and 2 local Dask
workers side by side (worker processes, one thread each) and the speed-up.

Run: ``.venv/bin/python benchmarks/scenarios.py [--size XS|S|L] [--runs 1000] [--seed 7]
[--montecarlo-only]``. The machine's load average is printed with the timings.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from contextlib import ExitStack
from datetime import date
from pathlib import Path

from distributed import Client, LocalCluster

from clearinghouse.demo import generate as demo_picture
from clearinghouse.planning.engine import plan
from clearinghouse.planning.scenarios.edits import without_donors
from clearinghouse.planning.scenarios.futures import FutureSpec
from clearinghouse.planning.scenarios.montecarlo import (
    Outcomes,
    RunOutcome,
    run_future,
    run_futures,
    summarize,
)
from clearinghouse.planning.scenarios.replan import FutureModel
from clearinghouse.planning.scenarios.sweep import ValueModel, fresh_lp_value
from clearinghouse.planning.settings import PlanSettings

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1]))  # tests.support: the fresh-build baseline
from tests.support.futures import fresh_future

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


def futures(size: str, runs: int, seed: int, fresh_runs: int, rounds: int) -> None:
    n_offers, n_needs = SIZES[size]
    bundle, settings = generate(n_offers, n_needs, seed), PlanSettings(START)
    spec = FutureSpec(0.1, 0.05, 0.1, seed)
    print(f"{size} Monte Carlo (delay 0.1, withdraw 0.05, hub outage 0.1), load {_load()}")
    t0 = time.perf_counter()
    model = FutureModel(bundle, settings)
    outcomes = Outcomes(bundle, model)
    built = time.perf_counter() - t0
    lp = model.model.lp
    print(f"  model of every future: {lp.num_cols:,} columns × {lp.num_rows:,} rows, built and "
          f"solved once in {built:.2f} s")
    checked = max(1, min(fresh_runs, runs))
    t0 = time.perf_counter()
    fresh = [fresh_future(bundle, settings, spec, r) for r in range(checked)]
    rebuilt = (time.perf_counter() - t0) / checked
    t0 = time.perf_counter()
    reused = [run_future(model, outcomes, spec, r) for r in range(checked)]
    resolved = (time.perf_counter() - t0) / checked
    gap = max(abs(a.value - b.value) / b.value for a, b in zip(reused, fresh, strict=True))
    print(f"  per run, in-process ({checked} runs): fresh build and plan {rebuilt:.2f} s; "
          f"re-solve of the built model {resolved:.2f} s — {rebuilt / resolved:.1f}× faster; "
          f"whole-unit values differ by at most {gap:.2%} (the same LP optimum, rounded "
          f"from another vertex)")
    # both clusters stay up and take turns, so that a change in the machine's load falls on
    # both alike; cluster start-up is left out of the rates
    with ExitStack() as stack:
        clients = {w: stack.enter_context(Client(stack.enter_context(LocalCluster(
            n_workers=w, threads_per_worker=1, processes=True, dashboard_address=None,
            silence_logs=logging.ERROR)))) for w in (1, 2)}
        seconds, cpu = dict.fromkeys(clients, 0.0), dict.fromkeys(clients, 0.0)
        found: dict[int, list[RunOutcome]] = {w: [] for w in clients}
        loads = []
        for first in range(0, runs, -(-runs // rounds)):
            count = min(-(-runs // rounds), runs - first)
            for w, client in clients.items():
                loads.append(os.getloadavg()[0])
                before = client.run(time.process_time)
                t0 = time.perf_counter()
                found[w] += run_futures(client, model, outcomes, spec, count, first=first)
                seconds[w] += time.perf_counter() - t0
                cpu[w] += sum(t - before[k] for k, t in client.run(time.process_time).items())
    for w in clients:
        v = summarize(spec, found[w]).value
        print(f"  {w} worker(s): {runs} runs in {seconds[w]:.1f} s = {runs / seconds[w]:.2f} "
              f"runs/s; workers' CPU {cpu[w] / runs:.2f} s per run, busy "
              f"{cpu[w] / seconds[w] / w:.0%} of the time; value mean {v.mean:,.0f} "
              f"p5 {v.p5:,.0f} p95 {v.p95:,.0f}")
    print(f"  speed-up on 2 workers: {seconds[1] / seconds[2]:.2f}× measured, in {rounds} "
          f"alternating rounds (1-minute load {min(loads):.1f} to {max(loads):.1f} on "
          f"{os.cpu_count()} cores); same outcomes on 1 and 2 workers: {found[1] == found[2]}")


def _load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="S", choices=sorted(SIZES))
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--full-plans", type=int, default=3,
                        help="donors re-planned in whole units with the engine, for reference")
    parser.add_argument("--fresh-runs", type=int, default=3,
                        help="futures also planned from a fresh build, to compare per-run times")
    parser.add_argument("--rounds", type=int, default=3,
                        help="turns the 1- and 2-worker clusters take at the runs")
    parser.add_argument("--montecarlo-only", action="store_true",
                        help="skip the drop-out sweeps")
    args = parser.parse_args()
    if not args.montecarlo_only:
        dropouts(args.full_plans)
        resolve_vs_build(args.size, args.seed)
    futures(args.size, args.runs, args.seed, args.fresh_runs, args.rounds)


if __name__ == "__main__":
    main()
