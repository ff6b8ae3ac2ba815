"""Releasability in SQL: the one predicate for "a user sees only records released to its
nation", used by record lists, pages of a sheet and the audit log.

A stored releasability is ``ALL`` or ``;``-separated nation codes (``POL;USA``), as
:func:`clearinghouse.domain.releasability.format_releasability` writes it; the predicate is
the SQL twin of :func:`clearinghouse.domain.releasability.is_released_to`.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, literal, or_

from clearinghouse.domain.releasability import ALL


def released_to_nation(releasability: ColumnElement[str], nation: str) -> ColumnElement[bool]:
    """``releasability`` is ALL or lists ``nation`` (whole codes: POL never matches POLX)."""
    wrapped = literal(";") + releasability + literal(";")
    return or_(releasability == ALL, wrapped.contains(f";{nation};", autoescape=True))
