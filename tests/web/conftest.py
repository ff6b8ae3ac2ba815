"""Web fixtures: the app (API and pages) on a fresh SQLite file with the test world, and a
browser-like client that logs in through the login form."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.api.app import create_app
from clearinghouse.config import Settings
from tests.web.world import PASSWORD, populate

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(html: str) -> str:
    """The CSRF token of the first form on a page."""
    found = CSRF.search(html)
    assert found is not None, "the page has no form token"
    return found.group(1)


@pytest.fixture
def app(tmp_path: Path) -> Iterator[FastAPI]:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'web.db'}", environment="test")
    app = create_app(settings)
    populate(settings, app.state.engine, date.today())
    yield app
    app.state.jobs.shutdown(wait=True)
    app.state.engine.dispose()


def log_in(app: FastAPI, name: str) -> TestClient:
    """A client holding the session cookie of ``name``."""
    client = TestClient(app, base_url="http://testserver")
    form = client.get("/ui/login")
    answer = client.post("/ui/login", data={"csrf": csrf_of(form.text), "username": name,
                                            "password": PASSWORD, "next": "/ui/"},
                         follow_redirects=False)
    assert answer.status_code == 303, answer.text
    return client


@pytest.fixture
def as_user(app: FastAPI) -> Callable[[str], TestClient]:
    """``as_user(name)``: a client logged in as that user of the test world."""
    return lambda name: log_in(app, name)
