"""One model for every future of a picture: built once, re-solved with changed bounds.

A future withdraws offers, delays others by 1 to ``MAX_DELAY`` months and shuts hubs for a
month. The model is built from the picture with each offer present ``MAX_DELAY + 1`` times
— on time and 1, 2, 3 months late (its *versions*, only the on-time one holding units) — so
that every month a delayed offer can arrive in already starts an arrival block of its supply
group (a block with no units changes nothing). A future then changes bounds only:

- ``supply[g,j]`` = the units of the versions the future keeps in block j of group g: a
  withdrawn offer keeps none, a delayed one keeps its late version's;
- ``route[g,h,t] <= 0`` for a hub h out in month t (its capacity row alone would still let
  weightless items through).

The LP optimum is the one a fresh build of the future's bundle reaches. Whole units follow
the engine's steps on the future's problem (the versioned arrays with the future's units and
hub months): round the LP down and top up, or branch and bound on small pictures; the greedy
baseline; the better of the two. Each run starts HiGHS from the picture's optimal basis
(``clearSolver`` + ``setBasis``), so its outcome depends on its future alone — not on the
runs solved before it on the same worker.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from dataclasses import dataclass
from typing import Any

import highspy
import numpy as np
from numpy.typing import NDArray

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.months import add_months
from clearinghouse.planning.allotment import Allotment
from clearinghouse.planning.engine import MIP_RECORDS, value_order
from clearinghouse.planning.extract import extract
from clearinghouse.planning.greedy import fill, greedy_order
from clearinghouse.planning.highs import limit_time
from clearinghouse.planning.model import Model, build_model
from clearinghouse.planning.problem import Floats, Ints, Problem, snapshot
from clearinghouse.planning.result import plan_value
from clearinghouse.planning.scenarios.futures import MAX_DELAY, FutureDraw
from clearinghouse.planning.scenarios.sweep import load_value_lp, offer_blocks
from clearinghouse.planning.settings import PlanSettings

VERSIONS = MAX_DELAY + 1
Int8s = NDArray[np.int8]
_OPTIMAL = (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kModelEmpty)


@dataclass(frozen=True, eq=False, slots=True)
class FuturePlan:
    """A future's whole-unit plan in brief: value, LP bound (None: not solved), units each
    planned need holds afterwards (its own units, factors applied)."""

    value: float
    lp_value: float | None
    held: Floats


class FutureModel:
    """The versioned model of a picture and, per thread, one HiGHS instance holding it.

    Picklable (for Dask): the solver is created where the model lands, on first use.
    """

    def __init__(self, bundle: Bundle, settings: PlanSettings, *,
                 mip: bool | None = None) -> None:
        """Build and solve the model of ``bundle``; ``mip`` as in ``engine.plan``."""
        self.p = p = snapshot(bundle, settings)
        stretched = versioned(p, bundle, settings)
        self.integer = len(p.offer_ref) + len(p.need_ref) <= MIP_RECORDS if mip is None else mip
        self.model = model = build_model(stretched, by_cost=False, per_need=self.integer)
        n = len(p.offer_ref)
        self._block = offer_blocks(stretched, model)  # per version: its supply row, or −1
        self._month = stretched.offer_month.reshape(n, VERSIONS)
        self._day = stretched.offer_day.reshape(n, VERSIONS)
        index = {ref: i for i, ref in enumerate(p.offer_ref)}
        #: the bundle's offers by ref (the order futures draw them in) → planned offer or −1
        self.offer_index = np.array([index.get(o.ref, -1) for o in
                                     sorted(bundle.offers, key=lambda o: o.ref)], dtype=np.int64)
        r = model.routes
        self._route_cols = r.start + np.lexsort((r.month, r.hub))  # by hub, then month
        key = r.hub[self._route_cols - r.start] * p.horizon + r.month[self._route_cols - r.start]
        self._route_at = np.searchsorted(key, np.arange(len(p.hubs) * p.horizon + 1))
        self._local = threading.local()
        solver = self._solver()
        self.base_value, solved = solver.solve_lp(time.perf_counter() + settings.time_limit_s)
        basis = solver.h.getBasis()
        #: the picture's optimal basis, where every run starts (None: not solved)
        self._basis = (np.array([int(s) for s in basis.col_status], dtype=np.int8),
                       np.array([int(s) for s in basis.row_status], dtype=np.int8)
                       ) if solved else None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        del state["_local"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._local = threading.local()

    def problem(self, future: FutureDraw) -> tuple[Problem, Ints]:
        """The picture's problem as ``future`` finds it (a withdrawn offer holds no units, a
        delayed one arrives later, a hub is shut in its month out) and each planned offer's
        version."""
        p, n = self.p, len(self.p.offer_ref)
        slip = np.zeros(n, dtype=np.int64)
        gone = np.zeros(n, dtype=bool)
        mine = self.offer_index >= 0
        slip[self.offer_index[mine]] = future.slip[mine]
        gone[self.offer_index[mine]] = future.withdrawn[mine]
        is_open = p.hub_open.copy()
        down = np.flatnonzero(future.outage >= 0)
        is_open[down, future.outage[down]] = False
        each = np.arange(n)
        fp = dataclasses.replace(p, offer_qty=np.where(gone, 0, p.offer_qty),
                                 offer_month=self._month[each, slip],
                                 offer_day=self._day[each, slip], hub_open=is_open)
        return fp, each * VERSIONS + slip

    def plan(self, future: FutureDraw) -> FuturePlan:
        """Re-plan ``future`` on the model: its value, LP bound and what each need holds."""
        fp, allotment, lp_value = self.whole_units(future)
        got = np.zeros(len(fp.need_ref))
        for row in allotment.rows:
            got[row.need] += row.quantity * row.factor
        return FuturePlan(plan_value(fp, allotment), lp_value, fp.need_held + got)

    def whole_units(self, future: FutureDraw) -> tuple[Problem, Allotment, float | None]:
        """The future's problem, its whole-unit plan and LP value: the model re-solved with
        the future's bounds, its optimum rounded down and topped up (or branch and bound),
        unless the greedy baseline is worth more — the engine's steps."""
        fp, version = self.problem(future)
        solver = self._solver()
        solver.bounds(self._supply(fp, version), self._closed_routes(fp))
        lp_value, x, exact = solver.solve(self._basis, self.integer, fp.settings)
        allotment = Allotment(fp)
        if x is not None:
            extract(fp, self._view(fp, version), x, allotment)
        if not (exact and x is not None):
            fill(allotment, value_order(fp))
        baseline = Allotment(fp)
        fill(baseline, greedy_order(fp))
        if plan_value(fp, baseline) > plan_value(fp, allotment):
            allotment = baseline
        return fp, allotment, lp_value

    def _supply(self, fp: Problem, version: Ints) -> Floats:
        """supply[g,j]: the units of the versions in block j of group g."""
        block = self._block[version]
        kept = np.flatnonzero(block >= 0)
        units = fp.offer_qty[kept].astype(np.float64)
        return np.bincount(block[kept], weights=units,
                           minlength=len(self.model.groups.block_qty)).astype(np.float64)

    def _closed_routes(self, fp: Problem) -> Ints:
        """The route columns through hub-months the future shuts."""
        hub, month = np.nonzero(self.p.hub_open & ~fp.hub_open)
        keys = (hub * self.p.horizon + month).tolist()
        parts = [self._route_cols[self._route_at[k]:self._route_at[k + 1]] for k in keys]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def _view(self, fp: Problem, version: Ints) -> Model:
        """The model with each group's members the future's offers (the versions that hold
        units, in the group's order), for extraction onto ``fp``."""
        g = self.model.groups
        holds = np.zeros(len(self._block), dtype=bool)
        holds[version[fp.offer_qty > 0]] = True
        keep = holds[g.offers]
        group = np.repeat(np.arange(g.count), np.diff(g.offer_start))
        start = np.r_[0, np.cumsum(np.bincount(group[keep], minlength=g.count))]
        groups = dataclasses.replace(g, offers=g.offers[keep] // VERSIONS,
                                     offer_start=start.astype(np.int64))
        return dataclasses.replace(self.model, groups=groups)

    def _solver(self) -> _Solver:
        solver: _Solver | None = getattr(self._local, "solver", None)
        if solver is None:
            solver = self._local.solver = _Solver(self)
        return solver


