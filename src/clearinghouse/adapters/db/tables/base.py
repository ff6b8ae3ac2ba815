"""The schema's metadata (deterministic constraint names) and the shape of a record table."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.schema import SchemaItem

from clearinghouse.domain.bundle import SHEET_KEYS

# Deterministic constraint names, so that migrations can address them on every database.
metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

# Strings carry no length limit: the domain sets none, and SQLite would not enforce one
# where PostgreSQL would, so the same input would fare differently on the two.


def record_table(name: str, *items: SchemaItem) -> Table:
    """A table of one sheet's records, with the bookkeeping columns and a unique natural key."""
    key = SHEET_KEYS[name].split(",")
    return Table(
        name, metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        *items,
        Column("version", Integer, nullable=False, server_default="1"),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False),
        UniqueConstraint(*key),
    )


def code_column(name: str, *fk: ForeignKey, nullable: bool = False) -> Column[str]:
    """A code or ref column (a natural key, or a reference to one)."""
    return Column(name, String(), *fk, nullable=nullable)


def nation_column(name: str) -> Column[str]:
    """A nation code that must name a stored nation."""
    return code_column(name, ForeignKey("nations.code"))
