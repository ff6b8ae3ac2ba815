"""Nations, items and hubs: released to all, read by every role, changed by coordinators."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.services.records.users import Role, create_user
from tests.api.conftest import PASSWORD, log_in

Headers = Callable[[str, Role], dict[str, str]]
NEW = {
    "/nations": {"code": "JPN", "name": "Japan", "nato": False, "eu": False, "role": "partner",
                 "caveats": ["non-lethal-only"]},
    "/items": {"code": "GEN", "name": "Generator", "capability": "energy", "class_code": "GEN",
               "unit": "piece", "unit_weight_kg": 400.0, "lethal": False},
    "/hubs": {"code": "RO-SUC", "name": "Suceava", "country": "POL",
              "capacity_t_per_month": 5000.0, "opens": "2027-06-01"},
}


@pytest.mark.parametrize("role", list(Role))
def test_every_role_of_every_nation_reads_the_catalogue(
        client: TestClient, headers: Headers, role: Role) -> None:
    for nation in ("POL", "USA"):
        who = headers(nation, role)
        assert client.get("/nations", headers=who).json()["total"] == 3
        assert client.get("/items", params={"lethal": True}, headers=who).json()["total"] == 1
        assert client.get("/hubs/PL-RZE", headers=who).json()["country"] == "POL"


@pytest.mark.parametrize("path", list(NEW))
@pytest.mark.parametrize("role", list(Role))
def test_only_coordinators_add_to_the_catalogue(
        client: TestClient, headers: Headers, path: str, role: Role) -> None:
    answer = client.post(path, json=NEW[path], headers=headers("USA", role))
    assert answer.status_code == (201 if role is Role.COORDINATOR else 403), answer.text


def test_a_nations_caveat_then_refuses_its_lethal_offers_naming_the_caveat(
        app: FastAPI, client: TestClient, headers: Headers) -> None:
    client.post("/nations", json=NEW["/nations"], headers=headers("USA", Role.COORDINATOR))
    create_user(app.state.engine, "jpn-donor", PASSWORD, "JPN", "donor-liaison")
    jpn = log_in(client, "jpn-donor")
    offer = {"ref": "O-JPN", "donor": "JPN", "item": "155-HE", "quantity": 1,
             "available": "2027-01-01", "origin": "JPN"}
    refused = client.post("/offers", json=offer, headers=jpn)
    assert refused.status_code == 422
    assert refused.json()["field"] == "item"
    assert "non-lethal-only" in refused.json()["detail"]
    assert client.post("/offers", json={**offer, "item": "IFAK"}, headers=jpn).status_code == 201


def test_a_hub_in_an_unknown_country_or_a_referenced_nation_delete_is_a_422(
        client: TestClient, headers: Headers) -> None:
    coordinator = headers("POL", Role.COORDINATOR)
    answer = client.post("/hubs", json={**NEW["/hubs"], "country": "ROU"}, headers=coordinator)
    assert answer.status_code == 422
    assert client.delete("/nations/POL", headers=coordinator).status_code == 422
    assert client.get("/nations/POL", headers=coordinator).status_code == 200
