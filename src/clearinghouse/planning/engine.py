"""The allocation engine: bundle → snapshot → model → lexicographic solve → whole units → plan.

Whole units: when the bundle is small (``MIP_RECORDS`` offers and needs) the integer model is
solved by HiGHS's branch and bound (``mip_rel_gap``); otherwise the LP optimum is rounded
down — which keeps every constraint — and the units freed by rounding are handed out again
the manual way, most valuable needs first. Either way the greedy baseline is computed too
and kept if it is worth more, so a plan is never worse than the manual method
(``status`` says which: ``optimal``, ``rounded``, ``greedy`` or ``time-limit``).

Transport cost: offers are grouped by item and route (allowed hubs and lane costs) and the
cost step of solve.py makes the plan the cheapest of those of optimal value. Above
``COST_GROUPS`` such groups the model groups offers by allowed hubs only (same value
optimum, far smaller model) and skips that step; cost then decides only which offers of a
group fill each hub-month (cheapest lane first) — the value is the same, the cost may not
be the least possible.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from clearinghouse.domain.bundle import Bundle
from clearinghouse.planning.extract import extract
from clearinghouse.planning.greedy import fill, greedy_order
from clearinghouse.planning.groups import supply_groups
from clearinghouse.planning.ledger import Ledger
from clearinghouse.planning.model import build_model
from clearinghouse.planning.plan import Plan
from clearinghouse.planning.problem import Problem, snapshot
from clearinghouse.planning.result import plan_value, to_plan
from clearinghouse.planning.settings import PlanSettings
from clearinghouse.planning.solve import solve

MIP_RECORDS = 120  # offers + needs up to which whole units come from branch and bound
COST_GROUPS = 2_000  # above this many (item, route) groups, group by allowed hubs only


def plan(bundle: Bundle, settings: PlanSettings,
         progress: Callable[[str], None] | None = None, *, mip: bool | None = None) -> Plan:
    """The optimal whole-unit plan of ``bundle`` under the SPEC §4 policy.

    ``mip`` forces (True) or forbids (False) branch and bound; by default it is used when
    the model is small.
    """
    say = progress or (lambda _: None)
    started = time.perf_counter()
    say("snapshot")
    p = snapshot(bundle, settings)
    say("model")
    by_cost = supply_groups(p).count <= COST_GROUPS
    integer = _small(p) if mip is None else mip
    model = build_model(p, by_cost=by_cost, per_need=integer)
    say("solve")
    with ThreadPoolExecutor(max_workers=1) as pool:
        # HiGHS releases the GIL while it solves: the baseline is worked out meanwhile
        greedy = pool.submit(_greedy, p)
        solution = solve(model.lp, integer=integer, time_limit_s=settings.time_limit_s,
                         mip_rel_gap=settings.mip_rel_gap, cost_step=by_cost)
        say("whole units")
        ledger = Ledger(p)
        extract(p, model, solution.x, ledger)
        exact = integer and solution.status == "optimal" and solution.lp_value is not None
        if not exact:
            fill(ledger, value_order(p))
        say("greedy baseline")
        baseline = greedy.result()
    ours, theirs = plan_value(p, ledger), plan_value(p, baseline)
    status = ("optimal" if exact else "time-limit" if solution.status == "time-limit"
              else "rounded")
    if theirs > ours:
        ledger, status = baseline, "greedy"
    say("reasons")
    solved = solution.lp_value is not None
    return to_plan(p, ledger, status=status, lp_bound=solution.lp_value,
                   hub_duals=solution.row_dual[model.lp.rows["hub"]] if solved else None,
                   solve_seconds=time.perf_counter() - started, greedy_value=theirs)


def _greedy(p: Problem) -> Ledger:
    baseline = Ledger(p)
    fill(baseline, greedy_order(p))
    return baseline


def _small(p: Problem) -> bool:
    """Few enough offers and needs for branch and bound on the per-need model."""
    return len(p.offer_ref) + len(p.need_ref) <= MIP_RECORDS


def value_order(p: Problem) -> list[int]:
    """Needs by value per unit (highest first), then due month, then ref."""
    order: list[int] = np.lexsort(
        (np.arange(len(p.need_ref)), p.need_due, -p.need_unit_value)).tolist()
    return order
