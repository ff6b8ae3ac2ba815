"""The pooled value model (offers by item, hubs pooled) and its split onto routes."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from tests.support.reference import reference_lp_bound

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.logistics import Lane
from clearinghouse.planning.engine import plan
from clearinghouse.planning.greedy import plan_greedy
from clearinghouse.planning.model import build_model
from clearinghouse.planning.pooled import build_pooled_model
from clearinghouse.planning.problem import snapshot
from clearinghouse.planning.settings import PlanSettings
from clearinghouse.planning.solve import solve
from clearinghouse.planning.split import split_passes

from .bundles import (
    bundle,
    check_feasible,
    hub,
    item,
    need,
    offer,
    pledge,
    producer,
    random_bundle,
    settings,
)
from .test_properties import PROPERTY, bundles


@PROPERTY
@given(bundles())
def test_a_pooled_plan_keeps_every_rule_has_the_reference_bound_and_beats_greedy(
        case: tuple[Bundle, PlanSettings]) -> None:
    b, s = case
    p = plan(b, s, pooled=True)
    check_feasible(p, b)
    assert p.status in {"rounded", "greedy"}
    assert p.lp_bound == pytest.approx(reference_lp_bound(b, s), rel=1e-6, abs=1e-9)
    assert p.value >= plan_greedy(b, s).value - 1e-9


@PROPERTY
@given(bundles())
def test_the_pooled_model_bounds_the_full_one_and_equals_it_when_its_passes_split(
        case: tuple[Bundle, PlanSettings]) -> None:
    b, s = case
    p = snapshot(b, s)
    full = solve(build_model(p, by_cost=False, per_need=False).lp, integer=False,
                 time_limit_s=60, mip_rel_gap=0.0, cost_step=False).lp_value
    pooled = build_pooled_model(p)
    solution = solve(pooled.model.lp, integer=False, time_limit_s=60, mip_rel_gap=0.0,
                     cost_step=False)
    assert full is not None
    assert solution.lp_value is not None
    assert solution.lp_value >= full - 1e-6 * max(1.0, full)
    if split_passes(p, pooled, solution.x, time.perf_counter() + 60) is not None:
        assert solution.lp_value == pytest.approx(full, rel=1e-6, abs=1e-9)


def two_routes() -> Bundle:
    """Item A1 from Poland (any hub) and from Austria (EU territory only: not the hub in
    Ukraine); the Polish hub carries 1 t a month, the Ukrainian one plenty."""
    return bundle(needs=[need("N1", qty=30)],
                  offers=[offer("O1", qty=10, donor="AUT"), offer("O2", qty=10)],
                  hubs=[hub("H1", "POL", capacity=1.0), hub("H2", "UKR", capacity=100.0)])


def test_offers_of_one_item_whose_routes_allow_different_hubs_keep_their_own_routes() -> None:
    b, s = two_routes(), settings(horizon=1, late_cutoff_months=0)
    p = plan(b, s, pooled=True)
    check_feasible(p, b)
    # pooled, the item's 20 units would pass (1 t + 100 t); Austria's may only use H1
    assert p.needs["N1"].delivered == 11
    assert p.lp_bound == pytest.approx(reference_lp_bound(b, s))
    assert p.value == pytest.approx(1000 * 11 / 30)


def test_a_month_with_many_hub_sets_keeps_a_column_per_hub() -> None:
    hubs = [hub(f"H{i}", "POL", capacity=2.0) for i in range(6)]
    lanes = [Lane(f"D{k}", f"H{i}", 3, 10.0) for k in range(6) for i in (k, (k + 1) % 6)]
    items = [item(f"A{k}", "A") for k in range(6)]
    offers = [offer(f"O{k}", f"A{k}", qty=5, origin=f"D{k}") for k in range(6)]
    b = bundle(needs=[need("N1", qty=40)], offers=offers, items=items, hubs=hubs,
               lanes=lanes)
    s = settings(horizon=2, late_cutoff_months=1)
    assert build_pooled_model(snapshot(b, s)).sets is None
    p = plan(b, s, pooled=True)
    check_feasible(p, b)
    assert p.lp_bound == pytest.approx(reference_lp_bound(b, s))
    assert p.needs["N1"].delivered == 24  # 2 t a month through each of 6 hubs, 2 months


def test_pledges_of_one_earmark_pool_their_money_spent_earliest_pledge_first() -> None:
    b = bundle(needs=[need("N1", qty=20, due=3)],
               producers=[producer("P1", "A", price=10.0, capacity=5)],
               funding=[pledge("F1", 15.0, available=0), pledge("F2", 100.0, available=2)])
    s = settings(horizon=6, late_cutoff_months=0)
    p = plan(b, s, pooled=True)
    check_feasible(p, b)
    assert p.lp_bound == pytest.approx(reference_lp_bound(b, s))  # 1.5 units, then 10
    assert p.needs["N1"].delivered == 11
    spent = {a.offer: 0 for a in p.allocations}
    for a in p.allocations:
        spent[a.offer] += a.quantity
    assert spent == {"F1": 1, "F2": 10}


def test_with_no_hub_only_production_reaches_needs() -> None:
    b = bundle(needs=[need("N1", qty=5), need("N2", "B", qty=4)],
               offers=[offer("O1", qty=3), offer("O2", "B1", qty=4)],
               items=[item("A1", "A"), item("B1", "B", 0.0)], hubs=[],
               producers=[producer("P1", "A", 10.0, 2)], funding=[pledge("F1", 100.0)])
    s = settings(horizon=3)
    p = plan(b, s, pooled=True)
    check_feasible(p, b)
    assert p.lp_bound == pytest.approx(reference_lp_bound(b, s))
    assert (p.needs["N1"].delivered, p.needs["N2"].delivered) == (5, 0)  # even weightless


def test_a_need_held_back_by_a_full_pooled_hub_is_hub_capacity() -> None:
    b = bundle(needs=[need("N1", qty=10, due=0)], offers=[offer("O1", qty=10)],
               hubs=[hub(capacity=4)])
    p = plan(b, settings(late_cutoff_months=0), pooled=True)
    assert p.needs["N1"].delivered == 4
    assert p.needs["N1"].reason == "hub-capacity"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_pooled_plan_of_a_medium_bundle_has_the_full_models_bound(seed: int) -> None:
    b, s = random_bundle(seed), settings()
    p = plan(b, s, pooled=True)
    check_feasible(p, b)
    assert p.lp_bound == pytest.approx(plan(b, s, mip=False, pooled=False).lp_bound,
                                       rel=1e-7)
    assert p.value >= 0.99 * p.lp_bound
