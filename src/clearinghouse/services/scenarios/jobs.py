"""Scenario and training runs as background jobs for a signed-in user (the API, the web UI).

A job plans only the records released to the user's nation — the picture it may see — so that
no figure of its result (a fill rate, a donor's share, a count of unmet needs) sums over a
record hidden from it. Scenario jobs are coordinators' work; their job record is the stored
scenario run, comparable with ``clearinghouse scenario compare``. Its parameters name the
nation whose released records it planned (``"view"``), so that a run is shown only to readers
of that nation: its submitter's lists and comparisons, and that nation's briefing.

With ``Settings.dask_scheduler`` set, the drop-out, hub, dependency and training runs are
computed on that Dask cluster (``JobRunner.compute``): the visible picture is read here and
sent along, and a scenario run stores itself from the worker (the same ``DATABASE_URL``).
Monte Carlo jobs fan their futures out to the cluster themselves.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Engine

from clearinghouse.adapters.db.jobs import UNFINISHED, JobRow
from clearinghouse.adapters.db.listing import visible_records
from clearinghouse.config import Settings
from clearinghouse.domain.errors import DomainError, require
from clearinghouse.planning.settings import PlanSettings
from clearinghouse.services.errors import Conflict, NotFound
from clearinghouse.services.exchange.uploads import visible_bundle
from clearinghouse.services.records.records import Forbidden
from clearinghouse.services.records.resources import owner_of
from clearinghouse.services.records.users import Role, User
from clearinghouse.services.runtime.jobs import VIEW, JobRunner, get_job, readable
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from clearinghouse.services.scenarios.runs import (
    KIND,
    HubSpec,
    RunDifference,
    dependency_scenario,
    dropout_scenario,
    headline,
    hub_scenario,
    jsonable,
    montecarlo_scenario,
)
from clearinghouse.services.training.plans import TrainingPlan, training_plan

__all__ = ["compare_runs", "scenario_run", "scenario_runs", "submit_dependency",
           "submit_dropout", "submit_hub", "submit_montecarlo", "submit_training"]

#: Monte Carlo runs one job may ask for (each re-plans the picture).
MAX_RUNS = 2000


def _coordinator(user: User, what: str) -> None:
    if user.role is not Role.COORDINATOR:
        raise Forbidden(f"a {user.role} may not run {what}")


def _codes(runner: JobRunner, user: User, sheet: str) -> set[str]:
    """The codes of the nations or hubs the user's nation may see."""
    with SqlUnitOfWork(runner.engine, user.name) as uow:
        records = visible_records(uow.connection, sheet, user.nation, owner_of(sheet))
    return {r.code for r in records}


def _idle(runner: JobRunner, user: User) -> None:
    """One scenario run per user at a time: each re-plans the picture many times, and the
    job pool is shared with everyone's plan runs."""
    with SqlUnitOfWork(runner.engine, user.name) as uow:
        pending = [j.id for j in uow.jobs.list(actor=user.name)
                   if _on_view(j, user) and j.status in UNFINISHED]
    for job_id in pending:
        # get_job reads a job whose worker stopped beating as failed, not as running.
        job = get_job(runner.engine, runner.settings, user, job_id)
        if job.status in UNFINISHED:
            raise Conflict(f"your scenario run {job.id} is still {job.status}; submit the next "
                           "one when it is done")


def _checked_window(start: date, horizon: int) -> None:
    """The plan window's rules (first of a month, whole months), checked before queueing."""
    PlanSettings(start=start, horizon=horizon)


def _steps(progress: Callable[[float], None]) -> Callable[[int, int], None]:
    """A ``(done, total)`` progress callback onto a job's 0..1 progress (after 10 % set-up)."""
    return lambda done, total: progress(0.1 + 0.9 * done / max(total, 1))


def _window(start: date, horizon: int) -> dict[str, Any]:
    return {"start": start.isoformat(), "horizon": horizon}


def _planned(user: User, params: dict[str, Any]) -> dict[str, Any]:
    """A scenario job's parameters with the view it plans: the records released to the
    user's nation (``visible_bundle``), whoever reads the stored run later."""
    return {**params, VIEW: user.nation}


