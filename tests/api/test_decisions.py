"""Bottlenecks and what it takes on a plan run, computed on the reader's view (SPEC §1.1)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.services.records.users import Role
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

Headers = Callable[[str, Role], dict[str, str]]


def stored_run(app: FastAPI) -> int:
    with SqlUnitOfWork(app.state.engine, "test") as uow:
        run = uow.plan_runs.add("inputs", {"start": "2027-01-01", "horizon": 12},
                                status="running")
        uow.commit()
        return run.id


@pytest.mark.parametrize(("nation", "price"), [("POL", 100 / 200), ("USA", 10 / 300)])
def test_bottlenecks_price_the_class_on_the_records_released_to_the_reader(
        app: FastAPI, client: TestClient, headers: Headers, nation: str, price: float) -> None:
    # Each nation sees 100 units for the priority-1 need N-ALL; one more unit goes to the
    # need it sees next: N-POL (priority 2, 200 units) or N-USA (priority 3, 300 units).
    run_id = stored_run(app)
    answer = client.get(f"/plans/{run_id}/bottlenecks",
                        headers=headers(nation, Role.DONOR_LIAISON))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["computed_on"] == f"the records released to {nation}"
    assert body["lp_value"] == pytest.approx(1000)
    first = body["additions"][0]
    assert (first["kind"], first["resource"], first["month"]) == ("class", "155mm-NATO", 0)
    assert first["marginal_value"] == pytest.approx(price)
    assert first["value_gain"] == pytest.approx(price * 10)  # 10 % of the 100 units offered
    assert first["label"].startswith("+10 units of 155mm-NATO offered in 2027-01")


def test_what_it_takes_names_the_units_a_visible_need_lacks(
        app: FastAPI, client: TestClient, headers: Headers) -> None:
    run_id = stored_run(app)
    answer = client.get(f"/plans/{run_id}/needs/N-POL/what-it-takes",
                        headers=headers("POL", Role.DONOR_LIAISON))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["status"], body["room"], body["on_time"]) == ("possible", 200, 0)
    assert [(a["kind"], a["resource"], a["amount"]) for a in body["additions"]] == [
        ("class", "155mm-NATO", pytest.approx(200))]
    assert body["displaced"] == []
    assert body["computed_on"] == "the records released to POL"


def test_a_need_not_released_to_the_reader_is_not_found(
        app: FastAPI, client: TestClient, headers: Headers) -> None:
    run_id = stored_run(app)
    answer = client.get(f"/plans/{run_id}/needs/N-POL/what-it-takes",
                        headers=headers("USA", Role.DONOR_LIAISON))
    assert answer.status_code == 404
    assert "N-POL" in answer.json()["detail"]


def test_an_unknown_plan_run_is_not_found(client: TestClient, headers: Headers) -> None:
    who = headers("POL", Role.AUDITOR)
    assert client.get("/plans/999/bottlenecks", headers=who).status_code == 404
    assert client.get("/plans/999/needs/N-ALL/what-it-takes", headers=who).status_code == 404
