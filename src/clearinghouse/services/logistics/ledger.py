"""The ledger: per donor, capability and funding instrument, what went from pledged to
delivered, in units, EUR and tonnes, for in-kind offers and funded production alike.

Stages (each counts units, EUR at the offer's value pro rata or the producer's price, and
tonnes at the item's unit weight — in-kind units only: funded production never passes a
hub, so its tonnes stay 0):

* ``pledged`` — every offer's quantity; a funding pledge's amount (its units are not known
  until it buys some, so 0 units);
* ``accepted`` — offers accepted or further along; a funding pledge counts as accepted when
  made (it has no acceptance step);
* ``allocated`` — units on shipments, less returned ones, plus the allocations of the latest
  approved run that has no shipments yet;
* ``shipped`` — units on shipments that left their origin (loaded or further), less
  returned ones; lost units count as shipped;
* ``delivered`` — units received.

A funded pledge's ``pledged``/``accepted`` go to its earmarked capability (``any`` without
an earmark); its production goes to the capability of the class produced.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.lifecycle import OfferStatus
from clearinghouse.domain.shipments import Shipment, ShipmentStatus
from clearinghouse.planning.plan import Allocation

STAGES = ("pledged", "accepted", "allocated", "shipped", "delivered")
IN_KIND, FUNDED = "in-kind", "funded"
UNSPECIFIED = "unspecified"
_ACCEPTED = frozenset({OfferStatus.ACCEPTED, OfferStatus.ALLOCATED, OfferStatus.SHIPPED,
                       OfferStatus.DELIVERED})


@dataclass(slots=True)
class Amount:
    units: int = 0
    eur: float = 0.0
    tonnes: float = 0.0

    def add(self, units: int, eur: float, tonnes: float = 0.0) -> None:
        self.units += units
        self.eur += eur
        self.tonnes += tonnes


@dataclass(slots=True)
class LedgerRow:
    donor: str
    capability: str
    instrument: str
    source: str  # in-kind or funded
    stages: dict[str, Amount] = field(
        default_factory=lambda: {stage: Amount() for stage in STAGES})


Key = tuple[str, str, str, str]
#: A ledger row's key and what one unit is worth: (EUR, tonnes).
Priced = tuple[Key, float, float]


def ledger(bundle: Bundle, shipments: Iterable[Shipment],
           pending: Sequence[Allocation] = ()) -> list[LedgerRow]:
    """Ledger rows sorted by donor, capability, instrument and source."""
    rows: dict[Key, LedgerRow] = {}

    def row(key: Key) -> LedgerRow:
        if key not in rows:
            rows[key] = LedgerRow(*key)
        return rows[key]

    capability = {i.class_code: i.capability for i in bundle.items}
    item_capability = {i.code: i.capability for i in bundle.items}
    item_tonnes = {i.code: i.unit_weight_kg / 1000 for i in bundle.items}
    offers = {o.ref: o for o in bundle.offers}
    pledges = {f.ref: f for f in bundle.funding}
    producers = {p.code: p for p in bundle.producers}
    capabilities = set(item_capability.values())

    def offer_key(ref: str) -> Priced:
        o = offers[ref]
        per_unit = (o.value_eur or 0.0) / o.quantity
        return (o.donor, item_capability.get(o.item, UNSPECIFIED), o.funding or UNSPECIFIED,
                IN_KIND), per_unit, item_tonnes.get(o.item, 0.0)

    def produced_key(ref: str, producer: str) -> Priced:
        f, p = pledges[ref], producers[producer]
        return (f.donor, capability.get(p.class_code, p.class_code), f.instrument,
                FUNDED), p.unit_price_eur, 0.0

    def key_of(ref: str, producer: str | None) -> Priced:
        return offer_key(ref) if producer is None else produced_key(ref, producer)

    for o in bundle.offers:
        key, per_unit, per_t = offer_key(o.ref)
        row(key).stages["pledged"].add(o.quantity, o.quantity * per_unit, o.quantity * per_t)
        if o.status in _ACCEPTED:
            row(key).stages["accepted"].add(o.quantity, o.quantity * per_unit,
                                            o.quantity * per_t)
    for f in bundle.funding:
        earmark = f.earmark or "any"
        target = earmark if earmark in capabilities else capability.get(earmark, earmark)
        for stage in ("pledged", "accepted"):
            row((f.donor, target, f.instrument, FUNDED)).stages[stage].add(0, f.amount_eur)
    for s in shipments:
        key, per_unit, per_t = key_of(s.offer, s.producer)
        kept = s.quantity - s.returned
        stages = row(key).stages
        stages["allocated"].add(kept, kept * per_unit, kept * per_t)
        if s.status is not ShipmentStatus.PLANNED:
            stages["shipped"].add(kept, kept * per_unit, kept * per_t)
        stages["delivered"].add(s.delivered, s.delivered * per_unit, s.delivered * per_t)
    for a in pending:
        key, per_unit, per_t = key_of(a.offer, a.producer)
        row(key).stages["allocated"].add(a.quantity, a.quantity * per_unit, a.quantity * per_t)
    return [rows[k] for k in sorted(rows)]


def stage_shares(rows: Iterable[LedgerRow],
                 stage: str = "allocated") -> dict[str, dict[str, float]]:
    """Per capability, each donor's share of the units at ``stage`` (shares sum to 1)."""
    units: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in rows:
        units[r.capability][r.donor] += r.stages[stage].units
    shares: dict[str, dict[str, float]] = {}
    for cap, by_donor in sorted(units.items()):
        total = sum(by_donor.values())
        if total:
            shares[cap] = {d: u / total for d, u in sorted(by_donor.items()) if u}
    return shares


def totals(rows: Iterable[LedgerRow], by: str = "donor") -> dict[str, dict[str, Amount]]:
    """Stage amounts summed per ``donor``, ``capability``, ``instrument`` or ``source``."""
    summed: dict[str, dict[str, Amount]] = {}
    for r in rows:
        cell = summed.setdefault(getattr(r, by), {stage: Amount() for stage in STAGES})
        for stage, amount in r.stages.items():
            cell[stage].add(amount.units, amount.eur, amount.tonnes)
    return dict(sorted(summed.items()))
