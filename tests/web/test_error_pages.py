"""Errors under /ui answer an HTML page with the same status; API paths keep JSON."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient


def test_an_unknown_ui_path_answers_a_not_found_page(
        as_user: Callable[[str], TestClient]) -> None:
    answer = as_user("coord").get("/ui/no-such-page")
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html")
    assert "<h1>Not found</h1>" in answer.text
    assert "there is no page at /ui/no-such-page" in answer.text


def test_a_bad_parameter_on_a_page_answers_a_page_naming_it(
        as_user: Callable[[str], TestClient]) -> None:
    answer = as_user("coord").get("/ui/plans/abc")
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("text/html")
    assert "run_id:" in answer.text


def test_an_unknown_api_path_keeps_its_json(as_user: Callable[[str], TestClient]) -> None:
    answer = as_user("coord").get("/no-such-route")
    assert answer.status_code == 404
    assert answer.json() == {"detail": "Not Found"}


def test_a_missing_static_asset_is_not_dressed_as_a_page(
        as_user: Callable[[str], TestClient]) -> None:
    answer = as_user("coord").get("/ui/static/no-such.css")
    assert answer.status_code == 404
    assert not answer.headers["content-type"].startswith("text/html")
