"""Scenarios (coordinators): a donor drop-out, a hub closed or opened, donor dependency and
Monte Carlo futures — each run as a job whose progress the page follows, then shown as
before/after charts, histograms and tables."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from clearinghouse.config import Settings
from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.formats import plan_value, share
from clearinghouse.services.errors import Conflict, UserError
from clearinghouse.services.exchange.uploads import visible_bundle
from clearinghouse.services.records.users import Role
from clearinghouse.services.runtime.jobs import JobRunner
from clearinghouse.services.scenarios import jobs as scenario_jobs
from clearinghouse.services.scenarios.runs import KIND, planned_on
from clearinghouse.web import charts
from clearinghouse.web.forms import FormInvalid
from clearinghouse.web.render import error_page, job_status, page, status_of
from clearinghouse.web.scenario_forms import (
    MONTECARLO_DEFAULTS,
    PROBABILITIES,
    choices_of,
    read_dropout,
    read_horizon,
    read_hub,
    read_montecarlo,
)
from clearinghouse.web.scenario_montecarlo import montecarlo_view
from clearinghouse.web.session import Session, check_csrf, current_session, engine_of

CurrentSession = Annotated[Session, Depends(current_session)]
MAX_ID = 2**31 - 1
#: Each form's fields (an error on another field is shown above the forms).
FORMS = {"dropout": ("donors", "from_month", "horizon"),
         "hub": ("action", "close", "from_month", "code", "name", "country", "capacity",
                 "opens", "horizon"),
         "dependency": ("horizon",),
         "montecarlo": ("runs", "seed", *PROBABILITIES, "horizon")}
#: The service's field names for a rule it checks, as the forms name the field.
SERVICE_FIELD = {"open.code": "code", "open.country": "country",
                 "capacity_t_per_month": "capacity", "opens": "opens", "start": "",
                 "from_month": "from_month"}


def describe(job: Any) -> str:
    """A scenario run's parameters in words."""
    p, kind = job.params or {}, job.kind.removeprefix(KIND)
    window = f"{p.get('horizon', '?')} months from {p.get('start', '?')}"
    since = f" from {p['from']}" if p.get("from") else ""
    if kind == "dropout":
        return f"without {', '.join(p.get('donors') or [])}{since}; {window}"
    if kind == "hub" and p.get("open"):
        o = p["open"]
        return (f"open hub {o.get('code')} in {o.get('country')}, "
                f"{float(o.get('capacity_t_per_month') or 0):,.0f} t/month, on "
                f"{o.get('opens')}; {window}")
    if kind == "hub":
        return f"close hub {p.get('close')}{since}; {window}"
    if kind == "montecarlo":
        chances = ", ".join(f"{what} {share(p.get(name))}" for name, what in
                            (("delay_prob", "delays"), ("withdraw_prob", "withdrawals"),
                             ("hub_outage_prob", "hub outages")) if name in p)
        return (f"{p.get('runs')} random futures (seed {p.get('seed')}"
                f"{'; ' + chances if chances else ''}); {window}")
    return window


def computed_on(job: Any) -> str:
    """Whose records a scenario run planned, in words (SPEC §1.1): "computed on the records
    released to DEU"."""
    return f"computed on {planned_on(job.params or {})}"


def refused(request: Request, session: Session) -> HTMLResponse | None:
    """The 403 page for anyone but a coordinator (None for a coordinator)."""
    if session.user.role is Role.COORDINATOR:
        return None
    return error_page(request, session, 403,
                      f"a {session.user.role} may not run scenarios: scenarios are "
                      "coordinators' work")


def _submit(runner: JobRunner, session: Session, which: str, form: FormData,
            bundle: Any) -> Any:
    """Read the form ``which`` and queue its job (:class:`FormInvalid` names bad fields)."""
    user, start = session.user, date.today().replace(day=1)
    if which == "dropout":
        args = read_dropout(form, choices_of(bundle))
        return scenario_jobs.submit_dropout(runner, user, start=start, **args)
    if which == "hub":
        args = read_hub(form, choices_of(bundle))
        return scenario_jobs.submit_hub(runner, user, start=start, **args)
    if which == "montecarlo":
        return scenario_jobs.submit_montecarlo(runner, user, start=start,
                                               **read_montecarlo(form))
    return scenario_jobs.submit_dependency(runner, user, start=start, **read_horizon(form))


def comparison_view(result: dict[str, Any]) -> dict[str, Any]:
    """A drop-out's or hub change's charts and tables."""
    caps = [(c["key"], c["before"] or 0.0, c["after"] or 0.0)
            for c in result.get("by_capability") or []]
    prios = [(f"priority {c['key']}", c["before"] or 0.0, c["after"] or 0.0)
             for c in result.get("by_priority") or []]
    return {"capability_chart": charts.before_after_chart(
                caps, label="fill rate per capability before and after"),
            "priority_chart": charts.before_after_chart(
                prios, label="fill rate per priority before and after")}


