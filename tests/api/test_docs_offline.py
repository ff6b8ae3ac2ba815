"""/docs and /redoc work without internet: every asset they load is served by the app."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

ASSET = re.compile(r'(?:src|href)="([^"]+)"')


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_the_documentation_pages_load_every_asset_from_this_server(
        client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200
    assets = ASSET.findall(page.text)
    assert assets
    for asset in assets:
        assert asset.startswith("/"), f"{asset} comes from another origin"
        fetched = client.get(asset)
        assert fetched.status_code == 200, asset
        assert len(fetched.content) > 100, asset
    assert "cdn." not in page.text


def test_swagger_ui_is_started_by_a_script_that_reads_the_schema_address(
        client: TestClient) -> None:
    page = client.get("/docs").text
    assert 'data-openapi="/openapi.json"' in page
    start = client.get("/docs-assets/swagger-init.js")
    assert start.headers["content-type"].startswith("text/javascript")
    assert "SwaggerUIBundle" in start.text
    assert "dataset.openapi" in start.text


def test_the_redoc_page_names_the_schema_for_the_bundle(client: TestClient) -> None:
    assert '<redoc spec-url="/openapi.json">' in client.get("/redoc").text
