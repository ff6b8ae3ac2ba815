"""Reading the audit log, as far as the user's nation may see the records it describes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from clearinghouse.adapters.db.audit import AuditEntry
from clearinghouse.domain.releasability import ALL
from clearinghouse.services.records import Forbidden
from clearinghouse.services.resources import AUDIT_READERS, RESOURCES
from clearinghouse.services.unit_of_work import SqlUnitOfWork
from clearinghouse.services.users import User


@dataclass(frozen=True, slots=True)
class AuditPage:
    entries: list[AuditEntry]
    total: int


def _snapshot_visible(snapshot: Mapping[str, Any] | None, nation: str,
                      owner_field: str | None) -> bool:
    if snapshot is None or "releasability" not in snapshot:
        return True
    released = str(snapshot["releasability"]).split(";")
    owner = snapshot.get(owner_field) if owner_field else None
    return ALL in released or nation in released or owner == nation


def _visible(entry: AuditEntry, nation: str) -> bool:
    resource = RESOURCES.get(entry.entity)
    owner = resource.owner_field if resource else None
    # A record once visible and later hidden (or the reverse) is shown only where both
    # sides are visible: the entry would otherwise tell what the hidden side held.
    return (_snapshot_visible(entry.before, nation, owner)
            and _snapshot_visible(entry.after, nation, owner))


def list_audit(engine: Engine, user: User, *, entity: str | None, key: str | None,
               limit: int, offset: int) -> AuditPage:
    """Audit entries, newest first, of records released to the user's nation."""
    if user.role not in AUDIT_READERS:
        raise Forbidden(f"a {user.role} may not read the audit log")
    with SqlUnitOfWork(engine, user.name) as uow:
        entries = uow.audit.list(entity=entity, key=key)
    # Releasability lives inside the snapshots, so it is checked here, before paging.
    visible = [e for e in reversed(entries) if _visible(e, user.nation)]
    return AuditPage(visible[offset:offset + limit], len(visible))
