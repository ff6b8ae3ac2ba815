"""The training policy of SPEC §4, one rule per test, on small hand-made pictures."""

from __future__ import annotations

from datetime import date

import pytest

from clearinghouse.domain.training import Mission
from clearinghouse.planning.settings import PlanSettings
from clearinghouse.planning.training import plan_training

from .helpers import COMBAT, NSATU, START, course, need, picture, placed, plan


def test_a_nato_territory_only_host_is_placed_only_in_a_course_located_in_nato() -> None:
    result = plan([need("T-1", 20)], [course("C-UKR", "MNE", "UKR", seats=20),
                                      course("C-MNE", "MNE", "MNE", seats=10, starts=1)])
    assert placed(result) == {("T-1", "C-MNE"): 10}
    assert result.needs["T-1"].reason == "seats"


def test_a_need_with_only_courses_outside_nato_of_a_nato_territory_only_host_fails_on_caveat(
) -> None:
    result = plan([need("T-1")], [course("C-1", "MNE", "UKR")])
    assert result.assignments == []
    assert result.needs["T-1"].reason == "caveat"


def test_an_eu_territory_only_host_is_placed_only_in_a_course_located_in_the_eu() -> None:
    result = plan([need("T-1", 20)], [course("C-NOR", "AUT", "NOR", seats=20),
                                      course("C-POL", "AUT", "POL", seats=5)])
    assert placed(result) == {("T-1", "C-POL"): 5}
    assert plan([need("T-1")], [course("C-NOR", "AUT", "NOR")]).needs["T-1"].reason == "caveat"


def test_a_non_combat_only_host_never_gets_combat_trainees() -> None:
    result = plan([need("T-C", 10, category=COMBAT), need("T-M", 10)],
                  [course("C-C", "JPN", "POL", category=COMBAT), course("C-M", "JPN", "POL")])
    assert placed(result) == {("T-M", "C-M"): 10}
    assert result.needs["T-C"].reason == "caveat"
    assert result.needs["T-M"].reason is None


def test_a_course_past_its_mandate_is_never_used() -> None:
    short = Mission("NSATU", "NSATU", NSATU.starts, START.replace(day=20))
    result = plan([need("T-1")], [course("C-1", starts=0, days=30)], [short])
    assert result.assignments == []
    assert result.needs["T-1"].reason == "mandate"


def test_a_course_starting_before_its_mandate_is_never_used() -> None:
    late = Mission("NSATU", "NSATU", START.replace(day=5), date(2028, 12, 31))
    result = plan([need("T-1")], [course("C-1", starts=0)], [late])
    assert result.needs["T-1"].reason == "mandate"


def test_a_course_of_an_unknown_mission_is_never_used() -> None:
    result = plan([need("T-1")], [course("C-1", mission="EUMAM")])
    assert result.needs["T-1"].reason == "mandate"


def test_a_course_starting_more_than_three_months_after_due_is_not_used() -> None:
    result = plan([need("T-1", due=2)], [course("C-1", starts=6)])
    assert result.assignments == []
    assert result.needs["T-1"].reason == "too-late"
    assert plan([need("T-1", due=2)], [course("C-1", starts=5)]).needs["T-1"].reason is None


def test_the_late_cut_off_is_a_setting() -> None:
    bundle = picture([need("T-1", due=2)], [course("C-1", starts=3)])
    strict = PlanSettings(START, late_cutoff_months=0)
    assert plan_training(bundle, strict).needs["T-1"].reason == "too-late"


def test_a_course_starting_at_or_after_the_horizon_is_not_used() -> None:
    result = plan([need("T-1", due=11)], [course("C-1", starts=12)])
    assert result.needs["T-1"].reason == "too-late"
    assert plan([need("T-1", due=11)], [course("C-1", starts=11)]).needs["T-1"].fraction == 1


def test_dates_before_the_start_count_as_month_zero() -> None:
    result = plan([need("T-1", due=-3)], [course("C-1", starts=-1)])
    assert [(a.month, a.trainees) for a in result.assignments] == [(0, 10)]
    assert result.value == pytest.approx(1000)


