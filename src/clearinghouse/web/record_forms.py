"""The form routes every record sheet's pages share: new (offered only to roles that may
file), create, detail, edit and save — one copy for needs, offers, posts, procurement and
training needs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from clearinghouse.services.errors import UserError
from clearinghouse.services.records import records
from clearinghouse.web.forms import FIELDS, sheet_path, shown
from clearinghouse.web.render import error_page, status_of
from clearinghouse.web.session import Session, check_csrf, current_session, engine_of

CurrentSession = Annotated[Session, Depends(current_session)]
#: A sheet's values for a new form, for the signed-in user.
Defaults = Callable[[Session], dict[str, str]]
#: A posted form's values as the sheet saves them (e.g. a liaison's own nation filled in).
Posted = Callable[[Any, Session], dict[str, str]]


def form_values(form: Any, _session: Session) -> dict[str, str]:
    """A posted form's fields as text, the CSRF token left out."""
    return {k: str(v) for k, v in form.items() if k != "csrf"}


def add_form_routes(router: APIRouter, sheet: str, defaults: Defaults,
                    posted: Posted = form_values) -> None:
    """Register ``new``, ``{ref}`` and ``{ref}/edit`` under the sheet's path (web.forms)."""
    # Imported here: web.records registers its own sheets through this module.
    from clearinghouse.web.records import detail, form_page, save_form

    base = sheet_path(sheet)

    @router.get(f"{base}/new")
    def new_form(request: Request, session: CurrentSession) -> HTMLResponse:
        if session.user.role not in records.resource(sheet).writers:
            # Refused before the form is filled, not after.
            return error_page(request, session, 403,
                              f"a {session.user.role} may not file {sheet.replace('_', ' ')}")
        return form_page(request, session, sheet, defaults(session), {}, ref=None,
                         version=None)

    @router.post(f"{base}/new")
    async def create(request: Request, session: CurrentSession) -> Response:
        form = await request.form()
        check_csrf(session.csrf, form.get("csrf"))
        return await run_in_threadpool(save_form, request, session, sheet,
                                       posted(form, session), None, None)

    @router.get(base + "/{ref}")
    def show_detail(request: Request, ref: str, session: CurrentSession) -> HTMLResponse:
        return detail(request, session, sheet, ref)

    @router.get(base + "/{ref}/edit")
    def edit_form(request: Request, ref: str, session: CurrentSession) -> HTMLResponse:
        try:
            stored = records.get_record(engine_of(request), session.user, sheet, ref)
            records.check_may_change(session.user, sheet, stored.record)
        except UserError as e:
            return error_page(request, session, status_of(e), str(e))
        return form_page(request, session, sheet, shown(stored.record, FIELDS[sheet]), {},
                         ref=ref, version=stored.version)

    @router.post(base + "/{ref}/edit")
    async def edit(request: Request, ref: str, session: CurrentSession) -> Response:
        form = await request.form()
        check_csrf(session.csrf, form.get("csrf"))
        values = posted(form, session)
        try:
            version = int(values.get("version", ""))
        except ValueError:
            return error_page(request, session, 422, "the form carries no record version")
        return await run_in_threadpool(save_form, request, session, sheet, values, ref,
                                       version)
