"""The pooled value model: the model of model.py with offers grouped by item and hubs pooled.

Solving the value LP is most of a large plan's time, and two choices of the full model make
it hard: an item's offers form several groups when their routes allow different hubs, and
each group has a column per hub. The pooled model makes both choices later (split.py):

- offers of an item form one group, which may use every hub one of its offers may use;
- a group has one column ``pass[g,t]`` per month, and the hubs of a month share their
  capacity through one row per set ``U`` of hubs that is a union of the groups' hub sets
  ``N_t(g)`` (the open hubs g may use in month t):

      hubs[U,t]: Σ_{g: N_t(g) ⊆ U} weight_g / 1000 × pass[g,t] <= Σ_{h ∈ U} capacity_h.

By Gale's theorem these rows hold exactly when the passes of a month can be spread over its
hubs, so the second choice loses nothing; the first is a relaxation, exact whenever the split
onto the offers' own routes succeeds. With more than ``MAX_SETS`` hub sets in a month the hubs
keep their own columns and rows.

Pledges that may fund the same producers pool their money too (exactly: money of the same
earmark is interchangeable once available), in blocks by available month like offers' units:
``make[e,k,m]`` is what the pledges of earmark group e buy from producer k in month m (booked
onto the group's pledges earliest first, extract.py). Every other family is the full model's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from clearinghouse.planning.buckets import need_buckets
from clearinghouse.planning.groups import (
    SupplyGroups,
    earliest_arrival,
    last_useful_month,
    supply_groups,
)
from clearinghouse.planning.lp import Builder
from clearinghouse.planning.model import (
    Makes,
    Model,
    Routes,
    add_buckets,
    add_hub_capacity,
    add_pools,
    add_routes,
    add_supply,
)
from clearinghouse.planning.problem import Bools, Floats, Ints, Problem

MAX_SETS = 16  # hub sets per month up to which a month's hubs are pooled


@dataclass(frozen=True, eq=False, slots=True)
class HubSets:
    """Rows ``hubs[U,t]`` from row ``start`` on: row i pools the hubs ``members[i]`` in
    ``month[i]``."""

    start: int
    members: Bools
    month: Ints


@dataclass(frozen=True, eq=False, slots=True)
class PooledModel:
    """The pooled model; ``sets`` is None when its hubs kept their own rows (``hub[h,t]``);
    ``funders[e]``: the pledges of earmark group e (``make`` columns' ``pledge``), earliest
    first."""

    model: Model
    sets: HubSets | None
    funders: list[list[int]]

    def hub_duals(self, row_dual: Floats, p: Problem) -> Floats:
        """Each hub-month's capacity price (flattened ``h·H + t``): the sum of the prices of
        the rows that pool it — what one more tonne of that hub-month is worth."""
        rows = self.model.lp.rows
        if self.sets is None:
            duals: Floats = row_dual[rows["hub"]]
            return duals
        s = self.sets
        price = row_dual[s.start:s.start + len(s.month)]
        out = np.zeros((len(p.hubs), p.horizon))
        for h in range(len(p.hubs)):
            np.add.at(out[h], s.month[s.members[:, h]], price[s.members[:, h]])
        flat: Floats = out.reshape(-1)
        return flat


def build_pooled_model(p: Problem) -> PooledModel:
    """The pooled model of ``p`` (needs in buckets): value to maximise (no transport cost:
    see split.py)."""
    groups = supply_groups(p, by_item=True)
    last = last_useful_month(p)
    earliest = earliest_arrival(p, groups)
    b = Builder()
    reach = hub_reach(p, groups, last)
    sets = hub_sets(p, groups, reach)
    rows: HubSets | None = None
    if sets is None:
        routes = add_routes(b, p, groups, last)
        add_supply(b, p, groups, routes)
        add_hub_capacity(b, p, groups, routes)
    else:
        routes = add_passes(b, groups, reach)
        add_supply(b, p, groups, routes)
        rows = add_hub_sets(b, p, groups, routes, reach, sets)
    makes, funders = add_funds(b, p, last)
    buckets = need_buckets(p, earliest)
    draws = add_buckets(b, p, buckets)
    add_pools(b, p, groups, routes, makes, draws)
    return PooledModel(Model(b.build(), groups, routes, makes, draws, None, buckets), rows,
                       funders)


def hub_reach(p: Problem, g: SupplyGroups, last: Ints) -> Ints:
    """Per group and month, the hubs it may pass then as a bit mask (0: none, or not in
    time: before its first offer or after its class's last useful month)."""
    t = np.arange(p.horizon)
    in_time = (t >= g.first[:, None]) & (t <= last[g.cls][:, None])
    usable = g.allowed[:, :, None] & p.hub_open[None, :, :] & in_time[:, None, :]
    bits = np.int64(1) << np.arange(len(p.hubs), dtype=np.int64)
    mask: Ints = np.einsum("ght,h->gt", usable.astype(np.int64), bits)
    return mask


def hub_sets(p: Problem, g: SupplyGroups, reach: Ints) -> list[list[int]] | None:
    """Per month, the unions of the heavy groups' hub sets (sorted), or None when a month has
    more than ``MAX_SETS`` of them (or there are too many hubs for a bit mask)."""
    if len(p.hubs) > 62:
        return None
    heavy = g.weight > 0
    out = []
    for t in range(p.horizon):
        found = {int(m) for m in np.unique(reach[heavy, t]) if m}
        closed = set(found)
        while True:
            more = {a | b for a in closed for b in found} - closed
            if not more:
                break
            closed |= more
            if len(closed) > MAX_SETS:
                return None
        out.append(sorted(closed))
    return out


def add_passes(b: Builder, g: SupplyGroups, reach: Ints) -> Routes:
    """pass[g,t] >= 0 where g may pass some hub in month t (its routes have ``hub`` −1)."""
    group, month = (a.astype(np.int64) for a in np.nonzero(reach))
    start = b.add_columns("route", len(group))
    return Routes(start, group, np.full(len(group), -1, dtype=np.int64), month)


def add_hub_sets(b: Builder, p: Problem, g: SupplyGroups, r: Routes, reach: Ints,
                 sets: list[list[int]]) -> HubSets:
    """hubs[U,t]: Σ_{g: N_t(g) ⊆ U} weight_g / 1000 × pass[g,t] <= Σ_{h ∈ U} capacity_h."""
    month = np.array([t for t, masks in enumerate(sets) for _ in masks], dtype=np.int64)
    mask = np.array([m for masks in sets for m in masks], dtype=np.int64)
    members = (mask[:, None] >> np.arange(len(p.hubs))) & 1 == 1
    row0 = b.add_rows("hubs", (members * p.hub_capacity).sum(axis=1))
    tonnes = g.weight[r.group] / 1000
    bits = reach[r.group, r.month]
    first = np.searchsorted(month, np.arange(p.horizon + 1))
    for t in range(p.horizon):
        cols = np.flatnonzero((r.month == t) & (tonnes > 0))
        for i in range(first[t], first[t + 1]):
            inside = cols[(bits[cols] & ~mask[i]) == 0]
            b.add_entries(np.full(len(inside), row0 + i), r.start + inside, tonnes[inside])
    return HubSets(row0, members, month)


def add_funds(b: Builder, p: Problem, last: Ints) -> tuple[Makes, list[list[int]]]:
    """make[e,k,m] >= 0 where earmark group e allows k, m >= k's available month and the
    group's first pledge's, m + lead_k <= last(class k) < H and cap[k,m] > 0;
    producer[k,m]: Σ_e make[e,k,m] <= cap[k,m] = max(0, capacity_k − booked[k,m]);
    funds[e,j]: Σ_{k, a_j <= m < a_j+1} price_k × make[e,k,m] + spare[e,j] − spare[e,j−1]
    <= the money of e's pledges available in month a_j (what is not spent by a_j+1 is
    spared for later).
    """
    H = p.horizon
    earmarks, group_of = np.unique(p.pledge_producer, axis=0, return_inverse=True)
    group_of = group_of.reshape(-1)
    span = max(H, int(p.pledge_month.max(initial=0)) + 1)  # months may pass the horizon
    blocks, block_of = np.unique(group_of * span + p.pledge_month, return_inverse=True)
    money: Floats = np.bincount(block_of.reshape(-1), weights=p.pledge_amount,
                                minlength=len(blocks)).astype(np.float64)
    block_group = blocks // span
    first = np.full(len(earmarks), H, dtype=np.int64)
    np.minimum.at(first, block_group, blocks % span)
    m = np.arange(H)
    k_ok = m[None, :] + p.producer_lead[:, None] <= last[p.producer_class][:, None]
    k_ok &= (m[None, :] >= p.producer_month[:, None]) & (p.producer_cap > 0)
    mask = earmarks[:, :, None] & k_ok[None, :, :] & (m[None, None, :] >= first[:, None, None])
    group, producer, month = (a.astype(np.int64) for a in np.nonzero(mask))
    col0 = b.add_columns("make", len(group))
    cols = col0 + np.arange(len(group))
    cap_row0 = b.add_rows("producer", p.producer_cap.reshape(-1))
    b.add_entries(cap_row0 + producer * H + month, cols, 1.0)
    row0 = b.add_rows("funds", money)
    block = np.searchsorted(blocks, group * span + month, side="right") - 1
    b.add_entries(row0 + block, cols, p.producer_price[producer])
    spared = np.flatnonzero(block_group[1:] == block_group[:-1])
    spare0 = b.add_columns("spare", len(spared), integer=False)
    b.add_entries(row0 + spared, spare0 + np.arange(len(spared)), 1.0)
    b.add_entries(row0 + spared + 1, spare0 + np.arange(len(spared)), -1.0)
    order = np.lexsort((np.arange(len(group_of)), p.pledge_day, group_of))
    funders = [[] for _ in range(len(earmarks))]  # type: list[list[int]]
    for pledge in order.tolist():
        funders[group_of[pledge]].append(pledge)
    return Makes(col0, group, producer, month, month + p.producer_lead[producer]), funders
