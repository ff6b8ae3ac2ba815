"""Plans: run one (a job whose progress the page follows), review it against the approved
plan, approve it (coordinators)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from clearinghouse.config import Settings
from clearinghouse.domain import fields as field_rules
from clearinghouse.domain.errors import DomainError
from clearinghouse.services.errors import UserError
from clearinghouse.services.planning.approval import (
    ApprovalPreview,
    approve_run,
    preview_approval,
)
from clearinghouse.services.planning.procurement import plan_procurement
from clearinghouse.services.records.users import Role
from clearinghouse.services.reporting import dashboard
from clearinghouse.services.reporting.plan_review import (
    ALLOCATION_FILTERS,
    allocations_csv,
    plan_review,
)
from clearinghouse.services.reporting.plan_source import approved_source, run_label
from clearinghouse.services.reporting.reports import plan_view, priority_rows
from clearinghouse.services.runtime.jobs import JobRunner, get_job
from clearinghouse.web.decisions import bottleneck_section
from clearinghouse.web.forms import FormInvalid
from clearinghouse.web.lists import page_asked
from clearinghouse.web.render import error_page, page, status_of
from clearinghouse.web.session import Session, check_csrf, current_session, engine_of

CurrentSession = Annotated[Session, Depends(current_session)]
MAX_ID = 2**31 - 1


def read_plan_form(form: Mapping[str, object], today: date) -> tuple[date, int]:
    """The start month and horizon of the plan form, by the rules of domain.fields (the
    API's too); :class:`FormInvalid` names every field that breaks one, all at once."""
    errors: dict[str, str] = {}
    start, months = today.replace(day=1), 12
    start_text = str(form.get("start") or "").strip()
    if start_text:
        try:
            start = field_rules.start_month(start_text)
        except ValueError as e:
            errors["start"] = f"{start_text[:20]!r}: {e}"
    months_text = str(form.get("horizon") or "").strip() or "12"  # empty: the default
    try:
        months = int(months_text)
    except ValueError:
        errors["horizon"] = f"{months_text[:20]!r} is not a whole number of months"
    else:
        problem = field_rules.horizon_problem(months)
        if problem is not None:
            errors["horizon"] = f"{months}: {problem}"
    if errors:
        raise FormInvalid(errors)
    return start, months


def approval_question(asked: ApprovalPreview) -> dict[str, Any]:
    """The confirm page's words for approving a run: what it replaces and changes."""
    replaces = (f"It replaces run {asked.replaces} as the approved plan the cell executes"
                if asked.replaces is not None
                else "It becomes the first approved plan the cell executes")
    return {"question": f"Approve plan run {asked.run_id}?",
            "consequence": f"{replaces}: the planned quantities of {asked.needs_changed} "
                           f"need{'s' if asked.needs_changed != 1 else ''} change and "
                           f"{asked.offers_changed} offer{'s' if asked.offers_changed != 1 else ''}"
                           " change status (allocated, or back to accepted when no longer "
                           "used). Needs change status only as deliveries are recorded.",
            "action": f"/ui/plans/{asked.run_id}/approve", "hidden": {},
            "yes": f"Yes, approve run {asked.run_id}", "back": f"/ui/plans/{asked.run_id}"}


def plans_router(settings: Settings) -> APIRouter:
    """Routes of the plan pages."""
    router = APIRouter(include_in_schema=False)

    def plans_page(request: Request, session: Session, *, values: dict[str, str] | None = None,
                   errors: dict[str, str] | None = None, status: int = 200) -> HTMLResponse:
        runs = dashboard.plan_runs(engine_of(request), session.user)
        return page(request, "plans.html", session, runs=runs, status_code=status,
                    approved=dashboard.approved_run(runs), errors=errors or {},
                    values=values or {"horizon": "12",
                                      "start": f"{date.today():%Y-%m}"})

    @router.get("/ui/plans")
    def show_plans(request: Request, session: CurrentSession) -> HTMLResponse:
        return plans_page(request, session)

    @router.post("/ui/plans")
    async def run_plan(request: Request, session: CurrentSession) -> Response:
        form = await request.form()
        check_csrf(session.csrf, form.get("csrf"))
        runner: JobRunner = request.app.state.jobs
        try:
            start, horizon = read_plan_form(form, date.today())
            job = await run_in_threadpool(runner.submit_plan, session.user, start=start,
                                          horizon=horizon)
        except FormInvalid as e:
            values = {k: str(form.get(k) or "") for k in ("start", "horizon")}
            return await run_in_threadpool(plans_page, request, session, values=values,
                                           errors=e.errors, status=422)
        except UserError as e:
            return error_page(request, session, status_of(e), str(e))
        return RedirectResponse(f"/ui/jobs/{job.id}", status_code=303)

    def job_of(request: Request, session: Session, job_id: int) -> dict[str, object]:
        job = get_job(engine_of(request), settings, session.user, job_id)
        run_id = (job.result or {}).get("run_id")
        return {"id": job.id, "status": job.status, "progress": job.progress,
                "error": job.error, "plan": f"/ui/plans/{run_id}" if run_id else None}

    @router.get("/ui/jobs/{job_id}")
    def show_job(request: Request, job_id: int, session: CurrentSession) -> HTMLResponse:
        try:
            job = job_of(request, session, min(job_id, MAX_ID))
        except UserError as e:
            return error_page(request, session, status_of(e), str(e))
        return page(request, "job.html", session, job=job)

    @router.get("/ui/jobs/{job_id}/status")
    def job_status(request: Request, job_id: int, session: CurrentSession) -> JSONResponse:
        try:
            return JSONResponse(job_of(request, session, min(job_id, MAX_ID)))
        except UserError as e:
            return JSONResponse({"detail": str(e)}, status_code=status_of(e))

    @router.get("/ui/plans/{run_id}")
    def show_plan(request: Request, run_id: int, session: CurrentSession) -> HTMLResponse:
        engine, user = engine_of(request), session.user
        try:
            view = plan_view(engine, user, min(run_id, MAX_ID))
        except UserError as e:
            return error_page(request, session, status_of(e), str(e))
        approved = dashboard.approved_run(dashboard.plan_runs(engine, user))
        before = (plan_view(engine, user, approved.id).needs
                  if approved is not None and approved.id != view.id else None)
        compared = []
        if before is not None:
            for ref in sorted(set(before) | set(view.needs)):
                old = float((before.get(ref) or {}).get("delivered") or 0.0)
                new = float((view.needs.get(ref) or {}).get("delivered") or 0.0)
                if abs(old - new) > 1e-9:
                    compared.append((ref, old, new))
        review = plan_review(engine, user, view, dict(request.query_params))
        number = min(page_asked(request.query_params.get("page")), review.pages)
        label = run_label(view.id, view.status, view.approved_at,
                          approved_source(engine, user))
        bottlenecks = bottleneck_section(engine, user, view.id,
                                         request.query_params.get("bottlenecks") == "1")
        return page(request, "plan.html", session, view=view, approved=approved, label=label,
                    priorities=priority_rows(view),
                    compared=compared, review=review, page_number=number,
                    allocations=review.page(number), filters=ALLOCATION_FILTERS,
                    procurement=plan_procurement(engine, user, view.id), bottlenecks=bottlenecks,
                    may_approve=user.role is Role.COORDINATOR and view.approved_at is None
                    and view.status not in ("running", "queued", "failed"))

    @router.get("/ui/plans/{run_id}/allocations.csv")
    def export_allocations(request: Request, run_id: int, session: CurrentSession) -> Response:
        engine, user = engine_of(request), session.user
        try:
            view = plan_view(engine, user, min(run_id, MAX_ID))
        except UserError as e:
            return error_page(request, session, status_of(e), str(e))
        review = plan_review(engine, user, view, dict(request.query_params))
        return Response(allocations_csv(review), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition":
                                 f'attachment; filename="plan_{view.id}_allocations.csv"'})

    @router.post("/ui/plans/{run_id}/approve")
    async def approve(request: Request, run_id: int, session: CurrentSession) -> Response:
        form = await request.form()
        check_csrf(session.csrf, form.get("csrf"))
        try:
            if form.get("confirm") != "yes":
                asked = await run_in_threadpool(preview_approval, engine_of(request),
                                                session.user, min(run_id, MAX_ID))
                return page(request, "confirm.html", session, **approval_question(asked))
            await run_in_threadpool(approve_run, engine_of(request), session.user,
                                    min(run_id, MAX_ID))
        except (UserError, DomainError) as e:
            return error_page(request, session, status_of(e), str(e))
        return RedirectResponse(f"/ui/plans/{run_id}", status_code=303)

    return router
