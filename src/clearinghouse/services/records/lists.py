"""Numbered pages of needs or offers for the list pages: every filter, the sort and the page
itself run in SQL over the records released to the user's nation, so a page costs the same
for a hundred records as for a hundred thousand."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Engine

from clearinghouse.adapters.db.listing import of_capability, on_or_before, page, visible_to
from clearinghouse.adapters.db.repositories import Stored
from clearinghouse.domain import formats
from clearinghouse.domain.formula_cells import neutralise
from clearinghouse.domain.releasability import format_releasability
from clearinghouse.services.records.records import resource
from clearinghouse.services.records.users import User
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

#: The field that names a catalogue class or item (for the capability filter), per sheet.
CAPABILITY_FIELD = {"needs": "class_code", "offers": "item"}
#: The date the "by" filter bounds, per sheet.
DATE_FIELD = {"needs": "due", "offers": "available"}
#: Page numbers are capped so that an offset always fits a database integer.
MAX_PAGE = 2**40


@dataclass(frozen=True, slots=True)
class ListFilter:
    """What a list page asks for: equality ``filters`` (field → value), a capability, a
    latest date (``due`` of needs, ``available`` of offers) and a sort (``-field``: down)."""

    filters: Mapping[str, Any] = field(default_factory=dict)
    capability: str | None = None
    by: date | None = None
    sort: str | None = None


@dataclass(frozen=True, slots=True)
class NumberedPage:
    """One page of records, its number (1-based, within ``pages``) and the total matching."""

    records: list[Stored[Any]]
    number: int
    pages: int
    total: int


def _conditions(sheet: str, wanted: ListFilter) -> list[ColumnElement[bool]]:
    found = []
    if wanted.capability:
        found.append(of_capability(sheet, CAPABILITY_FIELD[sheet], wanted.capability))
    if wanted.by is not None:
        found.append(on_or_before(sheet, DATE_FIELD[sheet], wanted.by))
    return found


def list_page(engine: Engine, user: User, sheet: str, wanted: ListFilter, *, number: int,
              size: int) -> NumberedPage:
    """Page ``number`` (past the last page: the last) of the user's visible ``sheet``
    (needs or offers) records matching ``wanted``."""
    res = resource(sheet)
    visible = visible_to(sheet, user.nation, res.owner_field)
    where = _conditions(sheet, wanted)
    number = min(max(1, number), MAX_PAGE)
    with SqlUnitOfWork(engine, user.name) as uow:
        def fetch(n: int) -> tuple[list[Stored[Any]], int]:
            return page(uow.connection, sheet, visible=visible, filters=wanted.filters,
                        sort=wanted.sort, limit=size, offset=(n - 1) * size, where=where)
        records, total = fetch(number)
        pages = max(1, -(-total // size))
        if number > pages:
            number = pages
            records, total = fetch(number)
            pages = max(1, -(-total // size))
    return NumberedPage(records, number, pages, total)


#: The needs export's columns: fulfilment side by side (requested, planned, delivered).
NEED_EXPORT_COLUMNS = ("ref", "class", "capability", "priority", "due", "destination",
                       "status", "requested", "planned", "delivered", "delivered_share",
                       "short", "releasability")


def export_needs(engine: Engine, user: User, wanted: ListFilter,
                 capability: Mapping[str, str]) -> list[list[str]]:
    """Every visible need matching ``wanted`` as export rows (``NEED_EXPORT_COLUMNS``),
    figures written as on the pages (``domain.formats``) and formula cells neutralised."""
    rows: list[list[str]] = []
    number = 1
    while True:
        found = list_page(engine, user, "needs", wanted, number=number, size=5_000)
        for stored in found.records:
            n = stored.record
            cells = [n.ref, n.class_code, capability.get(n.class_code, ""), str(n.priority),
                     n.due.isoformat(), n.destination, str(n.status), str(n.quantity),
                     str(n.planned), str(n.delivered), formats.part_of(n.delivered, n.quantity),
                     str(max(0, n.quantity - n.delivered)),
                     format_releasability(tuple(n.releasability))]
            rows.append([neutralise(c) for c in cells])
        if found.number >= found.pages:
            return rows
        number += 1
