"""Why a need is not fully met: the first of these that holds, from the model's own data.

1. ``no-compatible-offer``: no offer of its class or a substitute can reach any hub (there
   is none, or no lane leads from its origin to a hub), and no pledge may fund a producer of
   such a class;
2. ``caveat``: compatible offers exist and lanes reach hubs, but every such hub is forbidden
   by the donor's territory caveat (and no production can be funded);
3. ``too-late``: compatible supply exists and may use hubs, but none can pass an open hub
   (or be delivered by a producer) by due + cut-off, inside the horizon;
4. ``hub-capacity``: a hub-month it could use is binding — its capacity row has a positive
   dual in the value LP (for a plan without an LP: less than one unit's weight is left);
5. ``outbid-by-higher-priority``: otherwise — the supply it could use went to other needs
   (offers, producer capacity or pledge money exhausted).
"""

from __future__ import annotations

import numpy as np

from clearinghouse.planning.groups import last_useful_month, usable_offers
from clearinghouse.planning.problem import Bools, Floats, Problem

BINDING = 1e-9


def explain(p: Problem, unmet: Bools, hub_tonnes: Floats,
            hub_duals: Floats | None) -> list[str | None]:
    """A reason for each need flagged ``unmet``, None for the others."""
    out: list[str | None] = [None] * len(p.need_ref)
    if not unmet.any():
        return out
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
    for c, r, a in {(int(c), int(r), int(a)) for c, r, a in zip(
            p.offer_class[usable], p.offer_route[usable], p.offer_month[usable], strict=True)}:
        reach[c] |= p.route_allowed[r][:, None] & p.hub_open & (t >= a)[None, :]
    np.minimum.at(lightest, p.offer_class[usable], p.offer_weight[usable] / 1000)
    never = np.iinfo(np.int64).max
    made_by = np.full(C, never, dtype=np.int64)  # earliest delivery month of funded production
    for k in range(len(p.producer_code)):
        funders = p.pledge_month[p.pledge_producer[:, k]]
        if len(funders):
            first = max(int(p.producer_month[k]), int(funders.min())) + int(p.producer_lead[k])
            made_by[p.producer_class[k]] = min(int(made_by[p.producer_class[k]]), first)
    capacity = p.hub_capacity[:, None] * p.hub_open
    for n in np.flatnonzero(unmet).tolist():
        classes = [c for c, _ in p.compatible(int(p.need_class[n]))]
        last = min(int(p.need_due[n]) + p.settings.late_cutoff_months, H - 1)
        fundable = any(made_by[c] < never for c in classes)
        if not fundable and not any(routed[c] for c in classes):
            caveat = any(exists[c] and blocked[c] for c in classes)
            out[n] = "caveat" if caveat else "no-compatible-offer"
            continue
        window = np.zeros((len(p.hubs), H), dtype=bool)
        for c in classes:
            window |= reach[c]
        window[:, last + 1:] = False
        if not window.any() and not any(made_by[c] <= last for c in classes):
            out[n] = "too-late"
        elif hub_duals is not None:
            binding = hub_duals.reshape(len(p.hubs), H) > BINDING
            out[n] = "hub-capacity" if (binding & window).any() else "outbid-by-higher-priority"
        else:
            unit = min(float(lightest[c]) for c in classes)
            full = capacity - hub_tonnes < max(unit, BINDING)
            out[n] = "hub-capacity" if (full & window).any() else "outbid-by-higher-priority"
    return out
