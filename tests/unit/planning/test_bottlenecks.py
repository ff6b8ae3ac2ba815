"""Bottlenecks (SPEC §5): dual prices turned into additions, each confirmed by a re-solve."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from clearinghouse.domain.bundle import Bundle
from clearinghouse.planning.bottlenecks import Addition, find_bottlenecks
from clearinghouse.planning.problem import snapshot
from clearinghouse.planning.solve import solve
from clearinghouse.planning.value_lp import solve_value_lp

from .bundles import START, W, bundle, hub, item, need, offer, pledge, producer, settings


def _only(additions: list[Addition], kind: str) -> list[Addition]:
    return [a for a in additions if a.kind == kind]


def _lp_value(b: Bundle) -> float:
    p = snapshot(b, settings())
    return solve_value_lp(p, 1e12).value


def test_the_one_binding_hub_month_is_the_only_hub_addition_worth_its_price() -> None:
    # 10 one-tonne units due month 1, 8 t a month: 8 on time, 2 a month late. One more tonne
    # in month 1 turns a late unit into a timely one: W/10 × (1 − δ) = 50 per tonne.
    b = bundle(needs=[need("N1", qty=10, due=1)], offers=[offer("O1", qty=10, available=1)],
               hubs=[hub(capacity=8)])
    found = find_bottlenecks(snapshot(b, settings()))
    hubs = _only(found.additions, "hub")
    assert [(a.resource, a.month) for a in hubs] == [("H1", 1)]
    assert hubs[0].marginal_value == pytest.approx(W[0] / 10 * 0.5)
    assert hubs[0].addition == 1.0  # 10 % of 8 t, at least one tonne
    assert hubs[0].value_gain == pytest.approx(50)
    assert hubs[0].priority_units == pytest.approx((0, 0, 0, 0, 0))  # same units, earlier


def test_the_one_binding_producer_month_is_priced_and_its_gain_stops_at_the_need() -> None:
    # 8 units due month 1; the producer makes 5 a month from month 1: 5 on time, 3 late.
    # Each extra unit in month 1 is worth W/8 × (1 − δ); a month's capacity (5) helps 3.
    b = bundle(needs=[need("N1", qty=8, due=1)], hubs=[],
               producers=[producer(capacity=5, available=1)], funding=[pledge(amount=1e6)])
    found = find_bottlenecks(snapshot(b, settings()))
    made = _only(found.additions, "producer")
    assert [(a.resource, a.month) for a in made] == [("P1", 1)]
    assert made[0].marginal_value == pytest.approx(W[0] / 8 * 0.5)
    assert made[0].addition == 5
    assert made[0].value_gain == pytest.approx(3 * W[0] / 8 * 0.5)
    assert _only(found.additions, "funding") == []  # money is not short


def test_a_pledge_short_of_money_is_priced_per_euro_and_more_of_it_buys_priority_units() -> None:
    # 30 EUR buys 3 of the 10 units needed at 10 EUR each: each EUR is worth W/10 / 10.
    b = bundle(needs=[need("N1", qty=10)], hubs=[], producers=[producer(capacity=100)],
               funding=[pledge(amount=30.0)])
    found = find_bottlenecks(snapshot(b, settings()))
    money = _only(found.additions, "funding")
    assert [a.resource for a in money] == ["F1"]
    assert money[0].month is None
    assert money[0].marginal_value == pytest.approx(W[0] / 10 / 10)
    assert money[0].addition == pytest.approx(3.0)
    assert money[0].value_gain == pytest.approx(3.0 * 10)
    assert money[0].priority_units[0] == pytest.approx(0.3)


def test_a_class_short_of_offers_is_priced_per_unit_offered_in_its_month() -> None:
    b = bundle(needs=[need("N1", qty=10, due=2)], offers=[offer("O1", qty=5, available=2)])
    found = find_bottlenecks(snapshot(b, settings()))
    units = _only(found.additions, "class")
    assert [(a.resource, a.month) for a in units] == [("A", 2)]
    assert units[0].marginal_value == pytest.approx(W[0] / 10)
    assert units[0].addition == 1  # 10 % of 5 units, at least one
    assert units[0].value_gain == pytest.approx(W[0] / 10)


def test_additions_are_ranked_by_their_confirmed_gain() -> None:
    # A priority-1 need short of hub capacity and a priority-3 need short of money.
    b = bundle(needs=[need("N1", qty=10, due=1), need("N2", cls="B", qty=10, priority=3)],
               offers=[offer("O1", qty=10, available=1)], hubs=[hub(capacity=8)],
               producers=[producer(cls="B", capacity=100)], funding=[pledge(amount=30.0)])
    found = find_bottlenecks(snapshot(b, settings()))
    assert [a.kind for a in found.additions] == ["hub", "funding"]
    gains = [a.value_gain for a in found.additions]
    assert gains == sorted(gains, reverse=True)
    assert found.additions[0].describe(START).startswith("+1 t at H1 in 2027-02: +50.00 value")


def test_a_plan_with_nothing_short_has_no_bottleneck() -> None:
    b = bundle(needs=[need("N1", qty=10)], offers=[offer("O1", qty=20)])
    found = find_bottlenecks(snapshot(b, settings()))
    assert found.additions == []
    assert found.lp_value == pytest.approx(W[0])


def _contested() -> Bundle:
    """Two hubs, two months, offers and production competing for four needs."""
    return bundle(
        needs=[need("N1", qty=40, due=0), need("N2", qty=30, priority=2, due=1),
               need("N3", cls="B", qty=25, priority=1, due=1),
               need("N4", cls="B", qty=60, priority=4, due=0)],
        offers=[offer("O1", qty=50), offer("O2", "B1", qty=30, available=1, donor="USA")],
        items=[item("A1", "A", 0.5), item("B1", "B", 2.0)],
        hubs=[hub("H1", capacity=9), hub("H2", country="USA", capacity=12, opens=1)],
        producers=[producer(cls="B", price=7.0, capacity=6, lead=1)],
        funding=[pledge(amount=70.0), pledge("F2", amount=50.0, available=1)])


@pytest.mark.parametrize("pooled", [False, True])
def test_each_confirmed_gain_equals_a_fresh_solve_with_the_addition(
        pooled: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if pooled:  # the large bundles' model: offers by item, each month's hubs pooled
        monkeypatch.setattr("clearinghouse.planning.value_lp.COST_GROUPS", 0)
    b = _contested()
    p = snapshot(b, settings())
    found = find_bottlenecks(p)
    assert {a.kind for a in found.additions} >= {"hub", "class", "funding"}
    lp = solve_value_lp(p, 1e12)
    assert (lp.sets is not None) == pooled
    for a in found.additions:
        if a.kind == "funding":  # the plain way: a bundle whose pledge holds more money
            more = [dataclasses.replace(f, amount_eur=f.amount_eur + a.addition)
                    if f.ref == a.resource else f for f in b.funding]
            fresh = _lp_value(dataclasses.replace(b, funding=more)) - found.lp_value
        elif a.kind == "class":  # one more offer like the block's, in that month
            o = next(o for o in b.offers if o.ref in ("O1", "O2")
                     and p.classes[p.offer_class[p.offer_ref.index(o.ref)]] == a.resource)
            extra = dataclasses.replace(o, ref="EXTRA", quantity=int(a.addition))
            fresh = _lp_value(dataclasses.replace(b, offers=[*b.offers, extra])) - found.lp_value
        else:  # a new model with the row raised, solved by the engine's solver
            rows = (lp.hub_rows(p.hubs.index(a.resource), a.month or 0) if a.kind == "hub"
                    else [lp.producer_row(p.producer_code.index(a.resource), a.month or 0)])
            upper = lp.model.lp.row_upper.copy()
            upper[rows] += a.addition
            model = dataclasses.replace(lp.model.lp, row_upper=upper)
            raised = solve(model, integer=False, time_limit_s=60, mip_rel_gap=0,
                           cost_step=False).lp_value
            assert raised is not None
            fresh = raised - found.lp_value
        assert a.value_gain == pytest.approx(fresh, rel=1e-6, abs=1e-6), a


def test_confirming_leaves_the_value_lp_as_it_was() -> None:
    p = snapshot(_contested(), settings())
    lp = solve_value_lp(p, 1e12)
    rows = lp.hub_rows(0, 0)
    first, _ = lp.gain(rows, 3.0)
    assert np.array_equal(lp.model.lp.row_upper[rows], [9.0])
    again, _ = lp.gain(rows, 3.0)
    assert again == pytest.approx(first)
    assert lp.gain(rows, 0.0)[0] == pytest.approx(0.0, abs=1e-9)
