"""The unit of work keeps nothing unless committed; every write leaves one audit row."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from clearinghouse.adapters.db.audit import AuditEntry
from clearinghouse.domain.lifecycle import NeedStatus
from clearinghouse.services.errors import Conflict, NotFound
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.factories import small_bundle


def add_nations(uow: SqlUnitOfWork) -> None:
    for nation in small_bundle().nations:
        uow.nations.add(nation)


def audit_rows(engine: Engine) -> list[AuditEntry]:
    with SqlUnitOfWork(engine, "auditor") as uow:
        return uow.audit.list()


def test_nothing_is_kept_when_the_unit_of_work_is_not_committed(engine: Engine) -> None:
    with SqlUnitOfWork(engine, "tester") as uow:
        add_nations(uow)
        assert uow.nations.count() == 3
    with SqlUnitOfWork(engine, "tester") as uow:
        assert uow.nations.count() == 0
    assert audit_rows(engine) == []


def test_an_exception_inside_the_unit_of_work_rolls_back_every_write(engine: Engine) -> None:
    def write_then_fail() -> None:
        with SqlUnitOfWork(engine, "tester") as uow:
            add_nations(uow)
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        write_then_fail()
    with SqlUnitOfWork(engine, "tester") as uow:
        assert uow.nations.count() == 0
    assert audit_rows(engine) == []


def test_committed_writes_stay_and_later_uncommitted_ones_do_not(engine: Engine) -> None:
    nations = small_bundle().nations
    with SqlUnitOfWork(engine, "tester") as uow:
        uow.nations.add(nations[0])
        uow.commit()
        uow.nations.add(nations[1])
    with SqlUnitOfWork(engine, "tester") as uow:
        assert [s.record.code for s in uow.nations.list()] == ["POL"]


def test_every_write_leaves_exactly_one_audit_row_with_before_and_after(engine: Engine) -> None:
    bundle = small_bundle()
    need = bundle.needs[0]
    with SqlUnitOfWork(engine, "liaison-UKR") as uow:
        add_nations(uow)
        for item in bundle.items:
            uow.items.add(item)
        uow.commit()
    before_writes = len(audit_rows(engine))
    with SqlUnitOfWork(engine, "liaison-UKR") as uow:
        uow.needs.add(need)
        uow.needs.update(replace(need, quantity=1500))
        validated = replace(need, quantity=1500, status=NeedStatus.DRAFT)
        uow.needs.transition(validated)
        uow.needs.delete("N-1")
        uow.commit()
    entries = audit_rows(engine)[before_writes:]
    assert [(e.action, e.entity, e.key, e.actor) for e in entries] == [
        ("create", "needs", "N-1", "liaison-UKR"),
        ("update", "needs", "N-1", "liaison-UKR"),
        ("transition", "needs", "N-1", "liaison-UKR"),
        ("delete", "needs", "N-1", "liaison-UKR"),
    ]
    create, update, transition, delete = entries
    assert create.before is None
    assert create.after is not None
    assert create.after == {"ref": "N-1", "class_code": "155mm-NATO", "quantity": 1000,
                            "priority": 1, "due": "2027-02-01", "destination": "UKR",
                            "releasability": "ALL", "status": "open", "delivered": 0,
                            "planned": 0, "owner": None}
    assert update.before == create.after
    assert update.after == {**create.after, "quantity": 1500}
    assert transition.before == update.after
    assert transition.after == {**update.after, "status": "draft"}
    assert delete.before == transition.after
    assert delete.after is None
    assert all(e.at.tzinfo is not None for e in entries)


def test_storage_errors_leave_the_unit_of_work_as_not_found_or_conflict(engine: Engine) -> None:
    def update_missing() -> None:
        with SqlUnitOfWork(engine, "tester") as uow:
            uow.nations.update(small_bundle().nations[0])

    def add_twice() -> None:
        with SqlUnitOfWork(engine, "tester") as uow:
            add_nations(uow)
            add_nations(uow)

    with pytest.raises(NotFound, match="nations POL does not exist"):
        update_missing()
    with pytest.raises(Conflict, match="nations POL exists already"):
        add_twice()


@pytest.mark.parametrize("writes", [True, False])
def test_a_writing_unit_of_work_is_not_refused_because_another_wrote_after_it_read(
        engine: Engine, writes: bool) -> None:
    """Read, another unit of work writes, then write: the writing kind waits for the other
    (SQLite: it holds the write lock from its start), and both writes are kept. A unit of
    work that did not say it writes is refused on SQLite ("database is locked")."""
    nations = small_bundle().nations
    with SqlUnitOfWork(engine, "tester", writes=True) as uow:
        uow.nations.add(nations[0])
        uow.commit()

    def other_writer() -> None:
        with SqlUnitOfWork(engine, "other", writes=True) as other:
            other.nations.add(nations[1])
            other.commit()

    def read_other_write() -> None:
        with SqlUnitOfWork(engine, "tester", writes=writes) as uow:
            assert uow.nations.count() == 1
            thread = threading.Thread(target=other_writer)
            thread.start()
            thread.join(timeout=0.5)  # ends at once unless this unit of work holds the lock
            uow.nations.add(nations[2])
            uow.commit()
        thread.join()

    if writes or engine.dialect.name != "sqlite":
        read_other_write()
        with SqlUnitOfWork(engine, "tester") as uow:
            assert uow.nations.count() == 3
    else:
        with pytest.raises(OperationalError, match="locked"):
            read_other_write()
