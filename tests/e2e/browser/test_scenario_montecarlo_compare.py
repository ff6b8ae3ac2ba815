"""Monte Carlo futures and two runs compared, in a real browser: a coordinator runs the
futures and reads their histograms, then compares them with a drop-out; a donor is refused
both pages. Screenshots of each page, and axe-core finds no serious or critical violation."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser.conftest import log_in, screenshot

axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
WCAG = {"runOnly": {"type": "tag",
                    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
        "resultTypes": ["violations"]}


def no_grave_violation(page: Page) -> None:
    results = axe_module.Axe().run(page, options=WCAG)
    grave = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
             for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert grave == [], (page.url, grave)


def follow_run(page: Page) -> None:
    """From a just-submitted run's page to its result."""
    page.wait_for_url(re.compile(r".*/ui/scenarios/runs/\d+$"))
    if page.locator("#job").count():  # still running when the page came: follow the job
        page.locator("#job-plan").click(timeout=120_000)
    expect(page.locator("#run-status")).to_have_text("done")


def test_a_coordinator_runs_futures_and_compares_them_with_a_drop_out(open_page: Page) -> None:
    page = open_page
    log_in(page, "coord")
    page.goto("/ui/scenarios")
    page.click("#scenario-links >> text=Monte Carlo futures")
    page.wait_for_url("**/ui/scenarios/montecarlo")
    page.fill("#montecarlo-runs", "many")
    page.click("#run-montecarlo")
    expect(page.locator("#error-montecarlo-runs")).to_contain_text("whole number")
    expect(page.locator("#montecarlo-runs")).to_have_attribute("aria-invalid", "true")
    no_grave_violation(page)
    screenshot(page, "coordinator-montecarlo-form-error")
    page.fill("#montecarlo-runs", "12")
    page.fill("#montecarlo-seed", "3")
    page.fill("#montecarlo-delay_prob", "0.4")
    page.fill("#montecarlo-withdraw_prob", "20%")
    page.fill("#montecarlo-horizon", "6")
    page.click("#run-montecarlo")
    follow_run(page)
    assert page.locator("#value-histogram svg.chart .mark").count() > 0
    assert page.locator("#fill-histograms svg.chart .mark").count() > 0
    expect(page.locator("#value-histogram")).to_contain_text(
        "computed on the records released to POL")
    expect(page.locator("#fill-table")).to_contain_text("priority", ignore_case=True)
    no_grave_violation(page)
    screenshot(page, "coordinator-montecarlo-result")

    page.goto("/ui/scenarios")
    page.check("#dropout input[name=donors][value=POL]")
    page.click("#run-dropout")
    follow_run(page)
    page.goto("/ui/scenarios")
    page.click("#scenario-links >> text=Compare two runs")
    page.wait_for_url("**/ui/scenarios/compare")
    expect(page.locator("#comparison")).to_contain_text("value")
    # A Monte Carlo run's means against a drop-out's figures: the rows each has.
    expect(page.locator("#comparison")).to_contain_text("priority 1 fill (mean)")
    expect(page.locator("#comparison")).to_contain_text("artillery fill")
    assert page.locator("#value-chart svg.chart .mark").count() == 2
    expect(page.locator("#no-common-fill")).to_contain_text("no fill rate in common")
    no_grave_violation(page)
    screenshot(page, "coordinator-scenario-compare")
    page.select_option("#compare-a", index=0)
    page.click("#compare")
    expect(page.locator("#compared")).to_be_visible()
    with page.expect_download() as download:
        page.click("#export-csv")
    assert download.value.suggested_filename.endswith(".csv")


def test_a_donor_is_refused_both_pages(open_page: Page) -> None:
    page = open_page
    log_in(page, "pol-donor")
    expect(page.locator("header nav")).not_to_contain_text("Scenarios")
    for path, name in (("/ui/scenarios/montecarlo", "donor-montecarlo-refused"),
                       ("/ui/scenarios/compare", "donor-scenario-compare-refused")):
        answer = page.goto(path)
        assert answer is not None
        assert answer.status == 403
        expect(page.locator("main")).to_contain_text("may not run scenarios")
        no_grave_violation(page)
        screenshot(page, name)
