"""Server-rendered web pages for staff officers, mounted into the API's FastAPI app."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from clearinghouse.config import Settings
from clearinghouse.web.audit import audit_router
from clearinghouse.web.burden import burden_router
from clearinghouse.web.error_pages import html_errors_under_ui
from clearinghouse.web.imports import imports_router
from clearinghouse.web.pages import pages_router
from clearinghouse.web.plans import plans_router
from clearinghouse.web.posts import posts_router
from clearinghouse.web.procurement import procurement_router
from clearinghouse.web.records import records_router
from clearinghouse.web.render import HERE, error_page
from clearinghouse.web.reports import reports_router
from clearinghouse.web.scenario_compare import compare_router
from clearinghouse.web.scenarios import scenarios_router
from clearinghouse.web.session import BadCsrf, LoginRequired
from clearinghouse.web.shipments import shipments_router
from clearinghouse.web.training import training_router
from clearinghouse.web.training_needs import training_needs_router

__all__ = ["mount_web"]


async def _login_required(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, LoginRequired)
    return RedirectResponse("/ui/login?" + urlencode({"next": exc.path}), status_code=303)


async def _bad_csrf(request: Request, exc: Exception) -> Response:
    return error_page(request, None, 403, str(exc))


def mount_web(app: FastAPI, settings: Settings) -> None:
    """Add the web pages under ``/ui`` (kept out of the OpenAPI schema) and their assets."""
    app.mount("/ui/static", StaticFiles(directory=str(HERE / "static")), name="web-static")
    # Before the web's own handlers, which already answer pages or redirects.
    html_errors_under_ui(app)
    for router in (pages_router(settings), records_router(), imports_router(settings),
                   plans_router(settings), posts_router(), procurement_router()):
        app.include_router(router, include_in_schema=False)
    app.include_router(scenarios_router(settings), include_in_schema=False)
    app.include_router(compare_router(settings), include_in_schema=False)
    app.include_router(training_router(settings), include_in_schema=False)
    app.include_router(training_needs_router(), include_in_schema=False)
    app.include_router(burden_router(), include_in_schema=False)
    app.include_router(audit_router(), include_in_schema=False)
    app.include_router(reports_router(settings), include_in_schema=False)
    app.include_router(shipments_router(), include_in_schema=False)
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(BadCsrf, _bad_csrf)

