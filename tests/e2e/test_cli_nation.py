"""``--nation`` on ``clearinghouse report``, ``shipments list`` and ``shipments hubs``: read as
one nation, a record not released to it is in no table, chart, CSV or total; without the
option the database operator sees every record."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clearinghouse.adapters.exchange import write_bundle
from clearinghouse.cli import app
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.logistics import Lane
from clearinghouse.domain.nations import Nation, NationRole
from clearinghouse.domain.offers import Offer, OfferKind
from tests.factories import small_bundle

runner = CliRunner()
#: O-3 is Germany's only record, released to Germany alone: 300 rounds of 47 kg, EUR 900,000.
HIDDEN_OFFER, HIDDEN_DONOR = "O-3", "DEU"
HIDDEN_UNITS, HIDDEN_EUR, HIDDEN_T = 300, 900_000.0, 14.1
HIDDEN_SHIPMENT = "S1-O-3-PL-RZE-M00"
SCENARIO_FIGURES = ("scenario_change", "scenario_montecarlo", "scenario_dependency")
IMAGE_DATA = re.compile(r"base64,[^']+")


def picture() -> Bundle:
    """The small picture with a German offer that only Germany may see."""
    bundle = small_bundle()
    bundle.nations.append(Nation("DEU", "Germany", True, True, NationRole.DONOR))
    bundle.lanes.append(Lane("DEU", "PL-RZE", 3, 20.0))
    bundle.offers.append(Offer(HIDDEN_OFFER, HIDDEN_DONOR, "155-HE", HIDDEN_UNITS,
                               date(2027, 1, 1), "DEU", OfferKind.STOCK, HIDDEN_EUR,
                               "national budget", releasability=("DEU",)))
    return bundle


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})  # no cell cut short
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit), f"traceback for {args}: {result.exception!r}"
    return result.exit_code, " ".join(result.output.split())


def database(folder: Path, *, ship: bool) -> str:
    """A database holding the picture's approved plan (and its shipments when ``ship``)."""
    folder.mkdir(parents=True, exist_ok=True)
    db = f"sqlite:///{folder / 'ch.db'}"
    write_bundle(picture(), folder / "bundle")
    steps = [("import", str(folder / "bundle")), ("plan", "--db", "--start", "2027-01"),
             ("plan", "approve", "1")]
    if ship:
        steps += [("shipments", "create", "1"), ("scenario", "dependency", "--start", "2027-01")]
    for step in steps:
        code, out = run(*step, "--database-url", db)
        assert code == 0, (step, out)
    return db


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> str:
    return database(tmp_path_factory.mktemp("shipped"), ship=True)


@pytest.fixture(scope="module")
def approved(tmp_path_factory: pytest.TempPathFactory) -> str:
    return database(tmp_path_factory.mktemp("approved"), ship=False)


@dataclass(frozen=True, slots=True)
class Report:
    page: str  # without the charts' image data, which is no text
    csv: dict[str, list[dict[str, str]]]

    def text(self) -> str:
        """The page and every CSV file as one text."""
        return self.page + "".join(str(rows) for rows in self.csv.values())

    def total(self, figure: str, column: str) -> float:
        return sum(float(r[column]) for r in self.csv[figure])


def report(db: str, out: Path, *nation: str) -> Report:
    code, said = run("report", "--out", str(out), *nation, "--database-url", db)
    assert code == 0, said
    figures = {}
    for path in out.parent.glob(f"{out.stem}_*.csv"):
        with path.open(encoding="utf-8") as f:
            figures[path.stem.removeprefix(f"{out.stem}_")] = list(csv.DictReader(f))
    return Report(IMAGE_DATA.sub("", out.read_text(encoding="utf-8")), figures)


def test_a_report_read_as_a_nation_counts_no_record_not_released_to_it(
        shipped: str, tmp_path: Path) -> None:
    every = report(shipped, tmp_path / "all" / "report.html")
    ukraine = report(shipped, tmp_path / "ukr" / "report.html", "--nation", "UKR")
    germany = report(shipped, tmp_path / "deu" / "report.html", "--nation", "DEU")

    assert "Figures over every record, as the database operator" in every.page
    assert "Figures over the records released to UKR only" in ukraine.page
    assert set(ukraine.csv) == set(every.csv)  # the same files, fewer rows
    for seen in (every, germany):
        assert HIDDEN_DONOR in seen.page
        assert any(r["donor"] == HIDDEN_DONOR for r in seen.csv["ledger"])
        assert any(r["donor"] == HIDDEN_DONOR for r in seen.csv["donor_shares"])
    assert HIDDEN_DONOR not in ukraine.text()
    assert HIDDEN_OFFER not in ukraine.text()

    # Ukraine sees everything else, so every total differs by exactly the hidden offer.
    for stage in ("pledged", "accepted", "allocated"):
        assert every.total("ledger", f"{stage}_units") - ukraine.total(
            "ledger", f"{stage}_units") == HIDDEN_UNITS
        assert every.total("ledger", f"{stage}_eur") - ukraine.total(
            "ledger", f"{stage}_eur") == pytest.approx(HIDDEN_EUR)
    assert every.total("hub_tonnes", "planned_t") - ukraine.total(
        "hub_tonnes", "planned_t") == pytest.approx(HIDDEN_T)
    artillery = {r["donor"]: float(r["share_of_allocated_units"])
                 for r in ukraine.csv["donor_shares"] if r["capability"] == "artillery"}
    assert artillery == {"POL": 1.0}
    assert ukraine.csv["training_by_host"] == every.csv["training_by_host"]


