"""A pending mandate renewal and the "not renewed" scenario (SPEC §5, mandates)."""

from __future__ import annotations

from datetime import date

import pytest

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.training import Mission
from clearinghouse.planning.training import courses_past_mandate, not_renewed, plan_training

from .helpers import NSATU, SETTINGS, course, month, need, picture

ENDS = month(2, 28)  # the mandate's last day, late in plan month 2
RENEWAL = month(2, 15)  # a renewal is expected before the end


def eumam(renewal: date | None) -> Mission:
    return Mission("EUMAM", "EUMAM", date(2022, 11, 15), ENDS, renewal)


def renewal_picture(renewal: date | None = RENEWAL) -> Bundle:
    return picture([need("T-1", 20, due=3), need("T-2", 6, due=3, priority=2)],
                   [course("C-IN", seats=10, mission="EUMAM", starts=1),
                    course("C-PAST", seats=12, mission="EUMAM", starts=3),
                    course("C-N", seats=4, starts=3)],
                   [NSATU, eumam(renewal)])


def test_a_course_past_the_mandate_is_refused_unless_a_renewal_is_pending() -> None:
    past = course("C-PAST", mission="EUMAM", starts=3)
    with pytest.raises(DomainError, match="outside the mandate of EUMAM"):
        past.check_mandate(eumam(None))
    past.check_mandate(eumam(RENEWAL))  # planned on the assumption of renewal


def test_while_a_renewal_is_pending_the_planner_uses_courses_past_the_end() -> None:
    bundle = renewal_picture()
    assert courses_past_mandate(bundle) == []
    assert plan_training(bundle, SETTINGS).placed_on("C-PAST") > 0


def test_not_renewed_drops_the_missions_courses_after_its_end_and_counts_the_loss() -> None:
    impact = not_renewed(renewal_picture(), SETTINGS, "EUMAM")
    assert (impact.courses_lost, impact.seats_lost) == (["C-PAST"], 12)
    # Before: 10 + 12 + 4 seats for 26 trainees; after: 10 + 4.
    assert (impact.trainees_before, impact.trainees_after) == (26, 14)
    assert impact.trainees_lost == 12
    assert impact.value_after < impact.value_before
    assert {c.need: (c.before, c.after) for c in impact.needs} == {
        "T-1": (20, 14), "T-2": (6, 0)}


def test_not_renewing_a_mandate_whose_courses_end_in_time_loses_nothing() -> None:
    bundle = picture([need("T-1", 8)], [course("C-IN", mission="EUMAM", starts=1)],
                     [NSATU, eumam(None)])
    impact = not_renewed(bundle, SETTINGS, "EUMAM")
    assert (impact.courses_lost, impact.trainees_lost, impact.needs) == ([], 0, [])


def test_an_unknown_mission_is_refused_with_the_field_named() -> None:
    with pytest.raises(DomainError, match="unknown mission 'NOPE'") as e:
        not_renewed(renewal_picture(), SETTINGS, "NOPE")
    assert e.value.field == "mission"


def test_a_renewal_expected_before_the_mandate_starts_is_refused() -> None:
    with pytest.raises(DomainError, match="renewal expected"):
        Mission("EUMAM", "EUMAM", date(2022, 11, 15), ENDS, date(2020, 1, 1))
