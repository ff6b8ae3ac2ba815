"""The plan review page in a real browser: the summary at the top, needs not fully met
grouped (priority 1 open), allocations filtered by donor and exported as CSV."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import Engine

from clearinghouse.config import Settings
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.e2e.browser.conftest import log_in, screenshot
from tests.shipment_runs import through_hub
from tests.web.world import HIDDEN_OFFER

NEEDS = {"N-ART": {"delivered": 100.0, "fraction": 0.25, "reason": "no-supply"},
         "N-MED": {"delivered": 300.0, "fraction": 0.333, "reason": "hub-capacity"}}


@pytest.fixture(scope="module")
def seed() -> Callable[[Settings, Engine], object]:
    def store(settings: Settings, engine: Engine) -> None:
        with SqlUnitOfWork(engine, "test") as uow:
            start = date.today().replace(day=1).isoformat()
            run = uow.plan_runs.add("test", {"start": start, "horizon": 12}, status="optimal")
            uow.plan_runs.record_result(
                run.id, status="optimal", value=9.0, lp_bound=10.0,
                summary={"status": "optimal", "needs": NEEDS},
                allocations=[through_hub("O-POL", "N-ART", m, 10) for m in range(10)]
                + [through_hub("O-JPN", "N-MED", m, 100, kg=0.5) for m in range(3)]
                + [through_hub(HIDDEN_OFFER, "N-USA-ONLY", 0, 50)])
            uow.commit()
    return store


@pytest.mark.parametrize(("user", "donor", "offer", "rows", "other"), [
    ("coord", "JPN", "O-JPN", 3, "O-POL"),
    # Japan does not see N-MED (released to POL and UKR), so nor its own offer's allocations.
    ("jpn-donor", "POL", "O-POL", 10, "O-JPN")])
def test_a_reader_reviews_a_plan_filters_and_exports_its_allocations(
        open_page: Page, user: str, donor: str, offer: str, rows: int, other: str) -> None:
    page = open_page
    log_in(page, user)
    page.goto("/ui/plans/1")
    expect(page.locator("#solver")).to_contain_text("within 10 % of the best possible")
    expect(page.locator("#by-capability")).to_contain_text("artillery")
    expect(page.locator("#unmet")).to_contain_text("Priority 1 · artillery")
    assert HIDDEN_OFFER not in page.content()
    screenshot(page, f"plan_review_{user}")
    page.fill("#allocation-filters input[name=donor]", donor)
    page.click("#allocation-filters button[type=submit]")
    expect(page.locator("#allocations")).not_to_contain_text(other)
    expect(page.locator("#allocations")).to_contain_text(offer)
    with page.expect_download() as download:
        page.click("#export-allocations")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.count(offer) == rows
    assert other not in text
    screenshot(page, f"plan_review_filtered_{user}")
