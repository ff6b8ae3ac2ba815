"""Use cases on the database itself: create it, or migrate it to the latest schema.

Migrations run in ``init``, at the start of the service (``api.app.create_app``) and at the
start of each one-shot command (:func:`migrated_engine`), never per request: a request's use
case gets the service's engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine

from clearinghouse.adapters.db.engine import make_engine
from clearinghouse.adapters.db.migrate import upgrade_to_head
from clearinghouse.config import Settings
from clearinghouse.services.errors import UserError


def init_database(url: str) -> None:
    """Create the database at ``url`` or migrate it to the latest schema (Alembic head)."""
    try:
        upgrade_to_head(url)
    except Exception as e:  # any driver's connection error: report it, not a traceback
        if isinstance(e, UserError):
            raise
        raise UserError(f"cannot open the database {url}: {e}") from e


def ready_engine(settings: Settings) -> Engine:
    """An engine on the configured database, migrated to the latest schema."""
    init_database(settings.sqlalchemy_url)
    return make_engine(settings.sqlalchemy_url)


@contextmanager
def migrated_engine(settings: Settings) -> Iterator[Engine]:
    """An engine on the configured database, migrated first and disposed after: one
    command's (a one-shot process migrates as ``init`` does)."""
    engine = ready_engine(settings)
    try:
        yield engine
    finally:
        engine.dispose()
