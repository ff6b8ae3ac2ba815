"""Staff posts: the list (filter by nation and branch, sortable, pages) for everyone, and
the forms with which coordinators keep the cell's establishment."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from clearinghouse.domain.posts import J_CODE, Branch
from clearinghouse.services.records import records
from clearinghouse.services.reporting import dashboard
from clearinghouse.web.record_forms import add_form_routes
from clearinghouse.web.render import page
from clearinghouse.web.session import Session, current_session, engine_of

CurrentSession = Annotated[Session, Depends(current_session)]
SHEET = "posts"
PAGE_SIZE = 50
SORTS = ("ref", "nation", "title", "branch", "starts", "ends")


def _filters(params: dict[str, str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if params.get("nation"):
        found["nation"] = params["nation"].strip().upper()
    if params.get("branch") in {b.value for b in Branch}:
        found["branch"] = params["branch"]
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
    return page(request, "posts.html", session, rows=found.records, total=found.total,
                page_number=number, pages=pages, params=params, sorts=SORTS,
                branches=[(b.value, J_CODE[b]) for b in Branch], j_code=J_CODE,
                nations=sorted(dashboard.nation_names(engine, user)), today=date.today(),
                may_create=user.role in records.resource(SHEET).writers)


def posts_router() -> APIRouter:
    """Routes of the posts pages."""
    router = APIRouter(include_in_schema=False)
    base = f"/ui/{SHEET}"

    @router.get(base)
    def show_list(request: Request, session: CurrentSession) -> HTMLResponse:
        return listing(request, session)

    add_form_routes(router, SHEET, lambda _session: {
        "releasability": "ALL", "starts": date.today().isoformat()})

    return router
