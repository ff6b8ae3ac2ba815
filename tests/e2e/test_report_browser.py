"""The briefing opened in headless Chromium, offline: every chart — logistics, training and
the latest scenario runs — renders and is not blank."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

from clearinghouse.cli import app
from clearinghouse.config import Settings
from tests.ci import running_in_ci
from tests.factories import small_bundle
from tests.seed import approve, plan_stored, seed

CHROMIUM = Path("/usr/bin/chromium")
CHARTS = {"Delivered ÷ requested by capability and priority",
          "Hub tonnes against capacity per month", "Ledger by donor (EUR)", "Mandates ending soon",
          "Training: trainees placed by category", "Training: trainees placed by host nation",
          "Scenario: fill rate before and after, per capability",
          "Scenario: fill rate before and after, per priority",
          "Scenario: Monte Carlo fill rate ranges per priority",
          "Scenario: dependency per capability (HHI, top share)",
          "Burden: shares per nation (largest staff first)"}
SCENARIOS = (["scenario", "dropout", "--donor", "POL", "--start", "2027-01"],
             ["scenario", "dependency", "--start", "2027-01"],
             ["scenario", "montecarlo", "--runs", "3", "--workers", "1", "--start", "2027-01"])


@pytest.fixture
def chromium() -> Path:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is absent (Debian's chromium package opens the briefing)"
        if running_in_ci():
            pytest.fail(f"{reason}; CI=true requires it", pytrace=False)
        pytest.skip(reason)
    return CHROMIUM


def briefing(tmp_path: Path) -> Path:
    db = f"sqlite:///{tmp_path / 'ch.db'}"
    settings = Settings(database_url=db, environment="test")
    seed(settings, small_bundle(), "t")
    run = plan_stored(settings, start=date(2027, 1, 1), horizon=12, out=None, actor="t")
    assert run.run_id is not None
    approve(settings, run.run_id, "t")
    runner = CliRunner()
    for args in (["shipments", "create", str(run.run_id)], *SCENARIOS,
                 ["report", "--out", str(tmp_path / "report.html")]):
        result = runner.invoke(app, [*args, "--database-url", db])
        assert result.exit_code == 0, result.output
    return tmp_path / "report.html"


def test_the_briefing_shows_every_chart_without_a_network(tmp_path: Path,
                                                           chromium: Path) -> None:
    from playwright.sync_api import Route, sync_playwright

    report = briefing(tmp_path)
    fetched: list[str] = []

    def refuse(route: Route) -> None:
        fetched.append(route.request.url)
        route.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.route("http*://**", refuse)
            page.goto(report.as_uri())
            images = page.locator("img.chart")
            assert images.count() == len(CHARTS)
            assert {images.nth(i).get_attribute("alt") for i in range(len(CHARTS))} == CHARTS
            for i in range(len(CHARTS)):
                image = images.nth(i)
                complete, width, height, src = image.evaluate(
                    "i => [i.complete, i.naturalWidth, i.naturalHeight, i.src]")
                assert complete
                assert min(width, height) > 100, (width, height)
                assert src.startswith("data:image/png;base64,")
                assert len(src) > 5_000, "the chart image holds almost no data"
                shot = Image.open(io.BytesIO(image.screenshot())).convert("L")
                darkest = int(np.asarray(shot).min())  # grey levels: white paper, dark ink
                assert darkest < 128, "the chart is blank"
            whole = page.screenshot(full_page=True)
        finally:
            browser.close()
    assert Image.open(io.BytesIO(whole)).size[1] > 900
    assert fetched == []
