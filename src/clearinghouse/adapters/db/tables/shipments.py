"""Shipments of approved plans and their events."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from clearinghouse.adapters.db.tables.base import metadata

# -- shipments of approved plans and their events ----------------------------------------------

shipments = Table(
    "shipments", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ref", String(), nullable=False),
    Column("run_id", Integer, ForeignKey("plan_runs.id"), nullable=False),
    Column("offer", String(), nullable=False),  # an offer ref, or a funding ref when produced
    Column("hub", String(), nullable=True),
    Column("producer", String(), nullable=True),
    Column("month", Integer, nullable=False),
    Column("item", String(), nullable=False),
    Column("destination", Text, nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("tonnes", Float, nullable=False),
    Column("departs", Date, nullable=False),
    Column("at_hub", Date, nullable=True),
    Column("arrives", Date, nullable=False),
    Column("lines", JSON, nullable=False),  # [{need, quantity, factor, delivered, written_off}]
    Column("status", String(), nullable=False),
    Column("delivered", Integer, nullable=False, server_default="0"),
    Column("lost", Integer, nullable=False, server_default="0"),
    Column("returned", Integer, nullable=False, server_default="0"),
    Column("last_event_at", DateTime(timezone=True), nullable=True),
    Column("version", Integer, nullable=False, server_default="1"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("ref"),
    CheckConstraint("quantity > 0", name="quantity_positive"),
    CheckConstraint("delivered >= 0 AND lost >= 0 AND returned >= 0 "
                    "AND delivered + lost + returned <= quantity", name="settled_within_quantity"),
    Index(None, "run_id"),
    Index(None, "offer"),
)

shipment_events = Table(
    "shipment_events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("shipment", String(), ForeignKey("shipments.ref"), nullable=False),
    Column("kind", String(), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("note", Text, nullable=False, server_default=""),
    Column("actor", Text, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("kind IN ('loaded', 'at-hub', 'dispatched', 'delivered', 'lost', "
                    "'returned')", name="known_kind"),
    CheckConstraint("quantity >= 0", name="quantity_not_negative"),
    Index(None, "shipment"),
)
