"""Producer capacity already booked by shipments, taken off before a re-plan.

Units of funded production on shipments — delivered or still open, not lost or returned —
were made in their delivery month less the producer's lead time; a re-plan may use in that
month only what is left of the producer's monthly capacity. The planner reads what is booked
from each producer (:class:`clearinghouse.domain.funding.BookedProducer`) and holds it to
max(0, capacity − booked) in every month. (The pledge's budget is handled by
:func:`clearinghouse.domain.pipeline.outstanding`.)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.months import add_months
from clearinghouse.domain.shipments import Shipment

Booked = dict[tuple[str, date], int]


def booked_production(bundle: Bundle, shipments: Iterable[Shipment],
                      run_start: Mapping[int, date]) -> Booked:
    """Units per producer and calendar month of making that shipments hold (not written off)."""
    lead = {p.code: p.lead_months for p in bundle.producers}
    booked: Booked = defaultdict(int)
    for s in shipments:
        if s.producer not in lead or s.run_id not in run_start:
            continue
        units = s.quantity - s.lost - s.returned
        if units > 0:
            made = add_months(run_start[s.run_id], s.month - lead[s.producer])
            booked[(s.producer, made)] += units
    return dict(booked)


def with_booked(bundle: Bundle, booked: Mapping[tuple[str, date], int]) -> Bundle:
    """The bundle with each producer's booked months set (a producer with none as it is)."""
    months: dict[str, list[tuple[date, int]]] = defaultdict(list)
    for (code, made), units in booked.items():
        months[code].append((made, units))
    if not months:
        return bundle
    return replace(bundle, producers=[p.with_booked(months[p.code]) if p.code in months else p
                                      for p in bundle.producers])
