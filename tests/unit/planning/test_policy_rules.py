"""SPEC §4, one hand-worked instance per rule: hubs, lanes, caveats, substitution, time, value."""

from __future__ import annotations

import pytest
from tests.support.reference import reference_integer_value, reference_lp_bound

from clearinghouse.domain.catalogue import Substitution
from clearinghouse.domain.logistics import Lane
from clearinghouse.planning.engine import plan
from clearinghouse.planning.greedy import plan_greedy

from .bundles import W, bundle, check_feasible, hub, item, need, offer, settings


def test_a_hub_carries_at_most_its_capacity_in_each_month() -> None:
    # 20 one-tonne units, 5 t a month: months 0–1 on time (10), then 5 at δ and 5 at δ².
    b = bundle(needs=[need("N1", qty=20, due=1)], offers=[offer("O1", qty=20)],
               hubs=[hub(capacity=5)])
    p = plan(b, settings())
    check_feasible(p, b)
    assert p.hub_tonnes["H1"][:5] == [5, 5, 5, 5, 0]
    assert p.value == pytest.approx(W[0] / 20 * (10 + 5 * 0.5 + 5 * 0.25))


def test_a_hub_opening_mid_horizon_is_used_only_from_its_opening_month() -> None:
    b = bundle(needs=[need("N1", qty=10, due=6)], offers=[offer("O1", qty=10)],
               hubs=[hub(capacity=4, opens=3)])
    p = plan(b, settings())
    check_feasible(p, b)
    assert p.hub_tonnes["H1"][:3] == [0, 0, 0]
    assert min(a.month for a in p.allocations) >= 3
    assert sum(p.hub_tonnes["H1"]) == 10
    assert p.value == pytest.approx(W[0])


def test_a_hub_is_closed_from_the_month_of_its_closing_date() -> None:
    b = bundle(needs=[need("N1", qty=10, due=6)], offers=[offer("O1", qty=10)],
               hubs=[hub(capacity=4, opens=1, closes=3)])
    p = plan(b, settings())
    check_feasible(p, b)
    assert p.hub_tonnes["H1"][:4] == [0, 4, 4, 0]
    assert p.needs["N1"].delivered == 8
    assert p.needs["N1"].reason == "hub-capacity"


def test_dates_before_the_start_count_as_month_zero() -> None:
    b = bundle(needs=[need("N1", qty=10, due=-5)], offers=[offer("O1", qty=10, available=-9)])
    p = plan(b, settings())
    assert [(a.month, a.quantity) for a in p.allocations] == [(0, 10)]
    assert p.value == pytest.approx(W[0])  # due "month 0", delivered in month 0: not late


def test_with_lanes_an_offer_uses_only_the_hubs_listed_for_its_origin() -> None:
    b = bundle(needs=[need("N1", qty=10, due=3)], offers=[offer("O1", qty=10)],
               hubs=[hub("H1"), hub("H2", capacity=5)], lanes=[Lane("POL", "H2", 3, 10.0)])
    p = plan(b, settings())
    check_feasible(p, b)
    assert {a.hub for a in p.allocations} == {"H2"}
    assert p.needs["N1"].delivered == 10


def test_an_origin_with_no_lane_cannot_ship() -> None:
    b = bundle(needs=[need("N1", qty=10, due=3)],
               offers=[offer("O1", qty=10, origin="USA")],
               lanes=[Lane("POL", "H1", 3, 10.0)])
    p = plan(b, settings())
    assert p.allocations == []
    assert p.needs["N1"].reason == "no-compatible-offer"


def test_without_lanes_every_origin_may_use_every_open_hub_at_no_cost() -> None:
    b = bundle(needs=[need("N1", qty=10, due=3)],
               offers=[offer("O1", qty=10, origin="USA")], hubs=[hub("H1"), hub("H2")])
    p = plan(b, settings())
    assert p.needs["N1"].delivered == 10
    assert p.transport_cost == 0


def test_a_nato_territory_only_donor_never_uses_a_hub_outside_nato() -> None:
    b = bundle(needs=[need("N1", qty=10, due=0)], offers=[offer("O1", qty=10, donor="JPN")],
               hubs=[hub("H1", country="UKR"), hub("H2", country="POL", capacity=6)])
    p = plan(b, settings(late_cutoff_months=0))
    check_feasible(p, b)
    assert {a.hub for a in p.allocations} == {"H2"}
    assert p.needs["N1"].delivered == 6


def test_an_eu_territory_only_donor_never_uses_a_hub_outside_the_eu() -> None:
    b = bundle(needs=[need("N1", qty=10, due=0)], offers=[offer("O1", qty=10, donor="AUT")],
               hubs=[hub("H1", country="USA")])
    p = plan(b, settings())
    assert p.allocations == []
    assert p.needs["N1"].reason == "caveat"


def test_a_substitute_counts_its_factor_of_the_needs_units() -> None:
    b = bundle(needs=[need("N1", "A", qty=10, due=3)], offers=[offer("O1", "B1", qty=30)],
               substitutes=[Substitution("A", "B", 0.5)])
    p = plan(b, settings())
    check_feasible(p, b)
    assert sum(a.quantity for a in p.allocations) == 20
    assert p.needs["N1"].delivered == 10
    assert p.value == pytest.approx(W[0])


def test_a_substitute_in_whole_units_never_overfills_a_need() -> None:
    b = bundle(needs=[need("N1", "A", qty=10, due=3)], offers=[offer("O1", "B1", qty=30)],
               substitutes=[Substitution("A", "B", 0.6)])
    p = plan(b, settings())
    check_feasible(p, b)
    assert sum(a.quantity for a in p.allocations) == 16  # 16 × 0.6 = 9.6 <= 10 < 17 × 0.6
    assert p.needs["N1"].delivered == pytest.approx(9.6)
    assert p.lp_bound == pytest.approx(W[0])


