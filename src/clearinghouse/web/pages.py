"""Log in, log out and the dashboard."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from clearinghouse.config import Settings
from clearinghouse.domain.formats import eur, tonnes
from clearinghouse.services.errors import TooManyRequests
from clearinghouse.services.records.users import AuthenticationFailed, login, logout
from clearinghouse.services.reporting import dashboard
from clearinghouse.services.reporting.plan_source import approved_source
from clearinghouse.services.reporting.reports import delivered_fill_rates, hub_tonnes, plan_view
from clearinghouse.services.reporting.work_queue import work_queue
from clearinghouse.web import charts
from clearinghouse.web.render import page
from clearinghouse.web.session import (
    LOGIN_COOKIE,
    SESSION_COOKIE,
    Session,
    check_csrf,
    csrf_for,
    current_session,
    engine_of,
    new_login_secret,
    set_cookie,
)

CurrentSession = Annotated[Session, Depends(current_session)]


def _safe_next(target: object) -> str:
    # Only a path of this site: never an open redirect to another one.
    text = target if isinstance(target, str) else ""
    return text if text.startswith("/ui") and "//" not in text else "/ui/"


def pages_router(settings: Settings) -> APIRouter:
    """Login, logout and dashboard routes."""
    router = APIRouter(include_in_schema=False)
    secure = settings.environment == "production"

    def login_page(request: Request, error: str = "", status: int = 200) -> HTMLResponse:
        secret = new_login_secret()
        response = page(request, "login.html", None, status_code=status, error=error,
                        login_csrf=csrf_for(secret),
                        next=_safe_next(request.query_params.get("next")))
        set_cookie(response, LOGIN_COOKIE, secret, secure=secure)
        return response

    @router.get("/ui/login")
    def show_login(request: Request) -> HTMLResponse:
        return login_page(request)

    @router.post("/ui/login")
    async def do_login(request: Request) -> Response:
        form = await request.form()
        secret = request.cookies.get(LOGIN_COOKIE, "")
        if not secret:
            return login_page(request, "your browser sent no login cookie: try again", 400)
        check_csrf(csrf_for(secret), form.get("csrf"))
        name, password = str(form.get("username", "")), str(form.get("password", ""))
        try:
            token = await run_in_threadpool(
                partial(login, throttle=request.app.state.login_throttle,
                        address=request.client.host if request.client else None),
                engine_of(request), name, password, timedelta(seconds=settings.token_ttl_s))
        except AuthenticationFailed as e:
            return login_page(request, str(e), 401)
        except TooManyRequests as e:
            refused = login_page(request, str(e), 429)
            refused.headers["Retry-After"] = str(e.retry_after)
            return refused
        response = RedirectResponse(_safe_next(form.get("next")), status_code=303)
        set_cookie(response, SESSION_COOKIE, token, secure=secure)
        response.delete_cookie(LOGIN_COOKIE, path="/")
        return response

    @router.post("/ui/logout")
    async def do_logout(request: Request, session: CurrentSession) -> Response:
        form = await request.form()
        check_csrf(session.csrf, form.get("csrf"))
        await run_in_threadpool(logout, engine_of(request), session.token)
        response = RedirectResponse("/ui/login", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    @router.get("/")
    def root() -> RedirectResponse:
        return RedirectResponse("/ui/", status_code=303)

    @router.get("/ui/")
    def show_dashboard(request: Request, session: CurrentSession) -> HTMLResponse:
        engine, user = engine_of(request), session.user
        # Every plan-derived figure comes from the approved plan, never a later run.
        source = approved_source(engine, user)
        hub_figure = charts.EMPTY
        reasons: dict[str, Any] = {}
        if source.run_id is not None:
            rates = dashboard.planned_fill_rates(engine, user, source.run_id)
            approved_view = plan_view(engine, user, source.run_id)
            reasons = approved_view.needs
            plan_settings = approved_view.settings
            hub_figure = charts.hub_chart(
                hub_tonnes(engine, user), dashboard.hubs(engine, user),
                date.fromisoformat(plan_settings["start"]), int(plan_settings["horizon"]))
        else:
            rates = delivered_fill_rates(engine, user)
        shares = dashboard.pledges_by_donor(engine, user)
        unmet = dashboard.unmet_top_priority(engine, user)
        return page(
            request, "dashboard.html", session,
            fill_chart=charts.fill_rate_grid(rates, "fill rate by capability and priority"),
            source=source, hub_chart=hub_figure,
            hubs=dashboard.hubs(engine, user),
            tonnes_chart=charts.bar_chart([(s.donor, s.tonnes) for s in shares],
                                          label="tonnes pledged per donor", written=tonnes),
            eur_chart=charts.bar_chart(
                [(s.donor, s.value_eur) for s in sorted(shares, key=lambda s: -s.value_eur)],
                label="EUR pledged per donor", written=eur),
            shares=shares, mandates=dashboard.mandates_ending(engine, user, date.today()),
            today=date.today(), unmet=unmet, reasons=reasons,
            queue=work_queue(engine, user, date.today()))

    return router
