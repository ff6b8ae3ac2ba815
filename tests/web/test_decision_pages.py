"""The plan page's bottlenecks section and the need page's "what would it take" panel, both
computed on the records released to the reader's nation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.training import Mission
from tests.seed import seed
from tests.web.test_plan_source import run_plan

AsUser = Callable[[str], TestClient]


def test_the_plan_page_prices_bottlenecks_when_asked_on_the_readers_view(
        as_user: AsUser) -> None:
    client = as_user("coord")
    path = run_plan(client, "12")
    page = client.get(path).text
    assert 'id="price-bottlenecks"' in page
    assert 'id="bottleneck-table"' not in page  # only when asked: it re-solves the LP
    asked = client.get(f"{path}?bottlenecks=1").text
    section = asked.split('id="bottlenecks"')[1]
    assert "Computed on the records released to POL" in section
    assert 'id="bottleneck-table"' in section
    assert "units of 155mm-NATO offered" in section


def test_the_need_page_says_what_it_would_take_on_the_readers_view(as_user: AsUser) -> None:
    coord = as_user("coord")
    run_plan(coord, "12")
    page = coord.get("/ui/needs/N-ART").text
    assert 'id="ask-what-it-takes"' in page
    panel = coord.get("/ui/needs/N-ART?what_it_takes=1").text.split('id="what-it-takes"')[1]
    # Poland sees 300 of the 400 units N-ART asks for: 100 more units of the class.
    assert "computed on the records released to POL" in panel
    assert "<td>class</td><td>155mm-NATO</td>" in panel
    assert "100.0 units" in panel
    # The United States also sees its own 777 units, released to it alone: N-ART is met.
    usa = as_user("usa-donor").get("/ui/needs/N-ART?what_it_takes=1").text
    assert "It is met on time already" in usa.split('id="what-it-takes"')[1]


def test_the_need_page_asks_for_a_plan_run_first(as_user: AsUser) -> None:
    page = as_user("coord").get("/ui/needs/N-ART?what_it_takes=1").text
    assert "No plan run yet" in page.split('id="what-it-takes"')[1]


def test_the_dashboard_shows_a_mandate_that_has_ended_with_its_renewal(
        app: FastAPI, as_user: AsUser) -> None:
    ended, renewal = date.today() - timedelta(days=10), date.today() + timedelta(days=20)
    seed(app.state.settings, Bundle(missions=[Mission("EUMAM", "EUMAM Ukraine",
                                                      date(2022, 11, 15), ended, renewal)]))
    page = as_user("ukr-liaison").get("/ui/").text
    card = page.split('id="mandates"')[1].split("</section>")[0]
    assert f"<td>{ended} (ended)</td><td>pending, expected {renewal}</td>" in card
    assert "NSATU" in card  # still ending within 90 days
