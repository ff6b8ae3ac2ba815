"""Reading the audit log, as far as the user's nation may see the records it describes.

Which entries a nation may read is one SQL condition (``adapters.db.audit_visibility``), so
pages and the total are counted in the database over readable entries only. Plan-run entries
lose their figures (value, bound, inputs' fingerprint, allocation count): those add up over
every record, hidden ones included, as the plan pages leave them out too.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
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
               limit: int, offset: int) -> AuditPage:
    """Audit entries, newest first, about records the user's nation may see (coordinators
    and auditors); ``total`` counts only those entries."""
    if user.role not in AUDIT_READERS:
        raise Forbidden(f"a {user.role} may not read the audit log")
    with SqlUnitOfWork(engine, user.name) as uow:
        visible = audit_visible_to(uow.connection, user.nation, OWNERS)
        entries, total = uow.audit.page(visible=visible, entity=entity, key=key,
                                        limit=limit, offset=offset)
    return AuditPage([_shown(e) for e in entries], total)
