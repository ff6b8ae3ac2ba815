"""The API's plan-derived figures name the approved plan they come from."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.services.records.users import Role
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.api.test_reports import approved_run

Headers = Callable[[str, Role], dict[str, str]]


def later_run(app: FastAPI) -> int:
    """A finished run stored after the approved one, not approved."""
    with SqlUnitOfWork(app.state.engine, "pol-coordinator") as uow:
        run = uow.plan_runs.add("inputs", {"horizon": 1}, status="running")
        uow.plan_runs.record_result(run.id, status="optimal", value=0.0, lp_bound=0.0,
                                    summary={"needs": {}}, allocations=[])
        uow.commit()
        return run.id


def test_without_an_approved_plan_the_reports_say_no_plan_is_approved(
        client: TestClient, headers: Headers) -> None:
    who = headers("POL", Role.AUDITOR)
    source = client.get("/reports/approved-plan", headers=who).json()
    assert source == {"run_id": None, "approved_at": None, "approved_by": None,
                      "label": "no plan approved yet"}
    assert client.get("/reports/donor-shares", headers=who).json()["source"]["label"] == \
        "no plan approved yet"


def test_reports_name_the_approved_plan_not_a_later_run(
        app: FastAPI, client: TestClient, headers: Headers) -> None:
    run_id = approved_run(app)
    later = later_run(app)
    who = headers("USA", Role.DONOR_LIAISON)
    source = client.get("/reports/approved-plan", headers=who).json()
    assert source["run_id"] == run_id
    assert source["approved_by"] == "test"
    assert source["label"].startswith(f"approved plan run {run_id}, approved ")
    assert source["label"].endswith(" UTC by test")
    assert client.get("/reports/donor-shares", headers=who).json()["run_id"] == run_id
    proposal = client.get(f"/plans/{later}", headers=who).json()
    assert proposal["approved"] is False
    assert proposal["label"].startswith("not approved (optimal): a proposal")
    approved = client.get(f"/plans/{run_id}", headers=who).json()
    assert approved["approved"] is True
    assert approved["approved_by"] == "test"


def test_a_need_reads_with_requested_planned_and_delivered_units(
        app: FastAPI, client: TestClient, headers: Headers) -> None:
    with SqlUnitOfWork(app.state.engine, "test") as uow:
        stored = uow.needs.get_by_ref("N-POL")
        assert stored is not None
        stored.record.plan(150)
        stored.record.record_fulfilment(20)
        uow.needs.transition(stored.record)
        uow.commit()
    need = client.get("/needs/N-POL", headers=headers("POL", Role.AUDITOR)).json()
    assert (need["quantity"], need["planned"], need["delivered"], need["status"]) == (
        200, 150, 20, "partially-met")
    listed = client.get("/needs", headers=headers("POL", Role.AUDITOR)).json()["items"]
    assert all({"quantity", "planned", "delivered"} <= set(n) for n in listed)


def test_a_scenario_job_says_whose_records_it_was_computed_on() -> None:
    from datetime import UTC, datetime

    from clearinghouse.api.jobs import JobRead

    now = datetime.now(UTC)
    job = {"id": 1, "status": "done", "progress": 1.0, "result": {}, "error": None,
           "created_at": now, "updated_at": now}
    scenario = JobRead(kind="scenario-dropout", params={"view": "DEU"}, **job)
    assert scenario.model_dump()["computed_on"] == "computed on the records released to DEU"
    assert JobRead(kind="plan", params={}, **job).model_dump()["computed_on"] is None


def test_the_dashboards_planned_fill_cuts_fractions_and_never_rounds_up_to_the_whole(
        app: FastAPI) -> None:
    from clearinghouse.services.records.users import User
    from clearinghouse.services.reporting.dashboard import planned_fill_rates

    with SqlUnitOfWork(app.state.engine, "test") as uow:
        run = uow.plan_runs.add("inputs", {"horizon": 12}, status="running")
        uow.plan_runs.record_result(
            run.id, status="optimal", value=1.0, lp_bound=1.0,
            summary={"needs": {"N-POL": {"delivered": 199.6, "fraction": 0.998}}},
            allocations=[])
        uow.commit()
    rows = planned_fill_rates(app.state.engine, User("x", "POL", Role.AUDITOR), run.id)
    p2 = next(r for r in rows if r.priority == 2)
    assert (p2.requested, p2.delivered) == (200, 199)
    assert p2.fill_rate < 1
