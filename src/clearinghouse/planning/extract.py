"""From model columns to whole-unit allocations on individual offers and pledges.

Per class, the units entering the pool (through hubs or from producers) are matched to the
units the needs draw, first in first out by month; the model's pool rows guarantee that a
draw in month τ only meets units that arrived by τ. Each (source, need) amount is rounded
down to whole units — which keeps every constraint — and a group's units are split onto its
offers, earliest available first (cheapest lane to the hub first when the group mixes
routes), then refs.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

import numpy as np

from clearinghouse.planning.allotment import Allotment
from clearinghouse.planning.buckets import split
from clearinghouse.planning.groups import SupplyGroups
from clearinghouse.planning.model import Makes, Model, Routes
from clearinghouse.planning.problem import Floats, Ints, Problem

EPS = 1e-7


@dataclass(frozen=True, eq=False, slots=True)
class Flows:
    """What a solution moves: units per route and per make column, and the needs' draws
    (need, class, pool month, factor, units of the class). ``funders``: when make columns
    are bought by groups of pledges (pooled.py), each group's pledges, earliest first."""

    groups: SupplyGroups
    routes: Routes
    route_x: Floats
    makes: Makes
    make_x: Floats
    draws: tuple[Ints, Ints, Ints, Floats, Floats]
    funders: list[list[int]] | None = None


def flows(p: Problem, model: Model, x: Floats) -> Flows:
    """The flows of solution ``x`` of ``model``."""
    r, mk = model.routes, model.makes
    return Flows(model.groups, r, x[r.start:r.start + len(r.group)], mk,
                 x[mk.start:mk.start + len(mk.pledge)], _pieces(p, model, x))


def extract(p: Problem, model: Model, x: Floats, allotment: Allotment) -> None:
    """Book the whole units of solution ``x`` of ``model`` into ``allotment``."""
    book(p, flows(p, model, x), allotment)


def book(p: Problem, f: Flows, allotment: Allotment) -> None:
    """Book the whole units of ``f`` into ``allotment``."""
    r, mk, g = f.routes, f.makes, f.groups
    route_x, make_x = f.route_x, f.make_x
    need, cls, month, factor, amount = f.draws
    # sources: routes, then makes
    src_cls = np.r_[g.cls[r.group], p.producer_class[mk.producer]].astype(np.int64)
    src_month = np.r_[r.month, mk.delivery].astype(np.int64)
    src_amt = np.r_[route_x, make_x]
    src_ok = np.flatnonzero(src_amt > EPS)
    drw_ok = np.flatnonzero(amount > EPS)
    src_order = src_ok[np.lexsort((src_ok, src_month[src_ok], src_cls[src_ok]))]
    drw_order = drw_ok[np.lexsort((drw_ok, month[drw_ok], cls[drw_ok]))]
    pairs: dict[tuple[int, int, float], float] = {}
    src_bounds = _class_bounds(src_cls[src_order], len(p.classes))
    drw_bounds = _class_bounds(cls[drw_order], len(p.classes))
    for c in range(len(p.classes)):
        srcs = src_order[src_bounds[c]:src_bounds[c + 1]]
        drws = drw_order[drw_bounds[c]:drw_bounds[c + 1]]
        if len(srcs) and len(drws):
            _match(srcs, src_amt[srcs], drws, amount[drws], need, factor, pairs)
    H, cutoff = p.horizon, p.settings.late_cutoff_months
    n_routes = len(r.group)
    route_pieces: dict[int, list[tuple[int, int, float, int]]] = {}
    make_pieces: list[tuple[int, int, int, float, int]] = []
    for (src, n, fa), units_float in sorted(pairs.items()):
        t = int(src_month[src])
        if t > int(p.need_due[n]) + cutoff or t >= H:
            continue
        units = min(math.floor(units_float + 1e-6), allotment.units_for(n, fa))
        if units <= 0:
            continue
        if src < n_routes:
            route_pieces.setdefault(int(r.group[src]), []).append((src, n, fa, units))
        else:
            make_pieces.append((int(mk.month[src - n_routes]), src - n_routes, n, fa, units))
    for made, j, n, fa, units in sorted(make_pieces):  # by month: pledges spend in time
        pledge, producer = int(mk.pledge[j]), int(mk.producer[j])
        pledges = [pledge] if f.funders is None else f.funders[pledge]
        for pl in pledges:
            if units <= 0:
                break
            if f.funders is not None and p.pledge_month[pl] > made:
                continue
            q = min(units, allotment.made_units(pl, producer, made))
            if q > 0:
                allotment.make(pl, producer, made, n, q, fa)
                units -= q
    for group in sorted(route_pieces):
        _split(p, f, group, route_pieces[group], allotment)


