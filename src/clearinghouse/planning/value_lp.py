"""The value LP of a problem, solved once and re-solved with one resource enlarged.

The model is the one the engine solves for value (engine.py): the full model with needs in
buckets up to ``COST_GROUPS`` route groups, the pooled model above. Its row duals (HiGHS
minimises ``−value``, so the prices of a maximisation are the negated duals, ``>= 0`` on
``<=`` rows) price each resource; :meth:`ValueLP.gain` confirms a price by re-solving with
the resource's rows raised, from the optimal basis, and restores them — one HiGHS instance
serves every re-solve (its clock caveat: highs.limit_time).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import highspy
import numpy as np

from clearinghouse.planning.buckets import Buckets
from clearinghouse.planning.engine import COST_GROUPS
from clearinghouse.planning.groups import route_group_count
from clearinghouse.planning.highs import limit_time, new_highs
from clearinghouse.planning.lp import LinearModel
from clearinghouse.planning.model import Model, build_model
from clearinghouse.planning.pooled import HubSets, build_pooled_model
from clearinghouse.planning.problem import Bools, Floats, Ints, Problem

PRICED = 1e-9  # a dual below this prices nothing (solver tolerance)


class ValueLPError(RuntimeError):
    """The value LP was not solved to optimality (time limit, or the solver failed)."""


@dataclass(eq=False)
class ValueLP:
    """A solved value LP: optimum, column values, row prices, and what each row stands for."""

    p: Problem
    model: Model
    sets: HubSets | None
    value: float
    x: Floats
    price: Floats
    _h: highspy.Highs
    _basis: highspy.HighsBasis
    _deadline: float

    def hub_rows(self, h: int, t: int) -> Ints:
        """The rows that hold hub ``h``'s capacity in month ``t`` (several when pooled)."""
        if self.sets is None:
            block = self.model.lp.rows["hub"]
            return np.array([block.start + h * self.p.horizon + t], dtype=np.int64)
        s = self.sets
        rows: Ints = s.start + np.flatnonzero((s.month == t) & s.members[:, h])
        return rows

    def producer_row(self, k: int, m: int) -> int:
        return int(self.model.lp.rows["producer"].start + k * self.p.horizon + m)

    def pledge_rows(self) -> Ints:
        """Per pledge, the row its money sits in: ``pledge[p]``, or its earmark group's block
        ``funds[e,j]`` when pooled (money of one earmark and month is interchangeable)."""
        rows = self.model.lp.rows
        if "pledge" in rows:
            own: Ints = rows["pledge"].start + np.arange(len(self.p.pledge_ref), dtype=np.int64)
            return own
        p = self.p
        _, group = np.unique(p.pledge_producer, axis=0, return_inverse=True)
        span = max(p.horizon, int(p.pledge_month.max(initial=0)) + 1)
        key = group.reshape(-1) * span + p.pledge_month
        blocks = np.unique(key)
        out: Ints = rows["funds"].start + np.searchsorted(blocks, key)
        return out

    def supply_rows(self) -> slice:
        """Rows ``supply[g,j]``, one per arrival block of ``model.groups``."""
        return self.model.lp.rows["supply"]

    def gain(self, rows: Ints, amount: float) -> tuple[float, Floats]:
        """The value gained with ``amount`` more on each of ``rows`` (and the column values),
        re-solved from the optimal basis; the rows are restored afterwards."""
        lp, h = self.model.lp, self._h
        rows = np.asarray(rows, dtype=np.int64)
        lower, upper = lp.row_lower[rows], lp.row_upper[rows]
        _bounds(h, rows, lower, upper + amount)
        try:
            h.setBasis(self._basis)
            status = run(h, self._deadline)
            if status != highspy.HighsModelStatus.kOptimal:
                raise ValueLPError(f"re-solve: {h.modelStatusToString(status)}")
            value = -h.getInfo().objective_function_value
            x = np.asarray(h.getSolution().col_value, dtype=np.float64)
        finally:
            _bounds(h, rows, lower, upper)
        return value - self.value, x


def solve_value_lp(p: Problem, deadline: float) -> ValueLP:
    """Build the engine's value model of ``p``, solve it and keep HiGHS for re-solves."""
    sets = None
    if route_group_count(p) <= COST_GROUPS:
        model = build_model(p, by_cost=False, per_need=False)
    else:
        pooled = build_pooled_model(p)
        model, sets = pooled.model, pooled.sets
    lp = model.lp
    h = loaded_highs(lp, -lp.value)
    status = run(h, deadline)
    if status not in (highspy.HighsModelStatus.kOptimal, highspy.HighsModelStatus.kModelEmpty):
        raise ValueLPError(f"value LP: {h.modelStatusToString(status)}")
    solution = h.getSolution()
    value = -h.getInfo().objective_function_value if lp.num_cols else 0.0
    price = (-np.asarray(solution.row_dual, dtype=np.float64) if solution.dual_valid
             else np.zeros(lp.num_rows))
    price[price < PRICED] = 0.0
    return ValueLP(p, model, sets, value, np.asarray(solution.col_value, dtype=np.float64),
                   price, h, h.getBasis(), deadline)


def loaded_highs(lp: LinearModel, cost: Floats) -> highspy.Highs:
    """A deterministic single-threaded HiGHS holding ``lp`` with ``cost`` to minimise."""
    h = new_highs()
    # no "threads" option: HiGHS refuses it once another solver of the process has started
    # its thread scheduler with another count (the training planner's, for one)
    for name, setting in (("random_seed", 0), ("parallel", "off"),
                          ("simplex_price_strategy", 1)):
        h.setOptionValue(name, setting)
    n = lp.num_cols
    h.passModel(n, lp.num_rows, len(lp.entries), 1, 1, 0.0, cost, np.zeros(n), lp.upper,
                lp.row_lower, lp.row_upper, lp.start, lp.index, lp.entries,
                np.zeros(n, dtype=np.int32))
    return h


def fill_members(bk: Buckets) -> tuple[Ints, Ints, Bools]:
    """Per ``fill`` column (buckets.py): its level, its need, and whether the level is its
    bucket's last — whose fill counts every unit the need receives."""
    size = np.diff(bk.member_start)[bk.level_bucket]
    level = np.repeat(np.arange(len(bk.level_bucket)), size)
    offset = np.arange(len(level)) - np.repeat(np.cumsum(size) - size, size)
    member = bk.members[bk.member_start[bk.level_bucket][level] + offset]
    top = np.zeros(len(bk.cls), dtype=np.int64)
    np.maximum.at(top, bk.level_bucket, bk.level_late)
    last: Bools = bk.level_late[level] == top[bk.level_bucket[level]]
    return level, member, last


def units_by_priority(lp: ValueLP, x: Floats) -> Floats:
    """Need-units the solution ``x`` delivers per priority 1–5 (index 0 is priority 1)."""
    bk = lp.model.buckets
    out = np.zeros(5)
    if bk is None or not len(bk.level_bucket):
        return out
    _, member, last = fill_members(bk)
    fill = x[lp.model.lp.columns["fill"]]
    np.add.at(out, lp.p.need_priority[member[last]] - 1, fill[last])
    return out


def _bounds(h: highspy.Highs, rows: Ints, lower: Floats, upper: Floats) -> None:
    for row, lo, up in zip(rows.tolist(), lower.tolist(), upper.tolist(), strict=True):
        h.changeRowBounds(row, lo, up)


def run(h: highspy.Highs, deadline: float) -> highspy.HighsModelStatus:
    """Run ``h`` with what is left until ``deadline``; its model status."""
    limit_time(h, deadline - time.perf_counter())
    h.run()
    return h.getModelStatus()
