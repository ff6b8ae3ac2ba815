"""Background jobs as records: queued → running → done | failed, with progress and result."""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, func, insert, select, update

from clearinghouse.adapters.db.audit import as_utc, utc_now
from clearinghouse.adapters.db.tables import jobs

UNFINISHED = ("queued", "running")


@dataclass(frozen=True, slots=True)
class JobRow:
    id: int
    kind: str
    actor: str
    status: str
    progress: float
    params: dict[str, Any]
    result: dict[str, Any] | None
    error: str | None
    created_at: datetime
    updated_at: datetime


class JobRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, kind: str, actor: str, params: Mapping[str, Any]) -> JobRow:
        """Store a new queued job."""
        now = utc_now()
        job_id: int = self._connection.execute(insert(jobs).values(
            kind=kind, actor=actor, status="queued", progress=0.0, params=dict(params),
            created_at=now, updated_at=now).returning(jobs.c.id)).scalar_one()
        job = self.get(job_id)
        assert job is not None
        return job

    def get(self, job_id: int) -> JobRow | None:
        row = self._connection.execute(select(jobs).where(jobs.c.id == job_id)).first()
        return None if row is None else _job(row)

    def list(self, actor: str | None = None) -> builtins.list[JobRow]:
        """Jobs, newest first, optionally of one actor."""
        query = select(jobs).order_by(jobs.c.id.desc())
        if actor is not None:
            query = query.where(jobs.c.actor == actor)
        return [_job(row) for row in self._connection.execute(query)]

    def unfinished(self, actor: str | None = None) -> int:
        """How many jobs are queued or running (of ``actor``, or of everyone)."""
        query = select(func.count()).select_from(jobs).where(jobs.c.status.in_(UNFINISHED))
        if actor is not None:
            query = query.where(jobs.c.actor == actor)
        return int(self._connection.execute(query).scalar_one())

    def set_state(self, job_id: int, *, status: str, progress: float,
                  result: Mapping[str, Any] | None = None, error: str | None = None) -> None:
        """Move the job on; ``result`` and ``error`` are written when given (a running plan
        job keeps the result naming its run)."""
        values: dict[str, Any] = {"status": status, "progress": progress,
                                  "updated_at": utc_now()}
        if result is not None:
            values["result"] = dict(result)
        if error is not None:
            values["error"] = error
        self._connection.execute(update(jobs).where(jobs.c.id == job_id).values(**values))

    def touch(self, job_ids: Sequence[int]) -> None:
        """The heartbeat: these unfinished jobs are still held by a live worker."""
        self._connection.execute(update(jobs).where(
            jobs.c.id.in_(list(job_ids)), jobs.c.status.in_(UNFINISHED))
            .values(updated_at=utc_now()))

    def fail_unfinished(self, reason: str, *, silent_since: datetime,
                        job_id: int | None = None) -> builtins.list[JobRow]:
        """Mark failed the queued or running jobs with no heartbeat since ``silent_since``
        (their worker is gone); return them as they were."""
        query = select(jobs).where(jobs.c.status.in_(UNFINISHED),
                                   jobs.c.updated_at < silent_since)
        if job_id is not None:
            query = query.where(jobs.c.id == job_id)
        silent = [_job(row) for row in self._connection.execute(query)]
        if silent:
            # The status is checked again: a job that finished meanwhile keeps its result.
            self._connection.execute(update(jobs).where(
                jobs.c.id.in_([j.id for j in silent]), jobs.c.status.in_(UNFINISHED))
                .values(status="failed", error=reason, updated_at=utc_now()))
        return silent

    def link_run(self, job_id: int, run_id: int) -> None:
        """Name the plan run the job has started (its result until it finishes)."""
        self._connection.execute(update(jobs).where(jobs.c.id == job_id)
                                 .values(result={"run_id": run_id}, updated_at=utc_now()))


def _job(row: Row[Any]) -> JobRow:
    return JobRow(row.id, row.kind, row.actor, row.status, row.progress, row.params,
                  row.result, row.error, as_utc(row.created_at), as_utc(row.updated_at))
