"""Turn a allotment of whole-unit allocations into a :class:`Plan`: value, loads, needs, reasons."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from clearinghouse.planning.allotment import Allotment
from clearinghouse.planning.churn import Churn, churn
from clearinghouse.planning.lines import allotment_lines
from clearinghouse.planning.plan import Allocation, NeedResult, Plan
from clearinghouse.planning.problem import Floats, Ints, Problem
from clearinghouse.planning.reasons import explain

FULL = 1 - 1e-9


def row_values(p: Problem, allotment: Allotment) -> Floats:
    """The value of each allotment row: units × factor × W[p]/r × δ^max(0, month − due)."""
    if not allotment.rows:
        return np.zeros(0)
    need = np.array([r.need for r in allotment.rows])
    month = np.array([r.month for r in allotment.rows])
    units = np.array([r.quantity * r.factor for r in allotment.rows])
    late = np.maximum(0, month - p.need_due[need]).astype(np.float64)
    values: Floats = units * p.need_unit_value[need] * p.settings.decay ** late
    return values


def plan_value(p: Problem, allotment: Allotment) -> float:
    return float(row_values(p, allotment).sum())


def to_plan(p: Problem, allotment: Allotment, *, status: str, lp_bound: float | None,
            hub_duals: Floats | None = None, solve_seconds: float = 0.0,
            greedy_value: float | None = None,
            reference: Sequence[Allocation] | None = None) -> Plan:
    """The plan the allotment holds; reasons from ``hub_duals`` (LP) or from leftover capacity;
    its churn against ``reference`` if one is given."""
    H = p.horizon
    value = plan_value(p, allotment)
    hub_tonnes = np.zeros((len(p.hubs), H))
    got = np.zeros(len(p.need_ref))
    rows = allotment.rows
    source = np.array([r.source for r in rows], dtype=np.int64)
    need = np.array([r.need for r in rows], dtype=np.int64)
    hub = np.array([r.hub for r in rows], dtype=np.int64)
    producer = np.array([r.producer for r in rows], dtype=np.int64)
    month = np.array([r.month for r in rows], dtype=np.int64)
    qty = np.array([r.quantity for r in rows], dtype=np.int64)
    np.add.at(got, need, qty * np.array([r.factor for r in rows]))
    shipped = np.flatnonzero(producer < 0)
    tonnes = np.zeros(len(rows))
    tonnes[shipped] = qty[shipped] * p.offer_weight[source[shipped]] / 1000
    np.add.at(hub_tonnes, (hub[shipped], month[shipped]), tonnes[shipped])
    cost = float(np.sum(tonnes[shipped]
                        * p.route_cost[p.offer_route[source[shipped]], hub[shipped]]))
    allocations = _merged(p, source, need, hub, producer, month, qty, tonnes)
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
                greedy_value=greedy_value,
                churn=None if reference is None else _churn(p, reference, allotment))


def _merged(p: Problem, source: Ints, need: Ints, hub: Ints, producer: Ints, month: Ints,
            qty: Ints, tonnes: Floats) -> list[Allocation]:
    """One allocation per (offer, need, hub, producer, month), sorted by those (refs; no hub
    or producer first)."""
    if not len(qty):
        return []
    made = producer >= 0
    # offers and pledges share the ``offer`` column: rank their refs together
    rank = np.unique(np.array(p.offer_ref + p.pledge_ref, dtype=object),
                     return_inverse=True)[1].reshape(-1)
    src = rank[np.where(made, len(p.offer_ref) + source, source)]
    # needs, hubs and producers sort like their indices (snapshot order); none is −1
    key = np.lexsort((month, producer, hub, need, src))
    fields = np.stack([made, source, need, hub, producer, month, src])[:, key]
    heads = np.flatnonzero(np.r_[True, (fields[:, 1:] != fields[:, :-1]).any(axis=0)])
    q = np.add.reduceat(qty[key], heads).tolist()
    tn = np.add.reduceat(tonnes[key], heads).tolist()
    made_h, source_h, need_h, hub_h, producer_h, month_h, _ = fields[:, heads].tolist()
    needs, hubs, makers = p.need_ref, p.hubs, p.producer_code
    return [Allocation(p.pledge_ref[s], needs[n], None, makers[k], t, u, 0.0) if m else
            Allocation(p.offer_ref[s], needs[n], hubs[h], None, t, u, w)
            for m, s, n, h, k, t, u, w in zip(made_h, source_h, need_h, hub_h, producer_h,
                                               month_h, q, tn, strict=True)]


def _churn(p: Problem, reference: Sequence[Allocation], allotment: Allotment) -> Churn:
    lines, units = allotment_lines(p, allotment)
    return churn(p, reference, lines, units)
