"""A need's status follows deliveries (SPEC §2): approving a plan sets its planned quantity,
never its status; units on their way do not count; only receipts make it partially-met or
met. On SQLite and PostgreSQL, with the migration that brings old data in line."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from alembic import command
from sqlalchemy import select

from clearinghouse.adapters.db.engine import make_engine
from clearinghouse.adapters.db.migrate import alembic_config, upgrade_to_head
from clearinghouse.adapters.db.tables.records import needs as needs_table
from clearinghouse.config import Settings
from clearinghouse.domain.lifecycle import NeedStatus
from clearinghouse.domain.shipments import EventKind
from clearinghouse.services.logistics.shipments import create_shipments, record_event
from clearinghouse.services.records.users import operator
from clearinghouse.services.runtime.database import migrated_engine, ready_engine
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.factories import small_bundle
from tests.seed import approve as approve_as_operator
from tests.seed import plan_stored, seed

E = EventKind


@pytest.fixture
def settings(database_url: str) -> Settings:
    s = Settings(database_url=database_url, environment="test")
    seed(s, small_bundle(), "test")
    return s


def need(settings: Settings, ref: str) -> Any:
    engine = ready_engine(settings)
    try:
        with SqlUnitOfWork(engine, "t") as uow:
            found = uow.needs.get_by_ref(ref)
            assert found is not None
            return found.record
    finally:
        engine.dispose()


def approve(settings: Settings) -> int:
    result = plan_stored(settings, start=date(2027, 1, 1), horizon=12, out=None, actor="t")
    assert result.run_id is not None
    approve_as_operator(settings, result.run_id, "coordinator")
    return result.run_id


def test_approving_a_plan_sets_planned_quantities_and_never_marks_a_need_met(
        settings: Settings) -> None:
    before = {ref: need(settings, ref).status for ref in ("N-1", "N-2")}
    approve(settings)
    n1, n2 = need(settings, "N-1"), need(settings, "N-2")
    assert n2.planned == 5000  # fully planned (Japanese kits and funded production) …
    assert n1.planned > 0
    assert {"N-1": n1.status, "N-2": n2.status} == before  # … and still not met
    assert (n1.delivered, n2.delivered) == (0, 0)


def test_units_on_their_way_leave_the_status_and_receipts_move_it(settings: Settings) -> None:
    run = approve(settings)
    with migrated_engine(settings) as engine:
        made = create_shipments(engine, operator("t"), run)
        ref = next(s.ref for s in made if s.offer == "O-1")
        for kind in (E.LOADED, E.AT_HUB, E.DISPATCHED):
            record_event(engine, operator("logistician"), ref, kind)
        assert need(settings, "N-1").status is NeedStatus.OPEN
        record_event(engine, operator("logistician"), ref, E.DELIVERED, quantity=1)
    n1 = need(settings, "N-1")
    assert (n1.delivered, n1.status) == (1, NeedStatus.PARTIALLY_MET)


def test_the_migration_plans_needs_from_the_approved_run_and_unmarks_undelivered_met_needs(
        database_url: str) -> None:
    config = alembic_config()
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "2026_12_04_0004")
        now = date(2026, 12, 1)
        with engine.begin() as connection:
            rows = [("N-0545", 35_000, 40, "met"), ("N-FULL", 10, 10, "met"),
                    ("N-NONE", 5, 0, "partially-met"), ("N-OPEN", 5, 0, "open")]
            for ref, quantity, delivered, status in rows:
                connection.exec_driver_sql(
                    "INSERT INTO needs (ref, class_code, quantity, priority, due, destination, "
                    "releasability, status, delivered, version, created_at, updated_at) "
                    "VALUES (%s, 'C', %s, 1, '2027-01-01', 'UKR', 'ALL', %s, %s, 1, %s, %s)"
                    if connection.dialect.name == "postgresql" else
                    "INSERT INTO needs (ref, class_code, quantity, priority, due, destination, "
                    "releasability, status, delivered, version, created_at, updated_at) "
                    "VALUES (?, 'C', ?, 1, '2027-01-01', 'UKR', 'ALL', ?, ?, 1, ?, ?)",
                    (ref, quantity, status, delivered, now, now))
            summary = '{"needs": {"N-0545": {"delivered": 34999.99999999}, ' \
                      '"N-NONE": {"delivered": 2.5}}}'
            connection.exec_driver_sql(
                "INSERT INTO plan_runs (created_at, actor, inputs_version, settings, status, "
                + ("summary, approved_at) VALUES (%s, 'a', 'x', '{}', 'optimal', %s, %s)"
                   if connection.dialect.name == "postgresql" else
                   "summary, approved_at) VALUES (?, 'a', 'x', '{}', 'optimal', ?, ?)"),
                (now, summary, now))
        upgrade_to_head(database_url)
        with engine.connect() as connection:
            found = {r.ref: (r.status, r.planned, r.delivered) for r in connection.execute(
                select(needs_table.c.ref, needs_table.c.status, needs_table.c.planned,
                       needs_table.c.delivered))}
    finally:
        engine.dispose()
    assert found == {"N-0545": ("partially-met", 35_000, 40), "N-FULL": ("met", 0, 10),
                     "N-NONE": ("open", 2, 0), "N-OPEN": ("open", 0, 0)}
