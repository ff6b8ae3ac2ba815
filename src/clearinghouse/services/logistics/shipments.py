"""Shipment use cases: create them from an approved plan run, record their events — one
function per action for every interface: the API and the web pages pass the signed-in user,
the command line the database operator (``users.operator``).

Produced units (funded production in the recipient's own industry) pass no hub: they become
shipments straight from the producer to the destination, with ``hub`` empty, which skip the
``at-hub`` step. Receipts update the needs' fulfilment and the offers' status; see
:mod:`clearinghouse.domain.pipeline` for how lost and returned units go back to planning.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.lifecycle import NeedStatus, OfferStatus
from clearinghouse.domain.months import add_months, month_start
from clearinghouse.domain.needs import Need
from clearinghouse.domain.pipeline import pipeline, whole
from clearinghouse.domain.shipments import (
    EventKind,
    Shipment,
    ShipmentEvent,
    ShipmentLine,
    ShipmentStatus,
)
from clearinghouse.planning.plan import Allocation
from clearinghouse.services.errors import Conflict, NotFound, UserError
from clearinghouse.services.exchange.bundles import export_bundle
from clearinghouse.services.logistics.shipment_views import get_shipment, released, require_writer
from clearinghouse.services.records.users import User
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

#: Days from a hub to the destination (road and rail to the border region); also the days a
#: produced unit takes from the producer to its destination.
ONWARD_DAYS = 3
_SETTLING = (EventKind.DELIVERED, EventKind.LOST, EventKind.RETURNED)
_BEFORE_SHIPPED = (OfferStatus.OFFERED, OfferStatus.ACCEPTED, OfferStatus.ALLOCATED)


@dataclass(frozen=True, slots=True)
class RecordedEvent:
    shipment: Shipment
    event: ShipmentEvent
    needs_changed: list[str]
    offers_changed: list[str]


def create_shipments(engine: Engine, user: User, run_id: int, *,
                     onward_days: int = ONWARD_DAYS) -> list[Shipment]:
    """Turn an approved run's allocations into shipments, one per offer × hub × month
    (coordinators and logisticians). The shipments are made for the whole run, whoever
    asks; the answer holds those shown to the user."""
    require_writer(user, "create shipments")
    with SqlUnitOfWork(engine, user.name, writes=True) as uow:
        run = uow.plan_runs.require(run_id)
        if run.approved_at is None:
            raise UserError(f"plan run {run_id} is not approved: approve it first "
                            f"(clearinghouse plan approve {run_id})")
        if uow.shipments.list(run_id=run_id):
            raise Conflict(f"shipments of plan run {run_id} exist already")
        start = date.fromisoformat(run.settings["start"])
        made = build_shipments(export_bundle(uow), run_id, start,
                               uow.plan_runs.allocations(run_id), onward_days)
        uow.shipments.add_many(made)
        uow.commit()
    with SqlUnitOfWork(engine, user.name) as uow:
        shown = released(uow, user)
    return [s for s in made if shown.shows(s)]


def build_shipments(bundle: Bundle, run_id: int, start: date,
                    allocations: list[Allocation],
                    onward_days: int = ONWARD_DAYS) -> list[Shipment]:
    """Group allocations per offer (or pledge) × hub (or producer) × month into shipments."""
    needs = {n.ref: n for n in bundle.needs}
    offers = {o.ref: o for o in bundle.offers}
    items = {i.code: i for i in bundle.items}
    producers = {p.code: p for p in bundle.producers}
    factors = {(s.need_class, s.offer_class): s.factor for s in bundle.substitutes}
    transit = {(lane.origin, lane.hub): lane.transit_days for lane in bundle.lanes}
    groups: dict[tuple[str, str, int], list[Allocation]] = defaultdict(list)
    for a in allocations:
        groups[(a.offer, a.hub or a.producer or "", a.month)].append(a)
    made = []
    for (source, via, month), rows in sorted(groups.items()):
        rows.sort(key=lambda a: (needs[a.need].priority, needs[a.need].due, a.need))
        first = add_months(month_start(start), month)
        if rows[0].hub is not None:
            offer = offers[source]
            moved = offer.item
            moved_class = items[offer.item].class_code
            departs = max(first, offer.available)
            at_hub: date | None = departs + timedelta(days=transit.get((offer.origin, via), 0))
            arrives = (at_hub or departs) + timedelta(days=onward_days)
        else:
            moved = moved_class = producers[via].class_code
            departs, at_hub, arrives = first, None, first + timedelta(days=onward_days)
        lines = [ShipmentLine(a.need, a.quantity, 1.0 if needs[a.need].class_code == moved_class
                              else factors[(needs[a.need].class_code, moved_class)])
                 for a in rows]
        made.append(Shipment(
            ref=f"S{run_id}-{source}-{via}-M{month:02d}", run_id=run_id, offer=source,
            hub=rows[0].hub, producer=rows[0].producer, month=month, item=moved,
            destination=";".join(sorted({needs[a.need].destination for a in rows})),
            tonnes=sum(a.tonnes for a in rows), departs=departs, at_hub=at_hub,
            arrives=arrives, lines=lines))
    return made


def record_event(engine: Engine, user: User, ref: str, kind: EventKind, *,
                 quantity: int | None = None, at: datetime | None = None, note: str = "",
                 expected_version: int | None = None) -> RecordedEvent:
    """Record one event of a shipment shown to the user (coordinators and logisticians);
    receipts and write-offs update needs and offers.

    ``at`` without a time zone is UTC (default: now); a stale ``expected_version`` or an
    event the shipment's state refuses is a :class:`Conflict`.
    """
    get_shipment(engine, user, ref)  # a hidden shipment is not found, before any role talk
    require_writer(user, "record shipment events")
    if at is not None and at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    with SqlUnitOfWork(engine, user.name, writes=True) as uow:
        stored = uow.shipments.get_by_ref(ref)
        if stored is None:
            raise NotFound(f"shipment {ref} does not exist")
        if expected_version is not None and stored.version != expected_version:
            raise Conflict(f"shipment {ref} is at version {stored.version}, not "
                           f"{expected_version}: it changed since it was read")
        others = [s.shipment for s in uow.shipments.list() if s.shipment.ref != ref]
        shipment = stored.shipment
        before = copy.deepcopy(shipment)
        try:
            event = shipment.record(kind, at or datetime.now(UTC), quantity, note)
            uow.shipments.record(shipment, event, expected_version=stored.version)
            needs = _update_needs(uow, before, shipment, others) if kind in _SETTLING else []
            offers = _update_offer(uow, shipment, others)
        except DomainError as e:
            raise Conflict(str(e)) from e
        uow.commit()
    return RecordedEvent(shipment, event, needs, offers)


def _update_needs(uow: SqlUnitOfWork, before: Shipment, after: Shipment,
                  others: list[Shipment]) -> list[str]:
    old, new = pipeline([*others, before]), pipeline([*others, after])
    changed = []
    for ref in sorted({line.need for line in after.lines}):
        stored = uow.needs.get_by_ref(ref)
        if stored is None:
            continue
        need = stored.record
        gained = whole(new.received[ref]) - whole(old.received[ref])
        delivered = min(need.quantity, need.delivered + gained)
        status, held = need.status, need.delivered
        _follow(need, delivered)
        if (need.status, need.delivered) != (status, held):
            uow.needs.transition(need, expected_version=stored.version)
            changed.append(ref)
    return changed


def _follow(need: Need, delivered: int) -> None:
    """Delivered units, and the status they give (SPEC §2: units on their way are not
    delivered, so they never make a need partially-met or met)."""
    if need.status in (NeedStatus.DRAFT, NeedStatus.CLOSED, NeedStatus.CANCELLED):
        need.delivered = delivered
        return
    if need.status is NeedStatus.VALIDATED:
        need.move_to(NeedStatus.OPEN)
    need.record_fulfilment(delivered)


def _update_offer(uow: SqlUnitOfWork, shipment: Shipment, others: list[Shipment]) -> list[str]:
    if shipment.producer is not None:
        return []  # produced units belong to a funding pledge, which has no status
    stored = uow.offers.get_by_ref(shipment.offer)
    if stored is None:
        return []
    offer = stored.record
    before = offer.status
    mine = [s for s in others if s.offer == offer.ref and s.producer is None] + [shipment]
    if shipment.status is not ShipmentStatus.PLANNED and offer.status in _BEFORE_SHIPPED:
        # An offer loaded onto a shipment is shipped, whatever step it had reached.
        for step in _BEFORE_SHIPPED[_BEFORE_SHIPPED.index(offer.status) + 1:]:
            offer.move_to(step)
        offer.move_to(OfferStatus.SHIPPED)
    committed = pipeline(mine).committed[offer.ref]
    delivered = sum(s.delivered for s in mine)
    if (offer.status is OfferStatus.SHIPPED and all(s.closed for s in mine)
            and committed >= offer.quantity and delivered > 0):
        offer.move_to(OfferStatus.DELIVERED)
    if offer.status is before:
        return []
    uow.offers.transition(offer, expected_version=stored.version)
    return [offer.ref]
