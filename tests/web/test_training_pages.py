"""Training pages: a coordinator runs the training plan as a job and reads trainees placed by
category and host (server-drawn SVG and tables) and the needs left short with the reason;
everyone sees the mandate watch of the records released to them."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.training import CourseCategory, CourseOffer, TrainingNeed
from tests.seed import seed
from tests.web.conftest import csrf_of
from tests.web.world import wait_for_run

AsUser = Callable[[str], TestClient]


@pytest.fixture
def trained(app: FastAPI) -> FastAPI:
    """The test world with two training needs and two medical courses: Poland's runs under
    NSATU, whose mandate ends in 45 days; no course teaches cyber."""
    today = date.today()
    soon, due = today + timedelta(days=20), today + timedelta(days=200)
    seed(app.state.settings, Bundle(
        training_needs=[TrainingNeed("T-MED", CourseCategory.MEDICAL, 40, 1, due),
                        TrainingNeed("T-CYB", CourseCategory.CYBER, 10, 2, due)],
        courses=[CourseOffer("C-MED-POL", "POL", "POL", CourseCategory.MEDICAL, "NSATU", 25,
                             soon, soon + timedelta(days=10)),
                 CourseOffer("C-MED-USA", "USA", "POL", CourseCategory.MEDICAL, "EUMAM", 10,
                             soon, soon + timedelta(days=10))]), "test")
    return app


def run_training(client: TestClient, horizon: str = "12") -> tuple[int, str, str]:
    form = client.get("/ui/training")
    answer = client.post("/ui/training", data={"csrf": csrf_of(form.text), "horizon": horizon},
                         follow_redirects=False)
    return answer.status_code, answer.text, answer.headers.get("location", "")


def chart(html: str, ident: str) -> str:
    return html.split(f'id="{ident}"', 1)[1].split("</svg>", 1)[0]


def test_a_coordinator_runs_the_training_plan_and_reads_it(trained: FastAPI,
                                                           as_user: AsUser) -> None:
    client = as_user("coord")
    page = client.get("/ui/training")
    assert page.status_code == 200
    assert 'id="run-training"' in page.text
    assert "You have run no training plan yet" in page.text
    status, _, run_path = run_training(client)
    assert status == 303
    assert re.fullmatch(r"/ui/training/runs/\d+", run_path)
    html = wait_for_run(client, run_path)
    assert "35 of 50 trainees placed" in html
    by_category = chart(html, "by-category")
    assert by_category.count('class="mark"') == 2  # medical and cyber (none placed)
    assert "35 trainees" in by_category
    by_host = chart(html, "by-host")
    assert by_host.count('class="mark"') == 2
    assert "POL" in by_host
    assert "25 trainees" in by_host
    assert "10 trainees" in by_host
    short = html.split('id="unmet-training"')[1].split("</table>")[0]
    assert re.search(r"<td>T-CYB</td><td>10</td><td>0</td><td>0%</td>"
                     r"<td>no-compatible-course: no course of its category exists", short)
    assert re.search(r"<td>T-MED</td><td>40</td><td>35</td><td>88%</td><td>seats", short)
    watch = html.split('id="mandate-watch"')[1].split("</section>")[0]
    assert re.search(r"NSATU \(NSATU\)</td><td>[\d-]+</td><td>45</td><td>C-MED-POL</td>"
                     r"<td>25</td><td>25</td><td>T-MED</td>", watch)
    assert f'href="{run_path}"' in client.get("/ui/training").text


@pytest.mark.parametrize("horizon", ["0", "61", "a year"])
def test_a_bad_horizon_is_answered_next_to_the_field(trained: FastAPI, as_user: AsUser,
                                                     horizon: str) -> None:
    client = as_user("coord")
    status, html, _ = run_training(client, horizon)
    assert status == 422
    error = re.search(r'id="error-horizon">([^<]*)<', html)
    assert error is not None
    assert "a whole number of months from 1 to 60" in error.group(1)
    assert f'value="{horizon}"' in html
    assert "You have run no training plan yet" in html


@pytest.mark.parametrize("name", ["pol-donor", "ukr-liaison", "auditor", "logistician"])
def test_everyone_sees_the_mandate_watch_but_only_coordinators_run_plans(
        trained: FastAPI, as_user: AsUser, name: str) -> None:
    client = as_user(name)
    page = client.get("/ui/training")
    assert page.status_code == 200
    assert 'href="/ui/training"' in page.text
    assert 'id="run-training"' not in page.text
    watch = page.text.split('id="mandate-watch"')[1].split("</section>")[0]
    assert "NSATU" in watch
    assert "C-MED-POL" in watch
    assert "EUMAM" not in watch  # its mandate runs for years yet
    refused = client.post("/ui/training", data={"csrf": csrf_of(page.text)},
                          follow_redirects=False)
    assert refused.status_code == 403
    assert "may not run training plans" in refused.text


def test_a_run_is_its_submitters_alone(trained: FastAPI, as_user: AsUser) -> None:
    client = as_user("coord")
    _, _, run_path = run_training(client)
    wait_for_run(client, run_path)
    other = as_user("pol-donor")
    assert other.get(run_path).status_code == 404
    assert other.get(f"{run_path}/status").status_code == 404
    assert client.get("/ui/training/runs/99999999999").status_code == 404


def test_without_training_records_the_pages_say_so(as_user: AsUser) -> None:
    client = as_user("coord")
    page = client.get("/ui/training")
    assert page.status_code == 200
    assert "NSATU" in page.text  # the mandate ends in 45 days, with no course on it
    _, _, run_path = run_training(client)
    html = wait_for_run(client, run_path)
    assert "0 of 0 trainees placed" in html
    assert "Nothing to show yet" in html
    assert "Every training need you can see is fully met" in html


def test_the_watch_shows_what_training_loses_if_a_mandate_is_not_renewed(
        trained: FastAPI, as_user: AsUser) -> None:
    client = as_user("coord")
    page = client.get("/ui/training").text
    assert 'href="/ui/training?not_renewed=NSATU#not-renewed"' in page
    assert "none pending" in page
    section = client.get("/ui/training?not_renewed=NSATU").text.split('id="not-renewed"')[1]
    # NSATU's course ends before its mandate does: nothing drops out.
    assert "Computed on the records released to POL" in section
    assert "0 courses drop out (0 seats)" in section
    assert "No training need loses a trainee" in section
    unknown = client.get("/ui/training?not_renewed=NOPE").text.split('id="not-renewed"')[1]
    assert "unknown mission &#39;NOPE&#39;" in unknown
