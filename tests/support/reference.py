"""The same policy written straightforwardly: one variable per offer × need × hub × month.

No grouping, no pools, no cleverness: a variable for every way a unit of an offer can reach
a need (compatible class, allowed and open hub, month from its available month to the
need's due + cut-off), and one for every way a pledge can buy a producer's month for a need.
Used by the tests as the definition of the optimum and by the benchmark as the baseline.
"""

from __future__ import annotations

import time
from array import array
from dataclasses import dataclass

import highspy
import numpy as np
import scipy.sparse as sp

from clearinghouse.domain.bundle import Bundle
from clearinghouse.planning.highs import new_highs
from clearinghouse.planning.problem import snapshot
from clearinghouse.planning.settings import PlanSettings


@dataclass(frozen=True, slots=True)
class ReferenceResult:
    status: str
    value: float
    columns: int
    build_seconds: float
    solve_seconds: float


def reference_lp_bound(bundle: Bundle, settings: PlanSettings) -> float:
    """The optimal value of the straightforward formulation with fractional quantities."""
    return _optimal(reference_solve(bundle, settings))


def reference_integer_value(bundle: Bundle, settings: PlanSettings) -> float:
    """The optimal value of the straightforward formulation in whole units (small bundles)."""
    return _optimal(reference_solve(bundle, settings, integer=True))


def _optimal(result: ReferenceResult) -> float:
    if result.status != "optimal":
        raise RuntimeError(f"reference model not solved: {result.status}")
    return result.value


def reference_solve(bundle: Bundle, settings: PlanSettings, *, integer: bool = False,
                    time_limit_s: float = float("inf")) -> ReferenceResult:
    """Build and solve the straightforward formulation, timing both steps."""
    started = time.perf_counter()
    p = snapshot(bundle, settings)
    H, cutoff, decay = p.horizon, settings.late_cutoff_months, settings.decay
    value = array("d")
    rows = array("q")
    cols = array("q")
    coefs = array("d")
    n_offers, n_hubs, n_producers = len(p.offer_ref), len(p.hubs), len(p.producer_code)
    need_row0 = 0
    offer_row0 = need_row0 + len(p.need_ref)
    hub_row0 = offer_row0 + n_offers
    producer_row0 = hub_row0 + n_hubs * H
    pledge_row0 = producer_row0 + n_producers * H

    def column(v: float, entries: list[tuple[int, float]]) -> None:
        for r, a in entries:
            rows.append(r)
            cols.append(len(value))
            coefs.append(a)
        value.append(v)

    offers_of: dict[int, list[int]] = {}
    for o in range(n_offers):
        offers_of.setdefault(int(p.offer_class[o]), []).append(o)
    for n in range(len(p.need_ref)):
        due = int(p.need_due[n])
        last = min(due + cutoff, H - 1)
        for c, f in p.compatible(int(p.need_class[n])):
            for o in offers_of.get(c, []):
                for h in range(n_hubs):
                    if not p.route_allowed[p.offer_route[o], h]:
                        continue
                    for t in range(int(p.offer_month[o]), last + 1):
                        if p.hub_open[h, t]:
                            column(f * p.need_unit_value[n] * decay ** max(0, t - due),
                                   [(need_row0 + n, f), (offer_row0 + o, 1.0),
                                    (hub_row0 + h * H + t, p.offer_weight[o] / 1000)])
            for k in range(n_producers):
                if p.producer_class[k] != c:
                    continue
                lead = int(p.producer_lead[k])
                for pl in range(len(p.pledge_ref)):
                    if not p.pledge_producer[pl, k]:
                        continue
                    first = max(int(p.pledge_month[pl]), int(p.producer_month[k]))
                    for m in range(first, last - lead + 1):
                        column(f * p.need_unit_value[n] * decay ** max(0, m + lead - due),
                               [(need_row0 + n, f), (producer_row0 + k * H + m, 1.0),
                                (pledge_row0 + pl, p.producer_price[k])])
    upper = np.r_[p.need_room, p.offer_qty.astype(np.float64),
                  np.repeat(p.hub_capacity, H), p.producer_cap.reshape(-1), p.pledge_amount]
    if not value:
        return ReferenceResult("optimal", 0.0, 0, time.perf_counter() - started, 0.0)
    a = sp.csc_matrix((np.frombuffer(coefs), (np.frombuffer(rows, dtype=np.int64),
                                              np.frombuffer(cols, dtype=np.int64))),
                      shape=(len(upper), len(value)))
    solver = new_highs()
    solver.setOptionValue("output_flag", False)
    solver.setOptionValue("mip_rel_gap", 0.0)
    solver.setOptionValue("time_limit", time_limit_s)
    size = len(value)
    solver.passModel(size, len(upper), a.nnz, 1, 1, 0.0, -np.frombuffer(value), np.zeros(size),
                     np.full(size, np.inf), np.full(len(upper), -np.inf), upper,
                     a.indptr.astype(np.int32), a.indices.astype(np.int32), a.data,
                     np.full(size, 1 if integer else 0, dtype=np.int32))
    built = time.perf_counter()
    solver.run()
    optimal = solver.getModelStatus() == highspy.HighsModelStatus.kOptimal
    status = "optimal" if optimal else solver.modelStatusToString(solver.getModelStatus())
    return ReferenceResult(status, float(-solver.getInfo().objective_function_value), size,
                           built - started, time.perf_counter() - built)
