"""The Monte Carlo page: a coordinator draws random futures as a job and reads their spread
as histograms and percentile tables, computed on the records released to its nation; bad
forms are answered next to the field; everyone else is refused."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.api.app import create_app
from clearinghouse.config import Settings
from tests.web.conftest import csrf_of, log_in
from tests.web.test_scenario_pages import NOT_COORDINATORS, field_error
from tests.web.world import HIDDEN_OFFER, populate, wait_for_run

AsUser = Callable[[str], TestClient]
#: Futures in which nothing goes wrong: each one is the plan of the visible records.
CALM = {"runs": "4", "seed": "7", "delay_prob": "0", "withdraw_prob": "0",
        "hub_outage_prob": "0", "horizon": "6"}


@pytest.fixture(scope="module")
def dask_scheduler() -> Iterator[str]:
    """A one-worker Dask cluster in this process, reached by address (as in the API tests)
    instead of a cluster of processes per Monte Carlo job."""
    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                           dashboard_address=":0")
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture
def app(web_database_url: str, dask_scheduler: str) -> Iterator[FastAPI]:
    settings = Settings(database_url=web_database_url, environment="test",
                        dask_scheduler=dask_scheduler)
    app = create_app(settings)
    populate(settings, app.state.engine, date.today())
    yield app
    app.state.jobs.shutdown(wait=True)
    app.state.engine.dispose()


@pytest.fixture
def as_user(app: FastAPI) -> AsUser:
    return lambda name: log_in(app, name)


def post(client: TestClient, **data: object) -> tuple[int, str, str]:
    form = client.get("/ui/scenarios/montecarlo")
    answer = client.post("/ui/scenarios/montecarlo",
                         data={"csrf": csrf_of(form.text), **data}, follow_redirects=False)
    return answer.status_code, answer.text, answer.headers.get("location", "")


@pytest.mark.parametrize("name", NOT_COORDINATORS[:2])
def test_only_coordinators_see_or_run_monte_carlo(as_user: AsUser, name: str) -> None:
    client = as_user(name)
    refused = client.get("/ui/scenarios/montecarlo")
    assert refused.status_code == 403
    assert "may not run scenarios" in refused.text
    answer = client.post("/ui/scenarios/montecarlo",
                         data={"csrf": csrf_of(client.get("/ui/").text), **CALM})
    assert answer.status_code == 403


def test_the_scenarios_page_links_the_monte_carlo_and_comparison_pages(as_user: AsUser) -> None:
    client = as_user("coord")
    links = client.get("/ui/scenarios").text.split('id="scenario-links"')[1].split("</p>")[0]
    assert 'href="/ui/scenarios/montecarlo"' in links
    assert 'href="/ui/scenarios/compare"' in links
    form = client.get("/ui/scenarios/montecarlo")
    assert form.status_code == 200
    assert 'name="runs" value="100"' in form.text  # the command line's defaults
    assert "You have run no Monte Carlo futures yet" in form.text


@pytest.mark.parametrize(("field", "typed", "message"), [
    ("runs", "many", "whole number from 1 to 2,000"),
    ("runs", "0", "is not a number of futures"),
    ("runs", "2001", "from 1 to 2,000"),
    ("runs", "1.5", "whole number"),
    ("seed", "-1", "is not a seed"),
    ("delay_prob", "1.5", "is not a probability"),
    ("withdraw_prob", "often", "is not a probability"),
    ("hub_outage_prob", "nan", "is not a probability"),
    ("hub_outage_prob", "120%", "is not a probability"),
    ("horizon", "0", "from 1 to 60"),
])
def test_a_bad_monte_carlo_form_is_answered_next_to_the_field(
        as_user: AsUser, field: str, typed: str, message: str) -> None:
    client = as_user("coord")
    status, html, _ = post(client, **{**CALM, field: typed})
    assert status == 422
    assert message in field_error(html, "montecarlo", field)
    assert f'id="montecarlo-{field}" name="{field}" value="{typed}"' in html  # kept
    assert 'aria-invalid="true"' in html
    assert "You have run no Monte Carlo futures yet" in html  # nothing was queued


def test_futures_are_drawn_on_the_coordinators_view_and_drawn_as_histograms(
        as_user: AsUser) -> None:
    client = as_user("coord")
    status, _, run_path = post(client, **{**CALM, "delay_prob": "0%"})
    assert status == 303
    assert re.fullmatch(r"/ui/scenarios/runs/\d+", run_path)
    html = wait_for_run(client, run_path)
    run_id = run_path.rsplit("/", 1)[1]
    assert "4 random futures (seed 7; delays 0 %, withdrawals 0 %, hub outages 0 %)" in html
    assert "Computed on the records released to POL: its futures are drawn from" in html
    histogram = html.split('id="value-histogram"')[1].split("</section>")[0]
    assert f"Scenario run {run_id}, 4 futures, computed on the records released to POL" \
        in histogram
    assert histogram.count('class="mark"') == 1  # four calm futures: one bar
    assert ": 4 futures</title>" in histogram
    # Poland sees 400 rounds asked for at priority 1 and its own 300 offered: 75 % in every
    # future (the US-only need and the US offer would change it).
    fill = html.split('id="fill-table"')[1].split("</table>")[0]
    assert re.search(r"<td>1</td>(<td class=\"num\">75 %</td>){4}", fill)
    assert 'id="fill-histogram-1"' in html
    assert "N-ART" in html.split('id="most-unmet"')[1].split("</table>")[0]
    assert HIDDEN_OFFER not in html
    assert "N-USA-ONLY" not in html
    listed = client.get("/ui/scenarios/montecarlo").text
    assert f'href="{run_path}"' in listed
    assert "computed on the records released to POL" in listed


def test_disrupted_futures_spread_over_several_bars(as_user: AsUser) -> None:
    client = as_user("coord")
    status, _, run_path = post(client, runs="30", seed="1", delay_prob="0.5",
                               withdraw_prob="30%", hub_outage_prob="0.5", horizon="6")
    assert status == 303
    html = wait_for_run(client, run_path)
    fill = html.split('id="fill-histogram-1"')[1].split("</section>")[0]
    counts = [int(n) for n in re.findall(r": (\d+) futures</title>", fill)]
    assert sum(counts) == 30
    assert len(counts) > 1
