"""The briefing read in a real browser: a donor liaison opens its nation's briefing from the
reports page; every chart draws, every section says its plan and view, nothing of another
nation shows, the site's policy holds (no inline style refused) and axe finds nothing grave."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect
from sqlalchemy import Engine

from clearinghouse.config import Settings
from tests.e2e.browser.axe_check import grave_violations
from tests.e2e.browser.conftest import log_in, screenshot
from tests.shipment_runs import approved_run, through_hub
from tests.web.world import HIDDEN_OFFER


@dataclass
class Seed:
    """An approved plan run with an allocation of the offer hidden from Poland."""

    run: int = 0

    def __call__(self, settings: Settings, engine: Engine) -> None:
        self.run = approved_run(settings, engine, date.today().replace(day=1), [
            through_hub("O-POL", "N-ART", 0, 100),
            through_hub(HIDDEN_OFFER, "N-USA-ONLY", 0, 50),
            through_hub("O-JPN", "N-MED", 0, 200, kg=0.5)])


@pytest.fixture(scope="module")
def seed() -> Seed:
    return Seed()


def test_a_donor_liaison_reads_its_nations_briefing_in_the_browser(open_page: Page,
                                                                     seed: Seed) -> None:
    page = open_page
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if isinstance(m, ConsoleMessage)
            and "Content Security Policy" in m.text else None)
    log_in(page, "pol-donor")
    page.click("nav >> text=Reports")
    page.click("#read-briefing")
    page.wait_for_url("**/ui/reports/briefing")
    expect(page.locator("#briefing-scope")).to_contain_text("records released to POL only")
    images = page.locator("img.briefing-image")
    assert images.count() >= 4
    for i in range(images.count()):  # every chart decoded and drawn, not a broken image
        assert images.nth(i).evaluate("img => img.complete && img.naturalWidth > 100")
    plans = page.locator(".basis-plan").all_inner_texts()
    assert plans[0] == f"approved plan run {seed.run}"
    assert all(v.startswith("the records released to POL")
               for v in page.locator(".basis-view").all_inner_texts())
    assert HIDDEN_OFFER not in page.content()
    assert refused == []
    screenshot(page, "briefing_page_pol_donor")
    assert grave_violations(page) == []
