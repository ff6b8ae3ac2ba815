"""axe-core on the pages a coordinator reaches only by submitting a form or waiting for a job
— the plan job's progress page, the approve and cancel-a-need confirm pages, a drop-out
scenario's result, a training run's result — and on the training need form (blank and with
field errors) and detail page: no serious or critical violation of WCAG 2.x A/AA rules.
Each page is screenshotted under tests/artifacts/axe-post-<page>.png."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import Engine

from clearinghouse.config import Settings
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.training import CourseCategory, CourseOffer, TrainingNeed
from tests.e2e.browser.axe_check import grave_violations
from tests.e2e.browser.conftest import log_in, screenshot
from tests.seed import seed as store_records

#: A job's result link shows once the job is done (job.js polls its status).
JOB_DONE_MS = 90_000


@pytest.fixture(scope="module")
def seed() -> Callable[[Settings, Engine], None]:
    """A training need and a course, so that the training run places trainees."""
    def store(settings: Settings, _engine: Engine) -> None:
        soon, due = date.today() + timedelta(days=20), date.today() + timedelta(days=200)
        store_records(settings, Bundle(
            training_needs=[TrainingNeed("T-MED", CourseCategory.MEDICAL, 40, 1, due)],
            courses=[CourseOffer("C-MED-POL", "POL", "POL", CourseCategory.MEDICAL, "NSATU",
                                 25, soon, soon + timedelta(days=10))]), "test")
    return store


def checked(page: Page, name: str, found: dict[str, object]) -> None:
    """Screenshot the page and keep its grave axe violations under ``name``."""
    screenshot(page, f"axe-post-{name}")
    grave = grave_violations(page)
    if grave:
        found[name] = grave


def follow_job(page: Page, found: dict[str, object], name: str) -> None:
    """Check the job's progress page if the result page came while it ran, then follow it."""
    if page.locator("#job").count():
        expect(page.get_by_role("progressbar", name="Job progress")).to_be_visible()
        checked(page, f"{name}-progress", found)
        page.locator("#job-plan").click(timeout=JOB_DONE_MS)
    expect(page.locator("#run-status")).to_have_text("done")


def test_pages_reached_by_a_form_or_a_job_have_no_grave_accessibility_violation(
        open_page: Page) -> None:
    page, found = open_page, {}
    log_in(page, "coord")

    page.goto("/ui/plans")
    page.click("#run-plan")
    page.wait_for_url(re.compile(r".*/ui/jobs/\d+$"))
    expect(page.get_by_role("progressbar", name="Job progress")).to_be_visible()
    checked(page, "plan-job-progress", found)
    # The status line is a live region: a screen reader hears "done" when the job ends.
    expect(page.get_by_role("status")).to_have_text("Status: done", timeout=JOB_DONE_MS)
    page.locator("#job-plan").click()
    page.wait_for_url(re.compile(r".*/ui/plans/\d+$"))
    page.click("#approve")
    page.wait_for_url(re.compile(r".*/ui/plans/\d+/approve$"))
    expect(page.locator("h1")).to_contain_text("Approve")
    checked(page, "approve-confirm", found)

    page.goto("/ui/needs/N-ART")
    page.click("button[name=status][value=cancelled]")
    page.wait_for_url("**/ui/needs/N-ART/status")
    expect(page.locator("h1")).to_contain_text("cancelled")
    checked(page, "cancel-need-confirm", found)

    page.goto("/ui/scenarios")
    page.check("#dropout input[name=donors][value=POL]")
    page.click("#run-dropout")
    page.wait_for_url(re.compile(r".*/ui/scenarios/runs/\d+$"))
    follow_job(page, found, "dropout")
    checked(page, "dropout-result", found)

    page.goto("/ui/training")
    page.click("#run-training")
    page.wait_for_url(re.compile(r".*/ui/training/runs/\d+$"))
    follow_job(page, found, "training")
    expect(page.locator("#placed")).to_contain_text("25 of 40 trainees placed")
    checked(page, "training-result", found)
    assert found == {}, found


def test_the_training_need_form_and_page_have_no_grave_accessibility_violation(
        open_page: Page) -> None:
    page, found = open_page, {}
    log_in(page, "coord")
    page.goto("/ui/training-needs")
    page.click("text=New training need")
    page.wait_for_url("**/ui/training-needs/new")
    checked(page, "training-need-new", found)
    page.fill("#f-ref", "T-AXE")
    page.select_option("#f-category", "cyber")
    page.fill("#f-trainees", "many")
    page.select_option("#f-priority", "2")
    page.fill("#f-due", "2030-05-01")
    page.click("form.record-form button[type=submit]")
    expect(page.locator("#error-trainees")).to_contain_text("not a valid whole number")
    expect(page.locator("#f-trainees")).to_be_focused()
    checked(page, "training-need-errors", found)
    page.fill("#f-trainees", "12")
    page.click("form.record-form button[type=submit]")
    page.wait_for_url("**/ui/training-needs/T-AXE")
    checked(page, "training-need-detail", found)
    page.click("main >> text=Edit")
    page.wait_for_url("**/ui/training-needs/T-AXE/edit")
    checked(page, "training-need-edit", found)
    assert found == {}, found
