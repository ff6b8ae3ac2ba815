"""Needs and offers: lists with filters, sorting and pages; detail with history; forms."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.fields import due_warning
from clearinghouse.domain.lifecycle import (
    NEED_TRANSITIONS,
    OFFER_TRANSITIONS,
    NeedStatus,
    OfferStatus,
)
from clearinghouse.services.errors import Conflict, UserError
from clearinghouse.services.records import records
from clearinghouse.services.records.audit import list_audit
from clearinghouse.services.records.resources import AUDIT_READERS
from clearinghouse.services.records.users import Role
from clearinghouse.services.reporting import dashboard
from clearinghouse.web import lists
from clearinghouse.web.decisions import need_panel
from clearinghouse.web.forms import (
    FIELDS,
    FormInvalid,
    field_errors,
    noun,
    parse,
    sheet_path,
    shown,
)
from clearinghouse.web.record_forms import add_form_routes, form_values
from clearinghouse.web.render import error_page, page, status_of
from clearinghouse.web.session import Session, check_csrf, current_session, engine_of

CurrentSession = Annotated[Session, Depends(current_session)]
LIFECYCLE: dict[str, Any] = {"needs": NEED_TRANSITIONS, "offers": OFFER_TRANSITIONS}
#: Statuses that end a record's life: asked again on a page of their own before they apply.
ENDING = frozenset({"cancelled", "closed", "declined", "withdrawn"})


def _next_statuses(sheet: str, role: Role, current: Any) -> list[str]:
    res = records.resource(sheet)
    if role not in res.transitions:
        return []
    allowed = res.transitions[role]
    return sorted(s for s in LIFECYCLE[sheet][current] if allowed is None or s in allowed)


def detail(request: Request, session: Session, sheet: str, ref: str,
           message: str = "", status_code: int = 200) -> HTMLResponse:
    engine, user = engine_of(request), session.user
    try:
        stored = records.get_record(engine, user, sheet, ref)
    except UserError as e:
        return error_page(request, session, status_of(e), str(e))
    history = (list_audit(engine, user, entity=sheet, key=ref, limit=100, offset=0).entries
               if user.role in AUDIT_READERS else None)
    res = records.resource(sheet)
    owner_ok = (res.owner_field is None or user.role not in res.own_nation_only
                or getattr(stored.record, res.owner_field) == user.nation)
    due = getattr(stored.record, "due", None)
    warning = (due_warning(due, date.today())
               if due is not None and request.query_params.get("warning") == "due-past" else None)
    return page(request, "detail.html", session, sheet=sheet, stored=stored,
                base=sheet_path(sheet), noun=noun(sheet),
                values=shown(stored.record, FIELDS[sheet]), fields=FIELDS[sheet],
                history=history, message=message, status_code=status_code, warning=warning,
                may_edit=records.may_change(user, sheet, stored.record),
                next_statuses=_next_statuses(sheet, user.role, stored.record.status)
                if owner_ok and sheet in LIFECYCLE else [],
                panel=need_panel(engine, user, ref, request.query_params.get("what_it_takes")
                                 == "1") if sheet == "needs" else None)


def _choices(request: Request, session: Session, sheet: str) -> dict[str, list[str]]:
    if sheet == "training_needs":
        return {}  # categories and priorities are the fields' own choices
    if sheet == "posts":
        return {"nation": sorted(dashboard.nation_names(engine_of(request), session.user))}
    capability = dashboard.capabilities(engine_of(request), session.user)
    items = records.list_records(engine_of(request), session.user, "items", filters={},
                                 sort="code", limit=10_000, offset=0).records
    if sheet == "needs":
        return {"class_code": sorted({s.record.class_code for s in items} or capability)}
    if sheet == "procurement":
        return {"class_code": sorted({s.record.class_code for s in items}),
                "buyer": sorted(dashboard.nation_names(engine_of(request), session.user))}
    return {"item": [s.record.code for s in items]}


def form_page(request: Request, session: Session, sheet: str, values: dict[str, str],
              errors: dict[str, str], *, ref: str | None, version: int | None,
              status_code: int = 200) -> HTMLResponse:
    return page(request, "form.html", session, sheet=sheet, fields=FIELDS[sheet],
                base=sheet_path(sheet), noun=noun(sheet),
                values=values, errors=errors, ref=ref, version=version,
                choices=_choices(request, session, sheet), status_code=status_code)


def records_router() -> APIRouter:
    """Routes of the needs and offers pages."""
    router = APIRouter(include_in_schema=False)
    for sheet in ("needs", "offers"):
        _add_routes(router, sheet)
    return router


def _list_context(sheet: str) -> lists.Context:
    def context(request: Request, session: Session) -> dict[str, Any]:
        catalogue = lists.catalogue(request, session)
        capability = dashboard.capabilities(engine_of(request), session.user)
        return {"statuses": STATUSES[sheet], "catalogue": catalogue, "capability": capability,
                "capabilities": sorted(set(capability.values())),
                "classes": sorted({c for c, _ in catalogue.values()}),
                "nations": lists.nations(request, session)}
    return context


STATUSES = {"needs": tuple(NeedStatus), "offers": tuple(OfferStatus)}
LISTS = {
    "needs": lists.ListSpec(
        "needs", "/ui/needs", "list.html",
        ("ref", "class_code", "quantity", "priority", "due", "destination", "status"),
        {"class": "class_code", "destination": "destination", "status": "status"},
        {"priority": "priority"}, by_capability=True, context=_list_context("needs")),
    "offers": lists.ListSpec(
        "offers", "/ui/offers", "list.html",
        ("ref", "donor", "item", "quantity", "available", "kind", "status"),
        {"donor": "donor", "item": "item", "kind": "kind", "status": "status"},
        by_capability=True, context=_list_context("offers")),
}


def _add_routes(router: APIRouter, sheet: str) -> None:
    base = f"/ui/{sheet}"
    lists.add_list_routes(router, LISTS[sheet])

    def posted(form: Any, session: Session) -> dict[str, str]:
        values = form_values(form, session)
        if sheet == "offers" and session.user.role is Role.DONOR_LIAISON:
            values["donor"] = session.user.nation  # a liaison files its own nation's offers
        return values

    add_form_routes(router, sheet, lambda session: {
        "releasability": "ALL", "kind": "stock", "donor": session.user.nation}, posted)

    @router.post(base + "/{ref}/status")
    async def move(request: Request, ref: str, session: CurrentSession) -> Response:
        form = await request.form()
        check_csrf(session.csrf, form.get("csrf"))
        version = str(form.get("version", ""))
        wanted = str(form.get("status", ""))
        if wanted in ENDING and form.get("confirm") != "yes":
            return page(request, "confirm.html", session,
                        question=f"Mark {sheet[:-1]} {ref} {wanted}?",
                        consequence=f"A {wanted} {sheet[:-1]} leaves the plan and cannot be "
                                    "opened again.",
                        action=f"{base}/{ref}/status", hidden={"status": wanted,
                                                               "version": version},
                        yes=f"Yes, mark {wanted}", back=f"{base}/{ref}")
        try:
            await run_in_threadpool(records.transition_record, engine_of(request),
                                    session.user, sheet, ref, str(form.get("status", "")),
                                    int(version) if version.isdigit() else None)
        except (UserError, DomainError) as e:
            return await run_in_threadpool(detail, request, session, sheet, ref, str(e),
                                           status_of(e))
        return RedirectResponse(f"{base}/{ref}", status_code=303)


def save_form(request: Request, session: Session, sheet: str, values: dict[str, str],
          ref: str | None, version: int | None) -> Response:
    fields = FIELDS[sheet]
    engine, user = engine_of(request), session.user
    try:
        data = parse(fields, values, creating=ref is None)
        if ref is None:
            stored = records.create_record(engine, user, sheet, data)
        else:
            stored = records.update_record(engine, user, sheet, ref, data, version or 0)
    except FormInvalid as e:
        return form_page(request, session, sheet, values, e.errors, ref=ref, version=version,
                         status_code=422)
    except DomainError as e:
        return form_page(request, session, sheet, values, field_errors(e, fields), ref=ref,
                         version=version, status_code=422)
    except Conflict as e:
        return form_page(request, session, sheet, values, {"": f"{e} — reload and retry"},
                         ref=ref, version=version, status_code=status_of(e))
    except UserError as e:
        return form_page(request, session, sheet, values, {"": str(e)}, ref=ref,
                         version=version, status_code=status_of(e))
    due = getattr(stored.record, "due", None)
    # A due date in the past is accepted, with a warning on the page the form leads to.
    late = "?warning=due-past" if due is not None and due_warning(due, date.today()) else ""
    return RedirectResponse(f"{sheet_path(sheet)}/{stored.record.ref}{late}", status_code=303)
