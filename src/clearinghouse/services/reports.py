"""Reports on what the user's nation may see: fill rate by capability and priority, hub
tonnes per month of the approved plan, and plan runs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from clearinghouse.adapters.db.listing import page, visible_to
from clearinghouse.domain.lifecycle import NeedStatus
from clearinghouse.planning.plan import Allocation
from clearinghouse.services.errors import NotFound
from clearinghouse.services.unit_of_work import SqlUnitOfWork
from clearinghouse.services.users import User

NOT_COUNTED = frozenset({NeedStatus.DRAFT, NeedStatus.CANCELLED})


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
class HubMonth:
    hub: str
    month: int
    tonnes: float
    capacity_t: float


@dataclass(frozen=True, slots=True)
class PlanView:
    id: int
    created_at: datetime
    status: str
    approved_at: datetime | None
    settings: dict[str, Any]
    needs: dict[str, Any]
    allocations: list[Allocation]


def _visible_all(uow: SqlUnitOfWork, sheet: str, nation: str,
                 owner: str | None = None) -> list[Any]:
    stored, _ = page(uow.connection, sheet, visible=visible_to(sheet, nation, owner),
                     filters={}, sort=None, limit=2**62, offset=0)
    return [s.record for s in stored]


def fill_rates(engine: Engine, user: User) -> list[FillRateRow]:
    """Requested and delivered units of the visible live needs, by capability and priority."""
    with SqlUnitOfWork(engine, user.name) as uow:
        needs = _visible_all(uow, "needs", user.nation)
        capability = {i.class_code: i.capability for i in _visible_all(uow, "items", "ALL")}
    totals: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for need in needs:
        if need.status in NOT_COUNTED:
            continue
        cell = totals[(capability.get(need.class_code, "unknown"), need.priority)]
        cell[0] += need.quantity
        cell[1] += need.delivered
    return [FillRateRow(cap, prio, req, done)
            for (cap, prio), (req, done) in sorted(totals.items())]


def _visible_allocations(uow: SqlUnitOfWork, user: User,
                         run_id: int) -> list[Allocation]:
    needs = {n.ref for n in _visible_all(uow, "needs", user.nation)}
    offers = {o.ref for o in _visible_all(uow, "offers", user.nation, "donor")}
    funding = {f.ref for f in _visible_all(uow, "funding", user.nation, "donor")}
    # An allocation is shown only when both its need and its source are visible.
    return [a for a in uow.plan_runs.allocations(run_id)
            if a.need in needs and (a.offer in offers if a.hub else a.offer in funding)]


def hub_tonnes(engine: Engine, user: User) -> list[HubMonth]:
    """Tonnes per hub and month in the approved plan, counting only visible allocations."""
    with SqlUnitOfWork(engine, user.name) as uow:
        approved = [r for r in uow.plan_runs.list() if r.approved_at is not None]
        if not approved:
            return []
        run = max(approved, key=lambda r: r.approved_at or r.created_at)
        hubs = {h.code: h.capacity_t_per_month for h in _visible_all(uow, "hubs", "ALL")}
        tonnes: dict[tuple[str, int], float] = defaultdict(float)
        for a in _visible_allocations(uow, user, run.id):
            if a.hub is not None:
                tonnes[(a.hub, a.month)] += a.tonnes
    return [HubMonth(hub, month, t, hubs.get(hub, 0.0))
            for (hub, month), t in sorted(tonnes.items())]


def plan_view(engine: Engine, user: User, run_id: int) -> PlanView:
    """A stored plan run as the user's nation may see it: its visible needs and allocations."""
    with SqlUnitOfWork(engine, user.name) as uow:
        run = uow.plan_runs.get(run_id)
        if run is None:
            raise NotFound(f"plan run {run_id} does not exist")
        visible_needs = {n.ref for n in _visible_all(uow, "needs", user.nation)}
        allocations = _visible_allocations(uow, user, run_id)
    needs = {ref: result for ref, result in ((run.summary or {}).get("needs") or {}).items()
             if ref in visible_needs}
    return PlanView(run.id, run.created_at, run.status, run.approved_at, run.settings, needs,
                    allocations)
