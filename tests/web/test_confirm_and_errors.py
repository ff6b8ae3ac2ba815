"""Ending a record asks first (a confirm page, no script), and a form in error puts the
focus on its first invalid field, tied to its message."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of

AsUser = Callable[[str], TestClient]


def _version(page: str) -> str:
    return re.findall(r'name="version" value="(\d+)"', page)[0]


def test_marking_a_need_cancelled_asks_first_and_changes_nothing_until_confirmed(
        as_user: AsUser) -> None:
    client = as_user("coord")
    page = client.get("/ui/needs/N-ART").text
    asked = client.post("/ui/needs/N-ART/status", data={
        "csrf": csrf_of(page), "version": _version(page), "status": "cancelled"},
        follow_redirects=False)
    assert asked.status_code == 200
    assert "Mark need N-ART cancelled?" in asked.text
    assert '<input type="hidden" name="confirm" value="yes">' in asked.text
    assert "<script" not in asked.text.split("<main")[1]
    assert '<small class="status">open</small>' in client.get("/ui/needs/N-ART").text
    done = client.post("/ui/needs/N-ART/status", data={
        "csrf": csrf_of(asked.text), "version": _version(page), "status": "cancelled",
        "confirm": "yes"}, follow_redirects=False)
    assert done.status_code == 303
    assert '<small class="status">cancelled</small>' in client.get("/ui/needs/N-ART").text


def test_a_step_that_ends_nothing_needs_no_confirmation(as_user: AsUser) -> None:
    client = as_user("pol-donor")
    page = client.get("/ui/offers/O-POL").text
    moved = client.post("/ui/offers/O-POL/status", data={
        "csrf": csrf_of(page), "version": _version(page), "status": "accepted"},
        follow_redirects=False)
    assert moved.status_code in (303, 403, 422)
    assert "Confirm" not in moved.text


def test_the_first_invalid_field_takes_the_focus_and_names_its_error(as_user: AsUser) -> None:
    client = as_user("coord")
    form = client.get("/ui/needs/new").text
    answer = client.post("/ui/needs/new", data={
        "csrf": csrf_of(form), "ref": "N-BAD", "class_code": "155mm-NATO", "quantity": "-3",
        "priority": "9", "due": "2027-01-01", "destination": "UKR",
        "releasability": "ALL"})
    assert answer.status_code == 422
    invalid = re.findall(r"<(?:input|select)[^>]*aria-invalid=\"true\"[^>]*>", answer.text)
    assert len(invalid) >= 2
    assert "autofocus" in invalid[0]
    assert not any("autofocus" in tag for tag in invalid[1:])
    described = re.search(r'aria-describedby="(error-[a-z_]+)"', invalid[0])
    assert described is not None
    assert f'id="{described.group(1)}"' in answer.text
