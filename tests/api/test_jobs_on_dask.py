"""Jobs on a Dask cluster (``dask_scheduler`` set): the web process holds the job, a Dask
worker computes it and stores the run in the same database; an unreachable scheduler fails
the job with the reason, quickly, never leaving it running.

(tests/api/test_scenario_jobs.py runs every scenario and training job with a scheduler set
too, in-process; here they go over TCP once, their pictures and results pickled.)"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.api.app import create_app
from clearinghouse.config import Settings
from clearinghouse.domain.errors import DomainError
from clearinghouse.services.records.users import Role, User
from clearinghouse.services.runtime import cluster as job_cluster
from clearinghouse.services.runtime.jobs import JobRunner, get_job
from tests.api.conftest import log_in
from tests.api.test_jobs import PLAN, wait_for

Headers = Callable[[str, Role], dict[str, str]]
UNREACHABLE = "tcp://127.0.0.1:1"


@pytest.fixture(scope="module")
def dask_scheduler() -> Iterator[str]:
    """A one-worker Dask cluster in this process, reached over TCP like a remote one (so that
    the work and its result are pickled as they would be between machines). Its HTTP server
    starts even without a dashboard: on a free port, not 8787, which another may hold."""
    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                           dashboard_address=":0", protocol="tcp://")
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture
def observer(dask_scheduler: str) -> Iterator[Any]:
    """A Client of the test's own, to look at the cluster."""
    from distributed import Client

    with Client(dask_scheduler, set_as_default=False) as client:
        yield client


@pytest.fixture
def settings(tmp_path: Path, dask_scheduler: str) -> Settings:
    # A SQLite file, not memory: the worker opens the database itself.
    return Settings(database_url=f"sqlite:///{tmp_path / 'clearinghouse.db'}",
                    environment="test", dask_scheduler=dask_scheduler)


def executed(observer: Any) -> int:
    """Tasks the cluster's workers have run so far."""
    counts: dict[str, int] = observer.run(_executed_count)
    return sum(counts.values())


def _executed_count(dask_worker: Any) -> int:
    return int(dask_worker.state.executed_count)


def clients(observer: Any) -> int:
    """Clients connected to the scheduler."""
    return int(observer.run_on_scheduler(_client_count))


def _client_count(dask_scheduler: Any) -> int:
    return len(dask_scheduler.clients)


def test_a_plan_job_is_computed_on_the_cluster_and_its_run_is_stored(
        client: TestClient, headers: Headers, observer: Any) -> None:
    coordinator = headers("POL", Role.COORDINATOR)
    before = executed(observer)
    submitted = client.post("/plans", json=PLAN, headers=coordinator)
    assert submitted.status_code == 202, submitted.text
    job = wait_for(client, submitted.headers["Location"], coordinator)
    assert job["status"] == "done", job
    assert job["progress"] == 1.0
    assert set(job["result"]) == {"run_id", "status"}
    shown = client.get(f"/plans/{job['result']['run_id']}", headers=coordinator)
    assert shown.status_code == 200, shown.text
    assert executed(observer) == before + 1  # the worker planned it, not the web process


def test_two_identical_plan_jobs_are_two_runs(client: TestClient, headers: Headers) -> None:
    coordinator = headers("POL", Role.COORDINATOR)
    urls = [client.post("/plans", json=PLAN, headers=coordinator).headers["Location"]
            for _ in range(2)]
    jobs = [wait_for(client, url, coordinator) for url in urls]
    assert [j["status"] for j in jobs] == ["done", "done"], jobs
    assert jobs[0]["result"]["run_id"] != jobs[1]["result"]["run_id"]


#: The whole-picture jobs besides plans, one body each (Monte Carlo fans out on its own).
WHOLE_PICTURE = {
    "/scenarios/dropout": {"donors": ["USA"], **PLAN},
    "/scenarios/hub": {"close": "PL-RZE", **PLAN},
    "/scenarios/dependency": PLAN,
    "/training/plans": PLAN,
}


