"""Two-way procurement use cases: fill the allies' requests after a plan, keep an approved
plan's lines on a re-plan, and show a run's procurement as the reader's nation may see it.

A database plan run stores its procurement in its summary (``summary["procurement"]``: the
lines, each request's result, the earnings); what a user is shown is filtered like every other
breakdown (SPEC §1.1): only lines and results of requests released to the user's nation (or
owned by it, as buyer), with every total summed over those only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Engine

from clearinghouse.adapters.db.listing import visible_records
from clearinghouse.adapters.db.plan_runs import PlanRun
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.months import month_index, month_label
from clearinghouse.domain.procurement import ProcurementRequest
from clearinghouse.planning.plan import Plan
from clearinghouse.planning.procurement import Procurement, ProcurementLine, fill_requests

__all__ = ["Procurement", "ProcurementLine", "ProcurementView", "RequestView", "plan_procurement",
           "procure", "stored_lines", "stored_procurement", "view_of", "visible_requests"]
from clearinghouse.planning.procurement_files import (
    lines_from_json,
    lines_json,
    procurement_summary,
)
from clearinghouse.services.errors import NotFound
from clearinghouse.services.records.users import User
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork


def procure(bundle: Bundle, plan: Plan,
            keep: Iterable[ProcurementLine] = ()) -> Procurement | None:
    """The bundle's requests filled from what ``plan`` leaves (None: the bundle has none)."""
    if not bundle.procurement:
        return None
    return fill_requests(plan, bundle.producers, bundle.procurement, keep)


def stored_procurement(result: Procurement) -> dict[str, Any]:
    """What a plan run stores of its procurement (its summary's ``procurement`` section)."""
    return {**procurement_summary(result), "lines": lines_json(result.lines)}


def stored_lines(run: PlanRun | None, start: date | None = None) -> list[ProcurementLine]:
    """The procurement lines a stored run holds (none for no run, or a run without).

    With ``start``, the months are counted from ``start`` instead of the run's own start
    month (a re-plan a month later sees the run's month 3 as its month 2); lines made before
    ``start`` are dropped.
    """
    section = ((run.summary if run is not None else None) or {}).get("procurement") or {}
    lines = lines_from_json(section.get("lines") or [])
    own = _start_of(run.settings) if run is not None else None
    if start is None or own is None:
        return lines
    shift = month_index(own, start)
    return [replace(x, month=x.month + shift, delivery=x.delivery + shift) for x in lines
            if x.month + shift >= 0]


@dataclass(frozen=True, slots=True)
class RequestView:
    """A visible request with what the run fills of it and why not more."""

    ref: str
    buyer: str
    class_code: str
    quantity: int
    max_unit_price_eur: float
    due: date
    filled: int
    reason: str | None


@dataclass(frozen=True, slots=True)
class ProcurementView:
    """A run's procurement over the requests the reader may see: lines (with their months'
    labels), requests, and per production month the units made and EUR earned."""

    run_id: int
    start: date | None  # None: an older run that did not record its start
    horizon: int
    lines: list[ProcurementLine]
    requests: list[RequestView]
    buyers: dict[str, str]  # request ref -> buyer

    def label(self, month: int) -> str:
        """``YYYY-MM`` of a plan month of this run (``M3`` when the run has no start)."""
        return month_label(self.start, month) if self.start is not None else f"M{month}"

    def earnings_per_month(self) -> list[float]:
        out = [0.0] * self.horizon
        for line in self.lines:
            if 0 <= line.month < self.horizon:
                out[line.month] += line.amount_eur
        return out

    def units_per_month(self) -> list[int]:
        out = [0] * self.horizon
        for line in self.lines:
            if 0 <= line.month < self.horizon:
                out[line.month] += line.quantity
        return out

    @property
    def unfilled(self) -> list[RequestView]:
        return [r for r in self.requests if r.reason is not None]

    @property
    def amount_eur(self) -> float:
        return sum(line.amount_eur for line in self.lines)


def visible_requests(uow: SqlUnitOfWork, nation: str | None) -> dict[str, ProcurementRequest]:
    """The requests a nation may see (released to it, or bought by it); None: every one."""
    if nation is None:
        return {s.record.ref: s.record for s in uow.procurement.list()}
    return {r.ref: r for r in visible_records(uow.connection, "procurement", nation, "buyer")}


def view_of(run: PlanRun, requests: Mapping[str, ProcurementRequest]) -> ProcurementView:
    """``run``'s procurement restricted to ``requests`` (the visible ones)."""
    section = (run.summary or {}).get("procurement") or {}
    results = section.get("requests") or {}
    lines = [x for x in lines_from_json(section.get("lines") or []) if x.request in requests]
    views = [RequestView(r.ref, r.buyer, r.class_code, r.quantity, r.max_unit_price_eur, r.due,
                         int(results[ref].get("filled", 0)), results[ref].get("reason"))
             for ref, r in sorted(requests.items()) if ref in results]
    return ProcurementView(run.id, _start_of(run.settings),
                           int(run.settings.get("horizon", 12)), lines, views,
                           {ref: r.buyer for ref, r in requests.items()})


def _start_of(settings: Mapping[str, Any]) -> date | None:
    """The run's start month as stored (``YYYY-MM-DD``, or ``YYYY-MM`` in older runs)."""
    text = str(settings.get("start") or "")
    for candidate in (text, f"{text}-01"):
        try:
            return date.fromisoformat(candidate)
        except ValueError:
            continue
    return None


def plan_procurement(engine: Engine, user: User, run_id: int) -> ProcurementView:
    """A stored run's procurement as the user's nation may see it."""
    with SqlUnitOfWork(engine, user.name) as uow:
        run = uow.plan_runs.get(run_id)
        if run is None:
            raise NotFound(f"plan run {run_id} does not exist")
        requests = visible_requests(uow, None if user.whole_view else user.nation)
    return view_of(run, requests)


def by_buyer(view: ProcurementView) -> dict[str, tuple[int, float]]:
    """Units and EUR per buying nation, over the view's lines."""
    out: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    for line in view.lines:
        cell = out[view.buyers[line.request]]
        cell[0] += line.quantity
        cell[1] += line.amount_eur
    return {b: (int(u), e) for b, (u, e) in sorted(out.items())}
