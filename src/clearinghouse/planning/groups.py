"""Interchangeable supply and demand: offer groups with arrival blocks, and need slots.

Offers of the same item on the same route (same allowed hubs at the same cost per tonne)
differ only in when they become available, so they form one *supply group* whose units
arrive in *blocks* (one per distinct available month). For value alone, offers of the same
item whose routes allow the same hubs are interchangeable too; grouping by that coarser key
(``by_cost=False``) gives a much smaller model with the same value optimum, and carries the
members' mean cost per tonne as the group's cost. A *need slot* is one way a need can
be served: a compatible class, and either on time (drawing on the class's units that passed
a hub by its due month) or ``late`` months late (by month due + late).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from clearinghouse.planning.problem import Bools, Floats, Ints, Problem


@dataclass(frozen=True, eq=False, slots=True)
class SupplyGroups:
    """Groups ``g`` (item, route) with units arriving in blocks ``b`` sorted by (group, month)."""

    item: Ints
    allowed: Bools
    cost: Floats
    cls: Ints
    weight: Floats
    first: Ints
    block_group: Ints
    block_month: Ints
    block_qty: Floats
    offers: Ints
    offer_start: Ints

    @property
    def count(self) -> int:
        return len(self.item)

    def members(self, g: int) -> Ints:
        """Offer indices of group ``g``, by available month then ref."""
        return self.offers[self.offer_start[g]:self.offer_start[g + 1]]


@dataclass(frozen=True, eq=False, slots=True)
class NeedSlots:
    """Slots ``s``: need, class it takes, factor, pool month drawn from, months late, value/unit."""

    need: Ints
    cls: Ints
    factor: Floats
    month: Ints
    late: Ints
    value: Floats


def last_useful_month(p: Problem) -> Ints:
    """Per class: the last month a unit of it could still reach a need (−1: none can use it)."""
    deadline = np.minimum(p.need_due + p.settings.late_cutoff_months, p.horizon - 1)
    by_need_class = np.full(len(p.classes), -1, dtype=np.int64)
    np.maximum.at(by_need_class, p.need_class, deadline)
    out = np.full(len(p.classes), -1, dtype=np.int64)
    np.maximum.at(out, p.sub_offer, by_need_class[p.sub_need])
    return out


def usable_offers(p: Problem, last: Ints) -> Bools:
    """Offers that could pass some hub in some month before the last useful month of their class."""
    reach = p.route_allowed.astype(np.int64) @ p.hub_open.astype(np.int64) > 0  # [route, t]
    latest = np.where(reach.any(axis=1), p.horizon - 1 - np.argmax(reach[:, ::-1], axis=1), -1)
    if not len(p.offer_ref):
        return np.zeros(0, dtype=np.bool_)
    end = np.minimum(last[p.offer_class], latest[p.offer_route])
    return p.offer_month <= end


def route_group_count(p: Problem) -> int:
    """How many groups ``supply_groups(p)`` has: usable offers' distinct (item, route)."""
    keep = np.flatnonzero(usable_offers(p, last_useful_month(p)))
    key = p.offer_item[keep] * max(1, len(p.route_allowed)) + p.offer_route[keep]
    return len(np.unique(key))