def test_read_as_a_nation_the_pending_allocations_of_an_unshipped_plan_hide_the_same_way(
        approved: str, tmp_path: Path) -> None:
    every = report(approved, tmp_path / "all" / "report.html")
    ukraine = report(approved, tmp_path / "ukr" / "report.html", "--nation", "UKR")
    assert every.total("hub_tonnes", "planned_t") - ukraine.total(
        "hub_tonnes", "planned_t") == pytest.approx(HIDDEN_T)
    assert every.total("ledger", "allocated_units") - ukraine.total(
        "ledger", "allocated_units") == HIDDEN_UNITS
    assert HIDDEN_DONOR in every.text()
    assert HIDDEN_DONOR not in ukraine.text()


def test_read_as_a_nation_the_report_leaves_out_whole_database_runs_and_says_how_to_run_one(
        shipped: str, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    every = report(shipped, out)
    assert every.csv["scenario_dependency"]  # the command line's run, charted for the operator
    assert {r["view"] for r in every.csv["scenario_dependency"]} == {""}
    assert "planned on the whole database" in every.page
    assert HIDDEN_DONOR in every.page  # it ranks Germany among the donors
    ukraine = report(shipped, out, "--nation", "UKR")  # over the same files
    assert ("No dependency scenario has been run on the records released to UKR yet; run one "
            "as a coordinator of UKR through the API") in ukraine.page
    assert "<code>clearinghouse scenario</code> plan every record" in ukraine.page
    assert "Latest:" not in ukraine.page
    assert "Scenario: dependency per capability" not in ukraine.page  # no chart
    for name in SCENARIO_FIGURES:  # rewritten empty: no run left from the operator's report
        assert ukraine.csv[name] == []


def test_shipments_list_and_hubs_read_as_a_nation_show_only_what_is_released_to_it(
        shipped: str) -> None:
    code, every = run("shipments", "list", "--database-url", shipped)
    assert code == 0
    assert HIDDEN_SHIPMENT in every
    assert "Shipments: 6 " in every
    code, ukraine = run("shipments", "list", "--nation", "UKR", "--database-url", shipped)
    assert code == 0
    assert HIDDEN_SHIPMENT not in ukraine
    assert HIDDEN_OFFER not in ukraine
    assert "Shipments: 5 " in ukraine
    assert HIDDEN_SHIPMENT in run("shipments", "list", "--nation", "DEU",
                                  "--database-url", shipped)[1]

    code, hubs = run("shipments", "hubs", "--database-url", shipped)
    assert (code, "│ PL-RZE │ 2027-01 │ 18,000 │ 38.6 │ 0.0 │" in hubs) == (0, True)
    code, hubs = run("shipments", "hubs", "--nation", "UKR", "--database-url", shipped)
    assert (code, "│ PL-RZE │ 2027-01 │ 18,000 │ 24.5 │ 0.0 │" in hubs) == (0, True)


@pytest.mark.parametrize(("nation", "rule"), [
    ("FRA", "nation FRA is unknown: must be a stored nation (DEU, JPN, POL, UKR)"),
    ("ukr", "must be three capital letters"),
    ("", "must be three capital letters")])
def test_an_unknown_nation_is_refused_naming_the_option_and_nothing_is_written(
        shipped: str, tmp_path: Path, nation: str, rule: str) -> None:
    out = tmp_path / "briefing" / "report.html"
    for command in (("report", "--out", str(out)), ("shipments", "list"),
                    ("shipments", "hubs")):
        code, said = run(*command, "--nation", nation, "--database-url", shipped)
        assert code == 2, said
        assert said.startswith(f"error: --nation '{nation}': ")
        assert rule in said
        assert "Traceback" not in said
    assert not out.parent.exists()


@pytest.mark.parametrize("command", [["report"], ["shipments", "list"], ["shipments", "hubs"]])
def test_the_help_says_what_nation_does_and_that_the_default_is_every_record(
        command: list[str]) -> None:
    code, out = run(*command, "--help")
    assert code == 0
    assert "--nation CODE" in out
    assert "released to this nation" in out
    assert "default: every record, as the database operator" in out
