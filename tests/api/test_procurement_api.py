"""Procurement requests through the API (SPEC §5, §1.1): owned by the buyer, written by its
donor liaisons and coordinators, seen by the buyer and the nations it is released to."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from clearinghouse.services.records.users import Role

Headers = Callable[[str, Role], dict[str, str]]


def body(ref: str = "PR-1", buyer: str = "POL", **kw: Any) -> dict[str, Any]:
    return {"ref": ref, "buyer": buyer, "class_code": "IFAK", "quantity": 40,
            "max_unit_price_eur": 50.0, "due": "2027-06-01", **kw}


def test_a_request_released_to_its_buyer_only_is_hidden_from_other_nations(
        client: TestClient, headers: Headers) -> None:
    pol = headers("POL", Role.DONOR_LIAISON)
    assert client.post("/procurement", json=body(releasability=["POL"]),
                       headers=pol).status_code == 201
    for role in Role:
        usa = headers("USA", role)
        assert client.get("/procurement/PR-1", headers=usa).status_code == 404
        page = client.get("/procurement", headers=usa).json()
        assert (page["items"], page["total"]) == ([], 0)
    assert client.get("/procurement/PR-1", headers=headers("POL", Role.AUDITOR)
                      ).status_code == 200


def test_the_buyer_sees_its_request_even_when_released_only_to_others(
        client: TestClient, headers: Headers) -> None:
    pol = headers("POL", Role.DONOR_LIAISON)
    created = client.post("/procurement", json=body(releasability=["USA"]), headers=pol)
    assert created.status_code == 201, created.text
    assert client.get("/procurement/PR-1", headers=pol).status_code == 200
    assert client.get("/procurement/PR-1", headers=headers("USA", Role.AUDITOR)
                      ).status_code == 200


def test_a_donor_liaison_files_requests_for_its_own_nation_only(
        client: TestClient, headers: Headers) -> None:
    usa = headers("USA", Role.DONOR_LIAISON)
    refused = client.post("/procurement", json=body(buyer="POL"), headers=usa)
    assert refused.status_code == 403
    assert "only its own nation" in refused.json()["detail"]
    assert client.post("/procurement", json=body(buyer="USA"), headers=usa).status_code == 201


def test_a_coordinator_files_a_request_for_any_buyer_and_a_recipient_liaison_none(
        client: TestClient, headers: Headers) -> None:
    assert client.post("/procurement", json=body(buyer="USA"),
                       headers=headers("POL", Role.COORDINATOR)).status_code == 201
    assert client.post("/procurement", json=body("PR-2"),
                       headers=headers("POL", Role.RECIPIENT_LIAISON)).status_code == 403


def test_a_request_for_an_unknown_class_or_buyer_is_refused_naming_the_field(
        client: TestClient, headers: Headers) -> None:
    coordinator = headers("POL", Role.COORDINATOR)
    answer = client.post("/procurement", json=body(class_code="NOPE"), headers=coordinator)
    assert answer.status_code == 422
    assert "class NOPE is not in the catalogue" in answer.text
    answer = client.post("/procurement", json=body(buyer="FRA"), headers=coordinator)
    assert answer.status_code == 422
    assert "buyer nation FRA is not known" in answer.text


def test_every_change_to_a_request_is_audited(client: TestClient, headers: Headers) -> None:
    pol = headers("POL", Role.DONOR_LIAISON)
    client.post("/procurement", json=body(), headers=pol)
    client.patch("/procurement/PR-1", json={"quantity": 45}, headers={**pol, "If-Match": '"1"'})
    log = client.get("/audit", params={"entity": "procurement"},
                     headers=headers("POL", Role.AUDITOR)).json()
    entries = log["items"]
    assert [(e["action"], e["key"]) for e in entries] == [("update", "PR-1"), ("create", "PR-1")]
    assert (entries[0]["before"]["quantity"], entries[0]["after"]["quantity"]) == (40, 45)
