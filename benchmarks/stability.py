"""Stability benchmark: how many allocation lines a small edit changes, re-planned with and
without the earlier plan as reference (SPEC §4 "Stability").

Run: ``.venv/bin/python benchmarks/stability.py [--sizes demo S L] [--seed 7]``. ``demo`` is
the demo picture (clearinghouse.demo): one priority-3 need raised by 3 units; S and L are
benchmarks/plan.py bundles with 1 % of needs edited (±20 %). Each prints the share of lines
and units changed against the earlier plan, the value, and CPU seconds with and without the
reference (the stability stage's cost).
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from clearinghouse.demo.generate import generate as demo
from clearinghouse.domain.bundle import Bundle
from clearinghouse.planning.engine import plan
from clearinghouse.planning.plan import Allocation, Plan
from clearinghouse.planning.settings import PlanSettings
from plan import SIZES, START, generate

DEMO_START = date(2027, 1, 1)


def edited(b: Bundle, size: str, seed: int) -> Bundle:
    """One priority-3 need + 3 (demo), or 1 % of needs ± 20 % (S, L)."""
    needs = list(b.needs)
    rng = random.Random(seed)
    if size == "demo":
        i = next(i for i, n in enumerate(needs) if n.priority == 3)
        needs[i] = dataclasses.replace(needs[i], quantity=needs[i].quantity + 3)
    else:
        for i in rng.sample(range(len(needs)), len(needs) // 100):
            n = needs[i]
            step = max(1, n.quantity // 5)
            needs[i] = dataclasses.replace(n, quantity=max(1, n.quantity + rng.choice((-1, 1))
                                                           * step))
    return dataclasses.replace(b, needs=needs)


def changed(before: list[Allocation], after: Plan) -> tuple[int, float]:
    """Lines whose units differ, and Σ|x − r| / 2."""
    def units(allocations: list[Allocation]) -> dict[tuple[object, ...], int]:
        out: dict[tuple[object, ...], int] = {}
        for a in allocations:
            k = (a.offer, a.need, a.hub, a.producer, a.month)
            out[k] = out.get(k, 0) + a.quantity
        return out
    r, x = units(before), units(after.allocations)
    keys = r.keys() | x.keys()
    return (sum(1 for k in keys if r.get(k, 0) != x.get(k, 0)),
            sum(abs(r.get(k, 0) - x.get(k, 0)) for k in keys) / 2)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", nargs="+", default=["demo", "S", "L"])
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    for size in args.sizes:
        start = DEMO_START if size == "demo" else START
        b = demo(start) if size == "demo" else generate(*SIZES[size], seed=args.seed)
        s = PlanSettings(start)
        before = plan(b, s).allocations
        after_b = edited(b, size, args.seed)
        cpu = time.process_time()
        fresh = plan(after_b, s)
        fresh_cpu = time.process_time() - cpu
        cpu = time.process_time()
        stable = plan(after_b, s, reference=before)
        stable_cpu = time.process_time() - cpu
        print(f"\n== {size}: {len(before):,} lines in the earlier plan ==")
        for name, p, t in (("without reference", fresh, fresh_cpu),
                           ("with reference", stable, stable_cpu)):
            lines, moved = changed(before, p)
            print(f"{name:18} {lines:8,} lines changed ({lines / len(p.allocations):6.2%}), "
                  f"{moved:14,.0f} units moved; value {p.value:,.2f} "
                  f"({p.value / p.lp_bound:.6f} of the LP bound); {t:6.2f} s CPU")
        print(f"stability stage: {stable_cpu / fresh_cpu - 1:+.1%} CPU")


if __name__ == "__main__":
    main()
