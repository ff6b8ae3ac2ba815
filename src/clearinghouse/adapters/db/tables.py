"""The database schema: one table per bundle sheet, the audit log and stored plan runs.

Column names are the domain's field names (``class_code`` for the exchange column ``class``).
Every record table also has ``id``, ``version`` (1 on insert, +1 on every update: the ETag)
and ``created_at`` / ``updated_at``. References between records use natural keys, as the
exchange files do.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.schema import SchemaItem

from clearinghouse.domain.bundle import SHEET_KEYS

# Deterministic constraint names, so that migrations can address them on every database.
metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

# Strings carry no length limit: the domain sets none, and SQLite would not enforce one
# where PostgreSQL would, so the same input would fare differently on the two.


def _record_table(name: str, *items: SchemaItem) -> Table:
    """A table of one sheet's records, with the bookkeeping columns and a unique natural key."""
    key = SHEET_KEYS[name].split(",")
    return Table(
        name, metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        *items,
        Column("version", Integer, nullable=False, server_default="1"),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False),
        UniqueConstraint(*key),
    )


def _code(name: str, *fk: ForeignKey, nullable: bool = False) -> Column[str]:
    return Column(name, String(), *fk, nullable=nullable)


def _nation(name: str) -> Column[str]:
    return _code(name, ForeignKey("nations.code"))


nations = _record_table(
    "nations",
    _code("code"),
    Column("name", Text, nullable=False),
    Column("nato", Boolean, nullable=False),
    Column("eu", Boolean, nullable=False),
    Column("role", String(), nullable=False),
    Column("caveats", Text, nullable=False, server_default=""),  # sorted, ;-joined
)

items = _record_table(
    "items",
    _code("code"),
    Column("name", Text, nullable=False),
    Column("capability", Text, nullable=False),
    _code("class_code"),
    Column("unit", String(), nullable=False),
    Column("unit_weight_kg", Float, nullable=False),
    Column("lethal", Boolean, nullable=False),
    Column("nsn", String(), nullable=True),
    CheckConstraint("unit_weight_kg >= 0", name="unit_weight_not_negative"),
    Index(None, "class_code"),
)

substitutes = _record_table(
    "substitutes",
    _code("need_class"),
    _code("offer_class"),
    Column("factor", Float, nullable=False),
    CheckConstraint("factor > 0 AND factor <= 1", name="factor_in_range"),
)

hubs = _record_table(
    "hubs",
    _code("code"),
    Column("name", Text, nullable=False),
    _nation("country"),
    Column("capacity_t_per_month", Float, nullable=False),
    Column("opens", Date, nullable=False),
    Column("closes", Date, nullable=True),
    CheckConstraint("capacity_t_per_month >= 0", name="capacity_not_negative"),
)

lanes = _record_table(
    "lanes",
    _code("origin"),
    _code("hub", ForeignKey("hubs.code")),
    Column("transit_days", Integer, nullable=False),
    Column("cost_per_t", Float, nullable=False),
    CheckConstraint("transit_days >= 0 AND cost_per_t >= 0", name="transit_not_negative"),
)


def _visibility() -> tuple[Column[str], Column[str]]:
    return (Column("releasability", Text, nullable=False, server_default="ALL"),
            Column("status", String(), nullable=False))


needs = _record_table(
    "needs",
    _code("ref"),
    _code("class_code"),
    Column("quantity", Integer, nullable=False),
    Column("priority", Integer, nullable=False),
    Column("due", Date, nullable=False),
    Column("destination", Text, nullable=False),
    *_visibility(),
    Column("delivered", Integer, nullable=False, server_default="0"),
    CheckConstraint("quantity > 0", name="quantity_positive"),
    CheckConstraint("priority BETWEEN 1 AND 5", name="priority_1_to_5"),
    CheckConstraint("delivered >= 0 AND delivered <= quantity", name="delivered_in_range"),
    Index(None, "class_code"),
)

offers = _record_table(
    "offers",
    _code("ref"),
    _nation("donor"),
    _code("item", ForeignKey("items.code")),
    Column("quantity", Integer, nullable=False),
    Column("available", Date, nullable=False),
    _code("origin"),
    Column("kind", String(), nullable=False),
    Column("value_eur", Float, nullable=True),
    Column("funding", Text, nullable=True),
    *_visibility(),
    CheckConstraint("quantity > 0", name="quantity_positive"),
    Index(None, "donor"),
    Index(None, "item"),
)

