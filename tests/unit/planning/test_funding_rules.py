"""SPEC §4 funding: pledges buy producer units, by earmark, within capacity, lead and amount."""

from __future__ import annotations

import pytest

from clearinghouse.domain.bundle import Bundle
from clearinghouse.planning.engine import plan

from .bundles import W, bundle, check_feasible, item, need, pledge, producer, settings


def test_a_pledge_buys_producer_units_delivered_after_the_lead_time_without_a_hub() -> None:
    b = bundle(needs=[need("N1", qty=10, due=3)], producers=[producer(capacity=5, lead=2)],
               funding=[pledge(amount=1000)])
    p = plan(b, settings())
    check_feasible(p, b)
    assert sorted((a.offer, a.producer, a.hub, a.month, a.quantity) for a in p.allocations) == [
        ("F1", "P1", None, 2, 5), ("F1", "P1", None, 3, 5)]
    assert all(t == 0 for t in p.hub_tonnes["H1"])
    assert p.value == pytest.approx(W[0])


def test_a_pledge_spends_at_most_its_amount() -> None:
    b = bundle(needs=[need("N1", qty=10, due=3)], producers=[producer(price=10, capacity=50)],
               funding=[pledge(amount=35)])
    p = plan(b, settings())
    check_feasible(p, b)
    assert p.needs["N1"].delivered == 3
    assert p.lp_bound == pytest.approx(W[0] * 3.5 / 10)


def test_a_producer_makes_at_most_its_capacity_each_month() -> None:
    b = bundle(needs=[need("N1", qty=10, due=1)], producers=[producer(capacity=3)],
               funding=[pledge()])
    p = plan(b, settings(late_cutoff_months=0))
    check_feasible(p, b)
    assert p.needs["N1"].delivered == 6


def test_a_pledge_spends_only_from_its_own_and_the_producers_available_month() -> None:
    b = bundle(needs=[need("N1", qty=10, due=3)],
               producers=[producer(capacity=5, available=1)], funding=[pledge(available=2)])
    p = plan(b, settings(late_cutoff_months=0))
    check_feasible(p, b)
    assert sorted(a.month for a in p.allocations) == [2, 3]


def test_an_earmark_by_class_allows_only_producers_of_that_class() -> None:
    b = bundle(needs=[need("N1", "A", qty=5, due=3)], producers=[producer(cls="A")],
               funding=[pledge(earmark="B")])
    assert plan(b, settings()).needs["N1"].delivered == 0
    b.funding = [pledge(earmark="A")]
    assert plan(b, settings()).needs["N1"].delivered == 5


def test_an_earmark_by_capability_allows_every_class_of_its_items() -> None:
    items = [item("A1", "A", capability="drones"), item("B1", "B", capability="medical")]
    b = bundle(needs=[need("N1", "A", qty=5, due=3)], producers=[producer(cls="A")],
               items=items, funding=[pledge(earmark="medical")])
    assert plan(b, settings()).needs["N1"].delivered == 0
    b.funding = [pledge(earmark="drones")]
    assert plan(b, settings()).needs["N1"].delivered == 5


def test_produced_units_must_be_delivered_inside_the_horizon() -> None:
    b = bundle(needs=[need("N1", qty=5, due=10)], producers=[producer(lead=4, available=8)],
               funding=[pledge()])
    p = plan(b, settings())
    assert p.allocations == []
    assert p.needs["N1"].reason == "too-late"


def test_without_hubs_only_funded_production_reaches_the_needs() -> None:
    b = bundle(needs=[need("N1", qty=5, due=2), need("N2", "B", qty=5, due=2)],
               producers=[producer(capacity=5)], funding=[pledge()], hubs=[])
    p = plan(b, settings())
    check_feasible(p, b)
    assert p.needs["N1"].delivered == 5
    assert p.needs["N2"].reason == "no-compatible-offer"
    assert p.hub_tonnes == {}


def test_an_empty_bundle_gives_an_empty_optimal_plan() -> None:
    p = plan(Bundle(), settings())
    assert (p.status, p.value, p.lp_bound, p.allocations, p.needs) == ("optimal", 0, 0, [], {})
