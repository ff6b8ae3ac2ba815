"""On small random pictures the plan keeps every rule and reaches the reference optimum."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.training import CourseCategory, Mission
from clearinghouse.planning.training import REASONS, TrainingPlan, plan_training

from .helpers import NATIONS, NSATU, SETTINGS, START, course, month, need
from .reference import allowed, month_index, reference_optimum

CATEGORIES = (CourseCategory.MEDICAL, CourseCategory.COMBAT, CourseCategory.DEMINING)
HOSTS = tuple(n.code for n in NATIONS)


@st.composite
def pictures(draw: st.DrawFn) -> Bundle:
    # EUMAM's end moves about the horizon, so some courses fall past it (a shortened mandate).
    eumam = Mission("EUMAM", "EUMAM", month(-12), month(draw(st.integers(0, 14)), 15))
    needs = [need(f"T-{i}", draw(st.integers(1, 40)), draw(st.integers(1, 5)),
                  draw(st.integers(-2, 12)), draw(st.sampled_from(CATEGORIES)))
             for i in range(draw(st.integers(0, 5)))]
    courses = [course(f"C-{j}", draw(st.sampled_from(HOSTS)), draw(st.sampled_from(HOSTS)),
                      draw(st.integers(1, 40)), draw(st.integers(-2, 14)),
                      draw(st.sampled_from(CATEGORIES)), draw(st.sampled_from(("NSATU", "EUMAM"))),
                      draw(st.integers(1, 60)))
               for j in range(draw(st.integers(0, 6)))]
    return Bundle(nations=list(NATIONS), missions=[NSATU, eumam], training_needs=needs,
                  courses=courses)


PROPERTY = hypothesis_settings(max_examples=150, deadline=None,
                               suppress_health_check=[HealthCheck.too_slow])


def solved(bundle: Bundle) -> TrainingPlan:
    return plan_training(bundle, SETTINGS)


@PROPERTY
@given(pictures())
def test_the_plan_never_breaks_a_caveat_a_mandate_or_the_late_cut_off(bundle: Bundle) -> None:
    courses = {c.ref: c for c in bundle.courses}
    needs = {n.ref: n for n in bundle.training_needs}
    for a in solved(bundle).assignments:
        c, n = courses[a.course], needs[a.need]
        assert allowed(bundle, c), a
        assert c.category == n.category
        assert a.month == month_index(c.starts, START) < SETTINGS.horizon
        assert a.month <= month_index(n.due, START) + SETTINGS.late_cutoff_months
        assert a.trainees > 0


@PROPERTY
@given(pictures())
def test_the_plan_never_fills_a_course_past_its_seats_or_a_need_past_its_request(
        bundle: Bundle) -> None:
    result = solved(bundle)
    on_course = Counter[str]()
    for_need = Counter[str]()
    for a in result.assignments:
        on_course[a.course] += a.trainees
        for_need[a.need] += a.trainees
    assert all(on_course[c.ref] <= c.seats for c in bundle.courses)
    assert all(for_need[n.ref] <= n.trainees for n in bundle.training_needs)
    assert {ref: r.placed for ref, r in result.needs.items()} == {
        n.ref: for_need[n.ref] for n in bundle.training_needs}


@PROPERTY
@given(pictures())
def test_the_value_equals_the_reference_models_optimum_and_stays_within_the_bound(
        bundle: Bundle) -> None:
    result = solved(bundle)
    assert result.status == "optimal"
    assert result.value == pytest.approx(reference_optimum(bundle, SETTINGS), rel=1e-6, abs=1e-9)
    assert result.value <= result.lp_bound * (1 + 1e-9) + 1e-9


@PROPERTY
@given(pictures())
def test_the_value_is_the_sum_of_the_policy_formula_over_the_assignments(bundle: Bundle) -> None:
    result = solved(bundle)
    needs = {n.ref: n for n in bundle.training_needs}
    total = 0.0
    for a in result.assignments:
        n = needs[a.need]
        late = max(0, a.month - month_index(n.due, START))
        total += a.trainees * SETTINGS.weights[n.priority - 1] / n.trainees * 0.5 ** late
    assert result.value == pytest.approx(total, rel=1e-9, abs=1e-12)


@PROPERTY
@given(pictures())
def test_exactly_the_needs_left_short_carry_a_reason(bundle: Bundle) -> None:
    for r in solved(bundle).needs.values():
        assert (r.reason is None) == (r.placed == r.requested)
        assert r.reason is None or r.reason in REASONS
