"""Bundle files (a CSV folder or an .xlsx workbook): read one, import one, export to one.

Importing and exporting are the use cases every interface shares (:func:`.imports
.import_records`, :func:`.uploads.visible_bundle`): the command line calls them as the
database operator, on the engine of its one-shot process.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from clearinghouse.adapters.exchange import BundleInvalid, ExchangeError, read_bundle, write_bundle
from clearinghouse.config import Settings
from clearinghouse.domain.bundle import Bundle
from clearinghouse.services.errors import UserError
from clearinghouse.services.exchange.bundles import ImportReport, export_bundle
from clearinghouse.services.exchange.imports import import_records
from clearinghouse.services.exchange.uploads import visible_bundle
from clearinghouse.services.records.users import User
from clearinghouse.services.runtime.database import init_database, ready_engine
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

__all__ = ["ImportReport", "export_bundle_file", "import_bundle_file", "init_database",
           "load_bundle_file"]

#: ``progress(done, total)`` over rows read, then records written.
Progress = Callable[[int, int], None]


def load_bundle_file(path: Path, progress: Progress | None = None) -> Bundle:
    """Read and check a bundle file; bad rows become one :class:`UserError` listing them all."""
    try:
        return read_bundle(path, progress)
    except (BundleInvalid, ExchangeError) as e:
        raise UserError(str(e)) from e


def import_bundle_file(engine: Engine, user: User, path: Path,
                       progress: Progress | None = None) -> ImportReport:
    """Import a CSV folder or .xlsx workbook into the database: every row or none."""
    bundle = load_bundle_file(path, progress)
    return import_records(engine, user, bundle, None if progress is None else (
        lambda _sheet, done, total: progress(done, total)))


def export_bundle_file(engine: Engine, user: User, path: Path) -> dict[str, int]:
    """Write the records shown to the user (the operator: every record) to a CSV folder or
    .xlsx workbook; returns counts per sheet."""
    bundle = visible_bundle(engine, user)
    try:
        write_bundle(bundle, path)
    except (ExchangeError, OSError) as e:
        raise UserError(f"cannot export to {path}: {e}") from e
    return bundle.counts()


def stored_bundle(settings: Settings) -> Bundle:
    """Every stored record, as a bundle."""
    engine = ready_engine(settings)
    try:
        with SqlUnitOfWork(engine, "export") as uow:
            return export_bundle(uow)
    finally:
        engine.dispose()
