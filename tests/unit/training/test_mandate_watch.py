"""Mandate watch: mandates ending soon with what hangs on them; courses outside a mandate."""

from __future__ import annotations

from datetime import date

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.training import Mission
from clearinghouse.planning.training import (
    CoursePastMandate,
    courses_past_mandate,
    mandate_watch,
    plan_training,
)

from .helpers import NSATU, SETTINGS, course, need, picture

EUMAM = Mission("EUMAM", "EU Military Assistance Mission", date(2022, 11, 15), date(2027, 3, 31))
TODAY = date(2027, 1, 20)


def eumam_picture(ends: date = EUMAM.ends) -> Bundle:
    mission = Mission(EUMAM.code, EUMAM.name, EUMAM.starts, ends)
    return picture([need("T-1", 30), need("T-2", 5, priority=3)],
                   [course("C-E1", "AUT", "AUT", seats=12, mission="EUMAM", starts=1),
                    course("C-E2", "POL", "POL", seats=8, mission="EUMAM", starts=2),
                    course("C-OVER", "POL", "POL", seats=6, mission="EUMAM", starts=-2),
                    course("C-N", seats=4)],
                   [NSATU, mission])


def test_a_mandate_ending_within_90_days_is_listed_with_its_open_courses_and_seats() -> None:
    [watch] = mandate_watch(eumam_picture(), TODAY)
    assert (watch.mission, watch.ends, watch.days_left) == ("EUMAM", date(2027, 3, 31), 70)
    # C-OVER ended before today: nothing depends on it any more.
    assert (watch.courses, watch.seats) == (["C-E1", "C-E2"], 20)
    assert (watch.trainees_placed, watch.needs) == (None, None)


def test_the_watch_counts_the_trainees_the_plan_puts_on_the_mandates_courses() -> None:
    bundle = eumam_picture()
    [watch] = mandate_watch(bundle, TODAY, plan=plan_training(bundle, SETTINGS))
    assert watch.trainees_placed == 20
    assert watch.needs == ["T-1"]


def test_a_mandate_ending_after_the_window_or_ended_long_ago_is_not_listed() -> None:
    bundle = eumam_picture()
    assert mandate_watch(bundle, date(2026, 12, 30)) == []  # ends in 91 days
    assert [w.days_left for w in mandate_watch(bundle, date(2026, 12, 31))] == [90]
    assert mandate_watch(bundle, date(2027, 6, 30)) == []  # ended 91 days ago, nothing on it
    assert [w.mission for w in mandate_watch(bundle, TODAY, within_days=800)] == [
        "EUMAM", "NSATU"]


def test_a_mandate_that_has_ended_is_listed_with_its_recent_courses_and_their_trainees() -> None:
    # SPEC §5: an ended mandate is shown too (the watch used to drop it the day after).
    bundle = eumam_picture()
    [watch] = mandate_watch(bundle, date(2027, 4, 1), plan=plan_training(bundle, SETTINGS))
    assert (watch.mission, watch.ended, watch.days_left) == ("EUMAM", True, -1)
    assert (watch.courses, watch.seats) == (["C-E1", "C-E2"], 20)  # over within 90 days
    assert (watch.trainees_placed, watch.needs) == (20, ["T-1"])
    assert watch.renewal_expected is None


def test_a_pending_renewal_keeps_an_ended_mandate_on_the_watch_with_its_date() -> None:
    renewal = Mission(EUMAM.code, EUMAM.name, EUMAM.starts, EUMAM.ends, date(2027, 9, 1))
    bundle = picture([need("T-1", 8)], [course("C-E1", mission="EUMAM", starts=1)],
                     [NSATU, renewal])
    [watch] = mandate_watch(bundle, date(2027, 8, 1))  # ended 123 days ago
    assert (watch.ended, watch.renewal_expected) == (True, date(2027, 9, 1))


def test_a_consistent_picture_has_no_course_past_its_mandate() -> None:
    assert courses_past_mandate(eumam_picture()) == []


def test_a_shortened_mandate_flags_its_later_courses_and_the_planner_skips_them() -> None:
    shortened = eumam_picture(ends=date(2027, 2, 20))
    assert courses_past_mandate(shortened) == [CoursePastMandate(
        "C-E2", "EUMAM", date(2027, 3, 2), date(2027, 3, 16), EUMAM.starts, date(2027, 2, 20))]
    result = plan_training(shortened, SETTINGS)
    assert result.placed_on("C-E2") == 0
    assert result.placed_on("C-E1") == 12


def test_extending_the_mandate_reopens_its_courses() -> None:
    only_eumam = picture([need("T-1", 8)],
                         [course("C-E2", "POL", "POL", seats=8, mission="EUMAM", starts=2)],
                         [Mission("EUMAM", "EUMAM", EUMAM.starts, date(2027, 2, 20))])
    before = plan_training(only_eumam, SETTINGS)
    assert before.needs["T-1"].reason == "mandate"
    only_eumam.missions = [Mission("EUMAM", "EUMAM", EUMAM.starts, date(2027, 9, 30))]
    assert courses_past_mandate(only_eumam) == []
    after = plan_training(only_eumam, SETTINGS)
    assert after.needs["T-1"].reason is None
    assert after.placed_on("C-E2") == 8
