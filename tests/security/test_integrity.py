"""Every write path keeps the picture plannable: what a record names must exist, a record
still named elsewhere cannot be deleted or renamed away, and no write leaves the planner
with an inconsistent bundle."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.domain.errors import DomainError
from clearinghouse.services.records.users import Role

Headers = Callable[[str, Role], dict[str, str]]


def test_a_substitute_naming_an_unknown_class_is_422_naming_the_field(
        client: TestClient, headers: Headers) -> None:
    answer = client.post("/substitutes", headers=headers("POL", Role.COORDINATOR),
                         json={"need_class": "155mm-NATO", "offer_class": "NO-SUCH-CLASS",
                               "factor": 0.5})
    assert answer.status_code == 422
    body = answer.json()
    assert body["field"] == "offer_class"
    assert body["rule"] == "must name a known class"
    assert body["value"] == "NO-SUCH-CLASS"


def test_a_need_and_a_producer_must_name_a_known_class(
        client: TestClient, headers: Headers) -> None:
    who = headers("POL", Role.COORDINATOR)
    need = client.post("/needs", headers=who, json={
        "ref": "N-X", "class_code": "NO-SUCH", "quantity": 1, "priority": 1,
        "due": "2027-03-01", "destination": "UKR", "releasability": ["ALL"]})
    assert need.status_code == 422
    assert need.json()["field"] == "class_code"
    producer = client.post("/producers", headers=who, json={
        "code": "P-X", "name": "Drones", "class_code": "NO-SUCH", "unit_price_eur": 10,
        "capacity_per_month": 5, "available": "2027-01-01", "lead_months": 1})
    assert producer.status_code == 422
    assert producer.json()["field"] == "class_code"


def test_a_patch_cannot_point_a_record_at_an_unknown_hub(
        client: TestClient, headers: Headers) -> None:
    who = headers("POL", Role.COORDINATOR)
    created = client.post("/lanes", headers=who, json={
        "origin": "POL", "hub": "PL-RZE", "transit_days": 2, "cost_per_t": 10})
    assert created.status_code == 201, created.text
    bad = client.post("/lanes", headers=who, json={
        "origin": "USA", "hub": "NO-HUB", "transit_days": 2, "cost_per_t": 10})
    assert bad.status_code == 422
    assert bad.json()["field"] == "hub"


def test_an_item_still_named_by_offers_cannot_be_deleted(
        client: TestClient, headers: Headers) -> None:
    who = headers("POL", Role.COORDINATOR)
    answer = client.delete("/items/155-HE", headers=who)
    assert answer.status_code == 422
    assert "items 155-HE cannot be deleted: " in answer.json()["detail"]
    assert "sqlite" not in answer.text.lower()
    assert "psycopg" not in answer.text.lower()


def test_the_last_item_of_a_class_named_by_needs_cannot_change_its_class(
        client: TestClient, headers: Headers) -> None:
    who = headers("POL", Role.COORDINATOR)
    item = client.get("/items/155-HE", headers=who)
    answer = client.patch("/items/155-HE", headers={**who, "If-Match": item.headers["ETag"]},
                          json={"class_code": "OTHER"})
    assert answer.status_code == 422
    assert "still names class '155mm-NATO'" in answer.json()["detail"]


def test_a_class_kept_by_another_item_may_lose_one_of_its_items(
        client: TestClient, headers: Headers) -> None:
    who = headers("POL", Role.COORDINATOR)
    created = client.post("/items", headers=who, json={
        "code": "IFAK-2", "name": "Kit 2", "capability": "medical", "class_code": "IFAK",
        "unit": "kit", "unit_weight_kg": 0.5, "lethal": False})
    assert created.status_code == 201, created.text
    assert client.delete("/items/IFAK-2", headers=who).status_code == 204


def test_an_unused_item_may_be_deleted(client: TestClient, headers: Headers) -> None:
    who = headers("POL", Role.COORDINATOR)
    assert client.delete("/items/IFAK", headers=who).status_code == 204


def test_every_write_path_through_the_services_refuses_a_nul_byte(app: FastAPI) -> None:
    """The web forms call the same service as the API, without the API's schema patterns."""
    from clearinghouse.services.records.records import create_record
    from clearinghouse.services.records.users import User
    user = User("pol-coordinator", "POL", Role.COORDINATOR)
    with pytest.raises(DomainError) as refused:
        create_record(app.state.engine, user, "needs", {
            "ref": "N-NUL", "class_code": "IFAK", "quantity": 1, "priority": 1,
            "due": date(2027, 3, 1), "destination": "U\x00KR", "releasability": ["ALL"]})
    assert refused.value.field == "destination"
    assert refused.value.rule == "must not hold a NUL byte"
