"""A re-plan after shipments exist: funded production already on shipments keeps its
producer's capacity in its month of making and its pledge's money; the re-plan gets the rest."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date

from clearinghouse.config import Settings
from clearinghouse.domain.months import add_months
from clearinghouse.domain.needs import Need
from clearinghouse.planning.plan import Allocation
from clearinghouse.services.logistics.shipments import create_shipments
from clearinghouse.services.records.users import operator
from clearinghouse.services.runtime.database import migrated_engine, ready_engine
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.factories import small_bundle
from tests.seed import approve, plan_stored, seed

START = date(2027, 1, 1)
LEAD, CAPACITY, PRICE = 2, 1000, 40.0  # UA-DRONE-1 in the small bundle


def plan(settings: Settings) -> list[Allocation]:
    result = plan_stored(settings, start=START, horizon=12, out=None, actor="t")
    assert result.run_id is not None
    approve(settings, result.run_id, "coordinator")
    with migrated_engine(settings) as engine:
        create_shipments(engine, operator("t"), result.run_id)
    return [a for a in result.plan.allocations if a.producer is not None]


def made_per_month(*plans: list[Allocation]) -> dict[date, int]:
    made: dict[date, int] = defaultdict(int)
    for allocations in plans:
        for a in allocations:
            made[add_months(START, a.month - LEAD)] += a.quantity
    return dict(made)


def add_urgent_need(settings: Settings) -> None:
    # 4000 more first-aid kits, urgent: only the drone works can make them.
    engine = ready_engine(settings)
    with SqlUnitOfWork(engine, "t") as uow:
        uow.needs.add(Need("N-3", "IFAK", 4000, 1, date(2027, 3, 1), "UKR"))
        uow.commit()
    engine.dispose()


def test_a_re_plan_makes_no_more_than_the_capacity_left_in_each_month(
        database_url: str) -> None:
    settings = Settings(database_url=database_url, environment="test")
    seed(settings, small_bundle(), "t")
    first = plan(settings)
    assert sum(a.quantity for a in first) == 3000  # N-2's 5000 less Japan's 2000 kits
    add_urgent_need(settings)
    second = plan(settings)
    made = made_per_month(first, second)
    assert all(units <= CAPACITY for units in made.values()), made
    # N-3 may be delivered up to June (due March + 3): made up to April. Three of those four
    # months were booked by the first plan; the fourth is the re-plan's.
    assert sum(a.quantity for a in second) == 1000


def test_a_re_plan_spends_only_what_the_pledge_has_left(database_url: str) -> None:
    settings = Settings(database_url=database_url, environment="test")
    bundle = small_bundle()
    bundle.funding = [replace(bundle.funding[0], amount_eur=3500 * PRICE)]
    bundle.producers = [replace(bundle.producers[0], capacity_per_month=2 * CAPACITY)]
    seed(settings, bundle, "t")
    first = plan(settings)
    assert sum(a.quantity for a in first) == 3000
    add_urgent_need(settings)
    second = plan(settings)
    assert sum(a.quantity for a in second) == 500  # 3500 paid for, 3000 of them shipped
