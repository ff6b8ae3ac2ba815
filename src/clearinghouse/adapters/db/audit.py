"""The audit log: who changed what, when, with the record before and after."""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal
from uuid import uuid4

from sqlalchemy import ColumnElement, Connection, func, select

from clearinghouse.adapters.db.bulk import insert_rows
from clearinghouse.adapters.db.tables import audit_log

Action = Literal["create", "update", "delete", "transition"]
Snapshot = Mapping[str, Any] | None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    uid: str
    at: datetime
    actor: str
    action: Action
    entity: str
    key: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class Change:
    """One audited write: ``before`` is None for a create, ``after`` None for a delete."""

    action: Action
    entity: str
    key: str
    before: Snapshot
    after: Snapshot


def utc_now() -> datetime:
    return datetime.now(UTC)


class AuditLog:
    """Writes audit rows in the caller's transaction; reads them back for reports and tests."""

    def __init__(self, connection: Connection, actor: str) -> None:
        self._connection = connection
        self.actor = actor

    def record(self, change: Change, at: datetime | None = None) -> None:
        """Write one audit row."""
        self.record_many([change], at)

    def record_many(self, changes: Sequence[Change], at: datetime | None = None) -> None:
        """Write one audit row per change, in one round trip."""
        if not changes:
            return
        insert_rows(self._connection, audit_log, [
            {"uid": uuid4().hex, "action": c.action, "entity": c.entity, "key": c.key,
             "before": c.before, "after": c.after} for c in changes
        ], {"at": at or utc_now(), "actor": self.actor})

    def list(self, entity: str | None = None, key: str | None = None) -> list[AuditEntry]:
        """Audit entries, oldest first, optionally of one entity (table) and key."""
        query = select(audit_log).order_by(audit_log.c.id)
        if entity is not None:
            query = query.where(audit_log.c.entity == entity)
        if key is not None:
            query = query.where(audit_log.c.key == key)
        return [_entry(r) for r in self._connection.execute(query)]

    def page(self, *, visible: ColumnElement[bool], entity: str | None = None,
             key: str | None = None, limit: int, offset: int, actor: str | None = None,
             since: datetime | None = None,
             until: datetime | None = None) -> tuple[builtins.list[AuditEntry], int]:
        """Entries satisfying ``visible`` (and of ``entity``/``key``/``actor`` when given,
        at or after ``since`` and before ``until``), newest first, from ``offset`` on, and
        how many satisfy it in all — paged in SQL."""
        conditions = [visible]
        if entity is not None:
            conditions.append(audit_log.c.entity == entity)
        if key is not None:
            conditions.append(audit_log.c.key == key)
        if actor is not None:
            conditions.append(audit_log.c.actor == actor)
        if since is not None:
            conditions.append(audit_log.c.at >= self._stored_time(since))
        if until is not None:
            conditions.append(audit_log.c.at < self._stored_time(until))
        total = int(self._connection.execute(
            select(func.count()).select_from(audit_log).where(*conditions)).scalar_one())
        query = (select(audit_log).where(*conditions).order_by(audit_log.c.id.desc())
                 .limit(limit).offset(offset))
        return [_entry(r) for r in self._connection.execute(query)], total

    def _stored_time(self, at: datetime) -> datetime:
        """``at`` as the column compares it: in UTC, naive on SQLite (which keeps no zone)."""
        utc = as_utc(at).astimezone(UTC)
        return utc.replace(tzinfo=None) if self._connection.dialect.name == "sqlite" else utc


def _entry(r: Any) -> AuditEntry:
    return AuditEntry(id=r.id, uid=r.uid, at=as_utc(r.at), actor=r.actor, action=r.action,
                      entity=r.entity, key=r.key, before=r.before, after=r.after)


def as_utc(at: datetime) -> datetime:
    """The timestamp with its UTC zone (SQLite keeps none; every timestamp we write is UTC)."""
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)
