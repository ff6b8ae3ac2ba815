"""Read models of the web dashboard and plan pages: donor shares, mandates ending, unmet
top-priority needs, plan runs — each counting only records released to the user's nation."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from clearinghouse.adapters.db.listing import visible_records
from clearinghouse.adapters.db.plan_runs import PlanRun
from clearinghouse.domain.formats import whole_units
from clearinghouse.domain.lifecycle import PLANNED_NEEDS, UNCOUNTED_NEEDS, OfferStatus
from clearinghouse.domain.logistics import Hub
from clearinghouse.domain.needs import Need
from clearinghouse.domain.training import Mission
from clearinghouse.services.records.users import User
from clearinghouse.services.reporting.reports import FillRateRow, plan_view
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

NOT_PLEDGED = frozenset({OfferStatus.DECLINED, OfferStatus.WITHDRAWN})


@dataclass(frozen=True, slots=True)
class DonorPledge:
    """A donor's pledges in tonnes and in EUR: never a sum of units, which would add rounds,
    missiles and tents into one figure."""

    donor: str
    tonnes: float
    value_eur: float


def _all(uow: SqlUnitOfWork, sheet: str, nation: str, owner: str | None = None) -> list[Any]:
    return visible_records(uow.connection, sheet, nation, owner)


def pledges_by_donor(engine: Engine, user: User) -> list[DonorPledge]:
    """Tonnes and EUR pledged per donor over the visible live offers, heaviest first."""
    with SqlUnitOfWork(engine, user.name) as uow:
        offers = _all(uow, "offers", user.nation, "donor")
        weight = {i.code: i.unit_weight_kg for i in _all(uow, "items", user.nation)}
    tonnes: dict[str, float] = defaultdict(float)
    value: dict[str, float] = defaultdict(float)
    for offer in offers:
        if offer.status in NOT_PLEDGED:
            continue
        tonnes[offer.donor] += offer.quantity * weight.get(offer.item, 0.0) / 1000
        value[offer.donor] += offer.value_eur or 0.0
    return sorted((DonorPledge(d, tonnes[d], value[d]) for d in tonnes),
                  key=lambda s: (-s.tonnes, s.donor))


def mandates_ending(engine: Engine, user: User, today: date,
                    within_days: int = 90) -> list[Mission]:
    """Missions whose mandate ends between today and ``within_days`` from now, or ended within
    as many days before today (SPEC §5: an ended mandate is shown too)."""
    with SqlUnitOfWork(engine, user.name) as uow:
        missions: list[Mission] = _all(uow, "missions", user.nation)
    window = timedelta(days=within_days)
    return sorted((m for m in missions if today - window <= m.ends <= today + window),
                  key=lambda m: m.ends)


def unmet_top_priority(engine: Engine, user: User, priority: int = 1) -> list[Need]:
    """Visible live needs of this priority not yet met, soonest due first."""
    with SqlUnitOfWork(engine, user.name) as uow:
        needs: list[Need] = _all(uow, "needs", user.nation)
    return sorted((n for n in needs if n.priority == priority and n.status in PLANNED_NEEDS),
                  key=lambda n: (n.due, n.ref))


def hubs(engine: Engine, user: User) -> list[Hub]:
    """The hubs (released to all), by opening date."""
    with SqlUnitOfWork(engine, user.name) as uow:
        found: list[Hub] = _all(uow, "hubs", user.nation)
    return sorted(found, key=lambda h: (h.opens, h.code))


def nation_names(engine: Engine, user: User) -> dict[str, str]:
    """Every nation's name by code (nations are released to all)."""
    with SqlUnitOfWork(engine, user.name) as uow:
        return {n.code: n.name for n in _all(uow, "nations", user.nation)}


def capabilities(engine: Engine, user: User) -> dict[str, str]:
    """Capability of each class code of the catalogue (and of each item code)."""
    with SqlUnitOfWork(engine, user.name) as uow:
        items = _all(uow, "items", user.nation)
    return {**{i.class_code: i.capability for i in items},
            **{i.code: i.capability for i in items}}


@dataclass(frozen=True, slots=True)
class RunInfo:
    """A plan run without its figures: value and summary count records hidden from some."""

    id: int
    created_at: datetime
    actor: str
    status: str
    approved_at: datetime | None
    approved_by: str | None = None


def _info(run: PlanRun) -> RunInfo:
    return RunInfo(run.id, run.created_at, run.actor, run.status, run.approved_at,
                   run.approved_by)


def plan_runs(engine: Engine, user: User) -> list[RunInfo]:
    """Plan runs, newest first (their figures are read through ``reports.plan_view``)."""
    with SqlUnitOfWork(engine, user.name) as uow:
        runs = uow.plan_runs.list()
    return [_info(r) for r in sorted(runs, key=lambda r: r.id, reverse=True)]


def approved_run(runs: list[RunInfo]) -> RunInfo | None:
    """The run approved last, if any (as ``PlanRunRepository.approved`` picks it)."""
    approved = [r for r in runs if r.approved_at is not None]
    return max(approved, key=lambda r: (r.approved_at, r.id)) if approved else None


def planned_fill_rates(engine: Engine, user: User, run_id: int) -> list[FillRateRow]:
    """Requested units of the visible live needs and what the run plans to deliver to them
    (the dashboard asks this of the approved run only: ``plan_source``)."""
    view = plan_view(engine, user, run_id)
    with SqlUnitOfWork(engine, user.name) as uow:
        needs: list[Need] = _all(uow, "needs", user.nation)
        capability = {i.class_code: i.capability for i in _all(uow, "items", user.nation)}
    totals: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for need in needs:
        if need.status in UNCOUNTED_NEEDS:
            continue
        cell = totals[(capability.get(need.class_code, "unknown"), need.priority)]
        cell[0] += need.quantity
        result = view.needs.get(need.ref)
        # Whole units per need, cut not rounded (39.6 planned units are 39: never a 100 %
        # for a need one unit short); a need the run left out as met keeps its deliveries.
        cell[1] += (whole_units(float(result.get("delivered") or 0.0)) if result is not None
                    else need.delivered)
    return [FillRateRow(cap, prio, req, done)
            for (cap, prio), (req, done) in sorted(totals.items())]
