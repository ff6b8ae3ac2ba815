"""Two-way procurement (SPEC §5), one hand-made picture per rule: the recipient first, then
requests by price, due and ref, at the producer's price, never late, never more."""

from __future__ import annotations

import pytest

from clearinghouse.planning.engine import plan
from clearinghouse.planning.procurement import ProcurementLine, fill_requests

from .bundles import W, bundle, need, pledge, producer, settings
from .procurement_pictures import check_procurement, got, procure, request


def test_requests_take_only_the_capacity_the_recipients_plan_leaves() -> None:
    # 10 a month; the recipient's need takes 10 made in month 0, so month 0 is full
    b = bundle(needs=[need("N1", qty=10, due=0)], producers=[producer(capacity=10)],
               funding=[pledge(amount=10_000)])
    s = settings(horizon=3, late_cutoff_months=0)
    p, result = procure(b, s, [request("R1", qty=15, due=1)])
    check_procurement(p, b, [request("R1", qty=15, due=1)], result)
    assert p.needs["N1"].delivered == 10
    assert [(x.month, x.quantity) for x in result.lines] == [(1, 10)]
    assert result.requests["R1"].reason == "no-capacity-left"


def test_filling_requests_leaves_the_recipients_plan_as_it_was() -> None:
    b = bundle(needs=[need("N1", qty=30, due=2)], producers=[producer(capacity=10)],
               funding=[pledge(amount=150)])
    p = plan(b, settings(horizon=4))
    before = (p.value, list(p.allocations), dict(p.needs))
    result = fill_requests(p, b.producers, [request("R1", qty=40)])
    assert (p.value, p.allocations, p.needs) == before
    assert p.value == pytest.approx(W[0] * 15 / 30)
    assert result.units == 40 - 15  # 4 months of 10, less the 15 the recipient makes


def test_the_highest_price_is_filled_first() -> None:
    b = bundle(needs=[need("N1")], producers=[producer(capacity=4)])
    reqs = [request("R1", qty=4, cap=20, due=0), request("R2", qty=4, cap=30, due=0)]
    p, result = procure(b, settings(horizon=1), reqs)
    check_procurement(p, b, reqs, result)
    assert got(result) == {"R2": 4}
    assert result.requests["R1"].reason == "no-capacity-left"


def test_a_higher_price_due_later_comes_before_a_lower_price_due_earlier() -> None:
    b = bundle(needs=[need("N1")], producers=[producer(capacity=4)])
    reqs = [request("R1", qty=4, cap=20, due=0), request("R2", qty=4, cap=30, due=5)]
    _, result = procure(b, settings(horizon=1), reqs)
    assert got(result) == {"R2": 4}


def test_among_equal_prices_the_earliest_due_then_the_smallest_ref_is_filled_first() -> None:
    b = bundle(needs=[need("N1")], producers=[producer(capacity=3)])
    reqs = [request("R3", qty=1, due=1), request("R2", qty=2, due=0),
            request("R1", qty=1, due=1), request("R0", qty=5, cap=10, due=0)]
    _, result = procure(b, settings(horizon=1), reqs)
    assert got(result) == {"R2": 2, "R1": 1}


def test_the_buyer_pays_the_producers_price_and_never_more_than_its_cap() -> None:
    b = bundle(needs=[need("N1")], producers=[producer("P1", price=10.0, capacity=5),
                                              producer("P2", price=50.0, capacity=5)])
    reqs = [request("R1", qty=8, cap=20)]
    p, result = procure(b, settings(horizon=1), reqs)
    check_procurement(p, b, reqs, result)
    assert result.lines == [ProcurementLine("R1", "P1", 0, 5, 10.0, 0)]
    assert result.amount_eur == 50.0
    assert result.requests["R1"].reason == "no-capacity-left"


def test_a_request_below_every_producers_price_is_refused_with_price_cap() -> None:
    b = bundle(needs=[need("N1")], producers=[producer(price=10.0)])
    _, result = procure(b, settings(horizon=2), [request("R1", cap=9.99)])
    assert result.lines == []
    assert result.requests["R1"].reason == "price-cap"


def test_a_request_for_a_class_nobody_makes_has_no_producer() -> None:
    b = bundle(needs=[need("N1")], producers=[producer(cls="A")])
    _, result = procure(b, settings(horizon=2), [request("R1", cls="B")])
    assert result.requests["R1"].reason == "no-producer"


def test_within_a_month_the_cheapest_producer_is_used_first() -> None:
    b = bundle(needs=[need("N1")], producers=[producer("P1", price=30.0, capacity=5),
                                              producer("P2", price=20.0, capacity=5)])
    _, result = procure(b, settings(horizon=1), [request("R1", qty=7)])
    assert [(x.producer, x.quantity) for x in result.lines] == [("P1", 2), ("P2", 5)]


def test_an_earlier_month_comes_before_a_cheaper_producer() -> None:
    b = bundle(needs=[need("N1")], producers=[producer("P1", price=30.0, capacity=5),
                                              producer("P2", price=20.0, capacity=5,
                                                       available=1)])
    _, result = procure(b, settings(horizon=2), [request("R1", qty=7)])
    assert [(x.producer, x.month, x.quantity) for x in result.lines] == [("P1", 0, 5),
                                                                         ("P2", 1, 2)]