def supply_groups(p: Problem, *, by_cost: bool = True, by_item: bool = False) -> SupplyGroups:
    """Group the usable offers by (item, route) — or (item, allowed hubs) unless ``by_cost``,
    or by item alone when ``by_item`` —; blocks sum their units per available month.

    A group by item may hold offers whose routes allow different hubs: its ``allowed`` is
    their union (the pooled model of pooled.py relaxes the hub choice that way).
    """
    keep = np.flatnonzero(usable_offers(p, last_useful_month(p)))
    if by_item:
        route_key = np.zeros(len(p.route_allowed), dtype=np.int64)
    elif by_cost:
        route_key = np.arange(len(p.route_allowed))
    else:
        route_key = (np.unique(p.route_allowed, axis=0, return_inverse=True)[1].reshape(-1)
                     if p.route_allowed.size else np.zeros(len(p.route_allowed), np.int64))
    n_routes = max(1, len(p.route_allowed))
    key = p.offer_item[keep] * n_routes + route_key[p.offer_route[keep]]
    order = keep[np.lexsort((keep, p.offer_month[keep], key))]
    key = p.offer_item[order] * n_routes + route_key[p.offer_route[order]]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else _ints()
    group_of = np.cumsum(np.r_[True, key[1:] != key[:-1]]) - 1 if len(key) else _ints()
    heads = order[starts]
    H = p.horizon
    block_key = group_of * H + p.offer_month[order]
    block_heads = np.flatnonzero(np.r_[True, block_key[1:] != block_key[:-1]]) \
        if len(key) else _ints()
    qty = p.offer_qty[order].astype(np.float64)
    group_qty = np.add.reduceat(qty, starts) if len(key) else _floats()
    route_cost = p.route_cost[p.offer_route[order]] * qty[:, None]
    cost = (np.add.reduceat(route_cost, starts, axis=0) / group_qty[:, None]
            if len(key) and len(p.hubs) else np.zeros((len(heads), len(p.hubs))))
    allowed = p.route_allowed[p.offer_route[order]].reshape(len(order), len(p.hubs))
    if len(key):  # every member's hubs: one row per group (the same row unless by item)
        allowed = np.logical_or.reduceat(allowed, starts, axis=0)
    return SupplyGroups(
        item=p.offer_item[heads], allowed=allowed.reshape(len(heads), len(p.hubs)),
        cost=cost.reshape(len(heads), len(p.hubs)),
        cls=p.offer_class[heads],
        weight=p.offer_weight[heads], first=p.offer_month[heads],
        block_group=group_of[block_heads], block_month=p.offer_month[order][block_heads],
        block_qty=np.add.reduceat(qty, block_heads) if len(key) else _floats(),
        offers=order, offer_start=np.r_[starts, len(order)].astype(np.int64),
    )


def need_slots(p: Problem, earliest: Ints) -> NeedSlots:
    """Every (need, compatible class, lateness) a delivery may take, given each class's
    earliest possible arrival month ``earliest`` (a large number: never)."""
    H, cutoff, decay = p.horizon, p.settings.late_cutoff_months, p.settings.decay
    due = np.minimum(p.need_due, H - 1)
    parts: list[tuple[Ints, Ints, Floats, Ints, Ints]] = [(_ints(), _ints(), _floats(),
                                                           _ints(), _ints())]
    for need_class, offer_class, f in zip(p.sub_need.tolist(), p.sub_offer.tolist(),
                                          p.sub_factor.tolist(), strict=True):
        needs = np.flatnonzero((p.need_class == need_class) & (p.need_room > 0))
        for lateness in range(cutoff + 1):
            when = due[needs] if lateness == 0 else p.need_due[needs] + lateness
            ok = (when < H) & (when >= earliest[offer_class])
            n = needs[ok]
            parts.append((n, np.full(len(n), offer_class), np.full(len(n), f), when[ok],
                          np.full(len(n), lateness)))
    need = np.concatenate([q[0] for q in parts]).astype(np.int64)
    cls = np.concatenate([q[1] for q in parts]).astype(np.int64)
    factor = np.concatenate([q[2] for q in parts]).astype(np.float64)
    month = np.concatenate([q[3] for q in parts]).astype(np.int64)
    late = np.concatenate([q[4] for q in parts]).astype(np.int64)
    order = np.lexsort((late, cls, need))
    need, cls, late, month, factor = (need[order], cls[order], late[order], month[order],
                                      factor[order])
    value = p.need_unit_value[need] * factor * decay ** late.astype(np.float64)
    return NeedSlots(need=need, cls=cls, factor=factor, month=month, late=late, value=value)


def _ints() -> Ints:
    return np.zeros(0, dtype=np.int64)


def _floats() -> Floats:
    return np.zeros(0, dtype=np.float64)


def earliest_arrival(p: Problem, groups: SupplyGroups) -> Ints:
    """Per class: a month no unit of it can reach a pool before (``horizon``: never)."""
    out = np.full(len(p.classes), p.horizon, dtype=np.int64)
    np.minimum.at(out, groups.cls, groups.first)
    for k in range(len(p.producer_code)):
        funders = p.pledge_month[p.pledge_producer[:, k]]
        if len(funders):
            made = max(int(p.producer_month[k]), int(funders.min())) + int(p.producer_lead[k])
            c = int(p.producer_class[k])
            out[c] = min(int(out[c]), made)
    return out
