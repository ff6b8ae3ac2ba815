"""A partial import in a real browser: a coordinator uploads needs.csv alone (its classes
are stored), confirms it, and uploading it again offers nothing to confirm."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.browser.conftest import log_in, screenshot

NEEDS = ("ref,class,quantity,priority,due,destination\n"
         "N-CSV-1,IFAK,30,2,2030-01-01,UKR\n"
         "N-CSV-2,155mm-NATO,40,1,2030-01-01,UKR\n")


def check(page: Page, upload: Path) -> None:
    page.goto("/ui/import")
    page.set_input_files("input[name=bundle]", str(upload))
    page.click("text=Check")
    page.wait_for_load_state()


def test_a_coordinator_imports_one_sheets_csv_and_is_not_asked_twice(
        open_page: Page, tmp_path: Path) -> None:
    page = open_page
    log_in(page, "coord")
    upload = tmp_path / "needs.csv"
    upload.write_text(NEEDS, encoding="utf-8")
    check(page, upload)
    expect(page.locator("#preview")).to_contain_text("needs")
    screenshot(page, "import_partial_preview")
    page.click("text=Confirm import")
    expect(page.locator("#imported")).to_contain_text("2 created")
    check(page, upload)
    expect(page.locator("#nothing-changes")).to_contain_text("Nothing would change")
    expect(page.locator("text=Confirm import")).to_have_count(0)
    screenshot(page, "import_partial_nothing_changes")
