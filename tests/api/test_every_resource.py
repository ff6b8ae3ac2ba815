"""One generic check for every resource: its writer creates, reads (with an ETag), updates
with If-Match (a stale one gets 409), lists and deletes it; an auditor writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient

from clearinghouse.services.records.users import Role

Headers = Callable[[str, Role], dict[str, str]]
NSATU = {"code": "NSATU", "name": "NSATU", "starts": "2024-12-19", "ends": "2028-12-31"}


@dataclass(frozen=True)
class Spec:
    path: str
    writer: Role
    body: dict[str, Any]
    key: str
    change: dict[str, Any]
    setup: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


SPECS = [
    Spec("/nations", Role.COORDINATOR, {"code": "JPN", "name": "Japan", "nato": False,
                                        "eu": False, "role": "partner"}, "JPN",
         {"caveats": ["non-lethal-only"]}),
    Spec("/items", Role.COORDINATOR, {"code": "GEN", "name": "Generator", "capability": "energy",
                                      "class_code": "GEN", "unit": "piece",
                                      "unit_weight_kg": 400.0, "lethal": False}, "GEN",
         {"unit_weight_kg": 500.0}),
    Spec("/hubs", Role.COORDINATOR, {"code": "RO-SUC", "name": "Suceava", "country": "POL",
                                     "capacity_t_per_month": 5000.0, "opens": "2027-06-01"},
         "RO-SUC", {"capacity_t_per_month": 6000.0}),
    # Both classes must be classes of catalogue items (issue 15: an unknown class is 422).
    Spec("/substitutes", Role.COORDINATOR, {"need_class": "155mm-NATO", "offer_class": "IFAK",
                                            "factor": 0.5}, "155mm-NATO→IFAK", {"factor": 0.25}),
    Spec("/lanes", Role.COORDINATOR, {"origin": "USA", "hub": "PL-RZE", "transit_days": 14,
                                      "cost_per_t": 90.0}, "USA→PL-RZE", {"cost_per_t": 80.0}),
    Spec("/producers", Role.COORDINATOR, {"code": "UA-1", "name": "Drone works",
                                          "class_code": "IFAK", "unit_price_eur": 40.0,
                                          "capacity_per_month": 1000, "available": "2027-01-01",
                                          "lead_months": 2}, "UA-1", {"lead_months": 3}),
    Spec("/missions", Role.COORDINATOR, NSATU, "NSATU", {"name": "NSATU mission"}),
    Spec("/training-needs", Role.RECIPIENT_LIAISON, {"ref": "T-1", "category": "medical",
                                                     "trainees": 40, "priority": 2,
                                                     "due": "2027-04-01"}, "T-1",
         {"trainees": 50}),
    Spec("/courses", Role.DONOR_LIAISON, {"ref": "C-1", "host": "POL", "location": "POL",
                                          "category": "medical", "mission": "NSATU",
                                          "seats": 20, "starts": "2027-01-01",
                                          "ends": "2027-02-01"}, "C-1", {"seats": 25},
         setup=[("/missions", NSATU)]),
    Spec("/needs", Role.RECIPIENT_LIAISON, {"ref": "N-9", "class_code": "IFAK", "quantity": 10,
                                            "priority": 2, "due": "2027-05-01",
                                            "destination": "UKR"}, "N-9", {"priority": 1}),
    Spec("/offers", Role.DONOR_LIAISON, {"ref": "O-9", "donor": "POL", "item": "IFAK",
                                         "quantity": 5, "available": "2027-01-01",
                                         "origin": "POL"}, "O-9", {"quantity": 6}),
    Spec("/funding", Role.DONOR_LIAISON, {"ref": "F-9", "donor": "POL", "amount_eur": 5e5,
                                          "instrument": "national budget",
                                          "available": "2027-01-01"}, "F-9",
         {"amount_eur": 6e5}),
    Spec("/posts", Role.COORDINATOR, {"ref": "P-J3-1", "nation": "POL",
                                      "title": "Deputy chief J3", "branch": "operations",
                                      "starts": "2025-01-06"}, "P-J3-1",
         {"ends": "2026-07-31", "releasability": ["POL", "UKR"]}),
    Spec("/procurement", Role.DONOR_LIAISON, {"ref": "PR-9", "buyer": "POL", "class_code": "IFAK",
                                              "quantity": 50, "max_unit_price_eur": 45.0,
                                              "due": "2027-06-01"}, "PR-9",
         {"quantity": 60}),
]


@pytest.mark.parametrize("spec", SPECS, ids=[s.path for s in SPECS])
def test_its_writer_creates_reads_updates_lists_and_deletes_a_record(
        client: TestClient, headers: Headers, spec: Spec) -> None:
    for path, body in spec.setup:
        assert client.post(path, json=body, headers=headers("POL", Role.COORDINATOR)
                           ).status_code == 201
    writer = headers("POL", spec.writer)
    created = client.post(spec.path, json=spec.body, headers=writer)
    assert created.status_code == 201, created.text
    assert created.headers["ETag"] == '"1"'
    url = f"{spec.path}/{spec.key}"
    read = client.get(url, headers=headers("POL", Role.AUDITOR))
    assert read.json() == created.json()
    assert client.post(spec.path, json=spec.body, headers=writer).status_code == 409
    updated = client.patch(url, json=spec.change, headers={**writer, "If-Match": '"1"'})
    assert updated.status_code == 200, updated.text
    assert updated.json() == {**created.json(), **spec.change, "version": 2}
    stale = client.patch(url, json=spec.change, headers={**writer, "If-Match": '"1"'})
    assert stale.status_code == 409
    listed = client.get(spec.path, params={"limit": 500}, headers=writer).json()
    assert updated.json() in listed["items"]
    assert client.delete(url, headers={**writer, "If-Match": '"2"'}).status_code == 204
    assert client.get(url, headers=writer).status_code == 404


@pytest.mark.parametrize("spec", SPECS, ids=[s.path for s in SPECS])
def test_an_auditor_writes_nothing(client: TestClient, headers: Headers, spec: Spec) -> None:
    auditor = headers("POL", Role.AUDITOR)
    assert client.post(spec.path, json=spec.body, headers=auditor).status_code == 403
    total = client.get(spec.path, headers=auditor).json()["total"]
    assert total == len(client.get(spec.path, params={"limit": 500},
                                   headers=auditor).json()["items"])
