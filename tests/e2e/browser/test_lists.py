"""The needs and offers lists in a real browser: a donor liaison searches offers by a
nation's name, picks the donor by name, sorts by a column header and exports what the list
shows; a coordinator reads a page past the last and never gets the New offer form; the skip
link is the first stop of the keyboard. Screenshots go to tests/artifacts/lists_*.png."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.browser.conftest import log_in, screenshot
from tests.web.world import HIDDEN_OFFER


def test_a_donor_liaison_searches_sorts_and_exports_offers(open_page: Page) -> None:
    page = open_page
    log_in(page, "pol-donor")
    page.goto("/ui/offers")
    page.get_by_role("searchbox", name="Search").fill("japan")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("table.records td a")).to_have_text(["O-JPN"])
    page.goto("/ui/offers")
    page.get_by_label("Donor").select_option(label="Poland")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("table.records td a")).to_have_text(["O-POL"])
    page.goto("/ui/offers")
    page.get_by_role("link", name="Quantity").click()
    expect(page.locator("th[aria-sort=ascending]")).to_contain_text("Quantity")
    expect(page.locator("table.records")).not_to_contain_text(HIDDEN_OFFER)
    screenshot(page, "lists_offers_sorted")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    text = download.value.path().read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("ref,donor,item,class")
    assert HIDDEN_OFFER not in text


def test_a_coordinator_reads_a_page_past_the_last_and_no_offer_form(open_page: Page) -> None:
    page = open_page
    log_in(page, "coord")
    page.goto("/ui/needs?page=999")
    expect(page.locator("#beyond")).to_contain_text("Page 999 is past the last page")
    screenshot(page, "lists_needs_beyond_last")
    page.goto("/ui/offers")
    expect(page.get_by_role("link", name="New offer")).to_have_count(0)
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    screenshot(page, "lists_skip_link")