class _Solver:
    """One HiGHS instance with the value LP and the bounds it holds now."""

    def __init__(self, fm: FutureModel) -> None:
        self.linear = lp = fm.model.lp
        self.h = load_value_lp(fm.model)
        self.supply0 = lp.rows["supply"].start
        self.supply = lp.row_upper[lp.rows["supply"]].copy()
        self.closed = np.zeros(0, dtype=np.int64)
        self.ints = np.flatnonzero(lp.integer).astype(np.int32)
        self.basis: highspy.HighsBasis | None = None

    def bounds(self, supply: Floats, closed: Ints) -> None:
        """Set the supply rows' upper bounds and close route columns (reopening the last)."""
        changed = np.flatnonzero(supply != self.supply)
        if len(changed):
            rows = (self.supply0 + changed).astype(np.int32)
            self.h.changeRowsBounds(  # type: ignore[attr-defined]
                len(rows), rows, self.linear.row_lower[rows], supply[changed].astype(np.float64))
            self.supply = supply
        if len(self.closed) or len(closed):
            self._cols(self.closed, self.linear.upper[self.closed])
            self._cols(closed, np.zeros(len(closed)))
            self.closed = closed

    def _cols(self, cols: Ints, upper: Floats) -> None:
        if len(cols):
            c = cols.astype(np.int32)
            self.h.changeColsBounds(len(c), c, np.zeros(len(c)),
                                    np.asarray(upper, dtype=np.float64))

    def solve_lp(self, deadline: float | None = None) -> tuple[float | None, bool]:
        """Run HiGHS (within ``deadline``): the objective as a value, and whether optimal."""
        if deadline is not None:
            limit_time(self.h, deadline - time.perf_counter())
        self.h.run()
        ok = self.h.getModelStatus() in _OPTIMAL
        return (float(-self.h.getInfo().objective_function_value) if ok else None), ok

    def solve(self, basis: tuple[Int8s, Int8s] | None, integer: bool,
              settings: PlanSettings) -> tuple[float | None, Floats | None, bool]:
        """LP from the picture's basis, then (``integer``) branch and bound: the LP value,
        the final column values (None when none was found) and whether they are exact
        whole units (branch and bound finished)."""
        h = self.h
        h.clearSolver()  # the run must not depend on what this solver solved before
        if basis is not None:
            h.setBasis(self._basis(basis))
        deadline = time.perf_counter() + settings.time_limit_s
        lp_value, ok = self.solve_lp(deadline)
        exact = False
        if ok and integer:
            h.setOptionValue("mip_rel_gap", settings.mip_rel_gap)
            self._integrality(1)
            _, exact = self.solve_lp(deadline)
        solution = h.getSolution()
        x = np.maximum(np.asarray(solution.col_value), 0.0) if solution.value_valid else None
        if ok and integer:
            self._integrality(0)
        return lp_value, x, exact

    def _integrality(self, flag: int) -> None:
        self.h.changeColsIntegrality(len(self.ints), self.ints,
                                     np.full(len(self.ints), flag, dtype=np.uint8))

    def _basis(self, basis: tuple[Int8s, Int8s]) -> highspy.HighsBasis:
        if self.basis is None:
            b = highspy.HighsBasis()
            status = highspy.HighsBasisStatus
            b.col_status = [status(v) for v in basis[0].tolist()]
            b.row_status = [status(v) for v in basis[1].tolist()]
            b.valid = True
            self.basis = b
        return self.basis


def versioned(p: Problem, bundle: Bundle, settings: PlanSettings) -> Problem:
    """``p`` with each offer repeated for 0 … MAX_DELAY months late (units on the first)."""
    offers = {o.ref: o for o in bundle.offers}
    n = len(p.offer_ref)
    i = np.repeat(np.arange(n), VERSIONS)
    late = [add_months(offers[ref].available, d) for ref in p.offer_ref
            for d in range(VERSIONS)]
    qty = np.zeros(n * VERSIONS, dtype=np.int64)
    qty[::VERSIONS] = p.offer_qty
    return dataclasses.replace(
        p, offer_ref=[p.offer_ref[k] for k in i.tolist()], offer_item=p.offer_item[i],
        offer_class=p.offer_class[i], offer_weight=p.offer_weight[i], offer_qty=qty,
        offer_month=np.array([settings.plan_month(d) for d in late], dtype=np.int64),
        offer_day=np.array([d.toordinal() for d in late], dtype=np.int64),
        offer_route=p.offer_route[i])
