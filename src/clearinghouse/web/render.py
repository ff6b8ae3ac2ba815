"""Jinja2 templates and the helpers every page uses."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.templating import Jinja2Templates

from clearinghouse.domain import formats
from clearinghouse.services.errors import Conflict, NotFound, TooManyRequests
from clearinghouse.services.exchange.archive import UploadTooLarge
from clearinghouse.services.records.records import Forbidden
from clearinghouse.services.records.users import AuthenticationFailed
from clearinghouse.services.runtime.jobs import Unavailable
from clearinghouse.web.session import Session

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))


def query(params: dict[str, Any], **changes: Any) -> str:
    """The query string of ``params`` with ``changes`` applied (empty values dropped)."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


templates.env.globals["query"] = query
# Every figure on every page is written by one module (domain.formats): see filters there.
templates.env.filters.update({
    "units": formats.units, "share": formats.share, "part_of": formats.part_of,
    "shortfall": formats.shortfall, "eur": formats.eur, "tonnes": formats.tonnes,
    "plan_value": formats.plan_value, "utc": formats.utc_minute})
templates.env.globals["VALUE_FORMULA"] = formats.VALUE_FORMULA


def page(request: Request, template: str, session: Session | None, status_code: int = 200,
         **context: Any) -> HTMLResponse:
    """Render ``template`` for the session's user (``None`` on the login page)."""
    return templates.TemplateResponse(request, template, {
        "session": session, "user": session.user if session else None,
        "csrf": session.csrf if session else "", **context}, status_code=status_code)


#: The status a page answers for each kind of error, the same as the API's (api/errors.py);
#: anything else the user can fix (bad input, a rule of the domain) is 422.
PAGE_STATUS: tuple[tuple[type[Exception], int], ...] = (
    (AuthenticationFailed, 401), (Forbidden, 403), (NotFound, 404), (Conflict, 409),
    (UploadTooLarge, 413), (TooManyRequests, 429), (Unavailable, 503))


def status_of(error: Exception) -> int:
    """The HTTP status a page answers for a service or domain error."""
    return next((code for kind, code in PAGE_STATUS if isinstance(error, kind)), 422)


def error_page(request: Request, session: Session | None, status: int,
               message: str) -> HTMLResponse:
    """A page saying what went wrong, with the status it stands for."""
    return page(request, "error.html", session, status_code=status, status=status,
                message=message)


def job_status(job: Any, result_path: str) -> JSONResponse:
    """A job's state for static/job.js, which links ``plan`` (here: the result page) once set."""
    done = job.status == "done"
    return JSONResponse({"id": job.id, "status": job.status, "progress": job.progress,
                         "error": job.error, "plan": result_path if done else None})
