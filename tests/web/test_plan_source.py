"""One source per figure: the dashboard's plan-derived figures come from the approved plan
and name it; a later run nobody approved changes nothing there and is labelled as such."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.web.conftest import ON_BOTH_DATABASES, csrf_of
from tests.web.test_import_and_plans import wait_for_plan

AsUser = Callable[[str], TestClient]
SOURCE = re.compile(r"approved plan run (\d+), approved \d{4}-\d\d-\d\d \d\d:\d\d UTC by coord")


def run_plan(client: TestClient, horizon: str) -> str:
    """Run a plan through the page and wait for it: the plan page's path."""
    plans = client.get("/ui/plans")
    ran = client.post("/ui/plans", data={"csrf": csrf_of(plans.text), "horizon": horizon},
                      follow_redirects=False)
    assert ran.status_code == 303, ran.text
    return wait_for_plan(client, ran.headers["location"])


def main_of(html: str) -> str:
    return re.split(r"<main[^>]*>", html)[1].split("</main>")[0]


def figures_of(html: str) -> str:
    """The dashboard's main part without its work queue (which lists runs to approve)."""
    main = main_of(html)
    return main.split('<section class="card wide" id="work-queue"')[0] + main.split(
        "</section>", 1)[1]


def test_without_an_approved_plan_the_dashboard_says_so_and_shows_no_run(
        as_user: AsUser) -> None:
    client = as_user("coord")
    run_plan(client, "12")  # run, never approved
    dashboard = client.get("/ui/").text
    fill = dashboard.split('id="fill-rate"')[1].split("</section>")[0]
    assert "No plan approved yet" in fill
    assert "plan run" not in fill
    assert "Reason (approved plan)" in dashboard
    assert "No plan approved yet" in dashboard.split('id="hub-tonnes"')[1]


@ON_BOTH_DATABASES
def test_the_dashboard_is_unchanged_by_a_later_run_nobody_approved(as_user: AsUser) -> None:
    client = as_user("coord")
    approved_path = run_plan(client, "12")
    plan = client.get(approved_path)
    assert client.post(f"{approved_path}/approve",
                       data={"csrf": csrf_of(plan.text), "confirm": "yes"},
                       follow_redirects=False).status_code == 303
    before = client.get("/ui/").text
    found = SOURCE.search(before.split('id="fill-rate"')[1])
    assert found is not None
    assert f"/ui/plans/{found.group(1)}" == approved_path
    assert SOURCE.search(before.split('id="hub-tonnes"')[1]) is not None

    later = run_plan(client, "1")  # a one-month run would turn the fill rates red
    assert later != approved_path
    after = client.get("/ui/").text
    assert figures_of(after) == figures_of(before)
    assert f'href="{later}"' in after.split('id="task-plans"')[1]  # awaits approval
    for name in ("ukr-liaison", "pol-donor", "auditor"):
        assert f"approved plan run {found.group(1)}" in as_user(name).get("/ui/").text


def test_a_run_nobody_approved_is_labelled_as_such_and_names_the_approved_plan(
        as_user: AsUser) -> None:
    client = as_user("coord")
    approved_path = run_plan(client, "12")
    plan = client.get(approved_path)
    client.post(f"{approved_path}/approve", data={"csrf": csrf_of(plan.text), "confirm": "yes"})
    later = client.get(run_plan(client, "2")).text
    label = later.split('id="plan-label"')[1].split("</p>")[0]
    assert "Not approved" in label
    assert "the dashboard and reports show approved plan run" in label
    assert "This is the approved plan run" in client.get(approved_path).text
    plans = client.get("/ui/plans").text
    assert "not approved" in plans
    assert "approved plan</strong>" in plans
