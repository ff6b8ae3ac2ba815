"""Needs have an owning nation (SPEC §1.1), who always sees them and alone (with coordinators
who see them) changes them.

Data: an existing need belongs to the recipient — the nation with role ``recipient`` (the
first by code, should there be several) — as imported needs do; with no recipient stored,
to the nation its destination names, if that is a stored nation; else it has no owner yet.

Revision ID: 2026_12_04_0010
Revises: 2026_12_04_0009
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2026_12_04_0010"
down_revision: str | None = "2026_12_04_0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_needs = sa.table("needs", sa.column("owner", sa.String()),
                  sa.column("destination", sa.Text()))
_nations = sa.table("nations", sa.column("code", sa.String()), sa.column("role", sa.String()))


def upgrade() -> None:
    with op.batch_alter_table("needs") as batch:
        batch.add_column(sa.Column("owner", sa.String(), nullable=True))
        batch.create_index(op.f("ix_needs_owner"), ["owner"])
    connection = op.get_bind()
    recipient = connection.execute(
        sa.select(sa.func.min(_nations.c.code)).where(_nations.c.role == "recipient")
    ).scalar_one_or_none()
    if recipient is not None:
        connection.execute(sa.update(_needs).values(owner=recipient))
        return
    stored = sa.select(_nations.c.code).where(_nations.c.code == _needs.c.destination)
    connection.execute(sa.update(_needs).where(sa.exists(stored))
                       .values(owner=_needs.c.destination))


def downgrade() -> None:
    with op.batch_alter_table("needs") as batch:
        batch.drop_index(op.f("ix_needs_owner"))
        batch.drop_column("owner")
