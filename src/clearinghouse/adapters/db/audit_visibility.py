"""Which audit entries a nation may read, as one SQL condition on ``audit_log``.

An entry is about one record (``entity`` + ``key``). It is readable only when that record is:

- a record of a sheet with releasability (needs, offers): both snapshots (before, after) were
  released to the nation (or owned by it through the sheet's owner field) *and* the record,
  if it still exists, is released to it now — a record hidden today answers like a missing
  one, so no entry may name it, and an entry showing a hidden side would tell what it held;
- a record of any other sheet (catalogue, hubs, funding, …): always;
- a user: only a user of the reader's nation;
- a plan run: always (its headline figures are cut by the service, as the plan pages do);
- a shipment or a shipment event: only when the shipment is shown to the nation — its source
  (offer, or funding pledge for produced units) and the need of every line are released
  (the rule of ``services.shipment_views``);
- anything else (tokens, jobs, entities added later): never, until a rule says otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    case,
    exists,
    func,
    literal,
    not_,
    or_,
    select,
)
from sqlalchemy.sql.selectable import TableValuedAlias

from clearinghouse.adapters.db.codecs import CODECS
from clearinghouse.adapters.db.listing import has_releasability, visible_to
from clearinghouse.adapters.db.releasability import released_to_nation
from clearinghouse.adapters.db.tables import SHEET_TABLES, audit_log, shipments

#: Entities that are not sheets.
PLAN_RUNS = "plan_runs"
USERS = "users"
SHIPMENTS = "shipments"
SHIPMENT_EVENTS = "shipment_events"


def _field(side: str, name: str) -> ColumnElement[str]:
    value: ColumnElement[str] = audit_log.c[side][name].as_string()
    return value


def _side_released(side: str, nation: str, owner_field: str | None) -> ColumnElement[bool]:
    """The snapshot is absent, or released to ``nation`` (or ALL), or owned by it."""
    shown = [audit_log.c[side].is_(None),
             released_to_nation(_field(side, "releasability"), nation)]
    if owner_field is not None:
        shown.append(_field(side, owner_field) == nation)
    return or_(*shown)


def _sheet_entry(sheet: str, nation: str, owner_field: str | None) -> ColumnElement[bool]:
    table = SHEET_TABLES[sheet]
    (key_field,) = CODECS[sheet].key_fields  # the sheets with releasability have one key
    hidden_now = exists().where(table.c[key_field] == audit_log.c.key,
                                not_(visible_to(sheet, nation, owner_field)))
    return and_(audit_log.c.entity == sheet, not_(hidden_now),
                _side_released("before", nation, owner_field),
                _side_released("after", nation, owner_field))


def _user_entry(nation: str) -> ColumnElement[bool]:
    before, after = _field("before", "nation"), _field("after", "nation")
    return and_(audit_log.c.entity == USERS,
                or_(before == nation, after == nation),
                or_(audit_log.c.before.is_(None), before == nation),
                or_(audit_log.c.after.is_(None), after == nation))


def _line_needs(dialect: str) -> tuple[TableValuedAlias, ColumnElement[str]]:
    """The lines of the outer shipment as a table, and the need ref of each line."""
    if dialect == "postgresql":
        lines = func.json_array_elements(shipments.c.lines).table_valued("value").alias("line")
        return lines, lines.c.value.op("->>")("need")
    lines = func.json_each(shipments.c.lines).table_valued("value").alias("line")
    return lines, func.json_extract(lines.c.value, "$.need")


def _shipment_entry(nation: str, owners: Mapping[str, str | None],
                    dialect: str) -> ColumnElement[bool]:
    needs, offers, funding = (SHEET_TABLES[s] for s in ("needs", "offers", "funding"))
    offer_shown = exists().where(offers.c.ref == shipments.c.offer,
                                 visible_to("offers", nation, owners.get("offers")))
    pledge_shown = exists().where(funding.c.ref == shipments.c.offer,
                                  visible_to("funding", nation, owners.get("funding")))
    lines, need_ref = _line_needs(dialect)
    need_shown = exists().where(needs.c.ref == need_ref,
                                visible_to("needs", nation, owners.get("needs")))
    line_hidden = exists(select(literal(1)).select_from(lines).where(not_(need_shown)))
    ref = case((audit_log.c.entity == SHIPMENTS, audit_log.c.key),
               else_=_field("after", "shipment"))
    shown = exists().where(
        shipments.c.ref == ref,
        or_(and_(shipments.c.producer.is_(None), offer_shown),
            and_(shipments.c.producer.is_not(None), pledge_shown)),
        not_(line_hidden))
    return and_(audit_log.c.entity.in_([SHIPMENTS, SHIPMENT_EVENTS]), shown)


def audit_visible_to(connection: Connection, nation: str,
                     owners: Mapping[str, str | None]) -> ColumnElement[bool]:
    """The entries ``nation`` may read (see the module docstring); ``owners`` gives each
    sheet's owner field (a nation that owns a record sees it whatever its releasability)."""
    open_sheets = [s for s in SHEET_TABLES if not has_releasability(s)]
    return or_(
        audit_log.c.entity.in_([*open_sheets, PLAN_RUNS]),
        *(_sheet_entry(s, nation, owners.get(s)) for s in SHEET_TABLES if has_releasability(s)),
        _user_entry(nation),
        _shipment_entry(nation, owners, connection.dialect.name),
    )
