"""Procurement requests: the list (search, filter by buyer and class, sortable, page size,
export) of the requests released to the user's nation or bought by it, and the forms with
which donor liaisons of the buying nation and coordinators file and change them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from clearinghouse.services.records.users import Role
from clearinghouse.web import lists
from clearinghouse.web.record_forms import add_form_routes
from clearinghouse.web.session import Session

SHEET = "procurement"


def _context(request: Request, session: Session) -> dict[str, Any]:
    return {"nations": lists.nations(request, session),
            "classes": sorted({c for c, _ in lists.catalogue(request, session).values()})}


LIST = lists.ListSpec(SHEET, f"/ui/{SHEET}", "procurement.html",
                      ("ref", "buyer", "class_code", "quantity", "max_unit_price_eur", "due"),
                      {"buyer": "buyer", "class_code": "class_code"}, context=_context)


def _posted(form: Any, session: Session) -> dict[str, str]:
    values = {k: str(v) for k, v in form.items() if k != "csrf"}
    if session.user.role is Role.DONOR_LIAISON:
        values["buyer"] = session.user.nation  # a liaison files its own nation's requests
    return values


def procurement_router() -> APIRouter:
    """Routes of the procurement request pages."""
    router = APIRouter(include_in_schema=False)
    lists.add_list_routes(router, LIST)
    add_form_routes(router, SHEET, lambda session: {
        "releasability": "ALL", "buyer": session.user.nation}, _posted)
    return router
