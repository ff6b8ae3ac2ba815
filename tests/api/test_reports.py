"""Reports and plan runs count only what the user's nation may see."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.planning.plan import Allocation
from clearinghouse.services.records.users import Role
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

Headers = Callable[[str, Role], dict[str, str]]


def deliver(app: FastAPI, ref: str, units: int) -> None:
    with SqlUnitOfWork(app.state.engine, "test") as uow:
        stored = uow.needs.get_by_ref(ref)
        assert stored is not None
        stored.record.record_fulfilment(units)
        uow.needs.transition(stored.record)
        uow.commit()


def approved_run(app: FastAPI) -> int:
    """A stored, approved run: 10 t for N-POL from O-POL and 30 t for N-USA from O-USA."""
    with SqlUnitOfWork(app.state.engine, "test") as uow:
        run = uow.plan_runs.add("inputs", {"start": "2027-01-01", "horizon": 12},
                                 status="running")
        uow.plan_runs.record_result(
            run.id, status="optimal", value=1.0, lp_bound=1.0,
            summary={"needs": {ref: {"delivered": 1, "fraction": 0.1, "reason": ""}
                               for ref in ("N-ALL", "N-POL", "N-USA")}},
            allocations=[Allocation("O-POL", "N-POL", "PL-RZE", None, 0, 10, 10.0),
                         Allocation("O-USA", "N-USA", "PL-RZE", None, 0, 20, 30.0)])
        uow.plan_runs.approve(run.id)
        uow.commit()
        return run.id


@pytest.mark.parametrize(("nation", "priorities"), [("POL", {1, 2}), ("USA", {1, 3})])
def test_the_fill_rate_report_counts_only_needs_released_to_the_nation(
        app: FastAPI, client: TestClient, headers: Headers, nation: str,
        priorities: set[int]) -> None:
    deliver(app, "N-POL", 50)
    rows = client.get("/reports/fill-rate", headers=headers(nation, Role.AUDITOR)).json()
    assert {r["priority"] for r in rows} == priorities
    assert {r["capability"] for r in rows} == {"artillery"}
    if nation == "POL":
        p2 = next(r for r in rows if r["priority"] == 2)
        assert (p2["requested"], p2["delivered"], p2["fill_rate"]) == (200, 50, 0.25)


@pytest.mark.parametrize(("nation", "tonnes"), [("POL", 10.0), ("USA", 30.0)])
def test_hub_tonnes_and_plan_runs_count_only_allocations_of_visible_records(
        app: FastAPI, client: TestClient, headers: Headers, nation: str,
        tonnes: float) -> None:
    run_id = approved_run(app)
    who = headers(nation, Role.DONOR_LIAISON)
    hubs = client.get("/reports/hub-tonnes", headers=who).json()
    assert hubs == [{"hub": "PL-RZE", "month": 0, "tonnes": tonnes, "capacity_t": 18000.0}]
    plan = client.get(f"/plans/{run_id}", headers=who).json()
    assert set(plan["needs"]) == {"N-ALL", f"N-{nation}"}
    assert [a["need"] for a in plan["allocations"]] == [f"N-{nation}"]
    assert client.get("/plans/999", headers=who).status_code == 404
