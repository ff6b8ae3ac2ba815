"""Burden sharing in a real browser: a coordinator files a staff post through the form,
reads the burden page (stacked shares, a sortable table) and the impact card of the United
States; a donor liaison of Poland reads the same pages computed on the records released to
Poland, where a post and an offer hidden from Poland count nowhere. Screenshots of each go
to tests/artifacts/burden_*.png."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import Engine

from clearinghouse.config import Settings
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.posts import Branch, Post
from clearinghouse.domain.training import CourseCategory, CourseOffer, TrainingNeed
from tests.e2e.browser.conftest import log_in, screenshot
from tests.seed import seed as store_records
from tests.shipment_runs import approved_run, through_hub
from tests.web.world import HIDDEN_OFFER

FILLED = date(2025, 1, 6)
#: (nation, branch, posts): the United States fill the commander's post and a few more.
STAFF = (("USA", Branch.COMMAND, 1), ("USA", Branch.OPERATIONS, 2), ("POL", Branch.COMMAND, 1),
         ("POL", Branch.LOGISTICS, 5), ("POL", Branch.OPERATIONS, 4), ("ROU", Branch.LOGISTICS, 3),
         ("JPN", Branch.TRAINING, 2), ("UKR", Branch.PLANS, 3))


def seed_burden(settings: Settings, engine: Engine) -> None:
    """Posts of five nations (one US post released to the US alone), courses, and an
    approved plan with an allocation of the offer hidden from Poland."""
    today = date.today()
    approved_run(settings, engine, today.replace(day=1), [
        through_hub("O-POL", "N-ART", 0, 100),
        through_hub(HIDDEN_OFFER, "N-USA-ONLY", 0, 50),
        through_hub("O-JPN", "N-MED", 0, 200, kg=0.5)])
    posts = [Post(f"P-{nation}-{branch.value}-{i}", nation, f"{branch.value} officer {i}",
                  branch, FILLED) for nation, branch, count in STAFF for i in range(count)]
    posts.append(Post("P-USA-SECRET", "USA", "Liaison", Branch.INTELLIGENCE, FILLED,
                      releasability=("USA",)))
    soon, due = today + timedelta(days=20), today + timedelta(days=200)
    store_records(settings, Bundle(
        posts=posts,
        training_needs=[TrainingNeed("T-MED", CourseCategory.MEDICAL, 40, 1, due)],
        courses=[CourseOffer("C-MED-POL", "POL", "POL", CourseCategory.MEDICAL, "NSATU", 25,
                             soon, soon + timedelta(days=10)),
                 CourseOffer("C-MED-USA", "USA", "POL", CourseCategory.MEDICAL, "EUMAM", 10,
                             soon, soon + timedelta(days=10))]), "test")


@pytest.fixture(scope="module")
def seed() -> object:
    return seed_burden


@contextmanager
def user_page(browser: Browser, server: str, name: str) -> Iterator[Page]:
    """A page of its own browser context, logged in as ``name``."""
    context = browser.new_context(viewport={"width": 1366, "height": 800}, base_url=server)
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        log_in(page, name)
        yield page
    finally:
        context.close()


def cell(page: Page, nation: str, column: int) -> str:
    """The text of a burden table cell (0: posts) in the nation's row."""
    row = page.locator("#burden tr", has=page.locator(f"td:text-is('{nation}')"))
    return row.locator("td").nth(1 + column).inner_text()


def test_a_coordinator_files_a_post_and_reads_the_burden_and_the_impact_card(
        browser: Browser, server: str) -> None:
    with user_page(browser, server, "coord") as page:
        page.click("nav >> text=Posts")
        page.click("text=New post")
        page.fill("#f-ref", "P-J6-NEW")
        page.select_option("#f-nation", "ROU")
        page.fill("#f-title", "CIS officer")
        page.select_option("#f-branch", "communications")
        page.fill("#f-starts", "2025-02-01")
        page.click("form.record-form button[type=submit]")
        page.wait_for_url("**/ui/posts/P-J6-NEW")
        expect(page.locator("h1")).to_contain_text("P-J6-NEW")
        page.click("nav >> text=Burden")
        expect(page.locator("#computed-on")).to_contain_text("the records released to POL")
        expect(page.locator("svg.chart .mark").first).to_be_visible()
        assert cell(page, "ROU", 0).startswith("4")  # three logistics posts and the new one
        assert cell(page, "USA", 0).startswith("3")  # the US-only post is not counted
        page.click("#burden th >> text=hub capacity hosted")
        first = page.locator("#burden tr").nth(1).locator("td").first.inner_text()
        assert first == "POL"  # Rzeszów, 18,000 t a month
        screenshot(page, "burden_coordinator")
        page.goto("/ui/reports/impact/USA")
        expect(page.locator("h1")).to_have_text("If United States (USA) leaves")
        expect(page.locator("#computed-on")).to_contain_text("the records released to POL")
        expect(page.locator("#posts-by-branch")).to_contain_text("CG command")
        expect(page.locator("#value-lost")).to_contain_text("lost")
        screenshot(page, "burden_impact_coordinator")


def test_a_donor_liaison_reads_burden_on_its_own_view_without_records_hidden_from_it(
        browser: Browser, server: str) -> None:
    with user_page(browser, server, "pol-donor") as page:
        page.click("nav >> text=Posts")
        expect(page.locator("text=New post")).to_have_count(0)
        expect(page.locator("#posts")).not_to_contain_text("P-USA-SECRET")
        page.click("nav >> text=Burden")
        expect(page.locator("#computed-on")).to_contain_text("the records released to POL")
        assert cell(page, "USA", 0).startswith("3")
        body = page.locator("#burden").inner_text()
        assert re.search(r"\bJPN\b", body)
        screenshot(page, "burden_donor_liaison")
        page.goto("/ui/reports/impact/POL")
        expect(page.locator("#posts-by-branch")).to_contain_text("J4 logistics")
        screenshot(page, "burden_impact_donor_liaison")
    with user_page(browser, server, "usa-donor") as page:
        page.goto("/ui/reports/burden")
        expect(page.locator("#computed-on")).to_contain_text("the records released to USA")
        assert cell(page, "USA", 0).startswith("4")  # its own post released to itself
