"""Releasability in SQL: the one predicate for "a user sees only records released to its
nation — and the records it owns", used by record lists, pages of a sheet and the audit log.

A stored releasability is ``ALL`` or ``;``-separated nation codes (``POL;USA``), as
:func:`clearinghouse.domain.releasability.format_releasability` writes it; the predicate is
the SQL twin of :func:`clearinghouse.domain.releasability.is_released_to`.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Table, literal, or_, true

from clearinghouse.domain.releasability import ALL


def released_to_nation(releasability: ColumnElement[str], nation: str) -> ColumnElement[bool]:
    """``releasability`` is ALL or lists ``nation`` (whole codes: POL never matches POLX)."""
    wrapped = literal(";") + releasability + literal(";")
    return or_(releasability == ALL, wrapped.contains(f";{nation};", autoescape=True))


#: The column naming the nation that owns a record (SPEC §1.1: the donor of an offer or a
#: pledge, the host of a course, the filer of a need, the nation filling a post).
OWNER_COLUMNS: dict[str, str] = {"needs": "owner", "offers": "donor", "funding": "donor",
                                 "courses": "host", "posts": "nation"}


def visible_to_nation(table: Table, nation: str) -> ColumnElement[bool]:
    """The one visibility rule: a record is seen by ``nation`` when released to it (or ALL),
    or when ``nation`` owns it — whatever its releasability says, so that nobody can make a
    record invisible to its owner. Records without a releasability are seen by all."""
    if "releasability" not in table.c:
        return true()
    released = released_to_nation(table.c.releasability, nation)
    owner = OWNER_COLUMNS.get(table.name, "")
    return or_(released, table.c[owner] == nation) if owner and owner in table.c else released
