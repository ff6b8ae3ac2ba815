"""The shipments timeline in a real browser: a Polish donor liaison sees its shipments drawn
against their due days, the late ones said in words, filters narrowing the timeline as they
narrow the list; nothing refused by the page's policy, and axe finds nothing grave."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect
from sqlalchemy import Engine

from clearinghouse.config import Settings
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.needs import Need
from clearinghouse.domain.shipments import EventKind
from clearinghouse.services.logistics.shipments import create_shipments, record_event
from clearinghouse.services.records.users import operator
from tests.e2e.browser.axe_check import grave_violations
from tests.e2e.browser.conftest import log_in, screenshot
from tests.seed import seed as store_records
from tests.shipment_runs import approved_run, through_hub
from tests.web.world import HIDDEN_OFFER


@dataclass
class Seed:
    """An approved run's shipments: one on time, two planned late, one overdue, one delivered
    late, and one of the offer hidden from Poland."""

    run: int = 0

    def __call__(self, settings: Settings, engine: Engine) -> None:
        today = date.today()
        store_records(settings, Bundle(needs=[
            Need("N-OPEN-PAST", "IFAK", 100, 1, today - timedelta(days=10), "UKR",
                 ("POL", "UKR")),
            Need("N-DONE-PAST", "155mm-NATO", 20, 1, today - timedelta(days=20), "UKR",
                 ("POL", "UKR"))]), "test")
        self.run = approved_run(settings, engine, today.replace(day=1), [
            through_hub("O-POL", "N-ART", 0, 100), through_hub("O-POL", "N-ART", 5, 50),
            through_hub("O-JPN", "N-OPEN-PAST", 0, 100, kg=0.5),
            through_hub("O-JPN", "N-MED", 4, 200, kg=0.5),
            through_hub(HIDDEN_OFFER, "N-USA-ONLY", 5, 50),
            through_hub("O-POL", "N-DONE-PAST", 1, 20)])
        create_shipments(engine, operator("test"), self.run)
        at = datetime.combine(today - timedelta(days=5), datetime.min.time(), UTC)
        for kind in (EventKind.LOADED, EventKind.AT_HUB, EventKind.DISPATCHED,
                     EventKind.DELIVERED):
            record_event(engine, operator("test"), f"S{self.run}-O-POL-PL-RZE-M01", kind,
                         at=at)
        record_event(engine, operator("test"), f"S{self.run}-O-JPN-PL-RZE-M00",
                     EventKind.LOADED, at=at)


@pytest.fixture(scope="module")
def seed() -> Seed:
    return Seed()


def test_a_donor_liaison_reads_the_timeline_of_its_shipments_against_due_days(
        open_page: Page, seed: Seed) -> None:
    page = open_page
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if isinstance(m, ConsoleMessage)
            and "Content Security Policy" in m.text else None)
    log_in(page, "pol-donor")
    page.click("nav >> text=Shipments")
    page.wait_for_url("**/ui/shipments")
    timeline = page.locator("svg.timeline")
    expect(timeline).to_be_visible()
    assert timeline.locator("g.row").count() == 5
    assert timeline.locator("g.row.late").count() == 4
    expect(timeline.locator(f'g[data-ref="S{seed.run}-O-JPN-PL-RZE-M00"] text.said')
           ).to_have_text("late: overdue by 10 days")
    assert HIDDEN_OFFER not in page.content()
    expect(page.locator("#late-total")).to_have_text("4 of 5")
    timeline.scroll_into_view_if_needed()
    screenshot(page, "shipments_timeline_pol_donor")
    assert grave_violations(page) == []
    page.select_option("select[name=donor]", "JPN")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**donor=JPN**")
    assert page.locator("svg.timeline g.row").count() == 2
    expect(page.locator("#late-total")).to_have_text("2 of 2")
    assert refused == []
