"""The training model (SPEC §4, training): a transportation problem from needs to course seats.

Naming grammar: column ``x[n,c]`` is the number of trainees of training need ``n`` placed on
course ``c``; row block ``trainees[n]`` caps what a need receives, ``seats[c]`` a course's
seats. Columns exist only for usable pairs (same category, host caveats respected, inside the
mandate, start month in the horizon and at most ``late_cutoff_months`` after the due month).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
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
    """Needs and courses (each sorted by ref) as arrays; months are SPEC §4 month indices."""

    needs: list[TrainingNeed]
    courses: list[CourseCheck]
    need_category: Ints
    need_due: Ints
    need_trainees: Ints
    need_weight: Floats
    course_category: Ints
    course_month: Ints
    course_seats: Ints
    course_usable: Bools
    late_cutoff: int
    decay: float


def snapshot(bundle: Bundle, settings: PlanSettings) -> TrainingProblem:
    """The bundle's training needs and courses, with every course checked against the rules."""
    needs = sorted(bundle.training_needs, key=lambda n: n.ref)
    courses = check_courses(bundle, settings)

    def ints(values: list[int]) -> Ints:
        return np.asarray(values, dtype=np.int64).reshape(-1)

    return TrainingProblem(
        needs=needs, courses=courses,
        need_category=ints([_CATEGORIES.index(n.category) for n in needs]),
        need_due=ints([settings.month_index(n.due) for n in needs]),
        need_trainees=ints([n.trainees for n in needs]),
        need_weight=np.asarray([settings.weight(n.priority) for n in needs],
                               dtype=np.float64).reshape(-1),
        course_category=ints([_CATEGORIES.index(c.course.category) for c in courses]),
        course_month=ints([c.month for c in courses]),
        course_seats=ints([c.course.seats for c in courses]),
        course_usable=np.asarray([c.usable for c in courses], dtype=np.bool_).reshape(-1),
        late_cutoff=settings.late_cutoff_months, decay=settings.decay)


def category_blocks(p: TrainingProblem) -> Iterator[tuple[Ints, Ints]]:
    """For each category with needs and courses: the indices of its needs and of its courses."""
    for category in np.unique(p.need_category):
        needs = np.flatnonzero(p.need_category == category)
        courses = np.flatnonzero(p.course_category == category)
        if len(courses):
            yield needs, courses


def in_time(p: TrainingProblem, needs: Ints, courses: Ints) -> Bools:
    """Matrix [needs × courses]: the course starts at most ``late_cutoff`` months after due."""
    return np.asarray(p.course_month[courses][None, :]
                      <= p.need_due[needs][:, None] + p.late_cutoff, dtype=np.bool_)


@dataclass(frozen=True, eq=False, slots=True)
class TrainingModel:
    """max value·x s.t. matrix·x <= row_upper, 0 <= x <= upper; column j is x[need[j],course[j]]."""

    need: Ints
    course: Ints
    value: Floats
    upper: Floats
    matrix: sp.csc_matrix
    row_upper: Floats
    rows: dict[str, slice]

    @property
    def num_cols(self) -> int:
        return len(self.value)


def usable_pairs(p: TrainingProblem) -> tuple[Ints, Ints]:
    """The (need, course) index pairs that get a column, sorted by need then course."""
    needs: list[Ints] = []
    courses: list[Ints] = []
    for block_needs, block_courses in category_blocks(p):
        usable = in_time(p, block_needs, block_courses) & p.course_usable[block_courses][None, :]
        i, j = np.nonzero(usable)
        needs.append(block_needs[i])
        courses.append(block_courses[j])
    if not needs:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    n, c = np.concatenate(needs), np.concatenate(courses)
    order = np.lexsort((c, n))
    return n[order], c[order]


def trainee_value(p: TrainingProblem, need: Ints, course: Ints) -> Floats:
    """Value of one trainee of ``need`` on ``course``: W[p] / requested × δ^max(0, start − due)."""
    late = np.maximum(0, p.course_month[course] - p.need_due[need])
    return np.asarray(p.need_weight[need] / p.need_trainees[need] * p.decay ** late,
                      dtype=np.float64)


@dataclass(eq=False)
class _Rows:
    """Row blocks of the model and their entries, collected as arrays."""

    num_cols: int
    upper: list[Floats]
    entries: list[tuple[Ints, Ints]]
    names: dict[str, slice]
    count: int = 0

    def add(self, name: str, upper: Floats, rows: Ints, cols: Ints) -> None:
        """Add a block ``Σ_{cols of row r} x <= upper[r]`` (all coefficients 1)."""
        self.names[name] = slice(self.count, self.count + len(upper))
        self.upper.append(np.asarray(upper, dtype=np.float64))
        self.entries.append((rows + self.count, cols))
        self.count += len(upper)

    def matrix(self) -> sp.csc_matrix:
        rows = np.concatenate([r for r, _ in self.entries])
        cols = np.concatenate([c for _, c in self.entries])
        return sp.csc_matrix((np.ones(len(rows)), (rows, cols)), shape=(self.count, self.num_cols))


def add_trainee_rows(rows: _Rows, p: TrainingProblem, need: Ints) -> None:
    """trainees[n]:  Σ_c x[n,c] <= requested[n]  — a need receives at most what it asks for."""
    rows.add("trainees", p.need_trainees.astype(np.float64), need, np.arange(len(need)))


def add_seat_rows(rows: _Rows, p: TrainingProblem, course: Ints) -> None:
    """seats[c]:  Σ_n x[n,c] <= seats[c]  — a course takes at most its seats."""
    rows.add("seats", p.course_seats.astype(np.float64), course, np.arange(len(course)))


def build_model(p: TrainingProblem) -> TrainingModel:
    """Columns for the usable pairs, the trainee and seat rows, and the value objective."""
    need, course = usable_pairs(p)
    rows = _Rows(len(need), [], [], {})
    add_trainee_rows(rows, p, need)
    add_seat_rows(rows, p, course)
    # Neither row alone lets a column exceed the smaller of the two; stating it helps presolve.
    upper = np.minimum(p.need_trainees[need], p.course_seats[course]).astype(np.float64)
    return TrainingModel(need=need, course=course, value=trainee_value(p, need, course),
                         upper=upper, matrix=rows.matrix(), row_upper=np.concatenate(rows.upper),
                         rows=dict(rows.names))
