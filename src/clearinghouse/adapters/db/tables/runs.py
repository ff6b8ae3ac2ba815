"""Stored plan runs with their allocations, and background jobs."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from clearinghouse.adapters.db.tables.base import metadata

plan_runs = Table(
    "plan_runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("actor", Text, nullable=False),
    Column("inputs_version", String(), nullable=False),
    Column("settings", JSON, nullable=False),
    Column("status", String(), nullable=False),
    Column("value", Float, nullable=True),
    Column("lp_bound", Float, nullable=True),
    Column("summary", JSON(none_as_null=True), nullable=True),
    Column("approved_at", DateTime(timezone=True), nullable=True),
    Column("approved_by", Text, nullable=True),  # the user who approved it
)

plan_allocations = Table(
    "plan_allocations", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("plan_runs.id", ondelete="CASCADE"), nullable=False),
    Column("offer", String(), nullable=False),
    Column("need", String(), nullable=False),
    Column("hub", String(), nullable=True),
    Column("producer", String(), nullable=True),
    Column("month", Integer, nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("tonnes", Float, nullable=False),
    Index(None, "run_id"),
)

jobs = Table(
    "jobs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(), nullable=False),
    Column("actor", Text, nullable=False),
    Column("status", String(), nullable=False),
    Column("progress", Float, nullable=False, server_default="0"),
    Column("params", JSON, nullable=False),
    Column("result", JSON(none_as_null=True), nullable=True),
    Column("error", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name="known_status"),
    Index(None, "status"),
)
