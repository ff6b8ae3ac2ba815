"""Plan files are deterministic and atomic; settings are validated; months index per SPEC."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.logistics import Lane
from clearinghouse.planning.engine import plan
from clearinghouse.planning.files import allocations_csv, summary_json, write_plan
from clearinghouse.planning.settings import PlanSettings

from .bundles import (
    bundle,
    check_feasible,
    hub,
    need,
    offer,
    pledge,
    producer,
    random_bundle,
    settings,
)


def _bundle() -> Bundle:
    return bundle(needs=[need("N1", qty=10, due=1), need("N2", qty=7, priority=2, due=2),
                         need("N3", "B", qty=5)],
                  offers=[offer("O2", qty=6), offer("O1", qty=6, donor="USA"),
                          offer("O3", qty=3, available=1)],
                  hubs=[hub("H1", capacity=4), hub("H2", capacity=3)],
                  lanes=[Lane("POL", "H1", 2, 10.0), Lane("POL", "H2", 2, 30.0),
                         Lane("USA", "H2", 9, 5.0)],
                  producers=[producer(capacity=2, lead=1)], funding=[pledge(amount=40)])


def test_the_same_bundle_gives_byte_identical_plan_files(tmp_path: Path) -> None:
    for run in ("a", "b"):
        write_plan(plan(_bundle(), settings()), tmp_path / run, _bundle())
    for name in ("allocations.csv", "summary.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


@pytest.mark.parametrize("mip", [True, False])
def test_a_medium_bundle_planned_twice_gives_identical_files(mip: bool) -> None:
    size = (50, 30) if mip else (150, 80)
    first, again = (plan(random_bundle(5, *size), settings(), mip=mip) for _ in range(2))
    assert allocations_csv(first) == allocations_csv(again)
    assert summary_json(first) == summary_json(again)
    check_feasible(first, random_bundle(5, *size))


def test_allocations_csv_has_the_spec_columns_and_produced_units_have_no_hub(
        tmp_path: Path) -> None:
    write_plan(plan(_bundle(), settings()), tmp_path / "out", _bundle())
    with open(tmp_path / "out" / "allocations.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["offer", "need", "hub", "producer", "month", "quantity", "tonnes"]
    produced = [r for r in rows if r["producer"]]
    assert produced
    assert all(r["hub"] == "" and r["offer"] == "F1" for r in produced)
    assert rows == sorted(rows, key=lambda r: (r["offer"], r["need"], r["hub"], r["producer"],
                                               int(r["month"])))


def test_summary_json_holds_status_value_bound_needs_and_hub_tonnes(tmp_path: Path) -> None:
    p = plan(_bundle(), settings())
    write_plan(p, tmp_path / "out")
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert {"status", "value", "lp_bound", "needs", "hub_tonnes"} <= set(summary)
    assert set(summary["needs"]) == {"N1", "N2", "N3"}
    assert summary["needs"]["N3"] == {"delivered": 0.0, "fraction": 0.0,
                                      "reason": "no-compatible-offer"}
    assert len(summary["hub_tonnes"]["H1"]) == 12
    assert summary["value"] <= summary["lp_bound"]


def test_writing_a_plan_replaces_the_files_and_leaves_no_temporary_folder(
        tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "summary.json").write_text("old")
    write_plan(plan(_bundle(), settings()), out)
    assert json.loads((out / "summary.json").read_text())["status"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_failed_write_leaves_nothing_half_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "allocations.csv").mkdir()  # a folder where the file must go: the move fails
    with pytest.raises(IsADirectoryError):
        write_plan(plan(_bundle(), settings()), out)
    assert not (out / "summary.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_plan_month_counts_months_from_the_start_and_earlier_dates_are_month_zero() -> None:
    s = PlanSettings(date(2027, 3, 1))
    assert s.plan_month(date(2027, 3, 31)) == 0
    assert s.plan_month(date(2027, 4, 1)) == 1
    assert s.plan_month(date(2028, 2, 15)) == 11
    assert s.plan_month(date(2026, 12, 1)) == 0


@pytest.mark.parametrize(("field", "kw"), [
    ("horizon", {"horizon": 0}), ("decay", {"decay": 0.0}), ("decay", {"decay": 1.5}),
    ("weights", {"weights": (1, 2, 3)}), ("late_cutoff_months", {"late_cutoff_months": -1}),
    ("time_limit_s", {"time_limit_s": 0}), ("mip_rel_gap", {"mip_rel_gap": 1.0}),
])
def test_plan_settings_refuse_values_outside_their_rules(field: str, kw: dict[str, object]) -> None:
    with pytest.raises(DomainError) as e:
        PlanSettings(date(2027, 1, 1), **kw)  # type: ignore[arg-type]
    assert e.value.field == field


def test_the_plan_starts_on_the_first_of_a_month() -> None:
    with pytest.raises(DomainError) as e:
        PlanSettings(date(2027, 1, 15))
    assert e.value.field == "start"
