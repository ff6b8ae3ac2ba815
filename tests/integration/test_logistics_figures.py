"""Ledger and hub throughput read back from SQLite and PostgreSQL after real events."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from clearinghouse.config import Settings
from clearinghouse.domain.shipments import EventKind
from clearinghouse.services.logistics.facts import ledger_rows, throughput
from clearinghouse.services.logistics.shipments import create_shipments, record_event
from clearinghouse.services.records.nation_reader import facts_for
from clearinghouse.services.records.users import operator
from clearinghouse.services.runtime.database import migrated_engine
from tests.factories import small_bundle
from tests.seed import approve, plan_stored, seed

E = EventKind


def test_arrivals_at_a_hub_count_as_actual_tonnes_and_receipts_reach_the_ledger(
        database_url: str) -> None:
    settings = Settings(database_url=database_url, environment="test")
    seed(settings, small_bundle(), "t")
    run = plan_stored(settings, start=date(2027, 1, 1), horizon=12, out=None, actor="t")
    assert run.run_id is not None
    approve(settings, run.run_id, "t")
    facts = facts_for(settings, None)
    assert facts.pending  # approved, no shipments yet: the plan is still pending
    pending_loads, _ = throughput(facts, today=date(2027, 1, 1))
    with migrated_engine(settings) as engine:
        made = create_shipments(engine, operator("t"), run.run_id)
        o1 = next(s for s in made if s.offer == "O-1")
        for day, kind in enumerate((E.LOADED, E.AT_HUB, E.DISPATCHED), 1):
            record_event(engine, operator("t"), o1.ref, kind,
                         at=datetime(2027, 1, day, tzinfo=UTC))
        record_event(engine, operator("t"), o1.ref, E.DELIVERED, quantity=120,
                     at=datetime(2027, 1, 9, tzinfo=UTC))
    facts = facts_for(settings, None)
    assert facts.pending == []
    loads, _ = throughput(facts, today=date(2027, 2, 1))
    january = next(x for x in loads if x.hub == "PL-RZE" and x.month == date(2027, 1, 1))
    assert january.actual_t == pytest.approx(o1.tonnes)
    assert january.capacity_t == 18000
    # The same plan, whether still pending or on shipments, plans the same tonnes.
    assert [x.planned_t for x in loads] == pytest.approx([x.planned_t for x in pending_loads])
    rows = {(r.donor, r.source): r for r in ledger_rows(facts)}
    assert rows[("POL", "in-kind")].stages["delivered"].units == 120
    assert rows[("POL", "in-kind")].stages["shipped"].units == o1.quantity
