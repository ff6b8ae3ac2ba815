"""The audit log: one row per write, with the record before and after."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    DateTime,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from clearinghouse.adapters.db.tables.base import metadata

audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # The id the API shows: random, so that a nation cannot count hidden entries between its
    # own (the autoincrement id orders entries, and stays inside).
    Column("uid", String(32), nullable=False, unique=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", String(), nullable=False),
    Column("entity", String(), nullable=False),
    Column("key", String(), nullable=False),
    Column("before", JSON(none_as_null=True), nullable=True),
    Column("after", JSON(none_as_null=True), nullable=True),
    CheckConstraint("action IN ('create', 'update', 'delete', 'transition')",
                    name="known_action"),
    Index(None, "entity", "key"),
)
