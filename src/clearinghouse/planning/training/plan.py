"""A training plan: trainees on course seats, per-need results and the figures staff ask first."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from clearinghouse.domain.training import CourseCategory
from clearinghouse.planning.settings import PlanSettings
from clearinghouse.planning.training.model import TrainingModel
from clearinghouse.planning.training.problem import Ints, TrainingProblem
from clearinghouse.planning.training.reasons import unmet_reasons
from clearinghouse.planning.training.solve import TrainingSolution


@dataclass(frozen=True, slots=True)
class Assignment:
    """``trainees`` of training need ``need`` on course ``course``, delivered in its start month."""

    need: str
    course: str
    trainees: int
    month: int


@dataclass(frozen=True, slots=True)
class TrainingNeedResult:
    """Trainees placed for one training need, the fraction of those requested, and why not more."""

    requested: int
    placed: int
    fraction: float
    reason: str | None


@dataclass(frozen=True, slots=True)
class TrainingPlan:
    """The optimal placement of trainees (SPEC §4, training); every collection is sorted.

    ``assignments`` by need then course; ``needs`` by ref; ``by_category`` in category order
    (every category with a need or a course); ``by_host`` by nation code (every host with a
    course). ``value <= lp_bound``; they are equal for an optimal plan.
    """

    status: str
    value: float
    lp_bound: float
    assignments: list[Assignment]
    needs: dict[str, TrainingNeedResult]
    by_category: dict[str, int]
    by_host: dict[str, int]
    settings: PlanSettings
    solve_seconds: float = 0.0

    @property
    def trainees_requested(self) -> int:
        return sum(r.requested for r in self.needs.values())

    @property
    def trainees_placed(self) -> int:
        return sum(r.placed for r in self.needs.values())

    def placed_on(self, course: str) -> int:
        """Trainees the plan puts on ``course``."""
        return sum(a.trainees for a in self.assignments if a.course == course)


def split_over_courses(p: TrainingProblem, model: TrainingModel,
                       x: Ints) -> tuple[Ints, Ints, Ints]:
    """Each intake's trainees as (need, course, trainees), sorted by need then course.

    The courses of an intake are interchangeable, so its trainees fill them in ref order,
    needs also taken in ref order; no course gets more than its seats because the intake's
    seats are theirs together.
    """
    flows = np.flatnonzero(x > 0)
    flows = flows[np.lexsort((model.need[flows], model.intake[flows]))]
    members: dict[int, list[int]] = {}
    for course in np.flatnonzero(p.course_intake >= 0).tolist():
        members.setdefault(int(p.course_intake[course]), []).append(course)
    left = p.course_seats.copy()
    parts: list[tuple[int, int, int]] = []
    for j in flows.tolist():
        need, want = int(model.need[j]), int(x[j])
        for c in members[int(model.intake[j])]:
            take = min(want, int(left[c]))
            if take:
                parts.append((need, c, take))
                left[c] -= take
                want -= take
            if not want:
                break
    parts.sort()
    columns = np.asarray(parts, dtype=np.int64).reshape(-1, 3)
    return columns[:, 0], columns[:, 1], columns[:, 2]


def extract(p: TrainingProblem, model: TrainingModel, solution: TrainingSolution,
            settings: PlanSettings) -> TrainingPlan:
    """Turn whole trainees per column into assignments, per-need results and figures."""
    need, course, trainees = split_over_courses(p, model, solution.trainees)
    placed = np.bincount(need, weights=trainees, minlength=len(p.needs)).astype(np.int64)
    seats_used = np.bincount(course, weights=trainees, minlength=len(p.courses)).astype(np.int64)
    reasons = unmet_reasons(p, placed, seats_used, solution.status == "optimal")
    needs = {
        n.ref: TrainingNeedResult(n.trainees, int(placed[i]), int(placed[i]) / n.trainees,
                                  reasons[i])
        for i, n in enumerate(p.needs)
    }
    assignments = [
        Assignment(p.needs[n].ref, p.courses[c].course.ref, int(t), int(p.course_month[c]))
        for n, c, t in zip(need, course, trainees, strict=True)
    ]
    categories = {n.category for n in p.needs} | {c.course.category for c in p.courses}
    by_category = {c.value: 0 for c in sorted(categories, key=list(CourseCategory).index)}
    by_host = dict.fromkeys(sorted({c.course.host for c in p.courses}), 0)
    for n, c, t in zip(need, course, trainees, strict=True):
        by_category[p.needs[n].category.value] += int(t)
        by_host[p.courses[c].course.host] += int(t)
    value = float(model.value @ solution.trainees) if model.num_cols else 0.0
    return TrainingPlan(solution.status, value, solution.lp_bound, assignments, needs,
                        by_category, by_host, settings, solution.seconds)
