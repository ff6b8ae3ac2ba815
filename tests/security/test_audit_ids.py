"""Audit ids are random: a nation cannot count the entries hidden from it between its own."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi.testclient import TestClient

from clearinghouse.services.records.users import Role

Headers = Callable[[str, Role], dict[str, str]]


def test_audit_ids_are_random_not_a_global_sequence(
        client: TestClient, headers: Headers) -> None:
    who = headers("POL", Role.COORDINATOR)
    for ref in ("N-A1", "N-A2"):
        created = client.post("/needs", headers=who, json={
            "ref": ref, "class_code": "IFAK", "quantity": 1, "priority": 1,
            "due": "2027-03-01", "destination": "UKR", "releasability": ["ALL"]})
        assert created.status_code == 201, created.text
    entries = client.get("/audit", headers=who, params={"entity": "needs"}).json()["items"]
    ids = [e["id"] for e in entries if e["key"] in ("N-A1", "N-A2")]
    assert len(ids) == 2
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)
    assert ids[0] != ids[1]
