"""One table per bundle sheet: nations, catalogue, logistics, needs, offers, funding,
training, staff posts, procurement requests.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from clearinghouse.adapters.db.tables.base import code_column, metadata, nation_column, record_table
from clearinghouse.domain.bundle import SHEET_KEYS

nations = record_table(
    "nations",
    code_column("code"),
    Column("name", Text, nullable=False),
    Column("nato", Boolean, nullable=False),
    Column("eu", Boolean, nullable=False),
    Column("role", String(), nullable=False),
    Column("caveats", Text, nullable=False, server_default=""),  # sorted, ;-joined
)

items = record_table(
    "items",
    code_column("code"),
    Column("name", Text, nullable=False),
    Column("capability", Text, nullable=False),
    code_column("class_code"),
    Column("unit", String(), nullable=False),
    Column("unit_weight_kg", Float, nullable=False),
    Column("lethal", Boolean, nullable=False),
    Column("nsn", String(), nullable=True),
    CheckConstraint("unit_weight_kg >= 0", name="unit_weight_not_negative"),
    Index(None, "class_code"),
)

substitutes = record_table(
    "substitutes",
    code_column("need_class"),
    code_column("offer_class"),
    Column("factor", Float, nullable=False),
    CheckConstraint("factor > 0 AND factor <= 1", name="factor_in_range"),
)

hubs = record_table(
    "hubs",
    code_column("code"),
    Column("name", Text, nullable=False),
    nation_column("country"),
    Column("capacity_t_per_month", Float, nullable=False),
    Column("opens", Date, nullable=False),
    Column("closes", Date, nullable=True),
    CheckConstraint("capacity_t_per_month >= 0", name="capacity_not_negative"),
)

lanes = record_table(
    "lanes",
    code_column("origin"),
    code_column("hub", ForeignKey("hubs.code")),
    Column("transit_days", Integer, nullable=False),
    Column("cost_per_t", Float, nullable=False),
    CheckConstraint("transit_days >= 0 AND cost_per_t >= 0", name="transit_not_negative"),
)


def _visibility() -> tuple[Column[str], Column[str]]:
    return (Column("releasability", Text, nullable=False, server_default="ALL"),
            Column("status", String(), nullable=False))


needs = record_table(
    "needs",
    code_column("ref"),
    code_column("class_code"),
    Column("quantity", Integer, nullable=False),
    Column("priority", Integer, nullable=False),
    Column("due", Date, nullable=False),
    Column("destination", Text, nullable=False),
    *_visibility(),
    Column("delivered", Integer, nullable=False, server_default="0"),
    Column("planned", Integer, nullable=False, server_default="0"),  # by the approved plan
    # The owning nation (SPEC §1.1); no foreign key, like users.nation: owners are checked
    # where they are set (the filer's nation, the recipient on import).
    Column("owner", String(), nullable=True),
    CheckConstraint("quantity > 0", name="quantity_positive"),
    CheckConstraint("priority BETWEEN 1 AND 5", name="priority_1_to_5"),
    CheckConstraint("delivered >= 0 AND delivered <= quantity", name="delivered_in_range"),
    CheckConstraint("planned >= 0", name="planned_not_negative"),
    Index(None, "class_code"),
    Index(None, "owner"),
)

offers = record_table(
    "offers",
    code_column("ref"),
    nation_column("donor"),
    code_column("item", ForeignKey("items.code")),
    Column("quantity", Integer, nullable=False),
    Column("available", Date, nullable=False),
    code_column("origin"),
    Column("kind", String(), nullable=False),
    Column("value_eur", Float, nullable=True),
    Column("funding", Text, nullable=True),
    *_visibility(),
    CheckConstraint("quantity > 0", name="quantity_positive"),
    Index(None, "donor"),
    Index(None, "item"),
)

producers = record_table(
    "producers",
    code_column("code"),
    Column("name", Text, nullable=False),
    code_column("class_code"),
    Column("unit_price_eur", Float, nullable=False),
    Column("capacity_per_month", Integer, nullable=False),
    Column("available", Date, nullable=False),
    Column("lead_months", Integer, nullable=False),
    CheckConstraint("unit_price_eur > 0 AND capacity_per_month > 0 AND lead_months >= 0",
                    name="terms_positive"),
)

funding = record_table(
    "funding",
    code_column("ref"),
    nation_column("donor"),
    Column("amount_eur", Float, nullable=False),
    Column("instrument", Text, nullable=False),
    Column("available", Date, nullable=False),
    Column("earmark", Text, nullable=True),
    CheckConstraint("amount_eur > 0", name="amount_positive"),
)

missions = record_table(
    "missions",
    code_column("code"),
    Column("name", Text, nullable=False),
    Column("starts", Date, nullable=False),
    Column("ends", Date, nullable=False),
    Column("renewal_expected", Date, nullable=True),
    CheckConstraint("ends > starts", name="mandate_ends_after_start"),
)

training_needs = record_table(
    "training_needs",
    code_column("ref"),
    Column("category", String(), nullable=False),
    Column("trainees", Integer, nullable=False),
    Column("priority", Integer, nullable=False),
    Column("due", Date, nullable=False),
    CheckConstraint("trainees > 0", name="trainees_positive"),
    CheckConstraint("priority BETWEEN 1 AND 5", name="priority_1_to_5"),
)

courses = record_table(
    "courses",
    code_column("ref"),
    nation_column("host"),
    nation_column("location"),
    Column("category", String(), nullable=False),
    code_column("mission", ForeignKey("missions.code")),
    Column("seats", Integer, nullable=False),
    Column("starts", Date, nullable=False),
    Column("ends", Date, nullable=False),
    CheckConstraint("seats > 0", name="seats_positive"),
    CheckConstraint("ends >= starts", name="ends_after_start"),
)

posts = record_table(
    "posts",
    code_column("ref"),
    nation_column("nation"),
    Column("title", Text, nullable=False),
    Column("branch", String(), nullable=False),
    Column("starts", Date, nullable=False),
    Column("ends", Date, nullable=True),
    Column("releasability", Text, nullable=False, server_default="ALL"),
    CheckConstraint("ends IS NULL OR ends > starts", name="ends_after_start"),
    Index(None, "nation"),
)

procurement = record_table(
    "procurement",
    code_column("ref"),
    nation_column("buyer"),
    code_column("class_code"),
    Column("quantity", Integer, nullable=False),
    Column("max_unit_price_eur", Float, nullable=False),
    Column("due", Date, nullable=False),
    Column("releasability", Text, nullable=False, server_default="ALL"),
    CheckConstraint("quantity > 0", name="quantity_positive"),
    CheckConstraint("max_unit_price_eur >= 0", name="price_not_negative"),
    Index(None, "buyer"),
)

#: The record tables by sheet name, in the bundle's dependency order.
SHEET_TABLES: dict[str, Table] = {name: metadata.tables[name] for name in SHEET_KEYS}
