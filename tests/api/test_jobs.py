"""Plan runs as jobs: 202 with a job to follow, a result when done, never left running by a
restart; only coordinators plan and approve."""

from __future__ import annotations

import importlib.util
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from clearinghouse.api.app import create_app
from clearinghouse.config import Settings
from clearinghouse.services.records.users import Role
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.api.conftest import log_in

Headers = Callable[[str, Role], dict[str, str]]
PLAN = {"start": "2027-01-01", "horizon": 6}
BEAT = 0.1
SILENT = 10 * BEAT  # well past the three beats after which a job counts as abandoned


def wait_for(client: TestClient, url: str, headers: dict[str, str]) -> dict[str, Any]:
    for _ in range(600):
        job: dict[str, Any] = client.get(url, headers=headers).json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {url} did not finish: {job}")


def test_only_coordinators_run_plans(client: TestClient, headers: Headers) -> None:
    for role in Role:
        if role is not Role.COORDINATOR:
            assert client.post("/plans", json=PLAN, headers=headers("POL", role)
                               ).status_code == 403
            assert client.post("/plans/1/approve", headers=headers("POL", role)
                               ).status_code == 403


def test_another_users_job_answers_404_like_a_missing_one(
        client: TestClient, headers: Headers) -> None:
    submitted = client.post("/plans", json=PLAN, headers=headers("POL", Role.COORDINATOR))
    assert submitted.status_code == 202
    url = submitted.headers["Location"]
    assert client.get(url, headers=headers("USA", Role.COORDINATOR)).status_code == 404
    assert client.get("/jobs/999999", headers=headers("POL", Role.COORDINATOR)
                      ).status_code == 404
    wait_for(client, url, headers("POL", Role.COORDINATOR))
    mine = client.get("/jobs", headers=headers("POL", Role.COORDINATOR)).json()
    assert [j["id"] for j in mine] == [submitted.json()["id"]]
    assert client.get("/jobs", headers=headers("USA", Role.COORDINATOR)).json() == []


@pytest.mark.skipif(importlib.util.find_spec("clearinghouse.planning.engine") is None,
                    reason="the planner engine is not in this tree yet")
def test_a_plan_job_runs_in_the_background_and_its_run_can_be_approved(
        client: TestClient, headers: Headers) -> None:
    coordinator = headers("POL", Role.COORDINATOR)
    submitted = client.post("/plans", json=PLAN, headers=coordinator)
    assert submitted.status_code == 202
    assert submitted.json()["status"] in ("queued", "running", "done")
    job = wait_for(client, submitted.headers["Location"], coordinator)
    assert job["status"] == "done", job
    assert job["progress"] == 1.0
    run_id = job["result"]["run_id"]
    assert set(job["result"]) == {"run_id", "status"}  # totals would count hidden needs
    assert client.get(f"/plans/{run_id}", headers=coordinator).status_code == 200
    approved = client.post(f"/plans/{run_id}/approve", headers=coordinator)
    assert approved.status_code == 200, approved.text


def test_plan_jobs_running_side_by_side_all_store_their_runs(
        client: TestClient, headers: Headers) -> None:
    # Two pool workers write plan runs at once: SQLite lets one writer in at a time, and a
    # refused write is retried rather than failing the job.
    coordinator = headers("POL", Role.COORDINATOR)
    urls = [client.post("/plans", json=PLAN, headers=coordinator).headers["Location"]
            for _ in range(4)]
    jobs = [wait_for(client, url, coordinator) for url in urls]
    assert [j["status"] for j in jobs] == ["done"] * 4, [j["error"] for j in jobs]
    assert len({j["result"]["run_id"] for j in jobs}) == 4


def running_job(engine: Engine) -> int:
    with SqlUnitOfWork(engine, "test") as uow:
        job = uow.jobs.add("plan", "pol-coordinator", {"horizon": 12})
        uow.jobs.set_state(job.id, status="running", progress=0.1)
        uow.commit()
    return job.id


def status_of(engine: Engine, job_id: int) -> tuple[str, str | None]:
    with SqlUnitOfWork(engine, "test") as uow:
        job = uow.jobs.get(job_id)
    assert job is not None
    return job.status, job.error


@contextmanager
def started(settings: Settings) -> Iterator[FastAPI]:
    app = create_app(settings)
    try:
        yield app
    finally:
        app.state.jobs.shutdown(wait=True)
        app.state.engine.dispose()


def test_a_job_whose_worker_stopped_is_marked_failed_when_the_service_starts(
        app: FastAPI, settings: Settings) -> None:
    job_id = running_job(app.state.engine)
    time.sleep(SILENT)
    with started(settings.model_copy(update={"job_heartbeat_s": BEAT})):
        status, error = status_of(app.state.engine, job_id)
    assert status == "failed"
    assert "interrupted" in (error or "")


def test_a_job_whose_worker_stopped_reads_as_failed_not_running_forever(
        app: FastAPI, settings: Settings, headers: Headers) -> None:
    # A slower beat than elsewhere: the first read must come within three beats of the job's
    # last sign of life even on a loaded machine.
    beat = 1.0
    with started(settings.model_copy(update={"job_heartbeat_s": beat})) as fresh:
        client = TestClient(fresh)
        coordinator = log_in(client, "pol-coordinator")
        job_id = running_job(fresh.state.engine)
        assert client.get(f"/jobs/{job_id}", headers=coordinator).json()["status"] == "running"
        time.sleep(4 * beat)
        assert client.get(f"/jobs/{job_id}", headers=coordinator).json()["status"] == "failed"


def test_a_job_held_by_a_live_worker_survives_another_worker_starting(
        app: FastAPI, settings: Settings) -> None:
    quick = settings.model_copy(update={"job_heartbeat_s": BEAT})
    release = threading.Event()
    with started(quick) as first:
        job_id = running_job(first.state.engine)
        first.state.jobs.hold(job_id, lambda: release.wait(10))
        time.sleep(SILENT)
        with started(quick) as second:
            assert status_of(second.state.engine, job_id)[0] == "running"
        release.set()
