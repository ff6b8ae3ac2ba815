"""The briefing on SQLite and PostgreSQL: a training section from the training planner, and
scenario sections charting the latest stored runs — or saying how to run one when none is."""

from __future__ import annotations

import base64
import csv
import dataclasses
import io
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import Engine

from clearinghouse.config import Settings
from clearinghouse.services.records.nation_reader import reader_for
from clearinghouse.services.records.users import operator
from clearinghouse.services.reporting.briefing import write_briefing
from clearinghouse.services.runtime.database import ready_engine
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from clearinghouse.services.scenarios.runs import (
    dependency_scenario,
    dropout_scenario,
    hub_scenario,
    montecarlo_scenario,
)
from tests.factories import small_bundle
from tests.seed import approve, plan_stored, seed

START = date(2027, 1, 1)
TODAY = date(2026, 11, 24)
TRAINING_CHARTS = {"Training: trainees placed by category",
                   "Training: trainees placed by host nation"}
SCENARIO_CHARTS = {"Scenario: fill rate before and after, per capability",
                   "Scenario: fill rate before and after, per priority",
                   "Scenario: Monte Carlo fill rate ranges per priority",
                   "Scenario: dependency per capability (HHI, top share)"}
IMAGE = re.compile(r"<img class='chart' alt='([^']+)' src='data:image/png;base64,([^']+)'>")


@pytest.fixture
def settings(database_url: str) -> Settings:
    s = Settings(database_url=database_url, environment="test")
    seed(s, small_bundle(), "test")
    run = plan_stored(s, start=START, horizon=12, out=None, actor="test")
    assert run.run_id is not None
    approve(s, run.run_id, "test")
    return s


def charts(page: str) -> dict[str, bytes]:
    """The briefing's charts by alt text, each checked to be a real PNG of some size."""
    out = {}
    for alt, data in IMAGE.findall(page):
        png = base64.b64decode(data)
        image = Image.open(io.BytesIO(png))
        assert image.format == "PNG"
        assert min(image.size) > 100, (alt, image.size)
        assert len(png) > 5_000, (alt, len(png))  # drawn, not an empty frame
        out[alt] = png
    return out


