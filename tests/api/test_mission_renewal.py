"""A mission's pending renewal over the API: courses may run past the mandate's end while it
is pending, and not once it is withdrawn."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from clearinghouse.services.records.users import Role

Headers = Callable[[str, Role], dict[str, str]]


def course(ref: str) -> dict[str, object]:
    return {"ref": ref, "host": "POL", "location": "POL", "category": "medical",
            "mission": "EUMAM", "seats": 10, "starts": "2027-04-01", "ends": "2027-04-20"}


def test_a_pending_renewal_lets_courses_run_past_the_mandates_end_until_withdrawn(
        client: TestClient, headers: Headers) -> None:
    coord = headers("POL", Role.COORDINATOR)
    created = client.post("/missions", headers=coord, json={
        "code": "EUMAM", "name": "EUMAM", "starts": "2022-11-15", "ends": "2027-03-31",
        "renewal_expected": "2027-03-01"})
    assert created.status_code == 201, created.text
    assert created.json()["renewal_expected"] == "2027-03-01"
    assert client.post("/courses", headers=coord, json=course("C-1")).status_code == 201
    withdrawn = client.patch("/missions/EUMAM", headers={**coord, "If-Match": '"1"'},
                             json={"renewal_expected": None})
    assert withdrawn.status_code == 200, withdrawn.text
    assert withdrawn.json()["renewal_expected"] is None
    refused = client.post("/courses", headers=coord, json=course("C-2"))
    assert refused.status_code == 422
    assert "outside the mandate of EUMAM" in refused.text
