"""Reports on what the user's nation may see: fill rate by capability and priority, hub
tonnes per month and donor shares of the approved plan, and plan runs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine

from clearinghouse.adapters.db.listing import visible_records
from clearinghouse.domain.formats import whole_units
from clearinghouse.domain.lifecycle import UNCOUNTED_NEEDS
from clearinghouse.domain.logistics import Hub, HubMonthLoad
from clearinghouse.domain.months import add_months, month_index
from clearinghouse.planning.plan import Allocation
from clearinghouse.planning.scenarios.dependency import hhi
from clearinghouse.services.errors import NotFound
from clearinghouse.services.records.users import User
from clearinghouse.services.reporting.churn_view import visible_churn
from clearinghouse.services.reporting.plan_source import PlanSource, source_of
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork


@dataclass(frozen=True, slots=True)
class FillRateRow:
    capability: str
    priority: int
    requested: int
    delivered: int

    @property
    def fill_rate(self) -> float:
        return self.delivered / self.requested if self.requested else 0.0


@dataclass(frozen=True, slots=True)
class ApprovedHubTonnes:
    """The approved plan's tonnes per hub and month; ``start`` is its first month (None and no
    loads while no plan is approved)."""

    start: date | None
    loads: list[HubMonthLoad]

    def plan_month(self, load: HubMonthLoad) -> int:
        """The plan month (0 = the start month) of one of the loads."""
        assert self.start is not None, "no plan is approved: there are no loads"
        return month_index(load.month, self.start)


@dataclass(frozen=True, slots=True)
class PlanView:
    id: int
    created_at: datetime
    status: str
    approved_at: datetime | None
    approved_by: str | None
    settings: dict[str, Any]
    needs: dict[str, Any]
    allocations: list[Allocation]
    churn: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class DonorShare:
    donor: str
    units: int
    tonnes: float
    share: float  # of the capability's units
    tonnes_share: float


@dataclass(frozen=True, slots=True)
class CapabilityShares:
    """A capability's planned units by donor, with the top share and the HHI (0..1) of the
    units' shares."""

    capability: str
    units: int
    tonnes: float
    donors: list[DonorShare]
    top_donor: str | None
    top_share: float
    hhi: float


@dataclass(frozen=True, slots=True)
class DonorSharesReport:
    source: PlanSource  # the approved run (run_id None while no run is approved)
    capabilities: list[CapabilityShares]

    @property
    def run_id(self) -> int | None:
        return self.source.run_id


def _visible_all(uow: SqlUnitOfWork, sheet: str, nation: str,
                 owner: str | None = None) -> list[Any]:
    return visible_records(uow.connection, sheet, nation, owner)


def delivered_fill_rates(engine: Engine, user: User) -> list[FillRateRow]:
    """Requested and delivered units of the visible live needs, by capability and priority."""
    with SqlUnitOfWork(engine, user.name) as uow:
        needs = _visible_all(uow, "needs", user.nation)
        capability = {i.class_code: i.capability for i in _visible_all(uow, "items", "ALL")}
    totals: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for need in needs:
        if need.status in UNCOUNTED_NEEDS:
            continue
        cell = totals[(capability.get(need.class_code, "unknown"), need.priority)]
        cell[0] += need.quantity
        cell[1] += need.delivered
    return [FillRateRow(cap, prio, req, done)
            for (cap, prio), (req, done) in sorted(totals.items())]


@dataclass(frozen=True, slots=True)
class _Visible:
    """The needs, offers and funding pledges the user's nation may see, by ref."""

    needs: dict[str, Any]
    offers: dict[str, Any]
    funding: dict[str, Any]

    def source(self, a: Allocation) -> Any:
        """The allocation's offer (through a hub) or funding pledge (produced), or None."""
        return self.offers.get(a.offer) if a.hub else self.funding.get(a.offer)


def _visible(uow: SqlUnitOfWork, user: User) -> _Visible:
    return _Visible({n.ref: n for n in _visible_all(uow, "needs", user.nation)},
                    {o.ref: o for o in _visible_all(uow, "offers", user.nation, "donor")},
                    {f.ref: f for f in _visible_all(uow, "funding", user.nation, "donor")})


def _visible_allocations(uow: SqlUnitOfWork, user: User, run_id: int,
                         visible: _Visible | None = None) -> list[Allocation]:
    seen = visible or _visible(uow, user)
    # An allocation is shown only when both its need and its source are visible.
    return [a for a in uow.plan_runs.allocations(run_id)
            if a.need in seen.needs and seen.source(a) is not None]


