"""Use cases on bundle files: import a CSV folder or .xlsx into the database, export it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from clearinghouse.adapters.exchange import BundleInvalid, ExchangeError, read_bundle, write_bundle
from clearinghouse.config import Settings
from clearinghouse.domain.bundle import Bundle
from clearinghouse.services.errors import UserError
from clearinghouse.services.exchange.bundles import ImportReport, export_bundle, import_bundle
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


def import_bundle_file(path: Path, *, settings: Settings, actor: str,
                       progress: Progress | None = None) -> ImportReport:
    """Import a CSV folder or .xlsx workbook into the database: every row or none."""
    bundle = load_bundle_file(path, progress)
    return import_records(bundle, settings=settings, actor=actor, progress=progress)


def import_records(bundle: Bundle, *, settings: Settings, actor: str,
                   progress: Progress | None = None) -> ImportReport:
    """Import an in-memory bundle into the configured database (all or nothing)."""
    engine = ready_engine(settings)
    try:
        with SqlUnitOfWork(engine, actor) as uow:
            return import_bundle(uow, bundle, None if progress is None else (
                lambda _sheet, done, total: progress(done, total)))
    finally:
        engine.dispose()


def export_bundle_file(path: Path, *, settings: Settings) -> dict[str, int]:
    """Write every stored record to a CSV folder or .xlsx workbook; returns counts per sheet."""
    bundle = stored_bundle(settings)
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
