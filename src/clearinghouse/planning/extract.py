"""From model columns to whole-unit allocations on individual offers and pledges.

Per class, the units entering the pool (through hubs or from producers) are matched to the
units the needs draw, first in first out by month; the model's pool rows guarantee that a
draw in month τ only meets units that arrived by τ. Each (source, need) amount is rounded
down to whole units — which keeps every constraint — and a group's units are split onto its
offers, earliest available first (cheapest lane to the hub first when the group mixes
routes), then refs.
"""

from __future__ import annotations

import math

import numpy as np

from clearinghouse.planning.ledger import Ledger
from clearinghouse.planning.model import Model
from clearinghouse.planning.problem import Floats, Ints, Problem

EPS = 1e-7


def extract(p: Problem, model: Model, x: Floats, ledger: Ledger) -> None:
    """Book the whole units of solution ``x`` of ``model`` into ``ledger``."""
    r, mk, s, g = model.routes, model.makes, model.slots, model.groups
    route_x = x[r.start:r.start + len(r.group)]
    make_x = x[mk.start:mk.start + len(mk.pledge)]
    give_x = x[model.give_start:model.give_start + len(s.need)]
    H = p.horizon
    # inflows: routes (kind 0) then makes (kind 1); draws: slots
    src_cls = np.r_[g.cls[r.group], p.producer_class[mk.producer]].astype(np.int64)
    src_month = np.r_[r.month, mk.delivery].astype(np.int64)
    src_amt = np.r_[route_x, make_x]
    src_ok = np.flatnonzero(src_amt > EPS)
    drw_ok = np.flatnonzero(give_x > EPS)
    src_order = src_ok[np.lexsort((src_ok, src_month[src_ok], src_cls[src_ok]))]
    drw_order = drw_ok[np.lexsort((drw_ok, s.month[drw_ok], s.cls[drw_ok]))]
    pairs: dict[tuple[int, int], float] = {}
    src_bounds = _class_bounds(src_cls[src_order], len(p.classes))
    drw_bounds = _class_bounds(s.cls[drw_order], len(p.classes))
    for c in range(len(p.classes)):
        srcs = src_order[src_bounds[c]:src_bounds[c + 1]]
        drws = drw_order[drw_bounds[c]:drw_bounds[c + 1]]
        if len(srcs) and len(drws):
            _match(srcs, src_amt[srcs], drws, give_x[drws], pairs)
    n_routes = len(r.group)
    route_pieces: dict[int, list[tuple[int, int, int]]] = {}
    for (src, slot), amount in sorted(pairs.items()):
        need, factor = int(s.need[slot]), float(s.factor[slot])
        month = int(src_month[src])
        if month > int(p.need_due[need]) + p.settings.late_cutoff_months or month >= H:
            continue
        units = min(math.floor(amount + 1e-6), ledger.units_for(need, factor))
        if units <= 0:
            continue
        if src < n_routes:
            route_pieces.setdefault(int(r.group[src]), []).append((src, slot, units))
        else:
            j = src - n_routes
            units = min(units, ledger.made_units(int(mk.pledge[j]), int(mk.producer[j]),
                                                 int(mk.month[j])))
            if units > 0:
                ledger.make(int(mk.pledge[j]), int(mk.producer[j]), int(mk.month[j]), need,
                            units, factor)
    for group in sorted(route_pieces):
        _split(p, model, group, route_pieces[group], ledger)


def _class_bounds(cls: Ints, n_classes: int) -> Ints:
    return np.searchsorted(cls, np.arange(n_classes + 1))


def _match(srcs: Ints, src_amt: Floats, drws: Ints, drw_amt: Floats,
           pairs: dict[tuple[int, int], float]) -> None:
    """First-in-first-out matching of two sorted streams; adds the overlaps to ``pairs``."""
    a, b = np.cumsum(src_amt), np.cumsum(drw_amt)
    end = min(a[-1], b[-1])
    points = np.unique(np.r_[0.0, a[a < end], b[b < end], end])
    mids = (points[:-1] + points[1:]) / 2
    lengths = np.diff(points)
    i = np.searchsorted(a, mids, side="right")
    j = np.searchsorted(b, mids, side="right")
    keep = lengths > EPS
    for si, dj, amount in zip(srcs[i[keep]].tolist(), drws[j[keep]].tolist(),
                              lengths[keep].tolist(), strict=True):
        key = (si, dj)
        pairs[key] = pairs.get(key, 0.0) + amount


def _split(p: Problem, model: Model, group: int, pieces: list[tuple[int, int, int]],
           ledger: Ledger) -> None:
    """Book a group's pieces (route column, slot, units) onto its offers."""
    r, s = model.routes, model.slots
    members = model.groups.members(group)
    months = p.offer_month[members]
    costs = p.route_cost[p.offer_route[members]]
    orders = [members[np.lexsort((np.arange(len(members)), months, costs[:, h]))].tolist()
              for h in range(len(p.hubs))]
    for col, slot, units in sorted(pieces, key=lambda q: (int(r.month[q[0]]), q)):
        hub, month = int(r.hub[col]), int(r.month[col])
        need, factor = int(s.need[slot]), float(s.factor[slot])
        want = min(units, ledger.units_for(need, factor))
        for o in orders[hub]:
            if want <= 0:
                break
            if p.offer_month[o] > month or ledger.offer_left[o] <= 0:
                continue
            q = min(want, ledger.offer_left[o], ledger.hub_units(o, hub, month))
            if q > 0:
                ledger.ship(o, need, hub, month, q, factor)
                want -= q
