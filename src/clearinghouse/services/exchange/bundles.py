"""Use cases on whole bundles: import into the database (all or nothing) and export."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy.exc import DataError, IntegrityError

from clearinghouse.adapters.db.codecs import CODECS
from clearinghouse.adapters.db.repositories import SheetDiff
from clearinghouse.domain.bundle import SHEET_KEYS, Bundle, Problem
from clearinghouse.domain.nations import NationRole
from clearinghouse.services.errors import UserError
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

#: ``progress(sheet, done, total)``: records written so far over all sheets, out of ``total``.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class SheetCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass(frozen=True, slots=True)
class ImportReport:
    """Per sheet, how many records the import created, updated and left unchanged."""

    sheets: dict[str, SheetCounts]

    @property
    def created(self) -> int:
        return sum(c.created for c in self.sheets.values())

    @property
    def updated(self) -> int:
        return sum(c.updated for c in self.sheets.values())

    @property
    def unchanged(self) -> int:
        return sum(c.unchanged for c in self.sheets.values())

    @property
    def changed(self) -> bool:
        return self.created + self.updated > 0


class BundleRejected(UserError):
    """The import was refused and nothing was written; ``problems`` say why, record by record."""

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.problems = problems


def import_bundle(uow: SqlUnitOfWork, bundle: Bundle,
                  progress: Progress | None = None) -> ImportReport:
    """Create or update the bundle's records by key, all or nothing, and commit.

    The bundle together with what is stored must pass :meth:`Bundle.problems`. Records equal
    to the stored ones are left alone (no write, no audit row); the status of an existing
    need or offer is kept (it moves by transitions, not imports).
    """
    bundle = with_owners(uow, bundle)
    diffs: dict[str, SheetDiff[Any]] = {
        sheet: uow.sheet(sheet).diff(bundle.sheet(sheet)) for sheet in SHEET_KEYS}
    union = Bundle(**{sheet: diffs[sheet].others + bundle.sheet(sheet) for sheet in SHEET_KEYS})
    problems = union.problems()
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise BundleRejected(f"import refused: {problems[0].message}{more}", problems)

    total = sum(len(d.creates) + len(d.updates) for d in diffs.values())
    done = 0
    for sheet in SHEET_KEYS:
        def advance(n: int, sheet: str = sheet) -> None:
            nonlocal done
            done += n
            if progress is not None:
                progress(sheet, done, total)
        try:
            uow.sheet(sheet).apply(diffs[sheet], advance)
        except (IntegrityError, DataError) as e:
            raise BundleRejected(f"import refused by the database in {sheet}: {e.orig}",
                                 []) from e
    uow.commit()
    return ImportReport({sheet: SheetCounts(len(d.creates), len(d.updates), d.unchanged)
                         for sheet, d in diffs.items()})


def with_owners(uow: SqlUnitOfWork, bundle: Bundle) -> Bundle:
    """The bundle with every need that names no owner owned by the recipient (SPEC §1.1:
    imported needs belong to the recipient — the nation with role recipient, in the bundle
    or stored; the first by code). A stored need keeps its owner (imports leave it alone)."""
    if all(n.owner is not None for n in bundle.needs):
        return bundle
    roles = {s.record.code: s.record.role for s in uow.nations.list()}
    roles.update({n.code: n.role for n in bundle.nations})
    recipients = sorted(code for code, role in roles.items() if role is NationRole.RECIPIENT)
    if not recipients:
        return bundle
    needs = [n if n.owner is not None else replace(n, owner=recipients[0])
             for n in bundle.needs]
    return replace(bundle, needs=needs)


def preview_bundle(uow: SqlUnitOfWork, bundle: Bundle) -> ImportReport:
    """What :func:`import_bundle` would create, update and leave alone; writes nothing."""
    bundle = with_owners(uow, bundle)
    diffs = {sheet: uow.sheet(sheet).diff(bundle.sheet(sheet)) for sheet in SHEET_KEYS}
    union = Bundle(**{sheet: diffs[sheet].others + bundle.sheet(sheet) for sheet in SHEET_KEYS})
    problems = union.problems()
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise BundleRejected(f"import refused: {problems[0].message}{more}", problems)
    return ImportReport({sheet: SheetCounts(len(d.creates), len(d.updates), d.unchanged)
                         for sheet, d in diffs.items()})


def export_bundle(uow: SqlUnitOfWork) -> Bundle:
    """Every stored record, as a bundle (sheets in insertion order)."""
    return Bundle(**{sheet: [s.record for s in uow.sheet(sheet).list()] for sheet in SHEET_KEYS})


def bundle_fingerprint(bundle: Bundle) -> str:
    """A hash of the bundle's records, independent of their order (a plan's inputs version)."""
    digest = hashlib.sha256()
    for sheet, codec in CODECS.items():
        rows = sorted(json.dumps(_planning_fields(codec.to_row(r)), sort_keys=True, default=str)
                      for r in bundle.sheet(sheet))
        digest.update(json.dumps([sheet, rows]).encode())
    return digest.hexdigest()


#: Fields a plan does not read: a need's planned quantity and its owner.
_NOT_PLANNED_FROM = ("planned", "owner")


def _planning_fields(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in _NOT_PLANNED_FROM}
