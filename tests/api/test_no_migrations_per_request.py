"""Migrations run when the service starts, never per request: a request's use case gets the
service's engine (no Alembic run, no new engine), whatever it reads or writes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.adapters.db import migrate
from clearinghouse.config import Settings
from clearinghouse.services.records.users import Role
from clearinghouse.services.runtime import database
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.api.test_jobs import wait_for
from tests.shipment_runs import approved_run, stored_run, through_hub

Headers = Callable[[str, Role], dict[str, str]]
START = date(2027, 1, 1)
SHIPMENT = "S{run}-O-POL-PL-RZE-M00"


@pytest.fixture
def run(app: FastAPI, settings: Settings) -> int:
    return approved_run(settings, app.state.engine, START,
                        [through_hub("O-POL", "N-POL", 0, 30)])


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch, run: int) -> int:
    """From here on (the service started, its data in place) migrating or building an engine
    fails the request."""
    def refuse(*_: Any, **__: Any) -> None:
        raise AssertionError("a request migrated the database or built an engine")

    monkeypatch.setattr(migrate, "upgrade_to_head", refuse)
    monkeypatch.setattr(database, "upgrade_to_head", refuse)
    monkeypatch.setattr(database, "make_engine", refuse)
    return run


def test_creating_shipments_and_recording_an_event_run_no_migration(
        client: TestClient, headers: Headers, started: int) -> None:
    who = headers("POL", Role.LOGISTICIAN)
    answer = client.post(f"/plans/{started}/shipments", headers=who)
    assert answer.status_code == 201, answer.text
    ref = SHIPMENT.format(run=started)
    answer = client.post(f"/shipments/{ref}/events", json={"kind": "loaded"}, headers=who)
    assert answer.status_code == 201, answer.text
    assert client.get("/shipments", headers=who).json()["total"] == 1
    assert client.get(f"/shipments/{ref}", headers=who).status_code == 200
    assert client.get("/reports/hub-throughput", headers=who).status_code == 200



def test_importing_and_exporting_a_bundle_run_no_migration(
        client: TestClient, headers: Headers, started: int) -> None:
    coordinator = headers("POL", Role.COORDINATOR)
    upload = io.BytesIO()
    with zipfile.ZipFile(upload, "w") as archive:
        archive.writestr("nations.csv", "code,name,nato,eu,role\nJPN,Japan,false,false,partner\n")
    answer = client.post("/bundles/import", files={"file": ("b.zip", upload.getvalue())},
                         headers=coordinator)
    assert answer.status_code == 200, answer.text
    assert client.get("/bundles/export", headers=coordinator).status_code == 200


def test_approving_a_plan_run_runs_no_migration(
        app: FastAPI, client: TestClient, headers: Headers, started: int) -> None:
    draft = stored_run(app.state.engine, START, [through_hub("O-POL", "N-POL", 1, 10)])
    answer = client.post(f"/plans/{draft}/approve", headers=headers("POL", Role.COORDINATOR))
    assert answer.status_code == 200, answer.text
    assert answer.json()["run_id"] == draft


def test_comparing_scenario_runs_runs_no_migration(
        app: FastAPI, client: TestClient, headers: Headers, started: int) -> None:
    with SqlUnitOfWork(app.state.engine, "test") as uow:
        job = uow.jobs.add("scenario-dependency", "pol-coordinator",
                           {"start": START.isoformat(), "horizon": 12, "view": "POL"})
        uow.jobs.set_state(job.id, status="done", progress=1.0,
                           result={"capabilities": [{"capability": "drones", "hhi": 0.5}]})
        uow.commit()
    answer = client.get(f"/scenarios/compare?a={job.id}&b={job.id}",
                        headers=headers("POL", Role.COORDINATOR))
    assert answer.status_code == 200, answer.text
    assert answer.json()[0]["a"] == 0.5


def test_a_plan_job_and_a_scenario_job_run_no_migration(
        client: TestClient, headers: Headers, started: int) -> None:
    coordinator = headers("POL", Role.COORDINATOR)
    window = {"start": START.isoformat(), "horizon": 6}
    for path, body in (("/plans", window), ("/scenarios/dropout", {"donors": ["POL"], **window})):
        submitted = client.post(path, json=body, headers=coordinator)
        assert submitted.status_code == 202, submitted.text
        job = wait_for(client, submitted.headers["Location"], coordinator)
        assert job["status"] == "done", job
