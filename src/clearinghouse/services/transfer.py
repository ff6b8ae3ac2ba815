"""Bundles over the wire: import an uploaded .xlsx or CSV zip (coordinators), export what the
user's nation may see as a CSV zip or .xlsx."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy import Engine

from clearinghouse.adapters.db.listing import page, visible_to
from clearinghouse.adapters.exchange import (
    BundleInvalid,
    ExchangeError,
    RowError,
    read_bundle,
    write_bundle,
)
from clearinghouse.config import Settings
from clearinghouse.domain.bundle import SHEET_KEYS, Bundle
from clearinghouse.services.bundles import BundleRejected, ImportReport, preview_bundle
from clearinghouse.services.errors import UserError
from clearinghouse.services.exchange import import_records
from clearinghouse.services.records import Forbidden
from clearinghouse.services.resources import RESOURCES
from clearinghouse.services.unit_of_work import SqlUnitOfWork
from clearinghouse.services.users import Role, User

MAX_UPLOAD_BYTES = 200 * 1024 * 1024
_SHEET_FILES = {f"{sheet}.csv" for sheet in SHEET_KEYS}


class ImportRefused(UserError):
    """The upload was refused whole; ``problems`` name every bad row."""

    def __init__(self, message: str, problems: list[RowError]) -> None:
        super().__init__(message)
        self.problems = problems


def _unpack(filename: str, data: bytes, folder: Path) -> Path:
    if len(data) > MAX_UPLOAD_BYTES:
        raise UserError(f"{filename}: the upload exceeds {MAX_UPLOAD_BYTES // 2**20} MiB")
    suffix = PurePosixPath(filename).suffix.lower()
    if suffix == ".xlsx":
        target = folder / "bundle.xlsx"
        target.write_bytes(data)
        return target
    if suffix != ".zip":
        raise UserError(f"{filename}: upload an .xlsx workbook or a .zip of CSV files")
    bundle = folder / "bundle"
    bundle.mkdir()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                name = PurePosixPath(info.filename).name  # never a path out of the folder
                if info.is_dir() or not name:
                    continue
                if name not in _SHEET_FILES:
                    raise UserError(f"{filename}: {info.filename} is not a sheet of the "
                                    "exchange format")
                (bundle / name).write_bytes(archive.read(info))
    except zipfile.BadZipFile as e:
        raise UserError(f"{filename}: not a readable zip file ({e})") from e
    return bundle


def _read_upload(user: User, filename: str, data: bytes) -> Bundle:
    if user.role is not Role.COORDINATOR:
        raise Forbidden(f"a {user.role} may not import bundles")
    with tempfile.TemporaryDirectory(prefix="clearinghouse-upload-") as tmp:
        path = _unpack(filename, data, Path(tmp))
        try:
            bundle = read_bundle(path)
        except BundleInvalid as e:
            raise ImportRefused(f"{filename}: {len(e.errors)} rows break rules; nothing was "
                                "imported", e.errors) from e
        except ExchangeError as e:
            raise UserError(f"{filename}: {e}") from e
    return bundle


def _refused(error: BundleRejected) -> ImportRefused:
    return ImportRefused(str(error), [
        RowError(f"{p.sheet}.csv", 0, p.field, f"{p.key}: {p.value}", p.message)
        for p in error.problems])


def preview_upload(engine: Engine, user: User, filename: str, data: bytes) -> ImportReport:
    """What importing the upload would create, update and leave alone; writes nothing."""
    bundle = _read_upload(user, filename, data)
    with SqlUnitOfWork(engine, user.name) as uow:
        try:
            return preview_bundle(uow, bundle)
        except BundleRejected as e:
            raise _refused(e) from e


def import_upload(settings: Settings, user: User, filename: str, data: bytes) -> ImportReport:
    """Import an uploaded bundle, all rows or none (coordinators only)."""
    bundle = _read_upload(user, filename, data)
    try:
        return import_records(bundle, settings=settings, actor=user.name)
    except BundleRejected as e:
        raise _refused(e) from e


def visible_bundle(engine: Engine, user: User) -> Bundle:
    """Every record the user's nation may see, as a bundle."""
    sheets: dict[str, list[Any]] = {}
    with SqlUnitOfWork(engine, user.name) as uow:
        for sheet in SHEET_KEYS:
            owner = RESOURCES[sheet].owner_field if sheet in RESOURCES else None
            stored, _ = page(uow.connection, sheet, visible=visible_to(sheet, user.nation, owner),
                             filters={}, sort=None, limit=2**62, offset=0)
            sheets[sheet] = [s.record for s in stored]
    return Bundle(**sheets)


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
