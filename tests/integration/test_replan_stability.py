"""A re-plan of the database changes the approved plan least (SPEC §4 "Stability")."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from clearinghouse.adapters.db.plan_runs import PlanRun
from clearinghouse.config import Settings
from clearinghouse.demo import generate
from clearinghouse.planning.plan import Allocation
from clearinghouse.services.planning.reference import reference_plan
from clearinghouse.services.records.users import operator
from clearinghouse.services.reporting.reports import plan_view
from clearinghouse.services.runtime.database import migrated_engine
from tests.seed import approve, plan_stored, seed

START = date(2027, 1, 1)


def test_a_one_need_edit_re_planned_against_the_approved_plan_changes_few_lines(
        database_url: str, tmp_path: Path) -> None:
    settings = Settings(database_url=database_url, environment="test")
    picture = generate(START)
    seed(settings, picture)
    first = plan_stored(settings, start=START)
    assert first.run_id is not None
    assert first.plan.churn is None  # nothing approved yet: no reference
    approve(settings, first.run_id)
    need = next(n for n in picture.needs if n.priority == 3)
    seed(settings, replace(picture, needs=[
        replace(n, quantity=n.quantity + 3) if n.ref == need.ref else n
        for n in picture.needs]))
    second = plan_stored(settings, start=START, out=tmp_path)
    churn = second.plan.churn
    assert churn is not None
    assert churn.reference_lines == len(first.plan.allocations)
    assert churn.lines <= 0.02 * len(first.plan.allocations)
    assert '"churn"' in (tmp_path / "summary.json").read_text()
    with migrated_engine(settings) as engine:  # the run's page and API read it back
        stored = plan_view(engine, operator("t"), second.run_id or 0).churn
    assert stored is not None
    assert stored["lines"] == churn.lines


def test_the_reference_counts_months_from_the_re_plans_start_and_drops_earlier_lines() -> None:
    run = PlanRun(1, None, "t", "v", {"start": "2027-01-01", "horizon": 12},  # type: ignore[arg-type]
                  "optimal", 1.0, 1.0, None, None)
    lines = [Allocation("O-1", "N-1", "HUB", None, 0, 5, 1.0),
             Allocation("O-1", "N-1", "HUB", None, 3, 4, 2.0)]
    assert reference_plan(run, lines, [], date(2027, 2, 1)) == [
        Allocation("O-1", "N-1", "HUB", None, 2, 4, 2.0)]
    assert reference_plan(None, lines, [], START) == []
