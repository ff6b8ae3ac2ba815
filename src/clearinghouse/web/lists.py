"""Every record list page, one shape: search, filters by the columns shown (nations picked by
name), sortable headers, page size, pages past the last said so, and the export (CSV, XLSX)
of exactly what the list shows — every filter and releasability applied in SQL. A page is a
:class:`ListSpec`; :func:`add_list_routes` gives it its list and export routes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from clearinghouse.services.records import lists as record_lists
from clearinghouse.services.records import records, table_export
from clearinghouse.services.records.lists import ListFilter
from clearinghouse.services.reporting import dashboard
from clearinghouse.web.render import page
from clearinghouse.web.session import Session, current_session, engine_of

CurrentSession = Annotated[Session, Depends(current_session)]
PAGE_SIZES = (10, 25, 50, 100)
PAGE_SIZE = 25
#: What a page shows beside its rows (choices of its filters …), for the signed-in user.
Context = Callable[[Request, Session], dict[str, Any]]


def _no_context(_request: Request, _session: Session) -> dict[str, Any]:
    return {}


@dataclass(frozen=True, slots=True)
class ListSpec:
    """One list page: its sheet, address and template, the fields its headers sort by, its
    equality filters (query parameter → field; ``whole``: whole-number ones), whether it
    filters by capability and date (needs, offers) and what else its template shows."""

    sheet: str
    path: str
    template: str
    sorts: tuple[str, ...]
    equals: Mapping[str, str]
    whole: Mapping[str, str] = field(default_factory=dict)
    by_capability: bool = False
    context: Context = _no_context


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def wanted(spec: ListSpec, params: Mapping[str, str]) -> ListFilter:
    """The list's filter from the query (unknown sort fields and bad dates are ignored)."""
    found: dict[str, Any] = {column: params[name].strip()
                             for name, column in spec.equals.items() if params.get(name)}
    found.update({column: _int(params[name], 0) for name, column in spec.whole.items()
                  if params.get(name, "").isdigit() and len(params[name]) < 10})
    sort = params.get("sort", "")
    if sort.lstrip("-") not in spec.sorts:
        sort = ""
    capability = params.get("capability") if spec.by_capability else None
    by = _date(params.get("due", "")) if spec.by_capability else None
    return ListFilter(found, capability, by, sort or None, params.get("q", "")[:200] or None)


def catalogue(request: Request, session: Session) -> dict[str, tuple[str, str]]:
    """Item code → (class, capability) of the catalogue."""
    items = records.list_records(engine_of(request), session.user, "items", filters={},
                                 sort="code", limit=10_000, offset=0).records
    return {s.record.code: (s.record.class_code, s.record.capability) for s in items}


def nations(request: Request, session: Session) -> list[tuple[str, str]]:
    """(code, name) of the nations the user sees, by name: the nation pickers' choices."""
    names = dashboard.nation_names(engine_of(request), session.user)
    return sorted(names.items(), key=lambda kv: kv[1])


def page_asked(text: str | None) -> int:
    """The page number a query asks for: 1 for none or not a whole number, never past the
    service's cap (so an offset always fits a database integer)."""
    return min(max(1, _int(text or "", 1)), record_lists.MAX_PAGE)


def _int(text: str, default: int) -> int:
    """A whole number of the query (the service caps page numbers), else ``default``."""
    try:
        return int(text) if text.isascii() and text.isdigit() else default
    except ValueError:  # more digits than Python converts
        return default


def _params(request: Request) -> dict[str, str]:
    return {k: v for k, v in request.query_params.items() if v}


def listing(request: Request, session: Session, spec: ListSpec) -> HTMLResponse:
    """One page of the list, with every control of the list."""
    engine, user = engine_of(request), session.user
    params = _params(request)
    size = _int(params.get("size", ""), PAGE_SIZE)
    size = size if size in PAGE_SIZES else PAGE_SIZE
    found = record_lists.list_page(engine, user, spec.sheet, wanted(spec, params),
                                   number=page_asked(params.get("page")), size=size)
    return page(request, spec.template, session, sheet=spec.sheet, base=spec.path,
                rows=found.records, total=found.total, page_number=found.number,
                pages=found.pages, beyond_last=found.beyond_last, params=params,
                sorts=spec.sorts, sizes=PAGE_SIZES, size=size,
                may_create=user.role in records.resource(spec.sheet).writers,
                **spec.context(request, session))


def export(request: Request, session: Session, spec: ListSpec, kind: str) -> Response:
    """What the list shows (every page of it) as CSV or XLSX, columns as on the page."""
    engine, user = engine_of(request), session.user
    lookups: tuple[dict[str, str], dict[str, tuple[str, str]]] = (
        (dashboard.capabilities(engine, user), catalogue(request, session))
        if spec.by_capability else ({}, {}))
    rows = record_lists.export_rows(engine, user, spec.sheet, wanted(spec, _params(request)),
                                    *lookups)
    header = record_lists.EXPORT_COLUMNS[spec.sheet]
    name = spec.path.rsplit("/", 1)[-1]
    # The cells are neutralised already: CSV writes them as they are; XLSX as text.
    body = (table_export.as_csv(header, rows) if kind == table_export.CSV
            else table_export.as_xlsx(spec.sheet, header, rows))
    suffix = "csv" if kind == table_export.CSV else "xlsx"
    media = kind + ("; charset=utf-8" if kind == table_export.CSV else "")
    return Response(body, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="{name}.{suffix}"'})


def add_list_routes(router: APIRouter, spec: ListSpec) -> None:
    """Register the list page and its exports (before any ``{ref}`` route of the sheet)."""

    @router.get(f"{spec.path}/export.csv")
    def export_csv(request: Request, session: CurrentSession) -> Response:
        return export(request, session, spec, table_export.CSV)

    @router.get(f"{spec.path}/export.xlsx")
    def export_xlsx(request: Request, session: CurrentSession) -> Response:
        return export(request, session, spec, table_export.XLSX)

    @router.get(spec.path)
    def show_list(request: Request, session: CurrentSession) -> HTMLResponse:
        return listing(request, session, spec)
