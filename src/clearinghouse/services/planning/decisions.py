"""Decision support (SPEC §5): bottlenecks and "what would it take" for a bundle file or a
stored plan run.

A stored run's figures are computed afresh under the run's window (start, horizon) on the
records released to the reader's nation (SPEC §1.1: like a scenario, on the reader's view,
and said so) — the whole picture for a nation that sees every record.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.months import month_label
from clearinghouse.domain.pipeline import outstanding
from clearinghouse.planning.bottlenecks import Addition, find_bottlenecks
from clearinghouse.planning.problem import snapshot
from clearinghouse.planning.settings import PlanSettings
from clearinghouse.planning.value_lp import ValueLPError
from clearinghouse.planning.what_it_takes import WhatItTakes, what_it_takes
from clearinghouse.services.errors import NotFound, UserError
from clearinghouse.services.exchange.files import load_bundle_file
from clearinghouse.services.exchange.uploads import visible_bundle
from clearinghouse.services.planning.booked_capacity import booked_production, with_booked
from clearinghouse.services.planning.plan_runs import plan_settings, plannable
from clearinghouse.services.records.users import User
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

BOTTLENECK_COLUMNS = ("kind", "resource", "month", "marginal_value", "addition", "value_gain")
WHAT_IT_TAKES_COLUMNS = ("kind", "resource", "month", "amount", "value")


@dataclass(frozen=True, slots=True)
class BottleneckReport:
    """Confirmed additions, best first; ``view``: the nation whose released records were
    used (None: a bundle file)."""

    run_id: int | None
    view: str | None
    start: date
    lp_value: float
    additions: list[Addition]
    seconds: float

    def label(self, a: Addition) -> str:
        return a.describe(self.start)


@dataclass(frozen=True, slots=True)
class NeedReport:
    """What it takes for one need, with the window and view it was computed on."""

    run_id: int | None
    view: str | None
    start: date
    result: WhatItTakes

    def month(self, month: int) -> str:
        return month_label(self.start, month)


def bottlenecks_of(bundle: Bundle, settings: PlanSettings, *, run_id: int | None = None,
                   view: str | None = None) -> BottleneckReport:
    """The confirmed additions of ``bundle`` (a :class:`UserError` for bad input)."""
    _check(bundle)
    try:
        found = find_bottlenecks(snapshot(bundle, settings))
    except (DomainError, ValueLPError) as e:
        raise UserError(str(e)) from e
    return BottleneckReport(run_id, view, settings.start, found.lp_value, found.additions,
                            found.seconds)


def need_report(bundle: Bundle, settings: PlanSettings, need: str, *,
                run_id: int | None = None, view: str | None = None) -> NeedReport:
    """What it takes to meet ``need`` by its due month (a :class:`UserError` for bad input)."""
    _check(bundle)
    if need not in {n.ref for n in bundle.needs}:
        raise NotFound(f"need {need} does not exist")
    try:
        result = what_it_takes(bundle, settings, need)
    except (DomainError, ValueLPError) as e:
        raise UserError(str(e)) from e
    return NeedReport(run_id, view, settings.start, result)


def bundle_bottlenecks(path: Path, *, start: date, horizon: int,
                       out: Path | None) -> BottleneckReport:
    """Bottlenecks of a bundle file; with ``out``, also ``out/bottlenecks.csv``."""
    report = bottlenecks_of(load_bundle_file(path), plan_settings(start, horizon))
    if out is not None:
        _write(out / "bottlenecks.csv", BOTTLENECK_COLUMNS, bottleneck_rows(report))
    return report


def bundle_what_it_takes(path: Path, need: str, *, start: date, horizon: int,
                         out: Path | None) -> NeedReport:
    """What it takes for ``need`` of a bundle file; with ``out``, ``out/what_it_takes.csv``."""
    report = need_report(load_bundle_file(path), plan_settings(start, horizon), need)
    if out is not None:
        _write(out / "what_it_takes.csv", WHAT_IT_TAKES_COLUMNS, what_it_takes_rows(report))
    return report


def run_bottlenecks(engine: Engine, user: User, run_id: int) -> BottleneckReport:
    """Bottlenecks under plan run ``run_id``'s window, on the records released to the user."""
    bundle, settings = _picture(engine, user, run_id)
    return bottlenecks_of(bundle, settings, run_id=run_id, view=user.nation)


def run_what_it_takes(engine: Engine, user: User, run_id: int, need: str) -> NeedReport:
    """What it takes for ``need`` under run ``run_id``'s window, on the user's view (a need
    not released to the user is not found, as any hidden record)."""
    bundle, settings = _picture(engine, user, run_id)
    return need_report(bundle, settings, need, run_id=run_id, view=user.nation)


def bottleneck_rows(report: BottleneckReport) -> list[list[object]]:
    """``bottlenecks.csv`` rows: kind, resource, month (plan index; empty for a pledge), price,
    addition (t, units or EUR), confirmed value gain."""
    return [[a.kind, a.resource, "" if a.month is None else a.month, _num(a.marginal_value),
             _num(a.addition), _num(a.value_gain)] for a in report.additions]


def what_it_takes_rows(report: NeedReport) -> list[list[object]]:
    """``what_it_takes.csv`` rows: the additions (``hub`` t, ``class`` units, ``funding``
    EUR) with their month, then ``displaced`` rows: need, units and value it loses."""
    r = report.result
    rows: list[list[object]] = [[a.kind, a.resource, a.month, _num(a.amount), ""]
                                for a in r.additions]
    rows += [["displaced", d.need, "", _num(d.units), _num(d.value)] for d in r.displaced]
    return rows


def _picture(engine: Engine, user: User, run_id: int) -> tuple[Bundle, PlanSettings]:
    """The user's view of the live picture (less what shipments hold) and the run's window."""
    with SqlUnitOfWork(engine, user.name) as uow:
        run = uow.plan_runs.get(run_id)
        if run is None:
            raise NotFound(f"plan run {run_id} does not exist")
        shipments = [s.shipment for s in uow.shipments.list()]
        starts = {r.id: date.fromisoformat(r.settings["start"]) for r in uow.plan_runs.list()
                  if "start" in r.settings}
    try:
        settings = plan_settings(date.fromisoformat(run.settings["start"]),
                                 int(run.settings.get("horizon", 12)))
    except (KeyError, ValueError) as e:
        raise UserError(f"plan run {run_id} has no usable window: {e}") from e
    bundle = plannable(outstanding(visible_bundle(engine, user), shipments))
    return with_booked(bundle, booked_production(bundle, shipments, starts)), settings


def _check(bundle: Bundle) -> None:
    problems = bundle.problems()
    if problems:
        p = problems[0]
        raise UserError(f"the bundle is inconsistent ({len(problems)} problems), first: "
                        f"{p.sheet} {p.key}: {p.field}: {p.message}")


def _num(x: float) -> str:
    return f"{x:.10g}"


def _write(path: Path, header: tuple[str, ...], rows: list[list[object]]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            writer.writerows(rows)
    except OSError as e:
        raise UserError(f"cannot write {path}: {e}") from e
