"""Scenario runs on SQLite and PostgreSQL: stored as jobs with parameters and results, the
live plan and records untouched, two runs compared side by side."""

from __future__ import annotations

from datetime import date

import pytest

from clearinghouse.config import Settings
from clearinghouse.services.errors import NotFound, UserError
from clearinghouse.services.exchange.files import stored_bundle
from clearinghouse.services.records.users import operator
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from clearinghouse.services.scenarios.jobs import compare_runs
from clearinghouse.services.scenarios.runs import (
    dependency_scenario,
    dropout_scenario,
    hub_scenario,
)
from tests.factories import small_bundle
from tests.seed import seed

START = date(2027, 1, 1)


@pytest.fixture
def settings(database_url: str) -> Settings:
    s = Settings(database_url=database_url, environment="test")
    seed(s, small_bundle(), "test")
    return s


def test_a_drop_out_run_is_stored_with_its_parameters_and_changes_no_record(settings, engine):
    before = stored_bundle(settings)
    run = dropout_scenario(engine, operator("coordinator"), None, donors=["POL"],
                           from_month=None, start=START,
                           horizon=12)
    assert run.result.value_after < run.result.value_before
    assert stored_bundle(settings) == before
    with SqlUnitOfWork(engine, "t") as uow:
        job = uow.jobs.get(run.run_id)
    assert job is not None
    assert (job.kind, job.status, job.params["donors"]) == ("scenario-dropout", "done", ["POL"])
    assert job.result["value_after"] == pytest.approx(run.result.value_after)


def test_two_stored_runs_are_compared_figure_by_figure(settings, engine):
    a = dropout_scenario(engine, operator("c"), None, donors=["POL"], from_month=None,
                         start=START,
                         horizon=12)
    b = hub_scenario(engine, operator("c"), None, close="PL-RZE", open_=None, from_month=None,
                     start=START,
                     horizon=12)
    rows = {r.key: r
            for r in compare_runs(engine, settings, operator("c"), a.run_id, b.run_id)}
    assert rows["value"].a == pytest.approx(a.result.value_after)
    assert rows["value"].b == pytest.approx(b.result.value_after)
    with pytest.raises(NotFound):
        compare_runs(engine, settings, operator("c"), a.run_id, 10_000)


def test_an_unknown_donor_is_refused_with_its_code(settings, engine):
    with pytest.raises(UserError, match="XXX"):
        dropout_scenario(engine, operator("c"), None, donors=["XXX"], from_month=None,
                         start=START,
                         horizon=12)


def test_the_dependency_report_ranks_every_donor(settings, engine):
    run = dependency_scenario(engine, operator("c"), None, start=START, horizon=12)
    assert {d.donor for d in run.result.ranking} == {"POL", "JPN"}
    assert all(0 <= c.hhi <= 1 for c in run.result.capabilities)
