"""Engines for SQLite (the zero set-up default) and PostgreSQL (psycopg 3)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url


def database_url(url: str | URL) -> URL:
    """The URL with PostgreSQL mapped to the psycopg 3 driver."""
    parsed = make_url(url)
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def make_engine(url: str | URL) -> Engine:
    """An engine for ``url``; SQLite gets foreign keys enforced and write-ahead logging."""
    parsed = database_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith(
            "file:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed)
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # The driver would begin transactions only before DML, leaving reads and DDL outside;
    # we begin them ourselves (below) so that a unit of work or a migration is one transaction.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        # WAL lets readers (the web UI) go on while an import writes.
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA busy_timeout = 10000")
    finally:
        cursor.close()


#: Execution option of a connection that will write: SQLite then takes the write lock when the
#: transaction begins (``BEGIN IMMEDIATE``), waiting up to the busy timeout for other writers.
#: A transaction that began by reading could not write at all once another writer committed
#: ("database is locked" at once, whatever the timeout).
WRITES = "clearinghouse_writes"


def _sqlite_begin(connection: Connection) -> None:
    immediate = connection.get_execution_options().get(WRITES, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
