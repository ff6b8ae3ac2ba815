"""Staff posts: the list (filter by nation and branch, sortable, pages) for everyone, and
the forms with which coordinators keep the cell's establishment."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from clearinghouse.domain.posts import J_CODE, Branch
from clearinghouse.services.errors import UserError
from clearinghouse.services.records import records
from clearinghouse.services.reporting import dashboard
from clearinghouse.web.forms import FIELDS, shown
from clearinghouse.web.records import detail, form_page, save_form
from clearinghouse.web.render import error_page, page, status_of
from clearinghouse.web.session import Session, check_csrf, current_session, engine_of

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

    @router.get(f"{base}/new")
    def new_form(request: Request, session: CurrentSession) -> HTMLResponse:
        values = {"releasability": "ALL", "starts": date.today().isoformat()}
        return form_page(request, session, SHEET, values, {}, ref=None, version=None)

    @router.post(f"{base}/new")
    async def create(request: Request, session: CurrentSession) -> Response:
        form = await request.form()
        check_csrf(session.csrf, form.get("csrf"))
        values = {k: str(v) for k, v in form.items() if k != "csrf"}
        return await run_in_threadpool(save_form, request, session, SHEET, values, None, None)

    @router.get(base + "/{ref}")
    def show_detail(request: Request, ref: str, session: CurrentSession) -> HTMLResponse:
        return detail(request, session, SHEET, ref)

    @router.get(base + "/{ref}/edit")
    def edit_form(request: Request, ref: str, session: CurrentSession) -> HTMLResponse:
        try:
            stored = records.get_record(engine_of(request), session.user, SHEET, ref)
        except UserError as e:
            return error_page(request, session, status_of(e), str(e))
        return form_page(request, session, SHEET, shown(stored.record, FIELDS[SHEET]), {},
                         ref=ref, version=stored.version)

    @router.post(base + "/{ref}/edit")
    async def edit(request: Request, ref: str, session: CurrentSession) -> Response:
        form = await request.form()
        check_csrf(session.csrf, form.get("csrf"))
        values = {k: str(v) for k, v in form.items() if k != "csrf"}
        try:
            version = int(values.get("version", ""))
        except ValueError:
            return error_page(request, session, 422, "the form carries no record version")
        return await run_in_threadpool(save_form, request, session, SHEET, values, ref,
                                       version)

    return router
