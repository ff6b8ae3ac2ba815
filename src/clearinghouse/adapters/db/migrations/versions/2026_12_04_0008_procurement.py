"""Procurement requests: allies buying from the recipient's industry (SPEC §5).

Revision ID: 2026_12_04_0008
Revises: 2026_12_04_0007
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_12_04_0008"
down_revision: str | None = "2026_12_04_0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "procurement",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ref", sa.String(), nullable=False),
        sa.Column("buyer", sa.String(), nullable=False),
        sa.Column("class_code", sa.String(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("max_unit_price_eur", sa.Float(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("releasability", sa.Text(), server_default="ALL", nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_procurement_quantity_positive")),
        sa.CheckConstraint("max_unit_price_eur >= 0",
                           name=op.f("ck_procurement_price_not_negative")),
        sa.ForeignKeyConstraint(["buyer"], ["nations.code"],
                                name=op.f("fk_procurement_buyer_nations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procurement")),
        sa.UniqueConstraint("ref", name=op.f("uq_procurement_ref")),
    )
    op.create_index(op.f("ix_procurement_buyer"), "procurement", ["buyer"])


def downgrade() -> None:
    op.drop_index(op.f("ix_procurement_buyer"), table_name="procurement")
    op.drop_table("procurement")
