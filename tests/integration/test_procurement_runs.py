"""Procurement in database plan runs: a run stores its lines; a reader sees only the lines
and totals of requests released to its nation (or bought by it); an approved plan's lines
are kept on a re-plan where they still fit."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from clearinghouse.config import Settings
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.procurement import ProcurementRequest
from clearinghouse.services.planning.procurement import plan_procurement
from clearinghouse.services.records.users import Role, User, operator
from clearinghouse.services.runtime.database import ready_engine
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.factories import small_bundle
from tests.seed import approve, plan_stored, seed

START = date(2027, 1, 1)


def picture(*requests: ProcurementRequest) -> Bundle:
    return dataclasses.replace(small_bundle(), procurement=list(requests))


POL_ONLY = ProcurementRequest("PR-POL", "POL", "IFAK", 1500, 50.0, date(2027, 12, 1), ("POL",))
JPN_ALL = ProcurementRequest("PR-JPN", "JPN", "IFAK", 1500, 45.0, date(2027, 12, 1))


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url, environment="test")


def test_a_run_stores_its_procurement_and_a_nation_sees_only_its_visible_requests(
        settings: Settings) -> None:
    seed(settings, picture(POL_ONLY, JPN_ALL), "t")
    result = plan_stored(settings, start=START, horizon=12, out=None, actor="t")
    assert result.procurement is not None
    assert result.procurement.units == 3000
    engine = ready_engine(settings)
    try:
        whole = plan_procurement(engine, operator("t"), result.run_id or 0)
        jpn = plan_procurement(engine, User("j", "JPN", Role.DONOR_LIAISON), result.run_id or 0)
        pol = plan_procurement(engine, User("p", "POL", Role.AUDITOR), result.run_id or 0)
    finally:
        engine.dispose()
    assert {x.request for x in whole.lines} == {"PR-POL", "PR-JPN"}
    assert whole.amount_eur == 3000 * 40.0
    assert {x.request for x in jpn.lines} == {"PR-JPN"}
    assert [r.ref for r in jpn.requests] == ["PR-JPN"]
    assert sum(jpn.earnings_per_month()) == jpn.amount_eur == 1500 * 40.0
    assert sum(jpn.units_per_month()) == 1500
    assert {r.ref for r in pol.requests} == {"PR-POL", "PR-JPN"}


def test_an_approved_plans_lines_are_kept_when_a_higher_bid_arrives(settings: Settings) -> None:
    # capacity 1000 a month, lead 2: at most 10,000 units delivered by 2027-12 in all
    early = ProcurementRequest("PR-A", "JPN", "IFAK", 3000, 45.0, date(2027, 12, 1))
    seed(settings, picture(early), "t")
    first = plan_stored(settings, start=START, horizon=12, out=None, actor="t")
    assert first.procurement is not None
    assert first.procurement.requests["PR-A"].filled == 3000
    approve(settings, first.run_id or 0, "t")
    higher = ProcurementRequest("PR-B", "POL", "IFAK", 30_000, 49.0, date(2027, 12, 1))
    seed(settings, picture(early, higher), "t")
    again = plan_stored(settings, start=START, horizon=12, out=None, actor="t")
    assert again.procurement is not None
    # without the approved plan PR-B (the higher bid) would take every unit left
    assert again.procurement.requests["PR-A"].filled == 3000
    assert again.procurement.requests["PR-B"].reason == "no-capacity-left"
    assert (again.procurement.kept, again.procurement.kept_of) == (3000, 3000)
    engine = ready_engine(settings)
    try:
        with SqlUnitOfWork(engine, "t") as uow:
            stored = uow.plan_runs.get(again.run_id or 0)
    finally:
        engine.dispose()
    assert stored is not None
    assert stored.summary is not None
    assert stored.summary["procurement"]["kept"] == {"units": 3000, "of": 3000}


def test_a_run_without_a_recorded_start_or_procurement_shows_an_empty_view(
        settings: Settings) -> None:
    seed(settings, picture(JPN_ALL), "t")
    engine = ready_engine(settings)
    try:
        with SqlUnitOfWork(engine, "t") as uow:
            runs = [uow.plan_runs.add("x", cfg, status="running").id
                    for cfg in ({"horizon": 2}, {"start": "2027-01", "horizon": 2})]
            uow.commit()
        views = [plan_procurement(engine, operator("t"), run_id) for run_id in runs]
    finally:
        engine.dispose()
    assert [(v.lines, v.requests, v.start) for v in views] == [([], [], None),
                                                               ([], [], START)]
    assert views[0].label(1) == "M1"
