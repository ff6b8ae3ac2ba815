"""Importing bundles: keyed by ref/code, idempotent, audited, all or nothing."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from math import ceil
from typing import Any

import pytest
from sqlalchemy import Engine

from clearinghouse.adapters.db.repositories import BATCH
from clearinghouse.domain.bundle import SHEET_KEYS, Bundle
from clearinghouse.domain.lifecycle import OfferStatus
from clearinghouse.services.exchange.bundles import (
    BundleRejected,
    ImportReport,
    bundle_fingerprint,
    export_bundle,
    import_bundle,
)
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.factories import offers_bundle, small_bundle


def run_import(engine: Engine, bundle: Bundle, actor: str = "importer") -> ImportReport:
    with SqlUnitOfWork(engine, actor) as uow:
        return import_bundle(uow, bundle)


def snapshot(engine: Engine) -> tuple[Bundle, list[Any], int]:
    """Everything an import could change: records, their versions, the audit log's length."""
    with SqlUnitOfWork(engine, "auditor") as uow:
        versions = [(sheet, s.record, s.version) for sheet in SHEET_KEYS
                    for s in uow.sheet(sheet).list()]
        return export_bundle(uow), versions, len(uow.audit.list())


def test_import_export_import_gives_identical_records_and_the_second_import_changes_nothing(
        engine: Engine) -> None:
    bundle = small_bundle()
    first = run_import(engine, bundle)
    assert {s: c.created for s, c in first.sheets.items()} == bundle.counts()
    exported, _, audit_rows = snapshot(engine)
    # Imported needs come to belong to the recipient (SPEC §1.1); nothing else is added.
    assert {n.owner for n in exported.needs} == {"UKR"}
    bundle = dataclasses.replace(bundle, needs=[dataclasses.replace(n, owner="UKR")
                                                for n in bundle.needs])
    assert exported == bundle
    assert audit_rows == sum(bundle.counts().values())

    second = run_import(engine, exported)
    assert not second.changed
    assert {s: c.unchanged for s, c in second.sheets.items()} == bundle.counts()
    again, versions, audit_rows_after = snapshot(engine)
    assert again == bundle
    assert audit_rows_after == audit_rows
    assert {version for _, _, version in versions} == {1}


def test_an_updated_row_updates_its_record_bumps_its_version_and_audits_before_and_after(
        engine: Engine) -> None:
    run_import(engine, small_bundle())
    changed = small_bundle()
    changed.offers[0] = replace(changed.offers[0], quantity=750, value_eur=2_000_000.0)
    report = run_import(engine, changed, actor="liaison-POL")
    assert (report.sheets["offers"].updated, report.sheets["offers"].unchanged) == (1, 1)
    assert (report.created, report.updated) == (0, 1)
    with SqlUnitOfWork(engine, "auditor") as uow:
        stored = uow.offers.get_by_ref("O-1")
        assert stored is not None
        assert stored.record == changed.offers[0]
        assert stored.version == 2
        entry = uow.audit.list(entity="offers", key="O-1")[-1]
    assert (entry.action, entry.actor) == ("update", "liaison-POL")
    assert entry.before is not None
    assert entry.after is not None
    assert (entry.before["quantity"], entry.after["quantity"]) == (500, 750)
    assert (entry.before["value_eur"], entry.after["value_eur"]) == (1_500_000.0, 2_000_000.0)


def test_a_reimport_keeps_the_status_an_offer_reached_by_transitions(engine: Engine) -> None:
    run_import(engine, small_bundle())
    with SqlUnitOfWork(engine, "coordinator") as uow:
        stored = uow.offers.get_by_ref("O-1")
        assert stored is not None
        uow.offers.transition(replace(stored.record, status=OfferStatus.ACCEPTED))
        uow.commit()
    changed = small_bundle()
    changed.offers[0] = replace(changed.offers[0], quantity=400)
    run_import(engine, changed)
    with SqlUnitOfWork(engine, "auditor") as uow:
        stored = uow.offers.get_by_ref("O-1")
        assert stored is not None
        assert (stored.record.status, stored.record.quantity) == (OfferStatus.ACCEPTED, 400)


def test_a_bundle_may_refer_to_records_stored_by_an_earlier_import(engine: Engine) -> None:
    run_import(engine, small_bundle())
    extra = Bundle(offers=[replace(small_bundle().offers[0], ref="O-3", quantity=10)])
    report = run_import(engine, extra)
    assert report.sheets["offers"].created == 1
    assert report.created == 1


def test_a_bundle_that_breaks_a_rule_together_with_the_stored_records_is_refused(
        engine: Engine) -> None:
    run_import(engine, small_bundle())
    lethal_from_japan = Bundle(offers=[replace(small_bundle().offers[1], item="155-HE")])
    with pytest.raises(BundleRejected, match="non-lethal-only") as refused:
        run_import(engine, lethal_from_japan)
    [problem] = refused.value.problems
    assert (problem.sheet, problem.key, problem.field) == ("offers", "O-2", "item")


def test_a_bundle_repeating_a_key_is_refused(engine: Engine) -> None:
    bundle = small_bundle()
    bundle.needs.append(replace(bundle.needs[0], quantity=7))
    with pytest.raises(BundleRejected, match="N-1 appears more than once"):
        run_import(engine, bundle)
    assert snapshot(engine)[0] == Bundle()


def test_a_cross_record_problem_in_a_10000_row_import_leaves_the_database_untouched(
        engine: Engine) -> None:
    run_import(engine, small_bundle())
    before = snapshot(engine)
    bundle = offers_bundle(10_000)
    bundle.offers[7_000] = replace(bundle.offers[7_000], item="NO-SUCH-ITEM")
    with pytest.raises(BundleRejected, match="unknown item 'NO-SUCH-ITEM'"):
        run_import(engine, bundle)
    assert snapshot(engine) == before


def test_a_database_failure_in_a_10000_row_import_leaves_the_database_untouched(
        engine: Engine) -> None:
    run_import(engine, small_bundle())
    before = snapshot(engine)
    bundle = offers_bundle(10_000)
    bundle.offers[7_000].quantity = 0  # past the domain's checks: the database must refuse it
    assert bundle.problems() == []
    with pytest.raises(BundleRejected, match="refused by the database in offers"):
        run_import(engine, bundle)
    assert snapshot(engine) == before


def test_progress_counts_every_written_record_up_to_the_total(engine: Engine) -> None:
    calls: list[tuple[str, int, int]] = []
    bundle = offers_bundle(12_000)
    with SqlUnitOfWork(engine, "importer") as uow:
        import_bundle(uow, bundle, progress=lambda *a: calls.append(a))
    total = sum(bundle.counts().values())
    assert calls[-1] == ("courses", total, total)
    assert [done for _, done, _ in calls] == sorted(done for _, done, _ in calls)
    assert len([sheet for sheet, _, _ in calls if sheet == "offers"]) == ceil(12_000 / BATCH)


def test_the_fingerprint_of_a_bundle_ignores_record_order_but_not_content() -> None:
    bundle = small_bundle()
    shuffled = small_bundle()
    shuffled.offers.reverse()
    changed = small_bundle()
    changed.needs[0] = replace(changed.needs[0], priority=2)
    assert bundle_fingerprint(bundle) == bundle_fingerprint(shuffled)
    assert bundle_fingerprint(bundle) != bundle_fingerprint(changed)
