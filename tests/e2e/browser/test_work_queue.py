"""The dashboard's work queue in a real browser: each role sees its own tasks with links
(a coordinator a plan to approve and a draft to validate, a recipient liaison an overdue
need, a donor liaison its offer awaiting acceptance, a logistician a late shipment)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import Engine

from clearinghouse.config import Settings
from clearinghouse.domain.lifecycle import NeedStatus
from clearinghouse.domain.needs import Need
from clearinghouse.domain.offers import Offer
from clearinghouse.services.logistics.shipments import create_shipments
from clearinghouse.services.records.users import operator
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.e2e.browser.conftest import log_in, screenshot
from tests.seed import approve
from tests.shipment_runs import stored_run, through_hub
from tests.web.world import HIDDEN_OFFER


@pytest.fixture(scope="module")
def seed() -> Callable[[Settings, Engine], object]:
    def add(settings: Settings, engine: Engine) -> None:
        past = date.today() - timedelta(days=200)
        with SqlUnitOfWork(engine, "test") as uow:
            uow.sheet("needs").add(Need("N-LATE", "IFAK", 40, 1, past, "UKR"))
            uow.sheet("needs").add(Need("N-DRAFT", "IFAK", 10, 2, date.today(), "UKR",
                                        status=NeedStatus.DRAFT))
            uow.sheet("offers").add(Offer("O-POL-OLD", "POL", "155-HE", 100, past, "POL"))
            uow.commit()
        run = stored_run(engine, past.replace(day=1),
                         [through_hub("O-POL-OLD", "N-ART", 0, 100)])
        approve(settings, run)
        create_shipments(engine, operator("test"), run)
        stored_run(engine, date.today().replace(day=1), [])  # newer: awaits approval
    return add


@pytest.mark.parametrize(("user", "key", "link"), [
    ("coord", "plans", "Plan run 2"), ("ukr-liaison", "overdue", "N-LATE"),
    ("pol-donor", "offers", "O-POL"), ("logistician", "late", "S1-O-POL-OLD-PL-RZE-M00")])
def test_each_role_sees_its_work_queue_and_follows_a_link(open_page: Page, user: str,
                                                         key: str, link: str) -> None:
    page = open_page
    log_in(page, user)
    task = page.locator(f"#task-{key}")
    expect(task).to_be_visible()
    expect(page.locator("#task-mandates")).to_contain_text("NSATU")
    assert HIDDEN_OFFER not in page.content()
    screenshot(page, f"work_queue_{user}")
    task.get_by_role("link", name=link, exact=True).click()
    page.wait_for_load_state()
    assert link.split()[-1] in page.url
