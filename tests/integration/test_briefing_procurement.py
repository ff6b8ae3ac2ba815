"""The briefing's procurement section: what allies can buy in the approved plan, when, and
what the recipient's industry earns per month — summed over the requests the reader sees."""

from __future__ import annotations

import csv
import dataclasses
from datetime import date
from pathlib import Path

from clearinghouse.config import Settings
from clearinghouse.domain.procurement import ProcurementRequest
from clearinghouse.services.records.nation_reader import reader_for
from clearinghouse.services.reporting.briefing import write_briefing
from tests.factories import small_bundle
from tests.seed import approve, plan_stored, seed

TODAY = date(2026, 11, 24)
REQUESTS = [ProcurementRequest("PR-POL", "POL", "IFAK", 1500, 50.0, date(2027, 12, 1),
                               ("POL",)),
            ProcurementRequest("PR-JPN", "JPN", "IFAK", 1000, 45.0, date(2027, 12, 1)),
            ProcurementRequest("PR-CHEAP", "JPN", "IFAK", 10, 5.0, date(2027, 12, 1))]


def rows(out: Path, name: str) -> list[dict[str, str]]:
    with out.with_name(f"{out.stem}_{name}.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_the_briefing_says_what_allies_can_buy_and_what_the_industry_earns(
        database_url: str, tmp_path: Path) -> None:
    settings = Settings(database_url=database_url, environment="test")
    seed(settings, dataclasses.replace(small_bundle(), procurement=REQUESTS), "test")
    out = tmp_path / "all" / "report.html"
    write_briefing(settings, out, today=TODAY)
    assert "No plan approved yet: nothing to report on procurement." in out.read_text()
    run = plan_stored(settings, start=date(2027, 1, 1), horizon=12, out=None, actor="test")
    approve(settings, run.run_id or 0, "test")

    write_briefing(settings, out, today=TODAY)
    page = out.read_text(encoding="utf-8")
    assert "Two-way procurement: allies buying from the recipient" in page
    assert "2,500 units for allies, 100,000 EUR for the recipient" in page
    assert "POL can buy 1,500 units for 60,000 EUR." in page
    assert "1 not filled in full: price-cap." in page
    lines = rows(out, "procurement_lines")
    assert {r["request"] for r in lines} == {"PR-POL", "PR-JPN"}
    assert sum(float(r["eur"]) for r in rows(out, "procurement_earnings")) == 100_000.0

    japan = tmp_path / "japan" / "report.html"
    write_briefing(settings, japan, today=TODAY, reader=reader_for(settings, "JPN"))
    page = japan.read_text(encoding="utf-8")
    assert "PR-POL" not in page
    assert {r["request"] for r in rows(japan, "procurement_lines")} == {"PR-JPN"}
    assert sum(float(r["eur"]) for r in rows(japan, "procurement_earnings")) == 40_000.0
    assert [r["request"] for r in rows(japan, "procurement_unfilled")] == ["PR-CHEAP"]
