"""The demo picture: Montenegro's and Japan's courses are placed only where their caveats allow."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from clearinghouse.demo import generate
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.training import CourseCategory, CourseOffer
from clearinghouse.planning.settings import PlanSettings
from clearinghouse.planning.training import TrainingPlan, mandate_watch, plan_training

START = date(2026, 11, 1)
SETTINGS = PlanSettings(START)


@pytest.fixture(scope="module")
def demo() -> Bundle:
    """The demo picture with two courses the caveats forbid, offered early and with many seats.

    Import would refuse them; planting them here shows the planner refuses them too.
    """
    bundle = generate(START)
    bundle.courses += [
        CourseOffer("C-MNE-UKR", "MNE", "UKR", CourseCategory.MEDICAL, "NSATU", 200,
                    date(2026, 11, 9), date(2026, 11, 30)),
        CourseOffer("C-JPN-COMBAT", "JPN", "POL", CourseCategory.COMBAT, "NSATU", 200,
                    date(2026, 11, 9), date(2026, 12, 30)),
    ]
    return bundle


@pytest.fixture(scope="module")
def result(demo: Bundle) -> TrainingPlan:
    return plan_training(demo, SETTINGS)


def hosted_by(demo: Bundle, result: TrainingPlan, host: str) -> list[CourseOffer]:
    """The courses of ``host`` on which the plan places trainees."""
    courses = {c.ref: c for c in demo.courses}
    return [courses[a.course] for a in result.assignments if courses[a.course].host == host]


def test_montenegro_nato_territory_only_is_placed_only_in_courses_located_in_nato(
        demo: Bundle, result: TrainingPlan) -> None:
    nations = {n.code: n for n in demo.nations}
    used = hosted_by(demo, result, "MNE")
    assert used, "Montenegro's courses in Montenegro should take trainees"
    assert all(nations[c.location].nato for c in used)
    assert result.placed_on("C-MNE-UKR") == 0


def test_japan_non_combat_only_is_placed_only_in_non_combat_courses(
        demo: Bundle, result: TrainingPlan) -> None:
    used = hosted_by(demo, result, "JPN")
    assert used, "Japan's non-combat courses should take trainees"
    assert all(c.category is not CourseCategory.COMBAT for c in used)
    assert result.placed_on("C-JPN-COMBAT") == 0


def test_the_demo_plan_is_optimal_whole_and_adds_up(result: TrainingPlan) -> None:
    assert result.status == "optimal"
    assert result.value == pytest.approx(result.lp_bound, rel=1e-9)
    assert 0 < result.trainees_placed < result.trainees_requested
    assert sum(result.by_category.values()) == sum(result.by_host.values()) \
        == result.trainees_placed
    assert result.by_host["MNE"] > 0
    assert result.by_host["JPN"] > 0


def test_the_demo_plan_is_the_same_on_every_run(demo: Bundle, result: TrainingPlan) -> None:
    again = plan_training(demo, SETTINGS)
    assert dataclasses.replace(again, solve_seconds=0) == dataclasses.replace(
        result, solve_seconds=0)


def test_eumams_mandate_ending_in_november_2026_is_on_the_watch(
        demo: Bundle, result: TrainingPlan) -> None:
    [watch] = mandate_watch(demo, date(2026, 11, 24), plan=result)
    assert (watch.mission, watch.ends) == ("EUMAM", date(2026, 11, 30))
    assert watch.courses
    assert watch.trainees_placed is not None
    assert 0 < watch.trainees_placed <= watch.seats
