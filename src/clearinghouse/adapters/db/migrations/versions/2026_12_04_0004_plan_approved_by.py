"""Plan runs remember who approved them (figures name their source: "approved … by alice").

Existing approved runs take the approver from the audit log's approval entry.

Revision ID: 2026_12_04_0004
Revises: 2026_11_24_0003
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_12_04_0004"
down_revision: str | None = "2026_11_24_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("plan_runs") as batch:
        batch.add_column(sa.Column("approved_by", sa.Text(), nullable=True))
    # The approval is the run's one "transition" entry in the audit log: its actor approved.
    op.execute(sa.text(
        "UPDATE plan_runs SET approved_by = (SELECT a.actor FROM audit_log a "
        "WHERE a.entity = 'plan_runs' AND a.action = 'transition' "
        "AND a.key = CAST(plan_runs.id AS VARCHAR) ORDER BY a.id DESC LIMIT 1) "
        "WHERE approved_at IS NOT NULL"))


def downgrade() -> None:
    with op.batch_alter_table("plan_runs") as batch:
        batch.drop_column("approved_by")
