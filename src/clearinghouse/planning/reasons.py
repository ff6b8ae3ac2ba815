"""Why a need is not fully met: the first of these that holds, from the model's own data.

1. ``no-compatible-offer``: no offer of its class or a substitute can reach any hub (there
   is none, or no lane leads from its origin to a hub), and no pledge may fund a producer of
   such a class;
2. ``caveat``: compatible offers exist and lanes reach hubs, but every such hub is forbidden
   by the donor's territory caveat (and no production can be funded);
3. ``too-late``: compatible supply exists and may use hubs, but none can pass an open hub
   (or be made in a month its producer has capacity left and delivered) by due + cut-off,
   inside the horizon;
4. ``hub-capacity``: a hub-month it could use is binding — its capacity row has a positive
   dual in the value LP (for a plan without an LP: less than one unit's weight is left);
5. ``outbid-by-higher-priority``: otherwise — the supply it could use went to other needs
   (offers, producer capacity or pledge money exhausted).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from clearinghouse.planning.groups import last_useful_month, usable_offers
from clearinghouse.planning.problem import Bools, Floats, Ints, Problem, per_problem

BINDING = 1e-9
NEVER = np.iinfo(np.int64).max


@dataclass(frozen=True, eq=False, slots=True)
class Supply:
    """Per class: whether offers exist, reach a hub, are blocked by a caveat; the lightest
    usable unit (tonnes); the hub-months usable offers could pass; the first month funded
    production could deliver (int64 max: never)."""

    exists: Bools
    routed: Bools
    blocked: Bools
    lightest: Floats
    reach: Bools
    made_by: Ints


@per_problem
def supply(p: Problem) -> Supply:
    """What each class could get, whatever the plan (the plan-free half of :func:`explain`)."""
    H, C = p.horizon, len(p.classes)
    t = np.arange(H)
    usable = usable_offers(p, last_useful_month(p))
    exists = np.zeros(C, dtype=bool)
    routed = np.zeros(C, dtype=bool)
    blocked = np.zeros(C, dtype=bool)
    lightest = np.full(C, np.inf)
    reach = np.zeros((C, len(p.hubs), H), dtype=bool)  # class → hub-months an offer could use
    np.logical_or.at(exists, p.offer_class, True)
    np.logical_or.at(routed, p.offer_class, p.route_allowed[p.offer_route].any(axis=1))
    np.logical_or.at(blocked, p.offer_class, p.route_caveat[p.offer_route].any(axis=1))
    # a class reaches the hub-months its usable offers' routes allow from their month on
    key = p.offer_class[usable] * max(1, len(p.route_allowed)) + p.offer_route[usable]
    pairs, which = np.unique(key, return_inverse=True)
    earliest = np.full(len(pairs), H, dtype=np.int64)
    np.minimum.at(earliest, which.reshape(-1), p.offer_month[usable])
    for k, a in zip(pairs.tolist(), earliest.tolist(), strict=True):
        c, r = divmod(k, max(1, len(p.route_allowed)))
        reach[c] |= p.route_allowed[r][:, None] & p.hub_open & (t >= a)[None, :]
    np.minimum.at(lightest, p.offer_class[usable], p.offer_weight[usable] / 1000)
    made_by = np.full(C, NEVER, dtype=np.int64)  # earliest delivery month of funded production
    for k in range(len(p.producer_code)):
        funders = p.pledge_month[p.pledge_producer[:, k]]
        if len(funders):
            first = _first_making_month(p, k, max(int(p.producer_month[k]), int(funders.min())))
            delivered = first + int(p.producer_lead[k])
            made_by[p.producer_class[k]] = min(int(made_by[p.producer_class[k]]), delivered)
    return Supply(exists, routed, blocked, lightest, reach, made_by)


def _first_making_month(p: Problem, k: int, start: int) -> int:
    """The first month from ``start`` on in which producer k has capacity left (horizon:
    none, all of it booked)."""
    left = np.flatnonzero(p.producer_cap[k, start:] > 0)
    return start + int(left[0]) if len(left) else max(start, p.horizon)


def explain(p: Problem, unmet: Bools, hub_tonnes: Floats,
            hub_duals: Floats | None) -> list[str | None]:
    """A reason for each need flagged ``unmet``, None for the others."""
    out: list[str | None] = [None] * len(p.need_ref)
    if not unmet.any():
        return out
    H = p.horizon
    s = supply(p)
    capacity = p.hub_capacity[:, None] * p.hub_open
    binding = (hub_duals.reshape(len(p.hubs), H) > BINDING) if hub_duals is not None else None
    last = np.minimum(p.need_due + p.settings.late_cutoff_months, H - 1)
    needs = np.flatnonzero(unmet)
    # the reason depends on the need's class and last month only
    cases, case = np.unique(p.need_class[needs] * H + last[needs], return_inverse=True)
    found = [_reason(p, k // H, k % H, s, binding, capacity - hub_tonnes)
             for k in cases.tolist()]
    for n, i in zip(needs.tolist(), case.reshape(-1).tolist(), strict=True):
        out[n] = found[i]
    return out


def _reason(p: Problem, need_class: int, last: int, s: Supply, binding: Bools | None,
            room: Floats) -> str:
    """The reason for a need of ``need_class`` whose deliveries must come by ``last``."""
    classes = [c for c, _ in p.compatible(need_class)]
    fundable = any(s.made_by[c] < NEVER for c in classes)
    if not fundable and not any(s.routed[c] for c in classes):
        return "caveat" if any(s.exists[c] and s.blocked[c] for c in classes) \
            else "no-compatible-offer"
    window: Bools = np.any(s.reach[classes], axis=0)
    window[:, last + 1:] = False
    if not window.any() and not any(s.made_by[c] <= last for c in classes):
        return "too-late"
    if binding is None:
        unit = min(float(s.lightest[c]) for c in classes)
        binding = room < max(unit, BINDING)
    return "hub-capacity" if (binding & window).any() else "outbid-by-higher-priority"
