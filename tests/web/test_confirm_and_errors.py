"""Ending a record and approving a plan ask first (a confirm page, no script, saying what
the step does), and a form in error puts the focus on its first invalid field, tied to its
message."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.seed import approve
from tests.shipment_runs import through_hub
from tests.web.conftest import csrf_of

AsUser = Callable[[str], TestClient]


def _version(page: str) -> str:
    return re.findall(r'name="version" value="(\d+)"', page)[0]


def test_marking_a_need_cancelled_asks_first_and_changes_nothing_until_confirmed(
        as_user: AsUser) -> None:
    client = as_user("coord")
    page = client.get("/ui/needs/N-ART").text
    asked = client.post("/ui/needs/N-ART/status", data={
        "csrf": csrf_of(page), "version": _version(page), "status": "cancelled"},
        follow_redirects=False)
    assert asked.status_code == 200
    assert "Mark need N-ART cancelled?" in asked.text
    assert '<input type="hidden" name="confirm" value="yes">' in asked.text
    assert "<script" not in asked.text.split("<main")[1]
    assert '<small class="status">open</small>' in client.get("/ui/needs/N-ART").text
    done = client.post("/ui/needs/N-ART/status", data={
        "csrf": csrf_of(asked.text), "version": _version(page), "status": "cancelled",
        "confirm": "yes"}, follow_redirects=False)
    assert done.status_code == 303
    assert '<small class="status">cancelled</small>' in client.get("/ui/needs/N-ART").text


def test_a_step_that_ends_nothing_needs_no_confirmation(as_user: AsUser) -> None:
    client = as_user("pol-donor")
    page = client.get("/ui/offers/O-POL").text
    moved = client.post("/ui/offers/O-POL/status", data={
        "csrf": csrf_of(page), "version": _version(page), "status": "accepted"},
        follow_redirects=False)
    assert moved.status_code in (303, 403, 422)
    assert "Confirm" not in moved.text


def test_the_first_invalid_field_takes_the_focus_and_names_its_error(as_user: AsUser) -> None:
    client = as_user("coord")
    form = client.get("/ui/needs/new").text
    answer = client.post("/ui/needs/new", data={
        "csrf": csrf_of(form), "ref": "N-BAD", "class_code": "155mm-NATO", "quantity": "-3",
        "priority": "9", "due": "2027-01-01", "destination": "UKR",
        "releasability": "ALL"})
    assert answer.status_code == 422
    invalid = re.findall(r"<(?:input|select)[^>]*aria-invalid=\"true\"[^>]*>", answer.text)
    assert len(invalid) >= 2
    assert "autofocus" in invalid[0]
    assert not any("autofocus" in tag for tag in invalid[1:])
    described = re.search(r'aria-describedby="(error-[a-z_]+)"', invalid[0])
    assert described is not None
    assert f'id="{described.group(1)}"' in answer.text


def _run(app: FastAPI, delivered: dict[str, float], offers: list[str]) -> int:
    """A finished plan run delivering ``delivered`` (need → units) from ``offers``."""
    start = date.today().replace(day=1)
    with SqlUnitOfWork(app.state.engine, "test") as uow:
        run = uow.plan_runs.add("test", {"start": start.isoformat(), "horizon": 12},
                                status="optimal")
        uow.plan_runs.record_result(
            run.id, status="optimal", value=1.0, lp_bound=1.0,
            summary={"status": "optimal",
                     "needs": {ref: {"delivered": units} for ref, units in delivered.items()}},
            allocations=[through_hub(offer, "N-ART", 0, 10) for offer in offers])
        uow.commit()
    return run.id


def test_approving_a_plan_asks_first_saying_which_run_it_replaces_and_what_changes(
        app: FastAPI, as_user: AsUser) -> None:
    first = _run(app, {"N-ART": 100.0}, ["O-POL"])
    approve(app.state.settings, first)
    second = _run(app, {"N-ART": 200.0, "N-MED": 50.0}, ["O-POL", "O-JPN"])
    client = as_user("coord")
    page = client.get(f"/ui/plans/{second}").text
    asked = client.post(f"/ui/plans/{second}/approve", data={"csrf": csrf_of(page)},
                        follow_redirects=False)
    assert asked.status_code == 200
    assert f"Approve plan run {second}?" in asked.text
    consequence = asked.text.split('id="consequence">')[1].split("</p>")[0]
    assert f"It replaces run {first} as the approved plan" in consequence
    assert "the planned quantities of 2 needs change and 1 offer change status" in consequence
    assert '<input type="hidden" name="confirm" value="yes">' in asked.text
    assert f'href="/ui/plans/{second}"' in asked.text  # the way back
    assert "not approved" in client.get(f"/ui/plans/{second}").text  # nothing changed yet
    done = client.post(f"/ui/plans/{second}/approve",
                       data={"csrf": csrf_of(asked.text), "confirm": "yes"},
                       follow_redirects=False)
    assert done.status_code == 303
    assert 'id="plan-status">approved' in client.get(f"/ui/plans/{second}").text


def test_a_liaison_is_refused_the_approval_question_as_the_approval(
        app: FastAPI, as_user: AsUser) -> None:
    run = _run(app, {"N-ART": 100.0}, ["O-POL"])
    client = as_user("pol-donor")
    page = client.get(f"/ui/plans/{run}").text
    asked = client.post(f"/ui/plans/{run}/approve", data={"csrf": csrf_of(page)})
    assert asked.status_code == 403
    assert "Approve plan run" not in asked.text