def test_scenario_and_training_jobs_are_computed_on_the_cluster(
        client: TestClient, headers: Headers, observer: Any) -> None:
    who = headers("POL", Role.COORDINATOR)
    for path, body in WHOLE_PICTURE.items():
        before = executed(observer)
        submitted = client.post(path, json=body, headers=who)
        assert submitted.status_code == 202, (path, submitted.text)
        job = wait_for(client, submitted.headers["Location"], who)
        assert job["status"] == "done", (path, job)
        assert job["result"], path
        assert executed(observer) == before + 1, path


def refuse(quantity: int) -> None:
    """Work that breaks a rule (a DomainError, whose keyword-only fields do not unpickle)."""
    raise DomainError(f"quantity {quantity} is too small", field="quantity",
                      rule="must be at least 10", value=quantity)


def test_a_failure_on_the_worker_fails_the_job_with_its_reason(
        app: FastAPI, settings: Settings) -> None:
    runner: JobRunner = app.state.jobs
    user = User("pol-coordinator", "POL", Role.COORDINATOR)
    job = runner.submit(user, "test", {}, lambda _id, _p: runner.compute(refuse, 3))
    for _ in range(200):
        job = get_job(runner.engine, settings, user, job.id)
        if job.status == "failed":
            break
        time.sleep(0.05)
    assert job.status == "failed", job
    assert job.error == "quantity 3 is too small — must be at least 10"


def test_an_unreachable_scheduler_fails_the_job_with_the_reason_in_seconds(
        app: FastAPI, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(job_cluster, "CONNECT_TIMEOUT_S", 1.0)
    fresh = create_app(settings.model_copy(update={"dask_scheduler": UNREACHABLE}))
    try:
        client = TestClient(fresh)
        coordinator = log_in(client, "pol-coordinator")
        began = time.monotonic()
        submitted = client.post("/plans", json=PLAN, headers=coordinator)
        assert submitted.status_code == 202, submitted.text
        job = wait_for(client, submitted.headers["Location"], coordinator)
        assert time.monotonic() - began < 10
        assert job["status"] == "failed", job
        assert job["error"].startswith(f"cannot reach the Dask scheduler {UNREACHABLE}: "), job
        # No broken Client is kept: the next job tries again, and fails the same way.
        again = client.post("/plans", json=PLAN, headers=coordinator)
        assert wait_for(client, again.headers["Location"], coordinator)["error"] == job["error"]
    finally:
        fresh.state.jobs.shutdown(wait=True)
        fresh.state.engine.dispose()


def test_the_runner_keeps_one_client_and_closes_it_on_shutdown(
        app: FastAPI, settings: Settings, observer: Any) -> None:
    before = clients(observer)
    fresh = create_app(settings)
    try:
        runner: JobRunner = fresh.state.jobs
        assert clients(observer) == before  # connected at the first job, not at start-up
        assert runner.compute(abs, -2) == 2
        assert runner.compute(abs, -3) == 3
        assert clients(observer) == before + 1
    finally:
        fresh.state.jobs.shutdown(wait=True)
        fresh.state.engine.dispose()
    for _ in range(100):
        if clients(observer) == before:
            break
        time.sleep(0.05)
    assert clients(observer) == before


def test_a_cluster_without_workers_fails_the_job_instead_of_queueing_it_for_ever(
        app: FastAPI, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from distributed import LocalCluster

    monkeypatch.setattr(job_cluster, "CONNECT_TIMEOUT_S", 1.0)
    with LocalCluster(n_workers=0, processes=False, dashboard_address=":0",
                      protocol="tcp://") as empty:
        fresh = create_app(settings.model_copy(update={"dask_scheduler":
                                                       empty.scheduler_address}))
        try:
            client = TestClient(fresh)
            coordinator = log_in(client, "pol-coordinator")
            submitted = client.post("/plans", json=PLAN, headers=coordinator)
            job = wait_for(client, submitted.headers["Location"], coordinator)
            assert job["status"] == "failed", job
            assert job["error"] == f"the Dask cluster at {empty.scheduler_address} has no workers"
        finally:
            fresh.state.jobs.shutdown(wait=True)
            fresh.state.engine.dispose()
