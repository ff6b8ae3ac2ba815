"""Repositories of the bundle's records: rows ↔ domain objects, every write audited.

One generic repository serves every sheet (same vocabulary everywhere: ``get``,
``get_by_ref``, ``list``, ``add``, ``update``). Writes check the record's ``version`` when
the caller gives one, so that a stale write fails instead of losing an update.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, Row, and_, bindparam, delete, func, insert, select
from sqlalchemy import update as sql_update

from clearinghouse.adapters.db.audit import Action, AuditLog, Change, as_utc, utc_now
from clearinghouse.adapters.db.bulk import insert_rows
from clearinghouse.adapters.db.codecs import CODECS, Codec
from clearinghouse.adapters.db.releasability import visible_to_nation
from clearinghouse.adapters.db.tables import SHEET_TABLES

R = TypeVar("R")
BATCH = 5_000  # rows per executemany: large enough to be fast, small enough to show progress


class RecordNotFound(LookupError):
    """No record of this sheet has that key (or id)."""


class DuplicateRecord(ValueError):
    """A record with this key exists already."""


class StaleRecord(RuntimeError):
    """The record changed since it was read (its version moved on): re-read and retry."""


@dataclass(frozen=True, slots=True)
class Stored(Generic[R]):
    """A record as stored: its ``version`` is the ETag of optimistic concurrency."""

    id: int
    version: int
    record: R
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class RowUpdate:
    id: int
    version: int
    key: str
    before: dict[str, Any]
    after: dict[str, Any]


@dataclass(slots=True)
class SheetDiff(Generic[R]):
    """What writing a sheet's records would do: the rows to create and to update.

    ``others`` are the stored records the incoming ones leave as they are (for checks that
    span records).
    """

    sheet: str
    creates: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (key, row)
    updates: list[RowUpdate] = field(default_factory=list)
    unchanged: int = 0
    others: list[R] = field(default_factory=list)


class SheetRepository(Generic[R]):
    """The records of one bundle sheet (``nations``, ``offers``, …)."""

    def __init__(self, connection: Connection, codec: Codec[R], audit: AuditLog) -> None:
        self._connection = connection
        self._codec = codec
        self._audit = audit
        self.sheet = codec.sheet
        self.table = SHEET_TABLES[codec.sheet]

    # -- reads ---------------------------------------------------------------------------

    def get(self, id: int) -> Stored[R] | None:
        """The record with this database id, or None."""
        row = self._connection.execute(
            select(self.table).where(self.table.c.id == id)).first()
        return None if row is None else self._stored(row)

    def get_by_ref(self, key: str) -> Stored[R] | None:
        """The record with this ``ref``/``code`` (``need_class→offer_class`` for pairs)."""
        row = self._row_by_key(key)
        return None if row is None else self._stored(row)

    def list(self, *, released_to: str | None = None) -> list[Stored[R]]:
        """All records in insertion order; with ``released_to``, only those that nation sees
        (released to it, or owned by it)."""
        query = select(self.table).order_by(self.table.c.id)
        if released_to is not None:
            query = query.where(visible_to_nation(self.table, released_to))
        return [self._stored(row) for row in self._connection.execute(query)]

    def first_with(self, field: str, value: object, *,
                   excluding_id: int | None = None) -> Stored[R] | None:
        """A record (the first stored) whose ``field`` holds ``value``, or None."""
        query = select(self.table).where(self.table.c[field] == value)
        if excluding_id is not None:
            query = query.where(self.table.c.id != excluding_id)
        row = self._connection.execute(query.order_by(self.table.c.id).limit(1)).first()
        return None if row is None else self._stored(row)

    def count(self) -> int:
        return int(self._connection.execute(
            select(func.count()).select_from(self.table)).scalar_one())

    # -- single writes ---------------------------------------------------------------------

    def add(self, record: R) -> Stored[R]:
        """Insert a new record (version 1); refuse a key that exists."""
        row = self._codec.to_row(record)
        key = self._codec.key_of_row(row)
        if self._row_by_key(key) is not None:
            raise DuplicateRecord(f"{self.sheet} {key} exists already")
        now = utc_now()
        new_id: int = self._connection.execute(
            insert(self.table).values(**row, version=1, created_at=now, updated_at=now)
            .returning(self.table.c.id)).scalar_one()
        self._audit.record(Change("create", self.sheet, key, None, row), now)
        return Stored(new_id, 1, record, now, now)

    def update(self, record: R, *, expected_version: int | None = None) -> Stored[R]:
        """Write the record over the stored one of the same key; bump its version."""
        return self._rewrite(record, expected_version, "update")

    def transition(self, record: R, *, expected_version: int | None = None) -> Stored[R]:
        """Like :meth:`update`, audited as a status transition."""
        return self._rewrite(record, expected_version, "transition")

    def delete(self, key: str, *, expected_version: int | None = None) -> None:
        """Remove the record with this key."""
        current = self._require(key, expected_version)
        before = {f: current._mapping[f] for f in self._codec.fields}
        result = self._connection.execute(delete(self.table).where(
            self.table.c.id == current.id, self.table.c.version == current.version))
        if result.rowcount != 1:
            raise StaleRecord(f"{self.sheet} {key} changed meanwhile")
        self._audit.record(Change("delete", self.sheet, key, before, None))

    # -- bulk writes (imports) ---------------------------------------------------------

    def diff(self, records: Sequence[R]) -> SheetDiff[R]:
        """Compare ``records`` with the stored ones, by key, in one query.

        An existing record keeps its lifecycle fields (status, delivered): only exchange
        fields count as changes.
        """
        codec, table = self._codec, self.table
        fields = codec.fields
        compared = [fields.index(f) for f in codec.exchange_fields]
        query = select(table.c.id, table.c.version, *(table.c[f] for f in fields))
        stored: dict[str, tuple[int, int, tuple[Any, ...]]] = {}
        for row in self._connection.execute(query):
            values = tuple(row[2:])
            stored[codec.key_of_values(values)] = (row[0], row[1], values)
        result: SheetDiff[R] = SheetDiff(self.sheet)
        seen: set[str] = set()
        for record in records:
            values = codec.to_values(record)
            key = codec.key_of_values(values)
            seen.add(key)
            current = stored.get(key)
            if current is None:
                result.creates.append((key, dict(zip(fields, values, strict=True))))
                continue
            row_id, version, old = current
            if all(old[i] == values[i] for i in compared):
                result.unchanged += 1
                continue
            before = dict(zip(fields, old, strict=True))
            after = {**before, **{fields[i]: values[i] for i in compared}}
            result.updates.append(RowUpdate(row_id, version, key, before, after))
        result.others = [codec.from_row(dict(zip(fields, old, strict=True)))
                         for key, (_, _, old) in stored.items() if key not in seen]
        return result

    def apply(self, diff: SheetDiff[R], progress: Callable[[int], None] | None = None) -> None:
        """Write a :meth:`diff` in batches, with one audit row per created or updated record."""
        now = utc_now()
        for start in range(0, len(diff.creates), BATCH):
            batch = diff.creates[start:start + BATCH]
            insert_rows(self._connection, self.table, [row for _, row in batch],
                        {"version": 1, "created_at": now, "updated_at": now})
            self._audit.record_many([Change("create", self.sheet, key, None, row)
                                     for key, row in batch], now)
            if progress is not None:
                progress(len(batch))
        for start in range(0, len(diff.updates), BATCH):
            batch_updates = diff.updates[start:start + BATCH]
            self._update_batch(batch_updates, now)
            if progress is not None:
                progress(len(batch_updates))

    # -- helpers ---------------------------------------------------------------------------

    def _update_batch(self, updates: Sequence[RowUpdate], now: datetime) -> None:
        fields = self._codec.exchange_fields
        table = self.table
        statement = (sql_update(table)
                     .where(table.c.id == bindparam("_id"),
                            table.c.version == bindparam("_version"))
                     .values(version=table.c.version + 1, updated_at=now,
                             **{f: bindparam(f"_{f}") for f in fields}))
        result = self._connection.execute(statement, [
            {"_id": u.id, "_version": u.version, **{f"_{f}": u.after[f] for f in fields}}
            for u in updates])
        if self._connection.dialect.supports_sane_multi_rowcount and \
                result.rowcount != len(updates):
            raise StaleRecord(f"{self.sheet}: records changed during the import")
        self._audit.record_many([Change("update", self.sheet, u.key, u.before, u.after)
                                 for u in updates], now)

    def _rewrite(self, record: R, expected_version: int | None, action: Action) -> Stored[R]:
        after = self._codec.to_row(record)
        key = self._codec.key_of_row(after)
        current = self._require(key, expected_version)
        before = {f: current._mapping[f] for f in self._codec.fields}
        changed = {f: v for f, v in after.items() if before[f] != v}
        if not changed:
            return self._stored(current)
        now = utc_now()
        result = self._connection.execute(
            sql_update(self.table)
            .where(self.table.c.id == current.id, self.table.c.version == current.version)
            .values(**changed, version=current.version + 1, updated_at=now))
        if result.rowcount != 1:
            raise StaleRecord(f"{self.sheet} {key} changed meanwhile")
        self._audit.record(Change(action, self.sheet, key, before, after), now)
        return Stored(current.id, current.version + 1, record, current.created_at, now)

    def _require(self, key: str, expected_version: int | None) -> Row[Any]:
        current = self._row_by_key(key)
        if current is None:
            raise RecordNotFound(f"{self.sheet} {key} does not exist")
        if expected_version is not None and current.version != expected_version:
            raise StaleRecord(f"{self.sheet} {key} is at version {current.version}, "
                              f"not {expected_version}: it changed since it was read")
        return current

    def _row_by_key(self, key: str) -> Row[Any] | None:
        names = self._codec.key_fields
        parts = key.split("→") if len(names) > 1 else [key]
        if len(parts) != len(names):
            return None
        condition = and_(*(self.table.c[n] == p for n, p in zip(names, parts, strict=True)))
        return self._connection.execute(select(self.table).where(condition)).first()

    def _stored(self, row: Row[Any]) -> Stored[R]:
        m = row._mapping
        return Stored(m["id"], m["version"], self._codec.from_row(m), as_utc(m["created_at"]),
                      as_utc(m["updated_at"]))


def sheet_repositories(connection: Connection, audit: AuditLog) -> dict[str, SheetRepository[Any]]:
    """One repository per bundle sheet, sharing the connection and the audit log."""
    return {sheet: SheetRepository(connection, codec, audit) for sheet, codec in CODECS.items()}
