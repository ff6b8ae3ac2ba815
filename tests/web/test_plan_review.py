"""The plan review page: a summary at the top, the needs not fully met grouped by priority
and capability, and allocations filtered, paged and exported — all over the records
released to the reader's nation."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from datetime import date

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.planning.plan import Allocation
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.shipment_runs import through_hub
from tests.web.world import HIDDEN_OFFER

AsUser = Callable[[str], TestClient]
NEEDS = {"N-ART": {"delivered": 100.0, "fraction": 0.25, "reason": "no-supply"},
         "N-MED": {"delivered": 900.0, "fraction": 1.0, "reason": None},
         "N-USA-ONLY": {"delivered": 0.0, "fraction": 0.0, "reason": "hidden-reason"}}


def stored(app: FastAPI, allocations: Sequence[Allocation], **summary: object) -> int:
    with SqlUnitOfWork(app.state.engine, "test") as uow:
        start = date.today().replace(day=1).isoformat()
        run = uow.plan_runs.add("test", {"start": start, "horizon": 12}, status="optimal")
        uow.plan_runs.record_result(run.id, status="optimal", value=8.0, lp_bound=10.0,
                                    summary={"status": "optimal", "needs": NEEDS, **summary},
                                    allocations=allocations)
        uow.commit()
    return run.id


@pytest.fixture
def run(app: FastAPI) -> int:
    return stored(app, [through_hub("O-POL", "N-ART", 0, 100),
                        through_hub("O-JPN", "N-MED", 1, 900, kg=0.5),
                        through_hub(HIDDEN_OFFER, "N-USA-ONLY", 0, 50)],
                  churn={"lines": 3, "units": 25.0, "reference_lines": 4, "needs": {
                      "N-ART": {"before": 80, "after": 100, "lines": 1, "units": 20.0,
                                "why": "gets more units"},
                      "N-USA-ONLY": {"before": 50, "after": 45, "lines": 2, "units": 5.0,
                                     "why": "moved"}}})


def section(html: str, marker: str, end: str = "</details>") -> str:
    return html.split(marker, 1)[1].split(end, 1)[0]


def test_the_summary_shows_the_gap_fill_per_capability_hub_tonnes_and_churn(
        as_user: AsUser, run: int) -> None:
    html = as_user("coord").get(f"/ui/plans/{run}").text
    assert html.index('id="summary"') < html.index('id="unmet"')  # the summary comes first
    assert "within 20 % of the best possible" in section(html, 'id="solver"', "</p>")
    capability = section(html, 'id="by-capability"', "</table>")
    assert "artillery" in capability
    assert "medical" in capability
    hubs = section(html, 'id="hub-months"')
    assert "PL-RZE" in hubs
    assert "4.7 t" in hubs  # 100 rounds of 47 kg; the hidden 50 rounds are not counted
    churn = section(html, 'id="churn"', "</div>")
    assert "1 allocation line and 20 units changed" in churn  # over the needs POL sees
    assert "gets more units" in churn


def test_needs_not_fully_met_are_grouped_with_class_requested_planned_and_reason(
        as_user: AsUser, run: int) -> None:
    html = as_user("coord").get(f"/ui/plans/{run}").text
    unmet = section(html, 'id="unmet"', "</div>")
    assert "Priority 1 · artillery: 1 need, 300 units short" in unmet
    row = section(unmet, 'href="/ui/needs/N-ART"', "</tr>")
    for cell in ("155mm-NATO", ">400<", ">100<", ">300<", "no-supply"):
        assert cell in row
    assert "N-MED" not in unmet  # fully met
    assert "N-USA-ONLY" not in html  # not released to Poland
    assert "hidden-reason" not in html


def test_allocations_filter_by_donor_and_export_exactly_what_the_page_lists(
        as_user: AsUser, run: int) -> None:
    client = as_user("coord")
    html = client.get(f"/ui/plans/{run}?donor=JPN").text
    listed = section(html, 'id="allocations"', "</table>")
    assert "O-JPN" in listed
    assert "O-POL" not in listed
    assert "Allocations (1 matching of 2)" in html
    answer = client.get(f"/ui/plans/{run}/allocations.csv?donor=JPN")
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [(r["offer"], r["donor"], r["need"], r["units"]) for r in rows] == [
        ("O-JPN", "JPN", "N-MED", "900")]
    everything = client.get(f"/ui/plans/{run}/allocations.csv").text
    assert HIDDEN_OFFER not in everything
    assert len(list(csv.DictReader(io.StringIO(everything)))) == 2


def test_allocations_come_in_pages_of_100_and_a_page_past_the_end_shows_the_last(
        app: FastAPI, as_user: AsUser) -> None:
    run = stored(app, [through_hub("O-POL", "N-ART", m % 12, 1) for m in range(150)])
    client = as_user("coord")
    first = section(client.get(f"/ui/plans/{run}").text, 'id="allocations"', "</table>")
    assert first.count("<tr>") == 101  # header and 100 rows
    last = client.get(f"/ui/plans/{run}?page=999").text
    assert "Page 2 of 2" in last
    assert section(last, 'id="allocations"', "</table>").count("<tr>") == 51


def test_an_unknown_run_has_no_export(as_user: AsUser) -> None:
    assert as_user("coord").get("/ui/plans/999/allocations.csv").status_code == 404


def test_one_unit_short_and_one_line_changed_read_in_the_singular(app: FastAPI,
                                                                  as_user: AsUser) -> None:
    needs = {"N-ART": {"delivered": 399.0, "fraction": 0.9975, "reason": "no-supply"},
             "N-MED": {"delivered": 900.0, "fraction": 1.0, "reason": None}}
    run_id = stored(app, [through_hub("O-POL", "N-ART", 0, 399),
                          through_hub("O-JPN", "N-MED", 1, 900, kg=0.5)], needs=needs,
                    churn={"lines": 1, "units": 1.0, "reference_lines": 1, "needs": {
                        "N-ART": {"before": 398, "after": 399, "lines": 1, "units": 1.0,
                                  "why": "gets more units"}}})
    html = as_user("coord").get(f"/ui/plans/{run_id}").text
    assert "Priority 1 · artillery: 1 need, 1 unit short" in section(html, 'id="unmet"', "</div>")
    assert "1 allocation line and 1 unit changed" in section(html, 'id="churn"', "</div>")
