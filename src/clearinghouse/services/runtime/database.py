"""Use cases on the database itself: create it, or migrate it to the latest schema."""

from __future__ import annotations

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
