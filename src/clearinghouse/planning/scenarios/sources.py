"""Who can supply each class — in kind (offers) or via funding (pledges that may buy from a
producer of the class) — and what replacing a lost single source would take."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.lifecycle import PLANNED_OFFERS
from clearinghouse.planning.plan import Plan


@dataclass(frozen=True, slots=True)
class Replacement:
    """A class only the lost donors supplied, and what would replace the units the plan loses
    on its needs: units, tonnes, and EUR at the cheapest producer's price (None: no producer)."""

    class_code: str
    capability: str
    donors: list[str]
    units: float
    tonnes: float
    eur: float | None


def class_donors(bundle: Bundle) -> dict[str, set[str]]:
    """Per class, the donors that offer it in kind or may fund a producer of it."""
    items = {i.code: i for i in bundle.items}
    out: dict[str, set[str]] = defaultdict(set)
    for o in bundle.offers:
        if o.status in PLANNED_OFFERS and o.item in items:
            out[items[o.item].class_code].add(o.donor)
    by_capability: dict[str, set[str]] = defaultdict(set)
    for i in bundle.items:
        by_capability[i.capability].add(i.class_code)
    for f in bundle.funding:
        for p in bundle.producers:
            if not f.earmark or f.earmark == p.class_code or (
                    p.class_code in by_capability.get(f.earmark, set())):
                out[p.class_code].add(f.donor)
    return dict(out)


def single_source(before: Bundle, donors: Collection[str], plan_before: Plan,
                  plan_after: Plan) -> list[Replacement]:
    """Classes that only ``donors`` supply (in kind or via funding), with their replacement."""
    was, lost = class_donors(before), set(donors)
    capability = {i.class_code: i.capability for i in sorted(before.items,
                                                              key=lambda i: i.capability,
                                                              reverse=True)}
    weights: dict[str, list[float]] = defaultdict(list)
    for i in before.items:
        weights[i.class_code].append(i.unit_weight_kg)
    prices: dict[str, float] = {}
    for p in before.producers:
        prices[p.class_code] = min(prices.get(p.class_code, p.unit_price_eur), p.unit_price_eur)
    out = []
    for cls in sorted(c for c in was if was[c] <= lost):
        units = 0.0
        for need in before.needs:
            if need.class_code == cls:
                a, b = plan_before.needs.get(need.ref), plan_after.needs.get(need.ref)
                units += max(0.0, (a.delivered if a else 0.0) - (b.delivered if b else 0.0))
        kg = sum(weights[cls]) / len(weights[cls]) if weights[cls] else 0.0
        price = prices.get(cls)
        out.append(Replacement(cls, capability.get(cls, "?"), sorted(was[cls]), units,
                               units * kg / 1000, None if price is None else units * price))
    return out
