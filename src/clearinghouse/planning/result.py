"""Turn a ledger of whole-unit allocations into a :class:`Plan`: value, loads, needs, reasons."""

from __future__ import annotations

import numpy as np

from clearinghouse.planning.ledger import Ledger
from clearinghouse.planning.plan import Allocation, NeedResult, Plan
from clearinghouse.planning.problem import Floats, Problem
from clearinghouse.planning.reasons import explain

FULL = 1 - 1e-9


def row_values(p: Problem, ledger: Ledger) -> Floats:
    """The value of each ledger row: units × factor × W[p]/r × δ^max(0, month − due)."""
    if not ledger.rows:
        return np.zeros(0)
    need = np.array([r.need for r in ledger.rows])
    month = np.array([r.month for r in ledger.rows])
    units = np.array([r.quantity * r.factor for r in ledger.rows])
    late = np.maximum(0, month - p.need_due[need]).astype(np.float64)
    values: Floats = units * p.need_unit_value[need] * p.settings.decay ** late
    return values


def plan_value(p: Problem, ledger: Ledger) -> float:
    return float(row_values(p, ledger).sum())


def to_plan(p: Problem, ledger: Ledger, *, status: str, lp_bound: float | None,
            hub_duals: Floats | None = None, solve_seconds: float = 0.0,
            greedy_value: float | None = None) -> Plan:
    """The plan the ledger holds; reasons from ``hub_duals`` (LP) or from leftover capacity."""
    H = p.horizon
    value = plan_value(p, ledger)
    hub_tonnes = np.zeros((len(p.hubs), H))
    got = np.zeros(len(p.need_ref))
    cost = 0.0
    allocations = []
    for r in ledger.rows:
        got[r.need] += r.quantity * r.factor
        if r.producer < 0:
            tonnes = r.quantity * float(p.offer_weight[r.source]) / 1000
            hub_tonnes[r.hub, r.month] += tonnes
            cost += tonnes * float(p.route_cost[p.offer_route[r.source], r.hub])
            allocations.append(Allocation(p.offer_ref[r.source], p.need_ref[r.need],
                                          p.hubs[r.hub], None, r.month, r.quantity, tonnes))
        else:
            allocations.append(Allocation(p.pledge_ref[r.source], p.need_ref[r.need], None,
                                          p.producer_code[r.producer], r.month, r.quantity, 0.0))
    allocations = _merged(allocations)
    held = p.need_held + got
    fraction = np.where(p.need_qty > 0, held / np.maximum(p.need_qty, 1), 1.0)
    unmet = fraction < FULL
    reasons = explain(p, unmet, hub_tonnes, hub_duals)
    needs = {ref: NeedResult(float(held[i]), float(fraction[i]), reasons[i])
             for i, ref in enumerate(p.need_ref)}
    return Plan(status=status, value=value,
                lp_bound=max(value, lp_bound) if lp_bound is not None else float("nan"),
                allocations=allocations, needs=needs,
                hub_tonnes={h: hub_tonnes[i].tolist() for i, h in enumerate(p.hubs)},
                transport_cost=cost, settings=p.settings, solve_seconds=solve_seconds,
                greedy_value=greedy_value)


def _merged(rows: list[Allocation]) -> list[Allocation]:
    """One row per (offer, need, hub, producer, month), sorted."""
    acc: dict[tuple[str, str, str, str, int], list[float]] = {}
    for a in rows:
        key = (a.offer, a.need, a.hub or "", a.producer or "", a.month)
        q = acc.setdefault(key, [0, 0.0])
        q[0] += a.quantity
        q[1] += a.tonnes
    return [Allocation(o, n, h or None, k or None, m, int(q), t)
            for (o, n, h, k, m), (q, t) in sorted(acc.items())]
