"""Pages of a sheet's records: filters, sorting, releasability and the total, all in SQL.

Releasability is a condition of the query itself, so a hidden record never reaches a page,
a count or an offset.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Connection,
    String,
    false,
    func,
    not_,
    or_,
    select,
)

from clearinghouse.adapters.db.audit import as_utc
from clearinghouse.adapters.db.codecs import CODECS
from clearinghouse.adapters.db.read_memo import remembered
from clearinghouse.adapters.db.releasability import OWNER_COLUMNS, visible_to_nation
from clearinghouse.adapters.db.repositories import Stored
from clearinghouse.adapters.db.tables import SHEET_TABLES

R = TypeVar("R")
#: Keys per ``IN`` list (SQLite allows 32,766 bound parameters, PostgreSQL 65,535).
_KEYS_PER_QUERY = 10_000


def has_releasability(sheet: str) -> bool:
    """True when the sheet's records carry a releasability (others are released to ALL)."""
    return "releasability" in SHEET_TABLES[sheet].c


def visible_to(sheet: str, nation: str, owner_field: str | None = None) -> ColumnElement[bool]:
    """Records ``nation`` sees: released to it (or ALL), or owned by it — by the sheet's owner
    column (``releasability.OWNER_COLUMNS``) or ``owner_field`` where a caller names one."""
    table = SHEET_TABLES[sheet]
    seen = visible_to_nation(table, nation)
    if owner_field is not None and owner_field != OWNER_COLUMNS.get(sheet) \
            and "releasability" in table.c:
        return or_(seen, table.c[owner_field] == nation)
    return seen


def page(connection: Connection, sheet: str, *, visible: ColumnElement[bool],
         filters: Mapping[str, Any], sort: str | None, limit: int,
         offset: int, where: Sequence[ColumnElement[bool]] = ()) -> tuple[list[Stored[Any]], int]:
    """One page of visible records matching ``filters`` (field → value) and every ``where``
    condition, and their total.

    ``sort`` names a field, ``-field`` for descending; ties (and no sort) go by insertion.
    An unknown field matches nothing rather than everything.
    """
    table = SHEET_TABLES[sheet]
    codec = CODECS[sheet]
    conditions: list[ColumnElement[bool]] = [visible, *where]
    for name, value in filters.items():
        conditions.append(table.c[name] == value if name in codec.fields else false())
    total = int(connection.execute(
        select(func.count()).select_from(table).where(*conditions)).scalar_one())
    query = select(table).where(*conditions)
    if sort:
        name = sort.lstrip("-")
        column = table.c[name] if name in codec.fields else table.c.id
        query = query.order_by(column.desc() if sort.startswith("-") else column.asc())
    query = query.order_by(table.c.id).limit(limit).offset(offset)
    records = []
    for row in connection.execute(query):
        m = row._mapping
        records.append(Stored(m["id"], m["version"], codec.from_row(m), as_utc(m["created_at"]),
                              as_utc(m["updated_at"])))
    return records, total


def visible_records(connection: Connection, sheet: str, nation: str | None,
                    owner_field: str | None = None) -> list[Any]:
    """Every record of the sheet that ``nation`` may see (``visible_to``), in insertion order;
    every record for ``nation`` None (the operator's whole view)."""
    table = SHEET_TABLES[sheet]
    codec = CODECS[sheet]
    query = select(*(table.c[f] for f in codec.fields)).order_by(table.c.id)
    if nation is not None:
        query = query.where(visible_to(sheet, nation, owner_field))
    # The sheet's own owner column adds nothing to its visibility: one reading serves both.
    extra_owner = None if nation is None or owner_field == OWNER_COLUMNS.get(sheet) \
        else owner_field
    return remembered(
        ("visible", id(connection.engine), sheet, nation, extra_owner),
        lambda: [codec.from_values(row) for row in connection.execute(query)])


def of_capability(sheet: str, field: str, capability: str) -> ColumnElement[bool]:
    """Records whose ``field`` names a catalogue item (``code``) or class (``class_code``)
    of this capability; ``field`` says which by its name (``item``: an item code)."""
    items = SHEET_TABLES["items"]
    code = items.c.code if field == "item" else items.c.class_code
    codes = select(code).where(items.c.capability == capability)
    return SHEET_TABLES[sheet].c[field].in_(codes)


def on_or_before(sheet: str, field: str, day: date) -> ColumnElement[bool]:
    """Records whose date ``field`` is ``day`` or earlier."""
    return SHEET_TABLES[sheet].c[field] <= day


def is_visible(connection: Connection, sheet: str, record_id: int,
               visible: ColumnElement[bool]) -> bool:
    """True when the record with this id satisfies ``visible``."""
    table = SHEET_TABLES[sheet]
    query = select(func.count()).select_from(table).where(table.c.id == record_id, visible)
    return bool(connection.execute(query).scalar_one())


def hidden_keys(connection: Connection, sheet: str, visible: ColumnElement[bool],
                keys: Collection[str]) -> set[str]:
    """Which of ``keys`` name stored records of the sheet that do not satisfy ``visible``."""
    if not keys or not has_releasability(sheet):
        return set()
    table, codec = SHEET_TABLES[sheet], CODECS[sheet]
    (key_field,) = codec.key_fields  # the sheets with releasability have one key
    column = table.c[key_field]
    found: set[str] = set()
    wanted = sorted(keys)
    for start in range(0, len(wanted), _KEYS_PER_QUERY):
        chunk = wanted[start:start + _KEYS_PER_QUERY]
        query = select(column).where(column.in_(chunk), not_(visible))
        stored: list[Any] = list(connection.execute(query).scalars())
        found.update(str(key) for key in stored)
    return found


def _contains(column: Any, text: str) -> ColumnElement[bool]:
    """``column`` holds ``text``, ignoring case (``%`` and ``_`` in ``text`` match themselves)."""
    return func.lower(column).contains(text.lower(), autoescape=True)


#: Columns a search never looks in (they name no thing a user looks for).
_NOT_SEARCHED = frozenset({"releasability", "status"})


def text_matches(sheet: str, text: str) -> ColumnElement[bool]:
    """Records of the sheet where any text column holds ``text`` (ignoring case), or whose
    catalogue item or class, or whose nation (donor, destination …), has a name or code or
    class or capability holding it — so "United States" finds the offers of USA and
    "artillery" the needs of 155mm-NATO."""
    table = SHEET_TABLES[sheet]
    items, nations = SHEET_TABLES["items"], SHEET_TABLES["nations"]
    texts = [c for c in table.c if isinstance(c.type, String) and c.name not in _NOT_SEARCHED]
    found = [_contains(c, text) for c in texts]
    item_hit = or_(*(_contains(items.c[n], text)
                     for n in ("code", "name", "class_code", "capability")))
    nation_codes = select(nations.c.code).where(_contains(nations.c.name, text))
    for column in texts:
        if column.name == "item":
            found.append(column.in_(select(items.c.code).where(item_hit)))
        elif column.name == "class_code":
            found.append(column.in_(select(items.c.class_code).where(item_hit)))
        elif column.name in NATION_COLUMNS:
            found.append(column.in_(nation_codes))
    return or_(*found) if found else false()


#: Columns that hold a nation's code, searched by the nation's name too.
NATION_COLUMNS = frozenset({"donor", "destination", "owner", "origin", "host", "location",
                            "nation", "buyer", "country"})
