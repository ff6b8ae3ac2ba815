"""Read side of logistics: shipments, their events and the approved plan, for the ledger,
hub throughput and the briefing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.logistics import HubMonthLoad
from clearinghouse.domain.months import add_months
from clearinghouse.domain.shipments import Shipment, ShipmentEvent
from clearinghouse.planning.plan import Allocation
from clearinghouse.services.logistics.ledger import LedgerRow, ledger
from clearinghouse.services.logistics.throughput import hub_throughput, throughput_warnings
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork


@dataclass(frozen=True, slots=True)
class LogisticsFacts:
    """Everything stored that the ledger and throughput read, from one transaction."""

    bundle: Bundle
    shipments: list[Shipment]
    events: list[ShipmentEvent]
    run_start: dict[int, date]
    pending: list[Allocation] = field(default_factory=list)
    plan_start: date | None = None  # of the latest approved run
    horizon: int = 12
    plan_run: int | None = None  # the latest approved run's id

    @property
    def plan_months(self) -> list[date]:
        if self.plan_start is None:
            return []
        return [add_months(self.plan_start, n) for n in range(self.horizon)]


def _every(_: object) -> bool:
    return True


def read_facts(uow: SqlUnitOfWork, bundle: Bundle, *,
               shows: Callable[[Shipment], bool] = _every,
               shows_allocation: Callable[[Allocation], bool] = _every) -> LogisticsFacts:
    """The facts of ``bundle`` with the shipments (and their events) that ``shows`` keeps,
    and the pending allocations that ``shows_allocation`` keeps."""
    every = [s.shipment for s in uow.shipments.list()]
    shipments = [s for s in every if shows(s)]
    kept = {s.ref for s in shipments}
    events = [e.event for e in uow.shipments.events() if e.event.shipment in kept]
    runs = uow.plan_runs.list()
    run_start = {r.id: date.fromisoformat(r.settings["start"]) for r in runs
                 if "start" in r.settings}
    approved = [r for r in runs if r.approved_at is not None]
    latest = max(approved, key=lambda r: r.approved_at or r.created_at, default=None)
    # Whether the latest run has shipments is asked of all of them, hidden ones included:
    # a run is shipped or not whoever looks.
    shipped_runs = {s.run_id for s in every}
    pending = ([] if latest is None or latest.id in shipped_runs
               else [a for a in uow.plan_runs.allocations(latest.id) if shows_allocation(a)])
    return LogisticsFacts(
        bundle, shipments, events, run_start, pending,
        None if latest is None else run_start.get(latest.id),
        12 if latest is None else int(latest.settings.get("horizon", 12)),
        None if latest is None else latest.id)


def ledger_rows(facts: LogisticsFacts) -> list[LedgerRow]:
    """The ledger of the stored records and shipments."""
    return ledger(facts.bundle, facts.shipments, facts.pending)


def throughput(facts: LogisticsFacts, *, today: date,
               recent_months: int = 3) -> tuple[list[HubMonthLoad], list[str]]:
    """Planned and actual tonnes per hub and month, and warnings where a plan outruns a hub."""
    loads = hub_throughput(facts.bundle.hubs, facts.shipments, facts.events, facts.run_start,
                           facts.pending, facts.plan_start, facts.plan_months)
    return loads, throughput_warnings(loads, today, recent_months)
