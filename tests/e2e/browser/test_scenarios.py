"""A coordinator's scenario in a real browser: run a donor drop-out, follow the job, and read
a before/after chart that draws bars — with a screenshot of the form and of the result."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.browser.conftest import log_in, screenshot


def test_a_coordinator_runs_a_donor_drop_out_and_sees_before_and_after(
        open_page: Page) -> None:
    page = open_page
    log_in(page, "coord")
    page.click("header nav >> text=Scenarios")
    page.wait_for_url("**/ui/scenarios")
    page.check("#dropout input[name=donors][value=POL]")
    screenshot(page, "coordinator-scenario-form")
    page.click("#run-dropout")
    page.wait_for_url(re.compile(r".*/ui/scenarios/runs/\d+$"))
    if page.locator("#job").count():  # still running when the page came: follow the job
        page.locator("#job-plan").click(timeout=60_000)
    expect(page.locator("#run-status")).to_have_text("done")
    for chart in ("by-capability", "by-priority"):
        assert page.locator(f"#{chart} svg.chart .mark.before").count() > 0, chart
        assert page.locator(f"#{chart} svg.chart .mark.after").count() > 0, chart
    expect(page.locator("#by-capability svg.chart")).to_contain_text("artillery")
    expect(page.locator("#lost-needs")).to_contain_text("N-ART")
    expect(page.locator("#single-source")).to_contain_text("155mm-NATO")
    screenshot(page, "coordinator-scenario-dropout")
    page.goto("/ui/scenarios")
    expect(page.locator("#runs")).to_contain_text("without POL")
