"""The plan review page's read model: a summary of a run, the needs it does not fully meet
grouped by priority and capability, and its allocations filtered, paged and exported.

Everything counts only the needs, offers and pledges released to the user's nation
(SPEC §1.1). The solver's value and LP bound are computed on the cell's whole picture, so
the page shows them only as the optimality gap (a property of the solve, not of any
record); a run that stores its churn against the approved plan shows it.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine

from clearinghouse.adapters.db.listing import visible_records
from clearinghouse.domain.formats import whole_units
from clearinghouse.domain.months import add_months
from clearinghouse.planning.plan import Allocation
from clearinghouse.services.records.resources import owner_of
from clearinghouse.services.records.users import User
from clearinghouse.services.reporting.reports import PlanView, PriorityRow, priority_rows
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

#: Allocations per page of the review (the export holds every matching row).
PAGE_SIZE = 100
#: The allocation filters the page and the export take, by query word.
ALLOCATION_FILTERS = ("need", "offer", "donor", "hub")


@dataclass(frozen=True, slots=True)
class CapabilityFill:
    capability: str
    needs: int
    requested: int
    planned: int


@dataclass(frozen=True, slots=True)
class UnmetRow:
    ref: str
    class_code: str
    requested: int
    planned: int
    delivered: int
    reason: str

    @property
    def short(self) -> int:
        return max(0, self.requested - self.planned)


@dataclass(frozen=True, slots=True)
class UnmetGroup:
    priority: int
    capability: str
    rows: list[UnmetRow]

    @property
    def short(self) -> int:
        return sum(r.short for r in self.rows)


@dataclass(frozen=True, slots=True)
class AllocationRow:
    offer: str
    donor: str
    need: str
    via: str
    month: int
    month_label: str
    quantity: int
    tonnes: float


@dataclass(frozen=True, slots=True)
class PlanReview:
    gap: float | None  # (bound − value) / bound of the solve, None without a bound
    churn: dict[str, Any] | None
    priorities: list[PriorityRow]
    capabilities: list[CapabilityFill]
    hub_months: dict[str, dict[str, float]]  # hub → month label → tonnes
    months: list[str]
    unmet: list[UnmetGroup]
    allocations: list[AllocationRow]  # every visible allocation matching the filters
    filters: dict[str, str] = field(default_factory=dict)
    #: Every value each filter may take (over all visible allocations), for the pickers.
    options: dict[str, list[str]] = field(default_factory=dict)

    def page(self, number: int) -> list[AllocationRow]:
        """The allocations of page ``number`` (1-based, clamped to the pages there are)."""
        number = min(max(1, number), self.pages)
        return self.allocations[(number - 1) * PAGE_SIZE:number * PAGE_SIZE]

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.allocations) // PAGE_SIZE))


def _gap(value: float | None, bound: float | None) -> float | None:
    if value is None or bound is None or bound <= 0:
        return None
    return max(0.0, (bound - value) / bound)


def plan_review(engine: Engine, user: User, view: PlanView,
                filters: dict[str, str]) -> PlanReview:
    """The review of a run already read as ``plan_view`` (so releasability is applied
    once), with the allocations matching ``filters`` (need, offer, donor, hub: exact codes)."""
    with SqlUnitOfWork(engine, user.name) as uow:
        run = uow.plan_runs.get(view.id)
        needs = {n.ref: n for n in visible_records(uow.connection, "needs", user.nation,
                                                    owner_of("needs"))}
        offers = {o.ref: o for o in visible_records(uow.connection, "offers", user.nation,
                                                     "donor")}
        funding = {f.ref: f for f in visible_records(uow.connection, "funding", user.nation,
                                                      "donor")}
        items = visible_records(uow.connection, "items", user.nation)
    capability = {i.class_code: i.capability for i in items}
    start = view.settings.get("start")
    wanted = {k: v.strip() for k, v in filters.items() if k in ALLOCATION_FILTERS and v.strip()}
    rows = [_allocation_row(a, offers, funding, start) for a in view.allocations]
    shown = [r for r in rows if all(_matches(r, k, v) for k, v in wanted.items())]
    hub_months = _hub_months(view.allocations, start)
    return PlanReview(
        gap=_gap(run.value if run else None, run.lp_bound if run else None),
        churn=view.churn,  # over the needs the user sees only (SPEC §1.1)
        priorities=priority_rows(view),
        capabilities=_capabilities(view, needs, capability),
        hub_months=hub_months,
        months=sorted({m for by_month in hub_months.values() for m in by_month}),
        unmet=_unmet(view, needs, capability),
        allocations=shown, filters=wanted,
        options={"need": sorted({r.need for r in rows}),
                 "offer": sorted({r.offer for r in rows}),
                 "donor": sorted({r.donor for r in rows}),
                 "hub": sorted({r.via for r in rows})})


@lru_cache(maxsize=1024)
def _month_label(start: str | None, month: int) -> str:
    if not start:
        return f"M{month:02d}"
    return add_months(date.fromisoformat(start), month).strftime("%Y-%m")


def _allocation_row(a: Allocation, offers: dict[str, Any], funding: dict[str, Any],
                    start: str | None) -> AllocationRow:
    source = offers.get(a.offer) if a.hub else funding.get(a.offer)
    return AllocationRow(a.offer, getattr(source, "donor", ""), a.need,
                         a.hub or a.producer or "", a.month, _month_label(start, a.month),
                         a.quantity, a.tonnes)


def _matches(row: AllocationRow, key: str, value: str) -> bool:
    found = {"need": row.need, "offer": row.offer, "donor": row.donor, "hub": row.via}[key]
    return found.upper() == value.upper()


def _capabilities(view: PlanView, needs: dict[str, Any],
                  capability: dict[str, str]) -> list[CapabilityFill]:
    cells: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for ref, result in view.needs.items():
        need = needs.get(ref)
        cell = cells[capability.get(need.class_code, "unknown") if need else "unknown"]
        cell[0] += 1
        cell[1] += int(result.get("requested") or 0)
        cell[2] += whole_units(float(result.get("delivered") or 0.0))
    return [CapabilityFill(c, n, r, p) for c, (n, r, p) in sorted(cells.items())]


def _hub_months(allocations: list[Allocation], start: str | None) -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for a in allocations:
        if a.hub is not None:
            table[a.hub][_month_label(start, a.month)] += a.tonnes
    return {hub: dict(months) for hub, months in sorted(table.items())}


def _unmet(view: PlanView, needs: dict[str, Any],
           capability: dict[str, str]) -> list[UnmetGroup]:
    groups: dict[tuple[int, str], list[UnmetRow]] = defaultdict(list)
    for ref, result in view.needs.items():
        if float(result.get("fraction") or 0.0) >= 1.0:
            continue
        need = needs.get(ref)
        class_code = need.class_code if need else ""
        row = UnmetRow(ref, class_code, int(result.get("requested") or 0),
                       whole_units(float(result.get("delivered") or 0.0)),
                       need.delivered if need else 0, str(result.get("reason") or ""))
        groups[(int(result.get("priority") or 0),
                capability.get(class_code, "unknown"))].append(row)
    return [UnmetGroup(p, c, sorted(rows, key=lambda r: (-r.short, r.ref)))
            for (p, c), rows in sorted(groups.items())]


def allocations_csv(review: PlanReview) -> str:
    """The filtered allocations as CSV (what the page lists, every page of it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["offer", "donor", "need", "hub_or_producer", "month", "plan_month",
                     "units", "tonnes"])
    for r in review.allocations:
        writer.writerow([r.offer, r.donor, r.need, r.via, r.month_label, r.month, r.quantity,
                         f"{r.tonnes:.3f}"])
    return buffer.getvalue()
