"""The dashboard's work queue: what waits on this user's action, by role, with links.

Coordinators approve plans and validate needs; a recipient liaison chases the overdue needs its
nation owns (or, with no owner recorded, receives); a donor liaison sees its offers still
awaiting acceptance; a logistician sees shipments late. Every role sees the mandates
ending. Only records released to the user's nation are counted
(SPEC §1.1): a hidden record never appears, nor in a count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine

from clearinghouse.adapters.db.listing import visible_records
from clearinghouse.domain.formats import utc_minute
from clearinghouse.domain.lifecycle import PLANNED_NEEDS, NeedStatus, OfferStatus
from clearinghouse.domain.needs import Need
from clearinghouse.domain.offers import Offer
from clearinghouse.domain.shipments import CLOSED
from clearinghouse.services.logistics.shipment_views import released
from clearinghouse.services.records.resources import owner_of
from clearinghouse.services.records.users import Role, User
from clearinghouse.services.reporting.dashboard import mandates_ending
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

#: Plan runs whose result is not (yet) a plan: nothing to approve.
UNFINISHED_RUNS = frozenset({"queued", "running", "failed"})
#: Rows shown per task; the task's link leads to the full list.
SHOWN = 10


@dataclass(frozen=True, slots=True)
class Row:
    """One record waiting: its label, link and what to say about it."""

    label: str
    href: str
    note: str


@dataclass(frozen=True, slots=True)
class Task:
    """One kind of work waiting (e.g. "Needs to validate"), its count and first rows."""

    key: str
    title: str
    count: int
    href: str
    rows: list[Row] = field(default_factory=list)
    empty: str = "Nothing waiting."


def _task(key: str, title: str, href: str, rows: list[Row], empty: str) -> Task:
    return Task(key, title, len(rows), href, rows[:SHOWN], empty)


def _plans_awaiting(uow: SqlUnitOfWork) -> list[Row]:
    runs = uow.plan_runs.list()
    approved = [r for r in runs if r.approved_at is not None]
    last = max((r.id for r in approved), default=0)
    waiting = sorted((r for r in runs if r.id > last and r.approved_at is None
                      and r.status not in UNFINISHED_RUNS), key=lambda r: -r.id)
    return [Row(f"Plan run {r.id}", f"/ui/plans/{r.id}",
                f"{r.status}, run {utc_minute(r.created_at)} by {r.actor}") for r in waiting]


def _needs(uow: SqlUnitOfWork, user: User) -> list[Need]:
    return visible_records(uow.connection, "needs", user.nation, owner_of("needs"))


def _need_row(need: Need, note: str) -> Row:
    return Row(need.ref, f"/ui/needs/{need.ref}",
               f"{need.class_code}, {need.quantity} requested, priority {need.priority}, {note}")


def _coordinator(uow: SqlUnitOfWork, user: User) -> list[Task]:
    drafts = sorted((n for n in _needs(uow, user) if n.status is NeedStatus.DRAFT),
                    key=lambda n: (n.priority, n.due, n.ref))
    return [
        _task("plans", "Plans awaiting approval", "/ui/plans", _plans_awaiting(uow),
              "No finished plan run is newer than the approved plan."),
        _task("drafts", "Needs to validate", "/ui/needs?status=draft",
              [_need_row(n, f"due {n.due}") for n in drafts], "No draft need."),
    ]


def _recipient(uow: SqlUnitOfWork, user: User, today: date) -> list[Task]:
    overdue = sorted((n for n in _needs(uow, user)
                      if (n.owner or n.destination) == user.nation and n.due < today
                      and n.status in PLANNED_NEEDS), key=lambda n: (n.due, n.ref))
    return [_task("overdue", "Overdue needs", f"/ui/needs?due={today}&sort=due",
                  [_need_row(n, f"{n.delivered} delivered, due {n.due}") for n in overdue],
                  "No need of yours is past its due date unmet.")]


def _donor(uow: SqlUnitOfWork, user: User) -> list[Task]:
    offers: list[Offer] = visible_records(uow.connection, "offers", user.nation,
                                          owner_of("offers"))
    waiting = sorted((o for o in offers if o.donor == user.nation
                      and o.status is OfferStatus.OFFERED),
                     key=lambda o: (o.available, o.ref))
    rows = [Row(o.ref, f"/ui/offers/{o.ref}",
                f"{o.item}, {o.quantity} units, available {o.available}") for o in waiting]
    return [_task("offers", "Offers awaiting acceptance",
                  f"/ui/offers?donor={user.nation}&status=offered", rows,
                  "No offer of yours awaits acceptance.")]


def _logistician(uow: SqlUnitOfWork, user: User, today: date) -> list[Task]:
    shown = released(uow, user)
    late = sorted((s.shipment for s in uow.shipments.list()
                   if shown.shows(s.shipment) and s.shipment.arrives < today
                   and s.shipment.status not in CLOSED),
                  key=lambda s: (s.arrives, s.ref))
    rows = [Row(s.ref, f"/ui/shipments/{s.ref}",
                f"{s.status}, due to arrive {s.arrives} ({(today - s.arrives).days} days late)")
            for s in late]
    return [_task("late", "Shipments late", "/ui/shipments", rows,
                  "No shipment is past its planned arrival undelivered.")]


def work_queue(engine: Engine, user: User, today: date) -> list[Task]:
    """The tasks waiting on this user's role, then the mandates ending (every role)."""
    with SqlUnitOfWork(engine, user.name) as uow:
        if user.role is Role.COORDINATOR:
            tasks = _coordinator(uow, user)
        elif user.role is Role.RECIPIENT_LIAISON:
            tasks = _recipient(uow, user, today)
        elif user.role is Role.DONOR_LIAISON:
            tasks = _donor(uow, user)
        elif user.role is Role.LOGISTICIAN:
            tasks = _logistician(uow, user, today)
        else:
            tasks = []
    mandates = [Row(m.name, "/ui/training#mandate-watch",
                    f"ends {m.ends}" + (" (ended)" if m.ends < today else ""))
                for m in mandates_ending(engine, user, today)]
    return [*tasks, _task("mandates", "Mandates ending", "/ui/training#mandate-watch", mandates,
                          "No mandate ends within 90 days.")]
