"""axe-core (bundled by axe-playwright-python) on the needs and offers lists and the
dashboard: no serious or critical violation of WCAG 2.x A/AA rules."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.browser.conftest import log_in

axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
#: The rule sets checked: WCAG 2.0, 2.1 and 2.2 at levels A and AA.
WCAG = {"runOnly": {"type": "tag",
                    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
        "resultTypes": ["violations"]}


@pytest.mark.parametrize("user", ["coord", "pol-donor"])
@pytest.mark.parametrize("path", ["/ui/", "/ui/needs", "/ui/offers", "/ui/needs?page=999"])
def test_no_serious_or_critical_accessibility_violation(open_page: Page, path: str,
                                                        user: str) -> None:
    log_in(open_page, user)
    open_page.goto(path)
    results = axe_module.Axe().run(open_page, options=WCAG)
    grave = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
             for v in results.response["violations"]
             if v["impact"] in ("serious", "critical")]
    assert grave == [], grave