def hub_tonnes(engine: Engine, user: User) -> ApprovedHubTonnes:
    """Tonnes per hub and month in the approved plan, counting only visible allocations,
    against what the hub can move that month."""
    with SqlUnitOfWork(engine, user.name) as uow:
        run = uow.plan_runs.approved()
        if run is None:
            return ApprovedHubTonnes(None, [])
        start = date.fromisoformat(run.settings["start"])
        hubs = {h.code: h for h in _visible_all(uow, "hubs", "ALL")}
        tonnes: dict[tuple[str, int], float] = defaultdict(float)
        for a in _visible_allocations(uow, user, run.id):
            if a.hub is not None:
                tonnes[(a.hub, a.month)] += a.tonnes
    return ApprovedHubTonnes(start, [
        HubMonthLoad(code, add_months(start, month), _capacity(hubs.get(code), month, start), t)
        for (code, month), t in sorted(tonnes.items())])


def _capacity(hub: Hub | None, month: int, start: date) -> float:
    return hub.capacity_t_per_month if hub is not None and hub.is_open(month, start) else 0.0


def plan_view(engine: Engine, user: User, run_id: int) -> PlanView:
    """A stored plan run as the user's nation may see it: its visible needs and allocations."""
    with SqlUnitOfWork(engine, user.name) as uow:
        run = uow.plan_runs.get(run_id)
        if run is None:
            raise NotFound(f"plan run {run_id} does not exist")
        visible = _visible(uow, user)
        allocations = _visible_allocations(uow, user, run_id, visible)
    # A need's fulfilment goes with the need (SPEC §1.1), with what it asked for beside it.
    needs = {ref: {**result, "requested": visible.needs[ref].quantity,
                   "priority": visible.needs[ref].priority}
             for ref, result in ((run.summary or {}).get("needs") or {}).items()
             if ref in visible.needs}
    return PlanView(run.id, run.created_at, run.status, run.approved_at, run.approved_by,
                    run.settings, needs, allocations, visible_churn(run.summary, visible.needs))


def donor_shares(engine: Engine, user: User) -> DonorSharesReport:
    """Per capability of the needs served, each donor's share of the units (and tonnes) of
    the approved plan, counting only allocations whose need and offer or pledge the user's
    nation may see — a hidden record's units and its donor never enter a total."""
    with SqlUnitOfWork(engine, user.name) as uow:
        run = uow.plan_runs.approved()
        if run is None:
            return DonorSharesReport(source_of(None), [])
        visible = _visible(uow, user)
        capability = {i.class_code: i.capability for i in _visible_all(uow, "items", "ALL")}
        allocations = _visible_allocations(uow, user, run.id, visible)
    cells: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0, 0.0]))
    for a in allocations:
        need_class = visible.needs[a.need].class_code
        cell = cells[capability.get(need_class, "unknown")][visible.source(a).donor]
        cell[0] += a.quantity
        cell[1] += a.tonnes
    return DonorSharesReport(source_of(run), [_shares(cap, by_donor)
                                      for cap, by_donor in sorted(cells.items())])


def _shares(capability: str, by_donor: dict[str, list[float]]) -> CapabilityShares:
    units = int(sum(u for u, _ in by_donor.values()))
    tonnes = sum(t for _, t in by_donor.values())
    donors = [DonorShare(d, int(u), t, u / units if units else 0.0,
                         t / tonnes if tonnes else 0.0)
              for d, (u, t) in sorted(by_donor.items()) if u]
    top = max(donors, key=lambda s: s.share, default=None)  # first donor (by code) on ties
    return CapabilityShares(capability, units, tonnes, donors,
                            top.donor if top else None, top.share if top else 0.0,
                            hhi([s.share for s in donors]))


@dataclass(frozen=True, slots=True)
class PriorityRow:
    """Units a plan gives the visible needs of one priority: what users read beside the
    priority-weighted value."""

    priority: int
    needs: int
    requested: int
    planned: int


def priority_rows(view: PlanView) -> list[PriorityRow]:
    """Per priority, the visible needs of the run, their requested and planned whole units."""
    cells: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for result in view.needs.values():
        cell = cells[int(result.get("priority") or 0)]
        cell[0] += 1
        cell[1] += int(result.get("requested") or 0)
        cell[2] += whole_units(float(result.get("delivered") or 0.0))
    return [PriorityRow(p, n, r, d) for p, (n, r, d) in sorted(cells.items())]
