"""The needs and offers list pages: search, filters by the columns shown (nations picked by
name), sortable headers, page size, pages past the last said so, and the export (CSV, XLSX)
of exactly what the list shows — every filter and releasability applied in SQL."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from clearinghouse.domain.lifecycle import NeedStatus, OfferStatus
from clearinghouse.services.records import lists as record_lists
from clearinghouse.services.records import records, table_export
from clearinghouse.services.records.lists import ListFilter
from clearinghouse.services.reporting import dashboard
from clearinghouse.web.render import page
from clearinghouse.web.session import Session, engine_of

PAGE_SIZES = (10, 25, 50, 100)
PAGE_SIZE = 25
SORTS = {"needs": ("ref", "class_code", "quantity", "priority", "due", "destination",
                   "status"),
         "offers": ("ref", "donor", "item", "quantity", "available", "kind", "status")}
STATUSES = {"needs": tuple(NeedStatus), "offers": tuple(OfferStatus)}
#: Equality filters per list: query parameter → record field (values checked against choices).
EQUALS = {"needs": {"class": "class_code", "destination": "destination", "status": "status"},
          "offers": {"donor": "donor", "item": "item", "kind": "kind", "status": "status"}}


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def wanted(sheet: str, params: dict[str, str]) -> ListFilter:
    """The list's filter from the query (unknown sort fields and bad dates are ignored)."""
    found: dict[str, Any] = {field: params[name].strip()
                             for name, field in EQUALS[sheet].items() if params.get(name)}
    if sheet == "needs" and params.get("priority", "") in ("1", "2", "3", "4", "5"):
        found["priority"] = int(params["priority"])
    sort = params.get("sort", "")
    if sort.lstrip("-") not in SORTS[sheet]:
        sort = ""
    return ListFilter(found, params.get("capability"), _date(params.get("due", "")),
                      sort or None, params.get("q", "")[:200] or None)


def _catalogue(request: Request, session: Session) -> dict[str, tuple[str, str]]:
    """Item code → (class, capability) of the catalogue."""
    items = records.list_records(engine_of(request), session.user, "items", filters={},
                                 sort="code", limit=10_000, offset=0).records
    return {s.record.code: (s.record.class_code, s.record.capability) for s in items}


def _int(text: str, default: int) -> int:
    return int(text) if text.isdigit() else default


def listing(request: Request, session: Session, sheet: str) -> HTMLResponse:
    """One page of the list, with every control of the list."""
    engine, user = engine_of(request), session.user
    params = {k: v for k, v in request.query_params.items() if v}
    size = _int(params.get("size", ""), PAGE_SIZE)
    size = size if size in PAGE_SIZES else PAGE_SIZE
    found = record_lists.list_page(engine, user, sheet, wanted(sheet, params),
                                   number=_int(params.get("page", ""), 1), size=size)
    catalogue = _catalogue(request, session)
    capability = dashboard.capabilities(engine, user)
    return page(request, "list.html", session, sheet=sheet, rows=found.records,
                total=found.total, page_number=found.number, pages=found.pages,
                beyond_last=found.beyond_last, params=params, sorts=SORTS[sheet],
                statuses=STATUSES[sheet], sizes=PAGE_SIZES, size=size,
                capabilities=sorted(set(capability.values())), capability=capability,
                catalogue=catalogue, classes=sorted({c for c, _ in catalogue.values()}),
                nations=sorted(dashboard.nation_names(engine, user).items(),
                               key=lambda kv: kv[1]),
                may_create=user.role in records.resource(sheet).writers)


def export(request: Request, session: Session, sheet: str, kind: str) -> Response:
    """What the list shows (every page of it) as CSV or XLSX, columns as on the page."""
    engine, user = engine_of(request), session.user
    params = {k: v for k, v in request.query_params.items() if v}
    rows = record_lists.export_rows(engine, user, sheet, wanted(sheet, params),
                                    dashboard.capabilities(engine, user),
                                    _catalogue(request, session))
    header = record_lists.EXPORT_COLUMNS[sheet]
    # The cells are neutralised already: CSV writes them as they are; XLSX as text.
    body = (table_export.as_csv(header, rows) if kind == table_export.CSV
            else table_export.as_xlsx(sheet, header, rows))
    suffix = "csv" if kind == table_export.CSV else "xlsx"
    media = kind + ("; charset=utf-8" if kind == table_export.CSV else "")
    return Response(body, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="{sheet}.{suffix}"'})
