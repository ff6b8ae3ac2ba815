"""Needs carry their planned quantity, and their status follows deliveries only (SPEC §2).

Data: each need's ``planned`` is what the approved plan (the run approved last) provides to
it, in whole units; a need that approval had marked ``partially-met`` or ``met`` gets the
status its delivered units give it (met only when all are delivered, partially-met when
some are, open otherwise).

Revision ID: 2026_12_04_0006
Revises: 2026_12_04_0005
Create Date: 2026-12-04
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "2026_12_04_0006"
down_revision: str | None = "2026_12_04_0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_needs = sa.table("needs", sa.column("id", sa.Integer()), sa.column("ref", sa.String()),
                  sa.column("quantity", sa.Integer()), sa.column("delivered", sa.Integer()),
                  sa.column("planned", sa.Integer()), sa.column("status", sa.String()))
_runs = sa.table("plan_runs", sa.column("id", sa.Integer()), sa.column("summary", sa.JSON()),
                 sa.column("approved_at", sa.DateTime(timezone=True)))


def upgrade() -> None:
    with op.batch_alter_table("needs") as batch:
        batch.add_column(sa.Column("planned", sa.Integer(), server_default="0",
                                   nullable=False))
        batch.create_check_constraint(op.f("ck_needs_planned_not_negative"), "planned >= 0")
    connection = op.get_bind()
    approved = connection.execute(
        sa.select(_runs.c.summary).where(_runs.c.approved_at.is_not(None))
        .order_by(_runs.c.approved_at.desc(), _runs.c.id.desc()).limit(1)).first()
    planned = _planned(approved[0] if approved is not None else None)
    rows = connection.execute(sa.select(_needs.c.id, _needs.c.ref, _needs.c.quantity,
                                        _needs.c.delivered, _needs.c.status)).all()
    for row in rows:
        values: dict[str, Any] = {}
        units = min(row.quantity, planned.get(row.ref, 0))
        if units:
            values["planned"] = units
        if row.status in ("partially-met", "met"):
            status = ("met" if row.delivered >= row.quantity
                      else "partially-met" if row.delivered > 0 else "open")
            if status != row.status:
                values["status"] = status
        if values:
            connection.execute(sa.update(_needs).where(_needs.c.id == row.id).values(**values))


def _planned(summary: Any) -> dict[str, int]:
    if isinstance(summary, str):  # a JSON column read without its type's decoding
        summary = json.loads(summary)
    needs = (summary or {}).get("needs") or {}
    return {ref: math.floor(float(result.get("delivered") or 0.0) + 1e-6)
            for ref, result in needs.items()}


def downgrade() -> None:
    with op.batch_alter_table("needs") as batch:
        batch.drop_constraint(op.f("ck_needs_planned_not_negative"), type_="check")
        batch.drop_column("planned")
