"""Alembic environment: migrates the connection it is handed, or the URL given with -x url=."""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection

from clearinghouse.adapters.db.engine import make_engine
from clearinghouse.adapters.db.tables import metadata

config = context.config


def _url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url")
    if not url:
        raise SystemExit("name the database to migrate: alembic -x url=sqlite:///file.db ...")
    return url


def _migrate(connection: Connection) -> None:
    # Batch mode lets later revisions alter SQLite tables (by copying them).
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    context.configure(url=_url(), target_metadata=metadata, literal_binds=True,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    handed: Connection | None = config.attributes.get("connection")
    if handed is not None:
        _migrate(handed)
        return
    if config.config_file_name is not None:
        fileConfig(config.config_file_name, disable_existing_loggers=False)
    engine = make_engine(_url())
    try:
        with engine.begin() as connection:
            _migrate(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
