"""Integration fixtures: every test runs on a fresh SQLite file and a fresh PostgreSQL schema.

PostgreSQL: one throwaway database per test session (``ch_test_<random>``, dropped at the
end), one schema per test inside it. Without a reachable server the PostgreSQL variants are
skipped, or fail when ``CI=true``.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError

from clearinghouse.adapters.db.engine import make_engine
from clearinghouse.services.runtime.database import init_database
from tests.ci import running_in_ci

POSTGRES_SERVER = "postgresql+psycopg://root@127.0.0.1:5432/test"


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[URL]:
    """A throwaway PostgreSQL database for this test session."""
    admin = create_engine(POSTGRES_SERVER, isolation_level="AUTOCOMMIT",
                          connect_args={"connect_timeout": 5})
    name = f"ch_test_{secrets.token_hex(6)}"
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except OperationalError as e:
        admin.dispose()
        reason = f"PostgreSQL is not reachable at {POSTGRES_SERVER}: {e.orig}"
        if running_in_ci():
            pytest.fail(f"{reason} (CI=true: PostgreSQL is required)", pytrace=False)
        pytest.skip(reason)
    try:
        yield make_url(POSTGRES_SERVER).set(database=name)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def _fresh_schema(database: URL) -> str:
    """A new empty schema in ``database``, and a URL whose connections work inside it."""
    schema = f"t_{secrets.token_hex(6)}"
    engine = create_engine(database, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    finally:
        engine.dispose()
    url = database.update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: a SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'clearinghouse.db'}"
    return _fresh_schema(request.getfixturevalue("postgres_database"))


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on a database migrated to the latest schema."""
    init_database(database_url)
    engine = make_engine(database_url)
    yield engine
    engine.dispose()
