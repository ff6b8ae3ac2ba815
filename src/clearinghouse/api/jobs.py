"""Plan runs as jobs: submit (202 with the job), follow its status and progress, approve."""

from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field, computed_field

from clearinghouse.api.deps import CurrentUser, EngineDep, SettingsDep
from clearinghouse.api.params import Month, PathId
from clearinghouse.domain import fields
from clearinghouse.services.planning.approval import approve_run
from clearinghouse.services.runtime.jobs import JobRunner, get_job, list_jobs
from clearinghouse.services.scenarios.runs import KIND, planned_on

router = APIRouter(tags=["plans"])
JobId = PathId


class PlanRequest(BaseModel):
    start: Month | None = Field(default=None, description="first month; default: this month")
    horizon: int = Field(default=12, ge=fields.HORIZON_MIN, le=fields.HORIZON_MAX,
                         description="months planned (the web form's rule too)")


class JobRead(BaseModel):
    id: int
    kind: str
    status: str = Field(description="queued, running, done or failed")
    progress: float
    params: dict[str, Any]
    result: dict[str, Any] | None
    error: str | None
    created_at: datetime
    updated_at: datetime

    @computed_field(  # type: ignore[prop-decorator]
        description='a scenario run\'s view in words: "computed on the records released to '
                    'DEU" (scenarios plan the records released to the submitter\'s nation, '
                    "so their \"before\" is not the live plan); null for other jobs")
    @property
    def computed_on(self) -> str | None:
        return f"computed on {planned_on(self.params)}" if self.kind.startswith(KIND) else None


class ApprovalRead(BaseModel):
    run_id: int
    needs_changed: int
    offers_changed: int


@router.post("/plans", status_code=202)
def run_plan(body: PlanRequest, request: Request, response: Response,
             user: CurrentUser) -> JobRead:
    """Plan the stored needs and offers in the background; follow the job at its Location."""
    start = body.start or date.today().replace(day=1)
    runner: JobRunner = request.app.state.jobs
    job = runner.submit_plan(user, start=start, horizon=body.horizon)
    response.headers["Location"] = f"/jobs/{job.id}"
    return JobRead.model_validate(job, from_attributes=True)


@router.get("/jobs")
def my_jobs(engine: EngineDep, settings: SettingsDep, user: CurrentUser) -> list[JobRead]:
    """The jobs you submitted, newest first."""
    return [JobRead.model_validate(j, from_attributes=True)
            for j in list_jobs(engine, settings, user)]


@router.get("/jobs/{job_id}", responses={404: {"description": "no such job of yours"}})
def job_status(job_id: JobId, engine: EngineDep, settings: SettingsDep,
               user: CurrentUser) -> JobRead:
    """A job you submitted: status, progress, and its result when done."""
    return JobRead.model_validate(get_job(engine, settings, user, job_id), from_attributes=True)


@router.post("/plans/{run_id}/approve")
def approve(run_id: JobId, engine: EngineDep, user: CurrentUser) -> ApprovalRead:
    """Approve a finished plan run: its offers become allocated, its needs (partially) met."""
    approval = approve_run(engine, user, run_id)
    return ApprovalRead(run_id=approval.run_id, needs_changed=approval.needs_changed,
                        offers_changed=approval.offers_changed)