def test_a_request_never_gets_more_than_it_asks() -> None:
    b = bundle(needs=[need("N1")], producers=[producer(capacity=50)])
    _, result = procure(b, settings(horizon=3), [request("R1", qty=7)])
    assert got(result) == {"R1": 7}
    assert result.requests["R1"].reason is None


def test_delivery_is_the_production_month_plus_the_lead_and_never_after_the_due_month() -> None:
    # lead 2: made in month 0 arrives in month 2; due in month 3 leaves months 0 and 1
    b = bundle(needs=[need("N1")], producers=[producer(capacity=4, lead=2)])
    reqs = [request("R1", qty=20, due=3)]
    p, result = procure(b, settings(horizon=12), reqs)
    check_procurement(p, b, reqs, result)
    assert [(x.month, x.delivery, x.quantity) for x in result.lines] == [(0, 2, 4), (1, 3, 4)]
    assert result.requests["R1"].reason == "no-capacity-left"


def test_a_request_due_before_the_first_possible_delivery_is_too_late() -> None:
    # lead 2 from month 0: the earliest delivery is month 2; no grace after the due month
    b = bundle(needs=[need("N1")], producers=[producer(lead=2)])
    _, result = procure(b, settings(horizon=6, late_cutoff_months=3), [request("R1", due=1)])
    assert result.lines == []
    assert result.requests["R1"].reason == "too-late"


def test_a_request_due_before_the_plan_starts_is_too_late() -> None:
    b = bundle(needs=[need("N1")], producers=[producer()])
    _, result = procure(b, settings(horizon=6), [request("R1", due=-1)])
    assert result.requests["R1"].reason == "too-late"


def test_a_delivery_past_the_horizon_is_not_planned_and_counts_as_too_late() -> None:
    b = bundle(needs=[need("N1")], producers=[producer(available=2, lead=2)])
    _, result = procure(b, settings(horizon=4), [request("R1", due=20)])
    assert result.requests["R1"].reason == "too-late"


def test_too_late_is_judged_on_the_producers_within_the_price_cap() -> None:
    # the quick producer is too dear; the affordable one cannot deliver by the due month
    b = bundle(needs=[need("N1")], producers=[producer("P1", price=90.0),
                                              producer("P2", price=10.0, lead=3)])
    _, result = procure(b, settings(horizon=6), [request("R1", cap=50, due=1)])
    assert result.requests["R1"].reason == "too-late"


def test_booked_production_is_not_sold_again() -> None:
    b = bundle(needs=[need("N1")], producers=[producer(capacity=5, booked={0: 5, 1: 2})])
    reqs = [request("R1", qty=20, due=1)]
    p, result = procure(b, settings(horizon=2), reqs)
    check_procurement(p, b, reqs, result)
    assert [(x.month, x.quantity) for x in result.lines] == [(1, 3)]


def test_the_same_requests_in_any_order_give_the_same_lines() -> None:
    b = bundle(needs=[need("N1", qty=12, due=1)],
               producers=[producer("P1", capacity=6), producer("P2", price=12.0, capacity=4)],
               funding=[pledge(amount=80)])
    reqs = [request(f"R{i}", qty=3 + i % 4, cap=10 + 5 * (i % 3), due=i % 5) for i in range(9)]
    s = settings(horizon=5)
    first = procure(b, s, reqs)[1]
    assert procure(b, s, list(reversed(reqs)))[1] == first


def test_the_industry_earns_the_lines_amounts_in_their_production_months() -> None:
    b = bundle(needs=[need("N1")], producers=[producer(price=10.0, capacity=3, lead=1)])
    _, result = procure(b, settings(horizon=3), [request("R1", qty=5, due=5)])
    assert result.earnings_per_month() == [30.0, 20.0, 0.0]


def test_kept_lines_of_an_approved_plan_are_placed_before_higher_priced_requests() -> None:
    # R2 outbids R1 now, but R1 holds 3 units of month 0 from the approved plan
    b = bundle(needs=[need("N1")], producers=[producer(capacity=4)])
    reqs = [request("R1", qty=4, cap=20, due=0), request("R2", qty=4, cap=30, due=0)]
    kept = [ProcurementLine("R1", "P1", 0, 3, 10.0, 0)]
    _, result = procure(b, settings(horizon=1), reqs, keep=kept)
    assert got(result) == {"R1": 3, "R2": 1}
    assert (result.kept, result.kept_of) == (3, 3)


def test_a_kept_line_no_longer_feasible_is_dropped_and_the_order_decides() -> None:
    # the approved plan had R1 at a price the producer no longer accepts; and more than R2
    # now asks
    b = bundle(needs=[need("N1")], producers=[producer(price=25.0, capacity=4)])
    reqs = [request("R1", qty=4, cap=20, due=0), request("R2", qty=2, cap=30, due=0)]
    kept = [ProcurementLine("R1", "P1", 0, 3, 10.0, 0), ProcurementLine("R2", "P1", 0, 4, 10.0, 0)]
    _, result = procure(b, settings(horizon=1), reqs, keep=kept)
    assert got(result) == {"R2": 2}
    assert (result.kept, result.kept_of) == (2, 7)
    assert result.requests["R1"].reason == "price-cap"
