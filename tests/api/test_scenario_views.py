"""Whose records a stored scenario run planned (its view): a run submitted through the API
plans the records released to its coordinator's nation and says so; a nation's briefing shows
only the runs on that nation's view, the operator's briefing labels each run with its view,
and a user lists, compares and opens only its own runs on its nation's view."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.config import Settings
from clearinghouse.services.records.nation_reader import reader_for
from clearinghouse.services.records.users import Role, operator
from clearinghouse.services.reporting.briefing import write_briefing
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from clearinghouse.services.scenarios.runs import dependency_scenario, hub_scenario
from tests.api.conftest import PASSWORD_HASH
from tests.api.conftest import log_in as api_log_in
from tests.api.test_scenario_jobs import WINDOW, run
from tests.web.conftest import log_in

Headers = Callable[[str, Role], dict[str, str]]
START = date(2027, 1, 1)
TODAY = date(2026, 11, 24)


def briefing(settings: Settings, out: Path, nation: str | None = None) -> tuple[
        str, dict[str, list[dict[str, str]]]]:
    """The briefing's page and its scenario figures (CSV name → rows), read as ``nation``."""
    reader = None if nation is None else reader_for(settings, nation)
    write_briefing(settings, out, today=TODAY, reader=reader)
    figures = {}
    for name in ("scenario_change", "scenario_montecarlo", "scenario_dependency"):
        with out.with_name(f"{out.stem}_{name}.csv").open(encoding="utf-8") as f:
            figures[name] = list(csv.DictReader(f))
    return out.read_text(encoding="utf-8"), figures


def section(page: str, title: str) -> str:
    """The HTML of the briefing's section with this heading."""
    return page.split(f"<h2>{title}</h2>", 1)[1].split("</section>", 1)[0]


def hhi(rows: list[dict[str, str]]) -> dict[str, float]:
    return {r["capability"]: float(r["hhi"]) for r in rows}


def test_a_nations_briefing_shows_the_runs_on_its_view_only(
        app: FastAPI, client: TestClient, headers: Headers, settings: Settings,
        tmp_path: Path) -> None:
    pol, usa = headers("POL", Role.COORDINATOR), headers("USA", Role.COORDINATOR)
    pol_dropout = run(client, pol, "/scenarios/dropout", {"donors": ["POL"], **WINDOW})
    pol_dependency = run(client, pol, "/scenarios/dependency", WINDOW)
    assert (pol_dropout["params"]["view"], pol_dependency["params"]["view"]) == ("POL", "POL")
    # Newer runs on other views: the United States' records, and the whole database.
    usa_dropout = run(client, usa, "/scenarios/dropout", {"donors": ["USA"], **WINDOW})
    usa_dependency = run(client, usa, "/scenarios/dependency", WINDOW)
    engine, cli = app.state.engine, operator("cli")
    everything = dependency_scenario(engine, cli, None, start=START, horizon=6)
    closed = hub_scenario(engine, cli, None, close="PL-RZE", open_=None, from_month=None,
                          start=START, horizon=6)
    assert usa_dependency["params"]["view"] == "USA"

    page, figures = briefing(settings, tmp_path / "pol" / "report.html", "POL")
    assert {(r["run"], r["view"]) for r in figures["scenario_change"]} == {
        (str(pol_dropout["id"]), "POL")}
    artillery = next(c for c in pol_dropout["result"]["by_capability"]
                     if c["key"] == "artillery")
    shown = next(r for r in figures["scenario_change"] if r["key"] == "artillery")
    assert (float(shown["fill_before"]), float(shown["fill_after"])) == (
        round(artillery["before"], 6), round(artillery["after"], 6))
    assert {(r["run"], r["view"]) for r in figures["scenario_dependency"]} == {
        (str(pol_dependency["id"]), "POL")}
    assert hhi(figures["scenario_dependency"]) == {
        c["capability"]: round(c["hhi"], 6) for c in pol_dependency["result"]["capabilities"]}
    assert f"Latest: scenario run {pol_dependency['id']} " in page
    assert "planned on the records released to POL" in page
    for other in (usa_dropout["id"], usa_dependency["id"], everything.run_id, closed.run_id):
        assert f"scenario run {other} " not in page
        assert f"run {other})" not in page
    assert "the whole database" not in page
    assert figures["scenario_montecarlo"] == []
    assert ("No Monte Carlo scenario has been run on the records released to POL yet; run one "
            "as a coordinator of POL through the API (<code>POST /scenarios/montecarlo</code>)"
            ) in section(page, "Scenario: Monte Carlo futures")

    # The same database read as the United States shows its own runs instead.
    _, figures = briefing(settings, tmp_path / "usa" / "report.html", "USA")
    assert {r["run"] for r in figures["scenario_change"]} == {str(usa_dropout["id"])}
    assert {r["run"] for r in figures["scenario_dependency"]} == {str(usa_dependency["id"])}
    # Ukraine, which has no coordinator's run, is told how to make one.
    page, figures = briefing(settings, tmp_path / "ukr" / "report.html", "UKR")
    assert all(rows == [] for rows in figures.values())
    assert ("No dependency scenario has been run on the records released to UKR yet; run one "
            "as a coordinator of UKR through the API (<code>POST /scenarios/dependency</code>) "
            "or the web page <code>/ui/scenarios</code>.") in page
    assert "Latest:" not in page


