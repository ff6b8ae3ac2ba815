"""Shipments of approved plans and their events.

Revision ID: 2026_11_24_0003
Revises: 2026_11_24_0002
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_11_24_0003"
down_revision: str | None = "2026_11_24_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "shipments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ref", sa.String(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("offer", sa.String(), nullable=False),
        sa.Column("hub", sa.String(), nullable=True),
        sa.Column("producer", sa.String(), nullable=True),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(), nullable=False),
        sa.Column("destination", sa.Text(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("tonnes", sa.Float(), nullable=False),
        sa.Column("departs", sa.Date(), nullable=False),
        sa.Column("at_hub", sa.Date(), nullable=True),
        sa.Column("arrives", sa.Date(), nullable=False),
        sa.Column("lines", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("delivered", sa.Integer(), server_default="0", nullable=False),
        sa.Column("lost", sa.Integer(), server_default="0", nullable=False),
        sa.Column("returned", sa.Integer(), server_default="0", nullable=False),
        _when("last_event_at", nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        _when("created_at"),
        _when("updated_at"),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_shipments_quantity_positive")),
        sa.CheckConstraint("delivered >= 0 AND lost >= 0 AND returned >= 0 "
                           "AND delivered + lost + returned <= quantity",
                           name=op.f("ck_shipments_settled_within_quantity")),
        sa.ForeignKeyConstraint(["run_id"], ["plan_runs.id"],
                                name=op.f("fk_shipments_run_id_plan_runs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shipments")),
        sa.UniqueConstraint("ref", name=op.f("uq_shipments_ref")),
    )
    op.create_index(op.f("ix_shipments_run_id"), "shipments", ["run_id"])
    op.create_index(op.f("ix_shipments_offer"), "shipments", ["offer"])
    op.create_table(
        "shipment_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("shipment", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        _when("at"),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        _when("recorded_at"),
        sa.CheckConstraint("kind IN ('loaded', 'at-hub', 'dispatched', 'delivered', 'lost', "
                           "'returned')", name=op.f("ck_shipment_events_known_kind")),
        sa.CheckConstraint("quantity >= 0", name=op.f("ck_shipment_events_quantity_not_negative")),
        sa.ForeignKeyConstraint(["shipment"], ["shipments.ref"],
                                name=op.f("fk_shipment_events_shipment_shipments")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shipment_events")),
    )
    op.create_index(op.f("ix_shipment_events_shipment"), "shipment_events", ["shipment"])


def downgrade() -> None:
    op.drop_index(op.f("ix_shipment_events_shipment"), table_name="shipment_events")
    op.drop_table("shipment_events")
    op.drop_index(op.f("ix_shipments_offer"), table_name="shipments")
    op.drop_index(op.f("ix_shipments_run_id"), table_name="shipments")
    op.drop_table("shipments")
