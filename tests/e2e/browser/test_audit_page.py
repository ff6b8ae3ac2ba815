"""The audit page in a real browser: an auditor filters by user and by record, follows a
record's link, and exports the filtered entries as CSV."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import Engine

from clearinghouse.config import Settings
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.e2e.browser.conftest import log_in, screenshot
from tests.web.world import HIDDEN_OFFER


@pytest.fixture(scope="module")
def seed() -> Callable[[Settings, Engine], object]:
    def edit(settings: Settings, engine: Engine) -> None:
        with SqlUnitOfWork(engine, "coord") as uow:
            offers = uow.sheet("offers")
            stored = offers.get_by_ref("O-POL")
            assert stored is not None
            offers.update(dataclasses.replace(stored.record, quantity=250),
                          expected_version=stored.version)
            uow.commit()
    return edit


def test_an_auditor_filters_the_audit_log_and_exports_it(open_page: Page) -> None:
    page = open_page
    log_in(page, "auditor")
    page.click("nav >> text=Audit")
    page.wait_for_url("**/ui/audit")
    assert HIDDEN_OFFER not in page.content()
    screenshot(page, "audit_all")
    page.fill("#audit-filters input[name=user]", "coord")
    page.click("#audit-filters button[type=submit]")
    expect(page.locator("#audit tr")).to_have_count(2)  # a header and the change
    expect(page.locator("#audit")).to_contain_text("quantity: 300 → 250")
    page.click("#audit >> text=offers O-POL")
    expect(page.locator("#audit tr")).to_have_count(3)  # imported, then changed
    screenshot(page, "audit_record")
    with page.expect_download() as download:
        page.click("#export-audit")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert len(lines) == 3  # a header and the record's two entries
    assert all(",offers,O-POL," in line for line in lines[1:])
