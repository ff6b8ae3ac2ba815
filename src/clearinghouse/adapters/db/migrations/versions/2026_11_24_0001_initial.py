"""Initial schema: one table per bundle sheet, the audit log, stored plan runs.

Revision ID: 2026_11_24_0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "2026_11_24_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _code(name: str, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(), nullable=nullable)


def _text(name: str, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.Text(), nullable=nullable)


def _required(name: str, type_: sa.types.TypeEngine[Any]) -> sa.Column[Any]:
    return sa.Column(name, type_, nullable=False)


def _record_table(table: str, key: Sequence[str], *items: sa.schema.SchemaItem) -> None:
    """A sheet's table: ``id``, the record's columns, ``version``, timestamps, unique key."""
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        *items,
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sa.UniqueConstraint(*key, name=op.f(f"uq_{table}_{'_'.join(key)}")),
    )


def _check(table: str, name: str, condition: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(condition, name=op.f(f"ck_{table}_{name}"))


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    referred = target.split(".")[0]
    return sa.ForeignKeyConstraint([column], [target],
                                   name=op.f(f"fk_{table}_{column}_{referred}"))


def _index(table: str, *columns: str) -> None:
    op.create_index(op.f(f"ix_{table}_{'_'.join(columns)}"), table, list(columns))


def upgrade() -> None:
    _record_table(
        "nations", ["code"], _code("code"), _text("name"),
        _required("nato", sa.Boolean()), _required("eu", sa.Boolean()), _code("role"),
        sa.Column("caveats", sa.Text(), server_default="", nullable=False))
    _record_table(
        "items", ["code"], _code("code"), _text("name"), _text("capability"),
        _code("class_code"), _code("unit"), _required("unit_weight_kg", sa.Float()),
        _required("lethal", sa.Boolean()), _code("nsn", nullable=True),
        _check("items", "unit_weight_not_negative", "unit_weight_kg >= 0"))
    _index("items", "class_code")
    _record_table(
        "substitutes", ["need_class", "offer_class"], _code("need_class"), _code("offer_class"),
        _required("factor", sa.Float()),
        _check("substitutes", "factor_in_range", "factor > 0 AND factor <= 1"))
    _record_table(
        "hubs", ["code"], _code("code"), _text("name"), _code("country"),
        _required("capacity_t_per_month", sa.Float()), _required("opens", sa.Date()),
        sa.Column("closes", sa.Date(), nullable=True),
        _check("hubs", "capacity_not_negative", "capacity_t_per_month >= 0"),
        _fk("hubs", "country", "nations.code"))
    _record_table(
        "lanes", ["origin", "hub"], _code("origin"), _code("hub"),
        _required("transit_days", sa.Integer()), _required("cost_per_t", sa.Float()),
        _check("lanes", "transit_not_negative", "transit_days >= 0 AND cost_per_t >= 0"),
        _fk("lanes", "hub", "hubs.code"))
    _record_table(
        "needs", ["ref"], _code("ref"), _code("class_code"), _required("quantity", sa.Integer()),
        _required("priority", sa.Integer()), _required("due", sa.Date()), _text("destination"),
        sa.Column("releasability", sa.Text(), server_default="ALL", nullable=False),
        _code("status"),
        sa.Column("delivered", sa.Integer(), server_default="0", nullable=False),
        _check("needs", "quantity_positive", "quantity > 0"),
        _check("needs", "priority_1_to_5", "priority BETWEEN 1 AND 5"),
        _check("needs", "delivered_in_range", "delivered >= 0 AND delivered <= quantity"))
    _index("needs", "class_code")
    _record_table(
        "offers", ["ref"], _code("ref"), _code("donor"), _code("item"),
        _required("quantity", sa.Integer()), _required("available", sa.Date()),
        _code("origin"), _code("kind"), sa.Column("value_eur", sa.Float(), nullable=True),
        _text("funding", nullable=True),
        sa.Column("releasability", sa.Text(), server_default="ALL", nullable=False),
        _code("status"),
        _check("offers", "quantity_positive", "quantity > 0"),
        _fk("offers", "donor", "nations.code"), _fk("offers", "item", "items.code"))
    _index("offers", "donor")
    _index("offers", "item")
    _record_table(
        "producers", ["code"], _code("code"), _text("name"), _code("class_code"),
        _required("unit_price_eur", sa.Float()), _required("capacity_per_month", sa.Integer()),
        _required("available", sa.Date()), _required("lead_months", sa.Integer()),
        _check("producers", "terms_positive",
               "unit_price_eur > 0 AND capacity_per_month > 0 AND lead_months >= 0"))
    _record_table(
        "funding", ["ref"], _code("ref"), _code("donor"), _required("amount_eur", sa.Float()),
        _text("instrument"), _required("available", sa.Date()), _text("earmark", nullable=True),
        _check("funding", "amount_positive", "amount_eur > 0"),
        _fk("funding", "donor", "nations.code"))
    _record_table(
        "missions", ["code"], _code("code"), _text("name"), _required("starts", sa.Date()),
        _required("ends", sa.Date()),
        _check("missions", "mandate_ends_after_start", "ends > starts"))
    _record_table(
        "training_needs", ["ref"], _code("ref"), _code("category"),
        _required("trainees", sa.Integer()), _required("priority", sa.Integer()),
        _required("due", sa.Date()),
        _check("training_needs", "trainees_positive", "trainees > 0"),
        _check("training_needs", "priority_1_to_5", "priority BETWEEN 1 AND 5"))
    _record_table(
        "courses", ["ref"], _code("ref"), _code("host"), _code("location"),
        _code("category"), _code("mission"), _required("seats", sa.Integer()),
        _required("starts", sa.Date()), _required("ends", sa.Date()),
        _check("courses", "seats_positive", "seats > 0"),
        _check("courses", "ends_after_start", "ends >= starts"),
        _fk("courses", "host", "nations.code"), _fk("courses", "location", "nations.code"),
        _fk("courses", "mission", "missions.code"))

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        _required("at", sa.DateTime(timezone=True)), _text("actor"), _code("action"),
        _code("entity"), _code("key"),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        _check("audit_log", "known_action",
               "action IN ('create', 'update', 'delete', 'transition')"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")))
    _index("audit_log", "entity", "key")

    op.create_table(
        "plan_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        _required("created_at", sa.DateTime(timezone=True)), _text("actor"),
        _code("inputs_version"), _required("settings", sa.JSON()), _code("status"),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("lp_bound", sa.Float(), nullable=True),
        sa.Column("summary", sa.JSON(), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_runs")))
    op.create_table(
        "plan_allocations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        _required("run_id", sa.Integer()), _code("offer"), _code("need"),
        _code("hub", nullable=True), _code("producer", nullable=True),
        _required("month", sa.Integer()), _required("quantity", sa.Integer()),
        _required("tonnes", sa.Float()),
        sa.ForeignKeyConstraint(["run_id"], ["plan_runs.id"], ondelete="CASCADE",
                                name=op.f("fk_plan_allocations_run_id_plan_runs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_allocations")))
    _index("plan_allocations", "run_id")


def downgrade() -> None:
    for table in ("plan_allocations", "plan_runs", "audit_log", "courses", "training_needs",
                  "missions", "funding", "producers", "offers", "needs", "lanes", "hubs",
                  "substitutes", "items", "nations"):
        op.drop_table(table)
