"""Scenario use cases: drop-outs, hub changes, dependency and Monte Carlo futures, each run on a
copy of the picture (a bundle file, or the database when no path) and stored as a job record
with its parameters and results; two stored runs can be compared.

A stored run's parameters say whose released records it planned (``view_of``): the nation of
the user who submitted it through the API or the web UI, or none for a run of the command
line, which plans every record (the database operator's view) or a bundle file.

Each scenario is one use case taking an engine and a user: the command line calls it as the
database operator; a job (``scenarios.jobs``) calls it on the service's engine, or on a Dask
worker's engine on the same database (``JobRunner.compute_on_database``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.errors import DomainError
from clearinghouse.planning.scenarios.compare import FillChange, ScenarioComparison
from clearinghouse.planning.scenarios.dependency import CapabilityDependency, dependency
from clearinghouse.planning.scenarios.dropout import dropout, hub_change
from clearinghouse.planning.scenarios.edits import HubSpec
from clearinghouse.planning.scenarios.montecarlo import MonteCarloResult, montecarlo
from clearinghouse.planning.scenarios.sweep import DonorLoss, donor_losses
from clearinghouse.planning.settings import PlanSettings
from clearinghouse.services.errors import UserError
from clearinghouse.services.exchange.bundles import export_bundle
from clearinghouse.services.exchange.files import load_bundle_file
from clearinghouse.services.planning.plan_runs import plan_settings, plannable, solve
from clearinghouse.services.records.users import User
from clearinghouse.services.runtime.jobs import SCENARIO, VIEW, view_of
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

__all__ = ["DependencyReport", "FillChange", "HubSpec", "RunDifference", "ScenarioComparison",
           "Stored", "dependency_scenario", "dropout_scenario", "hub_scenario",
           "montecarlo_scenario", "planned_on", "view_of"]

KIND = SCENARIO  # job kinds of stored scenario runs: scenario-dropout, scenario-hub, …
#: A stored run's ``source``: the whole database, or a bundle of one nation's released records.
DATABASE, RELEASED = "database", "database (records released to the user's nation)"


@dataclass(frozen=True, slots=True)
class Stored:
    """A scenario's result and the id of its stored run (None when it was not stored)."""

    run_id: int | None
    result: Any


@dataclass(frozen=True, slots=True)
class DependencyReport:
    capabilities: list[CapabilityDependency]
    ranking: list[DonorLoss]


@dataclass(frozen=True, slots=True)
class RunDifference:
    key: str
    a: float | None
    b: float | None


#: Where a scenario's picture comes from: a bundle file, a bundle already loaded (the records
#: released to an API user's nation), or the whole database when None.
Source = Path | Bundle | None


def _picture(engine: Engine, path: Source) -> Bundle:
    if isinstance(path, Bundle):
        return loaded_picture(path)
    if path is None:
        with SqlUnitOfWork(engine, "scenario") as uow:
            return loaded_picture(export_bundle(uow))
    return _checked(load_bundle_file(path))


def loaded_picture(bundle: Bundle) -> Bundle:
    """What a scenario plans of stored records already loaded (every record, or those
    released to a nation): the live needs and offers, checked."""
    return _checked(plannable(bundle))


def _checked(bundle: Bundle) -> Bundle:
    problems = bundle.problems()
    if problems:
        p = problems[0]
        raise UserError(f"the bundle is inconsistent ({len(problems)} problems), first: "
                        f"{p.sheet} {p.key}: {p.field}: {p.message}")
    return bundle


