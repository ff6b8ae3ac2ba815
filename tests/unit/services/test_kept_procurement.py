"""An approved run's procurement lines as a re-plan keeps them: counted from the re-plan's
own start month, lines made before it dropped."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from clearinghouse.adapters.db.plan_runs import PlanRun
from clearinghouse.planning.procurement import ProcurementLine
from clearinghouse.services.planning.procurement import stored_lines


def run(start: str | None, lines: list[dict[str, Any]]) -> PlanRun:
    settings = {"horizon": 12} | ({"start": start} if start else {})
    return PlanRun(1, datetime(2027, 1, 1, tzinfo=UTC), "t", "x", settings, "optimal", 0.0,
                   0.0, {"procurement": {"lines": lines}}, None)


LINES = [{"request": "R1", "producer": "P1", "month": m, "quantity": 5, "unit_price_eur": 9.0,
          "delivery": m + 2} for m in (0, 3)]


def test_a_replan_a_month_later_sees_the_approved_months_one_earlier() -> None:
    kept = stored_lines(run("2027-01-01", LINES), start=date(2027, 2, 1))
    assert kept == [ProcurementLine("R1", "P1", 2, 5, 9.0, 4)]  # month 0 is past: dropped


def test_the_same_start_keeps_the_months_and_no_run_keeps_nothing() -> None:
    assert [x.month for x in stored_lines(run("2027-01-01", LINES), start=date(2027, 1, 1))
            ] == [0, 3]
    assert [x.month for x in stored_lines(run(None, LINES), start=date(2027, 1, 1))] == [0, 3]
    assert stored_lines(None, start=date(2027, 1, 1)) == []
