"""Stored shipments and their events; every write audited in the caller's transaction."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

from clearinghouse.adapters.db.audit import AuditLog, Change, as_utc, utc_now
from clearinghouse.adapters.db.repositories import DuplicateRecord, RecordNotFound, StaleRecord
from clearinghouse.adapters.db.tables import shipment_events, shipments
from clearinghouse.domain.shipments import (
    EventKind,
    Shipment,
    ShipmentEvent,
    ShipmentLine,
    ShipmentStatus,
)

ENTITY = "shipments"
EVENTS = "shipment_events"


@dataclass(frozen=True, slots=True)
class StoredShipment:
    id: int
    version: int
    shipment: Shipment


@dataclass(frozen=True, slots=True)
class StoredEvent:
    id: int
    event: ShipmentEvent
    actor: str


class ShipmentRepository:
    """Shipments (keyed by ``ref``) with optimistic versions, and their event log."""

    def __init__(self, connection: Connection, audit: AuditLog) -> None:
        self._connection = connection
        self._audit = audit

    def add_many(self, items: Sequence[Shipment]) -> None:
        """Insert new shipments (refusing a ref that exists), one audit row each."""
        if not items:
            return
        refs = [s.ref for s in items]
        taken: builtins.list[str] = self._connection.execute(
            select(shipments.c.ref).where(shipments.c.ref.in_(refs))).scalars().all()  # type: ignore[assignment]
        if taken:
            raise DuplicateRecord(f"shipment {taken[0]} exists already")
        now = utc_now()
        rows = [_row(s) for s in items]
        self._connection.execute(insert(shipments), [
            {**row, "version": 1, "created_at": now, "updated_at": now} for row in rows])
        self._audit.record_many([Change("create", ENTITY, row["ref"], None, _jsonable(row))
                                 for row in rows], now)

    def get_by_ref(self, ref: str) -> StoredShipment | None:
        row = self._connection.execute(select(shipments).where(shipments.c.ref == ref)).first()
        return None if row is None else _stored(row)

    def list(self, *, run_id: int | None = None) -> builtins.list[StoredShipment]:
        """Shipments in creation order, optionally of one plan run."""
        query = select(shipments).order_by(shipments.c.id)
        if run_id is not None:
            query = query.where(shipments.c.run_id == run_id)
        return [_stored(row) for row in self._connection.execute(query)]

    def record(self, shipment: Shipment, event: ShipmentEvent, *,
               expected_version: int) -> StoredShipment:
        """Store the shipment as the event left it, and the event; both audited."""
        current = self._connection.execute(
            select(shipments).where(shipments.c.ref == shipment.ref)).first()
        if current is None:
            raise RecordNotFound(f"shipment {shipment.ref} does not exist")
        before = _jsonable({k: current._mapping[k] for k in _row(shipment)})
        after = _row(shipment)
        now = utc_now()
        result = self._connection.execute(
            update(shipments).where(shipments.c.id == current.id,
                                    shipments.c.version == expected_version)
            .values(**after, version=expected_version + 1, updated_at=now))
        if result.rowcount != 1:
            raise StaleRecord(f"shipment {shipment.ref} changed since it was read: "
                              "re-read it and record the event again")
        event_row = {"shipment": event.shipment, "kind": event.kind.value, "at": event.at,
                     "quantity": event.quantity, "note": event.note,
                     "actor": self._audit.actor, "recorded_at": now}
        event_id: int = self._connection.execute(
            insert(shipment_events).values(**event_row)
            .returning(shipment_events.c.id)).scalar_one()
        self._audit.record_many([
            Change("create", EVENTS, f"{event.shipment}#{event_id}", None,
                   _jsonable(event_row)),
            Change("transition", ENTITY, shipment.ref, before, _jsonable(after))], now)
        return StoredShipment(current.id, expected_version + 1, shipment)

    def events(self, ref: str | None = None) -> builtins.list[StoredEvent]:
        """Events in the order recorded, optionally of one shipment."""
        query = select(shipment_events).order_by(shipment_events.c.id)
        if ref is not None:
            query = query.where(shipment_events.c.shipment == ref)
        return [StoredEvent(r.id, ShipmentEvent(r.shipment, EventKind(r.kind), as_utc(r.at),
                                                r.quantity, r.note), r.actor)
                for r in self._connection.execute(query)]


def _row(s: Shipment) -> dict[str, Any]:
    return {
        "ref": s.ref, "run_id": s.run_id, "offer": s.offer, "hub": s.hub,
        "producer": s.producer, "month": s.month, "item": s.item,
        "destination": s.destination, "quantity": s.quantity, "tonnes": s.tonnes,
        "departs": s.departs, "at_hub": s.at_hub, "arrives": s.arrives,
        "lines": [{"need": line.need, "quantity": line.quantity, "factor": line.factor,
                   "delivered": line.delivered, "written_off": line.written_off}
                  for line in s.lines],
        "status": s.status.value, "delivered": s.delivered, "lost": s.lost,
        "returned": s.returned, "last_event_at": s.last_event_at,
    }


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    # Dates and timestamps go into the audit log's JSON as ISO text.
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()}


def _stored(row: Row[Any]) -> StoredShipment:
    m = row._mapping
    shipment = Shipment(
        ref=m["ref"], run_id=m["run_id"], offer=m["offer"], hub=m["hub"],
        producer=m["producer"], month=m["month"], item=m["item"],
        destination=m["destination"], tonnes=m["tonnes"], departs=m["departs"],
        at_hub=m["at_hub"], arrives=m["arrives"],
        lines=[ShipmentLine(line["need"], line["quantity"], line["factor"],
                            line["delivered"], line["written_off"]) for line in m["lines"]],
        status=ShipmentStatus(m["status"]), delivered=m["delivered"], lost=m["lost"],
        returned=m["returned"],
        last_event_at=None if m["last_event_at"] is None else as_utc(m["last_event_at"]))
    return StoredShipment(m["id"], m["version"], shipment)
