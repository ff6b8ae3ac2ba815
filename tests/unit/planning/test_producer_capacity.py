"""SPEC §4 producer capacity per month: a producer makes at most its capacity less what
shipments already booked in that month — exactly, month by month."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.support.reference import reference_lp_bound

from clearinghouse.domain.bundle import Bundle
from clearinghouse.planning.engine import plan
from clearinghouse.planning.greedy import plan_greedy
from clearinghouse.planning.plan import Plan
from clearinghouse.planning.problem import snapshot
from clearinghouse.planning.settings import PlanSettings

from .bundles import W, bundle, check_feasible, need, pledge, producer, settings
from .test_properties import PROPERTY


def made_per_month(p: Plan, lead: int = 0) -> dict[int, int]:
    made: dict[int, int] = defaultdict(int)
    for a in p.allocations:
        if a.producer is not None:
            made[a.month - lead] += a.quantity
    return dict(made)


def test_a_month_booked_less_than_a_later_one_keeps_all_of_its_own_capacity_left() -> None:
    # 10 a month; 2 booked in January, 9 in March. January has 8 left and February 10,
    # whatever March holds (stand-in producers held January and February to March's 1).
    b = bundle(needs=[need("N1", qty=18, due=1)],
               producers=[producer(capacity=10, booked={0: 2, 2: 9})],
               funding=[pledge(amount=1000)])
    p = plan(b, settings(late_cutoff_months=0))
    check_feasible(p, b)
    assert p.needs["N1"].delivered == 18
    assert made_per_month(p) == {0: 8, 1: 10}
    assert p.value == pytest.approx(W[0])


def busy_producer_bundle() -> Bundle:
    """More demand than capacity: every month's capacity left is worth using."""
    return bundle(needs=[need("N1", qty=200, due=5)],
                  producers=[producer(capacity=10, lead=1, booked={0: 2, 1: 10, 2: 9, 3: 12})],
                  funding=[pledge(amount=10_000)])


@pytest.mark.parametrize("how", ["exact", "rounded", "pooled", "greedy"])
def test_a_plan_makes_exactly_the_capacity_left_in_each_month_and_never_more(how: str) -> None:
    b, s = busy_producer_bundle(), settings(late_cutoff_months=0)
    p = {"exact": lambda: plan(b, s, mip=True), "rounded": lambda: plan(b, s, mip=False),
         "pooled": lambda: plan(b, s, pooled=True), "greedy": lambda: plan_greedy(b, s)}[how]()
    check_feasible(p, b)
    # made in months 0-4, delivered a month later by month 5; March is over-booked (12 > 10)
    assert made_per_month(p, lead=1) == {0: 8, 2: 1, 4: 10}


def test_the_bound_with_booked_months_is_the_reference_optimum() -> None:
    b, s = busy_producer_bundle(), settings(late_cutoff_months=0)
    assert plan(b, s).lp_bound == pytest.approx(reference_lp_bound(b, s), rel=1e-9)
    assert plan(b, s).lp_bound == pytest.approx(W[0] * 19 / 200)


def test_the_problem_holds_each_producers_capacity_left_per_plan_month() -> None:
    b = bundle(needs=[need("N1")],
               producers=[producer("P1", capacity=10, booked={-1: 7, 0: 3, 2: 15, 5: 4}),
                          producer("P2", capacity=6)])
    p = snapshot(b, settings(horizon=5))
    # booked before the start or after the horizon takes nothing; more than capacity: none
    assert p.producer_cap.tolist() == [[7, 10, 0, 10, 10], [6, 6, 6, 6, 6]]


def test_a_producer_with_every_month_booked_gets_nothing_to_make() -> None:
    b = bundle(needs=[need("N1", qty=5, due=2)],
               producers=[producer(capacity=5, booked={0: 5, 1: 5, 2: 9})],
               funding=[pledge()])
    p = plan(b, settings(late_cutoff_months=0))
    assert p.allocations == []
    assert np.isclose(p.lp_bound, 0.0)
    assert p.needs["N1"].reason == "too-late"


@st.composite
def production_only(draw: st.DrawFn) -> tuple[Bundle, PlanSettings]:
    """Needs only producers can meet, producers with months booked at random."""
    producers = [producer(f"P{i}", draw(st.sampled_from("AB")), draw(st.sampled_from([5.0, 10.0])),
                          draw(st.integers(1, 8)), draw(st.integers(-1, 3)),
                          draw(st.integers(0, 2)),
                          draw(st.dictionaries(st.integers(-1, 8), st.integers(0, 10),
                                               max_size=6)))
                 for i in range(draw(st.integers(1, 2)))]
    needs = [need(f"N{i}", draw(st.sampled_from("AB")), draw(st.integers(1, 60)),
                  draw(st.integers(1, 5)), draw(st.integers(0, 8)))
             for i in range(draw(st.integers(1, 3)))]
    funding = [pledge(f"F{i}", draw(st.integers(50, 2000)), draw(st.integers(-1, 3)))
               for i in range(draw(st.integers(1, 2)))]
    s = settings(horizon=draw(st.integers(2, 8)), late_cutoff_months=draw(st.integers(0, 2)))
    return bundle(needs=needs, producers=producers, funding=funding), s


@PROPERTY
@given(production_only())
def test_no_plan_makes_more_than_capacity_less_booked_and_the_bound_is_the_reference(
        case: tuple[Bundle, PlanSettings]) -> None:
    b, s = case
    for p in (plan(b, s), plan(b, s, mip=False), plan(b, s, pooled=True), plan_greedy(b, s)):
        check_feasible(p, b)
    assert plan(b, s).lp_bound == pytest.approx(reference_lp_bound(b, s), rel=1e-6, abs=1e-9)
