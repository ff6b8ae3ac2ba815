"""Inside one reading (every GET), a visible sheet and a run's allocations are read once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event

from clearinghouse.adapters.db.listing import visible_records
from clearinghouse.services.reporting.reading import one_reading
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.factories import small_bundle


@contextmanager
def counted_selects(engine: Engine, table: str) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        if statement.lstrip().upper().startswith("SELECT") and f"FROM {table}" in statement:
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _store(engine: Engine) -> None:
    bundle = small_bundle()
    with SqlUnitOfWork(engine, "tester", writes=True) as uow:
        for sheet in ("nations", "items", "needs"):
            for record in getattr(bundle, sheet):
                uow.sheet(sheet).add(record)
        uow.commit()


def _needs(engine: Engine) -> list[str]:
    with SqlUnitOfWork(engine, "tester") as uow:
        return [n.ref for n in visible_records(uow.connection, "needs", "POL")]


def test_a_sheet_is_read_once_within_one_reading_and_every_time_outside(engine: Engine) -> None:
    _store(engine)
    with counted_selects(engine, "needs") as selects:
        outside = [_needs(engine), _needs(engine)]
    assert len(selects) == 2
    with counted_selects(engine, "needs") as selects, one_reading():
        inside = [_needs(engine), _needs(engine)]
        with one_reading():  # a nested block shares the outer one
            inside.append(_needs(engine))
    assert len(selects) == 1
    assert outside[0]
    assert inside == [outside[0]] * 3


def test_each_reader_gets_its_own_list(engine: Engine) -> None:
    _store(engine)
    with one_reading():
        first = _needs(engine)
        first.clear()
        assert _needs(engine)
