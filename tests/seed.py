"""Test set-up: records stored as the database operator, as ``clearinghouse import`` does."""

from __future__ import annotations

from clearinghouse.config import Settings
from clearinghouse.domain.bundle import Bundle
from clearinghouse.services.exchange.bundles import ImportReport
from clearinghouse.services.exchange.imports import import_records
from clearinghouse.services.records.users import operator
from clearinghouse.services.runtime.database import migrated_engine


def seed(settings: Settings, bundle: Bundle, actor: str = "test") -> ImportReport:
    """Import ``bundle`` into the settings' database (migrated first) as the operator."""
    with migrated_engine(settings) as engine:
        return import_records(engine, operator(actor), bundle)
