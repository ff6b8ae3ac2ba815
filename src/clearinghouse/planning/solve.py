"""Solve a linear model with HiGHS, lexicographically: first value, then transport cost.

Lexicographic by hand rather than HiGHS's multi-objective API, so that both steps are
plain, visible solves: (1) maximise value; (2) add the row
value·x >= (1 − 1e-9)·V* and minimise cost from the warm basis with the primal simplex,
which stays feasible, so even a solve cut short by the time limit keeps the full value. In
whole units the cost step explores a bounded number of branch-and-bound nodes
(deterministic) and keeps the cheapest plan of full value found, if cheaper.
The first step's LP duals explain unmet needs (reasons.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import highspy
import numpy as np

from clearinghouse.planning.highs import limit_time, new_highs
from clearinghouse.planning.lp import INF, LinearModel
from clearinghouse.planning.problem import Floats

VALUE_KEEP = 1e-9  # relative value the cost step may give up (solver tolerance, not policy)
COST_NODES = 1_000  # branch-and-bound nodes the whole-unit cost step may explore


@dataclass(frozen=True, eq=False, slots=True)
class Solution:
    """Column values of the final step, the value LP's optimum (None: not reached in time)
    and its row duals."""

    status: str
    x: Floats
    lp_value: float | None
    row_dual: Floats
    seconds: float


def solve(model: LinearModel, *, integer: bool, time_limit_s: float, mip_rel_gap: float,
          cost_step: bool = True) -> Solution:
    """Maximise value (LP, then MIP when ``integer``), then (``cost_step``) minimise cost
    at that value."""
    started = time.perf_counter()
    h = _highs(mip_rel_gap)
    deadline = started + time_limit_s
    n = model.num_cols
    h.passModel(n, model.num_rows, len(model.entries), 1, 1, 0.0, -model.value, np.zeros(n),
                model.upper, model.row_lower, model.row_upper, model.start, model.index,
                model.entries, np.zeros(n, dtype=np.int32))
    status = run_until(h, deadline)
    solution = h.getSolution()
    row_dual = (-np.asarray(solution.row_dual) if solution.dual_valid
                else np.zeros(model.num_rows))
    lp_value = -h.getInfo().objective_function_value if status == "optimal" else None
    if integer and status == "optimal":
        ints = np.flatnonzero(model.integer).astype(np.int32)
        h.changeColsIntegrality(len(ints), ints, np.ones(len(ints), dtype=np.uint8))
        status = run_until(h, deadline)
    result = h.getSolution()
    x = np.asarray(result.col_value) if result.value_valid else np.zeros(n)
    achieved = _dot(model.value, x)
    if cost_step and achieved > 0 and np.any(model.cost != 0):
        x = _cheapest(h, model, achieved, x, integer, deadline)
    return Solution(status, np.maximum(x, 0.0), lp_value, row_dual,
                    time.perf_counter() - started)


def cheapest(model: LinearModel, deadline: float) -> Floats | None:
    """The least-cost solution of ``model``'s rows (its value ignored), or None when it has
    none in time."""
    h = _highs(0.0)
    n = model.num_cols
    h.passModel(n, model.num_rows, len(model.entries), 1, 1, 0.0, model.cost, np.zeros(n),
                model.upper, model.row_lower, model.row_upper, model.start, model.index,
                model.entries, np.zeros(n, dtype=np.int32))
    if run_until(h, deadline) != "optimal":
        return None
    x: Floats = np.maximum(np.asarray(h.getSolution().col_value, dtype=np.float64), 0.0)
    return x


def _cheapest(h: highspy.Highs, model: LinearModel, achieved: float, x: Floats,
              integer: bool, deadline: float) -> Floats:
    """Minimise cost among solutions worth at least ``achieved`` (less the tolerance)."""
    value, cost = model.value, model.cost
    cols = np.flatnonzero(value).astype(np.int32)
    floor = achieved * (1 - VALUE_KEEP)
    h.addRow(floor, INF, len(cols), cols, value[cols])
    h.changeColsCost(len(cost), np.arange(len(cost), dtype=np.int32), cost)
    if integer:  # a bounded search, so that its time stays small
        h.setOptionValue("mip_max_nodes", COST_NODES)
    else:
        h.setOptionValue("simplex_strategy", 4)  # primal: every iterate keeps the value
    run_until(h, deadline)
    result = h.getSolution()
    if result.value_valid:
        cheaper = np.asarray(result.col_value)
        if _dot(value, cheaper) >= floor - 1e-9 * max(1.0, achieved) and (
                _dot(cost, cheaper) <= _dot(cost, x)):
            return cheaper
    return x


def _dot(a: Floats, b: Floats) -> float:
    # not ``a @ b``: a threaded BLAS call leaves its threads spinning, and the cores are few
    return float(np.sum(a * b))


def _highs(mip_rel_gap: float) -> highspy.Highs:
    # serial simplex, fixed seed: the same model always gives the same solution; the simplex
    # prices row-wise (the same pivots, found faster on these models than with its switch).
    # No "threads" option: HiGHS refuses to run (status Not Set) when it differs from the
    # thread scheduler another solver of the process started (the training planner's).
    h = new_highs()
    for name, value in (("output_flag", False), ("random_seed", 0), ("mip_rel_gap", mip_rel_gap),
                        ("parallel", "off"), ("simplex_price_strategy", 1)):
        h.setOptionValue(name, value)
    return h


def run_until(h: highspy.Highs, deadline: float) -> str:
    """Run with what is left of the time limit; the model status in words."""
    limit_time(h, deadline - time.perf_counter())
    h.run()
    status = h.getModelStatus()
    if status in (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kModelEmpty):
        return "optimal"
    if status in (highspy.HighsModelStatus.kTimeLimit, highspy.HighsModelStatus.kIterationLimit):
        return "time-limit"
    return h.modelStatusToString(status).lower().replace(" ", "-")
