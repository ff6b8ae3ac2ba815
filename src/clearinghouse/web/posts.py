"""Staff posts: the list (search, filter by nation and branch, sortable, page size, export)
for everyone, and the forms with which coordinators keep the cell's establishment."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request

from clearinghouse.domain.posts import J_CODE, Branch
from clearinghouse.web import lists
from clearinghouse.web.record_forms import add_form_routes
from clearinghouse.web.session import Session

SHEET = "posts"


def _context(request: Request, session: Session) -> dict[str, Any]:
    return {"branches": [(b.value, f"{J_CODE[b]} {b.value}") for b in Branch],
            "j_code": J_CODE, "nations": lists.nations(request, session),
            "today": date.today()}


LIST = lists.ListSpec(SHEET, f"/ui/{SHEET}", "posts.html",
                      ("ref", "nation", "title", "branch", "starts", "ends"),
                      {"nation": "nation", "branch": "branch"}, context=_context)


def posts_router() -> APIRouter:
    """Routes of the posts pages."""
    router = APIRouter(include_in_schema=False)
    lists.add_list_routes(router, LIST)
    add_form_routes(router, SHEET, lambda _session: {
        "releasability": "ALL", "starts": date.today().isoformat()})
    return router
