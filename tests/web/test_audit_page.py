"""The audit page: coordinators and auditors read who changed which record when, filter
by user, record and time, and export what they filtered as CSV — never an entry about a
record their nation may not see."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.web.conftest import ON_BOTH_DATABASES
from tests.web.world import HIDDEN_OFFER

AsUser = Callable[[str], TestClient]


@pytest.fixture
def edited(app: FastAPI) -> None:
    """The coordinator changes O-POL's quantity (the rest of the log is the seeding's)."""
    with SqlUnitOfWork(app.state.engine, "coord") as uow:
        offers = uow.sheet("offers")
        stored = offers.get_by_ref("O-POL")
        assert stored is not None
        offers.update(dataclasses.replace(stored.record, quantity=250),
                      expected_version=stored.version)
        uow.commit()


def rows(html: str) -> list[str]:
    table = html.split('id="audit"')[1].split("</table>")[0] if 'id="audit"' in html else ""
    return re.findall(r"<tr><td>.*?</tr>", table, re.S)


@ON_BOTH_DATABASES
def test_an_auditor_filters_the_log_by_user_and_record(as_user: AsUser, edited: None) -> None:
    client = as_user("auditor")
    everything = client.get("/ui/audit").text
    assert HIDDEN_OFFER not in everything
    by_coord = rows(client.get("/ui/audit", params={"user": "coord"}).text)
    assert len(by_coord) == 1
    assert "quantity: 300 → 250" in by_coord[0]
    record = rows(client.get("/ui/audit", params={"entity": "offers", "key": "O-POL"}).text)
    assert len(record) == 2  # imported, then changed
    assert rows(client.get("/ui/audit", params={"entity": "offers",
                                                "key": HIDDEN_OFFER}).text) == []


@ON_BOTH_DATABASES
def test_the_time_filter_takes_whole_days(as_user: AsUser, edited: None) -> None:
    client = as_user("coord")
    today = date.today()
    assert len(rows(client.get("/ui/audit", params={
        "user": "coord", "from": today.isoformat(), "to": today.isoformat()}).text)) == 1
    tomorrow, yesterday = today + timedelta(days=1), today - timedelta(days=1)
    assert rows(client.get("/ui/audit", params={"from": tomorrow.isoformat()}).text) == []
    assert rows(client.get("/ui/audit", params={"to": yesterday.isoformat()}).text) == []


def test_the_export_holds_exactly_the_filtered_entries(as_user: AsUser, edited: None) -> None:
    client = as_user("auditor")
    answer = client.get("/ui/audit.csv", params={"entity": "offers"})
    assert answer.headers["content-type"].startswith("text/csv")
    exported = list(csv.DictReader(io.StringIO(answer.text)))
    page = client.get("/ui/audit", params={"entity": "offers"}).text
    assert f"Audit log <small>({len(exported)})</small>" in page
    assert {r["entity"] for r in exported} == {"offers"}
    assert HIDDEN_OFFER not in answer.text
    assert any(r["actor"] == "coord" and "quantity: 300 → 250" in r["changes"]
               for r in exported)


def test_only_coordinators_and_auditors_open_the_audit_page(as_user: AsUser) -> None:
    for name in ("pol-donor", "ukr-liaison", "logistician"):
        client = as_user(name)
        assert client.get("/ui/audit").status_code == 403, name
        assert client.get("/ui/audit.csv").status_code == 403, name
        assert 'href="/ui/audit"' not in client.get("/ui/").text
    assert 'href="/ui/audit"' in as_user("auditor").get("/ui/").text


def test_a_bad_date_is_refused_naming_the_field(as_user: AsUser) -> None:
    answer = as_user("coord").get("/ui/audit", params={"from": "last week"})
    assert answer.status_code == 422
    assert "from &#39;last week&#39;: must be a date" in answer.text


@ON_BOTH_DATABASES
@pytest.mark.parametrize("asked", ["99999999999999999999", "-1", "abc", "1e3", "٣"])
def test_any_page_number_answers_a_page_never_an_error(as_user: AsUser, asked: str) -> None:
    answer = as_user("auditor").get("/ui/audit", params={"page": asked})
    assert answer.status_code == 200
    assert "<h1>Audit log" in answer.text
