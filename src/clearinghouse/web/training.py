"""Training: run the training plan (coordinators; a job the page follows), show trainees placed
by category and host nation and the needs left short; the mandate watch for everyone."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from clearinghouse.config import Settings
from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.formats import units
from clearinghouse.services.errors import NotFound, UserError
from clearinghouse.services.exchange.uploads import visible_bundle
from clearinghouse.services.records.users import Role, User
from clearinghouse.services.runtime.jobs import JobRunner, get_job, list_jobs
from clearinghouse.services.scenarios import jobs as scenario_jobs
from clearinghouse.services.training.plans import mandates, not_renewed_scenario
from clearinghouse.web import charts
from clearinghouse.web.forms import FormInvalid
from clearinghouse.web.render import error_page, job_status, page, status_of
from clearinghouse.web.scenario_forms import read_horizon
from clearinghouse.web.session import Session, check_csrf, current_session, engine_of

CurrentSession = Annotated[Session, Depends(current_session)]
MAX_ID = 2**31 - 1
KIND = "training-plan"
WATCH_DAYS = 90
#: Why a training need is left short, in words (planning.training.reasons).
REASONS = {
    "no-compatible-course": "no course of its category exists",
    "caveat": "every course of its category breaks its host's caveats",
    "mandate": "every course left runs outside its mission's mandate",
    "too-late": "every course left starts too late (after the due month and the late "
                "cut-off, or beyond the horizon)",
    "seats": "every usable course is full",
    "solver-stopped": "the solver stopped before the optimum",
}


def watch(engine: Engine, settings: Settings, user: User, start: date,
          horizon: int) -> dict[str, Any]:
    """The mandate watch over the records released to the user's nation (or why not)."""
    try:
        ending, past = mandates(settings, visible_bundle(engine, user), today=date.today(),
                                within_days=WATCH_DAYS, start=start, horizon=horizon)
    except UserError as e:
        return {"ending": [], "past": [], "watch_error": str(e)}
    return {"ending": ending, "past": past, "watch_error": None}


def renewal(engine: Engine, settings: Settings, user: User, mission: str | None,
            start: date) -> dict[str, Any] | None:
    """The "not renewed" scenario of ``mission`` on the user's view (None: not asked)."""
    if not mission:
        return None
    try:
        impact = not_renewed_scenario(settings, visible_bundle(engine, user),
                                      mission=mission[:64], start=start, horizon=12)
    except UserError as e:
        return {"mission": mission[:64], "error": str(e)}
    return {"mission": impact.mission, "impact": impact}


def result_view(result: dict[str, Any]) -> dict[str, Any]:
    """A training plan's charts and the needs it leaves short."""
    by_category = result.get("by_category") or {}
    by_host = result.get("by_host") or {}
    short = {ref: n for ref, n in sorted((result.get("needs") or {}).items())
             if (n.get("placed") or 0) < (n.get("requested") or 0)}
    return {
        "category_chart": charts.bar_chart([(k, float(v)) for k, v in by_category.items()],
                                           label="trainees per category",
                                           written=lambda v: units(v, "trainees")),
        "host_chart": charts.bar_chart([(k, float(v)) for k, v in by_host.items()],
                                       label="trainees per host nation",
                                       written=lambda v: units(v, "trainees")),
        "by_category": by_category, "by_host": by_host, "short": short}


def training_router(settings: Settings) -> APIRouter:
    """Routes of the training pages."""
    router = APIRouter(include_in_schema=False)

    def training_page(request: Request, session: Session, status: int = 200,
                      errors: dict[str, str] | None = None,
                      values: dict[str, str] | None = None) -> HTMLResponse:
        engine, user = engine_of(request), session.user
        runs = ([j for j in list_jobs(engine, settings, user) if j.kind == KIND]
                if user.role is Role.COORDINATOR else [])
        start = date.today().replace(day=1)
        return page(request, "training.html", session, status_code=status, runs=runs,
                    errors=errors or {}, values=values or {}, watch_days=WATCH_DAYS,
                    renewal=renewal(engine, settings, user,
                                    request.query_params.get("not_renewed"), start),
                    **watch(engine, settings, user, start, 12))

    @router.get("/ui/training")
    def show_training(request: Request, session: CurrentSession) -> HTMLResponse:
        return training_page(request, session)

    @router.post("/ui/training")
    async def run_training(request: Request, session: CurrentSession) -> Response:
        form = await request.form()
        check_csrf(session.csrf, form.get("csrf"))
        if session.user.role is not Role.COORDINATOR:
            return error_page(request, session, 403, f"a {session.user.role} may not run "
                              "training plans: they are coordinators' work")
        runner: JobRunner = request.app.state.jobs
        try:
            args = read_horizon(form)
            job = await run_in_threadpool(scenario_jobs.submit_training, runner, session.user,
                                          start=date.today().replace(day=1), **args)
        except (FormInvalid, DomainError) as e:
            errors = (e.errors if isinstance(e, FormInvalid)
                      else {"horizon" if e.field == "horizon" else "": e.message})
            return await run_in_threadpool(training_page, request, session, 422, errors,
                                           {k: str(v) for k, v in form.items()})
        except UserError as e:
            return error_page(request, session, status_of(e), str(e))
        return RedirectResponse(f"/ui/training/runs/{job.id}", status_code=303)

    def run_of(request: Request, session: Session, job_id: int) -> Any:
        job = get_job(engine_of(request), settings, session.user, min(job_id, MAX_ID))
        if job.kind != KIND:
            raise NotFound(f"training run {job_id} does not exist")
        return job

    @router.get("/ui/training/runs/{job_id}")
    def show_run(request: Request, job_id: int, session: CurrentSession) -> HTMLResponse:
        try:
            job = run_of(request, session, job_id)
        except UserError as e:
            return error_page(request, session, status_of(e), str(e))
        views: dict[str, Any] = {}
        if job.status == "done" and job.result is not None:
            start = date.fromisoformat(str(job.params.get("start")))
            views = {**result_view(job.result),
                     **watch(engine_of(request), settings, session.user, start,
                             int(job.params.get("horizon") or 12))}
        return page(request, "training_run.html", session, job=job, result=job.result or {},
                    reasons=REASONS, watch_days=WATCH_DAYS, **views)

    @router.get("/ui/training/runs/{job_id}/status")
    def run_status(request: Request, job_id: int, session: CurrentSession) -> JSONResponse:
        try:
            job = run_of(request, session, job_id)
        except UserError as e:
            return JSONResponse({"detail": str(e)}, status_code=status_of(e))
        return job_status(job, f"/ui/training/runs/{job.id}")

    return router
