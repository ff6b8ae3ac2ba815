"""Comparing two scenario runs in the browser: the figures ``compare_runs`` gives (as the API
and the command line), the newest run against the one before by default, a chart and a CSV
file; bad or foreign run ids are answered on the page, never with a 500."""

from __future__ import annotations

import csv
import io
import re
import threading
from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.services.records.users import Role, User, password_hash
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.web.conftest import log_in
from tests.web.test_scenario_pages import NOT_COORDINATORS, post
from tests.web.world import PASSWORD, wait_for_run

AsUser = Callable[[str], TestClient]


def two_runs(client: TestClient) -> tuple[str, str]:
    """A drop-out of Poland, then Rzeszów closed (no hub: nothing delivered): their ids."""
    ids = []
    for which, data in (("dropout", {"donors": "POL"}), ("hub", {"action": "close",
                                                                 "close": "PL-RZE"})):
        status, _, run_path = post(client, which, **data)
        assert status == 303
        wait_for_run(client, run_path)
        ids.append(run_path.rsplit("/", 1)[1])
    return ids[0], ids[1]


def comparison(html: str) -> dict[str, list[str]]:
    table = html.split('id="comparison"')[1].split("</table>")[0]
    return {row[0]: row[1:] for row in
            (re.findall(r"<td[^>]*>([^<]*)</td>", r) for r in table.split("<tr>")[2:])}


@pytest.mark.parametrize("name", NOT_COORDINATORS[:2])
def test_only_coordinators_compare_runs(as_user: AsUser, name: str) -> None:
    client = as_user(name)
    for path in ("/ui/scenarios/compare", "/ui/scenarios/compare.csv?a=1&b=2"):
        answer = client.get(path)
        assert answer.status_code == 403, path
        assert "may not run scenarios" in answer.text


def test_with_no_finished_run_the_page_says_so(as_user: AsUser) -> None:
    page = as_user("coord").get("/ui/scenarios/compare")
    assert page.status_code == 200
    assert "no finished scenario run to compare yet" in page.text
    assert 'id="comparison"' not in page.text


def test_the_newest_run_is_compared_with_the_one_before_by_default(as_user: AsUser) -> None:
    client = as_user("coord")
    dropout, hub = two_runs(client)
    html = client.get("/ui/scenarios/compare").text
    assert re.search(rf'id="compare-a".*<option value="{dropout}" selected>', html, re.S)
    assert re.search(rf'id="compare-b".*<option value="{hub}" selected>', html, re.S)
    assert f"Run {dropout} against run {hub}" in html
    rows = comparison(html)
    # Without Poland nothing reaches the artillery need; with Rzeszów closed nothing at all.
    assert rows["priority 1 fill"] == ["0 %", "0 %", "+0.0 points"]
    assert rows["priority 2 fill"][1] == "0 %"
    assert rows["value"][1] == "0.0"
    assert rows["value"][2].startswith("-")
    ran = html.split('id="compared-runs"')[1].split("</ul>")[0]
    assert "without POL" in ran
    assert "close hub PL-RZE" in ran
    assert ran.count("computed on the records released to POL") == 2
    fill = html.split('id="fill-chart"')[1].split("</svg>")[0]
    assert f">run {dropout}</text>" in fill
    assert f">run {hub}</text>" in fill
    assert fill.count('class="mark before"') == fill.count('class="mark after"') >= 2
    assert html.split('id="value-chart"')[1].split("</svg>")[0].count('class="mark"') == 2
    assert f'href="/ui/scenarios/compare.csv?a={dropout}&amp;b={hub}"' in html


def test_two_runs_picked_and_exported_as_csv(as_user: AsUser) -> None:
    client = as_user("coord")
    dropout, hub = two_runs(client)
    html = client.get(f"/ui/scenarios/compare?a={hub}&b={dropout}").text
    assert f"Run {hub} against run {dropout}" in html
    answer = client.get(f"/ui/scenarios/compare.csv?a={hub}&b={dropout}")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert f'filename="scenario_runs_{hub}_{dropout}.csv"' in answer.headers[
        "content-disposition"]
    rows = list(csv.reader(io.StringIO(answer.text)))
    assert rows[0] == ["figure", f"run {hub}", f"run {dropout}", "difference"]
    value = next(r for r in rows if r[0] == "value")
    assert float(value[1]) == 0.0 < float(value[2]) == float(value[3])
    # The same figures as the page, as the service compares them (one source).
    assert {r[0] for r in rows[1:]} == set(comparison(html))


@pytest.mark.parametrize(("query", "status", "message"), [
    ("a=abc&b=1", 422, "&#39;abc&#39; is not a run"),
    ("a=1&b=-4", 422, "&#39;-4&#39; is not a run"),
    ("a=1&b=99999999999", 422, "is not a run"),
    ("a=1&b=424242", 404, "scenario run 424242 does not exist"),
])
def test_a_bad_or_unknown_run_is_said_on_the_page(as_user: AsUser, query: str, status: int,
                                                  message: str) -> None:
    client = as_user("coord")
    two_runs(client)
    answer = client.get(f"/ui/scenarios/compare?{query}")
    assert answer.status_code == status
    error = answer.text.split('id="compare-error">')[1].split("</p>")[0]
    assert message in error
    assert 'id="compare-form"' in answer.text  # the user can pick again
    assert client.get(f"/ui/scenarios/compare.csv?{query}").status_code == status


def test_another_coordinators_run_and_an_unfinished_one_are_not_compared(
        app: FastAPI, as_user: AsUser) -> None:
    client = as_user("coord")
    dropout, _ = two_runs(client)
    with SqlUnitOfWork(app.state.engine, "test") as uow:
        uow.users.add("coord-rou", password_hash(PASSWORD), "ROU", "coordinator")
        uow.commit()
    other = log_in(app, "coord-rou")
    answer = other.get(f"/ui/scenarios/compare?a={dropout}&b={dropout}")
    assert answer.status_code == 404
    assert f"scenario run {dropout} does not exist" in answer.text
    release = threading.Event()

    def work(_job_id: int, progress: Callable[[float], None]) -> dict[str, object]:
        progress(0.5)
        release.wait(30)
        return {}

    running = app.state.jobs.submit(User("coord", "POL", Role.COORDINATOR),
                                    "scenario-dependency",
                                    {"start": "2026-01-01", "horizon": 12, "view": "POL"}, work)
    try:
        answer = client.get(f"/ui/scenarios/compare?a={dropout}&b={running.id}")
        assert answer.status_code == 409
        assert f"scenario run {running.id} is" in answer.text
        assert "compare it when done" in answer.text
    finally:
        release.set()
