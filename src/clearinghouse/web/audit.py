"""The audit page (coordinators and auditors): who changed which record when, filtered by
user, record and time, paged, and exported as CSV — over the entries about records the
reader's nation may see (the service filters in SQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from clearinghouse.services.errors import UserError
from clearinghouse.services.records.audit import AuditPage, audit_csv, changes, list_audit
from clearinghouse.web.lists import page_asked
from clearinghouse.web.render import error_page, page, status_of
from clearinghouse.web.session import Session, current_session, engine_of

CurrentSession = Annotated[Session, Depends(current_session)]
PAGE_SIZE = 50
#: The most entries one export holds.
EXPORT_LIMIT = 100_000


class AuditFilterInvalid(UserError):
    """A filter of the audit page cannot be read."""


def _day(params: dict[str, str], name: str, label: str) -> date | None:
    text = params.get(name, "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise AuditFilterInvalid(f"{label} {text!r}: must be a date, e.g. 2027-01-05") from None


def _read(request: Request, session: Session, params: dict[str, str], *, limit: int,
          offset: int) -> AuditPage:
    """The entries matching the query's user, record (sheet and ref) and days from–to."""
    since, until = _day(params, "from", "from"), _day(params, "to", "to")
    return list_audit(
        engine_of(request), session.user, actor=params.get("user", "").strip() or None,
        entity=params.get("entity", "").strip() or None,
        key=params.get("key", "").strip() or None,
        since=datetime(since.year, since.month, since.day, tzinfo=UTC) if since else None,
        # "to" includes its whole day.
        until=(datetime(until.year, until.month, until.day, tzinfo=UTC)
               + timedelta(days=1)) if until else None,
        limit=limit, offset=offset)


def audit_router() -> APIRouter:
    """Routes of the audit page and its export."""
    router = APIRouter(include_in_schema=False)

    @router.get("/ui/audit")
    async def show(request: Request, session: CurrentSession) -> HTMLResponse:
        params = {k: v for k, v in request.query_params.items() if v}
        number = page_asked(params.get("page"))
        try:
            found = await run_in_threadpool(
                lambda: _read(request, session, params, limit=PAGE_SIZE,
                              offset=(number - 1) * PAGE_SIZE))
        except UserError as e:
            return error_page(request, session, status_of(e), str(e))
        pages = max(1, -(-found.total // PAGE_SIZE))
        return page(request, "audit.html", session, params=params, entries=found.entries,
                    total=found.total, page_number=number, pages=pages, changes=changes,
                    past_end=number > pages)

    @router.get("/ui/audit.csv")
    async def export(request: Request, session: CurrentSession) -> Response:
        params = {k: v for k, v in request.query_params.items() if v}
        try:
            found = await run_in_threadpool(
                lambda: _read(request, session, params, limit=EXPORT_LIMIT, offset=0))
        except UserError as e:
            return error_page(request, session, status_of(e), str(e))
        return Response(audit_csv(found.entries), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="audit.csv"'})

    return router
