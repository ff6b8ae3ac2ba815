"""Donor shares of the approved plan: per capability they sum to 1 over the allocations the
user's nation may see, and a record hidden from it never adds units, tonnes or a donor."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.planning.plan import Allocation
from clearinghouse.services.records.users import Role
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

Headers = Callable[[str, Role], dict[str, str]]

#: Allocations of the approved run over tests/api/conftest.py's records: O-POL is released
#: to POL only, O-USA to UKR and USA, O-USA-ALL to all; N-POL to POL and UKR, N-USA to UKR
#: and USA, N-ALL to all; the pledge F-POL (produced units) to all.
APPROVED = [
    Allocation("O-POL", "N-POL", "PL-RZE", None, 0, 10, 10.0),  # POL sees it
    Allocation("F-POL", "N-POL", None, "P-1", 1, 8, 4.0),  # POL sees it
    Allocation("O-USA-ALL", "N-ALL", "PL-RZE", None, 0, 30, 15.0),  # both see it
    Allocation("O-USA", "N-USA", "PL-RZE", None, 0, 20, 30.0),  # USA sees it
    Allocation("O-USA", "N-POL", "PL-RZE", None, 1, 5, 2.0),  # neither: one side is hidden
]


def store_run(app: FastAPI, allocations: list[Allocation], *, approve: bool) -> int:
    with SqlUnitOfWork(app.state.engine, "test") as uow:
        run = uow.plan_runs.add("inputs", {"horizon": 12}, status="running")
        uow.plan_runs.record_result(run.id, status="optimal", value=1.0, lp_bound=1.0,
                                    summary={"needs": {}}, allocations=allocations)
        if approve:
            uow.plan_runs.approve(run.id)
        uow.commit()
        return run.id


def by_donor(capability: dict[str, Any]) -> dict[str, tuple[int, float, float]]:
    return {d["donor"]: (d["units"], d["tonnes"], d["share"]) for d in capability["donors"]}


def test_without_an_approved_run_there_are_no_shares(
        app: FastAPI, client: TestClient, headers: Headers) -> None:
    store_run(app, APPROVED, approve=False)
    answer = client.get("/reports/donor-shares", headers=headers("POL", Role.AUDITOR))
    assert answer.status_code == 200
    assert answer.json() == {"run_id": None, "capabilities": [], "source": {
        "run_id": None, "approved_at": None, "approved_by": None,
        "label": "no plan approved yet"}}


@pytest.mark.parametrize(("nation", "expected"), [
    ("POL", {"POL": (18, 14.0, 18 / 48), "USA": (30, 15.0, 30 / 48)}),
    ("USA", {"USA": (50, 45.0, 1.0)}),  # O-POL is hidden: POL never appears
])
def test_donor_shares_sum_to_one_over_the_visible_allocations_only(
        app: FastAPI, client: TestClient, headers: Headers, nation: str,
        expected: dict[str, tuple[int, float, float]]) -> None:
    run_id = store_run(app, APPROVED, approve=True)
    # A later run that is not approved counts for nothing.
    store_run(app, [Allocation("O-POL", "N-ALL", "PL-RZE", None, 0, 1000, 900.0)],
              approve=False)
    report = client.get("/reports/donor-shares", headers=headers(nation, Role.DONOR_LIAISON))
    assert report.status_code == 200, report.text
    body = report.json()
    assert body["run_id"] == run_id
    assert [c["capability"] for c in body["capabilities"]] == ["artillery"]
    artillery = body["capabilities"][0]
    shares = by_donor(artillery)
    assert shares.keys() == expected.keys()
    for donor, (units, tonnes, share) in expected.items():
        assert shares[donor][:2] == (units, tonnes)
        assert math.isclose(shares[donor][2], share)
    assert math.isclose(sum(d["share"] for d in artillery["donors"]), 1.0)
    assert math.isclose(sum(d["tonnes_share"] for d in artillery["donors"]), 1.0)
    assert artillery["units"] == sum(u for u, _, _ in expected.values())
    top = max(expected, key=lambda d: expected[d][2])
    assert artillery["top_donor"] == top
    assert math.isclose(artillery["top_share"], expected[top][2])
    assert math.isclose(artillery["hhi"], sum(s * s for _, _, s in expected.values()))
