"""Every need not fully met carries the binding reason, derived from the model."""

from __future__ import annotations

from clearinghouse.domain.logistics import Lane
from clearinghouse.planning.engine import plan
from clearinghouse.planning.greedy import plan_greedy

from .bundles import bundle, hub, need, offer, settings


def test_a_need_with_no_offer_of_its_class_or_a_substitute_is_no_compatible_offer() -> None:
    b = bundle(needs=[need("N1", "A")], offers=[offer("O1", "B1")])
    assert plan(b, settings()).needs["N1"].reason == "no-compatible-offer"


def test_a_need_whose_only_routes_break_a_territory_caveat_is_caveat() -> None:
    b = bundle(needs=[need("N1")], offers=[offer("O1", donor="JPN")],
               hubs=[hub(country="UKR")], lanes=[Lane("JPN", "H1", 5, 10.0)])
    assert plan(b, settings()).needs["N1"].reason == "caveat"


def test_a_need_whose_supply_arrives_after_due_plus_cutoff_is_too_late() -> None:
    b = bundle(needs=[need("N1", due=0)], offers=[offer("O1", available=4)])
    assert plan(b, settings()).needs["N1"].reason == "too-late"


def test_a_need_whose_hub_opens_after_due_plus_cutoff_is_too_late() -> None:
    b = bundle(needs=[need("N1", due=0)], offers=[offer("O1")], hubs=[hub(opens=4)])
    assert plan(b, settings()).needs["N1"].reason == "too-late"


def test_a_need_held_back_by_a_full_hub_is_hub_capacity() -> None:
    b = bundle(needs=[need("N1", qty=10, due=0)], offers=[offer("O1", qty=10)],
               hubs=[hub(capacity=4)])
    p = plan(b, settings(late_cutoff_months=0))
    assert p.needs["N1"].delivered == 4
    assert p.needs["N1"].reason == "hub-capacity"
    assert plan_greedy(b, settings(late_cutoff_months=0)).needs["N1"].reason == "hub-capacity"


def test_a_need_whose_supply_went_to_more_valuable_needs_is_outbid() -> None:
    b = bundle(needs=[need("N1", qty=10, priority=1), need("N2", qty=10, priority=2)],
               offers=[offer("O1", qty=12)])
    p = plan(b, settings())
    assert p.needs["N1"].reason is None
    assert p.needs["N2"].delivered == 2
    assert p.needs["N2"].reason == "outbid-by-higher-priority"


def test_a_fully_met_need_has_no_reason() -> None:
    b = bundle(needs=[need("N1", qty=10)], offers=[offer("O1", qty=10)])
    result = plan(b, settings()).needs["N1"]
    assert (result.delivered, result.fraction, result.reason) == (10, 1.0, None)
