"""Posts pages: coordinators file and edit posts (the domain's refusals next to the field),
others read the list; a post not released to the reader's nation never shows."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.web.test_forms import field_error, post_form

AsUser = Callable[[str], TestClient]


def post(**changes: str) -> dict[str, str]:
    return {"ref": "P-J4-9", "nation": "USA", "title": "Chief J4", "branch": "logistics",
            "starts": "2025-01-06", "ends": "", "releasability": "ALL", **changes}


def test_a_coordinator_files_a_post_that_then_shows_in_the_list(as_user: AsUser) -> None:
    client = as_user("coord")
    answer = post_form(client, "/ui/posts/new", **post())
    assert answer.status_code == 303
    assert answer.headers["location"] == "/ui/posts/P-J4-9"
    listed = client.get("/ui/posts", params={"branch": "logistics"}).text
    assert "Chief J4" in listed
    assert "J4 logistics" in listed


def test_an_end_before_the_start_is_shown_next_to_its_field(as_user: AsUser) -> None:
    answer = post_form(as_user("coord"), "/ui/posts/new", **post(ends="2024-01-01"))
    assert answer.status_code == 422
    assert "must be after starts" in field_error(answer.text, "ends")


def test_a_donor_liaison_reads_posts_but_may_not_file_one(as_user: AsUser) -> None:
    client = as_user("usa-donor")
    assert "New post" not in client.get("/ui/posts").text
    assert post_form(client, "/ui/posts/new", **post()).status_code == 403


def test_a_post_released_to_others_never_shows_on_a_polish_page(as_user: AsUser) -> None:
    assert post_form(as_user("coord"), "/ui/posts/new",
                     **post(ref="P-SECRET", releasability="UKR;USA")).status_code == 303
    polish = as_user("pol-donor")
    assert "P-SECRET" not in polish.get("/ui/posts").text
    assert polish.get("/ui/posts/P-SECRET").status_code == 404
    assert "P-SECRET" in as_user("usa-donor").get("/ui/posts").text


def test_a_coordinator_edits_a_post_and_its_history_shows_the_change(as_user: AsUser) -> None:
    client = as_user("coord")
    post_form(client, "/ui/posts/new", **post())
    form = client.get("/ui/posts/P-J4-9/edit").text
    assert 'name="version" value="1"' in form
    answer = post_form(client, "/ui/posts/P-J4-9/edit", **post(ends="2026-06-30"),
                       version="1")
    assert answer.status_code == 303
    detail = client.get("/ui/posts/P-J4-9").text
    assert "ends: None → 2026-06-30" in detail