def test_substitution_rules_do_not_chain() -> None:
    b = bundle(needs=[need("N1", "A", qty=10, due=3)], offers=[offer("O1", "C1", qty=10)],
               items=[item("A1", "A"), item("B1", "B"), item("C1", "C")],
               substitutes=[Substitution("A", "B", 1.0), Substitution("B", "C", 1.0)])
    p = plan(b, settings())
    assert p.allocations == []
    assert p.needs["N1"].reason == "no-compatible-offer"


def test_a_late_delivery_is_worth_delta_to_the_months_late() -> None:
    b = bundle(needs=[need("N1", qty=10, due=1)], offers=[offer("O1", qty=10, available=3)])
    p = plan(b, settings())
    assert [a.month for a in p.allocations] == [3]
    assert p.value == pytest.approx(W[0] * 0.5**2)
    assert plan(b, settings(decay=0.8)).value == pytest.approx(W[0] * 0.8**2)


def test_deliveries_later_than_due_plus_the_cutoff_are_not_planned() -> None:
    b = bundle(needs=[need("N1", qty=10, due=1)], offers=[offer("O1", qty=10, available=5)])
    p = plan(b, settings())
    assert p.allocations == []
    assert p.needs["N1"].reason == "too-late"
    assert plan(b, settings(late_cutoff_months=4)).needs["N1"].delivered == 10


def test_nothing_is_planned_outside_the_horizon() -> None:
    b = bundle(needs=[need("N1", qty=10, due=5)], offers=[offer("O1", qty=10, available=4)])
    assert plan(b, settings(horizon=4)).needs["N1"].reason == "too-late"
    assert plan(b, settings(horizon=5)).needs["N1"].delivered == 10


def test_scarce_supply_goes_to_the_higher_priority_need() -> None:
    b = bundle(needs=[need("N1", qty=10, priority=3), need("N2", qty=10, priority=1)],
               offers=[offer("O1", qty=10)])
    p = plan(b, settings())
    assert p.needs["N2"].delivered == 10
    assert p.needs["N1"].reason == "outbid-by-higher-priority"
    assert p.value == pytest.approx(W[0])


def test_value_per_unit_is_the_priority_weight_over_the_quantity() -> None:
    # 10 units: all to the small priority-2 need (100/10 per unit) beat the large priority-1
    # need (1000/1000 per unit) — and the weights are a setting.
    b = bundle(needs=[need("N1", qty=1000, priority=1), need("N2", qty=10, priority=2)],
               offers=[offer("O1", qty=10)])
    p = plan(b, settings())
    assert p.needs["N2"].delivered == 10
    assert p.value == pytest.approx(W[1])
    q = plan(b, settings(weights=(100_000, 100, 10, 3, 1)))
    assert q.needs["N1"].delivered == 10
    assert q.value == pytest.approx(100_000 / 1000 * 10)


def test_among_plans_of_equal_value_the_cheaper_lane_is_used() -> None:
    b = bundle(needs=[need("N1", qty=10, due=2)],
               offers=[offer("O1", qty=10, origin="POL"), offer("O2", qty=10, origin="USA",
                                                                   donor="USA")],
               hubs=[hub("H1"), hub("H2")],
               lanes=[Lane("POL", "H1", 3, 50.0), Lane("POL", "H2", 3, 20.0),
                      Lane("USA", "H1", 9, 5.0)])
    p = plan(b, settings())
    assert [(a.offer, a.hub) for a in p.allocations] == [("O2", "H1")]
    assert p.transport_cost == pytest.approx(10 * 5.0)


def test_the_cost_tie_break_never_trades_away_value() -> None:
    # The cheap origin is available only one month late: value wins over cost.
    b = bundle(needs=[need("N1", qty=10, due=0)],
               offers=[offer("O1", qty=10, origin="POL"),
                       offer("O2", qty=10, origin="USA", donor="USA", available=1)],
               lanes=[Lane("POL", "H1", 3, 50.0), Lane("USA", "H1", 9, 1.0)])
    p = plan(b, settings())
    assert [a.offer for a in p.allocations] == ["O1"]
    assert p.value == pytest.approx(W[0])


def test_plan_quantities_are_whole_units_and_the_lp_bound_is_fractional() -> None:
    b = bundle(needs=[need("N1", qty=10, due=0)], offers=[offer("O1", qty=10)],
               hubs=[hub(capacity=2.5)])
    p = plan(b, settings(late_cutoff_months=0))
    assert [a.quantity for a in p.allocations] == [2]
    assert p.value == pytest.approx(W[0] * 2 / 10)
    assert p.lp_bound == pytest.approx(W[0] * 2.5 / 10)


def test_the_whole_unit_plan_is_the_integer_optimum_not_a_rounded_lp() -> None:
    # LP: 1.5 units of each heavy item; whole units: the best mix needs a real choice.
    b = bundle(needs=[need("N1", "A", qty=3, due=0), need("N2", "B", qty=4, priority=2)],
               offers=[offer("O1", "A1", qty=3), offer("O2", "B1", qty=4)],
               items=[item("A1", "A", tonnes=2.0), item("B1", "B", tonnes=1.5)],
               hubs=[hub(capacity=5)])
    s = settings(late_cutoff_months=0)
    p = plan(b, s)
    check_feasible(p, b)
    assert p.status == "optimal"
    assert p.value == pytest.approx(reference_integer_value(b, s))
    assert p.lp_bound == pytest.approx(reference_lp_bound(b, s))
    assert p.value >= plan_greedy(b, s).value
