"""Hub throughput: planned and actual tonnes per hub and month against capacity.

Planned tonnes are the shipments' tonnes in their plan month, plus the allocations of the
latest approved run that has no shipments yet. Actual tonnes are what reached the hub: the
``at-hub`` events, in the month they happened. Capacity is the hub's from its opening month
(0 before it opens and from the month it closes).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from clearinghouse.domain.logistics import Hub, HubMonthLoad
from clearinghouse.domain.months import add_months, month_index, month_start
from clearinghouse.domain.shipments import EventKind, Shipment, ShipmentEvent
from clearinghouse.planning.plan import Allocation


def capacity_in(hub: Hub, month: date) -> float:
    """The hub's capacity in ``month`` (month 0 counted from itself); 0 while it is shut."""
    return hub.capacity_t_per_month if hub.is_open(0, month) else 0.0


def hub_throughput(hubs: Sequence[Hub], shipments: Iterable[Shipment],
                   events: Iterable[ShipmentEvent], run_start: Mapping[int, date],
                   pending: Sequence[Allocation] = (), pending_start: date | None = None,
                   months: Sequence[date] = ()) -> list[HubMonthLoad]:
    """One row per hub and month (the given months, or every month with tonnes)."""
    planned: dict[tuple[str, date], float] = defaultdict(float)
    actual: dict[tuple[str, date], float] = defaultdict(float)
    by_ref: dict[str, Shipment] = {}
    for s in shipments:
        by_ref[s.ref] = s
        if s.hub is not None:
            planned[(s.hub, add_months(run_start[s.run_id], s.month))] += s.tonnes
    if pending_start is not None:
        for a in pending:
            if a.hub is not None:
                planned[(a.hub, add_months(pending_start, a.month))] += a.tonnes
    for e in events:
        moved = by_ref.get(e.shipment)
        if e.kind is EventKind.AT_HUB and moved is not None and moved.hub is not None:
            share = e.quantity / moved.quantity
            actual[(moved.hub, month_start(e.at.date()))] += moved.tonnes * share
    span = sorted(set(months) | {m for _, m in planned} | {m for _, m in actual})
    if span and not months:
        span = [add_months(span[0], n) for n in range(month_index(span[-1], span[0]) + 1)]
    return [HubMonthLoad(h.code, m, capacity_in(h, m), planned.get((h.code, m), 0.0),
                         actual.get((h.code, m), 0.0))
            for h in sorted(hubs, key=lambda h: h.code) for m in span]


def throughput_warnings(loads: Sequence[HubMonthLoad], today: date,
                        recent_months: int = 3) -> list[str]:
    """Plan months (from this month on) asking a hub for more than it moved in any of the
    last ``recent_months`` months, for hubs that recorded movements in that window."""
    this_month = month_start(today)
    window = {add_months(this_month, -n) for n in range(recent_months + 1)}
    warnings = []
    for hub in sorted({x.hub for x in loads}):
        rows = [x for x in loads if x.hub == hub]
        moved = [x.actual_t for x in rows if x.month in window]
        if not any(moved):
            continue
        best = max(moved)
        for x in rows:
            if x.month >= this_month and x.planned_t > best + 1e-9:
                warnings.append(
                    f"hub {hub}: the plan for {x.month:%Y-%m} moves {x.planned_t:,.1f} t but "
                    f"the hub moved at most {best:,.1f} t a month in the last "
                    f"{recent_months} months")
    return warnings
