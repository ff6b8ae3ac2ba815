"""Shipments as a user's nation may see them, and the logistics reports over what it may see.

Releasability rule: a shipment is shown to a nation only when its source — the offer, or for
produced units the funding pledge — *and the need of every one of its lines* are released to
that nation (an offer also shows to its own donor). A shipment with one hidden line is hidden
whole: its quantity, tonnes, destination and events all add up over every line, so showing it
with the hidden line cut out would still give the hidden need away. A hidden shipment answers
like one that does not exist, and the hub throughput and the ledger count only shown
shipments, the records released to the nation, and the pending allocations whose need and
source are released to it.

The writes (creating a run's shipments, recording events: :mod:`.shipments`) are for
coordinators and logisticians. The database operator (``users.operator``) sees everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine

from clearinghouse.adapters.db.listing import visible_records
from clearinghouse.adapters.db.shipments import StoredEvent, StoredShipment
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.logistics import HubMonthLoad
from clearinghouse.domain.shipments import Shipment, ShipmentStatus
from clearinghouse.planning.plan import Allocation
from clearinghouse.services.errors import NotFound, UserError
from clearinghouse.services.exchange.uploads import visible_bundle
from clearinghouse.services.logistics.facts import LogisticsFacts, read_facts, throughput
from clearinghouse.services.logistics.ledger import Amount, ledger, totals
from clearinghouse.services.records.records import Forbidden
from clearinghouse.services.records.resources import AUDIT_READERS, owner_of
from clearinghouse.services.records.users import Role, User
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

#: Roles that create shipments and record their events.
WRITERS = frozenset({Role.COORDINATOR, Role.LOGISTICIAN})
#: Roles that see who recorded an event (as they may read the audit log, or keep the log).
ACTOR_READERS = AUDIT_READERS | {Role.LOGISTICIAN}
#: Ledger groupings: the query word → the ledger row's field.
LEDGER_BY = {"donor": "donor", "capability": "capability", "funding": "instrument"}


@dataclass(frozen=True, slots=True)
class Released:
    """The refs of needs, offers and funding pledges released to one nation."""

    needs: frozenset[str]
    offers: frozenset[str]
    funding: frozenset[str]
    everything: bool = False  # the operator's whole view

    @classmethod
    def of_bundle(cls, bundle: Bundle) -> Released:
        return cls(frozenset(n.ref for n in bundle.needs),
                   frozenset(o.ref for o in bundle.offers),
                   frozenset(f.ref for f in bundle.funding))

    def shows(self, shipment: Shipment) -> bool:
        """True when the shipment's source and every line's need are released."""
        if self.everything:
            return True
        source = self.offers if shipment.producer is None else self.funding
        return (shipment.offer in source
                and all(line.need in self.needs for line in shipment.lines))

    def shows_allocation(self, allocation: Allocation) -> bool:
        """True when the allocation's need and source (offer or pledge) are released."""
        if self.everything:
            return True
        source = self.offers if allocation.producer is None else self.funding
        return allocation.need in self.needs and allocation.offer in source


@dataclass(frozen=True, slots=True)
class ShipmentDetail:
    stored: StoredShipment
    events: list[StoredEvent]


def _refs(uow: SqlUnitOfWork, sheet: str, nation: str) -> frozenset[str]:
    records = visible_records(uow.connection, sheet, nation, owner_of(sheet))
    return frozenset(r.ref for r in records)


def released(uow: SqlUnitOfWork, user: User) -> Released:
    """What the user's nation may see of needs, offers and pledges, in this transaction."""
    if user.whole_view:
        return Released(frozenset(), frozenset(), frozenset(), everything=True)
    return Released(_refs(uow, "needs", user.nation), _refs(uow, "offers", user.nation),
                    _refs(uow, "funding", user.nation))


def list_shipments(engine: Engine, user: User, *, run: int | None = None,
                   hub: str | None = None, status: ShipmentStatus | None = None,
                   offer: str | None = None) -> list[StoredShipment]:
    """The shipments shown to the user's nation that match every filter given, in order."""
    with SqlUnitOfWork(engine, user.name) as uow:
        shown = released(uow, user)
        found = uow.shipments.list(run_id=run)
    return [s for s in found if shown.shows(s.shipment)
            and (hub is None or s.shipment.hub == hub)
            and (status is None or s.shipment.status is status)
            and (offer is None or s.shipment.offer == offer)]


