"""The audit log: every API write is in it, readable by coordinators and auditors only, and
never shows a record not released to the reader's nation."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from clearinghouse.services.records.users import Role

Headers = Callable[[str, Role], dict[str, str]]


def test_an_api_write_is_in_the_audit_log_with_its_author_before_and_after(
        client: TestClient, headers: Headers) -> None:
    pol = headers("POL", Role.DONOR_LIAISON)
    client.patch("/offers/O-POL", json={"quantity": 55}, headers={**pol, "If-Match": "1"})
    log = client.get("/audit", params={"entity": "offers", "key": "O-POL"},
                     headers=headers("POL", Role.AUDITOR)).json()
    latest = log["items"][0]
    assert latest["actor"] == "pol-donor-liaison"
    assert latest["action"] == "update"
    assert (latest["before"]["quantity"], latest["after"]["quantity"]) == (50, 55)


@pytest.mark.parametrize("role", [Role.RECIPIENT_LIAISON, Role.DONOR_LIAISON,
                                  Role.LOGISTICIAN])
def test_only_coordinators_and_auditors_read_the_audit_log(
        client: TestClient, headers: Headers, role: Role) -> None:
    assert client.get("/audit", headers=headers("POL", role)).status_code == 403
    assert client.get("/audit", headers=headers("POL", Role.COORDINATOR)).status_code == 200


@pytest.mark.parametrize("nation", ["POL", "USA"])
def test_the_audit_log_shows_no_record_hidden_from_the_readers_nation(
        client: TestClient, headers: Headers, nation: str) -> None:
    hidden = {"POL": {"N-USA", "O-USA"}, "USA": {"N-POL", "O-POL"}}[nation]
    log = client.get("/audit", params={"limit": 500},
                     headers=headers(nation, Role.AUDITOR)).json()
    keys = {e["key"] for e in log["items"]}
    assert keys >= {"N-ALL", "O-USA-ALL"}
    assert not keys & hidden
    assert log["total"] == len(log["items"])
