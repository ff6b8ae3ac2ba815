"""Schema migrations, run from code: the packaged Alembic revisions, no ini file needed."""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from clearinghouse.adapters.db.engine import make_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Alembic keeps the running migration in module-level state (alembic.context): two threads
# migrating at once (two jobs opening the database) would trip over each other.
_MIGRATING = threading.Lock()


def alembic_config() -> Config:
    """An Alembic configuration pointing at the migrations shipped inside the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    return config


def upgrade_to_head(url: str) -> None:
    """Create or migrate the database at ``url`` to the latest schema (a SQLite file is made)."""
    engine = make_engine(url)
    try:
        upgrade_engine(engine)
    finally:
        engine.dispose()


def upgrade_engine(engine: Engine) -> None:
    """Migrate the database behind ``engine`` to the latest schema, in one transaction
    (nothing to do, and no Alembic run, when it is at the latest already)."""
    if current_revision(engine) == head_revision():
        return
    config = alembic_config()
    with _MIGRATING, engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None: never migrated)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@lru_cache(maxsize=1)
def head_revision() -> str | None:
    """The latest revision shipped with the package."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