def submit_dropout(runner: JobRunner, user: User, *, donors: list[str],
                   from_month: date | None, start: date, horizon: int) -> Any:
    """Queue a drop-out of ``donors`` from ``from_month`` on (coordinators)."""
    _coordinator(user, "scenarios")
    _checked_window(start, horizon)
    donors = sorted(set(donors))
    require(bool(donors), "name at least one donor to drop out", field="donors",
            rule="must name at least one nation", value=donors)
    unknown = sorted(set(donors) - _codes(runner, user, "nations"))
    require(not unknown, f"unknown donor nation(s): {', '.join(unknown)}", field="donors",
            rule="must be nations of the clearing house", value=", ".join(unknown))
    _idle(runner, user)
    params = {"donors": donors,
              "from": from_month.isoformat() if from_month else None, **_window(start, horizon)}

    def work(job_id: int, progress: Callable[[float], None]) -> None:
        bundle = visible_bundle(runner.engine, user)
        progress(0.1)
        runner.compute_on_database(dropout_scenario, user, bundle, donors=donors,
                                   from_month=from_month, start=start, horizon=horizon,
                                   job_id=job_id)

    return runner.submit(user, KIND + "dropout", _planned(user, params), work)


def submit_hub(runner: JobRunner, user: User, *, close: str | None, open_: HubSpec | None,
               from_month: date | None, start: date, horizon: int) -> Any:
    """Queue a hub closure or opening from ``from_month`` on (coordinators); a hub to open
    opens at its ``opens`` month unless ``from_month`` says otherwise."""
    _coordinator(user, "scenarios")
    _checked_window(start, horizon)
    _checked_hub(runner, user, close, open_)
    _idle(runner, user)
    if open_ is not None and from_month is None:
        # The planner opens the hub at the change's month, which defaults to the plan's start.
        from_month = open_.opens
    params = {"close": close, "open": None if open_ is None else jsonable(vars_of(open_)),
              "from": from_month.isoformat() if from_month else None, **_window(start, horizon)}

    def work(job_id: int, progress: Callable[[float], None]) -> None:
        bundle = visible_bundle(runner.engine, user)
        progress(0.1)
        runner.compute_on_database(hub_scenario, user, bundle, close=close, open_=open_,
                                   from_month=from_month, start=start, horizon=horizon,
                                   job_id=job_id)

    return runner.submit(user, KIND + "hub", _planned(user, params), work)


def submit_dependency(runner: JobRunner, user: User, *, start: date, horizon: int) -> Any:
    """Queue donor shares, HHI and the all-single-drop-outs ranking (coordinators)."""
    _coordinator(user, "scenarios")
    _checked_window(start, horizon)
    _idle(runner, user)

    def work(job_id: int, progress: Callable[[float], None]) -> None:
        bundle = visible_bundle(runner.engine, user)
        progress(0.1)
        # On a Dask worker the steps are not reported: the job's progress jumps when done.
        runner.compute_on_database(dependency_scenario, user, bundle, start=start,
                                   horizon=horizon, job_id=job_id,
                                   progress=None if runner.on_cluster else _steps(progress))

    return runner.submit(user, KIND + "dependency", _planned(user, _window(start, horizon)),
                         work)


def submit_montecarlo(runner: JobRunner, user: User, *, runs: int, delay_prob: float,
                      withdraw_prob: float, hub_outage_prob: float, seed: int, start: date,
                      horizon: int) -> Any:
    """Queue ``runs`` random futures, fanned out on Dask as configured (coordinators)."""
    _coordinator(user, "scenarios")
    _checked_window(start, horizon)
    require(1 <= runs <= MAX_RUNS, f"{runs} Monte Carlo runs are out of range", field="runs",
            rule=f"must be 1 to {MAX_RUNS}", value=runs)
    for name, p in (("delay_prob", delay_prob), ("withdraw_prob", withdraw_prob),
                    ("hub_outage_prob", hub_outage_prob)):
        require(0.0 <= p <= 1.0, f"{name} {p} is not a probability", field=name,
                rule="must be between 0 and 1", value=p)
    _idle(runner, user)
    params = {"runs": runs, "delay_prob": delay_prob, "withdraw_prob": withdraw_prob,
              "hub_outage_prob": hub_outage_prob, "seed": seed, **_window(start, horizon)}
    scheduler = runner.settings.dask_scheduler

    def work(job_id: int, progress: Callable[[float], None]) -> None:
        bundle = visible_bundle(runner.engine, user)
        progress(0.1)
        montecarlo_scenario(runner.engine, user, bundle, runs=runs, delay_prob=delay_prob,
                            withdraw_prob=withdraw_prob, hub_outage_prob=hub_outage_prob,
                            seed=seed, scheduler=scheduler, workers=None, start=start,
                            horizon=horizon, job_id=job_id, progress=_steps(progress))

    return runner.submit(user, KIND + "montecarlo", _planned(user, params), work)