producers = _record_table(
    "producers",
    _code("code"),
    Column("name", Text, nullable=False),
    _code("class_code"),
    Column("unit_price_eur", Float, nullable=False),
    Column("capacity_per_month", Integer, nullable=False),
    Column("available", Date, nullable=False),
    Column("lead_months", Integer, nullable=False),
    CheckConstraint("unit_price_eur > 0 AND capacity_per_month > 0 AND lead_months >= 0",
                    name="terms_positive"),
)

funding = _record_table(
    "funding",
    _code("ref"),
    _nation("donor"),
    Column("amount_eur", Float, nullable=False),
    Column("instrument", Text, nullable=False),
    Column("available", Date, nullable=False),
    Column("earmark", Text, nullable=True),
    CheckConstraint("amount_eur > 0", name="amount_positive"),
)

missions = _record_table(
    "missions",
    _code("code"),
    Column("name", Text, nullable=False),
    Column("starts", Date, nullable=False),
    Column("ends", Date, nullable=False),
    CheckConstraint("ends > starts", name="mandate_ends_after_start"),
)

training_needs = _record_table(
    "training_needs",
    _code("ref"),
    Column("category", String(), nullable=False),
    Column("trainees", Integer, nullable=False),
    Column("priority", Integer, nullable=False),
    Column("due", Date, nullable=False),
    CheckConstraint("trainees > 0", name="trainees_positive"),
    CheckConstraint("priority BETWEEN 1 AND 5", name="priority_1_to_5"),
)

courses = _record_table(
    "courses",
    _code("ref"),
    _nation("host"),
    _nation("location"),
    Column("category", String(), nullable=False),
    _code("mission", ForeignKey("missions.code")),
    Column("seats", Integer, nullable=False),
    Column("starts", Date, nullable=False),
    Column("ends", Date, nullable=False),
    CheckConstraint("seats > 0", name="seats_positive"),
    CheckConstraint("ends >= starts", name="ends_after_start"),
)

#: The record tables by sheet name, in the bundle's dependency order.
SHEET_TABLES: dict[str, Table] = {name: metadata.tables[name] for name in SHEET_KEYS}

audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", String(), nullable=False),
    Column("entity", String(), nullable=False),
    Column("key", String(), nullable=False),
    Column("before", JSON(none_as_null=True), nullable=True),
    Column("after", JSON(none_as_null=True), nullable=True),
    CheckConstraint("action IN ('create', 'update', 'delete', 'transition')",
                    name="known_action"),
    Index(None, "entity", "key"),
)

plan_runs = Table(
    "plan_runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("actor", Text, nullable=False),
    Column("inputs_version", String(), nullable=False),
    Column("settings", JSON, nullable=False),
    Column("status", String(), nullable=False),
    Column("value", Float, nullable=True),
    Column("lp_bound", Float, nullable=True),
    Column("summary", JSON(none_as_null=True), nullable=True),
    Column("approved_at", DateTime(timezone=True), nullable=True),
    Column("approved_by", Text, nullable=True),  # the user who approved it
)

plan_allocations = Table(
    "plan_allocations", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("plan_runs.id", ondelete="CASCADE"), nullable=False),
    Column("offer", String(), nullable=False),
    Column("need", String(), nullable=False),
    Column("hub", String(), nullable=True),
    Column("producer", String(), nullable=True),
    Column("month", Integer, nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("tonnes", Float, nullable=False),
    Index(None, "run_id"),
)

# -- users, their tokens, background jobs (the service's own records, no releasability) ------

ROLES = ("coordinator", "recipient-liaison", "donor-liaison", "logistician", "auditor")

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(), nullable=False),
    Column("password_hash", Text, nullable=False),
    # No foreign key: users may be created before the nations are imported.
    Column("nation", String(), nullable=False),
    Column("role", String(), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("name"),
    CheckConstraint("role IN ('coordinator', 'recipient-liaison', 'donor-liaison', "
                    "'logistician', 'auditor')", name="known_role"),
)

user_tokens = Table(
    "user_tokens", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token_hash", String(), nullable=False),  # SHA-256 of the bearer token, never it
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
    UniqueConstraint("token_hash"),
)

jobs = Table(
    "jobs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(), nullable=False),
    Column("actor", Text, nullable=False),
    Column("status", String(), nullable=False),
    Column("progress", Float, nullable=False, server_default="0"),
    Column("params", JSON, nullable=False),
    Column("result", JSON(none_as_null=True), nullable=True),
    Column("error", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name="known_status"),
    Index(None, "status"),
)

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
