"""The reference plan of a re-plan of the database (SPEC §4 "Stability"): the approved run.

Its allocation lines are what the cell has promised; a re-plan changes them least. Lines are
counted from the re-plan's own start month (the approved run's month 3 is month 2 of a re-plan
started a month later; lines before the start are dropped). Units already on shipments of
that run are facts, not re-planned, so they come off their line (the planner no longer sees
them either: domain.pipeline.outstanding); lost and returned units stay on it, to be
re-planned like any other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from clearinghouse.adapters.db.plan_runs import PlanRun
from clearinghouse.domain.months import month_index
from clearinghouse.domain.shipments import Shipment
from clearinghouse.planning.plan import Allocation

LineKey = tuple[str, str, str | None, str | None, int]


def reference_plan(run: PlanRun | None, allocations: Iterable[Allocation],
                   shipments: Iterable[Shipment], start: date) -> list[Allocation]:
    """The approved run's lines less the units its shipments carry (not written off), in
    months from ``start``; empty without an approved run."""
    if run is None:
        return []
    shipped: Counter[LineKey] = Counter()
    for s in shipments:
        if s.run_id == run.id:
            for line in s.lines:
                shipped[(s.offer, line.need, s.hub, s.producer, s.month)] += (
                    line.quantity - line.written_off)
    own = run.settings.get("start")
    shift = 0 if own is None else month_index(date.fromisoformat(own), start)
    kept = []
    for a in allocations:
        left = a.quantity - shipped[(a.offer, a.need, a.hub, a.producer, a.month)]
        month = a.month + shift
        if left > 0 and month >= 0:
            tonnes = a.tonnes * left / a.quantity if a.quantity else 0.0
            kept.append(replace(a, quantity=left, month=month, tonnes=tonnes))
    return kept
