"""The training picture as arrays: needs, courses and intakes (usable seats by category and month).

Months are SPEC §4 month indices. Whether a course may be used depends only on the course
(host caveats, mandate, horizon); which need it may serve, and at what value, only on its
category and start month. So the usable courses of one category starting in one month are
interchangeable: they form one *intake*, whose seats are theirs together.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.training import CourseCategory, TrainingNeed
from clearinghouse.planning.settings import PlanSettings
from clearinghouse.planning.training.courses import CourseCheck, check_courses

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]

_CATEGORIES = list(CourseCategory)


@dataclass(frozen=True, eq=False, slots=True)
class TrainingProblem:
    """Needs and courses (each sorted by ref) and the intakes of the usable courses."""

    needs: list[TrainingNeed]
    courses: list[CourseCheck]
    need_category: Ints
    need_due: Ints
    need_trainees: Ints
    need_weight: Floats
    course_category: Ints
    course_month: Ints
    course_seats: Ints
    course_intake: Ints  # −1 for a course the rules forbid
    intake_category: Ints
    intake_month: Ints
    intake_seats: Ints
    late_cutoff: int
    decay: float


def _ints(values: list[int]) -> Ints:
    return np.asarray(values, dtype=np.int64).reshape(-1)


def snapshot(bundle: Bundle, settings: PlanSettings) -> TrainingProblem:
    """The bundle's training needs and courses, every course checked against the rules."""
    needs = sorted(bundle.training_needs, key=lambda n: n.ref)
    courses = check_courses(bundle, settings)
    category = _ints([_CATEGORIES.index(c.course.category) for c in courses])
    month = _ints([c.month for c in courses])
    seats = _ints([c.course.seats for c in courses])
    usable = np.flatnonzero(np.asarray([c.usable for c in courses], dtype=np.bool_))
    keys, intake = np.unique(category[usable] * settings.horizon + month[usable],
                             return_inverse=True)
    course_intake = np.full(len(courses), -1, dtype=np.int64)
    course_intake[usable] = intake
    return TrainingProblem(
        needs=needs, courses=courses,
        need_category=_ints([_CATEGORIES.index(n.category) for n in needs]),
        need_due=_ints([settings.plan_month(n.due) for n in needs]),
        need_trainees=_ints([n.trainees for n in needs]),
        need_weight=np.asarray([settings.weight(n.priority) for n in needs],
                               dtype=np.float64).reshape(-1),
        course_category=category, course_month=month, course_seats=seats,
        course_intake=course_intake,
        intake_category=(keys // settings.horizon).astype(np.int64),
        intake_month=(keys % settings.horizon).astype(np.int64),
        intake_seats=np.bincount(intake, weights=seats[usable],
                                 minlength=len(keys)).astype(np.int64),
        late_cutoff=settings.late_cutoff_months, decay=settings.decay)


def category_blocks(p: TrainingProblem, category_of: Ints) -> Iterator[tuple[Ints, Ints]]:
    """Per category with needs: its needs, and its members of ``category_of`` (by category)."""
    for category in np.unique(p.need_category):
        needs = np.flatnonzero(p.need_category == category)
        yield needs, np.flatnonzero(category_of == category)


def in_time(p: TrainingProblem, needs: Ints, months: Ints) -> Bools:
    """Matrix [needs × months]: the month is at most ``late_cutoff`` months after the due month."""
    return np.asarray(months[None, :] <= p.need_due[needs][:, None] + p.late_cutoff,
                      dtype=np.bool_)
