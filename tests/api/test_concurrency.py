"""Optimistic concurrency: every write names the version it read; a stale one gets 409."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from clearinghouse.services.records.users import Role

Headers = Callable[[str, Role], dict[str, str]]


def test_a_stale_if_match_gets_409_with_the_current_version_and_loses_no_update(
        client: TestClient, headers: Headers) -> None:
    pol = headers("POL", Role.DONOR_LIAISON)
    read = client.get("/offers/O-POL", headers=pol)
    version = read.headers["ETag"]
    first = client.patch("/offers/O-POL", json={"quantity": 70},
                         headers={**pol, "If-Match": version})
    assert first.status_code == 200
    assert first.headers["ETag"] == '"2"'
    second = client.patch("/offers/O-POL", json={"quantity": 80},
                          headers={**pol, "If-Match": version})
    assert second.status_code == 409
    assert second.json()["current_version"] == 2
    assert second.headers["ETag"] == '"2"'
    assert client.get("/offers/O-POL", headers=pol).json()["quantity"] == 70
    retried = client.patch("/offers/O-POL", json={"quantity": 80},
                           headers={**pol, "If-Match": '"2"'})
    assert retried.json() == {**retried.json(), "quantity": 80, "version": 3}


def test_an_update_without_if_match_is_refused_naming_the_header(
        client: TestClient, headers: Headers) -> None:
    answer = client.patch("/needs/N-ALL", json={"priority": 2},
                          headers=headers("POL", Role.COORDINATOR))
    assert answer.status_code == 422
    assert "if-match" in str(answer.json()["detail"]).lower()


def test_a_stale_transition_gets_409_and_changes_nothing(
        client: TestClient, headers: Headers) -> None:
    coordinator = headers("USA", Role.COORDINATOR)
    client.patch("/needs/N-ALL", json={"priority": 2}, headers={**coordinator, "If-Match": "1"})
    stale = client.post("/needs/N-ALL/transitions", json={"status": "cancelled"},
                        headers={**coordinator, "If-Match": "1"})
    assert stale.status_code == 409
    assert client.get("/needs/N-ALL", headers=coordinator).json()["status"] == "open"