def donors(engine: Engine, user: User) -> dict[str, str]:
    """The donor of each offer and funding pledge the user's nation may see, by ref."""
    nation = None if user.whole_view else user.nation
    with SqlUnitOfWork(engine, user.name) as uow:
        return {r.ref: r.donor for sheet in ("offers", "funding")
                for r in visible_records(uow.connection, sheet, nation, owner_of(sheet))}


def get_shipment(engine: Engine, user: User, ref: str) -> ShipmentDetail:
    """One shipment with its events; a hidden one is :class:`NotFound` like a missing one."""
    with SqlUnitOfWork(engine, user.name) as uow:
        stored = uow.shipments.get_by_ref(ref)
        if stored is None or not released(uow, user).shows(stored.shipment):
            raise NotFound(f"shipment {ref} does not exist")
        events = uow.shipments.events(ref)
    return ShipmentDetail(stored, events)


def approved_without_shipments(engine: Engine) -> list[int]:
    """Approved plan runs that have no shipments yet, newest first."""
    with SqlUnitOfWork(engine, "report") as uow:
        shipped = {s.shipment.run_id for s in uow.shipments.list()}
        return [r.id for r in uow.plan_runs.list()
                if r.approved_at is not None and r.id not in shipped]


def may_write(user: User) -> bool:
    """True when the user's role creates shipments and records their events."""
    return user.role in WRITERS


def require_writer(user: User, what: str) -> None:
    """Refuse ``what`` to a user whose role does not write shipments."""
    if not may_write(user):
        raise Forbidden(f"a {user.role} may not {what}; coordinators and logisticians may")


def visible_facts(engine: Engine, user: User) -> LogisticsFacts:
    """The logistics facts over what the user's nation may see (see the module's rule)."""
    bundle = visible_bundle(engine, user)
    shown = Released.of_bundle(bundle)
    with SqlUnitOfWork(engine, user.name) as uow:
        return read_facts(uow, bundle, shows=shown.shows,
                          shows_allocation=shown.shows_allocation)


def hub_throughput_report(engine: Engine, user: User, *,
                          today: date) -> tuple[list[HubMonthLoad], list[str]]:
    """Planned and actual tonnes per hub and month against capacity, and warnings."""
    return throughput(visible_facts(engine, user), today=today)


def ledger_report(engine: Engine, user: User, by: str) -> dict[str, dict[str, Amount]]:
    """Ledger stages (units and EUR) summed per donor, capability or funding instrument."""
    if by not in LEDGER_BY:
        raise UserError(f"ledger by {by!r}: must be one of {', '.join(LEDGER_BY)}")
    facts = visible_facts(engine, user)
    return totals(ledger(facts.bundle, facts.shipments, facts.pending), LEDGER_BY[by])


def event_actor(user: User, event: StoredEvent) -> str | None:
    """Who recorded the event, for the roles that may know it."""
    return event.actor if user.role in ACTOR_READERS else None


def as_plain(shipment: Shipment) -> dict[str, Any]:
    """The shipment's fields as plain values, with its open units."""
    return {"ref": shipment.ref, "run_id": shipment.run_id, "offer": shipment.offer,
            "hub": shipment.hub, "producer": shipment.producer, "month": shipment.month,
            "item": shipment.item, "destination": shipment.destination,
            "quantity": shipment.quantity, "tonnes": shipment.tonnes,
            "departs": shipment.departs, "at_hub": shipment.at_hub,
            "arrives": shipment.arrives, "status": shipment.status,
            "delivered": shipment.delivered, "lost": shipment.lost,
            "returned": shipment.returned, "open": shipment.open,
            "last_event_at": shipment.last_event_at,
            "lines": [{"need": line.need, "quantity": line.quantity, "factor": line.factor,
                       "delivered": line.delivered, "written_off": line.written_off}
                      for line in shipment.lines]}
