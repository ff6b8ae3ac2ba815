"""``clearinghouse report burden``: DIR/burden.csv with a share column per kind adding up to
1 over the nations shown, computed on (and saying) the records the reader may see; the
briefing still comes from ``report --out report.html``."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from clearinghouse.adapters.exchange import write_bundle
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.posts import Branch, Post
from tests.e2e.test_cli_nation import run
from tests.factories import small_bundle

START = date(2025, 1, 6)


def picture() -> Bundle:
    """The small picture with three posts, one of them released to Japan alone."""
    bundle = small_bundle()
    bundle.posts = [Post("P-1", "POL", "Commander", Branch.COMMAND, START),
                    Post("P-2", "POL", "Chief J4", Branch.LOGISTICS, START),
                    Post("P-3", "JPN", "Medical liaison", Branch.PLANS, START,
                         releasability=("JPN",))]
    return bundle


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("burden")
    url = f"sqlite:///{folder / 'ch.db'}"
    write_bundle(picture(), folder / "bundle")
    for step in (("import", str(folder / "bundle")), ("plan", "--db", "--start", "2027-01"),
                 ("plan", "approve", "1")):
        code, said = run(*step, "--database-url", url)
        assert code == 0, said
    return url


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_report_burden_writes_a_share_column_per_kind_adding_up_to_1(
        db: str, tmp_path: Path) -> None:
    code, said = run("report", "burden", "--out", str(tmp_path), "--database-url", db)
    assert code == 0, said
    assert "Computed on every record" in said
    rows = read(tmp_path / "burden.csv")
    assert [r["nation"] for r in rows] == ["JPN", "POL"]  # UKR brings nothing here
    shares = [c for c in rows[0] if c.endswith("_share")]
    assert shares[0] == "posts_share"
    assert len(shares) == 12
    for column in shares:
        total = sum(float(r[column]) for r in rows)
        assert total == pytest.approx(1.0) or total == 0.0, column
    by = {r["nation"]: r for r in rows}
    assert (by["POL"]["posts"], by["JPN"]["posts"]) == ("2", "1")
    assert by["POL"]["hub_capacity_t_share"] == "1.0"
    assert by["JPN"]["hub_capacity_t_share"] == "0.0"  # nothing in a kind: zeros, not gaps


def test_with_nation_the_figures_count_only_its_released_records_and_say_so(
        db: str, tmp_path: Path) -> None:
    code, said = run("report", "burden", "--nation", "POL", "--out", str(tmp_path),
                     "--database-url", db)
    assert code == 0, said
    rows = read(tmp_path / "burden.csv")
    by = {r["nation"]: r for r in rows}
    assert by["POL"]["posts"] == "2"
    assert by["JPN"]["posts"] == "0"  # its post is hidden from Poland; its course is not
    assert by["POL"]["posts_share"] == "1.0"
    assert {r["computed_on"] for r in rows} == {"the records released to POL"}


def test_the_briefing_is_still_written_by_report_out(db: str, tmp_path: Path) -> None:
    code, said = run("report", "--out", str(tmp_path / "report.html"), "--database-url", db)
    assert code == 0, said
    assert "Briefing written" in said
    assert (tmp_path / "report.html").is_file()


def test_report_burden_has_its_own_help() -> None:
    code, said = run("report", "burden", "--help")
    assert code == 0
    assert "burden.csv" in said


def test_report_impact_shows_the_posts_to_refill_and_the_value_lost(db: str) -> None:
    code, said = run("report", "impact", "POL", "--database-url", db)
    assert code == 0, said
    assert "If Poland (POL) leaves" in said
    assert "Posts to refill: 2" in said
    assert "CG command" in said
    assert "lost;" in said


def test_report_impact_of_an_unknown_nation_fails_clearly(db: str) -> None:
    code, said = run("report", "impact", "FRA", "--database-url", db)
    assert code != 0
    assert "nation FRA is not known" in said
    assert "Traceback" not in said
