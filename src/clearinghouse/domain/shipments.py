"""Shipments: allocated units moving origin → hub → destination, tracked event by event.

A hub shipment goes ``planned → loaded → at-hub → dispatched → delivered``; a direct one
(produced in the recipient's own industry, no hub) skips ``at-hub``. Receipts may be partial:
the rest stays open for later receipts, or is written off as ``lost`` (or ``returned`` to the
donor). A shipment closes when nothing is open; a closed shipment takes no more events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from clearinghouse.domain.catalogue import check_ref
from clearinghouse.domain.errors import DomainError, IllegalTransition, require
from clearinghouse.domain.needs import check_quantity


class ShipmentStatus(StrEnum):
    PLANNED = "planned"
    LOADED = "loaded"
    AT_HUB = "at-hub"
    DISPATCHED = "dispatched"
    DELIVERED = "delivered"
    LOST = "lost"
    RETURNED = "returned"


class EventKind(StrEnum):
    LOADED = "loaded"
    AT_HUB = "at-hub"
    DISPATCHED = "dispatched"
    DELIVERED = "delivered"
    LOST = "lost"
    RETURNED = "returned"


_S = ShipmentStatus
CLOSED = frozenset({_S.DELIVERED, _S.LOST, _S.RETURNED})
MOVING = frozenset({_S.LOADED, _S.AT_HUB, _S.DISPATCHED})
#: Units written off (lost or returned) may leave only a shipment that has left its origin.
_WRITE_OFF_FROM = MOVING


@dataclass(slots=True)
class ShipmentLine:
    """Units of the shipment meant for one need; ``factor`` converts them to the need's units."""

    need: str
    quantity: int
    factor: float = 1.0
    delivered: int = 0
    written_off: int = 0

    @property
    def open(self) -> int:
        return self.quantity - self.delivered - self.written_off


@dataclass(frozen=True, slots=True)
class ShipmentEvent:
    """One recorded event; ``quantity`` is the units it concerns (all open units for a move)."""

    shipment: str
    kind: EventKind
    at: datetime
    quantity: int
    note: str = ""


