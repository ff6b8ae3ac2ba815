"""The dashboard's work queue: each role sees what waits on its action, with links, and
never a record its nation may not see (SPEC §1.1)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.domain.lifecycle import NeedStatus
from clearinghouse.domain.needs import Need
from clearinghouse.domain.offers import Offer
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.seed import approve
from tests.shipment_runs import stored_run, through_hub
from tests.web.conftest import ON_BOTH_DATABASES, csrf_of
from tests.web.world import HIDDEN_OFFER

AsUser = Callable[[str], TestClient]


def task(html: str, key: str) -> str:
    """The HTML of one task of the queue (empty when the page has none)."""
    found = re.search(rf'<div class="task" id="task-{key}">(.*?)</div>', html, re.S)
    return found.group(1) if found else ""


def count(html: str, key: str) -> int:
    found = re.search(r'<span class="count">(\d+)</span>', task(html, key))
    assert found is not None, f"no task {key} on the page"
    return int(found.group(1))


def add(app: FastAPI, *records: Need | Offer) -> None:
    with SqlUnitOfWork(app.state.engine, "test") as uow:
        for record in records:
            uow.sheet("needs" if isinstance(record, Need) else "offers").add(record)
        uow.commit()


@ON_BOTH_DATABASES
def test_a_coordinator_sees_plans_newer_than_the_approved_one_and_draft_needs(
        app: FastAPI, as_user: AsUser) -> None:
    start = date.today().replace(day=1)
    older = stored_run(app.state.engine, start, [])
    approved = stored_run(app.state.engine, start, [])
    approve(app.state.settings, approved)
    newer = stored_run(app.state.engine, start, [])
    soon = date.today() + timedelta(days=30)
    add(app, Need("N-DRAFT", "IFAK", 10, 2, soon, "UKR", status=NeedStatus.DRAFT),
        Need("N-DRAFT-HIDDEN", "IFAK", 10, 1, soon, "UKR", ("UKR", "USA"),
             status=NeedStatus.DRAFT))
    html = as_user("coord").get("/ui/").text
    plans = task(html, "plans")
    assert count(html, "plans") == 1
    assert f'href="/ui/plans/{newer}"' in plans
    assert f"/ui/plans/{older}\"" not in plans
    assert f"/ui/plans/{approved}\"" not in plans
    assert count(html, "drafts") == 1
    assert 'href="/ui/needs/N-DRAFT"' in task(html, "drafts")
    assert "N-DRAFT-HIDDEN" not in html


def test_a_failed_or_running_plan_run_awaits_nobody(app: FastAPI, as_user: AsUser) -> None:
    with SqlUnitOfWork(app.state.engine, "test") as uow:
        uow.plan_runs.add("x", {"start": "2026-01-01", "horizon": 12}, status="running")
        uow.commit()
    html = as_user("coord").get("/ui/").text
    assert count(html, "plans") == 0
    assert "No finished plan run is newer than the approved plan." in task(html, "plans")


@ON_BOTH_DATABASES
def test_a_recipient_liaison_sees_its_overdue_needs_not_met(app: FastAPI,
                                                            as_user: AsUser) -> None:
    past = date.today() - timedelta(days=3)
    add(app, Need("N-LATE", "IFAK", 10, 2, past, "UKR"),
        Need("N-LATE-MET", "IFAK", 10, 2, past, "UKR", status=NeedStatus.MET),
        Need("N-LATE-ELSEWHERE", "IFAK", 10, 2, past, "POL"),
        Need("N-LATE-HIDDEN", "IFAK", 10, 2, past, "UKR", ("POL",)))
    html = as_user("ukr-liaison").get("/ui/").text
    overdue = task(html, "overdue")
    assert count(html, "overdue") == 1
    assert 'href="/ui/needs/N-LATE"' in overdue
    assert "N-LATE-MET" not in overdue
    assert "N-LATE-ELSEWHERE" not in overdue
    assert "N-LATE-HIDDEN" not in html
    assert task(html, "plans") == ""  # approving plans is a coordinator's work


@ON_BOTH_DATABASES
def test_a_donor_liaison_sees_its_own_offers_awaiting_acceptance(app: FastAPI,
                                                                 as_user: AsUser) -> None:
    html = as_user("pol-donor").get("/ui/").text
    offers = task(html, "offers")
    assert count(html, "offers") == 1
    assert 'href="/ui/offers/O-POL"' in offers
    assert "O-JPN" not in offers  # Japan's offer waits on Japan, not on Poland
    usa = as_user("usa-donor").get("/ui/").text
    assert f'href="/ui/offers/{HIDDEN_OFFER}"' in task(usa, "offers")


@ON_BOTH_DATABASES
def test_a_logistician_sees_shipments_late_and_only_released_ones(app: FastAPI,
                                                                  as_user: AsUser) -> None:
    start = (date.today() - timedelta(days=200)).replace(day=1)
    add(app, Offer("O-POL-OLD", "POL", "155-HE", 100, start, "POL"))
    run = stored_run(app.state.engine, start, [
        through_hub("O-POL-OLD", "N-ART", 0, 100), through_hub(HIDDEN_OFFER, "N-USA-ONLY", 0, 50)])
    approve(app.state.settings, run)
    client = as_user("logistician")
    token = csrf_of(client.get(f"/ui/plans/{run}").text)
    assert client.post(f"/ui/plans/{run}/shipments", data={"csrf": token},
                       follow_redirects=False).status_code == 303
    html = client.get("/ui/").text
    late = task(html, "late")
    assert count(html, "late") == 1
    assert f'href="/ui/shipments/S{run}-O-POL-OLD-PL-RZE-M00"' in late
    assert "days late" in late
    assert HIDDEN_OFFER not in html


def test_every_role_sees_the_mandates_ending(as_user: AsUser) -> None:
    for name in ("coord", "ukr-liaison", "usa-donor", "logistician", "auditor"):
        html = as_user(name).get("/ui/").text
        assert count(html, "mandates") == 1, name  # NSATU ends in 45 days
        assert "NSATU" in task(html, "mandates")


def test_a_plan_awaiting_approval_says_when_it_ran_in_utc(app: FastAPI,
                                                          as_user: AsUser) -> None:
    waiting = stored_run(app.state.engine, date.today().replace(day=1), [])
    plans = task(as_user("coord").get("/ui/").text, "plans")
    assert f'href="/ui/plans/{waiting}"' in plans
    assert re.search(r"run \d{4}-\d\d-\d\d \d\d:\d\d UTC by test", plans), plans
