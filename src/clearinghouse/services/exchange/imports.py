"""Import a bundle: one use case for every interface (an upload through the API or the web
pages, a file on the command line as the database operator), all rows or none.

The counts cover only records released to the user's nation: a row whose key is that of a
stored record hidden from the nation is refused — the whole bundle, as for any bad row — with
the same answer whether the row would have updated the record or left it unchanged, so that
neither the counts nor the refusal tell what the hidden record holds. (That the key is taken
cannot be hidden: creating it would collide; the refusal says only that, as creating the
record through the API does.) A rule spanning records that a hidden record would break
refuses the bundle with one problem naming no record. The operator sees every record.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import ColumnElement, Engine

from clearinghouse.adapters.db.listing import hidden_keys, visible_to
from clearinghouse.adapters.exchange import RowError
from clearinghouse.domain.bundle import SHEET_KEYS, Bundle, Problem, record_key
from clearinghouse.services.errors import UserError
from clearinghouse.services.exchange.bundles import (
    BundleRejected,
    ImportReport,
    Progress,
    import_bundle,
    preview_bundle,
)
from clearinghouse.services.records.records import Forbidden
from clearinghouse.services.records.resources import owner_of
from clearinghouse.services.records.users import Role, User
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

TAKEN_RULE = "must not be the key of a record not released to you"
HIDDEN_RULE = "must keep the records not released to you consistent"


def require_importer(user: User) -> None:
    """Only coordinators import bundles."""
    if user.role is not Role.COORDINATOR:
        raise Forbidden(f"a {user.role} may not import bundles")


class ImportRefused(UserError):
    """The upload was refused whole; ``problems`` name every bad row."""

    def __init__(self, message: str, problems: list[RowError]) -> None:
        super().__init__(message)
        self.problems = problems




def _visible(sheet: str, user: User) -> ColumnElement[bool]:
    return visible_to(sheet, user.nation, owner_of(sheet))


def _refuse_hidden_keys(uow: SqlUnitOfWork, user: User, bundle: Bundle) -> None:
    """Refuse the upload when a row's key is that of a stored record hidden from the user."""
    if user.whole_view:
        return
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
    if not error.problems or user.whole_view:
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
    require_importer(user)
    with SqlUnitOfWork(engine, user.name, writes=True) as uow:
        try:
            _refuse_hidden_keys(uow, user, bundle)
            try:
                return use(uow, bundle)
            except BundleRejected as e:
                raise _without_hidden(uow, user, e) from e
        except BundleRejected as e:
            raise _refused(e) from e


def import_records(engine: Engine, user: User, bundle: Bundle,
                   progress: Progress | None = None) -> ImportReport:
    """Import ``bundle``, all rows or none (coordinators; see the module for hidden keys)."""
    return _checked(engine, user, bundle,
                    lambda uow, checked: import_bundle(uow, checked, progress))


def preview_records(engine: Engine, user: User, bundle: Bundle) -> ImportReport:
    """What importing ``bundle`` would create, update and leave alone; writes nothing.

    Refused, like :func:`import_records`, when it touches a record hidden from the user.
    """
    return _checked(engine, user, bundle, preview_bundle)
