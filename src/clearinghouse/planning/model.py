"""The compact planning model: one ``add_*`` function per family of columns or constraints.

Naming grammar: columns ``route[g,h,t]`` (units of supply group g through hub h in month t),
``carry[g,j]`` (units of g held over from arrival block j to j+1), ``make[p,k,m]`` (units
pledge p buys from producer k, made in month m), ``give[s]`` (units of a class to a need
through slot s), ``keep[c,t]`` (units of class c that passed a hub by month t and wait for a
later need); rows ``supply[g,j]``, ``hub[h,t]``, ``producer[k,m]``, ``pledge[p]``,
``need[n]``, ``pool[c,t]``. Indices are flattened as in the docstrings (``h·H + t``).

Two demand sides: per need (``give``/``need`` — exact in whole units, for branch and bound on
small models) or in buckets (``draw``/``fill``/``level`` — the same LP optimum with no row
per need, see buckets.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from clearinghouse.planning.buckets import Buckets, need_buckets
from clearinghouse.planning.groups import (
    NeedSlots,
    SupplyGroups,
    earliest_arrival,
    last_useful_month,
    need_slots,
    supply_groups,
)
from clearinghouse.planning.lp import Builder, LinearModel
from clearinghouse.planning.problem import Bools, Ints, Problem


@dataclass(frozen=True, eq=False, slots=True)
class Routes:
    """Columns ``route[g,h,t]``, from column ``start`` on."""

    start: int
    group: Ints
    hub: Ints
    month: Ints


@dataclass(frozen=True, eq=False, slots=True)
class Makes:
    """Columns ``make[p,k,m]``, from column ``start`` on; units arrive in ``delivery``."""

    start: int
    pledge: Ints
    producer: Ints
    month: Ints
    delivery: Ints


@dataclass(frozen=True, eq=False, slots=True)
class Draws:
    """Columns that take units of class ``cls`` out of the pool of ``month``."""

    start: int
    cls: Ints
    month: Ints


@dataclass(frozen=True, eq=False, slots=True)
class Model:
    """The linear model and the index arrays that map its columns back to the problem."""

    lp: LinearModel
    groups: SupplyGroups
    routes: Routes
    makes: Makes
    draws: Draws
    slots: NeedSlots | None
    buckets: Buckets | None


def build_model(p: Problem, *, by_cost: bool = True, per_need: bool = True) -> Model:
    """The compact model of ``p`` (SPEC §4): value to maximise, transport cost to break ties.

    ``by_cost=False`` groups offers by allowed hubs only (same value optimum, smaller model,
    cost approximated by each group's mean cost per tonne); ``per_need=False`` buckets needs.
    """
    groups = supply_groups(p, by_cost=by_cost)
    last = last_useful_month(p)
    earliest = earliest_arrival(p, groups)
    b = Builder()
    routes = add_routes(b, p, groups, last)
    add_supply(b, p, groups, routes)
    add_hub_capacity(b, p, groups, routes)
    makes = add_production(b, p, last)
    slots, buckets = None, None
    if per_need:
        slots = need_slots(p, earliest)
        draws = add_deliveries(b, p, slots)
    else:
        buckets = need_buckets(p, earliest)
        draws = add_buckets(b, p, buckets)
    add_pools(b, p, groups, routes, makes, draws)
    return Model(b.build(), groups, routes, makes, draws, slots, buckets)


def add_routes(b: Builder, p: Problem, g: SupplyGroups, last: Ints,
               where: Bools | None = None) -> Routes:
    """route[g,h,t] >= 0 where g's route allows h, h is open in t, first(g) <= t <= last(class g)
    (and, if given, ``where[g,t]``).

    Transport cost per unit: unit weight / 1000 × lane cost per tonne.
    """
    t = np.arange(p.horizon)
    in_time = (t >= g.first[:, None]) & (t <= last[g.cls][:, None])
    if where is not None:
        in_time &= where
    mask = g.allowed[:, :, None] & p.hub_open[None, :, :] & in_time[:, None, :]
    group, hub, month = (a.astype(np.int64) for a in np.nonzero(mask))
    cost = g.weight[group] / 1000 * g.cost[group, hub]
    start = b.add_columns("route", len(group), cost=cost)
    return Routes(start, group, hub, month)


def add_supply(b: Builder, p: Problem, g: SupplyGroups, r: Routes) -> None:
    """supply[g,j]: Σ_{h, a_j <= t < a_j+1} route[g,h,t] + carry[g,j] − carry[g,j−1] <= S[g,j].

    Block j of group g holds the units that arrive in month a_j; what is not shipped before
    the next arrival is carried over, so a unit is never shipped before it is available.
    """
    H = p.horizon
    row0 = b.add_rows("supply", g.block_qty)
    block_key = g.block_group * H + g.block_month
    block = np.searchsorted(block_key, r.group * H + r.month, side="right") - 1
    b.add_entries(row0 + block, r.start + np.arange(len(r.group)), 1.0)
    carried = np.flatnonzero(g.block_group[1:] == g.block_group[:-1])
    col0 = b.add_columns("carry", len(carried), integer=False)
    cols = col0 + np.arange(len(carried))
    b.add_entries(row0 + carried, cols, 1.0)
    b.add_entries(row0 + carried + 1, cols, -1.0)


def add_hub_capacity(b: Builder, p: Problem, g: SupplyGroups, r: Routes) -> None:
    """hub[h,t]: Σ_g weight_g / 1000 × route[g,h,t] <= capacity_h (tonnes in month t)."""
    H = p.horizon
    row0 = b.add_rows("hub", np.repeat(p.hub_capacity, H))
    tonnes = g.weight[r.group] / 1000
    heavy = np.flatnonzero(tonnes > 0)
    b.add_entries(row0 + r.hub[heavy] * H + r.month[heavy], r.start + heavy, tonnes[heavy])


def add_production(b: Builder, p: Problem, last: Ints) -> Makes:
    """make[p,k,m] >= 0 where p's earmark allows k, m >= both available months,
    m + lead_k <= last(class k) < H and cap[k,m] > 0;
    producer[k,m]: Σ_p make[p,k,m] <= cap[k,m] = max(0, capacity_k − booked[k,m]) (units
    of k's capacity that shipments already hold in month m);
    pledge[p]: Σ_{k,m} price_k × make[p,k,m] <= amount_p.
    """
    H = p.horizon
    m = np.arange(H)
    k_ok = m[None, :] + p.producer_lead[:, None] <= last[p.producer_class][:, None]
    k_ok &= (m[None, :] >= p.producer_month[:, None]) & (p.producer_cap > 0)
    mask = (p.pledge_producer[:, :, None] & k_ok[None, :, :]
            & (m[None, None, :] >= p.pledge_month[:, None, None]))
    pledge, producer, month = (a.astype(np.int64) for a in np.nonzero(mask))
    col0 = b.add_columns("make", len(pledge))
    cols = col0 + np.arange(len(pledge))
    cap_row0 = b.add_rows("producer", p.producer_cap.reshape(-1))
    b.add_entries(cap_row0 + producer * H + month, cols, 1.0)
    pledge_row0 = b.add_rows("pledge", p.pledge_amount)
    b.add_entries(pledge_row0 + pledge, cols, p.producer_price[producer])
    return Makes(col0, pledge, producer, month, month + p.producer_lead[producer])


def add_deliveries(b: Builder, p: Problem, s: NeedSlots) -> Draws:
    """give[s] >= 0, worth value_s = W[p_n] / r_n × f_s × δ^late_s per unit;
    need[n]: Σ_s f_s × give[s] <= room_n (quantity less what the need already holds).
    """
    col0 = b.add_columns("give", len(s.need), value=s.value)
    row0 = b.add_rows("need", p.need_room)
    b.add_entries(row0 + s.need, col0 + np.arange(len(s.need)), s.factor)
    return Draws(col0, s.cls, s.month)


def add_buckets(b: Builder, p: Problem, bk: Buckets) -> Draws:
    """draw[j] >= 0: units of class c_j into bucket b_j at lateness ℓ_j (from month due + ℓ_j);
    fill[i,k] in [0, room_k]: need-units of member k counted on level i = (bucket, ℓ),
    worth coef_i × W[p_k] / r_k each;
    level[i]: Σ_k fill[i,k] − Σ_{j: b_j = b_i, ℓ_j <= ℓ_i} f_j × draw[j] <= 0.
    """
    draw0 = b.add_columns("draw", len(bk.draw_bucket))
    row0 = b.add_rows("level", np.zeros(len(bk.level_bucket)))
    size = np.diff(bk.member_start)[bk.level_bucket]
    level = np.repeat(np.arange(len(bk.level_bucket)), size)
    offset = np.arange(len(level)) - np.repeat(np.cumsum(size) - size, size)
    member = bk.members[bk.member_start[bk.level_bucket][level] + offset]
    fill0 = b.add_columns("fill", len(level), value=bk.level_coef[level]
                          * p.need_unit_value[member], upper=p.need_room[member],
                          integer=False)
    b.add_entries(row0 + level, fill0 + np.arange(len(level)), 1.0)
    row_of = np.full((len(bk.cls), p.settings.late_cutoff_months + 1), -1, dtype=np.int64)
    row_of[bk.level_bucket, bk.level_late] = np.arange(len(bk.level_bucket))
    cols = draw0 + np.arange(len(bk.draw_bucket))
    for late in range(p.settings.late_cutoff_months + 1):
        rows = row_of[bk.draw_bucket, late]
        ok = np.flatnonzero((rows >= 0) & (bk.draw_late <= late))
        b.add_entries(row0 + rows[ok], cols[ok], -bk.draw_factor[ok])
    return Draws(draw0, bk.draw_cls, bk.draw_month)


def add_pools(b: Builder, p: Problem, g: SupplyGroups, r: Routes, mk: Makes,
              d: Draws) -> None:
    """pool[c,t]: Σ_{draws of class c in month t} draw + keep[c,t] − keep[c,t−1]
    − Σ_{g of class c, h} route[g,h,t] − Σ_{k of class c, m + lead_k = t} make[p,k,m] <= 0.

    Units reach needs in the month they pass the hub (or are delivered); ``keep`` lets an
    on-time slot (month = due) draw on units that arrived earlier, at the same value.
    """
    H = p.horizon
    C = len(p.classes)
    row0 = b.add_rows("pool", np.zeros(C * H))
    b.add_entries(row0 + d.cls * H + d.month, d.start + np.arange(len(d.cls)), 1.0)
    b.add_entries(row0 + g.cls[r.group] * H + r.month, r.start + np.arange(len(r.group)), -1.0)
    b.add_entries(row0 + p.producer_class[mk.producer] * H + mk.delivery,
                  mk.start + np.arange(len(mk.pledge)), -1.0)
    c, t = (a.ravel() for a in np.meshgrid(np.arange(C), np.arange(H - 1), indexing="ij"))
    col0 = b.add_columns("keep", len(c), integer=False)
    b.add_entries(row0 + c * H + t, col0 + np.arange(len(c)), 1.0)
    b.add_entries(row0 + c * H + t + 1, col0 + np.arange(len(c)), -1.0)
