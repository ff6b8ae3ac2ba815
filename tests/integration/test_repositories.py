"""Repositories: records read back as they were written, versions count updates."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from clearinghouse.adapters.db.repositories import DuplicateRecord, RecordNotFound, StaleRecord
from clearinghouse.domain.bundle import SHEET_KEYS, record_key
from clearinghouse.domain.lifecycle import OfferStatus
from clearinghouse.domain.offers import Offer
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.factories import small_bundle


def add_small_bundle(uow: SqlUnitOfWork) -> None:
    bundle = small_bundle()
    for sheet in SHEET_KEYS:
        for record in bundle.sheet(sheet):
            uow.sheet(sheet).add(record)


@pytest.fixture
def stocked(engine: Engine) -> Engine:
    """A database holding the small bundle."""
    with SqlUnitOfWork(engine, "seed") as uow:
        add_small_bundle(uow)
        uow.commit()
    return engine


@pytest.mark.parametrize("sheet", list(SHEET_KEYS))
def test_every_sheet_reads_back_what_was_added_by_id_by_ref_and_in_the_list(
        engine: Engine, sheet: str) -> None:
    expected: list[Any] = small_bundle().sheet(sheet)
    with SqlUnitOfWork(engine, "tester") as uow:
        add_small_bundle(uow)
        repository = uow.sheet(sheet)
        listed = repository.list()
        assert [s.record for s in listed] == expected
        for stored, record in zip(listed, expected, strict=True):
            assert repository.get(stored.id) == stored
            assert repository.get_by_ref(record_key(sheet, record)) == stored
            assert stored.version == 1
        assert repository.count() == len(expected)


def test_each_update_adds_one_to_the_version_and_keeps_the_new_values(stocked: Engine) -> None:
    with SqlUnitOfWork(stocked, "tester") as uow:
        first = uow.offers.get_by_ref("O-1")
        assert first is not None
        assert first.version == 1
        second = uow.offers.update(replace(first.record, quantity=600), expected_version=1)
        third = uow.offers.update(replace(second.record, origin="JPN"), expected_version=2)
        uow.commit()
    with SqlUnitOfWork(stocked, "reader") as uow:
        stored = uow.offers.get_by_ref("O-1")
        assert stored is not None
        assert (stored.version, third.version) == (3, 3)
        assert (stored.record.quantity, stored.record.origin) == (600, "JPN")
        assert stored.updated_at >= stored.created_at


def test_a_write_with_a_stale_version_is_refused_and_changes_nothing(stocked: Engine) -> None:
    with SqlUnitOfWork(stocked, "tester") as uow:
        stored = uow.needs.get_by_ref("N-1")
        assert stored is not None
        uow.needs.update(replace(stored.record, quantity=1200), expected_version=1)
        with pytest.raises(StaleRecord, match="version 2, not 1"):
            uow.needs.update(replace(stored.record, quantity=900), expected_version=1)
        after = uow.needs.get_by_ref("N-1")
        assert after is not None
        assert after.record.quantity == 1200
        assert after.version == 2


def test_an_update_that_changes_nothing_keeps_the_version_and_writes_no_audit_row(
        stocked: Engine) -> None:
    with SqlUnitOfWork(stocked, "tester") as uow:
        stored = uow.hubs.get_by_ref("PL-RZE")
        assert stored is not None
        again = uow.hubs.update(stored.record)
        assert again.version == 1
        assert uow.audit.list(entity="hubs", key="PL-RZE")[-1].action == "create"


def test_adding_a_record_whose_key_exists_is_refused(stocked: Engine) -> None:
    with SqlUnitOfWork(stocked, "tester") as uow, \
            pytest.raises(DuplicateRecord, match="offers O-1 exists already"):
        uow.offers.add(small_bundle().offers[0])


def test_updating_or_deleting_an_unknown_record_is_refused(stocked: Engine) -> None:
    ghost = replace(small_bundle().offers[0], ref="O-404")
    with SqlUnitOfWork(stocked, "tester") as uow:
        with pytest.raises(RecordNotFound, match="O-404"):
            uow.offers.update(ghost)
        with pytest.raises(RecordNotFound, match="O-404"):
            uow.offers.delete("O-404")
        assert uow.offers.get_by_ref("O-404") is None


def test_a_pair_keyed_record_is_found_by_its_joined_key(stocked: Engine) -> None:
    with SqlUnitOfWork(stocked, "tester") as uow:
        assert uow.substitutes.get_by_ref("155mm-NATO→152mm") is not None
        assert uow.lanes.get_by_ref("JPN→PL-RZE") is not None
        assert uow.lanes.get_by_ref("JPN") is None


def test_a_nation_lists_only_the_records_released_to_it(stocked: Engine) -> None:
    with SqlUnitOfWork(stocked, "tester") as uow:
        assert [s.record.ref for s in uow.needs.list(released_to="JPN")] == ["N-1"]
        assert [s.record.ref for s in uow.needs.list(released_to="POL")] == ["N-1", "N-2"]
        assert [s.record.ref for s in uow.offers.list(released_to="POL")] == ["O-1"]
        assert [s.record.ref for s in uow.offers.list(released_to="JPN")] == ["O-1", "O-2"]


def test_a_status_transition_is_stored_and_audited_as_a_transition(stocked: Engine) -> None:
    with SqlUnitOfWork(stocked, "coordinator") as uow:
        stored = uow.offers.get_by_ref("O-1")
        assert stored is not None
        offer: Offer = replace(stored.record)
        offer.move_to(OfferStatus.ACCEPTED)
        uow.offers.transition(offer, expected_version=stored.version)
        uow.commit()
    with SqlUnitOfWork(stocked, "reader") as uow:
        after = uow.offers.get_by_ref("O-1")
        assert after is not None
        assert after.record.status is OfferStatus.ACCEPTED
        entry = uow.audit.list(entity="offers", key="O-1")[-1]
        assert (entry.action, entry.actor) == ("transition", "coordinator")
        assert entry.before is not None
        assert entry.after is not None
        assert (entry.before["status"], entry.after["status"]) == ("offered", "accepted")


def test_the_database_refuses_a_reference_to_an_unknown_nation(stocked: Engine) -> None:
    stray = replace(small_bundle().offers[0], ref="O-9", donor="XXX")
    with SqlUnitOfWork(stocked, "tester") as uow, pytest.raises(IntegrityError):
        uow.offers.add(stray)


def test_a_deleted_record_is_gone(stocked: Engine) -> None:
    with SqlUnitOfWork(stocked, "tester") as uow:
        uow.lanes.delete("JPN→PL-RZE", expected_version=1)
        assert uow.lanes.get_by_ref("JPN→PL-RZE") is None
        assert [s.record.origin for s in uow.lanes.list()] == ["POL"]


def test_a_write_based_on_a_version_another_user_has_since_changed_is_refused(
        stocked: Engine) -> None:
    with SqlUnitOfWork(stocked, "liaison-POL") as uow:
        read_by_pol = uow.offers.get_by_ref("O-1")
    with SqlUnitOfWork(stocked, "coordinator") as uow:
        read_by_coordinator = uow.offers.get_by_ref("O-1")
    assert read_by_pol is not None
    assert read_by_coordinator is not None
    with SqlUnitOfWork(stocked, "coordinator") as uow:
        uow.offers.update(replace(read_by_coordinator.record, quantity=450),
                          expected_version=read_by_coordinator.version)
        uow.commit()
    with SqlUnitOfWork(stocked, "liaison-POL") as uow, pytest.raises(StaleRecord):
        uow.offers.update(replace(read_by_pol.record, origin="JPN"),
                          expected_version=read_by_pol.version)
    with SqlUnitOfWork(stocked, "auditor") as uow:
        stored = uow.offers.get_by_ref("O-1")
        assert stored is not None
        assert (stored.record.quantity, stored.record.origin, stored.version) == (450, "POL", 2)
