"""Mandate watch: mandates ending soon and what hangs on them; courses outside their mandate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.training import MANDATE_WARNING
from clearinghouse.planning.training.courses import within_mandate
from clearinghouse.planning.training.plan import TrainingPlan


@dataclass(frozen=True, slots=True)
class MandateWatch:
    """A mission whose mandate ends soon, with its courses not yet over and their seats.

    ``trainees_placed`` and ``needs`` (training needs with trainees on those courses) come from
    the plan given to :func:`mandate_watch`; without one they are None.
    """

    mission: str
    name: str
    ends: date
    days_left: int
    courses: list[str]
    seats: int
    trainees_placed: int | None
    needs: list[str] | None


@dataclass(frozen=True, slots=True)
class CoursePastMandate:
    """A course that runs outside its mission's mandate (or names no known mission)."""

    course: str
    mission: str
    starts: date
    ends: date
    mandate_starts: date | None
    mandate_ends: date | None


def mandate_watch(bundle: Bundle, today: date, within_days: int = MANDATE_WARNING.days,
                  plan: TrainingPlan | None = None) -> list[MandateWatch]:
    """Missions whose mandate ends within ``within_days`` of ``today``, soonest first."""
    last = today + timedelta(days=within_days)
    watches = []
    for mission in sorted(bundle.missions, key=lambda m: (m.ends, m.code)):
        if not today <= mission.ends <= last:
            continue
        courses = sorted((c for c in bundle.courses
                          if c.mission == mission.code and c.ends >= today), key=lambda c: c.ref)
        refs = [c.ref for c in courses]
        placed: int | None = None
        needs: list[str] | None = None
        if plan is not None:
            ours = set(refs)
            on_courses = [a for a in plan.assignments if a.course in ours]
            placed = sum(a.trainees for a in on_courses)
            needs = sorted({a.need for a in on_courses})
        watches.append(MandateWatch(mission.code, mission.name, mission.ends,
                                    (mission.ends - today).days, refs,
                                    sum(c.seats for c in courses), placed, needs))
    return watches


def courses_past_mandate(bundle: Bundle) -> list[CoursePastMandate]:
    """Courses the planner skips with reason ``mandate``, sorted by ref.

    Import refuses such courses, but a mandate shortened later leaves them behind; a Mission
    with a later end re-opens them.
    """
    missions = {m.code: m for m in bundle.missions}
    flagged = []
    for course in sorted(bundle.courses, key=lambda c: c.ref):
        if within_mandate(course, missions):
            continue
        mission = missions.get(course.mission)
        flagged.append(CoursePastMandate(
            course.ref, course.mission, course.starts, course.ends,
            mission.starts if mission else None, mission.ends if mission else None))
    return flagged
