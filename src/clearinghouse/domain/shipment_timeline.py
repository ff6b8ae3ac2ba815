"""A shipment's movements against the date its needs are due: planned departure, hub and
arrival, the events recorded, and whether it is late.

Lateness rule (one home): a shipment is due when the earliest-due need of its lines is due.
It is *delivered late* when units were delivered after that day; else *overdue* when units
are still open (neither delivered nor written off) after it; else *planned late* when its
planned arrival is after it. What happened outranks what was planned: a shipment planned to
arrive late but delivered in time is on time."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from clearinghouse.domain.shipments import EventKind, Shipment, ShipmentEvent


class Lateness(StrEnum):
    ON_TIME = "on time"
    PLANNED_LATE = "planned late"
    OVERDUE = "overdue"
    DELIVERED_LATE = "delivered late"


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One shipment on the timeline; ``events`` are (kind, day) in the order recorded."""

    ref: str
    hub: str | None
    departs: date
    at_hub: date | None
    arrives: date
    due: date | None
    events: tuple[tuple[EventKind, date], ...]
    lateness: Lateness
    days_late: int  # after the due day: by delivery, by today, or by plan (0 when on time)

    @property
    def late(self) -> bool:
        return self.lateness is not Lateness.ON_TIME

    @property
    def said(self) -> str:
        """The lateness in words, e.g. ``overdue by 12 days``."""
        if not self.late:
            return "on time"
        days = f"{self.days_late} day{'s' if self.days_late != 1 else ''}"
        return {Lateness.PLANNED_LATE: f"planned to arrive {days} after due",
                Lateness.OVERDUE: f"overdue by {days}",
                Lateness.DELIVERED_LATE: f"delivered {days} after due"}[self.lateness]


def timeline_row(shipment: Shipment, events: Iterable[ShipmentEvent],
                 due_by_need: Mapping[str, date], today: date) -> TimelineRow:
    """The shipment's row: its plan, its events, and its lateness (see the module's rule)."""
    moves = tuple((e.kind, e.at.date()) for e in events)
    dues = [due_by_need[line.need] for line in shipment.lines if line.need in due_by_need]
    due = min(dues, default=None)
    lateness, days = Lateness.ON_TIME, 0
    delivered = [day for kind, day in moves if kind is EventKind.DELIVERED]
    if due is not None:
        if delivered and max(delivered) > due:
            lateness, days = Lateness.DELIVERED_LATE, (max(delivered) - due).days
        elif shipment.open and today > due:
            lateness, days = Lateness.OVERDUE, (today - due).days
        elif not delivered and shipment.open and shipment.arrives > due:
            lateness, days = Lateness.PLANNED_LATE, (shipment.arrives - due).days
    return TimelineRow(shipment.ref, shipment.hub, shipment.departs, shipment.at_hub,
                       shipment.arrives, due, moves, lateness, days)


@dataclass(slots=True)
class HubMonth:
    """Shipments planned to arrive through one hub (None: made in-country) in one month."""

    hub: str | None
    month: date
    shipments: int = 0
    delivered: int = 0  # shipments with a delivery recorded
    late: dict[Lateness, int] = field(default_factory=dict)

    def count(self, lateness: Lateness) -> int:
        return self.late.get(lateness, 0)


def by_hub_month(rows: Iterable[TimelineRow]) -> list[HubMonth]:
    """The rows counted per hub and month of planned arrival, in hub then month order."""
    cells: dict[tuple[str, date], HubMonth] = {}
    for row in rows:
        month = row.arrives.replace(day=1)
        cell = cells.setdefault((row.hub or "", month), HubMonth(row.hub, month))
        cell.shipments += 1
        cell.delivered += any(kind is EventKind.DELIVERED for kind, _ in row.events)
        if row.late:
            cell.late[row.lateness] = cell.late.get(row.lateness, 0) + 1
    return [cells[k] for k in sorted(cells)]
