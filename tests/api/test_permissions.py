"""Who may write what: recipient liaisons needs, donor liaisons their own nation's offers and
pledges, coordinators validate and accept, auditors and logisticians only read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from clearinghouse.services.records.users import Role

Headers = Callable[[str, Role], dict[str, str]]

NEW_NEED = {"ref": "N-NEW", "class_code": "IFAK", "quantity": 10, "priority": 2,
            "due": "2027-05-01", "destination": "UKR", "releasability": ["ALL"]}


def new_offer(donor: str) -> dict[str, Any]:
    return {"ref": f"O-NEW-{donor}", "donor": donor, "item": "IFAK", "quantity": 5,
            "available": "2027-01-01", "origin": donor}


@pytest.mark.parametrize("role", list(Role))
def test_only_recipient_liaisons_and_coordinators_file_needs(
        client: TestClient, headers: Headers, role: Role) -> None:
    answer = client.post("/needs", json=NEW_NEED, headers=headers("POL", role))
    allowed = role in (Role.RECIPIENT_LIAISON, Role.COORDINATOR)
    assert answer.status_code == (201 if allowed else 403), answer.text
    listed = client.get("/needs", params={"class_code": "IFAK"},
                        headers=headers("POL", Role.AUDITOR)).json()
    assert listed["total"] == (1 if allowed else 0)


def test_a_filed_need_starts_as_a_draft_that_a_coordinator_validates(
        client: TestClient, headers: Headers) -> None:
    liaison, coordinator = headers("POL", Role.RECIPIENT_LIAISON), headers("POL", Role.COORDINATOR)
    created = client.post("/needs", json=NEW_NEED, headers=liaison)
    assert created.json()["status"] == "draft"
    assert created.headers["ETag"] == '"1"'
    refused = client.post("/needs/N-NEW/transitions", json={"status": "validated"},
                          headers=liaison)
    assert refused.status_code == 403
    validated = client.post("/needs/N-NEW/transitions", json={"status": "validated"},
                            headers=coordinator)
    assert validated.status_code == 200
    assert validated.json()["status"] == "validated"
    assert validated.headers["ETag"] == '"2"'


@pytest.mark.parametrize("role", list(Role))
def test_only_a_donor_liaison_files_offers_and_only_for_its_own_nation(
        client: TestClient, headers: Headers, role: Role) -> None:
    own = client.post("/offers", json=new_offer("POL"), headers=headers("POL", role))
    assert own.status_code == (201 if role is Role.DONOR_LIAISON else 403), own.text
    other = client.post("/offers", json=new_offer("USA"), headers=headers("POL", role))
    assert other.status_code == 403


def test_a_donor_liaison_edits_its_own_offers_but_not_another_nations_it_can_see(
        client: TestClient, headers: Headers) -> None:
    pol = headers("POL", Role.DONOR_LIAISON)
    mine = client.patch("/offers/O-POL", json={"quantity": 60}, headers={**pol, "If-Match": "1"})
    assert mine.status_code == 200, mine.text
    assert mine.json()["quantity"] == 60
    visible_not_mine = client.patch("/offers/O-USA-ALL", json={"quantity": 1},
                                    headers={**pol, "If-Match": "1"})
    assert visible_not_mine.status_code == 403
    assert client.get("/offers/O-USA-ALL", headers=pol).json()["quantity"] == 50


def test_a_donor_liaison_withdraws_its_offer_but_only_a_coordinator_accepts_one(
        client: TestClient, headers: Headers) -> None:
    pol = headers("POL", Role.DONOR_LIAISON)
    accept = {"status": "accepted"}
    assert client.post("/offers/O-POL/transitions", json=accept, headers=pol).status_code == 403
    assert client.post("/offers/O-POL/transitions", json=accept,
                       headers=headers("POL", Role.COORDINATOR)).status_code == 200
    withdrawn = client.post("/offers/O-POL/transitions", json={"status": "withdrawn"},
                            headers=pol)
    assert withdrawn.json()["status"] == "withdrawn"


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.LOGISTICIAN])
def test_auditors_and_logisticians_change_nothing(
        client: TestClient, headers: Headers, role: Role) -> None:
    who = headers("USA", role)
    assert client.patch("/needs/N-ALL", json={"priority": 5},
                        headers={**who, "If-Match": "1"}).status_code == 403
    assert client.delete("/offers/O-USA", headers=who).status_code == 403
    assert client.post("/funding", json={"ref": "F-X", "donor": "USA", "amount_eur": 5.0,
                                         "instrument": "budget", "available": "2027-01-01"},
                       headers=who).status_code == 403
    assert client.get("/needs/N-ALL", headers=who).json()["priority"] == 1


def test_an_illegal_transition_answers_422_naming_the_field_and_rule(
        client: TestClient, headers: Headers) -> None:
    answer = client.post("/needs/N-ALL/transitions", json={"status": "closed"},
                         headers=headers("POL", Role.COORDINATOR))
    assert answer.status_code == 422
    body = answer.json()
    assert body["field"] == "status"
    assert "open → closed" in body["rule"]


def test_a_caveat_or_unknown_item_is_refused_with_422_naming_the_field(
        client: TestClient, headers: Headers) -> None:
    pol = headers("POL", Role.DONOR_LIAISON)
    answer = client.post("/offers", json={**new_offer("POL"), "item": "NOPE"}, headers=pol)
    assert answer.status_code == 422
    assert answer.json()["field"] == "item"


def test_a_need_is_deleted_only_while_a_draft(client: TestClient, headers: Headers) -> None:
    liaison = headers("USA", Role.RECIPIENT_LIAISON)
    # N-ALL belongs to UKR (imported): a coordinator may change it, and finds it in use.
    assert client.delete("/needs/N-ALL", headers=headers("USA", Role.COORDINATOR)).status_code \
        == 422
    client.post("/needs", json=NEW_NEED, headers=liaison)
    assert client.delete("/needs/N-NEW", headers=liaison).status_code == 204
    assert client.get("/needs/N-NEW", headers=liaison).status_code == 404


def test_a_required_field_cannot_be_cleared_with_null_but_an_optional_one_can(
        client: TestClient, headers: Headers) -> None:
    coordinator = headers("POL", Role.COORDINATOR)
    cleared = client.patch("/needs/N-ALL", json={"due": None},
                           headers={**coordinator, "If-Match": "1"})
    assert cleared.status_code == 422
    assert cleared.json()["field"] == "due"
    pol = headers("POL", Role.DONOR_LIAISON)
    client.patch("/offers/O-POL", json={"funding": "EPF"}, headers={**pol, "If-Match": "1"})
    removed = client.patch("/offers/O-POL", json={"funding": None},
                           headers={**pol, "If-Match": "2"})
    assert removed.status_code == 200
    assert removed.json()["funding"] is None