def _pieces(p: Problem, model: Model, x: Floats) -> tuple[Ints, Ints, Ints, Floats, Floats]:
    """What each need draws: (need, class, pool month, factor, units of the class)."""
    d = model.draws
    draw_x = x[d.start:d.start + len(d.cls)]
    if model.slots is not None:
        s = model.slots
        return s.need, s.cls, s.month, s.factor, draw_x
    bk = model.buckets
    assert bk is not None
    j, need, units = split(p, bk, draw_x)
    return need, bk.draw_cls[j], bk.draw_month[j], bk.draw_factor[j], units


def _class_bounds(cls: Ints, n_classes: int) -> Ints:
    return np.searchsorted(cls, np.arange(n_classes + 1))


def _match(srcs: Ints, src_amt: Floats, drws: Ints, drw_amt: Floats, need: Ints,
           factor: Floats, pairs: dict[tuple[int, int, float], float]) -> None:
    """First-in-first-out matching of two sorted streams; adds the overlaps to ``pairs``."""
    a, b = np.cumsum(src_amt), np.cumsum(drw_amt)
    end = min(a[-1], b[-1])
    points = np.unique(np.r_[0.0, a[a < end], b[b < end], end])
    mids = (points[:-1] + points[1:]) / 2
    lengths = np.diff(points)
    i = np.searchsorted(a, mids, side="right")
    j = np.searchsorted(b, mids, side="right")
    keep = lengths > EPS
    dj = drws[j[keep]]
    for si, n, f, amount in zip(srcs[i[keep]].tolist(), need[dj].tolist(), factor[dj].tolist(),
                                lengths[keep].tolist(), strict=True):
        key = (si, n, f)
        pairs[key] = pairs.get(key, 0.0) + amount


def _split(p: Problem, f: Flows, group: int, pieces: list[tuple[int, int, float, int]],
           allotment: Allotment) -> None:
    """Book a group's pieces (route column, need, factor, units) onto its offers, month by
    month: each from the offers available by then, cheapest lane to its hub first, then
    earliest, then in the group's order."""
    r = f.routes
    members = f.groups.members(group).tolist()  # by available month, then ref
    month_of = p.offer_month[members].tolist()
    cost = p.route_cost[p.offer_route[members]].tolist()
    queue: dict[int, list[tuple[float, int, int, int]]] = {}  # per hub: available offers
    queued: dict[int, int] = {}  # per hub: how many members are in its queue
    for col, need, factor, units in sorted(pieces, key=lambda q: (int(r.month[q[0]]), q)):
        hub, month = int(r.hub[col]), int(r.month[col])
        want = min(units, allotment.units_for(need, factor))
        heap = queue.setdefault(hub, [])
        k = queued.get(hub, 0)
        while k < len(members) and month_of[k] <= month:
            heapq.heappush(heap, (cost[k][hub], month_of[k], k, members[k]))
            k += 1
        queued[hub] = k
        while want > 0 and heap:
            o = heap[0][3]
            if allotment.offer_left[o] <= 0:
                heapq.heappop(heap)
                continue
            q = min(want, allotment.offer_left[o], allotment.hub_units(o, hub, month))
            if q <= 0:  # no room in the hub-month for a unit of the group's item
                break
            allotment.ship(o, need, hub, month, q, factor)
            want -= q
