"""Scenario runs as jobs (coordinators): drop-outs, hub changes, dependency, Monte Carlo, each
planned on the records released to the user's nation (its ``view`` parameter); the user's
stored runs on that view, and two of them compared."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field, model_validator

from clearinghouse.api.deps import CurrentUser
from clearinghouse.api.jobs import JobRead
from clearinghouse.api.params import Month
from clearinghouse.api.schemas import Ref
from clearinghouse.services.runtime.jobs import JobRunner
from clearinghouse.services.scenarios.jobs import (
    MAX_RUNS,
    compare_runs,
    scenario_runs,
    submit_dependency,
    submit_dropout,
    submit_hub,
    submit_montecarlo,
)
from clearinghouse.services.scenarios.runs import HubSpec

router = APIRouter(tags=["scenarios"])


Nation = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="nation code")]
Probability = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
RunId = Annotated[int, Query(ge=1, le=2**31 - 1, description="a scenario run (job) id")]

SUBMITTED: dict[int | str, dict[str, Any]] = {
    403: {"description": "only coordinators run scenarios"},
    409: {"description": "a scenario run of yours is still queued or running"},
    422: {"description": "bad input; the answer names the field and the rule"},
}


class Window(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: Month | None = Field(default=None, description="first month; default: this month")
    horizon: int = Field(default=12, ge=1, le=60, description="months planned")

    def first(self) -> date:
        """The plan's first month (this month unless given)."""
        return self.start or date.today().replace(day=1)


class DropoutRequest(Window):
    donors: list[Nation] = Field(min_length=1, max_length=60, description="donors dropping out")
    from_: Month | None = Field(default=None, alias="from",
                                description="first month without them; default: start")


class HubOpen(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: Ref
    country: Nation
    capacity_t_per_month: float = Field(ge=0, lt=1e9, allow_inf_nan=False)
    opens: Month = Field(description="the month it opens (unless the request's from says)")
    name: Ref | None = None


class HubRequest(Window):
    close: Ref | None = Field(default=None, description="a hub to close")
    open: HubOpen | None = Field(default=None, description="a hub to open")
    from_: Month | None = Field(default=None, alias="from", description=(
        "first month of the change; default: the new hub's opens, or start for a closure"))

    @model_validator(mode="after")
    def _one_change(self) -> "HubRequest":
        if (self.close is None) == (self.open is None):
            raise ValueError("give exactly one of close (a hub code) and open (a new hub)")
        return self


class MonteCarloRequest(Window):
    runs: int = Field(ge=1, le=MAX_RUNS, description="random futures to plan")
    delay_prob: Probability
    withdraw_prob: Probability
    hub_outage_prob: Probability
    seed: int = Field(ge=0, le=2**31 - 1)


class RunDifferenceRead(BaseModel):
    key: str
    a: float | None
    b: float | None


def _accepted(response: Response, job: Any) -> JobRead:
    """202 with the queued job, and its address in Location."""
    response.headers["Location"] = f"/jobs/{job.id}"
    return JobRead.model_validate(job, from_attributes=True)


def _runner(request: Request) -> JobRunner:
    runner: JobRunner = request.app.state.jobs
    return runner


@router.post("/scenarios/dropout", status_code=202, responses=SUBMITTED)
def dropout(body: DropoutRequest, request: Request, response: Response,
            user: CurrentUser) -> JobRead:
    """Re-plan without the donors from a month on; the job's result compares before/after."""
    job = submit_dropout(_runner(request), user, donors=body.donors, from_month=body.from_,
                         start=body.first(), horizon=body.horizon)
    return _accepted(response, job)


@router.post("/scenarios/hub", status_code=202, responses=SUBMITTED)
def hub(body: HubRequest, request: Request, response: Response, user: CurrentUser) -> JobRead:
    """Re-plan with a hub closed, or a new one opened, from a month on."""
    spec = None if body.open is None else HubSpec(**body.open.model_dump())
    job = submit_hub(_runner(request), user, close=body.close, open_=spec,
                     from_month=body.from_, start=body.first(), horizon=body.horizon)
    return _accepted(response, job)


@router.post("/scenarios/dependency", status_code=202, responses=SUBMITTED)
def dependency(body: Window, request: Request, response: Response,
               user: CurrentUser) -> JobRead:
    """Donor shares and HHI per capability, and donors ranked by what losing each costs."""
    job = submit_dependency(_runner(request), user, start=body.first(), horizon=body.horizon)
    return _accepted(response, job)


@router.post("/scenarios/montecarlo", status_code=202, responses=SUBMITTED)
def montecarlo(body: MonteCarloRequest, request: Request, response: Response,
               user: CurrentUser) -> JobRead:
    """Random futures (offer delays, withdrawals, hub outages) re-planned on Dask."""
    job = submit_montecarlo(_runner(request), user, runs=body.runs, delay_prob=body.delay_prob,
                            withdraw_prob=body.withdraw_prob,
                            hub_outage_prob=body.hub_outage_prob, seed=body.seed,
                            start=body.first(), horizon=body.horizon)
    return _accepted(response, job)


@router.get("/scenarios")
def my_scenario_runs(request: Request, user: CurrentUser) -> list[JobRead]:
    """Your stored scenario runs on the records released to your nation, newest first."""
    return [JobRead.model_validate(j, from_attributes=True)
            for j in scenario_runs(_runner(request), user)]


@router.get("/scenarios/compare", responses={
    404: {"description": "no such scenario run of yours on your nation's records"},
    409: {"description": "a run is not finished"}})
def compare(a: RunId, b: RunId, request: Request, user: CurrentUser) -> list[RunDifferenceRead]:
    """The headline figures (value, fill rates, HHI) of two of your scenario runs."""
    runner = _runner(request)
    return [RunDifferenceRead(key=d.key, a=d.a, b=d.b)
            for d in compare_runs(runner.engine, runner.settings, user, a, b)]
