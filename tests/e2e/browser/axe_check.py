"""axe-core on the page a browser test has open: the WCAG 2.x A/AA violations that are
serious or critical (none is the bar every page meets)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

#: The rule sets checked: WCAG 2.0, 2.1 and 2.2 at levels A and AA.
WCAG = {"runOnly": {"type": "tag",
                    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
        "resultTypes": ["violations"]}


def grave_violations(page: Page) -> list[tuple[str, str, list[Any]]]:
    """(rule, impact, first targets) of each serious or critical violation on the page."""
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    results = axe_module.Axe().run(page, options=WCAG)
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
