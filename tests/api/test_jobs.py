"""Plan runs as jobs: 202 with a job to follow, a result when done, never left running by a
restart; only coordinators plan and approve."""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.api.app import create_app
from clearinghouse.config import Settings
from clearinghouse.services.unit_of_work import SqlUnitOfWork
from clearinghouse.services.users import Role

Headers = Callable[[str, Role], dict[str, str]]
PLAN = {"start": "2027-01-01", "horizon": 6}


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
    assert job["result"]["value"] <= job["result"]["lp_bound"] + 1e-6
    approved = client.post(f"/plans/{run_id}/approve", headers=coordinator)
    assert approved.status_code == 200, approved.text


def test_a_job_left_running_by_a_restart_is_marked_failed_when_the_service_starts(
        app: FastAPI, settings: Settings) -> None:
    with SqlUnitOfWork(app.state.engine, "test") as uow:
        job = uow.jobs.add("plan", "pol-coordinator", {"horizon": 12})
        uow.jobs.set_state(job.id, status="running", progress=0.1)
        uow.commit()
    restarted = create_app(settings)
    try:
        with SqlUnitOfWork(restarted.state.engine, "test") as uow:
            after = uow.jobs.get(job.id)
        assert after is not None
        assert after.status == "failed"
        assert "restarted" in (after.error or "")
    finally:
        restarted.state.executor.shutdown(wait=True)
        restarted.state.engine.dispose()
