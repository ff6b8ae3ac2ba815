"""Bundles over the wire: import an uploaded .xlsx or CSV zip (coordinators), export what the
user's nation may see as a CSV zip or .xlsx."""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy import ColumnElement, Engine

from clearinghouse.adapters.db.listing import hidden_keys, visible_records, visible_to
from clearinghouse.adapters.exchange import (
    BundleInvalid,
    ExchangeError,
    RowError,
    read_bundle,
    write_bundle,
)
from clearinghouse.domain.bundle import SHEET_KEYS, Bundle, Problem, record_key
from clearinghouse.services.errors import UserError
from clearinghouse.services.exchange.archive import (
    UploadLimits,
    check_workbook,
    unpack_zip,
)
from clearinghouse.services.exchange.bundles import (
    BundleRejected,
    ImportReport,
    import_bundle,
    preview_bundle,
)
from clearinghouse.services.records.records import Forbidden
from clearinghouse.services.records.resources import owner_of
from clearinghouse.services.records.users import Role, User
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

DEFAULT_LIMITS = UploadLimits()
TAKEN_RULE = "must not be the key of a record not released to you"
HIDDEN_RULE = "must keep the records not released to you consistent"


class ImportRefused(UserError):
    """The upload was refused whole; ``problems`` name every bad row."""

    def __init__(self, message: str, problems: list[RowError]) -> None:
        super().__init__(message)
        self.problems = problems


def _unpack(filename: str, data: bytes, folder: Path, limits: UploadLimits) -> Path:
    suffix = PurePosixPath(filename).suffix.lower()
    if suffix == ".xlsx":
        check_workbook(filename, data, limits)
        target = folder / "bundle.xlsx"
        target.write_bytes(data)
        return target
    if suffix != ".zip":
        limits.check_size(filename, len(data))
        raise UserError(f"{filename}: upload an .xlsx workbook or a .zip of CSV files")
    return unpack_zip(filename, data, folder, limits)


def _read_upload(user: User, filename: str, data: bytes, limits: UploadLimits) -> Bundle:
    if user.role is not Role.COORDINATOR:
        raise Forbidden(f"a {user.role} may not import bundles")
    with tempfile.TemporaryDirectory(prefix="clearinghouse-upload-") as tmp:
        path = _unpack(filename, data, Path(tmp), limits)
        try:
            bundle = read_bundle(path)
        except BundleInvalid as e:
            raise ImportRefused(f"{filename}: {len(e.errors)} rows break rules; nothing was "
                                "imported", e.errors) from e
        except ExchangeError as e:
            raise UserError(f"{filename}: {e}") from e
    return bundle


def _visible(sheet: str, user: User) -> ColumnElement[bool]:
    return visible_to(sheet, user.nation, owner_of(sheet))


def _refuse_hidden_keys(uow: SqlUnitOfWork, user: User, bundle: Bundle) -> None:
    """Refuse the upload when a row's key is that of a stored record hidden from the user."""
    problems: list[Problem] = []
    for sheet in SHEET_KEYS:
        records = bundle.sheet(sheet)
        keys = [record_key(sheet, r) for r in records]
        hidden = hidden_keys(uow.connection, sheet, _visible(sheet, user), set(keys))
        column = SHEET_KEYS[sheet].split(",")[0]
        problems += [Problem(sheet, key, column, key, TAKEN_RULE,
                             f"{sheet} {key}: {column} {key} is taken; choose another")
                     for key in keys if key in hidden]
    if problems:
        raise _rejected(problems)


def _rejected(problems: list[Problem]) -> BundleRejected:
    more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
    return BundleRejected(f"import refused: {problems[0].message}{more}", problems)


def _without_hidden(uow: SqlUnitOfWork, user: User, error: BundleRejected) -> BundleRejected:
    """The refusal with every problem of a stored record hidden from the user folded into
    one that names no record (a rule spanning records may break on a hidden one)."""
    if not error.problems:
        return error
    hidden = {sheet: hidden_keys(uow.connection, sheet, _visible(sheet, user),
                                 {p.key for p in error.problems if p.sheet == sheet})
              for sheet in {p.sheet for p in error.problems}}
    shown = [p for p in error.problems if p.key not in hidden[p.sheet]]
    if len(shown) < len(error.problems):
        shown.append(Problem("", "", "", "", HIDDEN_RULE,
                             f"the upload breaks a rule of records not released to "
                             f"{user.nation}"))
    return _rejected(shown)


def _refused(error: BundleRejected) -> ImportRefused:
    return ImportRefused(str(error), [
        RowError(f"{p.sheet}.csv" if p.sheet else "upload", 0, p.field,
                 f"{p.key}: {p.value}" if p.key else "", p.message)
        for p in error.problems])


def _checked(engine: Engine, user: User, bundle: Bundle,
             use: Callable[[SqlUnitOfWork, Bundle], ImportReport]) -> ImportReport:
    with SqlUnitOfWork(engine, user.name) as uow:
        try:
            _refuse_hidden_keys(uow, user, bundle)
            try:
                return use(uow, bundle)
            except BundleRejected as e:
                raise _without_hidden(uow, user, e) from e
        except BundleRejected as e:
            raise _refused(e) from e


def preview_upload(engine: Engine, user: User, filename: str, data: bytes,
                   limits: UploadLimits = DEFAULT_LIMITS) -> ImportReport:
    """What importing the upload would create, update and leave alone; writes nothing.

    Refused, like :func:`import_upload`, when it touches a record hidden from the user.
    """
    return _checked(engine, user, _read_upload(user, filename, data, limits), preview_bundle)


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
    return _checked(engine, user, _read_upload(user, filename, data, limits), import_bundle)


def visible_bundle(engine: Engine, user: User) -> Bundle:
    """Every record the user's nation may see, as a bundle."""
    sheets: dict[str, list[Any]] = {}
    with SqlUnitOfWork(engine, user.name) as uow:
        for sheet in SHEET_KEYS:
            sheets[sheet] = visible_records(uow.connection, sheet, user.nation,
                                            owner_of(sheet))
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
