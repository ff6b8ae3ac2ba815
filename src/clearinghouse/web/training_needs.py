"""Training needs: the list (search, filter by category and priority, sortable, page size,
export) every role reads; the training plan (web.training) places their trainees."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from clearinghouse.domain.training import CourseCategory
from clearinghouse.web import lists
from clearinghouse.web.session import Session


def _context(_request: Request, _session: Session) -> dict[str, Any]:
    return {"categories": [c.value for c in CourseCategory]}


LIST = lists.ListSpec("training_needs", "/ui/training-needs", "training_needs.html",
                      ("ref", "category", "trainees", "priority", "due"),
                      {"category": "category"}, {"priority": "priority"}, context=_context)


def training_needs_router() -> APIRouter:
    """Routes of the training needs list."""
    router = APIRouter(include_in_schema=False)
    lists.add_list_routes(router, LIST)
    return router
