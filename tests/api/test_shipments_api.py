"""Shipments over the API: created from an approved run by coordinators and logisticians,
read only where the source and every need are released to the user's nation, events guarded
by If-Match and by the shipment's lifecycle; throughput and ledger over released records."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.config import Settings
from clearinghouse.services.records.users import Role
from tests.shipment_runs import approved_run, stored_run, through_hub

Headers = Callable[[str, Role], dict[str, str]]
START = date(2027, 1, 1)
#: O-POL is POL's own; O-USA is hidden from POL; O-USA-ALL is released to all, but its
#: month-1 shipment carries units for N-USA, which POL may not see.
ALLOCATIONS = [through_hub("O-POL", "N-POL", 0, 30), through_hub("O-USA", "N-USA", 0, 40),
               through_hub("O-USA-ALL", "N-ALL", 0, 40),
               through_hub("O-USA-ALL", "N-USA", 1, 10)]
POL_SHIPMENT = "S{run}-O-POL-PL-RZE-M00"
SEEN_BY = {
    "POL": {"S{run}-O-POL-PL-RZE-M00", "S{run}-O-USA-ALL-PL-RZE-M00"},
    "USA": {"S{run}-O-USA-PL-RZE-M00", "S{run}-O-USA-ALL-PL-RZE-M00",
            "S{run}-O-USA-ALL-PL-RZE-M01"},
}


def refs(names: set[str], run: int) -> set[str]:
    return {n.format(run=run) for n in names}


@pytest.fixture
def run(app: FastAPI, settings: Settings) -> int:
    return approved_run(settings, app.state.engine, START, ALLOCATIONS)


@pytest.fixture
def shipped(client: TestClient, headers: Headers, run: int) -> int:
    answer = client.post(f"/plans/{run}/shipments", headers=headers("POL", Role.LOGISTICIAN))
    assert answer.status_code == 201, answer.text
    return run


def event(client: TestClient, who: dict[str, str], ref: str, kind: str,
          version: int | None = None, **extra: Any) -> Any:
    more = {} if version is None else {"If-Match": f'"{version}"'}
    return client.post(f"/shipments/{ref}/events", json={"kind": kind, **extra},
                       headers={**who, **more})


def test_coordinators_and_logisticians_create_the_shipments_of_an_approved_run_once(
        app: FastAPI, client: TestClient, headers: Headers, run: int) -> None:
    draft = stored_run(app.state.engine, START, ALLOCATIONS)
    coordinator = headers("USA", Role.COORDINATOR)
    refused = client.post(f"/plans/{draft}/shipments", headers=coordinator)
    assert refused.status_code == 422
    assert "not approved" in refused.json()["detail"]
    assert client.post("/plans/99999/shipments", headers=coordinator).status_code == 404
    for role in (Role.DONOR_LIAISON, Role.RECIPIENT_LIAISON, Role.AUDITOR):
        answer = client.post(f"/plans/{run}/shipments", headers=headers("POL", role))
        assert answer.status_code == 403, role
    made = client.post(f"/plans/{run}/shipments", headers=headers("POL", Role.LOGISTICIAN))
    assert made.status_code == 201
    # The run is shipped whole; the answer names only what POL may see.
    assert {s["ref"] for s in made.json()} == refs(SEEN_BY["POL"], run)
    again = client.post(f"/plans/{run}/shipments", headers=coordinator)
    assert again.status_code == 409
    assert "exist already" in again.json()["detail"]
    every = client.get("/shipments", params={"run": run}, headers=coordinator).json()
    assert every["total"] == 3  # USA sees three of the four


@pytest.mark.parametrize("nation", ["POL", "USA"])
def test_a_nation_sees_only_shipments_whose_source_and_every_need_are_released_to_it(
        client: TestClient, headers: Headers, shipped: int, nation: str) -> None:
    who = headers(nation, Role.DONOR_LIAISON)
    seen = refs(SEEN_BY[nation], shipped)
    page = client.get("/shipments", headers=who).json()
    assert {s["ref"] for s in page["items"]} == seen
    assert page["total"] == len(seen)
    hidden = refs(SEEN_BY["POL"] | SEEN_BY["USA"], shipped) - seen
    missing = client.get("/shipments/S1-NOPE", headers=who)
    assert missing.status_code == 404
    for ref in hidden:
        answer = client.get(f"/shipments/{ref}", headers=who)
        assert answer.status_code == 404
        assert answer.json()["detail"].replace(ref, "X") == \
            missing.json()["detail"].replace("S1-NOPE", "X")
        assert event(client, headers(nation, Role.LOGISTICIAN), ref,
                     "loaded").status_code == 404
    for params in ({"limit": 1, "offset": 1}, {"offer": "O-USA"}, {"offer": "O-POL"},
                   {"status": "planned", "hub": "PL-RZE"}, {"run": shipped}):
        sub = client.get("/shipments", params=params, headers=who).json()
        assert {s["ref"] for s in sub["items"]} <= seen, params
        assert sub["total"] <= len(seen), params
    assert client.get("/shipments", params={"status": "loaded"},
                      headers=who).json()["total"] == 0
    one = client.get("/shipments", params={"limit": 1, "offset": 1}, headers=who).json()
    assert (len(one["items"]), one["total"]) == (1, len(seen))


def test_an_event_needs_the_version_as_read_and_a_step_the_shipment_allows(
        client: TestClient, headers: Headers, shipped: int) -> None:
    who = headers("POL", Role.LOGISTICIAN)
    ref = POL_SHIPMENT.format(run=shipped)
    read = client.get(f"/shipments/{ref}", headers=who)
    assert read.headers["ETag"] == '"1"'
    assert (read.json()["status"], read.json()["quantity"], read.json()["events"]) == (
        "planned", 30, [])
    loaded = event(client, who, ref, "loaded", 1, at="2026-01-03T08:00:00", note="train 7")
    assert loaded.status_code == 201, loaded.text
    assert loaded.headers["ETag"] == '"2"'
    body = loaded.json()
    assert body["shipment"]["status"] == "loaded"
    assert body["offers_changed"] == ["O-POL"]
    assert body["event"] == {"kind": "loaded", "at": "2026-01-03T08:00:00Z", "quantity": 30,
                             "note": "train 7", "actor": "pol-logistician"}
    stale = event(client, who, ref, "at-hub", 1)
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    assert stale.headers["ETag"] == '"2"'
    illegal = event(client, who, ref, "delivered", 2, quantity=5)
    assert illegal.status_code == 409
    assert "must be dispatched first" in illegal.json()["detail"]
    earlier = event(client, who, ref, "at-hub", 2, at="2026-01-01T00:00:00Z")
    assert earlier.status_code == 409
    assert "before its last event" in earlier.json()["detail"]
    for kind in ("at-hub", "dispatched"):
        assert event(client, who, ref, kind).status_code == 201
    done = event(client, who, ref, "delivered", 4, quantity=30)
    assert done.status_code == 201, done.text
    assert done.json()["needs_changed"] == ["N-POL"]
    final = client.get(f"/shipments/{ref}", headers=headers("POL", Role.DONOR_LIAISON))
    assert final.headers["ETag"] == '"5"'
    shown = final.json()
    assert (shown["status"], shown["delivered"], shown["open"]) == ("delivered", 30, 0)
    assert [e["kind"] for e in shown["events"]] == ["loaded", "at-hub", "dispatched",
                                                    "delivered"]
    # Who recorded an event is for coordinators, auditors and logisticians.
    assert {e["actor"] for e in shown["events"]} == {None}
    closed = event(client, who, ref, "lost")
    assert closed.status_code == 409
    assert "closed" in closed.json()["detail"]


def test_only_logisticians_and_coordinators_record_events(
        client: TestClient, headers: Headers, shipped: int) -> None:
    ref = POL_SHIPMENT.format(run=shipped)
    for role in (Role.DONOR_LIAISON, Role.RECIPIENT_LIAISON, Role.AUDITOR):
        answer = event(client, headers("POL", role), ref, "loaded")
        assert answer.status_code == 403, role
    assert client.get(f"/shipments/{ref}",
                      headers=headers("POL", Role.AUDITOR)).json()["version"] == 1
    assert event(client, headers("POL", Role.COORDINATOR), ref, "loaded").status_code == 201
    bad = client.post(f"/shipments/{ref}/events", json={"kind": "teleported"},
                      headers=headers("POL", Role.COORDINATOR))
    assert bad.status_code == 422


def loads(client: TestClient, who: dict[str, str]) -> dict[str, tuple[float, float]]:
    answer = client.get("/reports/hub-throughput", headers=who)
    assert answer.status_code == 200, answer.text
    return {x["month"][:7]: (x["planned_t"], x["actual_t"]) for x in answer.json()["loads"]
            if x["hub"] == "PL-RZE"}


def ledger(client: TestClient, who: dict[str, str], by: str) -> dict[str, Any]:
    answer = client.get("/reports/ledger", params={"by": by}, headers=who)
    assert answer.status_code == 200, answer.text
    return {r["key"]: r["stages"] for r in answer.json()["rows"]}


def test_throughput_and_ledger_count_only_records_released_to_the_nation(
        client: TestClient, headers: Headers, shipped: int) -> None:
    ref = POL_SHIPMENT.format(run=shipped)
    logistician = headers("POL", Role.LOGISTICIAN)
    event(client, logistician, ref, "loaded", at="2027-01-03T00:00:00Z")
    event(client, logistician, ref, "at-hub", at="2027-01-05T00:00:00Z")
    pol, usa = headers("POL", Role.DONOR_LIAISON), headers("USA", Role.DONOR_LIAISON)
    t = 47 / 1000
    assert loads(client, pol)["2027-01"] == pytest.approx((70 * t, 30 * t))
    assert loads(client, pol)["2027-02"] == pytest.approx((0.0, 0.0))
    assert loads(client, usa)["2027-01"] == pytest.approx((80 * t, 0.0))
    assert loads(client, usa)["2027-02"] == pytest.approx((10 * t, 0.0))

    by_donor = ledger(client, pol, "donor")
    assert by_donor["USA"]["pledged"]["units"] == 50  # O-USA is hidden from POL
    assert by_donor["USA"]["allocated"]["units"] == 40  # and so is the shipment for N-USA
    assert by_donor["POL"]["pledged"] == {"units": 50, "eur": 1e6}  # O-POL and F-POL
    assert by_donor["POL"]["shipped"]["units"] == 30
    seen_by_usa = ledger(client, usa, "donor")
    assert seen_by_usa["USA"]["pledged"]["units"] == 100
    assert seen_by_usa["USA"]["allocated"]["units"] == 90
    assert seen_by_usa["POL"]["pledged"]["units"] == 0  # only F-POL: O-POL is POL's own
    assert seen_by_usa["POL"]["shipped"]["units"] == 0
    assert ledger(client, pol, "capability")["artillery"]["allocated"]["units"] == 70
    assert set(ledger(client, pol, "funding")) == {"national budget", "unspecified"}
    assert client.get("/reports/ledger", params={"by": "colour"},
                      headers=pol).status_code == 422
