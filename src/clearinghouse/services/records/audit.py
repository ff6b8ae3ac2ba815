"""Reading the audit log, as far as the user's nation may see the records it describes.

Which entries a nation may read is one SQL condition (``adapters.db.audit_visibility``), so
pages and the total are counted in the database over readable entries only. Plan-run entries
lose their figures (value, bound, inputs' fingerprint, allocation count): those add up over
every record, hidden ones included, as the plan pages leave them out too.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine

from clearinghouse.adapters.db.audit import AuditEntry
from clearinghouse.adapters.db.audit_visibility import PLAN_RUNS, audit_visible_to
from clearinghouse.services.records.records import Forbidden
from clearinghouse.services.records.resources import AUDIT_READERS, RESOURCES
from clearinghouse.services.records.users import User
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

#: Fields of a plan run's snapshot computed over every record, hidden ones included.
RUN_FIGURES = frozenset({"value", "lp_bound", "inputs_version", "allocations"})
OWNERS = {sheet: res.owner_field for sheet, res in RESOURCES.items()}


@dataclass(frozen=True, slots=True)
class AuditPage:
    entries: list[AuditEntry]
    total: int


def _without_figures(snapshot: dict[str, Any] | None) -> dict[str, Any] | None:
    if snapshot is None:
        return None
    return {k: v for k, v in snapshot.items() if k not in RUN_FIGURES}


def _shown(entry: AuditEntry) -> AuditEntry:
    if entry.entity != PLAN_RUNS:
        return entry
    return dataclasses.replace(entry, before=_without_figures(entry.before),
                               after=_without_figures(entry.after))


def list_audit(engine: Engine, user: User, *, entity: str | None, key: str | None,
               limit: int, offset: int, actor: str | None = None,
               since: datetime | None = None, until: datetime | None = None) -> AuditPage:
    """Audit entries, newest first, about records the user's nation may see (coordinators
    and auditors); ``total`` counts only those entries."""
    if user.role not in AUDIT_READERS:
        raise Forbidden(f"a {user.role} may not read the audit log")
    with SqlUnitOfWork(engine, user.name) as uow:
        visible = audit_visible_to(uow.connection, user.nation, OWNERS)
        entries, total = uow.audit.page(visible=visible, entity=entity, key=key,
                                        limit=limit, offset=offset, actor=actor,
                                        since=since, until=until)
    return AuditPage([_shown(e) for e in entries], total)


def audit_csv(entries: list[AuditEntry]) -> str:
    """Audit entries as CSV: when (UTC), who, what, which record, and the changed fields."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["at_utc", "actor", "action", "entity", "key", "changes"])
    for e in entries:
        writer.writerow([e.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"), e.actor,
                         e.action, e.entity, e.key, changes(e)])
    return buffer.getvalue()


def changes(entry: AuditEntry) -> str:
    """The fields an entry changed, ``field: before → after``, separated by ``; ``."""
    before, after = entry.before or {}, entry.after or {}
    return "; ".join(f"{k}: {before.get(k, '')} → {after.get(k, '')}"
                     for k in sorted(set(before) | set(after))
                     if before.get(k) != after.get(k))
