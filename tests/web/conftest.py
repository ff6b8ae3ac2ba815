"""Web fixtures: the app (API and pages) on a fresh database with the test world, and a
browser-like client that logs in through the login form.

The database is a fresh SQLite file; a test marked ``@ON_BOTH_DATABASES`` runs once on it and
once on a PostgreSQL schema of its own (PG-marked: skipped without a server, required under
``CI=true``).
"""

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
from tests.integration.conftest import _fresh_schema, postgres_database
from tests.web.world import PASSWORD, populate

__all__ = ["ON_BOTH_DATABASES", "postgres_database"]

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(html: str) -> str:
    """The CSRF token of the first form on a page."""
    found = CSRF.search(html)
    assert found is not None, "the page has no form token"
    return found.group(1)


#: Run the test on SQLite and on PostgreSQL (the app's database is ``web_database_url``).
ON_BOTH_DATABASES = pytest.mark.parametrize(
    "web_database_url", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
    indirect=True)


@pytest.fixture
def web_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh SQLite file, or under ``ON_BOTH_DATABASES`` also a fresh PostgreSQL schema."""
    if getattr(request, "param", "sqlite") == "sqlite":
        return f"sqlite:///{tmp_path / 'web.db'}"
    return _fresh_schema(request.getfixturevalue("postgres_database"))


@pytest.fixture
def app(web_database_url: str) -> Iterator[FastAPI]:
    settings = Settings(database_url=web_database_url, environment="test")
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
