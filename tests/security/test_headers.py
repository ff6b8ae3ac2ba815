"""Security headers on every answer: pages, API, documentation, errors."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from clearinghouse.api.security_headers import inline_script_hashes

PATHS = ["/ui/login", "/ui/", "/openapi.json", "/needs", "/no-such-route", "/docs", "/redoc",
         "/ui/static/style.css"]


@pytest.mark.parametrize("path", PATHS)
def test_every_answer_carries_the_security_headers(client: TestClient, path: str) -> None:
    answer = client.get(path, follow_redirects=False)
    policy = answer.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert answer.headers["X-Frame-Options"] == "DENY"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Referrer-Policy"] == "no-referrer"


def test_pages_allow_no_inline_script_or_style(client: TestClient) -> None:
    policy = client.get("/ui/login").headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "style-src 'self';" in policy
    assert "unsafe-inline" not in policy


def test_no_page_template_carries_inline_script_style_or_javascript_urls() -> None:
    from clearinghouse.web.render import HERE
    for template in (HERE / "templates").glob("*.html"):
        text = template.read_text()
        assert not re.search(r"<script>|<style|style=|javascript:|\son\w+=", text), template


def test_charts_colour_marks_without_inline_styles() -> None:
    from clearinghouse.web.charts import before_after_chart
    svg = before_after_chart([("artillery", 0.2, 0.8)], label="fill")
    assert "style=" not in svg
    assert 'fill="#' in svg


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_the_documentation_pages_run_scripts_from_this_server_only(
        client: TestClient, path: str) -> None:
    answer = client.get(path)
    policy = answer.headers["Content-Security-Policy"]
    script = policy.split("script-src")[1].split(";")[0]
    assert script.strip() == "'self'"
    assert "http" not in policy
    assert not inline_script_hashes(answer.text)


def test_the_oauth2_redirect_page_runs_exactly_its_own_inline_script(
        client: TestClient) -> None:
    answer = client.get("/docs/oauth2-redirect")
    policy = answer.headers["Content-Security-Policy"]
    hashes = inline_script_hashes(answer.text)
    assert hashes
    assert hashes in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_hsts_only_over_https(client: TestClient) -> None:
    assert "Strict-Transport-Security" not in client.get("/ui/login").headers
    secure = TestClient(client.app, base_url="https://testserver")
    assert secure.get("/ui/login").headers["Strict-Transport-Security"].startswith("max-age=")
