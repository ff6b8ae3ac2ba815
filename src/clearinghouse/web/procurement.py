"""Procurement requests: the list (filter by buyer and class, sortable, pages) of the requests
released to the user's nation or bought by it, and the forms with which donor liaisons of the
buying nation and coordinators file and change them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from clearinghouse.services.records import records
from clearinghouse.services.records.users import Role
from clearinghouse.web.record_forms import add_form_routes
from clearinghouse.web.render import page
from clearinghouse.web.session import Session, current_session, engine_of

CurrentSession = Annotated[Session, Depends(current_session)]
SHEET = "procurement"
PAGE_SIZE = 50
SORTS = ("ref", "buyer", "class_code", "quantity", "max_unit_price_eur", "due")


def _filters(params: dict[str, str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if params.get("buyer"):
        found["buyer"] = params["buyer"].strip().upper()
    if params.get("class_code"):
        found["class_code"] = params["class_code"].strip()
    return found


def listing(request: Request, session: Session) -> HTMLResponse:
    engine, user = engine_of(request), session.user
    params = {k: v for k, v in request.query_params.items() if v}
    sort = params.get("sort", "")
    if sort.lstrip("-") not in SORTS:
        sort = ""
    try:
        number = max(1, min(int(params.get("page", "1")), 2**30))
    except ValueError:
        number = 1
    found = records.list_records(engine, user, SHEET, filters=_filters(params),
                                 sort=sort or None, limit=PAGE_SIZE,
                                 offset=(number - 1) * PAGE_SIZE)
    pages = max(1, -(-found.total // PAGE_SIZE))
    return page(request, "procurement.html", session, rows=found.records, total=found.total,
                page_number=number, pages=pages, params=params, sorts=SORTS,
                may_create=user.role in records.resource(SHEET).writers)


def _posted(form: Any, session: Session) -> dict[str, str]:
    values = {k: str(v) for k, v in form.items() if k != "csrf"}
    if session.user.role is Role.DONOR_LIAISON:
        values["buyer"] = session.user.nation  # a liaison files its own nation's requests
    return values


def procurement_router() -> APIRouter:
    """Routes of the procurement request pages."""
    router = APIRouter(include_in_schema=False)
    base = f"/ui/{SHEET}"

    @router.get(base)
    def show_list(request: Request, session: CurrentSession) -> HTMLResponse:
        return listing(request, session)

    add_form_routes(router, SHEET, lambda session: {
        "releasability": "ALL", "buyer": session.user.nation}, _posted)

    return router
