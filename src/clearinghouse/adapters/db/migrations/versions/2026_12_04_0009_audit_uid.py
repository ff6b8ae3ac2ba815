"""Audit entries get a random id (``uid``) for the API: the autoincrement id let a nation count
the entries hidden from it between two of its own (issue 15).

Revision ID: 2026_12_04_0009
Revises: 2026_12_04_0008
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import uuid4

import sqlalchemy as sa
from alembic import op

revision: str = "2026_12_04_0009"
down_revision: str | None = "2026_12_04_0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("uid", sa.String(32), nullable=True))
    connection = op.get_bind()
    ids = [row[0] for row in connection.execute(sa.text("SELECT id FROM audit_log"))]
    update = sa.text("UPDATE audit_log SET uid = :uid WHERE id = :id")
    for start in range(0, len(ids), 5000):
        connection.execute(update, [{"uid": uuid4().hex, "id": i}
                                    for i in ids[start:start + 5000]])
    with op.batch_alter_table("audit_log") as batch:
        batch.alter_column("uid", existing_type=sa.String(32), nullable=False)
        batch.create_unique_constraint(op.f("uq_audit_log_uid"), ["uid"])


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_constraint(op.f("uq_audit_log_uid"), type_="unique")
        batch.drop_column("uid")
