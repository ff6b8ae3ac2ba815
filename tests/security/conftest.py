"""Security fixtures: the API app and users of tests/api, on a fresh SQLite file by default;
a test marked ``@ON_BOTH_DATABASES`` runs once more on a PostgreSQL schema of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.conftest import app, client, headers, postgres_database, settings
from tests.integration.conftest import _fresh_schema

__all__ = ["ON_BOTH_DATABASES", "app", "client", "headers", "postgres_database", "settings"]

ON_BOTH_DATABASES = pytest.mark.parametrize(
    "database_url", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
    indirect=True)


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh SQLite file, or under ``ON_BOTH_DATABASES`` also a fresh PostgreSQL schema."""
    if getattr(request, "param", "sqlite") == "sqlite":
        return f"sqlite:///{tmp_path / 'security.db'}"
    return _fresh_schema(request.getfixturevalue("postgres_database"))
