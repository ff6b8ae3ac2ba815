"""Shipment pages: the list and throughput table hold only what the user's nation may see,
coordinators and logisticians create a run's shipments and record events, and every refusal
is a page that says why — never a server error."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

from tests.seed import approve
from tests.shipment_runs import stored_run, through_hub
from tests.web.conftest import csrf_of
from tests.web.world import HIDDEN_OFFER

AsUser = Callable[[str], TestClient]


def shipment_ref(run: int, offer: str) -> str:
    return f"S{run}-{offer}-PL-RZE-M00"


@pytest.fixture
def run(app: FastAPI) -> int:
    start = date.today().replace(day=1)
    run_id = stored_run(app.state.engine, start, [
        through_hub("O-POL", "N-ART", 0, 100), through_hub(HIDDEN_OFFER, "N-USA-ONLY", 0, 50),
        through_hub("O-JPN", "N-MED", 0, 200, kg=0.5)])
    approve(app.state.settings, run_id, "test")
    return run_id


def create(client: TestClient, run: int) -> Response:
    token = csrf_of(client.get(f"/ui/plans/{run}").text)
    return client.post(f"/ui/plans/{run}/shipments", data={"csrf": token},
                       follow_redirects=False)


@pytest.fixture
def shipped(as_user: AsUser, run: int) -> int:
    answer = create(as_user("logistician"), run)
    assert answer.status_code == 303
    return run


def test_only_coordinators_and_logisticians_create_the_shipments_of_an_approved_plan(
        app: FastAPI, as_user: AsUser, run: int) -> None:
    donor = as_user("pol-donor")
    assert 'id="create-shipments"' not in donor.get(f"/ui/plans/{run}").text
    refused = create(donor, run)
    assert refused.status_code == 403
    coordinator = as_user("coord")
    plan_page = coordinator.get(f"/ui/plans/{run}").text
    assert 'id="create-shipments"' in plan_page
    listing = coordinator.get("/ui/shipments").text
    assert f'id="create-shipments-{run}"' in listing
    forged = coordinator.post(f"/ui/plans/{run}/shipments", data={"csrf": "forged"})
    assert forged.status_code == 403
    made = create(coordinator, run)
    assert made.status_code == 303
    assert made.headers["location"] == f"/ui/shipments?run={run}"
    assert f'id="create-shipments-{run}"' not in coordinator.get("/ui/shipments").text
    again = create(coordinator, run)  # idempotent: nothing new, and the page says so
    assert again.status_code == 303
    assert again.headers["location"] == f"/ui/shipments?run={run}&created=already"
    assert f"Shipments already created for run {run}" in coordinator.get(
        again.headers["location"]).text
    draft = stored_run(app.state.engine, date.today().replace(day=1), [])
    token = csrf_of(coordinator.get("/ui/shipments").text)
    unapproved = coordinator.post(f"/ui/plans/{draft}/shipments", data={"csrf": token})
    assert unapproved.status_code == 422
    assert "not approved" in unapproved.text
    missing = coordinator.post("/ui/plans/99999999999/shipments", data={"csrf": token})
    assert missing.status_code == 404


def test_the_list_and_the_throughput_table_hold_only_released_shipments(
        as_user: AsUser, shipped: int) -> None:
    hidden = shipment_ref(shipped, HIDDEN_OFFER)
    polish = as_user("pol-donor")
    page = polish.get("/ui/shipments")
    assert page.status_code == 200
    assert shipment_ref(shipped, "O-POL") in page.text
    assert shipment_ref(shipped, "O-JPN") in page.text
    assert hidden not in page.text
    assert 'id="throughput"' in page.text
    # 100 rounds of 47 kg and 200 kits of 0.5 kg this month; the hidden 50 rounds are not.
    assert "<td>4.8</td>" in page.text
    assert "create-shipments" not in page.text
    assert polish.get(f"/ui/shipments/{hidden}").status_code == 404
    assert hidden not in polish.get("/ui/shipments?status=planned").text
    filtered = polish.get("/ui/shipments", params={"status": "loaded"})
    assert shipment_ref(shipped, "O-POL") not in filtered.text
    assert "No shipments match" in filtered.text
    odd = polish.get("/ui/shipments", params={"status": "teleported", "run": "x", "page": "-3"})
    assert odd.status_code == 200
    american = as_user("usa-donor").get("/ui/shipments")
    assert hidden in american.text
    assert "<td>7.1</td>" in american.text  # 150 rounds; the kits are for a need USA cannot see


def record(client: TestClient, ref: str, **values: str) -> Response:
    page = client.get(f"/ui/shipments/{ref}").text
    return client.post(f"/ui/shipments/{ref}/events",
                       data={"csrf": csrf_of(page), **values}, follow_redirects=False)


def test_the_event_form_records_events_and_shows_every_refusal_on_the_page(
        as_user: AsUser, shipped: int) -> None:
    ref = shipment_ref(shipped, "O-POL")
    logistician = as_user("logistician")
    page = logistician.get(f"/ui/shipments/{ref}").text
    assert 'id="event-form"' in page
    loaded = record(logistician, ref, kind="loaded", version="1", note="train 7")
    assert loaded.status_code == 303
    page = logistician.get(f"/ui/shipments/{ref}").text
    assert 'id="shipment-status">loaded<' in page
    assert "train 7" in page
    assert "logistician" in page
    stale = record(logistician, ref, kind="at-hub", version="1")
    assert stale.status_code == 409
    assert "changed since it was read" in stale.text
    illegal = record(logistician, ref, kind="delivered", quantity="10")
    assert illegal.status_code == 409
    assert "must be dispatched first" in illegal.text
    for values in ({"kind": "teleported"}, {"kind": "lost", "quantity": "many"},
                   {"kind": "lost", "quantity": "0"}, {"kind": "at-hub", "at": "yesterday"}):
        bad = record(logistician, ref, **values)
        assert bad.status_code == 422, values
        assert 'role="alert"' in bad.text
    too_many = record(logistician, ref, kind="lost", quantity="101")
    assert too_many.status_code == 409
    assert "only 100 of 100" in too_many.text
    forged = logistician.post(f"/ui/shipments/{ref}/events",
                              data={"csrf": "forged", "kind": "at-hub"})
    assert forged.status_code == 403
    assert record(as_user("coord"), ref, kind="at-hub").status_code == 303


def test_other_roles_read_a_shipment_but_may_not_record_its_events(
        as_user: AsUser, shipped: int) -> None:
    ref = shipment_ref(shipped, "O-POL")
    for name in ("pol-donor", "auditor", "ukr-liaison"):
        client = as_user(name)
        page = client.get(f"/ui/shipments/{ref}")
        assert page.status_code == 200
        assert 'id="event-form"' not in page.text
        refused = record(client, ref, kind="loaded")
        assert refused.status_code == 403, name
        assert "coordinators and logisticians" in refused.text
    hidden = shipment_ref(shipped, HIDDEN_OFFER)
    logistician = as_user("logistician")
    token = csrf_of(logistician.get(f"/ui/shipments/{ref}").text)
    answer = logistician.post(f"/ui/shipments/{hidden}/events",
                              data={"csrf": token, "kind": "loaded"})
    assert answer.status_code == 404
    assert as_user("usa-donor").get(f"/ui/shipments/{hidden}").status_code == 200


def test_a_shipment_page_writes_its_units_and_event_times_as_every_page_does(
        app: FastAPI, as_user: AsUser) -> None:
    run_id = stored_run(app.state.engine, date.today().replace(day=1),
                        [through_hub("O-POL", "N-ART", 0, 1234)])
    approve(app.state.settings, run_id, "test")
    logistician = as_user("logistician")
    assert create(logistician, run_id).status_code == 303
    ref = shipment_ref(run_id, "O-POL")
    assert record(logistician, ref, kind="loaded", version="1",
                  at="2026-01-05T14:30").status_code == 303
    page = logistician.get(f"/ui/shipments/{ref}").text
    assert "<dd>1,234 (0 delivered, 0 lost, 0 returned, 1,234 open)</dd>" in page
    assert '<td class="num">1,234</td>' in page
    assert "<td>2026-01-05 14:30 UTC</td><td>loaded</td>" in page
