"""The allocation engine: bundle → snapshot → model → lexicographic solve → whole units → plan.

Whole units: when the bundle is small (``MIP_RECORDS`` offers and needs) the integer model is
solved by HiGHS's branch and bound (``mip_rel_gap``); otherwise the LP optimum is rounded
down — which keeps every constraint — and the units freed by rounding are handed out again
the manual way, most valuable needs first. Either way the greedy baseline is computed too
and kept if it is worth more, so a plan is never worse than the manual method
(``status`` says which: ``optimal``, ``rounded``, ``greedy`` or ``time-limit``).

Transport cost: offers are grouped by item and route (allowed hubs and lane costs) and the
cost step of solve.py makes the plan the cheapest of those of optimal value. Above
``COST_GROUPS`` such groups the value LP is the pooled model (pooled.py: offers grouped by
item, each month's hubs pooled — several times faster to solve) and its passes are split onto
the offers' routes and hubs at a low cost for them (split.py); should they not split, the
full model grouped by allowed hubs is solved. Cost then decides only which routes and offers
carry the optimal passes — the value is the same, the cost may not be the least possible.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from clearinghouse.domain.bundle import Bundle
from clearinghouse.planning.allotment import Allotment
from clearinghouse.planning.extract import Flows, book, flows
from clearinghouse.planning.greedy import fill, greedy_order
from clearinghouse.planning.groups import route_group_count
from clearinghouse.planning.model import build_model
from clearinghouse.planning.plan import Allocation, Plan
from clearinghouse.planning.pooled import build_pooled_model
from clearinghouse.planning.problem import Floats, Problem, snapshot
from clearinghouse.planning.reasons import supply
from clearinghouse.planning.result import plan_value, to_plan
from clearinghouse.planning.settings import PlanSettings
from clearinghouse.planning.solve import solve
from clearinghouse.planning.split import split_passes
from clearinghouse.planning.stability import stabilise

MIP_RECORDS = 120  # offers + needs up to which whole units come from branch and bound
COST_GROUPS = 2_000  # above this many (item, route) groups, solve the pooled model


@dataclass(frozen=True, eq=False, slots=True)
class _Solved:
    """A model's outcome: solver status, flows to book (None: none), the value LP's optimum
    and hub-month prices (None: not reached), and whether the flows are whole units."""

    status: str
    flows: Flows | None
    lp_value: float | None
    hub_duals: Floats | None
    exact: bool


def plan(bundle: Bundle, settings: PlanSettings,
         progress: Callable[[str], None] | None = None, *, mip: bool | None = None,
         pooled: bool | None = None, reference: Sequence[Allocation] | None = None) -> Plan:
    """The optimal whole-unit plan of ``bundle`` under the SPEC §4 policy.

    ``mip`` forces (True) or forbids (False) branch and bound; by default it is used when
    the model is small. ``pooled`` forces (True, no branch and bound then) or forbids
    (False) the pooled value model; by default it is used above ``COST_GROUPS`` groups.
    With a ``reference`` plan, the stability stage (stability.py) makes the plan of that
    value that changes the reference least, and the plan reports its churn.
    """
    say = progress or (lambda _: None)
    started = time.perf_counter()
    deadline = started + settings.time_limit_s
    say("snapshot")
    p = snapshot(bundle, settings)
    integer = not pooled and (_small(p) if mip is None else mip)
    by_cost = route_group_count(p) <= COST_GROUPS
    if pooled is None:
        pooled = not integer and not by_cost
    with ThreadPoolExecutor(max_workers=2) as pool:
        greedy = _Baseline(pool, p)
        solved = _pooled(p, say, greedy.start, pool, deadline) if pooled else None
        if solved is None:  # not pooled, or its passes did not split onto routes
            solved = _full(p, say, greedy.start, deadline, integer=integer, by_cost=by_cost)
        say("whole units")
        allotment = Allotment(p)
        if solved.flows is not None:
            book(p, solved.flows, allotment)
        if not solved.exact:
            fill(allotment, value_order(p))
        say("greedy baseline")
        baseline = greedy.result()
    ours, theirs = plan_value(p, allotment), plan_value(p, baseline)
    status = ("optimal" if solved.exact else "time-limit" if solved.status == "time-limit"
              else "rounded")
    if theirs > ours:
        allotment, status = baseline, "greedy"
    if reference is not None:
        say("stability")
        allotment = stabilise(p, allotment, reference, exact=solved.exact and status != "greedy",
                           order=value_order(p), deadline=deadline).allotment
    say("reasons")
    return to_plan(p, allotment, status=status, lp_bound=solved.lp_value,
                   hub_duals=solved.hub_duals, solve_seconds=time.perf_counter() - started,
                   greedy_value=theirs, reference=reference)


def _full(p: Problem, say: Callable[[str], None], built: Callable[[], None],
          deadline: float, *, integer: bool, by_cost: bool) -> _Solved:
    """Solve the full model (per need when ``integer``; cost step when ``by_cost``)."""
    say("model")
    model = build_model(p, by_cost=by_cost, per_need=integer)
    built()
    say("solve")
    solution = solve(model.lp, integer=integer, time_limit_s=_left(deadline),
                     mip_rel_gap=p.settings.mip_rel_gap, cost_step=by_cost)
    solved = solution.lp_value is not None
    exact = integer and solution.status == "optimal" and solved
    return _Solved(solution.status, flows(p, model, solution.x), solution.lp_value,
                   solution.row_dual[model.lp.rows["hub"]] if solved else None, exact)


def _pooled(p: Problem, say: Callable[[str], None], built: Callable[[], None],
            pool: ThreadPoolExecutor, deadline: float) -> _Solved | None:
    """Solve the pooled model and split its passes onto routes; None when they do not split."""
    say("model")
    pooled = build_pooled_model(p)
    built()
    say("solve")
    solution = solve(pooled.model.lp, integer=False, time_limit_s=_left(deadline),
                     mip_rel_gap=p.settings.mip_rel_gap, cost_step=False)
    if solution.lp_value is None:  # out of time: the manual way fills the plan
        return _Solved(solution.status, None, None, None, False)
    routes = pool.submit(split_passes, p, pooled, solution.x, deadline)
    drawn = flows(p, pooled.model, solution.x)  # meanwhile, what the needs draw
    split = routes.result()
    if split is None:
        return None
    groups, r, route_x = split
    return _Solved(solution.status, dataclasses.replace(
        drawn, groups=groups, routes=r, route_x=route_x, funders=pooled.funders),
        solution.lp_value, pooled.hub_duals(solution.row_dual, p), False)


def _left(deadline: float) -> float:
    return max(deadline - time.perf_counter(), 1e-3)


class _Baseline:
    """The greedy baseline, worked out on a thread while HiGHS solves (it releases the GIL);
    started once the model is built, so that building it does not wait for the GIL."""

    def __init__(self, pool: ThreadPoolExecutor, p: Problem) -> None:
        self._pool, self._p = pool, p
        self._future: Future[Allotment] | None = None

    def start(self) -> None:
        if self._future is None:
            self._future = self._pool.submit(_greedy, self._p)

    def result(self) -> Allotment:
        self.start()
        assert self._future is not None
        return self._future.result()


def _greedy(p: Problem) -> Allotment:
    baseline = Allotment(p)
    fill(baseline, greedy_order(p))
    supply(p)  # for the reasons, while HiGHS still solves
    return baseline


def _small(p: Problem) -> bool:
    """Few enough offers and needs for branch and bound on the per-need model."""
    return len(p.offer_ref) + len(p.need_ref) <= MIP_RECORDS


def value_order(p: Problem) -> list[int]:
    """Needs by value per unit (highest first), then due month, then ref."""
    order: list[int] = np.lexsort(
        (np.arange(len(p.need_ref)), p.need_due, -p.need_unit_value)).tolist()
    return order