def submit_training(runner: JobRunner, user: User, *, start: date, horizon: int) -> Any:
    """Queue the optimal placement of trainees on course seats (coordinators)."""
    _coordinator(user, "training plans")
    _checked_window(start, horizon)

    def work(_job_id: int, progress: Callable[[float], None]) -> dict[str, Any]:
        bundle = visible_bundle(runner.engine, user)
        progress(0.2)
        plan = runner.compute(training_plan, runner.settings, bundle, start=start,
                              horizon=horizon)
        result: dict[str, Any] = jsonable(training_result(plan))
        return result

    return runner.submit(user, "training-plan", _window(start, horizon), work)


def _checked_hub(runner: JobRunner, user: User, close: str | None,
                 open_: HubSpec | None) -> None:
    if (close is None) == (open_ is None):
        raise DomainError("give either a hub to close or a hub to open", field="close",
                          rule="exactly one of close and open", value=close)
    hubs = _codes(runner, user, "hubs")
    if close is not None:
        require(close in hubs, f"unknown hub {close!r}", field="close",
                rule="must be a hub of the clearing house", value=close)
    if open_ is not None:
        require(open_.code not in hubs, f"hub {open_.code!r} exists already",
                field="open.code", rule="must be a new hub code", value=open_.code)
        require(open_.country in _codes(runner, user, "nations"),
                f"unknown hub country {open_.country!r}", field="open.country",
                rule="must be a nation of the clearing house", value=open_.country)
        # The hub's own rules (code, capacity), before anything is queued.
        open_.hub()


def vars_of(spec: HubSpec) -> dict[str, Any]:
    """A hub to open as a plain dict (the job's parameters)."""
    return dataclasses.asdict(spec)


def _on_view(job: JobRow, user: User) -> bool:
    """Whether ``job`` is one of the user's scenario runs planned on the records released to
    its nation (``jobs.readable``)."""
    return job.kind.startswith(KIND) and readable(job, user)


def scenario_runs(runner: JobRunner, user: User) -> list[JobRow]:
    """The user's stored scenario runs on its nation's view (jobs of kind ``scenario-*``),
    newest first."""
    with SqlUnitOfWork(runner.engine, user.name) as uow:
        ids = [j.id for j in uow.jobs.list(actor=user.name) if _on_view(j, user)]
    # get_job reads a job whose worker stopped beating as failed, not as running.
    return [get_job(runner.engine, runner.settings, user, i) for i in ids]


def scenario_run(engine: Engine, settings: Settings, user: User, run_id: int) -> JobRow:
    """One of the user's stored scenario runs on its nation's view (anything else — another
    user's run, a run on other records, a job of another kind — answers like a missing one)."""
    missing = NotFound(f"scenario run {run_id} does not exist")
    try:
        job = get_job(engine, settings, user, run_id)
    except NotFound:
        raise missing from None
    if not _on_view(job, user):
        raise missing
    return job


def compare_runs(engine: Engine, settings: Settings, user: User, a: int,
                 b: int) -> list[RunDifference]:
    """The headline figures of two finished scenario runs side by side: the user's own on
    its nation's view (any other run answers like a missing one); the database operator
    (the command line) compares any two."""
    figures = []
    for run_id in (a, b):
        job = scenario_run(engine, settings, user, run_id)
        if job.status != "done" or job.result is None:
            raise Conflict(f"scenario run {run_id} is {job.status}; compare it when done")
        figures.append(headline(job.kind.removeprefix(KIND), job.result))
    keys = list(dict.fromkeys([*figures[0], *figures[1]]))
    return [RunDifference(k, figures[0].get(k), figures[1].get(k)) for k in keys]


def training_result(plan: TrainingPlan) -> dict[str, Any]:
    """A training plan as plain JSON: placements, needs with reasons, totals by category and
    host (the settings are the job's parameters already)."""
    out = dataclasses.asdict(plan)
    out.pop("settings", None)
    out["trainees_requested"] = plan.trainees_requested
    out["trainees_placed"] = plan.trainees_placed
    return out