@dataclass(slots=True)
class Shipment:
    """Allocated units of one offer (or funding pledge) through one hub in one plan month.

    ``item`` is the item code moved, or the producer's class for produced units; ``hub`` is
    None and ``producer`` set for units made in-country, which go straight to the destination.
    """

    ref: str
    run_id: int
    offer: str
    hub: str | None
    producer: str | None
    month: int
    item: str
    destination: str
    tonnes: float
    departs: date
    at_hub: date | None
    arrives: date
    lines: list[ShipmentLine]
    status: ShipmentStatus = ShipmentStatus.PLANNED
    delivered: int = 0
    lost: int = 0
    returned: int = 0
    last_event_at: datetime | None = None
    quantity: int = field(init=False)

    def __post_init__(self) -> None:
        check_ref(self.ref, what="shipment")
        require(bool(self.lines), f"shipment {self.ref}: no need to deliver to",
                field="lines", rule="a shipment serves at least one need", value=self.lines)
        for line in self.lines:
            check_quantity(f"shipment {self.ref} for need {line.need}", line.quantity)
        self.quantity = sum(line.quantity for line in self.lines)
        require(self.delivered + self.lost + self.returned <= self.quantity,
                f"shipment {self.ref}: more received or written off than shipped",
                field="delivered", rule="delivered + lost + returned <= quantity",
                value=self.delivered)

    @property
    def open(self) -> int:
        """Units neither delivered nor written off."""
        return self.quantity - self.delivered - self.lost - self.returned

    @property
    def closed(self) -> bool:
        return self.status in CLOSED

    @property
    def direct(self) -> bool:
        """Made in-country: no hub between producer and destination."""
        return self.hub is None

    @property
    def allowed_events(self) -> tuple[EventKind, ...]:
        """The events ``record`` accepts next, in lifecycle order (none once closed)."""
        kinds = EventKind
        if self.closed:
            return ()
        nexts = {_S.PLANNED: (kinds.LOADED,),
                 _S.LOADED: (kinds.DISPATCHED,) if self.direct else (kinds.AT_HUB,),
                 _S.AT_HUB: (kinds.DISPATCHED,),
                 _S.DISPATCHED: (kinds.DELIVERED,)}[self.status]
        return nexts + ((kinds.LOST, kinds.RETURNED) if self.status in _WRITE_OFF_FROM else ())

    def record(self, kind: EventKind, at: datetime, quantity: int | None = None,
               note: str = "") -> ShipmentEvent:
        """Apply one event (refusing an illegal one) and return it as recorded."""
        what = f"shipment {self.ref}"
        if self.closed:
            raise IllegalTransition(
                f"{what} is closed ({self.status}): it takes no more events",
                field="kind", rule="a closed shipment takes no events", value=kind)
        if self.last_event_at is not None and at < self.last_event_at:
            raise DomainError(f"{what}: {kind} at {at:%Y-%m-%d %H:%M} is before its last event "
                              f"at {self.last_event_at:%Y-%m-%d %H:%M}", field="at",
                              rule="events are recorded in time order", value=at)
        if kind in (EventKind.LOADED, EventKind.AT_HUB, EventKind.DISPATCHED):
            units = self._move(kind, quantity)
        else:
            units = self._settle(kind, quantity)
        self.last_event_at = at
        if self.open == 0:
            self.status = (_S.DELIVERED if self.delivered else _S.LOST if self.lost
                           else _S.RETURNED)
        return ShipmentEvent(self.ref, kind, at, units, note)

    def _move(self, kind: EventKind, quantity: int | None) -> int:
        before = {EventKind.LOADED: _S.PLANNED, EventKind.AT_HUB: _S.LOADED,
                  EventKind.DISPATCHED: _S.LOADED if self.direct else _S.AT_HUB}[kind]
        if kind is EventKind.AT_HUB and self.direct:
            raise IllegalTransition(
                f"shipment {self.ref} goes straight from producer {self.producer} to "
                f"{self.destination}: it never reaches a hub", field="kind",
                rule="only a shipment through a hub arrives at a hub", value=kind)
        if self.status is not before:
            raise IllegalTransition(
                f"shipment {self.ref}: cannot be {kind} while {self.status}; "
                f"it must be {before} first", field="kind",
                rule=f"{kind} follows {before}", value=kind)
        require(quantity is None or quantity == self.open,
                f"shipment {self.ref}: {kind} moves the whole consignment of {self.open} "
                f"units, not {quantity}", field="quantity",
                rule="a move concerns every open unit; record a shortfall on receipt",
                value=quantity)
        self.status = ShipmentStatus(kind.value)
        return self.open

    def _settle(self, kind: EventKind, quantity: int | None) -> int:
        what = f"shipment {self.ref}"
        if kind is EventKind.DELIVERED and self.status is not _S.DISPATCHED:
            raise IllegalTransition(
                f"{what}: cannot be delivered while {self.status}; it must be dispatched first",
                field="kind", rule="delivered follows dispatched", value=kind)
        if kind is not EventKind.DELIVERED and self.status not in _WRITE_OFF_FROM:
            raise IllegalTransition(
                f"{what}: cannot be {kind} while {self.status}; only a loaded shipment can "
                "be lost or returned", field="kind",
                rule=f"{kind} follows loaded, at-hub or dispatched", value=kind)
        units = self.open if quantity is None else quantity
        check_quantity(f"{what}: {kind}", units)
        require(units <= self.open,
                f"{what}: {kind} {units} units but only {self.open} of {self.quantity} "
                "are still open", field="quantity",
                rule=f"no more {kind} than shipped and still open", value=units)
        if kind is EventKind.DELIVERED:
            self.delivered += units
            _deliver(self.lines, units)
        else:
            if kind is EventKind.LOST:
                self.lost += units
            else:
                self.returned += units
            _write_off(self.lines, units)
        return units


def _deliver(lines: list[ShipmentLine], units: int) -> None:
    # Receipts fill the lines in their order: the most urgent need first.
    for line in lines:
        take = min(units, line.open)
        line.delivered += take
        units -= take


def _write_off(lines: list[ShipmentLine], units: int) -> None:
    # Write-offs hit the least urgent need first, so that what still arrives goes where
    # it matters most.
    for line in reversed(lines):
        take = min(units, line.open)
        line.written_off += take
        units -= take