def test_each_month_late_halves_a_trainees_value() -> None:
    for late in range(4):
        result = plan([need("T-1", 10, priority=1, due=1)], [course("C-1", starts=1 + late)])
        assert result.assignments[0].month == 1 + late
        assert result.value == pytest.approx(1000 * 0.5 ** late)


def test_a_course_on_time_is_preferred_to_a_late_one() -> None:
    result = plan([need("T-1", 10, due=1)], [course("C-LATE", starts=3, seats=10),
                                             course("C-EARLY", starts=0, seats=6)])
    assert placed(result) == {("T-1", "C-EARLY"): 6, ("T-1", "C-LATE"): 4}
    assert result.value == pytest.approx(600 + 400 * 0.25)


@pytest.mark.parametrize(("priority", "weight"), [(1, 1000), (2, 100), (3, 10), (4, 3), (5, 1)])
def test_a_fully_placed_need_is_worth_its_priority_weight(priority: int, weight: float) -> None:
    result = plan([need("T-1", 40, priority=priority)], [course("C-1", seats=40)])
    assert result.value == pytest.approx(weight)


def test_scarce_seats_go_to_the_higher_priority_need() -> None:
    result = plan([need("T-LOW", 10, priority=3), need("T-HIGH", 10, priority=1)],
                  [course("C-1", seats=10)])
    assert placed(result) == {("T-HIGH", "C-1"): 10}
    assert result.needs["T-LOW"].reason == "seats"


def test_a_course_takes_no_more_trainees_than_its_seats() -> None:
    result = plan([need("T-1", 30), need("T-2", 30)], [course("C-1", seats=25)])
    assert result.placed_on("C-1") == 25
    assert {r.reason for r in result.needs.values()} == {"seats"}


def test_a_need_receives_no_more_trainees_than_it_requested() -> None:
    result = plan([need("T-1", 7)], [course("C-1", seats=10), course("C-2", seats=10)])
    assert result.needs["T-1"].placed == 7
    assert result.needs["T-1"].fraction == 1


def test_a_need_with_no_course_of_its_category_has_no_compatible_course() -> None:
    result = plan([need("T-1", category=COMBAT)], [course("C-1")])
    assert result.needs["T-1"].reason == "no-compatible-course"


def test_the_reason_is_the_rule_that_removed_the_last_candidate_course() -> None:
    short = Mission("NSATU", "NSATU", NSATU.starts, START.replace(day=20))
    # One course breaks a caveat; the only course that respects the caveats is past its mandate.
    result = plan([need("T-1")], [course("C-CAV", "MNE", "UKR"), course("C-MAN", days=30)],
                  [short])
    assert result.needs["T-1"].reason == "mandate"


def test_placed_trainees_are_counted_by_category_and_by_host() -> None:
    result = plan([need("T-M", 10), need("T-C", 30, category=COMBAT)],
                  [course("C-M", "JPN", "POL", seats=8),
                   course("C-C", "NOR", "NOR", seats=25, category=COMBAT),
                   course("C-IDLE", "MNE", "MNE", seats=5, category=COMBAT, starts=9)])
    assert result.by_category == {"combat": 25, "medical": 8}
    assert result.by_host == {"JPN": 8, "MNE": 0, "NOR": 25}
    assert result.trainees_placed == 33
    assert result.trainees_requested == 40


def test_a_picture_without_training_needs_gives_an_empty_optimal_plan() -> None:
    result = plan([], [course("C-1")])
    assert (result.status, result.value, result.assignments) == ("optimal", 0.0, [])


def test_courses_starting_in_the_same_month_fill_in_ref_order_within_their_seats() -> None:
    result = plan([need("T-1", 15), need("T-2", 4, priority=2)],
                  [course("C-2", "NOR", "NOR", seats=10), course("C-1", seats=10)])
    assert placed(result) == {("T-1", "C-1"): 10, ("T-1", "C-2"): 5, ("T-2", "C-2"): 4}
    assert result.by_host == {"NOR": 9, "POL": 10}
