"""Long work as jobs: submitted, run on a worker pool off the request path, stored as records
(status, progress, result) so that a restart leaves none running forever."""

from __future__ import annotations

from concurrent.futures import Executor
from datetime import date
from typing import Any

from sqlalchemy import Engine

from clearinghouse.adapters.db.jobs import JobRow
from clearinghouse.config import Settings
from clearinghouse.services.errors import NotFound, UserError
from clearinghouse.services.records import Forbidden
from clearinghouse.services.unit_of_work import SqlUnitOfWork
from clearinghouse.services.users import Role, User


class Unavailable(UserError):
    """A part of the service (the planner) is missing from this installation."""


INTERRUPTED = "interrupted: the service restarted while the job was queued or running"


def fail_interrupted(engine: Engine) -> int:
    """Mark every queued or running job failed (called when the service starts)."""
    with SqlUnitOfWork(engine, "system") as uow:
        count = uow.jobs.fail_unfinished(INTERRUPTED)
        uow.commit()
    return count


def _set(engine: Engine, job_id: int, **state: Any) -> None:
    with SqlUnitOfWork(engine, "system") as uow:
        uow.jobs.set_state(job_id, **state)
        uow.commit()


def _run_plan(engine: Engine, settings: Settings, job_id: int, actor: str, start: date,
              horizon: int) -> None:
    _set(engine, job_id, status="running", progress=0.1)
    try:
        # Imported here so that the service starts even while the planner is unavailable;
        # the job then fails with the reason instead.
        from clearinghouse.services.planning import plan_database

        result = plan_database(settings, start=start, horizon=horizon, out=None, actor=actor)
        plan = result.plan
        _set(engine, job_id, status="done", progress=1.0, result={
            "run_id": result.run_id, "status": str(plan.status), "value": plan.value,
            "lp_bound": plan.lp_bound})
    except Exception as e:  # any failure ends the job, with its reason, never a stuck job
        _set(engine, job_id, status="failed", progress=1.0, error=str(e) or type(e).__name__)


def submit_plan(engine: Engine, settings: Settings, executor: Executor, user: User, *,
                start: date, horizon: int) -> JobRow:
    """Queue a plan run of the database (coordinators only); the job's id tracks it."""
    if user.role is not Role.COORDINATOR:
        raise Forbidden(f"a {user.role} may not run plans")
    with SqlUnitOfWork(engine, user.name) as uow:
        job = uow.jobs.add("plan", user.name, {"start": start.isoformat(), "horizon": horizon})
        uow.commit()
    executor.submit(_run_plan, engine, settings, job.id, user.name, start, horizon)
    return job


def get_job(engine: Engine, user: User, job_id: int) -> JobRow:
    """A job submitted by this user (another user's job answers like a missing one)."""
    with SqlUnitOfWork(engine, user.name) as uow:
        job = uow.jobs.get(job_id)
    if job is None or job.actor != user.name:
        raise NotFound(f"job {job_id} does not exist")
    return job


def approve_plan(settings: Settings, user: User, run_id: int) -> dict[str, int]:
    """Approve a stored plan run (coordinators only)."""
    if user.role is not Role.COORDINATOR:
        raise Forbidden(f"a {user.role} may not approve plans")
    try:
        from clearinghouse.services.planning import approve_run
    except ImportError as e:
        raise Unavailable(f"the planner is not available in this installation: {e}") from e
    approval = approve_run(settings, run_id, actor=user.name)
    return {"run_id": approval.run_id, "needs_changed": approval.needs_changed,
            "offers_changed": approval.offers_changed}
