"""Shipments on SQLite and PostgreSQL: created from an approved run, tracked to delivery,
every event audited, receipts reaching needs and offers, refused events writing nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine

from clearinghouse.config import Settings
from clearinghouse.domain.lifecycle import NeedStatus, OfferStatus
from clearinghouse.domain.shipments import EventKind, ShipmentStatus
from clearinghouse.services.errors import Conflict, UserError
from clearinghouse.services.logistics.shipments import create_shipments, record_event
from clearinghouse.services.records.users import operator
from clearinghouse.services.runtime.database import migrated_engine, ready_engine
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.factories import small_bundle
from tests.seed import approve, plan_stored, seed

E = EventKind


@pytest.fixture
def settings(database_url: str) -> Settings:
    s = Settings(database_url=database_url, environment="test")
    seed(s, small_bundle(), "test")
    return s


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    with migrated_engine(settings) as engine:
        yield engine


def approved_run(settings: Settings) -> int:
    result = plan_stored(settings, start=date(2027, 1, 1), horizon=12, out=None, actor="t")
    assert result.run_id is not None
    approve(settings, result.run_id, "coordinator")
    return result.run_id


def stored(settings: Settings, sheet: str, ref: str) -> Any:
    engine = ready_engine(settings)
    try:
        with SqlUnitOfWork(engine, "t") as uow:
            found = uow.sheet(sheet).get_by_ref(ref)
            assert found is not None
            return found.record
    finally:
        engine.dispose()


def move(engine: Engine, ref: str, *kinds: EventKind) -> None:
    for kind in kinds:
        record_event(engine, operator("logistician"), ref, kind)


def test_shipments_are_made_per_offer_hub_and_month_from_an_approved_run_only(
        settings: Settings, engine: Engine) -> None:
    result = plan_stored(settings, start=date(2027, 1, 1), horizon=12, out=None, actor="t")
    assert result.run_id is not None
    with pytest.raises(UserError, match="not approved"):
        create_shipments(engine, operator("t"), result.run_id)
    approve(settings, result.run_id, "t")
    made = create_shipments(engine, operator("t"), result.run_id)
    allocations = result.plan.allocations
    assert sum(s.quantity for s in made) == sum(a.quantity for a in allocations)
    assert len(made) == len({(a.offer, a.hub or a.producer, a.month) for a in allocations})
    o1 = next(s for s in made if s.offer == "O-1")
    # O-1 is available 2027-01-01 from Poland; the lane to PL-RZE takes 2 days.
    assert (o1.hub, o1.departs, o1.at_hub) == ("PL-RZE", date(2027, 1, 1), date(2027, 1, 3))
    assert o1.tonnes == pytest.approx(500 * 47 / 1000)
    produced = [s for s in made if s.producer is not None]
    assert produced
    assert all(s.hub is None and s.at_hub is None for s in produced)
    with pytest.raises(Conflict, match="exist already"):
        create_shipments(engine, operator("t"), result.run_id)


def test_a_receipt_updates_the_need_and_the_offer_and_every_event_is_audited(
        settings: Settings, engine: Engine) -> None:
    run = approved_run(settings)
    made = create_shipments(engine, operator("t"), run)
    ref = next(s.ref for s in made if s.offer == "O-1")
    move(engine, ref, E.LOADED)
    offer = stored(settings, "offers", "O-1")
    assert offer.status is OfferStatus.SHIPPED
    move(engine, ref, E.AT_HUB, E.DISPATCHED)
    done = record_event(engine, operator("logistician"), ref, E.DELIVERED, quantity=300)
    assert done.needs_changed == ["N-1"]
    need = stored(settings, "needs", "N-1")
    assert (need.delivered, need.status) == (300, NeedStatus.PARTIALLY_MET)
    last = record_event(engine, operator("logistician"), ref, E.DELIVERED, quantity=200)
    assert last.shipment.status is ShipmentStatus.DELIVERED
    assert last.offers_changed == ["O-1"]
    assert stored(settings, "offers", "O-1").status is OfferStatus.DELIVERED
    with SqlUnitOfWork(engine, "auditor") as uow:
        events = uow.shipments.events(ref)
        shipment_audit = uow.audit.list(entity="shipments", key=ref)
        event_audit = [e for e in uow.audit.list(entity="shipment_events")
                       if e.key.startswith(f"{ref}#")]
    assert [(e.event.kind, e.event.quantity) for e in events] == [
        (E.LOADED, 500), (E.AT_HUB, 500), (E.DISPATCHED, 500), (E.DELIVERED, 300),
        (E.DELIVERED, 200)]
    assert all(e.actor == "logistician" for e in events)
    assert [e.action for e in shipment_audit] == ["create"] + ["transition"] * 5
    assert len(event_audit) == 5
    assert shipment_audit[-1].after is not None
    assert shipment_audit[-1].after["status"] == "delivered"


def test_a_refused_event_writes_nothing(settings: Settings, engine: Engine) -> None:
    run = approved_run(settings)
    ref = next(s.ref for s in create_shipments(engine, operator("t"), run) if s.offer == "O-1")
    move(engine, ref, E.LOADED)
    with pytest.raises(Conflict, match="must be dispatched first"):
        record_event(engine, operator("logistician"), ref, E.DELIVERED, quantity=10)
    with SqlUnitOfWork(engine, "auditor") as uow:
        kinds = [e.event.kind for e in uow.shipments.events(ref)]
        found = uow.shipments.get_by_ref(ref)
    assert kinds == [E.LOADED]
    assert found is not None
    assert (found.version, found.shipment.status) == (2, ShipmentStatus.LOADED)
    assert stored(settings, "needs", "N-1").delivered == 0


def test_a_lost_shipment_reopens_its_need_for_planning(settings: Settings,
                                                      engine: Engine) -> None:
    run = approved_run(settings)
    ref = next(s.ref for s in create_shipments(engine, operator("t"), run) if s.offer == "O-1")
    move(engine, ref, E.LOADED)
    record_event(engine, operator("logistician"), ref, E.LOST, quantity=200)
    with SqlUnitOfWork(engine, "t") as uow:
        found = uow.shipments.get_by_ref(ref)
    assert found is not None
    assert (found.shipment.open, found.shipment.lost) == (300, 200)
    need = stored(settings, "needs", "N-1")
    assert need.status is NeedStatus.OPEN  # nothing delivered: the status follows receipts
    assert need.delivered == 0


def test_an_event_for_an_unknown_shipment_is_not_found(engine: Engine) -> None:
    with pytest.raises(UserError, match="does not exist"):
        record_event(engine, operator("t"), "S9-NOPE", E.LOADED)