def rows(out: Path, name: str) -> list[dict[str, str]]:
    with out.with_name(f"{out.stem}_{name}.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_the_briefing_shows_trainees_placed_and_unmet_training_needs_with_reasons(
        settings: Settings, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    briefing = write_briefing(settings, out, today=TODAY)
    page = out.read_text(encoding="utf-8")
    assert set(charts(page)) >= TRAINING_CHARTS
    # T-1 asks for 40 medics; the only medical course (C-1, Japan) has 20 seats.
    assert rows(out, "training_by_category") == [
        {"category": "medical", "requested": "40", "placed": "20", "fill_rate": "0.5"}]
    assert rows(out, "training_by_host") == [
        {"host": "JPN", "courses": "1", "seats_in_window": "20", "placed": "20"}]
    assert rows(out, "training_unmet") == [
        {"need": "T-1", "category": "medical", "priority": "2", "due": "2027-04-01",
         "requested": "40", "placed": "20", "reason": "seats"}]
    assert "the usable courses are full" in page
    assert {p.name for p in briefing.csv} >= {
        "report_training_by_category.csv", "report_training_by_host.csv",
        "report_training_unmet.csv"}


def test_without_scenario_runs_each_scenario_section_says_how_to_run_one_and_draws_nothing(
        settings: Settings, tmp_path: Path) -> None:
    engine = ready_engine(settings)
    with SqlUnitOfWork(engine, "test") as uow:  # unfinished or failed runs do not count
        queued = uow.jobs.add("scenario-dropout", "c", {"donors": ["POL"]})
        failed = uow.jobs.add("scenario-montecarlo", "c", {"runs": 5})
        uow.jobs.set_state(failed.id, status="failed", progress=0.5, error="boom")
        uow.commit()
    engine.dispose()
    out = tmp_path / "report.html"
    briefing = write_briefing(settings, out, today=TODAY)
    page = out.read_text(encoding="utf-8")
    assert not any(alt.startswith("Scenario") for alt in charts(page))
    assert "No drop-out or hub-change scenario has been run yet" in page
    assert "<code>clearinghouse scenario dropout --donor CODE</code>" in page
    assert "<code>clearinghouse scenario montecarlo --runs 100</code>" in page
    assert "<code>clearinghouse scenario dependency</code>" in page
    assert f"scenario run {queued.id}" not in page
    for name in ("scenario_change", "scenario_montecarlo", "scenario_dependency"):
        assert rows(out, name) == []
    assert briefing.warnings == []


def test_the_briefing_charts_the_latest_scenario_run_of_each_kind(
        settings: Settings, engine: Engine, tmp_path: Path) -> None:
    dropout = dropout_scenario(engine, operator("c"), None, donors=["POL"], from_month=None,
                               start=START,
                               horizon=12)
    hub = hub_scenario(engine, operator("c"), None, close="PL-RZE", open_=None,
                       from_month=None,
                       start=START, horizon=12)
    dep = dependency_scenario(engine, operator("c"), None, start=START, horizon=12)
    mc = montecarlo_scenario(engine, operator("c"), None, runs=3, delay_prob=0.3,
                             withdraw_prob=0.2,
                             hub_outage_prob=0.2, seed=4, scheduler=None, workers=1,
                             start=START, horizon=12)
    out = tmp_path / "report.html"
    briefing = write_briefing(settings, out, today=TODAY)
    page = out.read_text(encoding="utf-8")
    assert set(charts(page)) >= SCENARIO_CHARTS | TRAINING_CHARTS
    assert "has been run yet" not in page
    assert briefing.warnings == []

    # The hub closure came after the drop-out: it is the one charted.
    assert dropout.run_id is not None
    assert hub.run_id is not None
    assert hub.run_id > dropout.run_id
    change = rows(out, "scenario_change")
    assert {r["run"] for r in change} == {str(hub.run_id)}
    expected = [(by, str(c.key), c.before, c.after) for by, changes in (
        ("capability", hub.result.by_capability), ("priority", hub.result.by_priority))
        for c in changes]
    assert [(r["by"], r["key"], float(r["fill_before"]), float(r["fill_after"]))
            for r in change] == [(b, k, pytest.approx(x), pytest.approx(y))
                                 for b, k, x, y in expected]

    figures = {r["figure"]: r for r in rows(out, "scenario_montecarlo")}
    assert float(figures["value"]["mean"]) == pytest.approx(mc.result.value.mean, rel=1e-3)
    for p, d in mc.result.fill_by_priority.items():
        got = figures[f"priority {p} fill"]
        assert [float(got[s]) for s in ("p5", "p50", "p95")] == pytest.approx(
            [d.p5, d.p50, d.p95], abs=1e-6)

    dependency = {r["capability"]: r for r in rows(out, "scenario_dependency")}
    assert set(dependency) == {c.capability for c in dep.result.capabilities}
    for c in dep.result.capabilities:
        assert float(dependency[c.capability]["hhi"]) == pytest.approx(c.hhi, abs=1e-6)
        assert float(dependency[c.capability]["top_share"]) == pytest.approx(c.top_share,
                                                                            abs=1e-6)


def test_a_stored_run_that_cannot_be_read_is_a_warning_not_a_failure(
        settings: Settings, tmp_path: Path) -> None:
    engine = ready_engine(settings)
    with SqlUnitOfWork(engine, "test") as uow:
        job = uow.jobs.add("scenario-dependency", "c", {})
        uow.jobs.set_state(job.id, status="done", progress=1.0, result={"capabilities": 7})
        uow.commit()
    engine.dispose()
    out = tmp_path / "report.html"
    briefing = write_briefing(settings, out, today=TODAY)
    assert any(f"scenario run {job.id}" in w for w in briefing.warnings)
    assert not any(alt.startswith("Scenario") for alt in charts(out.read_text("utf-8")))
    assert rows(out, "scenario_dependency") == []


def older(settings: Settings, params: dict[str, Any], result: dict[str, Any]) -> int:
    """A finished dependency run stored as an older version did: with ``params`` as given."""
    engine = ready_engine(settings)
    with SqlUnitOfWork(engine, "test") as uow:
        job = uow.jobs.add("scenario-dependency", "c", params)
        uow.jobs.set_state(job.id, status="done", progress=1.0, result=result)
        uow.commit()
    engine.dispose()
    return job.id


def test_an_older_run_that_does_not_record_its_view_counts_as_planned_on_the_whole_database(
        settings: Settings, engine: Engine, tmp_path: Path) -> None:
    dep = dependency_scenario(engine, operator("c"), None, start=START, horizon=12)
    assert dep.run_id is not None
    with SqlUnitOfWork(engine, "test") as uow:
        stored = uow.jobs.get(dep.run_id)
    assert stored is not None
    assert (stored.params["view"], stored.params["source"]) == (None, "database")
    window = {"start": START.isoformat(), "horizon": 12}
    # An older command-line run (it named its source), then an older one that says nothing.
    from_cli = older(settings, {**window, "source": "database"}, stored.result or {})
    unsaid = older(settings, window, stored.result or {})

    out = tmp_path / "operator" / "report.html"
    briefing = write_briefing(settings, out, today=TODAY)
    page = out.read_text(encoding="utf-8")
    assert briefing.warnings == []
    assert "Scenario: dependency per capability (HHI, top share)" in charts(page)
    assert {(r["run"], r["view"]) for r in rows(out, "scenario_dependency")} == {
        (str(unsaid), "")}
    assert {r["capability"]: float(r["hhi"]) for r in rows(out, "scenario_dependency")} == {
        c.capability: pytest.approx(c.hhi, abs=1e-6) for c in dep.result.capabilities}
    assert (f"Latest: scenario run {unsaid} (dependency; start 2027-01-01, horizon 12) by c on "
            ) in page
    assert ("planned on the whole database (an older run that does not record whose records "
            "it planned).") in page

    # Read as a nation, neither older run (nor the new whole-database one) is shown.
    out = tmp_path / "poland" / "report.html"
    write_briefing(settings, out, today=TODAY, reader=reader_for(settings, "POL"))
    page = out.read_text(encoding="utf-8")
    for run_id in (dep.run_id, from_cli, unsaid):
        assert f"scenario run {run_id} " not in page
    assert rows(out, "scenario_dependency") == []
    assert "No dependency scenario has been run on the records released to POL yet" in page

    # With the newest gone, the older command-line run (it names its source) is the latest:
    engine = ready_engine(settings)
    with SqlUnitOfWork(engine, "test") as uow:
        uow.jobs.set_state(unsaid, status="failed", progress=1.0, error="gone")
        uow.commit()
    engine.dispose()
    out = tmp_path / "again" / "report.html"
    write_briefing(settings, out, today=TODAY)
    page = out.read_text(encoding="utf-8")
    assert f"Latest: scenario run {from_cli} " in page
    assert "planned on the whole database. HHI" in page


def test_without_training_records_the_training_section_says_so(database_url: str,
                                                                tmp_path: Path) -> None:
    settings = Settings(database_url=database_url, environment="test")
    bare = dataclasses.replace(small_bundle(), training_needs=[], courses=[])
    seed(settings, bare, "test")
    out = tmp_path / "report.html"
    write_briefing(settings, out, today=TODAY)
    page = out.read_text(encoding="utf-8")
    assert "No training needs or courses are recorded" in page
    assert not any(alt.startswith("Training") for alt in charts(page))
    assert rows(out, "training_unmet") == []
