"""The reports page in a real browser: a donor liaison downloads its nation's briefing."""

from __future__ import annotations

import zipfile

from playwright.sync_api import Page

from tests.e2e.browser.conftest import log_in, screenshot
from tests.web.world import HIDDEN_OFFER


def test_a_donor_liaison_downloads_its_nations_briefing(open_page: Page) -> None:
    page = open_page
    log_in(page, "pol-donor")
    page.click("nav >> text=Reports")
    page.wait_for_url("**/ui/reports")
    screenshot(page, "reports_page")
    with page.expect_download() as download:
        page.click("#download-briefing")
    assert download.value.suggested_filename.startswith("briefing_POL_")
    with zipfile.ZipFile(download.value.path()) as archive:
        html = archive.read("briefing.html").decode()
    assert "records released to POL" in html
    assert HIDDEN_OFFER not in html
