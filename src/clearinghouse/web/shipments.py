"""Shipments: the list the user's nation may see with hub throughput, a shipment with its
events and a form to record one (coordinators and logisticians), and creating an approved
run's shipments."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.shipment_timeline import by_hub_month
from clearinghouse.domain.shipments import EventKind, ShipmentStatus
from clearinghouse.services.errors import Conflict, UserError
from clearinghouse.services.logistics import shipment_views as views
from clearinghouse.services.logistics import shipments
from clearinghouse.services.logistics.timeline import timeline
from clearinghouse.web.lists import page_asked
from clearinghouse.web.render import error_page, page, status_of
from clearinghouse.web.session import Session, check_csrf, current_session, engine_of
from clearinghouse.web.timeline import shipment_timeline

CurrentSession = Annotated[Session, Depends(current_session)]
PAGE_SIZE = 50
MAX_ID = 2**31 - 1
STATUSES = tuple(s.value for s in ShipmentStatus)
KINDS = tuple(k.value for k in EventKind)


class EventFormInvalid(UserError):
    """A field of the event form cannot be read."""


#: Sortable columns: the query word → the shipment's field.
SORTS = ("ref", "hub", "departs", "arrives", "status", "tonnes", "quantity")


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return None


def _searched(found: list[Any], params: dict[str, str],
              donor_of: dict[str, str]) -> list[Any]:
    """The shipments matching the text search, donor and arrival window, sorted as asked."""
    q = params.get("q", "").strip().upper()
    donor = params.get("donor", "").strip().upper()
    after, before = _date(params.get("from")), _date(params.get("to"))
    kept = [st for st in found
            if (not q or any(q in str(v).upper() for v in (
                st.shipment.ref, st.shipment.offer, st.shipment.item,
                st.shipment.destination, st.shipment.hub or st.shipment.producer or "")))
            and (not donor or donor_of.get(st.shipment.offer, "") == donor)
            and (after is None or st.shipment.arrives >= after)
            and (before is None or st.shipment.arrives <= before)]
    sort = params.get("sort", "")
    if sort.lstrip("-") in SORTS:
        name = sort.lstrip("-")
        kept.sort(key=lambda st: str(getattr(st.shipment, name) or "")
                  if name not in ("tonnes", "quantity") else getattr(st.shipment, name),
                  reverse=sort.startswith("-"))
    return kept


def listing(request: Request, session: Session) -> HTMLResponse:
    engine, user = engine_of(request), session.user
    params = {k: v for k, v in request.query_params.items() if v}
    status = params.get("status")
    run = params.get("run", "")
    found = views.list_shipments(
        engine, user, status=ShipmentStatus(status) if status in STATUSES else None,
        run=min(int(run), MAX_ID) if run.isdigit() else None,
        hub=params.get("hub") or None)
    donor_of = views.donors(engine, user)
    found = _searched(found, params, donor_of)
    pages = max(1, -(-len(found) // PAGE_SIZE))
    number = min(page_asked(params.get("page")), pages)
    today = date.today()
    loads, warnings = views.hub_throughput_report(engine, user, today=today)
    # The timeline counts every shipment the filters keep; it draws only this page's.
    timing = timeline(engine, user, [st.shipment for st in found], today=today)
    shown = timing[(number - 1) * PAGE_SIZE:number * PAGE_SIZE]
    already = (f"Shipments already created for run {run}: nothing new was made."
               if params.get("created") == "already" and run.isdigit() else "")
    return page(request, "shipments.html", session, params=params, statuses=STATUSES,
                already=already, donors=sorted(set(donor_of.values())), donor_of=donor_of,
                hubs=sorted({st.shipment.hub for st in found if st.shipment.hub}),
                rows=found[(number - 1) * PAGE_SIZE:number * PAGE_SIZE], total=len(found),
                page_number=number, pages=pages, loads=loads, warnings=warnings,
                timing={t.ref: t for t in shown}, late_total=sum(t.late for t in timing),
                hub_months=by_hub_month(timing),
                timeline=shipment_timeline(shown, today=today, label=(
                    f"Timeline of the {len(shown)} shipments on this page: planned departure "
                    "to arrival, events recorded and the due day of their needs")),
                may_write=views.may_write(user),
                unshipped=views.approved_without_shipments(engine) if views.may_write(user)
                else [])


def detail(request: Request, session: Session, ref: str, *, message: str = "",
           values: dict[str, str] | None = None, status_code: int = 200) -> HTMLResponse:
    user = session.user
    try:
        found = views.get_shipment(engine_of(request), user, ref)
    except UserError as e:
        return error_page(request, session, status_of(e), str(e))
    today = date.today()
    [row] = timeline(engine_of(request), user, [found.stored.shipment], today=today)
    return page(request, "shipments_detail.html", session, shipment=found.stored.shipment,
                version=found.stored.version, timing=row,
                timeline=shipment_timeline([row], today=today, label=(
                    f"Timeline of shipment {row.ref}: planned departure to arrival, events "
                    "recorded and the due day of its needs")),
                events=[(e.event, views.event_actor(user, e)) for e in found.events],
                may_write=views.may_write(user) and not found.stored.shipment.closed,
                kinds=KINDS, values=values or {}, message=message, status_code=status_code)


def _event_fields(values: dict[str, str]) -> dict[str, Any]:
    """The event form's values as record_event's arguments; unreadable ones are refused."""
    kind = values.get("kind", "")
    if kind not in KINDS:
        raise EventFormInvalid(f"kind {kind!r}: must be one of {', '.join(KINDS)}")
    quantity = values.get("quantity", "").strip()
    if quantity and not (quantity.isdigit() and 0 < int(quantity) <= MAX_ID):
        raise EventFormInvalid(f"quantity {quantity!r}: must be a whole number of units > 0")
    at_text = values.get("at", "").strip()
    try:
        at = datetime.fromisoformat(at_text) if at_text else None
    except ValueError:
        raise EventFormInvalid(f"when {at_text!r}: must be a date and time, "
                               "e.g. 2027-01-05T14:30") from None
    version = values.get("version", "")
    return {"kind": EventKind(kind), "quantity": int(quantity) if quantity else None,
            "at": None if at is None or at.tzinfo else at.replace(tzinfo=UTC),
            "note": values.get("note", "")[:500],
            "expected_version": int(version) if version.isdigit() and len(version) < 12
            else None}


def shipments_router() -> APIRouter:
    """Routes of the shipment pages."""
    router = APIRouter(include_in_schema=False)

    @router.get("/ui/shipments")
    def show_list(request: Request, session: CurrentSession) -> HTMLResponse:
        return listing(request, session)

    @router.get("/ui/shipments/{ref}")
    def show_detail(request: Request, ref: str, session: CurrentSession) -> HTMLResponse:
        return detail(request, session, ref)

    @router.post("/ui/shipments/{ref}/events")
    async def record(request: Request, ref: str, session: CurrentSession) -> Response:
        form = await request.form()
        check_csrf(session.csrf, form.get("csrf"))
        values = {k: str(v) for k, v in form.items() if k != "csrf"}
        engine = engine_of(request)
        try:
            fields = _event_fields(values)
            await run_in_threadpool(shipments.record_event, engine, session.user, ref,
                                    **fields)
        except (UserError, DomainError) as e:
            return await run_in_threadpool(detail, request, session, ref, message=str(e),
                                           values=values, status_code=status_of(e))
        return RedirectResponse(f"/ui/shipments/{ref}", status_code=303)

    @router.post("/ui/plans/{run_id}/shipments")
    async def create(request: Request, run_id: int, session: CurrentSession) -> Response:
        form = await request.form()
        check_csrf(session.csrf, form.get("csrf"))
        run_id = min(max(run_id, 0), MAX_ID)
        try:
            await run_in_threadpool(shipments.create_shipments, engine_of(request),
                                    session.user, run_id)
        except Conflict:
            # A second click (or a colleague first): the shipments are there, which is what
            # was asked — say so rather than "changed meanwhile".
            return RedirectResponse(f"/ui/shipments?run={run_id}&created=already",
                                    status_code=303)
        except UserError as e:
            return error_page(request, session, status_of(e), str(e))
        return RedirectResponse(f"/ui/shipments?run={run_id}", status_code=303)

    return router
