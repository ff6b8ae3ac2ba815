"""All single drop-outs in one sweep, on one model: build the value LP once, then for each
donor lower the bounds of the supply rows its offers fill (``supply[g,j]`` holds the units
of group g's arrival block j, whatever donor pledged them) and of its pledge rows, re-solve
from the previous basis (HiGHS's warm start) and restore the bounds.

The loss is measured on the LP value (fractional units) — the bound the whole-unit plan
reaches within the engine's gap; :func:`fresh_lp_value` builds the same model from scratch
for comparison.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import highspy
import numpy as np

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.months import month_index
from clearinghouse.planning.engine import MIP_RECORDS
from clearinghouse.planning.highs import new_highs
from clearinghouse.planning.model import Model, build_model
from clearinghouse.planning.problem import Floats, Ints, Problem, snapshot
from clearinghouse.planning.settings import PlanSettings


@dataclass(frozen=True, slots=True)
class DonorLoss:
    donor: str
    value_lost: float
    share_lost: float


class ValueModel:
    """The value LP of a picture, kept in one HiGHS instance for repeated bound changes."""

    def __init__(self, bundle: Bundle, settings: PlanSettings) -> None:
        self.p = p = snapshot(bundle, settings)
        per_need = len(p.offer_ref) + len(p.need_ref) <= MIP_RECORDS
        self.model = build_model(p, by_cost=False, per_need=per_need)
        self._h = load_value_lp(self.model)
        self._supply0 = self.model.lp.rows["supply"].start
        self._pledge0 = self.model.lp.rows["pledge"].start
        self._offer_block = offer_blocks(p, self.model)
        offers = {o.ref: o for o in bundle.offers}
        self._offer_donor = np.array([offers[r].donor for r in p.offer_ref], dtype=object)
        self._offer_from = np.array([_ordinal(offers[r].available) for r in p.offer_ref],
                                    dtype=np.int64)
        pledges = {f.ref: f for f in bundle.funding}
        self._pledge_donor = np.array([pledges[r].donor for r in p.pledge_ref], dtype=object)
        self._pledge_from = np.array([_ordinal(pledges[r].available) for r in p.pledge_ref],
                                     dtype=np.int64)
        self.base = self.solve()

    def solve(self) -> float:
        self._h.run()
        if self._h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return 0.0
        return float(-self._h.getInfo().objective_function_value)

    def without(self, donors: set[str], from_month: date | None = None) -> float:
        """The LP value with the donors' offers and pledges from ``from_month`` taken out."""
        first = -1 if from_month is None else _ordinal(from_month)
        lp = self.model.lp
        gone = np.flatnonzero(np.isin(self._offer_donor, list(donors))
                              & (self._offer_from >= first) & (self._offer_block >= 0))
        delta = np.bincount(self._offer_block[gone], weights=self.p.offer_qty[gone],
                            minlength=self.model.groups.block_qty.size)
        rows = np.flatnonzero(delta > 0)
        supply_rows = (self._supply0 + rows).astype(np.int32)
        pledges = np.flatnonzero(np.isin(self._pledge_donor, list(donors))
                                 & (self._pledge_from >= first))
        pledge_rows = (self._pledge0 + pledges).astype(np.int32)
        if not len(supply_rows) and not len(pledge_rows):
            return self.base
        self._bounds(supply_rows, np.maximum(lp.row_upper[supply_rows] - delta[rows], 0.0))
        self._bounds(pledge_rows, np.zeros(len(pledge_rows)))
        try:
            return self.solve()
        finally:
            self._bounds(supply_rows, lp.row_upper[supply_rows])
            self._bounds(pledge_rows, lp.row_upper[pledge_rows])

    def _bounds(self, rows: Ints, upper: Floats) -> None:
        if len(rows):
            lower = self.model.lp.row_lower[rows]
            self._h.changeRowsBounds(  # type: ignore[attr-defined]
                len(rows), rows.astype(np.int32), lower, np.asarray(upper, dtype=np.float64))


def donor_losses(bundle: Bundle, settings: PlanSettings, from_month: date | None = None,
                 progress: Callable[[int, int], None] | None = None) -> list[DonorLoss]:
    """Every donor ranked by the value the plan loses without it (largest loss first)."""
    vm = ValueModel(bundle, settings)
    donors = sorted({o.donor for o in bundle.offers} | {f.donor for f in bundle.funding})
    out = []
    for i, donor in enumerate(donors):
        lost = max(0.0, vm.base - vm.without({donor}, from_month))
        out.append(DonorLoss(donor, lost, lost / vm.base if vm.base > 0 else 0.0))
        if progress:
            progress(i + 1, len(donors))
    return sorted(out, key=lambda d: (-d.value_lost, d.donor))


def fresh_lp_value(bundle: Bundle, settings: PlanSettings) -> float:
    """The value LP's optimum, built and solved from scratch."""
    return ValueModel(bundle, settings).base


def load_value_lp(model: Model) -> highspy.Highs:
    """A quiet serial HiGHS holding the model's value LP (maximised, as a minimum); no
    "threads" option, which HiGHS refuses once another solver started its scheduler."""
    lp = model.lp
    h = new_highs()
    for name, value in (("output_flag", False), ("random_seed", 0), ("parallel", "off")):
        h.setOptionValue(name, value)
    h.passModel(lp.num_cols, lp.num_rows, len(lp.entries), 1, 1, 0.0, -lp.value,
                np.zeros(lp.num_cols), lp.upper, lp.row_lower, lp.row_upper, lp.start,
                lp.index, lp.entries, np.zeros(lp.num_cols, dtype=np.int32))
    return h


def offer_blocks(p: Problem, model: Model) -> Ints:
    """The arrival block (supply row) of each offer; −1 for offers left out of the model."""
    g = model.groups
    H = p.horizon
    out = np.full(len(p.offer_ref), -1, dtype=np.int64)
    group = np.repeat(np.arange(g.count), np.diff(g.offer_start))
    key = group * H + p.offer_month[g.offers]
    out[g.offers] = np.searchsorted(g.block_group * H + g.block_month, key, side="right") - 1
    return out


def _ordinal(d: date) -> int:
    """Months since January of year 1 (never negative, so −1 can mean "every month"):
    drop-outs compare calendar months, as the bundle edit does."""
    return month_index(d, date.min)
