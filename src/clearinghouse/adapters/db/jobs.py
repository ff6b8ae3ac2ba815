"""Background jobs as records: queued → running → done | failed, with progress and result."""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

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

    def set_state(self, job_id: int, *, status: str, progress: float,
                  result: Mapping[str, Any] | None = None, error: str | None = None) -> None:
        self._connection.execute(update(jobs).where(jobs.c.id == job_id).values(
            status=status, progress=progress, updated_at=utc_now(),
            result=None if result is None else dict(result), error=error))

    def touch(self, job_ids: Sequence[int]) -> None:
        """The heartbeat: these unfinished jobs are still held by a live worker."""
        self._connection.execute(update(jobs).where(
            jobs.c.id.in_(list(job_ids)), jobs.c.status.in_(UNFINISHED))
            .values(updated_at=utc_now()))

    def fail_unfinished(self, reason: str, *, silent_since: datetime,
                        job_id: int | None = None) -> int:
        """Mark failed the queued or running jobs with no heartbeat since ``silent_since``
        (their worker is gone); return how many."""
        query = update(jobs).where(jobs.c.status.in_(UNFINISHED),
                                   jobs.c.updated_at < silent_since)
        if job_id is not None:
            query = query.where(jobs.c.id == job_id)
        result = self._connection.execute(query.values(status="failed", error=reason,
                                                       updated_at=utc_now()))
        return int(result.rowcount)


def _job(row: Row[Any]) -> JobRow:
    return JobRow(row.id, row.kind, row.actor, row.status, row.progress, row.params,
                  row.result, row.error, as_utc(row.created_at), as_utc(row.updated_at))
