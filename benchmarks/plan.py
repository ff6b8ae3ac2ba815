"""Planner benchmark: random but realistic bundles, engine vs greedy vs reference, side by side.

Run: ``.venv/bin/python benchmarks/plan.py [--sizes S L] [--seed 7] [--reference S]
[--repeat 3]``. Each run (engine, greedy, reference) happens in a fresh interpreter, so its
peak memory (``ru_maxrss``, which includes the generated bundle) is its own; wall and CPU
seconds are both printed, since the machine may be shared. With ``--repeat N`` the engine
runs N times and the run of median wall time is the one reported and checked.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.catalogue import Item, Substitution
from clearinghouse.domain.funding import FundingPledge, Producer
from clearinghouse.domain.logistics import Hub, Lane
from clearinghouse.domain.months import add_months
from clearinghouse.domain.nations import Caveat, Nation, NationRole
from clearinghouse.domain.needs import Need
from clearinghouse.domain.offers import Offer
from clearinghouse.planning.settings import PlanSettings

# The reference solver is the tests' definition of the optimum (tests/support/reference.py).
sys.path.insert(0, str(Path(__file__).parents[1]))

START = date(2027, 1, 1)
SIZES = {"S": (10_000, 5_000), "L": (100_000, 50_000), "XS": (1_000, 500)}

NATO = (
    "ALB", "BEL", "BGR", "CAN", "HRV", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC",
    "HUN", "ISL", "ITA", "LVA", "LTU", "LUX", "MNE", "NLD", "MKD", "NOR", "POL", "PRT",
    "ROU", "SVK", "SVN", "ESP", "SWE", "TUR", "GBR", "USA",
)
EU = frozenset({
    "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC",
    "HUN", "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK",
    "SVN", "ESP", "SWE",
})
PARTNERS = {  # non-NATO donors and their standing caveats
    "AUT": "non-lethal-only;eu-territory-only", "IRL": "non-lethal-only;eu-territory-only",
    "CYP": "eu-territory-only", "MLT": "non-lethal-only;eu-territory-only",
    "JPN": "non-lethal-only;nato-territory-only", "KOR": "non-lethal-only;nato-territory-only",
    "AUS": "nato-territory-only", "NZL": "nato-territory-only",
}
BIG_DONORS = {"USA": 12, "DEU": 6, "GBR": 5, "POL": 4, "FRA": 3, "NLD": 3, "CAN": 3,
              "DNK": 3, "SWE": 3, "NOR": 3, "ITA": 2, "ESP": 2, "FIN": 2, "CZE": 2}
#: capability → (classes, base unit weight kg, lethal, typical quantity)
CAPABILITIES = {
    "artillery": (14, 40.0, True, 4000), "air-defence": (8, 200.0, True, 60),
    "armour": (8, 25000.0, True, 12), "drones": (10, 8.0, True, 1500),
    "small-arms": (10, 12.0, True, 2000), "anti-tank": (6, 20.0, True, 600),
    "medical": (10, 3.0, False, 3000), "engineering": (8, 120.0, False, 150),
    "communications": (8, 4.0, False, 500), "logistics": (8, 3000.0, False, 40),
    "winter": (6, 5.0, False, 8000), "intelligence": (4, 0.0, False, 50),
}
HUBS = (("PL-RZE", "Rzeszów", "POL", 0.45, -24), ("RO-SUC", "Suceava", "ROU", 0.20, 4),
        ("UA-LVV", "Lviv", "UKR", 0.12, -12))
DEPOTS = ("DEPOT-GERMERSHEIM", "DEPOT-ANTWERP", "DEPOT-BREMERHAVEN")


def generate(n_offers: int, n_needs: int, seed: int = 7) -> Bundle:
    """A bundle with ``n_offers`` offers and ``n_needs`` needs, deterministic in ``seed``."""
    rng = random.Random(seed)
    nations = _nations()
    items, typical = _catalogue(rng)
    classes = sorted({i.class_code for i in items})
    donors = [n for n in nations if n.role is not NationRole.RECIPIENT]
    lanes = _lanes(rng, donors)
    offers = _offers(rng, n_offers, donors, items, typical)
    tonnes = sum(o.quantity * _weight(items, o.item) for o in offers) / 1000
    hubs = [Hub(code, name, country, round(share * tonnes / 12, 1),
                add_months(START, opens_in)) for code, name, country, share, opens_in in HUBS]
    offered = sorted({next(i.class_code for i in items if i.code == o.item) for o in offers})
    needs = _needs(rng, n_needs, classes, offered, typical)
    producers, funding = _production(rng, classes, typical, n_offers)
    return Bundle(nations=nations, items=items, substitutes=_substitutes(rng, classes),
                  hubs=hubs, lanes=lanes, needs=needs, offers=offers, producers=producers,
                  funding=funding)


def _nations() -> list[Nation]:
    out = [Nation(c, c, True, c in EU, NationRole.DONOR,
                  frozenset({Caveat.NATO_TERRITORY_ONLY}) if c == "MNE" else frozenset())
           for c in NATO]
    for code, caveats in PARTNERS.items():
        out.append(Nation(code, code, False, code in EU, NationRole.PARTNER,
                          frozenset(Caveat(c) for c in caveats.split(";"))))
    out.append(Nation("UKR", "Ukraine", False, False, NationRole.RECIPIENT))
    return out


def _catalogue(rng: random.Random) -> tuple[list[Item], dict[str, int]]:
    items, typical = [], {}
    for cap, (n_classes, base, lethal, qty) in CAPABILITIES.items():
        for k in range(n_classes):
            cls = f"{cap}-{k:02d}"
            typical[cls] = max(1, round(qty * rng.uniform(0.5, 2.0)))
            w = base * rng.uniform(0.5, 2.0)
            for v in range(rng.choice((1, 2, 2, 3, 4))):
                code = f"{cls}-{chr(65 + v)}"
                items.append(Item(code, f"{cls} variant {chr(65 + v)}", cap, cls, "unit",
                                  round(w * rng.uniform(0.8, 1.25), 3), lethal))
    return items, typical


def _substitutes(rng: random.Random, classes: list[str]) -> list[Substitution]:
    by_capability: dict[str, list[str]] = {}
    for c in classes:
        by_capability.setdefault(c.rsplit("-", 1)[0], []).append(c)
    rules: dict[tuple[str, str], float] = {}
    for _ in range(len(classes) // 3):
        a, b = rng.sample(by_capability[rng.choice(sorted(by_capability))], 2)
        rules[(a, b)] = round(rng.uniform(0.4, 1.0), 2)
    return [Substitution(a, b, f) for (a, b), f in sorted(rules.items())]


def _lanes(rng: random.Random, donors: list[Nation]) -> list[Lane]:
    lanes = []
    for origin in [d.code for d in donors] + list(DEPOTS):
        far = origin in {"USA", "CAN", "JPN", "KOR", "AUS", "NZL"}
        base = rng.uniform(180, 400) if far else rng.uniform(20, 120)
        for code, _, _, _, _ in HUBS:
            if code == "UA-LVV" and rng.random() < 0.25:
                continue  # no lane from this origin to the hub inside Ukraine
            lanes.append(Lane(origin, code, rng.randint(2, 30),
                              round(base * rng.uniform(0.8, 1.3), 2)))
    return lanes


def _offers(rng: random.Random, n: int, donors: list[Nation], items: list[Item],
            typical: dict[str, int]) -> list[Offer]:
    weights = [BIG_DONORS.get(d.code, 1) for d in donors]
    non_lethal = [i for i in items if not i.lethal]
    offers = []
    for k in range(n):
        donor = rng.choices(donors, weights)[0]
        item = rng.choice(non_lethal if donor.has(Caveat.NON_LETHAL_ONLY) else items)
        qty = max(1, round(typical[item.class_code] * 0.4 * math.exp(rng.gauss(0, 0.8))))
        origin = rng.choice(DEPOTS) if rng.random() < 0.1 else donor.code
        available = START + timedelta(days=rng.randint(-60, 400))
        offers.append(Offer(f"O-{k:06d}", donor.code, item.code, qty, available, origin))
    return offers


def _needs(rng: random.Random, n: int, classes: list[str], offered: list[str],
           typical: dict[str, int]) -> list[Need]:
    unoffered = sorted(set(classes) - set(offered)) or classes
    needs = []
    for k in range(n):
        cls = rng.choice(unoffered) if rng.random() < 0.02 else rng.choice(offered)
        qty = max(1, round(typical[cls] * 0.9 * math.exp(rng.gauss(0, 0.8))))
        priority = rng.choices((1, 2, 3, 4, 5), (10, 20, 30, 25, 15))[0]
        due = START + timedelta(days=rng.randint(-30, 420))
        needs.append(Need(f"N-{k:06d}", cls, qty, priority, due, "UKR"))
    return needs


def _production(rng: random.Random, classes: list[str], typical: dict[str, int],
                n_offers: int) -> tuple[list[Producer], list[FundingPledge]]:
    made = [c for c in classes if c.startswith(("drones", "artillery", "anti-tank"))]
    producers = [Producer(f"UA-PROD-{k:02d}", f"Producer {k}", cls,
                          round(rng.uniform(300, 3000), 2),
                          max(1, round(typical[cls] * n_offers / 4000 * rng.uniform(0.5, 1.5))),
                          START + timedelta(days=rng.randint(-60, 180)), rng.randint(0, 3))
                 for k, cls in enumerate(rng.sample(made, min(15, len(made))))]
    funding = []
    for k in range(max(5, n_offers // 250)):
        earmark = rng.choice([None, None, "drones", "artillery", rng.choice(made)])
        funding.append(FundingPledge(f"F-{k:04d}", rng.choice(list(BIG_DONORS)),
                                     round(rng.uniform(2e5, 5e6), 2), "European Peace Facility",
                                     START + timedelta(days=rng.randint(-30, 300)), earmark))
    return producers, funding


def _weight(items: list[Item], code: str, _cache: dict[str, float] = {}) -> float:  # noqa: B006
    if not _cache or code not in _cache:
        _cache.update({i.code: i.unit_weight_kg for i in items})
    return _cache[code]


# ---------------------------------------------------------------- side-by-side run

def _measure(what: str, size: str, seed: int, limit: float) -> dict[str, object]:
    """Run one planner on one generated bundle in this process; report times and memory."""
    from tests.support.reference import reference_solve

    from clearinghouse.planning.engine import plan
    from clearinghouse.planning.greedy import plan_greedy

    bundle = generate(*SIZES[size], seed=seed)
    settings = PlanSettings(START)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wall, cpu = time.perf_counter(), time.process_time()
    out: dict[str, object] = {}
    if what == "engine":
        p = plan(bundle, settings)
        out = {"value": p.value, "lp_bound": p.lp_bound, "status": p.status,
               "greedy_value": p.greedy_value, "transport_cost": p.transport_cost}
    elif what == "greedy":
        out = {"value": plan_greedy(bundle, settings).value}
    else:
        r = reference_solve(bundle, settings, time_limit_s=limit)
        out = {"value": r.value, "status": r.status, "columns": r.columns,
               "build_s": r.build_seconds, "solve_s": r.solve_seconds}
    out.update(wall_s=time.perf_counter() - wall, cpu_s=time.process_time() - cpu,
               peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
               bundle_mb=before / 1024)
    return out


def _run(what: str, size: str, seed: int, limit: float) -> dict[str, object]:
    """Measure in a fresh interpreter, so peak memory belongs to that run alone."""
    cmd = [sys.executable, __file__, "--measure", what, size, str(seed), str(limit)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", nargs="+", default=["S", "L"], choices=sorted(SIZES))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--reference", nargs="*", default=["S"], choices=sorted(SIZES),
                    help="sizes to run the straightforward formulation on")
    ap.add_argument("--reference-limit", type=float, default=600.0,
                    help="seconds the reference solver may run")
    ap.add_argument("--repeat", type=int, default=1,
                    help="engine runs per size; the median wall time is checked")
    ap.add_argument("--measure", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        what, size, seed, limit = args.measure
        print(json.dumps(_measure(what, size, int(seed), float(limit))))
        return
    bars = {"S": (1.0, None), "L": (15.0, 2048.0)}
    for size in args.sizes:
        n_offers, n_needs = SIZES[size]
        print(f"\n== {size}: {n_offers:,} offers × {n_needs:,} needs × 3 hubs × 12 months "
              f"(seed {args.seed}) ==")
        engine = _median([_run("engine", size, args.seed, args.reference_limit)
                          for _ in range(max(1, args.repeat))])
        greedy = _run("greedy", size, args.seed, args.reference_limit)
        ref = (_run("reference", size, args.seed, args.reference_limit)
               if size in args.reference else None)
        _report(size, engine, greedy, ref, bars.get(size))


def _median(runs: list[dict[str, object]]) -> dict[str, object]:
    """The run of median wall time (a failed run if any failed); all wall times noted."""
    failed = [r for r in runs if "error" in r]
    if failed:
        return failed[0]
    runs = sorted(runs, key=lambda r: _f(r, "wall_s"))
    median = dict(runs[(len(runs) - 1) // 2])
    if len(runs) > 1:
        median["runs"] = ", ".join(f"{_f(r, 'wall_s'):.2f}" for r in runs)
    return median


def _f(result: dict[str, object], key: str) -> float:
    value = result[key]
    assert isinstance(value, (int, float))
    return float(value)


def _report(size: str, engine: dict[str, object], greedy: dict[str, object],
            ref: dict[str, object] | None, bar: tuple[float, float | None] | None) -> None:
    if "error" in engine:
        print(f"engine failed: {engine['error']}")
        return
    e_wall, value, bound = _f(engine, "wall_s"), _f(engine, "value"), _f(engine, "lp_bound")
    print(f"engine     {e_wall:8.2f} s wall {_f(engine, 'cpu_s'):8.2f} s cpu  "
          f"peak {_f(engine, 'peak_mb'):6.0f} MB (bundle alone {_f(engine, 'bundle_mb'):.0f} MB)"
          f"  status {engine['status']}")
    if "runs" in engine:
        print(f"           median of runs of {engine['runs']} s wall")
    print(f"           value {value:,.2f}  lp_bound {bound:,.2f}  value/lp_bound "
          f"{value / bound:.6f}  transport cost {_f(engine, 'transport_cost'):,.0f}")
    g_value = _f(greedy, "value") if "error" not in greedy else float("nan")
    if "error" not in greedy:
        print(f"greedy     {_f(greedy, 'wall_s'):8.2f} s wall {_f(greedy, 'cpu_s'):8.2f} s cpu"
              f"  value {g_value:,.2f}  engine/greedy {value / g_value:.4f}")
    if ref is not None and "error" in ref:
        print(f"reference  failed: {ref['error']}")
    elif ref is not None:
        done = ref["status"] == "optimal"
        print(f"reference  {_f(ref, 'wall_s'):8.2f} s wall ({_f(ref, 'build_s'):.1f} s build, "
              f"{_f(ref, 'solve_s'):.1f} s solve, {_f(ref, 'columns'):,.0f} columns, status "
              f"{ref['status']})  peak {_f(ref, 'peak_mb'):.0f} MB")
        print(f"           engine is {'' if done else '>= '}{_f(ref, 'wall_s') / e_wall:.1f}× "
              f"faster (wall){'' if done else ': the reference did not finish'}")
        if done:
            print(f"           reference LP optimum {_f(ref, 'value'):,.4f} "
                  f"(engine lp_bound {bound:,.4f})")
    if bar is not None:
        limit_s, limit_mb = bar
        checks = [(f"end to end <= {limit_s:g} s (wall)", e_wall <= limit_s),
                  ("within 0.1 % of lp_bound", value >= 0.999 * bound),
                  ("never worse than greedy", not value < g_value)]
        if limit_mb is not None:
            checks.append((f"peak <= {limit_mb:g} MB", _f(engine, "peak_mb") <= limit_mb))
        for name, ok in checks:
            print(f"  [{'PASS' if ok else 'FAIL'}] {size}: {name}")


if __name__ == "__main__":
    main()
