"""Producer capacity already booked by shipments, taken off before a re-plan.

Units of funded production on shipments — delivered or still open, not lost or returned —
were made in their delivery month less the producer's lead time; a re-plan may use in that
month only what is left of the producer's monthly capacity. (The pledge's budget is handled
by :func:`clearinghouse.domain.pipeline.outstanding`.)

The planner knows one capacity per producer from its available month on. A capacity that
varies by month is given to it as the producer itself plus stand-in producers
(``CODE+M03``: the extra units from plan month 3 on), each available from the month its
step starts; the plan's allocations are written back to the real producer afterwards. The
steps follow the largest non-decreasing capacity within what is left in each month: exact
when bookings thin out over time (the usual case, a re-plan after an earlier plan); where a
later month is booked more than an earlier one, the earlier month is held to the later
month's level, so a producer is never planned beyond its capacity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.funding import Producer
from clearinghouse.domain.shipments import Shipment
from clearinghouse.planning.plan import Allocation, Plan
from clearinghouse.planning.settings import PlanSettings
from clearinghouse.services.throughput import add_months

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


def _steps(capacity: int, left: Sequence[int], first: int) -> list[tuple[int, int]]:
    """(month, extra units) steps of the largest non-decreasing capacity <= ``left`` from
    month ``first`` on; the first step is the level at ``first`` (possibly 0)."""
    level = [0] * len(left)
    floor = capacity
    for m in range(len(left) - 1, first - 1, -1):
        floor = min(floor, left[m])
        level[m] = floor
    steps = [(first, level[first])]
    steps += [(m, level[m] - level[m - 1]) for m in range(first + 1, len(left))
              if level[m] > level[m - 1]]
    return steps


def _split(p: Producer, booked: Booked, settings: PlanSettings,
           taken: set[str]) -> tuple[list[Producer], dict[str, str]]:
    months = [add_months(settings.start, m) for m in range(settings.horizon)]
    left = [max(0, p.capacity_per_month - booked.get((p.code, month), 0)) for month in months]
    first = min(settings.month_index(p.available), settings.horizon - 1)
    producers, stand_ins = [], {}
    for month, units in _steps(p.capacity_per_month, left, first):
        if units <= 0:
            continue
        if month == first:
            producers.append(replace(p, capacity_per_month=units))
            continue
        code = f"{p.code}+M{month:02d}"
        while code in taken:
            code += "+"
        taken.add(code)
        stand_ins[code] = p.code
        producers.append(replace(p, code=code, capacity_per_month=units,
                                 available=max(p.available, months[month])))
    return producers, stand_ins


def without_booked(bundle: Bundle, booked: Booked,
                   settings: PlanSettings) -> tuple[Bundle, dict[str, str]]:
    """The bundle with booked capacity taken off its producers, and stand-in → producer."""
    if not booked:
        return bundle, {}
    taken = {p.code for p in bundle.producers}
    producers: list[Producer] = []
    stand_ins: dict[str, str] = {}
    for p in bundle.producers:
        if not any(code == p.code for code, _ in booked):
            producers.append(p)
            continue
        parts, codes = _split(p, booked, settings, taken)
        producers += parts
        stand_ins.update(codes)
    return replace(bundle, producers=producers), stand_ins


def with_real_producers(plan: Plan, stand_ins: Mapping[str, str]) -> Plan:
    """The plan with stand-in producers' allocations merged back into the real producer's."""
    if not stand_ins:
        return plan
    merged: dict[tuple[str, str, str | None, str | None, int], list[float]] = {}
    for a in plan.allocations:
        producer = stand_ins.get(a.producer or "", a.producer)
        cell = merged.setdefault((a.offer, a.need, a.hub, producer, a.month), [0, 0.0])
        cell[0] += a.quantity
        cell[1] += a.tonnes
    return replace(plan, allocations=[
        Allocation(offer, need, hub, producer, month, int(units), tonnes)
        for (offer, need, hub, producer, month), (units, tonnes) in merged.items()])
