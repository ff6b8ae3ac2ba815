"""Missions may have a pending renewal: the date it is expected (SPEC §5 mandates).

Revision ID: 2026_12_04_0007
Revises: 2026_12_04_0006
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_12_04_0007"
down_revision: str | None = "2026_12_04_0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("missions") as batch:
        batch.add_column(sa.Column("renewal_expected", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("missions") as batch:
        batch.drop_column("renewal_expected")
