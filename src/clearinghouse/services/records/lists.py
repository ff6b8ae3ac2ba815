"""Numbered pages of the record lists (needs, offers, posts, procurement requests, training
needs) for the list pages: every filter, the sort and the page itself run in SQL over the
records released to the user's nation, so a page costs the same for a hundred records as for
a hundred thousand."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Engine

from clearinghouse.adapters.db.listing import (
    of_capability,
    on_or_before,
    page,
    text_matches,
    visible_to,
)
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
    latest date (``due`` of needs, ``available`` of offers), a sort (``-field``: down) and a
    search text ``q`` (``listing.text_matches``)."""

    filters: Mapping[str, Any] = field(default_factory=dict)
    capability: str | None = None
    by: date | None = None
    sort: str | None = None
    q: str | None = None


@dataclass(frozen=True, slots=True)
class NumberedPage:
    """One page of records, its number (1-based) and the total matching; ``number`` past
    ``pages`` is a page asked for beyond the last, with no records (the page says so)."""

    records: list[Stored[Any]]
    number: int
    pages: int
    total: int

    @property
    def beyond_last(self) -> bool:
        """True when the page asked for lies past the last page."""
        return self.number > self.pages


def _conditions(sheet: str, wanted: ListFilter) -> list[ColumnElement[bool]]:
    found = []
    if wanted.capability:
        found.append(of_capability(sheet, CAPABILITY_FIELD[sheet], wanted.capability))
    if wanted.by is not None:
        found.append(on_or_before(sheet, DATE_FIELD[sheet], wanted.by))
    if wanted.q and wanted.q.strip():
        found.append(text_matches(sheet, wanted.q.strip()))
    return found


def list_page(engine: Engine, user: User, sheet: str, wanted: ListFilter, *, number: int,
              size: int) -> NumberedPage:
    """Page ``number`` of the user's visible ``sheet`` records matching
    ``wanted``; past the last page, no records (``beyond_last``), never silently the last."""
    res = resource(sheet)
    visible = visible_to(sheet, user.nation, res.owner_field)
    where = _conditions(sheet, wanted)
    number = min(max(1, number), MAX_PAGE)
    with SqlUnitOfWork(engine, user.name) as uow:
        records, total = page(uow.connection, sheet, visible=visible, filters=wanted.filters,
                              sort=wanted.sort, limit=size, offset=(number - 1) * size,
                              where=where)
    return NumberedPage(records, number, max(1, -(-total // size)), total)


#: The export's columns per list: what the list page shows (fulfilment side by side).
EXPORT_COLUMNS = {
    "needs": ("ref", "class", "capability", "priority", "due", "destination", "status",
              "requested", "planned", "delivered", "delivered_share", "short", "releasability"),
    "offers": ("ref", "donor", "item", "class", "capability", "quantity", "available", "kind",
               "status", "value_eur", "releasability"),
    "posts": ("ref", "nation", "title", "branch", "starts", "ends", "today", "releasability"),
    "procurement": ("ref", "buyer", "class", "quantity", "max_unit_price_eur", "due",
                    "releasability"),
    "training_needs": ("ref", "category", "trainees", "priority", "due")}
NEED_EXPORT_COLUMNS = EXPORT_COLUMNS["needs"]


def _text(value: Any) -> str:
    return "" if value is None else str(value.isoformat() if isinstance(value, date) else value)


def _cells(sheet: str, r: Any, catalogue: Mapping[str, tuple[str, str]],
           capability: Mapping[str, str]) -> list[str]:
    if sheet == "needs":
        return [r.ref, r.class_code, capability.get(r.class_code, ""), str(r.priority),
                r.due.isoformat(), r.destination, str(r.status), str(r.quantity),
                str(r.planned), str(r.delivered), formats.part_of(r.delivered, r.quantity),
                str(max(0, r.quantity - r.delivered)),
                format_releasability(tuple(r.releasability))]
    if sheet == "offers":
        class_code, cap = catalogue.get(r.item, ("", ""))
        return [r.ref, r.donor, r.item, class_code, cap, str(r.quantity),
                r.available.isoformat(), str(r.kind), str(r.status),
                _text(r.value_eur), format_releasability(tuple(r.releasability))]
    if sheet == "posts":
        return [r.ref, r.nation, r.title, str(r.branch), _text(r.starts), _text(r.ends),
                "filled" if r.filled_on(date.today()) else "vacant",
                format_releasability(tuple(r.releasability))]
    if sheet == "procurement":
        return [r.ref, r.buyer, r.class_code, str(r.quantity), _text(r.max_unit_price_eur),
                _text(r.due), format_releasability(tuple(r.releasability))]
    return [r.ref, str(r.category), str(r.trainees), str(r.priority), _text(r.due)]


def export_rows(engine: Engine, user: User, sheet: str, wanted: ListFilter,
                capability: Mapping[str, str],
                catalogue: Mapping[str, tuple[str, str]]) -> list[list[str]]:
    """Every visible record of the list matching ``wanted`` as rows (``EXPORT_COLUMNS``)
    — needs, offers, posts, procurement requests or training needs —
    figures written as on the pages (``domain.formats``), formula cells neutralised.
    ``catalogue``: item code → (class, capability); ``capability``: class → capability."""
    rows: list[list[str]] = []
    number = 1
    while True:
        found = list_page(engine, user, sheet, wanted, number=number, size=5_000)
        rows.extend([neutralise(c) for c in _cells(sheet, s.record, catalogue, capability)]
                    for s in found.records)
        if found.number >= found.pages:
            return rows
        number += 1


def export_needs(engine: Engine, user: User, wanted: ListFilter,
                 capability: Mapping[str, str]) -> list[list[str]]:
    """Every visible need matching ``wanted`` as export rows (``NEED_EXPORT_COLUMNS``)."""
    return export_rows(engine, user, "needs", wanted, capability, {})
