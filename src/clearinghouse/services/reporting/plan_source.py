"""Which plan a plan-derived figure comes from, in words: every such figure on the
dashboard, the reports and the API comes from the approved plan and says so; without one it
says that no plan is approved yet — never a later run that nobody approved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from clearinghouse.adapters.db.plan_runs import PlanRun
from clearinghouse.domain.formats import utc_minute
from clearinghouse.services.records.users import User
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

NO_PLAN = "no plan approved yet"


@dataclass(frozen=True, slots=True)
class PlanSource:
    """The approved plan run behind a figure (``run_id`` None: none is approved)."""

    run_id: int | None
    approved_at: datetime | None = None
    approved_by: str | None = None

    @property
    def label(self) -> str:
        """``approved plan run 3, approved 2026-12-02 14:05 UTC by alice`` or
        ``no plan approved yet``."""
        if self.run_id is None:
            return NO_PLAN
        by = f" by {self.approved_by}" if self.approved_by else ""
        return f"approved plan run {self.run_id}, approved {utc_minute(self.approved_at)}{by}"


def source_of(run: PlanRun | None) -> PlanSource:
    """The source a figure of ``run`` (the approved run, or None) names."""
    if run is None or run.approved_at is None:
        return PlanSource(None)
    return PlanSource(run.id, run.approved_at, run.approved_by)


def approved_source(engine: Engine, user: User) -> PlanSource:
    """The approved plan the cell executes now (plan runs are the cell's: every user may
    know which one is approved)."""
    with SqlUnitOfWork(engine, user.name) as uow:
        return source_of(uow.plan_runs.approved())


def run_label(run_id: int, status: str, approved_at: datetime | None,
              current: PlanSource) -> str:
    """How a page showing plan run ``run_id`` labels it: the approved plan, an earlier
    approved plan, or a proposal nobody approved (whose figures are not the cell's)."""
    if current.run_id == run_id:
        return f"this is the {current.label}"
    if approved_at is not None:
        return (f"approved {utc_minute(approved_at)}, since replaced — the cell executes "
                f"{current.label}")
    return (f"not approved ({status}): a proposal — the dashboard and reports show "
            f"{current.label}")
