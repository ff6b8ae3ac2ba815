"""Training plans as jobs (coordinators): trainees placed on course seats."""

from fastapi import APIRouter, Request, Response

from clearinghouse.api.deps import CurrentUser
from clearinghouse.api.jobs import JobRead
from clearinghouse.api.scenarios import SUBMITTED, Window
from clearinghouse.services.runtime.jobs import JobRunner
from clearinghouse.services.scenarios.jobs import submit_training

router = APIRouter(tags=["training"])


@router.post("/training/plans", status_code=202,
             responses={k: v for k, v in SUBMITTED.items() if k != 409})
def training_plan(body: Window, request: Request, response: Response,
                  user: CurrentUser) -> JobRead:
    """Place the trainees of the training needs on course seats in the background; the job's
    result lists placements, needs with reasons, and totals by category and host."""
    runner: JobRunner = request.app.state.jobs
    job = submit_training(runner, user, start=body.first(), horizon=body.horizon)
    response.headers["Location"] = f"/jobs/{job.id}"
    return JobRead.model_validate(job, from_attributes=True)
