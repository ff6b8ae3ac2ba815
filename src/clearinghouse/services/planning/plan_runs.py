"""Plan use cases: plan a bundle file or the database, store runs, approve one, compare."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from clearinghouse.adapters.db.plan_runs import PlanRun
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.lifecycle import PLANNED_NEEDS, PLANNED_OFFERS
from clearinghouse.domain.logistics import HubMonthLoad
from clearinghouse.domain.pipeline import outstanding
from clearinghouse.planning.engine import plan as optimise
from clearinghouse.planning.figures import (
    FillRate,
    UnmetNeed,
    fill_rates,
    hub_loads,
    unmet_needs,
)
from clearinghouse.planning.files import read_allocations, summary_dict, write_plan
from clearinghouse.planning.plan import Allocation, Plan
from clearinghouse.planning.procurement import Procurement
from clearinghouse.planning.settings import PlanSettings
from clearinghouse.services.errors import UserError
from clearinghouse.services.exchange.bundles import bundle_fingerprint, export_bundle
from clearinghouse.services.exchange.files import load_bundle_file
from clearinghouse.services.planning.booked_capacity import booked_production, with_booked
from clearinghouse.services.planning.procurement import (
    procure,
    stored_lines,
    stored_procurement,
)
from clearinghouse.services.planning.reference import reference_plan
from clearinghouse.services.records.users import User
from clearinghouse.services.runtime.retry import retrying
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork


@dataclass(frozen=True, slots=True)
class NeedChange:
    ref: str
    before: float
    after: float


@dataclass(frozen=True, slots=True)
class PlanChanges:
    """What a run changes against the approved plan: value and per-need deliveries."""

    approved_run: int
    value_before: float
    value_after: float
    needs: list[NeedChange] = field(default_factory=list)

    def describe(self) -> str:
        gained = sum(1 for c in self.needs if c.after > c.before)
        lost = len(self.needs) - gained
        return (f"Against approved run {self.approved_run}: value {self.value_before:,.2f} → "
                f"{self.value_after:,.2f}; {gained} needs get more, {lost} get less")


@dataclass(frozen=True, slots=True)
class PlanResult:
    run_id: int | None
    plan: Plan
    fill_rates: list[FillRate]
    hub_loads: list[HubMonthLoad]
    unmet: list[UnmetNeed]
    changes: PlanChanges | None = None
    #: the allies' requests filled after the plan (None: the bundle has no requests)
    procurement: Procurement | None = None


def plan_settings(start: date, horizon: int) -> PlanSettings:
    try:
        return PlanSettings(start=start, horizon=horizon)
    except DomainError as e:
        raise UserError(str(e)) from e


def solve(bundle: Bundle, settings: PlanSettings,
          reference: Sequence[Allocation] | None = None) -> Plan:
    """Check the bundle and optimise it (against ``reference``, a plan to change least);
    every input problem becomes a :class:`UserError`."""
    problems = bundle.problems()
    if problems:
        listing = "\n".join(f"  {p.sheet} {p.key}: {p.field}: {p.message}" for p in problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise UserError(f"the bundle is inconsistent:\n{listing}{more}")
    try:
        return optimise(bundle, settings, reference=reference)
    except DomainError as e:
        raise UserError(str(e)) from e


def _result(plan: Plan, bundle: Bundle, run_id: int | None,
            changes: PlanChanges | None = None,
            procurement: Procurement | None = None) -> PlanResult:
    return PlanResult(run_id, plan, fill_rates(plan, bundle),
                      hub_loads(plan, bundle, plan.settings), unmet_needs(plan, bundle), changes,
                      procurement)


def _write(plan: Plan, out: Path, bundle: Bundle, procurement: Procurement | None) -> None:
    try:
        write_plan(plan, out, bundle, procurement)
    except OSError as e:
        raise UserError(f"cannot write the plan to {out}: {e}") from e


def plan_bundle_file(path: Path, *, out: Path, start: date, horizon: int,
                     keep: Path | None = None) -> PlanResult:
    """Plan an exchange bundle (CSV folder or .xlsx) and write allocations.csv, summary.json
    (and, with requests, procurement.csv and procurement_unfilled.csv); with ``keep``, a
    folder holding an earlier allocations.csv, changing that plan least (SPEC §4)."""
    settings = plan_settings(start, horizon)
    bundle = load_bundle_file(path)
    try:
        reference = None if keep is None else read_allocations(keep)
    except DomainError as e:
        raise UserError(str(e)) from e
    plan = solve(bundle, settings, reference)
    procurement = procure(bundle, plan)
    _write(plan, out, bundle, procurement)
    return _result(plan, bundle, None, procurement=procurement)


def plannable(bundle: Bundle) -> Bundle:
    """The records a plan of the database considers: live needs and offers only."""
    return Bundle(**{**bundle.__dict__,
                     "needs": [n for n in bundle.needs if n.status in PLANNED_NEEDS],
                     "offers": [o for o in bundle.offers
                                if o.status in PLANNED_OFFERS]})


def plan_database(engine: Engine, user: User, *, start: date, horizon: int,
                  out: Path | None, job_id: int | None = None) -> PlanResult:
    """Plan the stored records, store the run with its inputs' version, compare to approved:
    the one use case of the API's plan jobs (on the service's engine, or a Dask worker's)
    and of ``clearinghouse plan --db`` (the operator).

    Whatever stops the solve or the storing of its result fails the run, never leaves it
    running; ``job_id`` names the job that runs it (the job is linked to the run as it is
    stored, so that a job whose worker dies fails its run too)."""
    plan_cfg = plan_settings(start, horizon)
    actor = user.name
    with SqlUnitOfWork(engine, actor) as uow:
        # Units already on shipments are not planned again (domain.pipeline), nor is
        # the producer capacity their production took (services.booked_capacity).
        shipments = [s.shipment for s in uow.shipments.list()]
        bundle = plannable(outstanding(export_bundle(uow), shipments))
        booked = booked_production(bundle, shipments, _run_starts(uow.plan_runs.list()))
        approved = uow.plan_runs.approved()
        kept = stored_lines(approved, start=plan_cfg.start)
        # the approved plan, less what is shipped, is the plan to change least (SPEC §4)
        reference = reference_plan(
            approved, uow.plan_runs.allocations(approved.id) if approved else [],
            shipments, plan_cfg.start)
    planned = with_booked(bundle, booked)
    # Reading, storing the run, solving and storing its result are separate units of
    # work: the solve holds no transaction, and a write SQLite refused because another
    # job was writing is retried whole (services.retry).
    run_id = retrying(lambda: _start_run(engine, actor, planned, plan_cfg, job_id))
    try:
        plan = solve(planned, plan_cfg, reference or None)
        # the approved plan's procurement lines first, where they still fit (stability)
        procurement = procure(planned, plan, kept)
        changes = retrying(lambda: _finish_run(engine, actor, run_id, plan, procurement))
    except BaseException:
        # The run fails with the job; the error to report stays the original one.
        with contextlib.suppress(Exception):
            retrying(lambda: _finish_run(engine, actor, run_id, None))
        raise
    if out is not None:
        _write(plan, out, bundle, procurement)
    return _result(plan, bundle, run_id, changes, procurement)


def _run_starts(runs: Iterable[PlanRun]) -> dict[int, date]:
    return {r.id: date.fromisoformat(r.settings["start"]) for r in runs
            if "start" in r.settings}


def _start_run(engine: Engine, actor: str, planned: Bundle, plan_cfg: PlanSettings,
               job_id: int | None) -> int:
    with SqlUnitOfWork(engine, actor, writes=True) as uow:
        run = uow.plan_runs.add(bundle_fingerprint(planned), _settings_json(plan_cfg),
                                status="running")
        if job_id is not None:
            uow.jobs.link_run(job_id, run.id)
        uow.commit()
    return run.id


def _finish_run(engine: Engine, actor: str, run_id: int, plan: Plan | None,
                procurement: Procurement | None = None) -> PlanChanges | None:
    """Store a run's result (None: it failed) and what changed against the approved plan."""
    with SqlUnitOfWork(engine, actor, writes=True) as uow:
        if plan is None:
            uow.plan_runs.record_result(run_id, status="failed", value=None, lp_bound=None,
                                        summary=None, allocations=[])
            uow.commit()
            return None
        summary = summary_dict(plan)
        # NaN and infinities never reach JSON (nor the audit): null, with the reason beside.
        value, lp_bound = _finite(plan.value), _finite(plan.lp_bound)
        if lp_bound is None:
            summary["lp_bound_reason"] = LP_BOUND_MISSING
        if procurement is not None:
            summary["procurement"] = stored_procurement(procurement)
        uow.plan_runs.record_result(
            run_id, status=plan.status, value=value, lp_bound=lp_bound,
            summary=summary, allocations=plan.allocations)
        changes = _changes(uow.plan_runs.approved(), summary, plan.value)
        uow.commit()
    return changes


LP_BOUND_MISSING = "not computed: the LP relaxation was not solved (time limit or no LP)"


def _finite(x: float) -> float | None:
    return x if math.isfinite(x) else None


def _settings_json(settings: PlanSettings) -> dict[str, Any]:
    return {"start": settings.start.isoformat(), "horizon": settings.horizon,
            "weights": list(settings.weights), "decay": settings.decay,
            "late_cutoff_months": settings.late_cutoff_months}


def _delivered(summary: dict[str, Any] | None) -> dict[str, float]:
    needs = (summary or {}).get("needs", {})
    return {ref: float(n.get("delivered", 0.0)) for ref, n in needs.items()}


def _changes(approved: PlanRun | None, summary: dict[str, Any],
             value: float) -> PlanChanges | None:
    if approved is None:
        return None
    before, after = _delivered(approved.summary), _delivered(summary)
    changed = [NeedChange(ref, before.get(ref, 0.0), after.get(ref, 0.0))
               for ref in sorted(set(before) | set(after))
               if abs(before.get(ref, 0.0) - after.get(ref, 0.0)) > 1e-9]
    return PlanChanges(approved.id, approved.value or 0.0, value, changed)
