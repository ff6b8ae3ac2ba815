"""A failed or abandoned job fails its plan run too; NaN never reaches JSON; a user never
reads a database driver's message."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.exc import OperationalError

from clearinghouse.adapters.db.audit import utc_now
from clearinghouse.adapters.db.tables import jobs
from clearinghouse.planning.plan import Plan
from clearinghouse.services.planning import plan_runs
from clearinghouse.services.records.users import Role
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.api.test_jobs import PLAN, wait_for

Headers = Callable[[str, Role], dict[str, str]]
DRIVER_TEXT = "(psycopg.OperationalError) server closed the connection unexpectedly"


def _run_status(app: FastAPI, run_id: int) -> str:
    with SqlUnitOfWork(app.state.engine, "test") as uow:
        return uow.plan_runs.require(run_id).status


def _submit(client: TestClient, who: dict[str, str]) -> dict[str, Any]:
    submitted = client.post("/plans", json=PLAN, headers=who)
    assert submitted.status_code == 202, submitted.text
    return wait_for(client, submitted.headers["Location"], who)


def test_a_crash_inside_the_solve_fails_the_job_and_its_run_without_driver_text(
        client: TestClient, app: FastAPI, headers: Headers,
        monkeypatch: pytest.MonkeyPatch) -> None:
    linked: list[object] = []

    def crash(*_: object) -> Plan:
        with SqlUnitOfWork(app.state.engine, "test") as uow:
            linked.append(uow.jobs.list()[0].result)
        raise OperationalError("UPDATE plan_runs", {}, Exception(DRIVER_TEXT))

    monkeypatch.setattr(plan_runs, "solve", crash)
    job = _submit(client, headers("POL", Role.COORDINATOR))
    assert job["status"] == "failed"
    assert "psycopg" not in job["error"]
    assert "UPDATE" not in job["error"]
    assert job["error"].startswith("internal error")
    run_id = job["result"]["run_id"]
    assert linked == [{"run_id": run_id}]  # the job named its run while it ran
    assert _run_status(app, run_id) == "failed"


def test_a_job_whose_worker_died_fails_its_plan_run_too(
        client: TestClient, app: FastAPI, headers: Headers) -> None:
    """What kill -9 leaves behind: a running job, silent, and the running run it started."""
    with SqlUnitOfWork(app.state.engine, "pol-coordinator") as uow:
        job = uow.jobs.add("plan", "pol-coordinator", {"start": "2027-01-01", "horizon": 6})
        uow.jobs.set_state(job.id, status="running", progress=0.1)
        run = uow.plan_runs.add("fingerprint", {"start": "2027-01-01"}, status="running")
        uow.jobs.link_run(job.id, run.id)
        uow.connection.execute(update(jobs).where(jobs.c.id == job.id).values(
            updated_at=utc_now() - timedelta(hours=1)))
        uow.commit()
    answer = client.get(f"/jobs/{job.id}", headers=headers("POL", Role.COORDINATOR)).json()
    assert answer["status"] == "failed"
    assert _run_status(app, run.id) == "failed"


def test_a_missing_lp_bound_is_stored_as_null_with_a_reason(
        client: TestClient, app: FastAPI, headers: Headers,
        monkeypatch: pytest.MonkeyPatch) -> None:
    real = plan_runs.solve

    def without_bound(*args: Any) -> Plan:
        return replace(real(*args), lp_bound=math.nan)

    monkeypatch.setattr(plan_runs, "solve", without_bound)
    who = headers("POL", Role.COORDINATOR)
    job = _submit(client, who)
    assert job["status"] == "done", job
    run = client.get(f"/plans/{job['result']['run_id']}", headers=who)
    assert run.status_code == 200
    assert "NaN" not in run.text
    with SqlUnitOfWork(app.state.engine, "test") as uow:
        stored = uow.plan_runs.require(job["result"]["run_id"])
        entries = uow.audit.list("plan_runs", str(stored.id))
    assert stored.lp_bound is None
    assert stored.summary is not None
    assert stored.summary["lp_bound"] is None
    assert stored.summary["lp_bound_reason"].startswith("not computed")
    assert all(e.after is None or e.after.get("lp_bound") is None for e in entries)


def test_a_job_refused_for_a_reason_shows_that_reason(
        client: TestClient, headers: Headers, monkeypatch: pytest.MonkeyPatch) -> None:
    from clearinghouse.services.errors import UserError

    def refuse(*_: object) -> Plan:
        raise UserError("the bundle is inconsistent: need N-1 names an unknown class")

    monkeypatch.setattr(plan_runs, "solve", refuse)
    job = _submit(client, headers("POL", Role.COORDINATOR))
    assert job["error"] == "the bundle is inconsistent: need N-1 names an unknown class"


def test_a_non_finite_float_in_any_answer_is_null_not_a_server_error(app: FastAPI) -> None:
    @app.get("/test-nan")
    def nan() -> dict[str, Any]:
        return {"lp_bound": math.nan, "rows": [{"value": math.inf}], "fine": 1.5}

    answer = TestClient(app).get("/test-nan")
    assert answer.status_code == 200
    assert answer.json() == {"lp_bound": None, "rows": [{"value": None}], "fine": 1.5}


@pytest.mark.parametrize(("driver", "said"), [
    ("(psycopg.DataError) PostgreSQL text fields cannot contain NUL (0x00) bytes", "NUL byte"),
    ("(psycopg.errors.NumericValueOutOfRange) integer out of range", "outside the range"),
    ("(psycopg.errors.InvalidTextRepresentation) invalid input syntax", "not of a kind")])
def test_a_value_the_database_refuses_is_answered_without_driver_text(
        driver: str, said: str) -> None:
    import asyncio

    from sqlalchemy.exc import DataError
    from starlette.requests import Request

    from clearinghouse.api.errors import unstorable
    request = Request({"type": "http", "method": "POST", "path": "/needs", "headers": []})
    answer = asyncio.run(unstorable(request, DataError("INSERT", {}, Exception(driver))))
    body = bytes(answer.body).decode()
    assert answer.status_code == 422
    assert said in body
    assert "psycopg" not in body
    assert "INSERT" not in body
