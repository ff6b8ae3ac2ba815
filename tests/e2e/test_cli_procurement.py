"""``clearinghouse plan DATA --out OUT`` with a procurement.csv: the allies' requests filled
from what the plan leaves, written as procurement.csv, procurement_unfilled.csv and in
summary.json, and shown as a table."""

from __future__ import annotations

import csv
import dataclasses
import json
from collections import defaultdict
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from clearinghouse.adapters.exchange import write_bundle
from clearinghouse.cli import app
from clearinghouse.domain.procurement import ProcurementRequest
from tests.factories import small_bundle

runner = CliRunner()
LEAD, CAPACITY = 2, 1000  # the small bundle's producer UA-DRONE-1 (IFAK, 40 EUR)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as f:
        return list(csv.DictReader(f))


def test_plan_writes_the_filled_requests_and_the_unfilled_ones_with_their_reasons(
        tmp_path: Path) -> None:
    requests = [
        ProcurementRequest("PR-1", "POL", "IFAK", 3000, 50.0, date(2027, 12, 1)),
        ProcurementRequest("PR-2", "JPN", "IFAK", 100, 30.0, date(2027, 12, 1)),
        ProcurementRequest("PR-3", "POL", "SAT-IMG", 10, 100.0, date(2027, 12, 1)),
    ]
    write_bundle(dataclasses.replace(small_bundle(), procurement=requests), tmp_path / "b")
    out = tmp_path / "out"
    result = runner.invoke(app, ["plan", str(tmp_path / "b"), "--out", str(out),
                                 "--start", "2027-01"])
    text = " ".join(result.output.split())
    assert result.exit_code == 0, text
    assert "Allies' requests filled from capacity the plan leaves" in text
    lines = rows(out / "procurement.csv")
    assert list(lines[0]) == ["request", "producer", "month", "quantity", "unit_price_eur"]
    assert {(x["request"], x["producer"], x["unit_price_eur"]) for x in lines} == {
        ("PR-1", "UA-DRONE-1", "40")}
    assert sum(int(x["quantity"]) for x in lines) == 3000
    made: dict[int, int] = defaultdict(int)
    for a in rows(out / "allocations.csv"):
        if a["producer"]:
            made[int(a["month"]) - LEAD] += int(a["quantity"])
    for x in lines:
        made[int(x["month"])] += int(x["quantity"])
    assert max(made.values()) <= CAPACITY
    assert [(u["request"], u["filled"], u["reason"]) for u in rows(
        out / "procurement_unfilled.csv")] == [("PR-2", "0", "price-cap"),
                                               ("PR-3", "0", "no-producer")]
    summary = json.loads((out / "summary.json").read_text())["procurement"]
    assert summary["requests"]["PR-1"] == {"quantity": 3000, "filled": 3000, "reason": None}
    assert summary["units"] == 3000
    assert summary["amount_eur"] == 120_000.0
    assert sum(summary["earnings_per_month"]) == 120_000.0


def test_a_bundle_without_requests_writes_no_procurement_files(tmp_path: Path) -> None:
    write_bundle(small_bundle(), tmp_path / "b")
    out = tmp_path / "out"
    result = runner.invoke(app, ["plan", str(tmp_path / "b"), "--out", str(out),
                                 "--start", "2027-01"])
    assert result.exit_code == 0, result.output
    assert not (out / "procurement.csv").exists()
    assert "procurement" not in json.loads((out / "summary.json").read_text())
