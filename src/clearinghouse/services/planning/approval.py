"""Approve a stored plan run: one use case for every interface (the API and the web pages
pass the signed-in coordinator, the command line the database operator). It needs no solver,
so the service approves runs even where the planner is missing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from clearinghouse.adapters.db.repositories import Stored
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


@dataclass(frozen=True, slots=True)
class ApprovalPreview:
    """What approving ``run_id`` would do, before it is done: the approved run it replaces
    (None: none approved yet) and how many needs and offers the user sees would change."""

    run_id: int
    replaces: int | None
    needs_changed: int
    offers_changed: int


@dataclass(frozen=True, slots=True)
class _Changes:
    """The records approval changes (moved in memory, not yet written)."""

    needs: list[Stored[Any]]
    offers: list[Stored[Any]]
    replaces: int | None


def _changes(uow: SqlUnitOfWork, run_id: int) -> _Changes:
    run = uow.plan_runs.require(run_id)
    if run.summary is None:
        raise UserError(f"plan run {run_id} has no result ({run.status}); "
                        "only a finished run can be approved")
    planned = {ref: whole_units(float(n.get("delivered") or 0.0))
               for ref, n in run.summary.get("needs", {}).items()}
    allocated = {a.offer for a in uow.plan_runs.allocations(run_id) if a.hub}
    approved = uow.plan_runs.approved()
    try:
        return _Changes(_planned_needs(uow, planned), _moved_offers(uow, allocated),
                        approved.id if approved is not None and approved.id != run_id
                        else None)
    except DomainError as e:
        raise UserError(f"cannot approve run {run_id}: {e}") from e


def _may_approve(user: User) -> None:
    if user.role is not Role.COORDINATOR:
        raise Forbidden(f"a {user.role} may not approve plans")


def preview_approval(engine: Engine, user: User, run_id: int) -> ApprovalPreview:
    """What :func:`approve_run` would change, counted as it counts (nothing is written)."""
    _may_approve(user)
    nation = None if user.whole_view else user.nation
    with SqlUnitOfWork(engine, user.name) as uow:
        changes = _changes(uow, run_id)
    return ApprovalPreview(run_id, changes.replaces, _count_needs(changes.needs, nation),
                           _count_offers(changes.offers, nation))


def approve_run(engine: Engine, user: User, run_id: int) -> Approval:
    """Approve a stored run (coordinators): its offers become allocated, and every need's
    *planned* quantity becomes what the run provides to it — never its status, which only
    deliveries move (SPEC §2). The counts reported back are of records the user's nation
    sees (the operator: every record)."""
    _may_approve(user)
    nation = None if user.whole_view else user.nation
    with SqlUnitOfWork(engine, user.name, writes=True) as uow:
        changes = _changes(uow, run_id)
        for stored in changes.needs:
            uow.needs.update(stored.record, expected_version=stored.version)
        for stored in changes.offers:
            uow.offers.transition(stored.record, expected_version=stored.version)
        uow.plan_runs.approve(run_id)
        uow.commit()
    return Approval(run_id, _count_needs(changes.needs, nation),
                    _count_offers(changes.offers, nation))


def _seen(record: Any, nation: str | None, owner: str | None) -> bool:
    return nation is None or is_released_to(record.releasability, nation) or owner == nation


def _count_needs(needs: list[Stored[Any]], nation: str | None) -> int:
    return sum(_seen(s.record, nation, getattr(s.record, "owner", None)) for s in needs)


def _count_offers(offers: list[Stored[Any]], nation: str | None) -> int:
    return sum(_seen(s.record, nation, s.record.donor) for s in offers)


def _planned_needs(uow: SqlUnitOfWork, planned: dict[str, int]) -> list[Stored[Any]]:
    """The needs whose planned quantity changes, planned anew (a live need the run leaves
    out is planned 0)."""
    changed = []
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
            changed.append(stored)
    return changed


def _moved_offers(uow: SqlUnitOfWork, allocated: set[str]) -> list[Stored[Any]]:
    """The offers whose status changes, moved: allocated when the run uses them, back to
    accepted when an allocated one is no longer used."""
    moved = []
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
        moved.append(stored)
    return moved
