"""``clearinghouse plan DATA --out OUT --bottlenecks | --what-it-takes NEED`` end to end."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clearinghouse.adapters.exchange import write_bundle
from clearinghouse.cli import app
from tests.factories import small_bundle

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit), f"traceback for {args}: {result.exception!r}"
    return result.exit_code, " ".join(result.output.split())


@pytest.fixture
def bundle_dir(tmp_path: Path) -> Path:
    path = tmp_path / "bundle"
    write_bundle(small_bundle(), path)
    return path


def test_bottlenecks_csv_has_the_spec_columns_ranked_by_confirmed_gain(
        bundle_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, text = run("plan", str(bundle_dir), "--out", str(out), "--start", "2027-01",
                     "--bottlenecks")
    assert code == 0, text
    assert "Additions worth most" in text
    with (out / "bottlenecks.csv").open(newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["kind", "resource", "month", "marginal_value", "addition",
                             "value_gain"]
    gains = [float(r["value_gain"]) for r in rows]
    assert gains == sorted(gains, reverse=True)
    assert all(g > 0 for g in gains)
    assert {r["kind"] for r in rows} <= {"hub", "producer", "funding", "class"}
    assert all((r["month"] == "") == (r["kind"] == "funding") for r in rows)
    assert (out / "allocations.csv").exists()  # the plan is written as well


def test_what_it_takes_shows_and_writes_the_additions_for_a_short_need(
        bundle_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, text = run("plan", str(bundle_dir), "--out", str(out), "--start", "2027-01")
    assert code == 0, text
    summary = json.loads((out / "summary.json").read_text())
    short = sorted(ref for ref, n in summary["needs"].items() if n["fraction"] < 1)
    assert short, "the small bundle has needs not fully met"
    code, text = run("plan", str(bundle_dir), "--out", str(out), "--start", "2027-01",
                     "--what-it-takes", short[0])
    assert code == 0, text
    assert f"What it takes for {short[0]}" in text
    with (out / "what_it_takes.csv").open(newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["kind", "resource", "month", "amount", "value"]
    assert {r["kind"] for r in rows} <= {"hub", "class", "funding", "displaced"}


def test_what_it_takes_for_an_unknown_need_is_a_clear_error(bundle_dir: Path,
                                                           tmp_path: Path) -> None:
    code, text = run("plan", str(bundle_dir), "--out", str(tmp_path / "o"), "--what-it-takes",
                     "NO-SUCH-NEED")
    assert code != 0
    assert "NO-SUCH-NEED" in text


def test_decision_flags_need_a_bundle_not_the_database(tmp_path: Path) -> None:
    code, text = run("plan", "--db", "--bottlenecks", "--database-url",
                     f"sqlite:///{tmp_path / 'ch.db'}")
    assert code != 0
    assert "--bottlenecks" in text
