"""Properties on random small bundles: feasibility, the bound, the reference and the baseline."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.support.reference import reference_integer_value, reference_lp_bound

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.catalogue import Substitution
from clearinghouse.domain.logistics import Lane
from clearinghouse.planning.engine import plan
from clearinghouse.planning.greedy import plan_greedy
from clearinghouse.planning.settings import PlanSettings

from .bundles import START, bundle, check_feasible, hub, item, need, offer, pledge, producer

CLASSES = ("A", "B", "C")
DONORS = ("POL", "USA", "JPN", "AUT")
COUNTRIES = ("POL", "USA", "UKR", "AUT")


@st.composite
def bundles(draw: st.DrawFn) -> tuple[Bundle, PlanSettings]:
    weight = st.sampled_from([0.0, 0.5, 1.0, 2.5])
    items = [item("A1", "A", draw(weight), "artillery"), item("A2", "A", draw(weight)),
             item("B1", "B", draw(weight), "medical"), item("C1", "C", draw(weight))]
    hubs = [hub(f"H{i}", draw(st.sampled_from(COUNTRIES)), draw(st.integers(0, 30)),
                opens := draw(st.integers(-2, 5)),
                draw(st.one_of(st.none(), st.integers(opens + 1, 12))))
            for i in range(draw(st.integers(1, 3)))]
    pairs = [(a, b) for a in CLASSES for b in CLASSES if a != b]
    subs = [Substitution(a, b, draw(st.sampled_from([0.3, 0.5, 0.75, 1.0])))
            for a, b in draw(st.lists(st.sampled_from(pairs), max_size=3, unique=True))]
    lanes = []
    if draw(st.booleans()):
        lanes = [Lane(o, h.code, 3, draw(st.sampled_from([0.0, 5.0, 20.0])))
                 for o in DONORS for h in hubs if draw(st.booleans())]
    offers = [offer(f"O{i}", draw(st.sampled_from([i.code for i in items])),
                    draw(st.integers(1, 20)), draw(st.integers(-2, 9)),
                    draw(st.sampled_from(DONORS)))
              for i in range(draw(st.integers(0, 6)))]
    needs = [need(f"N{i}", draw(st.sampled_from(CLASSES)), draw(st.integers(1, 20)),
                  draw(st.integers(1, 5)), draw(st.integers(-2, 10)))
             for i in range(draw(st.integers(1, 5)))]
    producers = [producer(f"P{i}", draw(st.sampled_from(CLASSES)),
                          draw(st.sampled_from([5.0, 10.0, 25.0])), draw(st.integers(1, 8)),
                          draw(st.integers(-1, 6)), draw(st.integers(0, 3)),
                          draw(st.dictionaries(st.integers(-1, 8), st.integers(0, 10),
                                               max_size=3)))
                 for i in range(draw(st.integers(0, 2)))]
    funding = [pledge(f"F{i}", draw(st.integers(10, 300)), draw(st.integers(-1, 6)),
                      draw(st.sampled_from([None, "A", "B", "artillery", "medical"])))
               for i in range(draw(st.integers(0, 2)))]
    b = bundle(needs=needs, offers=offers, items=items, hubs=hubs, lanes=lanes,
               substitutes=subs, producers=producers, funding=funding)
    s = PlanSettings(START, horizon=draw(st.integers(2, 8)),
                     late_cutoff_months=draw(st.integers(0, 3)),
                     decay=draw(st.sampled_from([0.5, 0.8, 1.0])))
    return b, s


PROPERTY = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(bundles())
def test_a_plan_never_breaks_a_rule_and_stays_below_its_bound(case: tuple[Bundle,
                                                                           PlanSettings]) -> None:
    b, s = case
    p = plan(b, s)
    check_feasible(p, b)
    assert p.value <= p.lp_bound + 1e-9


@PROPERTY
@given(bundles())
def test_the_lp_bound_is_the_optimum_of_the_straightforward_formulation(
        case: tuple[Bundle, PlanSettings]) -> None:
    b, s = case
    assert plan(b, s).lp_bound == pytest.approx(reference_lp_bound(b, s), rel=1e-6, abs=1e-9)


@PROPERTY
@given(bundles())
def test_the_plan_is_never_worth_less_than_the_greedy_method(
        case: tuple[Bundle, PlanSettings]) -> None:
    b, s = case
    g = plan_greedy(b, s)
    check_feasible(g, b)
    assert plan(b, s).value >= g.value - 1e-9


@PROPERTY
@given(bundles())
def test_a_plan_solved_exactly_is_the_whole_unit_optimum(
        case: tuple[Bundle, PlanSettings]) -> None:
    b, s = case
    p = plan(b, s)
    best = reference_integer_value(b, s)
    assert p.value <= best + 1e-6
    if p.status == "optimal":
        assert p.value >= best * (1 - s.mip_rel_gap) - 1e-6


@PROPERTY
@given(bundles())
def test_the_bucketed_lp_plan_keeps_every_rule_has_the_same_bound_and_beats_greedy(
        case: tuple[Bundle, PlanSettings]) -> None:
    b, s = case
    p = plan(b, s, mip=False)
    check_feasible(p, b)
    assert p.status in {"rounded", "greedy"}
    assert p.lp_bound == pytest.approx(reference_lp_bound(b, s), rel=1e-6, abs=1e-9)
    assert p.value >= plan_greedy(b, s).value - 1e-9
