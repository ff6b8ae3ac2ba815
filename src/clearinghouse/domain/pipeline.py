"""What shipments already hold, and the bundle a re-plan must still cover.

Re-planning rule (lost and returned units go back to planning):

* an offer keeps for planning its quantity less the units committed to shipments —
  open, delivered or lost. Returned units are back with the donor, so they become plannable
  again; lost units were spent (the donor gave them), so they do not;
* a need counts as held what was delivered plus what is still on its way; a loss lowers
  what is on its way, so the need's shortfall is planned again;
* a funding pledge keeps its amount less what its non-returned production costs.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.lifecycle import OfferStatus
from clearinghouse.domain.shipments import Shipment

TOL = 1e-9


def whole(units: float) -> int:
    """Whole units of a need from a sum of (possibly substituted) units."""
    return math.floor(units + TOL)


@dataclass(slots=True)
class Pipeline:
    """Per offer (or pledge) the units committed; per need the units received and in flight,
    in the need's own units."""

    committed: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    spent_units: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    received: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    in_flight: dict[str, float] = field(default_factory=lambda: defaultdict(float))


def pipeline(shipments: Iterable[Shipment]) -> Pipeline:
    """Sum what the shipments commit, deliver and still carry."""
    result = Pipeline()
    for s in shipments:
        kept = s.quantity - s.returned
        if s.producer is None:
            result.committed[s.offer] += kept
        else:
            result.spent_units[(s.offer, s.producer)] += kept
        for line in s.lines:
            result.received[line.need] += line.delivered * line.factor
            result.in_flight[line.need] += line.open * line.factor
    return result


def outstanding(bundle: Bundle, shipments: Iterable[Shipment]) -> Bundle:
    """The bundle as a re-plan sees it: only what the shipments do not already cover."""
    flow = pipeline(shipments)
    offers = []
    for offer in bundle.offers:
        left = offer.quantity - flow.committed.get(offer.ref, 0)
        if left <= 0 or offer.status is OfferStatus.DELIVERED:
            continue
        if left == offer.quantity:
            offers.append(offer)
            continue
        # A shipped offer with units back or never planned is plannable for what is left.
        status = (OfferStatus.ALLOCATED if offer.status is OfferStatus.SHIPPED
                  else offer.status)
        value = None if offer.value_eur is None else offer.value_eur * left / offer.quantity
        offers.append(replace(offer, quantity=left, status=status, value_eur=value))
    needs = []
    for need in bundle.needs:
        got = flow.received.get(need.ref, 0.0)
        coming = whole(got + flow.in_flight.get(need.ref, 0.0)) - whole(got)
        held = min(need.quantity, need.delivered + coming)
        needs.append(need if held == need.delivered else replace(need, delivered=held))
    price = {p.code: p.unit_price_eur for p in bundle.producers}
    spent: dict[str, float] = defaultdict(float)
    for (ref, producer), units in flow.spent_units.items():
        spent[ref] += units * price.get(producer, 0.0)
    funding = []
    for pledge in bundle.funding:
        left_eur = pledge.amount_eur - spent.get(pledge.ref, 0.0)
        if left_eur > TOL:
            funding.append(pledge if not spent.get(pledge.ref) else
                           replace(pledge, amount_eur=left_eur))
    return replace(bundle, offers=offers, needs=needs, funding=funding)
