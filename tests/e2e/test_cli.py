"""The ``clearinghouse`` command end to end, on a SQLite file in a temporary folder."""

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
    return result.exit_code, " ".join(result.output.split())  # Rich wraps at the width


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ch.db'}"


@pytest.fixture
def bundle_dir(tmp_path: Path) -> Path:
    path = tmp_path / "bundle"
    write_bundle(small_bundle(), path)
    return path


@pytest.mark.parametrize("command", [[], ["init"], ["import"], ["export"], ["demo"], ["plan"],
                                     ["training"], ["training", "plan"], ["mandates"]])
def test_every_command_explains_itself_with_help(command: list[str]) -> None:
    code, out = run(*command, "--help")
    assert code == 0
    assert "Usage" in out


def test_init_creates_the_sqlite_database(tmp_path: Path, db: str) -> None:
    code, out = run("init", "--database-url", db)
    assert code == 0, out
    assert (tmp_path / "ch.db").exists()


def test_importing_the_same_bundle_twice_changes_nothing_the_second_time(
        bundle_dir: Path, db: str) -> None:
    code, out = run("import", str(bundle_dir), "--database-url", db)
    assert code == 0, out
    assert "offers" in out
    assert "20 created, 0 updated, 0 unchanged" in out
    code, out = run("import", str(bundle_dir), "--database-url", db)
    assert code == 0, out
    assert "0 created, 0 updated, 20 unchanged" in out


def test_a_bad_row_is_reported_as_file_row_column_and_nothing_is_written(
        bundle_dir: Path, db: str, tmp_path: Path) -> None:
    offers = (bundle_dir / "offers.csv").read_text(encoding="utf-8").splitlines()
    offers.append(offers[1].replace("O-1", "O-9").replace(",500,", ",0,"))
    (bundle_dir / "offers.csv").write_text("\n".join(offers) + "\n", encoding="utf-8")
    code, out = run("import", str(bundle_dir), "--database-url", db)
    assert code == 2
    assert "offers.csv:4:quantity: 0" in out
    assert "Traceback" not in out
    code, out = run("export", str(tmp_path / "after"), "--database-url", db)
    assert code == 0
    assert "Exported 0 records" in out


def test_export_to_xlsx_and_import_elsewhere_gives_the_same_records(
        bundle_dir: Path, db: str, tmp_path: Path) -> None:
    assert run("import", str(bundle_dir), "--database-url", db)[0] == 0
    book = tmp_path / "all.xlsx"
    code, out = run("export", str(book), "--database-url", db)
    assert code == 0, out
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert run("import", str(book), "--database-url", other)[0] == 0
    run("export", str(tmp_path / "a"), "--database-url", db)
    run("export", str(tmp_path / "b"), "--database-url", other)
    for sheet in (bundle_dir).iterdir():
        assert (tmp_path / "a" / sheet.name).read_bytes() == (tmp_path / "b" / sheet.name
                                                             ).read_bytes()


def test_plan_of_a_bundle_writes_allocations_and_summary(bundle_dir: Path,
                                                         tmp_path: Path) -> None:
    out_dir = tmp_path / "plan"
    code, out = run("plan", str(bundle_dir), "--out", str(out_dir), "--start", "2027-01")
    assert code == 0, out
    with (out_dir / "allocations.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["offer", "need", "hub", "producer", "month", "quantity", "tonnes"]
    summary = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))
    assert summary["value"] <= summary["lp_bound"] + 1e-6
    assert set(summary["needs"]) == {"N-1", "N-2"}
    assert "Fill rate" in out


def test_plan_refuses_a_malformed_start_month_and_writes_nothing(bundle_dir: Path,
                                                                 tmp_path: Path) -> None:
    code, out = run("plan", str(bundle_dir), "--out", str(tmp_path / "p"), "--start", "2027-13")
    assert code == 2
    assert "YYYY-MM" in out
    assert not (tmp_path / "p").exists()


def test_plan_refuses_a_horizon_of_zero(bundle_dir: Path, tmp_path: Path) -> None:
    code, out = run("plan", str(bundle_dir), "--out", str(tmp_path / "p"), "--horizon", "0")
    assert code == 2
    assert "horizon" in out
    assert not (tmp_path / "p").exists()


def test_plan_of_the_database_is_stored_and_can_be_approved(bundle_dir: Path, db: str) -> None:
    assert run("import", str(bundle_dir), "--database-url", db)[0] == 0
    code, out = run("plan", "--db", "--start", "2027-01", "--database-url", db)
    assert code == 0, out
    code, out = run("plan", "approve", "1", "--database-url", db)
    assert code == 0, out
    assert "Plan run 1 approved" in out
    code, out = run("plan", "approve", "99", "--database-url", db)
    assert code == 2
    assert "plan run 99 does not exist" in out


def test_a_new_run_after_approval_shows_what_changed(bundle_dir: Path, db: str) -> None:
    assert run("import", str(bundle_dir), "--database-url", db)[0] == 0
    assert run("plan", "--db", "--start", "2027-01", "--database-url", db)[0] == 0
    assert run("plan", "approve", "1", "--database-url", db)[0] == 0
    code, out = run("plan", "--db", "--start", "2027-01", "--database-url", db)
    assert code == 0, out
    assert "Against approved run 1" in out


def test_training_plan_places_trainees_on_course_seats(bundle_dir: Path) -> None:
    code, out = run("training", "plan", str(bundle_dir), "--start", "2027-01")
    assert code == 0, out
    assert "20 of 40 trainees placed" in out


def test_demo_loads_summarises_and_plans_the_picture(db: str, tmp_path: Path) -> None:
    code, out = run("demo", "--database-url", db, "--start", "2026-11",
                    "--out", str(tmp_path / "demo"))
    assert code == 0, out
    for heading in ("Needs by capability and priority", "Offers by donor", "Hubs",
                    "Fill rate by capability", "Hub tonnes per month"):
        assert heading in out
    assert (tmp_path / "demo" / "summary.json").exists()


def test_plan_approve_is_a_subcommand_with_its_own_help_and_a_required_run() -> None:
    code, out = run("plan", "approve", "--help")
    assert code == 0
    assert "plan approve [OPTIONS]" in out
    code, out = run("plan", "approve")
    assert code == 2
    assert "Missing argument 'RUN'" in out


def test_plan_help_shows_the_planning_options_and_names_plan_approve() -> None:
    code, out = run("plan", "--help")
    assert code == 0
    assert "plan [OPTIONS] [DATA_DIR]" in out
    assert "--out" in out
    assert "clearinghouse plan approve RUN" in out


def test_plan_of_a_bundle_needs_an_out_folder_and_not_db_as_well(bundle_dir: Path) -> None:
    code, out = run("plan", str(bundle_dir))
    assert code == 2
    assert "--out OUT_DIR is required" in out
    code, out = run("plan", str(bundle_dir), "--db", "--out", "x")
    assert code == 2
    assert "give either a DATA_DIR" in out


def test_a_bundle_folder_named_approve_is_planned_when_written_as_a_path(
        bundle_dir: Path, tmp_path: Path) -> None:
    folder = bundle_dir.rename(tmp_path / "approve")
    code, out = run("plan", f"{folder}", "--out", str(tmp_path / "p"), "--start", "2027-01")
    assert code == 0, out
    assert (tmp_path / "p" / "allocations.csv").exists()
