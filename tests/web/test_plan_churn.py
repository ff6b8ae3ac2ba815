"""The plan page says what changed against the approved plan and why, per need the reader sees."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

AsUser = Callable[[str], TestClient]
CHURN = {"lines": 5, "units": 60.0, "reference_lines": 9, "needs": {
    "N-ART": {"before": 300, "after": 280, "lines": 2, "units": 20.0, "why": "hub capacity"},
    "N-USA-ONLY": {"before": 50, "after": 10, "lines": 3, "units": 40.0, "why": "moved"}}}


def test_the_plan_page_lists_what_changed_for_visible_needs_only(
        app: FastAPI, as_user: AsUser) -> None:
    with SqlUnitOfWork(app.state.jobs.engine, "coord") as uow:
        run = uow.plan_runs.add("v", {"start": "2027-01-01", "horizon": 12})
        uow.plan_runs.record_result(run.id, status="optimal", value=1.0, lp_bound=1.0,
                                    summary={"needs": {}, "churn": CHURN}, allocations=[])
        uow.commit()
    page = as_user("coord").get(f"/ui/plans/{run.id}").text
    section = page.split('id="churn"')[1].split("</div>")[0]
    assert "What changed against the approved plan" in section
    assert "N-ART" in section
    assert "hub capacity" in section
    assert "2 allocation lines and 20 units changed" in section  # POL's needs only
    assert "N-USA-ONLY" not in page  # a need hidden from POL is neither listed nor counted