def test_the_operators_briefing_labels_each_run_with_the_records_it_planned(
        app: FastAPI, client: TestClient, headers: Headers, settings: Settings,
        tmp_path: Path) -> None:
    closed = hub_scenario(app.state.engine, operator("cli"), None, close="PL-RZE", open_=None,
                          from_month=None,
                          start=START, horizon=6)
    dependency = run(client, headers("POL", Role.COORDINATOR), "/scenarios/dependency", WINDOW)
    page, figures = briefing(settings, tmp_path / "report.html")
    change = section(page, "Scenario: drop-out or hub change")
    assert f"Latest: scenario run {closed.run_id} " in change
    assert "planned on the whole database." in change
    assert {(r["run"], r["view"]) for r in figures["scenario_change"]} == {
        (str(closed.run_id), "")}
    on_poland = section(page, "Scenario: dependency on donors")
    assert f"Latest: scenario run {dependency['id']} " in on_poland
    assert "planned on the records released to POL." in on_poland
    assert {(r["run"], r["view"]) for r in figures["scenario_dependency"]} == {
        (str(dependency["id"]), "POL")}


def stored(app: FastAPI, actor: str, params: dict[str, Any], result: dict[str, Any]) -> int:
    """A finished scenario run stored as ``actor`` with these parameters."""
    with SqlUnitOfWork(app.state.engine, "test") as uow:
        job = uow.jobs.add("scenario-dependency", actor, params)
        uow.jobs.set_state(job.id, status="done", progress=1.0, result=result)
        uow.commit()
    return job.id


def test_a_user_lists_compares_and_opens_only_its_own_runs_on_its_nations_view(
        app: FastAPI, client: TestClient, headers: Headers, settings: Settings) -> None:
    pol = headers("POL", Role.COORDINATOR)
    mine = run(client, pol, "/scenarios/dependency", WINDOW)
    # The same user's name on runs of other records: the command line's (--as), one planned
    # as another nation's user, and an older record that does not say what it planned.
    everything = dependency_scenario(app.state.engine, operator("pol-coordinator"), None,
                                     start=START, horizon=6).run_id
    assert everything is not None
    result = mine["result"]
    on_usa = stored(app, "pol-coordinator", {**WINDOW, "view": "USA"}, result)
    older = stored(app, "pol-coordinator", dict(WINDOW), result)

    assert [j["id"] for j in client.get("/scenarios", headers=pol).json()] == [mine["id"]]
    assert client.get(f"/scenarios/compare?a={mine['id']}&b={mine['id']}",
                      headers=pol).status_code == 200
    web = log_in(app, "pol-coordinator")
    assert web.get(f"/ui/scenarios/runs/{mine['id']}").status_code == 200
    listed = web.get("/ui/scenarios").text
    for other in (everything, on_usa, older):
        answer = client.get(f"/scenarios/compare?a={mine['id']}&b={other}", headers=pol)
        assert answer.status_code == 404, (other, answer.text)
        assert answer.json()["detail"] == f"scenario run {other} does not exist"
        assert web.get(f"/ui/scenarios/runs/{other}").status_code == 404
        assert web.get(f"/ui/scenarios/runs/{other}/status").status_code == 404
        assert f'href="/ui/scenarios/runs/{other}"' not in listed
        assert client.get(f"/jobs/{other}", headers=pol).status_code == 404
    assert client.get(f"/jobs/{mine['id']}", headers=pol).status_code == 200
    assert [j["id"] for j in client.get("/jobs", headers=pol).json()
            if j["kind"].startswith("scenario-")] == [mine["id"]]
    # Another coordinator of the same nation sees the runs it submitted, not this user's.
    with SqlUnitOfWork(app.state.engine, "test") as uow:
        uow.users.add("pol-coordinator-2", PASSWORD_HASH, "POL", Role.COORDINATOR.value)
        uow.commit()
    colleague = api_log_in(client, "pol-coordinator-2")
    assert client.get("/scenarios", headers=colleague).json() == []
    assert client.get(f"/scenarios/compare?a={mine['id']}&b={mine['id']}",
                      headers=colleague).status_code == 404
