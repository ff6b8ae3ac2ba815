"""Scenario and training runs as jobs: coordinators only, input checked before anything is
queued, and every result computed from the records released to the user's nation alone."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.config import Settings
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.training import CourseCategory, CourseOffer, Mission, TrainingNeed
from clearinghouse.services.records.users import Role
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.api.test_jobs import wait_for
from tests.seed import seed

Headers = Callable[[str, Role], dict[str, str]]
WINDOW = {"start": "2027-01-01", "horizon": 6}
MONTE_CARLO = {"runs": 6, "delay_prob": 0.3, "withdraw_prob": 0.3, "hub_outage_prob": 0.2,
               "seed": 7, **WINDOW}
#: One valid body per job-submitting route.
SUBMISSIONS = {
    "/scenarios/dropout": {"donors": ["POL"], "from": "2027-01-01", **WINDOW},
    "/scenarios/hub": {"close": "PL-RZE", **WINDOW},
    "/scenarios/dependency": WINDOW,
    "/scenarios/montecarlo": MONTE_CARLO,
    "/training/plans": WINDOW,
}
#: Refs each donor nation may not see (tests/api/conftest.py releases them elsewhere).
HIDDEN = {"POL": ("N-USA", "O-USA"), "USA": ("N-POL", "O-POL")}
SEEN = {"POL": ("N-ALL", "N-POL"), "USA": ("N-ALL", "N-USA")}


@pytest.fixture(scope="module")
def dask_scheduler() -> Iterator[str]:
    """A one-worker Dask cluster in this process: Monte Carlo jobs reach it by address (the
    scale-out setting) instead of starting a cluster of processes each."""
    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                           dashboard_address=":0")
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture
def settings(database_url: str, dask_scheduler: str) -> Settings:
    return Settings(database_url=database_url, environment="test",
                    dask_scheduler=dask_scheduler)


def run(client: TestClient, who: dict[str, str], path: str,
        body: dict[str, Any]) -> dict[str, Any]:
    """Submit a job, check the 202 and its Location, and wait for it to finish."""
    submitted = client.post(path, json=body, headers=who)
    assert submitted.status_code == 202, submitted.text
    assert submitted.headers["Location"] == f"/jobs/{submitted.json()['id']}"
    job = wait_for(client, submitted.headers["Location"], who)
    assert job["status"] == "done", job
    return job


def test_a_coordinators_dropout_job_finishes_with_before_and_after_figures(
        client: TestClient, headers: Headers) -> None:
    coordinator = headers("POL", Role.COORDINATOR)
    job = run(client, coordinator, "/scenarios/dropout", SUBMISSIONS["/scenarios/dropout"])
    assert job["kind"] == "scenario-dropout"
    assert job["params"]["donors"] == ["POL"]
    result = job["result"]
    # POL's picture: 300 units needed, O-POL's 50 and O-USA-ALL's 50 on offer; without POL
    # only O-USA-ALL's 50 are left.
    assert result["value_after"] < result["value_before"]
    artillery = next(c for c in result["by_capability"] if c["key"] == "artillery")
    assert artillery["after"] < artillery["before"]
    assert result["needs"], "a need loses units without POL's offer"
    listed = client.get("/scenarios", headers=coordinator).json()
    assert [j["id"] for j in listed] == [job["id"]]


def test_only_coordinators_run_scenarios_and_training_plans(
        client: TestClient, headers: Headers) -> None:
    for role in Role:
        if role is Role.COORDINATOR:
            continue
        for path, body in SUBMISSIONS.items():
            answer = client.post(path, json=body, headers=headers("USA", role))
            assert answer.status_code == 403, (role, path, answer.text)
    assert client.get("/jobs", headers=headers("USA", Role.DONOR_LIAISON)).json() == []


def field_named(answer: Any) -> set[str]:
    """The fields a 422 names: pydantic's ``loc`` entries, or a rule's ``field``."""
    detail = answer.json()
    if isinstance(detail.get("detail"), list):
        return {str(part) for error in detail["detail"] for part in error["loc"]}
    return {detail.get("field")}


#: Bad bodies and the field each 422 must name (one app for all: its set-up is the cost).
BAD: list[tuple[str, dict[str, Any], str]] = [
    ("/scenarios/dropout", {"donors": ["pol"]}, "donors"),
    ("/scenarios/dropout", {"donors": []}, "donors"),
    ("/scenarios/dropout", {"donors": ["ZZZ"]}, "donors"),
    ("/scenarios/dropout", {"donors": ["POL"], "from": "2027-01-15"}, "from"),
    ("/scenarios/dropout", {"donors": ["POL"], "start": "2027-01-02"}, "start"),
    ("/scenarios/dropout", {"donors": ["POL"], "horizon": 0}, "horizon"),
    ("/scenarios/hub", {"close": "NOWHERE"}, "close"),
    ("/scenarios/hub", {}, "body"),
    ("/scenarios/hub", {"open": {"code": "PL-RZE", "country": "POL",
                                 "capacity_t_per_month": 10, "opens": "2027-02-01"}},
     "open.code"),
    ("/scenarios/hub", {"open": {"code": "RO-2", "country": "ROU",
                                 "capacity_t_per_month": 10, "opens": "2027-02-01"}},
     "open.country"),
    ("/scenarios/hub", {"open": {"code": "RO-2", "country": "POL",
                                 "capacity_t_per_month": -1, "opens": "2027-02-01"}},
     "capacity_t_per_month"),
    ("/scenarios/montecarlo", {**MONTE_CARLO, "runs": 0}, "runs"),
    ("/scenarios/montecarlo", {**MONTE_CARLO, "runs": 2001}, "runs"),
    ("/scenarios/montecarlo", {**MONTE_CARLO, "delay_prob": 1.5}, "delay_prob"),
    ("/scenarios/montecarlo", {k: v for k, v in MONTE_CARLO.items() if k != "seed"}, "seed"),
    ("/training/plans", {"horizon": 61}, "horizon"),
    ("/training/plans", {"start": "2027-01-01", "horizon": 6, "extra": 1}, "extra"),
]


def test_bad_input_answers_422_naming_the_field_and_queues_nothing(
        client: TestClient, headers: Headers) -> None:
    coordinator = headers("POL", Role.COORDINATOR)
    for path, body, field in BAD:
        answer = client.post(path, json=body, headers=coordinator)
        assert answer.status_code == 422, (path, body, answer.text)
        assert field in field_named(answer), (path, body, answer.text)
    assert client.get("/jobs", headers=coordinator).json() == []


@pytest.mark.parametrize("nation", ["POL", "USA"])
def test_no_job_result_mentions_a_record_hidden_from_the_users_nation(
        client: TestClient, headers: Headers, nation: str) -> None:
    coordinator = headers(nation, Role.COORDINATOR)
    other = "USA" if nation == "POL" else "POL"
    bodies = {**SUBMISSIONS, "/scenarios/dropout": {"donors": [other], **WINDOW}}
    texts = []
    for path, body in bodies.items():
        job = run(client, coordinator, path, body)
        texts.append(json.dumps(job["result"]))
        if path == "/scenarios/dropout":
            # Totals by priority cover the visible needs' priorities only (N-USA is 3rd).
            assert {c["key"] for c in job["result"]["by_priority"]} == (
                {"1", "2"} if nation == "POL" else {"1", "3"})
    everything = "\n".join(texts)
    for ref in HIDDEN[nation]:
        assert f'"{ref}"' not in everything
    # The check can fail: the visible needs do appear (e.g. as needs most often unmet).
    for ref in SEEN[nation]:
        assert f'"{ref}"' in everything


def test_a_scenario_run_waits_for_the_users_previous_one(
        app: FastAPI, client: TestClient, headers: Headers) -> None:
    with SqlUnitOfWork(app.state.engine, "test") as uow:
        queued = uow.jobs.add("scenario-montecarlo", "pol-coordinator",
                              {"runs": 2000, "view": "POL"})
        uow.commit()
    answer = client.post("/scenarios/dependency", json=WINDOW,
                         headers=headers("POL", Role.COORDINATOR))
    assert answer.status_code == 409
    assert str(queued.id) in answer.json()["detail"]
    # Another coordinator's run is not held up.
    run(client, headers("USA", Role.COORDINATOR), "/scenarios/dependency", WINDOW)


def test_scenario_runs_are_listed_and_compared_by_their_owner_only(
        client: TestClient, headers: Headers) -> None:
    pol, usa = headers("POL", Role.COORDINATOR), headers("USA", Role.COORDINATOR)
    a = run(client, pol, "/scenarios/dropout", {"donors": ["POL"], **WINDOW})["id"]
    b = run(client, pol, "/scenarios/hub", {"close": "PL-RZE", **WINDOW})["id"]
    assert [j["id"] for j in client.get("/scenarios", headers=pol).json()] == [b, a]
    compared = client.get(f"/scenarios/compare?a={a}&b={b}", headers=pol)
    assert compared.status_code == 200, compared.text
    rows = {r["key"]: r for r in compared.json()}
    assert rows["value"]["a"] > rows["value"]["b"] == 0.0  # no hub: nothing is delivered
    assert client.get(f"/scenarios/compare?a={a}&b={b}", headers=usa).status_code == 404
    assert client.get("/scenarios", headers=usa).json() == []
    assert client.get(f"/scenarios/compare?a={a}&b=0", headers=pol).status_code == 422


def test_a_training_job_places_trainees_by_category_and_host(
        client: TestClient, headers: Headers, settings: Settings) -> None:
    seed(settings, Bundle(
        missions=[Mission("NSATU", "NSATU", date(2024, 12, 19), date(2028, 12, 31))],
        training_needs=[TrainingNeed("T-MED", CourseCategory.MEDICAL, 30, 1,
                                     date(2027, 2, 1))],
        courses=[CourseOffer("C-POL", "POL", "POL", CourseCategory.MEDICAL, "NSATU", 20,
                             date(2027, 2, 1), date(2027, 2, 20)),
                 CourseOffer("C-USA", "USA", "POL", CourseCategory.MEDICAL, "NSATU", 20,
                             date(2027, 3, 1), date(2027, 3, 20))],
    ), "test")
    job = run(client, headers("POL", Role.COORDINATOR), "/training/plans", WINDOW)
    assert job["kind"] == "training-plan"
    result = job["result"]
    assert result["trainees_requested"] == 30
    assert result["trainees_placed"] == 30
    assert result["by_category"]["medical"] == 30
    assert result["by_host"] == {"POL": 20, "USA": 10}
    assert {a["course"] for a in result["assignments"]} == {"C-POL", "C-USA"}
