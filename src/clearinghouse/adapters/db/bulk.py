"""Many-row inserts in one round trip: COPY on PostgreSQL, a plain executemany on SQLite.

SQLAlchemy's executemany processes every parameter of every row in Python, and psycopg
sends one INSERT per row; for imports of 100,000 records (plus as many audit rows) that is
most of the time. These paths write the same values, converted once per column.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import JSON, Connection, Table, insert
from sqlalchemy.exc import DBAPIError

Row = Mapping[str, Any]


def to_json(value: Any) -> str | None:
    """JSON text of ``value`` (dates as ISO text); None stays SQL NULL."""
    return None if value is None else json.dumps(value, default=_iso)


def _iso(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def insert_rows(connection: Connection, table: Table, rows: Sequence[Row],
                constants: Row | None = None) -> None:
    """Insert ``rows`` (all with the same keys), each completed by ``constants``."""
    if not rows:
        return
    fixed = dict(constants or {})
    columns = [*rows[0].keys(), *fixed]
    dialect = connection.dialect
    if dialect.name == "postgresql" and dialect.driver == "psycopg":
        _copy(connection, table, columns, rows, fixed)
    elif dialect.name == "sqlite":
        _executemany(connection, table, columns, rows, fixed)
    else:
        json_columns = [c for c in columns if isinstance(table.c[c].type, JSON)]
        connection.execute(insert(table), [
            {**row, **fixed, **{c: _reparsed({**row, **fixed}[c]) for c in json_columns}}
            for row in rows])


def _reparsed(value: Any) -> Any:
    text = to_json(value)
    return None if text is None else json.loads(text)


def _encoders(connection: Connection, table: Table,
              columns: Sequence[str]) -> list[Callable[[Any], Any] | None]:
    """Per column, how a Python value becomes what the driver takes (None: as it is)."""
    dialect = connection.dialect
    found: list[Callable[[Any], Any] | None] = []
    for name in columns:
        column_type = table.c[name].type
        if isinstance(column_type, JSON):
            found.append(to_json)
        else:
            found.append(column_type.dialect_impl(dialect).bind_processor(dialect))
    return found


def _values(rows: Sequence[Row], columns: Sequence[str], fixed: Row,
            encoders: Sequence[Callable[[Any], Any] | None]) -> list[tuple[Any, ...]]:
    varying = len(columns) - len(fixed)
    constant = tuple(encode(v) if encode else v
                     for encode, v in zip(encoders[varying:], fixed.values(), strict=True))
    plan = list(zip(columns[:varying], encoders[:varying], strict=True))
    if all(encode is None for _, encode in plan):
        return [(*(row[c] for c in columns[:varying]), *constant) for row in rows]
    return [(*(encode(row[c]) if encode else row[c] for c, encode in plan), *constant)
            for row in rows]


def _executemany(connection: Connection, table: Table, columns: Sequence[str],
                 rows: Sequence[Row], fixed: Row) -> None:
    quote = connection.dialect.identifier_preparer
    names = ", ".join(quote.quote(c) for c in columns)
    marks = ", ".join("?" for _ in columns)  # sqlite3's parameter style
    values = _values(rows, columns, fixed, _encoders(connection, table, columns))
    connection.exec_driver_sql(
        f"INSERT INTO {quote.format_table(table)} ({names}) VALUES ({marks})", values)


def _copy(connection: Connection, table: Table, columns: Sequence[str], rows: Sequence[Row],
          fixed: Row) -> None:
    dialect = connection.dialect
    quote = dialect.identifier_preparer
    names = ", ".join(quote.quote(c) for c in columns)
    statement = f"COPY {quote.format_table(table)} ({names}) FROM STDIN"
    # psycopg adapts dates, times and booleans itself; only JSON needs text.
    encoders = [to_json if isinstance(table.c[c].type, JSON) else None for c in columns]
    values = _values(rows, columns, fixed, encoders)
    driver = connection.connection.driver_connection
    if driver is None:
        raise RuntimeError("the connection has no driver connection")
    try:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for value in values:
                copy.write_row(value)
    except dialect.loaded_dbapi.Error as e:
        # Raised as SQLAlchemy raises driver errors, so callers handle every path alike.
        raise DBAPIError.instance(statement, None, e, dialect.loaded_dbapi.Error,
                                  dialect=dialect) from e
