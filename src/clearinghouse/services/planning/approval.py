"""Approve a stored plan run: one use case for every interface (the API and the web pages
pass the signed-in coordinator, the command line the database operator). It needs no solver,
so the service approves runs even where the planner is missing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.formats import whole_units
from clearinghouse.domain.lifecycle import PLANNED_NEEDS, OfferStatus
from clearinghouse.domain.releasability import is_released_to
from clearinghouse.services.errors import UserError
from clearinghouse.services.records.records import Forbidden
from clearinghouse.services.records.users import Role, User
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork


@dataclass(frozen=True, slots=True)
class Approval:
    run_id: int
    needs_changed: int
    offers_changed: int

    def describe(self) -> str:
        return (f"Plan run {self.run_id} approved: planned quantities of {self.needs_changed} "
                f"needs set, {self.offers_changed} offers changed status (needs change status "
                "only as deliveries are recorded)")



def approve_run(engine: Engine, user: User, run_id: int) -> Approval:
    """Approve a stored run (coordinators): its offers become allocated, and every need's
    *planned* quantity becomes what the run provides to it — never its status, which only
    deliveries move (SPEC §2). The counts reported back are of records the user's nation
    sees (the operator: every record)."""
    if user.role is not Role.COORDINATOR:
        raise Forbidden(f"a {user.role} may not approve plans")
    nation = None if user.whole_view else user.nation
    with SqlUnitOfWork(engine, user.name, writes=True) as uow:
        run = uow.plan_runs.require(run_id)
        if run.summary is None:
            raise UserError(f"plan run {run_id} has no result ({run.status}); "
                            "only a finished run can be approved")
        planned = {ref: whole_units(float(n.get("delivered") or 0.0))
                   for ref, n in run.summary.get("needs", {}).items()}
        allocated = {a.offer for a in uow.plan_runs.allocations(run_id) if a.hub}
        try:
            needs_changed = _plan_needs(uow, planned, nation)
            offers_changed = _mark_offers(uow, allocated, nation)
        except DomainError as e:
            raise UserError(f"cannot approve run {run_id}: {e}") from e
        uow.plan_runs.approve(run_id)
        uow.commit()
    return Approval(run_id, needs_changed, offers_changed)


def _seen(record: Any, nation: str | None, owner: str | None) -> bool:
    return nation is None or is_released_to(record.releasability, nation) or owner == nation


def _plan_needs(uow: SqlUnitOfWork, planned: dict[str, int], nation: str | None) -> int:
    """Set each need's planned quantity; a live need the run leaves out is planned 0."""
    changed = 0
    for stored in uow.needs.list():
        need = stored.record
        if need.ref in planned:
            units = planned[need.ref]
        elif need.status in PLANNED_NEEDS:
            units = 0
        else:
            continue  # closed, cancelled, met or draft: its planned figure stays as it was
        before = need.planned
        need.plan(units)
        if need.planned != before:
            uow.needs.update(need, expected_version=stored.version)
            changed += _seen(need, nation, getattr(need, "owner", None))
    return changed


def _mark_offers(uow: SqlUnitOfWork, allocated: set[str], nation: str | None) -> int:
    changed = 0
    for stored in uow.offers.list():
        offer = stored.record
        if offer.ref in allocated and offer.status in (OfferStatus.OFFERED, OfferStatus.ACCEPTED):
            if offer.status is OfferStatus.OFFERED:
                offer.move_to(OfferStatus.ACCEPTED)
            offer.move_to(OfferStatus.ALLOCATED)
        elif offer.ref not in allocated and offer.status is OfferStatus.ALLOCATED:
            offer.move_to(OfferStatus.ACCEPTED)
        else:
            continue
        uow.offers.transition(offer, expected_version=stored.version)
        changed += _seen(offer, nation, offer.donor)
    return changed
