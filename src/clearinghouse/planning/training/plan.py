"""A training plan: trainees on course seats, per-need results and the figures staff ask first."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from clearinghouse.domain.training import CourseCategory
from clearinghouse.planning.settings import PlanSettings
from clearinghouse.planning.training.model import TrainingModel, TrainingProblem
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


def extract(p: TrainingProblem, model: TrainingModel, solution: TrainingSolution,
            settings: PlanSettings) -> TrainingPlan:
    """Turn whole trainees per column into assignments, per-need results and figures."""
    x = solution.trainees
    used = x > 0
    need, course, trainees = model.need[used], model.course[used], x[used]
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
    return TrainingPlan(solution.status, float(model.value[used] @ trainees), solution.lp_bound,
                        assignments, needs, by_category, by_host, settings, solution.seconds)
