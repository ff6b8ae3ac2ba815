"""Bundles over the wire: import an uploaded .xlsx or CSV zip (coordinators, through
:func:`.imports.import_records`), export what the user's nation may see as a CSV zip or .xlsx
(:func:`visible_bundle`, also the command line's export as the operator)."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from sqlalchemy import Engine

from clearinghouse.adapters.db.listing import visible_records
from clearinghouse.adapters.exchange import (
    BundleInvalid,
    ExchangeError,
    read_bundle,
    write_bundle,
)
from clearinghouse.domain.bundle import SHEET_KEYS, Bundle
from clearinghouse.services.errors import UserError
from clearinghouse.services.exchange.archive import (
    UploadLimits,
    check_workbook,
    unpack_zip,
)
from clearinghouse.services.exchange.bundles import ImportReport, export_bundle
from clearinghouse.services.exchange.imports import (
    ImportRefused,
    import_records,
    preview_records,
    require_importer,
)
from clearinghouse.services.records.resources import owner_of
from clearinghouse.services.records.users import User
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

__all__ = ["DEFAULT_LIMITS", "ImportRefused", "export_visible", "import_upload",
           "preview_upload", "visible_bundle"]

DEFAULT_LIMITS = UploadLimits()


def _unpack(filename: str, data: bytes, folder: Path, limits: UploadLimits) -> Path:
    suffix = PurePosixPath(filename).suffix.lower()
    if suffix == ".xlsx":
        check_workbook(filename, data, limits)
        target = folder / "bundle.xlsx"
        target.write_bytes(data)
        return target
    if suffix == ".csv":
        # One sheet alone, named by its file (needs.csv, or needs-2027.csv as exported).
        limits.check_size(filename, len(data))
        stem = PurePosixPath(filename).stem.lower()
        sheet = next((name for name in SHEET_KEYS if stem == name or stem.startswith(f"{name}-")
                      or stem.startswith(f"{name}_")), None)
        if sheet is None:
            raise UserError(f"{filename}: a single .csv must be named after its sheet "
                            f"({', '.join(f'{n}.csv' for n in SHEET_KEYS)})")
        (folder / f"{sheet}.csv").write_bytes(data)
        return folder
    if suffix != ".zip":
        limits.check_size(filename, len(data))
        raise UserError(f"{filename}: upload an .xlsx workbook, a .zip of CSV files or a "
                        "single sheet as needs.csv, offers.csv, ...")
    return unpack_zip(filename, data, folder, limits)


def _stored(engine: Engine, user: User) -> Bundle:
    # References of a partial upload resolve against the stored records too. The import
    # checks the whole stored picture again before it writes (imports.import_records).
    with SqlUnitOfWork(engine, user.name) as uow:
        return export_bundle(uow)


def _read_upload(engine: Engine, user: User, filename: str, data: bytes,
                 limits: UploadLimits) -> Bundle:
    require_importer(user)  # before the upload is unpacked and read
    with tempfile.TemporaryDirectory(prefix="clearinghouse-upload-") as tmp:
        path = _unpack(filename, data, Path(tmp), limits)
        try:
            bundle = read_bundle(path, known=_stored(engine, user))
        except BundleInvalid as e:
            raise ImportRefused(f"{filename}: {len(e.errors)} rows break rules; nothing was "
                                "imported", e.errors) from e
        except ExchangeError as e:
            raise UserError(f"{filename}: {e}") from e
    return bundle


def preview_upload(engine: Engine, user: User, filename: str, data: bytes,
                   limits: UploadLimits = DEFAULT_LIMITS) -> ImportReport:
    """What importing the upload would create, update and leave alone; writes nothing.

    Refused, like :func:`import_upload`, when it touches a record hidden from the user.
    """
    return preview_records(engine, user, _read_upload(engine, user, filename, data, limits))


def import_upload(engine: Engine, user: User, filename: str, data: bytes,
                  limits: UploadLimits = DEFAULT_LIMITS) -> ImportReport:
    """Import an uploaded bundle, all rows or none (coordinators only).

    The counts cover only records released to the user's nation: a row whose key is that of
    a stored record hidden from the nation is refused — the whole upload, as for any bad
    row — with the same answer whether the row would have updated the record or left it
    unchanged, so that neither the counts nor the refusal tell what the hidden record
    holds. (That the key is taken cannot be hidden: creating it would collide; the refusal
    says only that, as creating the record through the API does.) A rule spanning records
    that a hidden record would break refuses the upload with one problem naming no record.

    An archive breaking ``limits`` (compressed or inflated size, entries) is refused with
    ``UploadTooLarge`` (HTTP 413) before it is inflated.
    """
    return import_records(engine, user, _read_upload(engine, user, filename, data, limits))


def visible_bundle(engine: Engine, user: User) -> Bundle:
    """Every record the user's nation may see, as a bundle (the operator: every record)."""
    nation = None if user.whole_view else user.nation
    with SqlUnitOfWork(engine, user.name) as uow:
        return Bundle(**{sheet: visible_records(uow.connection, sheet, nation, owner_of(sheet))
                         for sheet in SHEET_KEYS})


def export_visible(engine: Engine, user: User, fmt: str) -> bytes:
    """The records the user's nation may see as ``zip`` (CSV files) or ``xlsx`` bytes."""
    bundle = visible_bundle(engine, user)
    with tempfile.TemporaryDirectory(prefix="clearinghouse-export-") as tmp:
        folder = Path(tmp)
        try:
            if fmt == "xlsx":
                write_bundle(bundle, folder / "bundle.xlsx")
                return (folder / "bundle.xlsx").read_bytes()
            write_bundle(bundle, folder / "bundle")
        except ExchangeError as e:
            raise UserError(f"cannot export: {e}") from e
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted((folder / "bundle").glob("*.csv")):
                archive.write(path, path.name)
        return buffer.getvalue()
