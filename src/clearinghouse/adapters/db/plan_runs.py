"""Stored plan runs and their allocations (the planner's results, for review and approval)."""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

from clearinghouse.adapters.db.audit import AuditLog, Change, as_utc, utc_now
from clearinghouse.adapters.db.read_memo import remembered
from clearinghouse.adapters.db.repositories import RecordNotFound
from clearinghouse.adapters.db.tables import plan_allocations, plan_runs
from clearinghouse.planning.plan import Allocation

ENTITY = "plan_runs"


@dataclass(frozen=True, slots=True)
class PlanRun:
    id: int
    created_at: datetime
    actor: str
    inputs_version: str
    settings: dict[str, Any]
    status: str
    value: float | None
    lp_bound: float | None
    summary: dict[str, Any] | None
    approved_at: datetime | None
    approved_by: str | None = None


class PlanRunRepository:
    """Plan runs: created (e.g. queued), given a result, approved — each step audited."""

    def __init__(self, connection: Connection, audit: AuditLog) -> None:
        self._connection = connection
        self._audit = audit

    def add(self, inputs_version: str, settings: Mapping[str, Any],
            status: str = "queued") -> PlanRun:
        """Store a new run of the inputs with this hash under these settings."""
        now = utc_now()
        run_id: int = self._connection.execute(insert(plan_runs).values(
            created_at=now, actor=self._audit.actor, inputs_version=inputs_version,
            settings=dict(settings), status=status).returning(plan_runs.c.id)).scalar_one()
        run = self.require(run_id)
        self._audit.record(Change("create", ENTITY, str(run_id), None, _snapshot(run)), now)
        return run

    def record_result(self, run_id: int, *, status: str, value: float | None,
                      lp_bound: float | None, summary: Mapping[str, Any] | None,
                      allocations: Sequence[Allocation]) -> PlanRun:
        """Store a run's outcome and its allocations (replacing none: a run is solved once)."""
        before = self.require(run_id)
        self._connection.execute(update(plan_runs).where(plan_runs.c.id == run_id).values(
            status=status, value=value, lp_bound=lp_bound,
            summary=None if summary is None else dict(summary)))
        if allocations:
            self._connection.execute(insert(plan_allocations), [
                {"run_id": run_id, **asdict(a)} for a in allocations])
        after = self.require(run_id)
        self._audit.record(Change("update", ENTITY, str(run_id), _snapshot(before),
                                  {**_snapshot(after), "allocations": len(allocations)}))
        return after

    def fail_unfinished(self, run_ids: Sequence[int]) -> int:
        """Mark failed those of these runs still queued or running (their job is gone)."""
        failed = 0
        for run_id in run_ids:
            run = self.get(run_id)
            if run is not None and run.status in ("queued", "running"):
                self.record_result(run_id, status="failed", value=None, lp_bound=None,
                                   summary=None, allocations=[])
                failed += 1
        return failed

    def approve(self, run_id: int) -> PlanRun:
        """Mark the run approved now (the plan the cell executes)."""
        before = self.require(run_id)
        if before.approved_at is not None:
            return before
        self._connection.execute(update(plan_runs).where(plan_runs.c.id == run_id)
                                 .values(approved_at=utc_now(), approved_by=self._audit.actor))
        after = self.require(run_id)
        self._audit.record(Change("transition", ENTITY, str(run_id), _snapshot(before),
                                  _snapshot(after)))
        return after

    def get(self, run_id: int) -> PlanRun | None:
        row = self._connection.execute(
            select(plan_runs).where(plan_runs.c.id == run_id)).first()
        return None if row is None else _run(row)

    def list(self) -> builtins.list[PlanRun]:
        """All runs, newest first, without their summaries (``summary`` None: a summary holds
        every need, megabytes on a large picture; read one run's with :meth:`get`)."""
        headline = [c for c in plan_runs.c if c.name != "summary"]
        query = select(*headline).order_by(plan_runs.c.id.desc())
        return [_run(row) for row in self._connection.execute(query)]

    def approved(self) -> PlanRun | None:
        """The plan the cell executes: the run approved last, or None while none is."""
        query = (select(plan_runs).where(plan_runs.c.approved_at.is_not(None))
                 .order_by(plan_runs.c.approved_at.desc(), plan_runs.c.id.desc()).limit(1))
        row = self._connection.execute(query).first()
        return None if row is None else _run(row)

    def allocations(self, run_id: int) -> builtins.list[Allocation]:
        """The run's allocations (read once per :func:`read_memo.reading_once` block: a
        run's allocations never change once stored)."""
        c = plan_allocations.c
        query = (select(c.offer, c.need, c.hub, c.producer, c.month, c.quantity, c.tonnes)
                 .where(c.run_id == run_id).order_by(c.id))
        return remembered(
            ("allocations", id(self._connection.engine), run_id),
            lambda: [Allocation(*row) for row in self._connection.execute(query)])  # type: ignore[arg-type]

    def require(self, run_id: int) -> PlanRun:
        """The run, or RecordNotFound (NotFound once it leaves the unit of work)."""
        run = self.get(run_id)
        if run is None:
            raise RecordNotFound(f"plan run {run_id} does not exist")
        return run


def _run(row: Row[Any]) -> PlanRun:
    return PlanRun(
        id=row.id, created_at=as_utc(row.created_at), actor=row.actor,
        inputs_version=row.inputs_version, settings=row.settings, status=row.status,
        value=row.value, lp_bound=row.lp_bound, summary=row._mapping.get("summary"),
        approved_at=None if row.approved_at is None else as_utc(row.approved_at),
        approved_by=row.approved_by)


def _snapshot(run: PlanRun) -> dict[str, Any]:
    # The summary can hold every need: the audit keeps the run's headline fields only.
    return {"status": run.status, "inputs_version": run.inputs_version,
            "settings": run.settings, "value": run.value, "lp_bound": run.lp_bound,
            "approved_at": None if run.approved_at is None else run.approved_at.isoformat(),
            "approved_by": run.approved_by}
