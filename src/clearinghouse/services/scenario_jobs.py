"""Scenario and training runs as background jobs for a signed-in user (the API, the web UI).

A job plans only the records released to the user's nation — the picture it may see — so that
no figure of its result (a fill rate, a donor's share, a count of unmet needs) sums over a
record hidden from it. Scenario jobs are coordinators' work; their job record is the stored
scenario run, comparable with ``clearinghouse scenario compare``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

from clearinghouse.services.jobs import JobRunner
from clearinghouse.services.records import Forbidden
from clearinghouse.services.scenarios import (
    KIND,
    HubSpec,
    dependency_scenario,
    dropout_scenario,
    hub_scenario,
    jsonable,
    montecarlo_scenario,
)
from clearinghouse.services.training import TrainingPlan, training_plan
from clearinghouse.services.transfer import visible_bundle
from clearinghouse.services.users import Role, User

__all__ = ["submit_dependency", "submit_dropout", "submit_hub", "submit_montecarlo",
           "submit_training"]

#: Monte Carlo runs one job may ask for (each re-plans the picture).
MAX_RUNS = 2000


def _coordinator(user: User, what: str) -> None:
    if user.role is not Role.COORDINATOR:
        raise Forbidden(f"a {user.role} may not run {what}")


def _steps(progress: Callable[[float], None]) -> Callable[[int, int], None]:
    """A ``(done, total)`` progress callback onto a job's 0..1 progress (after 10 % set-up)."""
    return lambda done, total: progress(0.1 + 0.9 * done / max(total, 1))


def _window(start: date, horizon: int) -> dict[str, Any]:
    return {"start": start.isoformat(), "horizon": horizon}


def submit_dropout(runner: JobRunner, user: User, *, donors: list[str],
                   from_month: date | None, start: date, horizon: int) -> Any:
    """Queue a drop-out of ``donors`` from ``from_month`` on (coordinators)."""
    _coordinator(user, "scenarios")
    params = {"donors": sorted(donors),
              "from": from_month.isoformat() if from_month else None, **_window(start, horizon)}

    def work(job_id: int, progress: Callable[[float], None]) -> None:
        bundle = visible_bundle(runner.engine, user)
        progress(0.1)
        dropout_scenario(runner.settings, bundle, donors=donors, from_month=from_month,
                         start=start, horizon=horizon, actor=user.name, job_id=job_id)

    return runner.submit(user, KIND + "dropout", params, work)


def submit_hub(runner: JobRunner, user: User, *, close: str | None, open_: HubSpec | None,
               from_month: date | None, start: date, horizon: int) -> Any:
    """Queue a hub closure or opening from ``from_month`` on (coordinators)."""
    _coordinator(user, "scenarios")
    params = {"close": close, "open": None if open_ is None else jsonable(vars_of(open_)),
              "from": from_month.isoformat() if from_month else None, **_window(start, horizon)}

    def work(job_id: int, progress: Callable[[float], None]) -> None:
        bundle = visible_bundle(runner.engine, user)
        progress(0.1)
        hub_scenario(runner.settings, bundle, close=close, open_=open_, from_month=from_month,
                     start=start, horizon=horizon, actor=user.name, job_id=job_id)

    return runner.submit(user, KIND + "hub", params, work)


def submit_dependency(runner: JobRunner, user: User, *, start: date, horizon: int) -> Any:
    """Queue donor shares, HHI and the all-single-drop-outs ranking (coordinators)."""
    _coordinator(user, "scenarios")

    def work(job_id: int, progress: Callable[[float], None]) -> None:
        bundle = visible_bundle(runner.engine, user)
        progress(0.1)
        dependency_scenario(runner.settings, bundle, start=start, horizon=horizon,
                            actor=user.name, job_id=job_id, progress=_steps(progress))

    return runner.submit(user, KIND + "dependency", _window(start, horizon), work)


def submit_montecarlo(runner: JobRunner, user: User, *, runs: int, delay_prob: float,
                      withdraw_prob: float, hub_outage_prob: float, seed: int, start: date,
                      horizon: int) -> Any:
    """Queue ``runs`` random futures, fanned out on Dask as configured (coordinators)."""
    _coordinator(user, "scenarios")
    params = {"runs": runs, "delay_prob": delay_prob, "withdraw_prob": withdraw_prob,
              "hub_outage_prob": hub_outage_prob, "seed": seed, **_window(start, horizon)}
    scheduler = runner.settings.dask_scheduler

    def work(job_id: int, progress: Callable[[float], None]) -> None:
        bundle = visible_bundle(runner.engine, user)
        progress(0.1)
        montecarlo_scenario(runner.settings, bundle, runs=runs, delay_prob=delay_prob,
                            withdraw_prob=withdraw_prob, hub_outage_prob=hub_outage_prob,
                            seed=seed, scheduler=scheduler, workers=None, start=start,
                            horizon=horizon, actor=user.name, job_id=job_id,
                            progress=_steps(progress))

    return runner.submit(user, KIND + "montecarlo", params, work)


def submit_training(runner: JobRunner, user: User, *, start: date, horizon: int) -> Any:
    """Queue the optimal placement of trainees on course seats (coordinators)."""
    _coordinator(user, "training plans")

    def work(_job_id: int, progress: Callable[[float], None]) -> dict[str, Any]:
        bundle = visible_bundle(runner.engine, user)
        progress(0.2)
        plan = training_plan(runner.settings, bundle, start=start, horizon=horizon)
        result: dict[str, Any] = jsonable(training_result(plan))
        return result

    return runner.submit(user, "training-plan", _window(start, horizon), work)


def vars_of(spec: HubSpec) -> dict[str, Any]:
    return dataclasses.asdict(spec)


def training_result(plan: TrainingPlan) -> dict[str, Any]:
    """A training plan as plain JSON: placements, needs with reasons, totals by category and
    host (the settings are the job's parameters already)."""
    out = dataclasses.asdict(plan)
    out.pop("settings", None)
    out["trainees_requested"] = plan.trainees_requested
    out["trainees_placed"] = plan.trainees_placed
    return out
