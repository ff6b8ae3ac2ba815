"""The briefing's burden sections: shares per nation (burden CSV, same figures as
``report burden``) and the impact card of the nation with the largest in-kind allocations,
whose value lost is the drop-out scenario's."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from clearinghouse.config import Settings
from clearinghouse.services.records.nation_reader import reader_for
from clearinghouse.services.records.users import operator
from clearinghouse.services.reporting.briefing import write_briefing
from clearinghouse.services.reporting.burden import write_burden
from clearinghouse.services.scenarios.runs import dropout_scenario
from tests.factories import small_bundle
from tests.seed import approve, plan_stored, seed

START = date(2027, 1, 1)
TODAY = date(2027, 1, 20)


@pytest.fixture
def settings(database_url: str) -> Settings:
    s = Settings(database_url=database_url, environment="test")
    seed(s, small_bundle(), "test")
    run = plan_stored(s, start=START, horizon=12, out=None, actor="test")
    assert run.run_id is not None
    approve(s, run.run_id, "test")
    return s


def read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.reader(f))


def test_the_briefings_burden_csv_is_report_burdens(settings: Settings, tmp_path: Path) -> None:
    write_briefing(settings, tmp_path / "report.html", today=TODAY)
    _, path = write_burden(settings, tmp_path / "burden", as_of=TODAY)
    assert read(tmp_path / "report_burden.csv") == read(path)


def test_the_briefing_holds_the_impact_card_of_the_largest_in_kind_donor(
        settings: Settings, engine: Engine, tmp_path: Path) -> None:
    write_briefing(settings, tmp_path / "report.html", today=TODAY)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "If POL leaves" in page  # Poland's O-1 is the only allocated offer in view
    lost = dropout_scenario(engine, operator("t"), None, donors=["POL"], from_month=None,
                            start=START, horizon=12).result.value_lost
    assert f"{lost:,.2f} lost" in page


def test_read_as_one_nation_the_burden_sections_say_so(settings: Settings,
                                                       tmp_path: Path) -> None:
    write_briefing(settings, tmp_path / "report.html", today=TODAY,
                   reader=reader_for(settings, "JPN"))
    rows = read(tmp_path / "report_burden.csv")
    assert {r[-1] for r in rows[1:]} == {"the records released to JPN"}
    assert "Computed on the records released to JPN" in (
        tmp_path / "report.html").read_text(encoding="utf-8")
