"""Pages of a sheet's records: filters, sorting, releasability and the total, all in SQL.

Releasability is a condition of the query itself, so a hidden record never reaches a page,
a count or an offset.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Connection, false, func, literal, or_, select, true

from clearinghouse.adapters.db.audit import as_utc
from clearinghouse.adapters.db.codecs import CODECS
from clearinghouse.adapters.db.repositories import Stored
from clearinghouse.adapters.db.tables import SHEET_TABLES
from clearinghouse.domain.releasability import ALL

R = TypeVar("R")


def has_releasability(sheet: str) -> bool:
    """True when the sheet's records carry a releasability (others are released to ALL)."""
    return "releasability" in SHEET_TABLES[sheet].c


def visible_to(sheet: str, nation: str, owner_field: str | None = None) -> ColumnElement[bool]:
    """Records released to ``nation`` (or ALL), or owned by it through ``owner_field``."""
    table = SHEET_TABLES[sheet]
    if "releasability" not in table.c:
        return true()
    wrapped = literal(";") + table.c.releasability + literal(";")
    released = or_(table.c.releasability == ALL,
                   wrapped.contains(f";{nation};", autoescape=True))
    if owner_field is not None:
        return or_(released, table.c[owner_field] == nation)
    return released


def page(connection: Connection, sheet: str, *, visible: ColumnElement[bool],
         filters: Mapping[str, Any], sort: str | None, limit: int,
         offset: int) -> tuple[list[Stored[Any]], int]:
    """One page of visible records matching ``filters`` (field → value), and their total.

    ``sort`` names a field, ``-field`` for descending; ties (and no sort) go by insertion.
    An unknown field matches nothing rather than everything.
    """
    table = SHEET_TABLES[sheet]
    codec = CODECS[sheet]
    conditions: list[ColumnElement[bool]] = [visible]
    for name, value in filters.items():
        conditions.append(table.c[name] == value if name in codec.fields else false())
    total = int(connection.execute(
        select(func.count()).select_from(table).where(*conditions)).scalar_one())
    query = select(table).where(*conditions)
    if sort:
        name = sort.lstrip("-")
        column = table.c[name] if name in codec.fields else table.c.id
        query = query.order_by(column.desc() if sort.startswith("-") else column.asc())
    query = query.order_by(table.c.id).limit(limit).offset(offset)
    records = []
    for row in connection.execute(query):
        m = row._mapping
        records.append(Stored(m["id"], m["version"], codec.from_row(m), as_utc(m["created_at"]),
                              as_utc(m["updated_at"])))
    return records, total


def is_visible(connection: Connection, sheet: str, record_id: int,
               visible: ColumnElement[bool]) -> bool:
    """True when the record with this id satisfies ``visible``."""
    table = SHEET_TABLES[sheet]
    query = select(func.count()).select_from(table).where(table.c.id == record_id, visible)
    return bool(connection.execute(query).scalar_one())
