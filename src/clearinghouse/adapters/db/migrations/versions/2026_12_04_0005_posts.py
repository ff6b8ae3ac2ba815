"""Staff posts of the cell, each filled by a nation (SPEC §3 ``posts.csv``, §5 burden sharing).

Revision ID: 2026_12_04_0005
Revises: 2026_12_04_0004
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_12_04_0005"
down_revision: str | None = "2026_12_04_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "posts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ref", sa.String(), nullable=False),
        sa.Column("nation", sa.String(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("branch", sa.String(), nullable=False),
        sa.Column("starts", sa.Date(), nullable=False),
        sa.Column("ends", sa.Date(), nullable=True),
        sa.Column("releasability", sa.Text(), server_default="ALL", nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("ends IS NULL OR ends > starts", name=op.f("ck_posts_ends_after_start")),
        sa.ForeignKeyConstraint(["nation"], ["nations.code"], name=op.f("fk_posts_nation_nations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_posts")),
        sa.UniqueConstraint("ref", name=op.f("uq_posts_ref")),
    )
    op.create_index(op.f("ix_posts_nation"), "posts", ["nation"])


def downgrade() -> None:
    op.drop_index("ix_posts_nation", table_name="posts")
    op.drop_table("posts")
