"""Import (row errors, preview, confirm) and plans (run as a job, review, approve) on pages."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient

from clearinghouse.api.app import create_app
from clearinghouse.config import Settings
from clearinghouse.domain.needs import Need
from tests.web.bundles import bundle_zip
from tests.web.conftest import csrf_of, log_in
from tests.web.world import HIDDEN_OFFER, populate, world

AsUser = Callable[[str], TestClient]


def upload(client: TestClient, data: bytes, name: str = "bundle.zip") -> str:
    page = client.get("/ui/import")
    answer = client.post("/ui/import", data={"csrf": csrf_of(page.text)},
                         files={"bundle": (name, data, "application/zip")})
    return f"{answer.status_code}\n{answer.text}"


def grown_world() -> bytes:
    """The test world as a Polish coordinator may see it (what it could export), plus a need."""
    bundle = world(date.today())
    bundle.needs = [n for n in bundle.needs if "POL" in n.releasability
                    or "ALL" in n.releasability]
    bundle.offers = [o for o in bundle.offers if o.ref != HIDDEN_OFFER]
    bundle.needs.append(Need("N-IMPORTED", "IFAK", 70, 3, date(2030, 1, 1), "UKR"))
    return bundle_zip(bundle, break_quantity_of=None)


def test_a_bundle_with_a_bad_row_is_refused_with_file_row_and_column(as_user: AsUser) -> None:
    client = as_user("coord")
    answer = upload(client, bundle_zip(world(date.today()), break_quantity_of="N-MED"))
    assert answer.startswith("422")
    assert re.search(r"needs\.csv:\d+:quantity: -5", answer)
    assert "N-IMPORTED" not in client.get("/ui/needs").text


def test_an_upload_is_previewed_and_written_only_when_confirmed(as_user: AsUser) -> None:
    client = as_user("coord")
    answer = upload(client, grown_world())
    assert answer.startswith("200")
    assert re.search(r"<td>needs</td><td>1</td><td>0</td><td>2</td>", answer)
    assert "N-IMPORTED" not in client.get("/ui/needs").text
    upload_id = re.search(r'name="upload_id" value="([^"]+)"', answer)
    assert upload_id is not None
    confirmed = client.post("/ui/import/confirm", data={
        "csrf": csrf_of(answer), "upload_id": upload_id.group(1)})
    assert confirmed.status_code == 200
    assert "1 created" in confirmed.text
    assert "N-IMPORTED" in client.get("/ui/needs").text
    again = client.post("/ui/import/confirm", data={
        "csrf": csrf_of(answer), "upload_id": upload_id.group(1)})
    assert again.status_code == 422  # an upload is confirmed once


def test_a_file_that_is_no_bundle_is_refused_with_the_reason(as_user: AsUser) -> None:
    answer = upload(as_user("coord"), b"not a zip", "notes.txt")
    assert answer.startswith("422")
    assert "upload an .xlsx workbook, a .zip of CSV files or a single sheet" in answer


def test_only_coordinators_import(as_user: AsUser) -> None:
    client = as_user("ukr-liaison")
    assert client.get("/ui/import").status_code == 403
    page = client.get("/ui/")
    answer = client.post("/ui/import", data={"csrf": csrf_of(page.text)},
                         files={"bundle": ("b.zip", grown_world(), "application/zip")})
    assert answer.status_code == 403


def wait_for_plan(client: TestClient, job_path: str) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = client.get(f"{job_path}/status").json()
        if job["status"] in ("done", "failed"):
            assert job["status"] == "done", job
            return str(job["plan"])
        time.sleep(0.2)
    raise AssertionError("the plan job did not finish within 60 s")


def test_a_coordinator_runs_reviews_and_approves_a_plan(as_user: AsUser) -> None:
    client = as_user("coord")
    plans = client.get("/ui/plans")
    ran = client.post("/ui/plans", data={"csrf": csrf_of(plans.text), "horizon": "6"},
                      follow_redirects=False)
    assert ran.status_code == 303
    job_path = ran.headers["location"]
    assert client.get(job_path).status_code == 200
    plan_path = wait_for_plan(client, job_path)
    plan = client.get(plan_path)
    assert plan.status_code == 200
    assert "No plan approved yet" in plan.text
    assert 'id="approve"' in plan.text
    asked = client.post(f"{plan_path}/approve", data={"csrf": csrf_of(plan.text)},
                        follow_redirects=False)
    assert asked.status_code == 200  # asks first: nothing approved yet
    assert "Approve plan run" in asked.text
    assert "It becomes the first approved plan" in asked.text
    assert "No plan approved yet" in client.get(plan_path).text
    approved = client.post(f"{plan_path}/approve",
                           data={"csrf": csrf_of(asked.text), "confirm": "yes"},
                           follow_redirects=False)
    assert approved.status_code == 303
    after = client.get(plan_path).text
    assert "This is the approved plan" in after
    assert 'id="approve"' not in after
    dashboard = client.get("/ui/").text
    hub_section = dashboard.split('id="hub-tonnes"')[1].split("</svg>")[0]
    assert 'class="mark"' in hub_section  # the approved plan's tonnes are drawn
    assert "RO-SUC" in hub_section  # the Romanian hub and its opening date


def test_a_liaison_neither_runs_nor_approves_plans(as_user: AsUser) -> None:
    coordinator = as_user("coord")
    page = coordinator.get("/ui/plans")
    job_path = coordinator.post("/ui/plans", data={"csrf": csrf_of(page.text)},
                                follow_redirects=False).headers["location"]
    plan_path = wait_for_plan(coordinator, job_path)
    liaison = as_user("pol-donor")
    plans = liaison.get("/ui/plans")
    assert 'id="run-plan"' not in plans.text
    assert liaison.post("/ui/plans", data={"csrf": csrf_of(plans.text)}).status_code == 403
    plan = liaison.get(plan_path)
    assert plan.status_code == 200
    assert HIDDEN_OFFER not in plan.text
    assert 'id="approve"' not in plan.text
    assert liaison.post(f"{plan_path}/approve",
                        data={"csrf": csrf_of(plan.text)}).status_code == 403
    assert liaison.get(job_path).status_code == 404  # another user's job


def test_an_upload_over_the_size_limit_is_refused_413_with_the_limit_in_words(
        tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'web.db'}", environment="test",
                        upload_max_bytes=4096)
    app = create_app(settings)
    try:
        populate(settings, app.state.engine, date.today())
        answer = upload(log_in(app, "coord"), grown_world() + b"\0" * 8192)
        assert answer.startswith("413"), answer[:300]
        assert "exceeds 4,096 bytes (the limit on uploads)" in answer
        assert "N-IMPORTED" not in log_in(app, "coord").get("/ui/needs").text
    finally:
        app.state.jobs.shutdown(wait=True)
        app.state.engine.dispose()