def _run(fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except (DomainError, ValueError) as e:
        raise UserError(str(e)) from e


def dropout_scenario(engine: Engine, user: User, path: Source, *, donors: list[str],
                     from_month: date | None, start: date, horizon: int,
                     job_id: int | None = None) -> Stored:
    """Re-plan without the donors from ``from_month`` on; store and return the comparison."""
    result = dropout_comparison(_picture(engine, path), donors=donors, from_month=from_month,
                                start=start, horizon=horizon)
    return _store(engine, user, "dropout", result.params, plan_settings(start, horizon), path,
                  result, job_id)


def dropout_comparison(picture: Bundle, *, donors: list[str], from_month: date | None,
                       start: date, horizon: int) -> ScenarioComparison:
    """The drop-out of ``donors`` on a checked picture, stored nowhere: the scenario's own
    comparison, which a nation's impact card reuses (so that both lose the same value)."""
    cfg = plan_settings(start, horizon)
    unknown = sorted(set(donors) - {n.code for n in picture.nations})
    if unknown:
        raise UserError(f"unknown donor nation(s): {', '.join(unknown)}")
    base = solve(picture, cfg)
    result: ScenarioComparison = _run(lambda: dropout(picture, cfg, donors, from_month,
                                                      base=base))
    return result


def hub_scenario(engine: Engine, user: User, path: Source, *, close: str | None,
                 open_: HubSpec | None, from_month: date | None, start: date, horizon: int,
                 job_id: int | None = None) -> Stored:
    """Re-plan with a hub closed or opened from ``from_month``; store and return the comparison."""
    if (close is None) == (open_ is None):
        raise UserError("give either a hub to close or a hub to open")
    bundle, cfg = _picture(engine, path), plan_settings(start, horizon)
    if close is not None and close not in {h.code for h in bundle.hubs}:
        raise UserError(f"unknown hub {close!r}")
    if open_ is not None and open_.country not in {n.code for n in bundle.nations}:
        raise UserError(f"unknown hub country {open_.country!r}")
    base = solve(bundle, cfg)
    result: ScenarioComparison = _run(lambda: hub_change(bundle, cfg, close, open_, from_month,
                                                         base=base))
    return _store(engine, user, "hub", result.params, cfg, path, result, job_id)


def dependency_scenario(engine: Engine, user: User, path: Source, *, start: date, horizon: int,
                        job_id: int | None = None,
                        progress: Callable[[int, int], None] | None = None) -> Stored:
    """Donor shares and HHI per capability, and donors ranked by the value lost without each."""
    bundle, cfg = _picture(engine, path), plan_settings(start, horizon)
    plan = solve(bundle, cfg)
    report = DependencyReport(dependency(bundle, plan),
                              _run(lambda: donor_losses(bundle, cfg, progress=progress)))
    return _store(engine, user, "dependency", {}, cfg, path, report, job_id)


def montecarlo_scenario(engine: Engine, user: User, path: Source, *, runs: int, delay_prob: float,
                        withdraw_prob: float, hub_outage_prob: float, seed: int,
                        scheduler: str | None, workers: int | None, start: date, horizon: int,
                        job_id: int | None = None,
                        progress: Callable[[int, int], None] | None = None) -> Stored:
    """``runs`` random futures re-planned on Dask; store and return their distribution."""
    bundle, cfg = _picture(engine, path), plan_settings(start, horizon)
    try:
        result: MonteCarloResult = montecarlo(
            bundle, cfg, runs, delay_prob, withdraw_prob, hub_outage_prob, seed,
            scheduler=scheduler, workers=workers, progress=progress)
    except (DomainError, ValueError) as e:
        raise UserError(str(e)) from e
    except OSError as e:
        raise UserError(f"cannot reach the Dask scheduler {scheduler}: {e}") from e
    params = {"runs": runs, "delay_prob": delay_prob, "withdraw_prob": withdraw_prob,
              "hub_outage_prob": hub_outage_prob, "seed": seed, "scheduler": scheduler,
              "workers": workers}
    return _store(engine, user, "montecarlo", params, cfg, path, result, job_id)


def headline(kind: str, result: dict[str, Any]) -> dict[str, float]:
    """The figures two stored runs are compared on: value and fill rates (after the change)."""
    if kind == "montecarlo":
        out = {"value (mean)": result["value"]["mean"]}
        out.update({f"priority {p} fill (mean)": d["mean"]
                    for p, d in result["fill_by_priority"].items()})
        return out
    if kind == "dependency":
        return {f"HHI {c['capability']}": c["hhi"] for c in result["capabilities"]}
    out = {"value": result["value_after"]}
    out.update({f"priority {c['key']} fill": c["after"] for c in result["by_priority"]})
    out.update({f"{c['key']} fill": c["after"] for c in result["by_capability"]})
    return out


def planned_on(params: dict[str, Any]) -> str:
    """What a stored run planned, in words: a nation's released records, the whole database
    or a bundle file (an older record that does not say counts as the whole database)."""
    view, source = view_of(params), params.get("source")
    if view is not None:
        return f"the records released to {view}"
    if VIEW not in params and source is None:
        return "the whole database (an older run that does not record whose records it planned)"
    if isinstance(source, str) and source not in (DATABASE, RELEASED):
        return f"the bundle {source}"
    return "the whole database"


def _source_name(path: Source) -> str:
    if isinstance(path, Bundle):
        return RELEASED
    return str(path) if path is not None else DATABASE


def _store(engine: Engine, user: User, kind: str, params: dict[str, Any],
           cfg: PlanSettings, path: Source, result: Any, job_id: int | None) -> Stored:
    """Store the run as a finished job record (or finish the submitted job ``job_id``)."""
    # A run stored here without a job is the command line's (the operator's), on every
    # record or a bundle file: no nation's view. A job submitted for a user (job_id) keeps
    # the parameters, view included, it was queued with (scenarios.jobs).
    record = {**params, "start": cfg.start.isoformat(), "horizon": cfg.horizon,
              "source": _source_name(path), VIEW: None if user.whole_view else user.nation}
    payload = jsonable(dataclasses.asdict(result))
    if kind == "montecarlo":
        payload.pop("outcomes", None)  # the distribution is stored, not every future
    with SqlUnitOfWork(engine, user.name, writes=True) as uow:
        if job_id is None:
            job_id = uow.jobs.add(KIND + kind, user.name, jsonable(record)).id
        uow.jobs.set_state(job_id, status="done", progress=1.0, result=payload)
        uow.commit()
    return Stored(job_id, result)


def jsonable(value: Any) -> Any:
    """Plain JSON: dict keys as text, tuples as lists, NaN as null, dates as ISO text."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return value
