"""The audit log: who changed what, when, with the record before and after."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Connection, select

from clearinghouse.adapters.db.bulk import insert_rows
from clearinghouse.adapters.db.tables import audit_log

Action = Literal["create", "update", "delete", "transition"]
Snapshot = Mapping[str, Any] | None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
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
            {"action": c.action, "entity": c.entity, "key": c.key, "before": c.before,
             "after": c.after} for c in changes
        ], {"at": at or utc_now(), "actor": self.actor})

    def list(self, entity: str | None = None, key: str | None = None) -> list[AuditEntry]:
        """Audit entries, oldest first, optionally of one entity (table) and key."""
        query = select(audit_log).order_by(audit_log.c.id)
        if entity is not None:
            query = query.where(audit_log.c.entity == entity)
        if key is not None:
            query = query.where(audit_log.c.key == key)
        return [AuditEntry(id=r.id, at=as_utc(r.at), actor=r.actor, action=r.action,
                           entity=r.entity, key=r.key, before=r.before, after=r.after)
                for r in self._connection.execute(query)]


def as_utc(at: datetime) -> datetime:
    """The timestamp with its UTC zone (SQLite keeps none; every timestamp we write is UTC)."""
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)
