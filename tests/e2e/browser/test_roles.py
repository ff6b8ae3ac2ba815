"""Each role's day in a real browser: file a need, file an offer (and be refused a lethal
item as a non-lethal-only donor), import a bundle with a bad row, run and approve a plan —
with a screenshot of every page and no unreleased offer of another nation on any page."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.browser.conftest import log_in, screenshot
from tests.web.bundles import bundle_zip
from tests.web.world import HIDDEN_OFFER, world


def marks(page: Page, section: str) -> int:
    """How many bars or cells the chart in the dashboard section draws."""
    return page.locator(f"#{section} svg.chart .mark").count()


def test_a_recipient_liaison_files_a_need(open_page: Page) -> None:
    page = open_page
    log_in(page, "ukr-liaison")
    assert marks(page, "fill-rate") > 0
    screenshot(page, "recipient-dashboard")
    page.click("text=Needs")
    page.click("text=New need")
    page.fill("#f-ref", "N-BROWSER")
    page.select_option("#f-class_code", "IFAK")
    page.fill("#f-quantity", "120")
    page.select_option("#f-priority", "1")
    page.fill("#f-due", "2030-06-30")
    page.fill("#f-destination", "UKR")
    screenshot(page, "recipient-need-form")
    page.click("text=File need")
    page.wait_for_url("**/ui/needs/N-BROWSER")
    expect(page.locator("h1")).to_contain_text("N-BROWSER")
    expect(page.locator("h1 .status")).to_have_text("draft")
    screenshot(page, "recipient-need-filed")


def test_a_non_lethal_only_donor_is_refused_a_lethal_offer_then_files_one(
        open_page: Page) -> None:
    page = open_page
    log_in(page, "jpn-donor")
    page.goto("/ui/offers/new")
    page.fill("#f-ref", "O-BROWSER")
    page.select_option("#f-item", "155-HE")
    page.fill("#f-quantity", "10")
    page.fill("#f-available", "2030-01-01")
    page.fill("#f-origin", "JPN")
    page.click("text=File offer")
    error = page.locator("#error-item")
    expect(error).to_contain_text("non-lethal-only")
    expect(error).to_contain_text("lethal")
    screenshot(page, "donor-offer-refused")
    page.select_option("#f-item", "IFAK")
    page.click("text=File offer")
    page.wait_for_url("**/ui/offers/O-BROWSER")
    screenshot(page, "donor-offer-filed")


def test_a_donor_liaison_never_sees_another_nations_unreleased_offer(open_page: Page) -> None:
    page = open_page
    log_in(page, "pol-donor")
    for path in ("/ui/", "/ui/offers", "/ui/offers?sort=-quantity", "/ui/needs",
                 "/ui/plans"):
        page.goto(path)
        text = page.content()
        assert HIDDEN_OFFER not in text, path
        assert "777" not in text, path
    page.goto("/ui/")
    assert marks(page, "donor-shares") > 0
    screenshot(page, "donor-dashboard")
    answer = page.goto(f"/ui/offers/{HIDDEN_OFFER}")
    assert answer is not None
    assert answer.status == 404


def test_a_coordinator_imports_a_bundle_with_a_bad_row_and_sees_the_error(
        open_page: Page, tmp_path: Path) -> None:
    page = open_page
    log_in(page, "coord")
    upload = tmp_path / "bundle.zip"
    upload.write_bytes(bundle_zip(world(date.today()), break_quantity_of="N-MED"))
    page.goto("/ui/import")
    page.set_input_files("input[name=bundle]", str(upload))
    page.click("text=Check")
    problems = page.locator("#problems")
    expect(problems).to_contain_text("quantity")
    assert re.search(r"needs\.csv:\d+:quantity: -5", problems.inner_text())
    screenshot(page, "coordinator-import-refused")


def test_a_coordinator_runs_and_approves_a_plan(open_page: Page) -> None:
    page = open_page
    log_in(page, "coord")
    screenshot(page, "coordinator-dashboard-before")
    page.goto("/ui/plans")
    page.click("#run-plan")
    page.wait_for_url(re.compile(r".*/ui/jobs/\d+$"))
    screenshot(page, "coordinator-plan-job")
    page.locator("#job-plan").click(timeout=60_000)
    page.wait_for_url(re.compile(r".*/ui/plans/\d+$"))
    screenshot(page, "coordinator-plan-review")
    page.click("#approve")
    expect(page.locator("#consequence")).to_contain_text("the first approved plan")
    screenshot(page, "coordinator-approve-confirm")
    page.click("form.confirm button[type=submit]")
    expect(page.locator("#plan-status")).to_have_text("approved")
    page.goto("/ui/")
    assert marks(page, "fill-rate") > 0
    assert marks(page, "hub-tonnes") > 0
    assert marks(page, "donor-shares") > 0
    expect(page.locator("#hub-tonnes svg.chart")).to_contain_text("RO-SUC")
    expect(page.locator("#mandates")).to_contain_text("NSATU")
    screenshot(page, "coordinator-dashboard-after")
