"""Solve a linear model with HiGHS, lexicographically: first value, then transport cost.

Lexicographic by hand rather than HiGHS's multi-objective API, so that both steps are
plain, visible solves: (1) maximise value — with column generation when a :class:`Pricing`
is given (only the columns that can matter are passed; the rest are priced with the row
duals and added until none would improve the optimum); (2) add the row
value·x >= (1 − 1e-9)·V* and minimise cost from the warm basis with the primal simplex,
which stays feasible, so a capped number of iterations still gives a plan of full value.
The first step's LP duals explain unmet needs (reasons.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Protocol

import highspy
import numpy as np

from clearinghouse.planning.lp import INF, LinearModel
from clearinghouse.planning.problem import Bools, Floats, Ints

VALUE_KEEP = 1e-9  # relative value the cost step may give up (solver tolerance, not policy)


class Pricing(Protocol):
    def active(self) -> Bools:
        """The columns to start with."""

    def extend(self, row_dual: Floats) -> Ints:
        """Columns not yet passed whose reduced cost under ``row_dual`` is positive."""


@dataclass(frozen=True, eq=False, slots=True)
class Solution:
    """Column values of the final step, the value LP's optimum and its row duals."""

    status: str
    x: Floats
    lp_value: float
    row_dual: Floats
    seconds: float


def solve(model: LinearModel, *, integer: bool, time_limit_s: float, mip_rel_gap: float,
          pricing: Pricing | None = None, cost_iterations: int | None = None) -> Solution:
    """Maximise value (LP, then MIP when ``integer``), then minimise cost at that value.

    ``cost_iterations`` caps the cost step (None: no cap), deterministically.
    """
    started = time.perf_counter()
    h = _highs(time_limit_s, mip_rel_gap)
    cols = np.flatnonzero(pricing.active() if pricing else np.ones(model.num_cols, bool))
    a = model.matrix()
    sub = a[:, cols].tocsc()
    h.passModel(len(cols), model.num_rows, sub.nnz, 1, 1, 0.0, -model.value[cols],
                np.zeros(len(cols)), model.upper[cols], model.row_lower, model.row_upper,
                sub.indptr.astype(np.int32), sub.indices.astype(np.int32), sub.data,
                np.zeros(len(cols), dtype=np.int32))
    while True:
        status = _run(h)
        solution = h.getSolution()
        row_dual = (-np.asarray(solution.row_dual) if solution.dual_valid
                    else np.zeros(model.num_rows))
        new = pricing.extend(row_dual) if pricing and status == "optimal" else np.zeros(0, int)
        if not len(new):
            break
        block = a[:, new].tocsc()
        h.addCols(len(new), -model.value[new], np.zeros(len(new)), model.upper[new],
                  block.nnz, block.indptr[:-1].astype(np.int32),
                  block.indices.astype(np.int32), block.data)
        cols = np.r_[cols, new]
    lp_value = -h.getInfo().objective_function_value if status == "optimal" else 0.0
    if integer and status == "optimal":
        ints = np.flatnonzero(model.integer[cols]).astype(np.int32)
        h.changeColsIntegrality(len(ints), ints, np.ones(len(ints), dtype=np.uint8))
        status = _run(h)
    result = h.getSolution()
    x_sub = np.asarray(result.col_value) if result.value_valid else np.zeros(len(cols))
    achieved = float(model.value[cols] @ x_sub)
    if achieved > 0 and np.any(model.cost[cols] != 0) and cost_iterations != 0:
        x_sub = _cheapest(h, model.value[cols], model.cost[cols], achieved, x_sub,
                          integer, cost_iterations)
    x = np.zeros(model.num_cols)
    x[cols] = np.maximum(x_sub, 0.0)
    return Solution(status, x, lp_value, row_dual, time.perf_counter() - started)


def _cheapest(h: highspy.Highs, value: Floats, cost: Floats, achieved: float, x: Floats,
              integer: bool, iterations: int | None) -> Floats:
    """Minimise cost among solutions worth at least ``achieved`` (less the tolerance)."""
    cols = np.flatnonzero(value).astype(np.int32)
    floor = achieved * (1 - VALUE_KEEP)
    h.addRow(floor, INF, len(cols), cols, value[cols])
    h.changeColsCost(len(cost), np.arange(len(cost), dtype=np.int32), cost)
    if not integer:
        h.setOptionValue("simplex_strategy", 4)  # primal: every iterate keeps the value
        if iterations is not None:
            h.setOptionValue("simplex_iteration_limit", iterations)
    _run(h)
    result = h.getSolution()
    if result.value_valid:
        cheaper = np.asarray(result.col_value)
        if float(value @ cheaper) >= floor - 1e-9 * max(1.0, achieved) and (
                float(cost @ cheaper) <= float(cost @ x)):
            return cheaper
    return x


def _highs(time_limit_s: float, mip_rel_gap: float) -> highspy.Highs:
    h = highspy.Highs()  # type: ignore[no-untyped-call]
    for name, value in (("output_flag", False), ("random_seed", 0), ("time_limit", time_limit_s),
                        ("mip_rel_gap", mip_rel_gap), ("parallel", "off"), ("threads", 1)):
        h.setOptionValue(name, value)
    return h


def _run(h: highspy.Highs) -> str:
    h.run()
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kOptimal:
        return "optimal"
    if status in (highspy.HighsModelStatus.kTimeLimit, highspy.HighsModelStatus.kIterationLimit):
        return "time-limit"
    return h.modelStatusToString(status).lower().replace(" ", "-")
