"""Owners (SPEC §1.1): a need belongs to the nation that filed it (the recipient's when
imported); the owner always sees it whatever its releasability says; only the owner's users
and coordinators who see it change it; nobody can make it invisible to its owner. On SQLite
and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.services.records.users import Role
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.api.conftest import PASSWORD_HASH, log_in

Headers = dict[str, str]
NEW_NEED = {"ref": "N-NEW", "class_code": "IFAK", "quantity": 10, "priority": 2,
            "due": "2027-05-01", "destination": "UKR"}


@pytest.fixture
def as_user(app: FastAPI, client: TestClient) -> Callable[[str, Role], Headers]:
    """Headers of a user of any nation and role (made on first use)."""
    made: dict[str, Headers] = {}

    def of(nation: str, role: Role) -> Headers:
        name = f"own-{nation.lower()}-{role.value}"
        if name not in made:
            with SqlUnitOfWork(app.state.engine, "test") as uow:
                uow.users.add(name, PASSWORD_HASH, nation, role.value)
                uow.commit()
            made[name] = log_in(client, name)
        return made[name]

    return of


def patch(client: TestClient, who: Headers, ref: str, changes: dict[str, object]) -> int:
    current = client.get(f"/needs/{ref}", headers=who)
    version = current.headers.get("ETag", '"1"')
    return client.patch(f"/needs/{ref}", json=changes,
                        headers={**who, "If-Match": version}).status_code


def test_imported_needs_belong_to_the_recipient_and_filed_ones_to_the_filer(
        client: TestClient, as_user: Callable[[str, Role], Headers]) -> None:
    auditor = as_user("POL", Role.AUDITOR)
    assert client.get("/needs/N-ALL", headers=auditor).json()["owner"] == "UKR"
    filed = client.post("/needs", json=NEW_NEED, headers=as_user("POL", Role.RECIPIENT_LIAISON))
    assert filed.status_code == 201, filed.text
    assert filed.json()["owner"] == "POL"
    claimed = client.post("/needs", json={**NEW_NEED, "ref": "N-X", "owner": "USA"},
                          headers=as_user("POL", Role.RECIPIENT_LIAISON))
    assert claimed.status_code == 422  # the owner is never taken from the request


def test_another_nations_liaison_cannot_hide_the_recipients_need_from_it(
        client: TestClient, as_user: Callable[[str, Role], Headers]) -> None:
    gbr, ukr = as_user("GBR", Role.RECIPIENT_LIAISON), as_user("UKR", Role.RECIPIENT_LIAISON)
    assert patch(client, gbr, "N-ALL", {"releasability": ["GBR"]}) == 403  # sees, not owns
    assert patch(client, gbr, "N-POL", {"releasability": ["GBR"]}) == 404  # does not see
    mine = client.get("/needs/N-ALL", headers=ukr)
    assert mine.status_code == 200
    assert mine.json()["releasability"] == ["ALL"]
    assert patch(client, ukr, "N-POL", {"quantity": 250}) == 200  # the owner changes it


def test_a_coordinator_may_restrict_a_need_but_its_owner_still_sees_it(
        client: TestClient, as_user: Callable[[str, Role], Headers]) -> None:
    coordinator = as_user("POL", Role.COORDINATOR)
    assert patch(client, coordinator, "N-ALL", {"releasability": ["POL"]}) == 200
    ukr = as_user("UKR", Role.RECIPIENT_LIAISON)
    assert client.get("/needs/N-ALL", headers=ukr).status_code == 200
    listed = client.get("/needs", headers=ukr).json()
    assert "N-ALL" in {n["ref"] for n in listed["items"]}
    assert client.get("/needs/N-ALL", headers=as_user("USA", Role.AUDITOR)).status_code == 404


def test_a_coordinator_cannot_save_a_need_out_of_its_own_sight(
        client: TestClient, as_user: Callable[[str, Role], Headers]) -> None:
    coordinator = as_user("POL", Role.COORDINATOR)
    current = client.get("/needs/N-ALL", headers=coordinator)
    answer = client.patch("/needs/N-ALL", json={"releasability": ["USA"]},
                          headers={**coordinator, "If-Match": current.headers["ETag"]})
    assert answer.status_code == 422
    assert "releasability" in answer.text
    assert "include POL" in answer.text


def test_a_coordinator_who_files_a_need_released_to_others_still_sees_it(
        client: TestClient, as_user: Callable[[str, Role], Headers]) -> None:
    coordinator = as_user("DEU", Role.COORDINATOR)
    filed = client.post("/needs", json={**NEW_NEED, "releasability": ["POL", "UKR"]},
                        headers=coordinator)
    assert filed.status_code == 201, filed.text
    found = client.get("/needs/N-NEW", headers=coordinator)
    assert found.status_code == 200
    assert found.json()["owner"] == "DEU"
