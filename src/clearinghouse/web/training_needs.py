"""Training needs: the list (search, filter by category and priority, sortable, page size,
export) and detail pages every role reads, and the forms with which the roles the API lets
write training needs (coordinators, recipient liaisons) file and change them; the training
plan (web.training) places their trainees."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from clearinghouse.domain.training import CourseCategory
from clearinghouse.web import lists
from clearinghouse.web.forms import sheet_path
from clearinghouse.web.record_forms import add_form_routes
from clearinghouse.web.session import Session

SHEET = "training_needs"


def _context(_request: Request, _session: Session) -> dict[str, Any]:
    return {"categories": [c.value for c in CourseCategory]}


LIST = lists.ListSpec(SHEET, sheet_path(SHEET), "training_needs.html",
                      ("ref", "category", "trainees", "priority", "due"),
                      {"category": "category"}, {"priority": "priority"}, context=_context)


def training_needs_router() -> APIRouter:
    """Routes of the training needs pages."""
    router = APIRouter(include_in_schema=False)
    lists.add_list_routes(router, LIST)
    add_form_routes(router, SHEET, lambda _session: {})
    return router
