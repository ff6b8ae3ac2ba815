"""Every web route: who may open it, what it answers, and that releasability holds on pages.

The tests that read records (every page opened, releasability, filters, sorting, pages,
totals) run on SQLite and on PostgreSQL (``ON_BOTH_DATABASES``); those of the login and
session flow, which no database dialect changes, on SQLite only — to keep the suite quick.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.conftest import ON_BOTH_DATABASES, csrf_of
from tests.web.world import HIDDEN_OFFER, PASSWORD

AsUser = Callable[[str], TestClient]
PAGES = ["/ui/", "/ui/needs", "/ui/offers", "/ui/needs/N-ART", "/ui/offers/O-POL",
         "/ui/needs/new", "/ui/offers/new", "/ui/needs/N-ART/edit", "/ui/offers/O-POL/edit",
         "/ui/plans", "/ui/import"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_sends_an_anonymous_visitor_to_the_login_page(app: FastAPI,
                                                                 path: str) -> None:
    answer = TestClient(app).get(path, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/ui/login?next=")


@ON_BOTH_DATABASES
# Not /ui/offers/new nor an offer's edit form: only donor liaisons file and change offers
# (tests/web/test_list_pages.py, tests/web/test_forms.py).
@pytest.mark.parametrize("path", [p for p in PAGES
                                  if p not in ("/ui/offers/new", "/ui/offers/O-POL/edit")])
def test_a_coordinator_opens_every_page(as_user: AsUser, path: str) -> None:
    answer = as_user("coord").get(path)
    assert answer.status_code == 200, answer.text
    assert "text/html" in answer.headers["content-type"]


def test_a_wrong_password_is_refused_on_the_login_page(app: FastAPI) -> None:
    client = TestClient(app)
    form = client.get("/ui/login")
    answer = client.post("/ui/login", data={"csrf": csrf_of(form.text), "username": "coord",
                                            "password": "not the password"})
    assert answer.status_code == 401
    assert "wrong user name or password" in answer.text
    assert client.get("/ui/", follow_redirects=False).status_code == 303


def test_a_login_form_without_its_token_is_refused(app: FastAPI) -> None:
    client = TestClient(app)
    client.get("/ui/login")
    answer = client.post("/ui/login", data={"csrf": "forged", "username": "coord",
                                            "password": PASSWORD})
    assert answer.status_code == 403


def test_the_session_cookie_is_httponly_and_same_site_strict(app: FastAPI) -> None:
    client = TestClient(app)
    form = client.get("/ui/login")
    answer = client.post("/ui/login", data={"csrf": csrf_of(form.text), "username": "coord",
                                            "password": PASSWORD}, follow_redirects=False)
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=strict" in cookie


def test_logging_out_revokes_the_session(as_user: AsUser) -> None:
    client = as_user("coord")
    dashboard = client.get("/ui/")
    token = client.cookies.get("ch_session")
    answer = client.post("/ui/logout", data={"csrf": csrf_of(dashboard.text)},
                         follow_redirects=False)
    assert answer.status_code == 303
    client.cookies.set("ch_session", token or "")  # the old cookie no longer works either
    assert client.get("/ui/", follow_redirects=False).status_code == 303


def test_a_form_posted_without_the_session_token_is_refused(as_user: AsUser) -> None:
    answer = as_user("ukr-liaison").post("/ui/needs/new", data={
        "ref": "N-X", "class_code": "IFAK", "quantity": "5", "priority": "2",
        "due": "2030-01-01", "destination": "UKR", "releasability": "ALL"})
    assert answer.status_code == 403


@ON_BOTH_DATABASES
@pytest.mark.parametrize("path", ["/ui/", "/ui/offers", "/ui/offers?donor=USA",
                                  "/ui/offers?sort=-quantity", "/ui/needs", "/ui/plans"])
def test_a_donor_liaison_never_sees_another_nations_unreleased_offer(as_user: AsUser,
                                                                     path: str) -> None:
    page = as_user("pol-donor").get(path)
    assert page.status_code == 200
    assert HIDDEN_OFFER not in page.text
    # nor its units, in a list or a chart (the random form token may hold any digits)
    assert "777" not in re.sub(r'name="csrf" value="[^"]*"', "", page.text)


@ON_BOTH_DATABASES
def test_an_unreleased_offer_answers_like_a_missing_one(as_user: AsUser) -> None:
    client = as_user("pol-donor")
    assert client.get(f"/ui/offers/{HIDDEN_OFFER}").status_code == 404
    assert client.get(f"/ui/offers/{HIDDEN_OFFER}/edit").status_code == 404
    assert client.get("/ui/offers/O-NOPE").status_code == 404


@ON_BOTH_DATABASES
def test_the_donor_sees_its_own_unreleased_offer(as_user: AsUser) -> None:
    client = as_user("usa-donor")
    assert HIDDEN_OFFER in client.get("/ui/offers").text
    assert client.get(f"/ui/offers/{HIDDEN_OFFER}").status_code == 200


@ON_BOTH_DATABASES
def test_needs_are_filtered_by_priority_capability_status_and_due(as_user: AsUser) -> None:
    client = as_user("coord")
    urgent = client.get("/ui/needs?priority=1").text
    assert "N-ART" in urgent
    assert "N-MED" not in urgent
    medical = client.get("/ui/needs?capability=medical").text
    assert "N-MED" in medical
    assert "N-ART" not in medical
    assert "N-ART" not in client.get("/ui/needs?status=met").text
    assert "N-ART" not in client.get("/ui/needs?due=2000-01-01").text


@ON_BOTH_DATABASES
def test_offers_are_filtered_by_donor_and_sorted(as_user: AsUser) -> None:
    client = as_user("coord")
    japanese = client.get("/ui/offers?donor=JPN").text
    assert "O-JPN" in japanese
    assert "O-POL" not in japanese
    by_quantity = client.get("/ui/offers?sort=-quantity").text
    assert by_quantity.index("O-JPN") < by_quantity.index("O-POL")
    assert by_quantity.index("O-POL") < client.get("/ui/offers?sort=quantity").text.index(
        "O-JPN")


@ON_BOTH_DATABASES
def test_lists_are_paged(as_user: AsUser) -> None:
    client = as_user("ukr-liaison")
    for n in range(30):
        form = client.get("/ui/needs/new")
        client.post("/ui/needs/new", data={
            "csrf": csrf_of(form.text), "ref": f"N-P{n:02d}", "class_code": "IFAK",
            "quantity": "5", "priority": "3", "due": "2030-01-01", "destination": "UKR",
            "releasability": "ALL"})
    first = client.get("/ui/needs?sort=ref").text
    assert "page 1 of 2" in first
    second = client.get("/ui/needs?sort=ref&page=2").text
    assert "N-P29" in second
    assert "N-P29" not in first


@ON_BOTH_DATABASES
def test_offers_are_filtered_by_capability_and_availability(as_user: AsUser) -> None:
    client = as_user("coord")
    medical = client.get("/ui/offers?capability=medical").text
    assert "O-JPN" in medical
    assert "O-POL" not in medical
    today = date.today()
    assert "O-POL" in client.get(f"/ui/offers?due={today.isoformat()}").text
    assert "O-POL" not in client.get(
        f"/ui/offers?due={(today - timedelta(days=1)).isoformat()}").text


@ON_BOTH_DATABASES
def test_a_filtered_list_counts_only_the_records_released_to_the_users_nation(
        as_user: AsUser) -> None:
    # Artillery needs: N-ART (to all) and N-USA-ONLY (to UKR and USA only).
    assert "<small>(1)</small>" in as_user("pol-donor").get(
        "/ui/needs?capability=artillery").text
    american = as_user("usa-donor").get("/ui/needs?capability=artillery&sort=-ref").text
    assert "<small>(2)</small>" in american
    assert american.index("N-USA-ONLY") < american.index("N-ART")


@ON_BOTH_DATABASES
@pytest.mark.parametrize("number", ["99", "9" * 40])
def test_a_page_number_past_the_last_says_so_and_links_the_last(as_user: AsUser,
                                                                number: str) -> None:
    # Issue 17: a page past the last once silently showed the last page; now it says so.
    page = as_user("coord").get(f"/ui/needs?page={number}")
    assert page.status_code == 200
    assert "is past the last page" in page.text
    assert 'href="?page=1">Go to page 1</a>' in page.text
    assert 'href="/ui/needs/N-ART"' not in page.text


def test_a_page_number_that_is_no_number_shows_the_first_page(as_user: AsUser) -> None:
    page = as_user("coord").get("/ui/needs?page=two")
    assert page.status_code == 200
    assert "page 1 of 1" in page.text
    assert "N-ART" in page.text


def test_web_routes_stay_out_of_the_openapi_schema(app: FastAPI) -> None:
    paths = TestClient(app).get("/openapi.json").json()["paths"]
    assert paths
    assert not [p for p in paths if p.startswith("/ui") or p == "/"]


@ON_BOTH_DATABASES
def test_dashboard_totals_count_only_needs_released_to_the_users_nation(
        as_user: AsUser) -> None:
    # N-USA-ONLY (50 units of artillery, priority 1) is released to UKR and USA only.
    polish = as_user("pol-donor").get("/ui/").text
    american = as_user("usa-donor").get("/ui/").text
    assert "artillery priority 1: 0 of 400<" in polish
    assert "artillery priority 1: 0 of 450<" in american
    assert "N-USA-ONLY" not in polish
    assert "N-USA-ONLY" in american  # an unmet top-priority need it may see


def test_the_dashboard_lists_mandates_ending_within_90_days_only(as_user: AsUser) -> None:
    page = as_user("ukr-liaison").get("/ui/").text
    mandates = page.split('id="mandates"')[1].split("</section>")[0]
    assert "NSATU" in mandates
    assert "EUMAM" not in mandates
