"""Trustworthy figures in a real browser, for each of the five roles: the dashboard names the
approved plan it draws from (not the later run nobody approved), a plan review labels a run
that is not approved, and the scenario page says whose records it was computed on (or that
scenarios are coordinators' work). Screenshots of every page go to tests/artifacts/."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import Engine

from clearinghouse.config import Settings
from clearinghouse.services.planning.approval import approve_run
from clearinghouse.services.planning.plan_runs import plan_database
from clearinghouse.services.records.users import operator
from tests.e2e.browser.conftest import log_in, screenshot

ROLES = {"coordinator": "coord", "recipient-liaison": "ukr-liaison",
         "donor-liaison": "pol-donor", "logistician": "logistician", "auditor": "auditor"}
RUNS: dict[str, int] = {}


@pytest.fixture(scope="module")
def seed() -> Callable[[Settings, Engine], object]:
    """An approved 12-month plan, then a 1-month run nobody approved."""
    def store(settings: Settings, engine: Engine) -> None:
        start = date.today().replace(day=1)
        coord = operator("coord")
        approved = plan_database(engine, coord, start=start, horizon=12, out=None)
        assert approved.run_id is not None
        approve_run(engine, coord, approved.run_id)
        later = plan_database(engine, coord, start=start, horizon=1, out=None)
        assert later.run_id is not None
        RUNS.update(approved=approved.run_id, later=later.run_id)
    return store


@pytest.mark.parametrize("role", list(ROLES))
def test_each_role_reads_figures_that_name_their_source(open_page: Page, role: str) -> None:
    page = open_page
    log_in(page, ROLES[role])
    source = f"approved plan run {RUNS['approved']}, approved "
    expect(page.locator("#fill-rate .source")).to_contain_text(source)
    expect(page.locator("#fill-rate .source")).to_contain_text(" UTC by coord")
    expect(page.locator("#hub-tonnes .source")).to_contain_text(source)
    assert page.locator("#fill-rate svg.chart .mark").count() > 0
    assert page.locator("#hub-tonnes svg.chart .capacity").count() > 0
    assert "100 %" not in page.locator("#unmet").inner_text() or role == "coordinator"
    screenshot(page, f"{role}-dashboard")

    page.goto(f"/ui/plans/{RUNS['later']}")
    expect(page.locator("#plan-label")).to_contain_text("Not approved")
    expect(page.locator("#plan-label")).to_contain_text(source)
    screenshot(page, f"{role}-plan-review")

    page.goto("/ui/scenarios")
    if role != "coordinator":
        expect(page.locator("main")).to_contain_text("coordinators' work")
        screenshot(page, f"{role}-scenarios")
        return
    page.goto("/ui/plans")
    page.fill("#plan-horizon", "-3")
    page.fill("#plan-start", "2026-13")
    page.click("#run-plan")
    expect(page.locator("#plan-error-horizon")).to_contain_text("from 1 to 120 months")
    expect(page.locator("#plan-error-start")).to_contain_text("YYYY-MM")
    screenshot(page, f"{role}-plan-form-errors")

    page.goto("/ui/scenarios")
    page.check("#dropout input[name=donors][value=POL]")
    page.click("#run-dropout")
    page.wait_for_url(re.compile(r".*/ui/scenarios/runs/\d+$"))
    if page.locator("#job").count():
        page.locator("#job-plan").click(timeout=60_000)
    expect(page.locator("#run-status")).to_have_text("done")
    expect(page.locator("#computed-on")).to_contain_text(
        "Computed on the records released to POL")
    expect(page.locator("#value")).to_contain_text("Priority-weighted value")
    screenshot(page, f"{role}-scenario")
