"""The shipments timeline: each shipment of the page against the day its needs are due, late
ones marked in words and by a dashed bar, counted over every shipment the filters keep, and
only over what the user's nation may see."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.needs import Need
from clearinghouse.domain.shipments import EventKind
from clearinghouse.services.logistics.shipments import create_shipments, record_event
from clearinghouse.services.records.users import operator
from tests.seed import seed
from tests.shipment_runs import approved_run, through_hub
from tests.web.world import HIDDEN_OFFER

AsUser = Callable[[str], TestClient]
TODAY = date.today()
#: Needs due before today: one left open (overdue), one delivered after its due day.
OPEN_PAST, DELIVERED_PAST = TODAY - timedelta(days=10), TODAY - timedelta(days=20)
DELIVERED_ON = TODAY - timedelta(days=5)


def ref(run: int, offer: str, month: int) -> str:
    return f"S{run}-{offer}-PL-RZE-M{month:02d}"


@pytest.fixture
def run(app: FastAPI) -> int:
    settings, engine = app.state.settings, app.state.engine
    seed(settings, Bundle(needs=[
        Need("N-OPEN-PAST", "IFAK", 100, 1, OPEN_PAST, "UKR", ("POL", "UKR")),
        Need("N-DONE-PAST", "155mm-NATO", 20, 1, DELIVERED_PAST, "UKR", ("POL", "UKR"))]),
        "test")
    start = TODAY.replace(day=1)
    run_id = approved_run(settings, engine, start, [
        through_hub("O-POL", "N-ART", 0, 100),  # on time: due in 60 days
        through_hub("O-POL", "N-ART", 5, 50),  # planned to arrive after the due day
        through_hub("O-JPN", "N-OPEN-PAST", 0, 100, kg=0.5),  # open after its due day
        through_hub(HIDDEN_OFFER, "N-USA-ONLY", 5, 50),  # never on a Polish page
        through_hub("O-POL", "N-DONE-PAST", 1, 20)])
    create_shipments(engine, operator("test"), run_id)
    at = datetime.combine(DELIVERED_ON, datetime.min.time(), UTC)
    for kind in (EventKind.LOADED, EventKind.AT_HUB, EventKind.DISPATCHED,
                 EventKind.DELIVERED):
        record_event(engine, operator("test"), ref(run_id, "O-POL", 1), kind, at=at)
    return run_id


def said(page: str, shipment: str) -> tuple[str, str]:
    """The lateness a table row states: (data-lateness, text)."""
    row = re.search(rf'<tr><td><a href="/ui/shipments/{shipment}">.*?</tr>', page)
    assert row is not None, shipment
    cell = re.search(r'<td class="timing[^"]*" data-lateness="([^"]*)">(.*?)</td>', row.group())
    assert cell is not None
    return cell.group(1), re.sub(r"<[^>]+>", "", cell.group(2))


def test_each_shipment_is_marked_late_by_the_rule_in_the_table_and_on_the_timeline(
        as_user: AsUser, run: int) -> None:
    page = as_user("pol-donor").get("/ui/shipments").text
    due_art = TODAY + timedelta(days=60)
    planned = ref(run, "O-POL", 5)
    dates = re.search(rf'href="/ui/shipments/{planned}">.*?<td>\d{{4}}-\d\d-\d\d</td>'
                      r"<td>(\d{4}-\d\d-\d\d)</td><td>(\d{4}-\d\d-\d\d)</td>", page)
    assert dates is not None  # departs, then arrives and due
    late_by = (date.fromisoformat(dates.group(1)) - due_art).days
    assert late_by > 0
    assert dates.group(2) == due_art.isoformat()
    assert said(page, ref(run, "O-POL", 0)) == ("on time", "on time")
    assert said(page, planned) == (
        "planned late", f"Late: planned to arrive {late_by} days after due")
    assert said(page, ref(run, "O-JPN", 0)) == ("overdue", "Late: overdue by 10 days")
    assert said(page, ref(run, "O-POL", 1)) == ("delivered late",
                                                "Late: delivered 15 days after due")
    # The timeline draws the same rows, the late ones with a dashed bar and in words.
    svg = page[page.index('<svg class="timeline"'):page.index("</svg>")]
    groups = dict(re.findall(r'<g class="row[^"]*" data-ref="([^"]+)" '
                             r'data-lateness="([^"]+)">', svg))
    assert groups == {ref(run, "O-POL", 0): "on time", planned: "planned late",
                      ref(run, "O-JPN", 0): "overdue", ref(run, "O-POL", 1): "delivered late"}
    assert svg.count('stroke-dasharray="5 3"') == 3 + 1  # three late rows and the legend
    assert "late: overdue by 10 days" in svg
    assert "style=" not in svg
    assert '<span id="late-total">3 of 4</span>' in page


def test_the_timeline_shows_what_the_list_shows_under_its_filters(as_user: AsUser,
                                                                    run: int) -> None:
    client = as_user("pol-donor")
    page = client.get("/ui/shipments", params={"donor": "JPN"}).text
    svg = page[page.index('<svg class="timeline"'):page.index("</svg>")]
    assert re.findall(r'data-ref="([^"]+)"', svg) == [ref(run, "O-JPN", 0)]
    assert '<span id="late-total">1 of 1</span>' in page
    assert "<strong>1</strong>" in page  # one overdue in the per-month table
    delivered = client.get("/ui/shipments", params={"status": "delivered"}).text
    assert '<span id="late-total">1 of 1</span>' in delivered
    window = client.get("/ui/shipments", params={"to": TODAY.isoformat()}).text
    assert f'data-ref="{ref(run, "O-POL", 5)}"' not in window  # arrives after the window


def test_a_donor_never_sees_a_hidden_shipment_on_the_timeline(as_user: AsUser,
                                                              run: int) -> None:
    polish = as_user("pol-donor").get("/ui/shipments").text
    american = as_user("usa-donor").get("/ui/shipments").text
    hidden = ref(run, HIDDEN_OFFER, 5)
    assert hidden not in polish
    assert "N-USA-ONLY" not in polish
    assert f'data-ref="{hidden}"' in american


def test_a_shipments_page_says_its_due_day_and_lateness_and_draws_its_row(
        as_user: AsUser, run: int) -> None:
    page = as_user("pol-donor").get(f"/ui/shipments/{ref(run, 'O-JPN', 0)}").text
    assert f"<dt>Due</dt><dd>{OPEN_PAST}</dd>" in page
    assert 'data-lateness="overdue"><strong>Late:</strong> overdue by 10 days</dd>' in page
    assert re.findall(r'<g class="row late" data-ref="([^"]+)"', page) == [
        ref(run, "O-JPN", 0)]