def dependency_view(result: dict[str, Any]) -> dict[str, Any]:
    """The dependency run's share chart and donor ranking chart."""
    caps = result.get("capabilities") or []
    return {"share_chart": charts.share_chart(
                [(c["capability"], c.get("shares") or {}) for c in caps],
                label="donor shares of planned deliveries per capability"),
            "ranking_chart": charts.bar_chart(
                [(d["donor"], d["value_lost"] or 0.0) for d in result.get("ranking") or []],
                label="priority-weighted plan value lost without each donor",
                written=lambda v: f"{plan_value(v)} value")}


def scenarios_router(settings: Settings) -> APIRouter:
    """Routes of the scenario pages."""
    router = APIRouter(include_in_schema=False)

    def scenarios_page(request: Request, session: Session, status: int = 200,
                       which: str = "", errors: dict[str, str] | None = None,
                       form: FormData | None = None) -> HTMLResponse:
        engine, user = engine_of(request), session.user
        runs = scenario_jobs.scenario_runs(request.app.state.jobs, user)
        values = {} if form is None else {k: str(v) for k, v in form.items()}
        picked = [] if form is None else [str(d) for d in form.getlist("donors")]
        if which == "montecarlo":  # its own page, with its runs only
            return page(request, "scenario_montecarlo.html", session, status_code=status,
                        runs=[r for r in runs if r.kind == KIND + which], kind=KIND,
                        which=which, errors=errors or {}, values=values or MONTECARLO_DEFAULTS,
                        probabilities=PROBABILITIES, describe=describe,
                        computed_on=computed_on)
        return page(request, "scenarios.html", session, status_code=status,
                    choices=choices_of(visible_bundle(engine, user)), runs=runs, kind=KIND,
                    which=which, errors=errors or {}, values=values, picked=picked,
                    describe=describe, computed_on=computed_on)

    @router.get("/ui/scenarios")
    def show_scenarios(request: Request, session: CurrentSession) -> HTMLResponse:
        return refused(request, session) or scenarios_page(request, session)

    @router.get("/ui/scenarios/montecarlo")
    def show_montecarlo(request: Request, session: CurrentSession) -> HTMLResponse:
        return refused(request, session) or scenarios_page(request, session,
                                                           which="montecarlo")

    @router.post("/ui/scenarios/{which}")
    async def run_scenario(request: Request, which: str, session: CurrentSession) -> Response:
        form = await request.form()
        check_csrf(session.csrf, form.get("csrf"))
        no = refused(request, session)
        if no is not None:
            return no
        if which not in FORMS:
            return error_page(request, session, 404, f"no scenario {which!r}: "
                              f"choose one of {', '.join(FORMS)}")
        runner: JobRunner = request.app.state.jobs
        try:
            bundle = await run_in_threadpool(visible_bundle, engine_of(request), session.user)
            job = await run_in_threadpool(_submit, runner, session, which, form, bundle)
        except FormInvalid as e:
            return await run_in_threadpool(scenarios_page, request, session, 422, which,
                                           e.errors, form)
        except DomainError as e:  # a rule the service checks before queueing
            field = SERVICE_FIELD.get(e.field or "", e.field or "")
            field = field if field in FORMS[which] else ""
            return await run_in_threadpool(scenarios_page, request, session, 422, which,
                                           {field: e.message}, form)
        except Conflict as e:  # one scenario run at a time: said above the forms
            return await run_in_threadpool(scenarios_page, request, session, status_of(e),
                                           which, {"": str(e)}, form)
        except UserError as e:
            return error_page(request, session, status_of(e), str(e))
        return RedirectResponse(f"/ui/scenarios/runs/{job.id}", status_code=303)

    def run_of(request: Request, session: Session, job_id: int) -> Any:
        # The user's own scenario run on its nation's view; anything else reads as missing.
        return scenario_jobs.scenario_run(engine_of(request), settings, session.user,
                                          min(job_id, MAX_ID))

    @router.get("/ui/scenarios/runs/{job_id}")
    def show_run(request: Request, job_id: int, session: CurrentSession) -> HTMLResponse:
        no = refused(request, session)
        if no is not None:
            return no
        try:
            job = run_of(request, session, job_id)
        except UserError as e:
            return error_page(request, session, status_of(e), str(e))
        kind = job.kind.removeprefix(KIND)
        views: dict[str, Any] = {}
        if job.status == "done" and job.result is not None:
            if kind in ("dropout", "hub"):
                views = comparison_view(job.result)
            elif kind == "dependency":
                views = dependency_view(job.result)
            elif kind == "montecarlo":
                views = montecarlo_view(job.result)
        return page(request, "scenario_run.html", session, job=job, kind=kind,
                    result=job.result or {}, describe=describe, computed_on=computed_on(job),
                    **views)

    @router.get("/ui/scenarios/runs/{job_id}/status")
    def run_status(request: Request, job_id: int, session: CurrentSession) -> JSONResponse:
        if session.user.role is not Role.COORDINATOR:
            return JSONResponse({"detail": "scenarios are coordinators' work"}, status_code=403)
        try:
            job = run_of(request, session, job_id)
        except UserError as e:
            return JSONResponse({"detail": str(e)}, status_code=status_of(e))
        return job_status(job, f"/ui/scenarios/runs/{job.id}")

    return router
