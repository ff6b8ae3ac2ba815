"""Mandate watch: mandates ending soon or ended, and what hangs on them; courses outside their
mandate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.training import MANDATE_WARNING
from clearinghouse.planning.training.courses import within_mandate
from clearinghouse.planning.training.plan import TrainingPlan


@dataclass(frozen=True, slots=True)
class MandateWatch:
    """A mission whose mandate ends soon or has ended, with its courses and their seats:
    those not yet over (ending), or those over within the watch's days or later (ended).

    ``days_left`` is negative once the mandate has ended (``ended``); ``renewal_expected``
    the date a pending renewal is expected. ``trainees_placed`` and ``needs`` (training needs
    with trainees on those courses) come from the plan given to :func:`mandate_watch`;
    without one they are None.
    """

    mission: str
    name: str
    ends: date
    days_left: int
    courses: list[str]
    seats: int
    trainees_placed: int | None
    needs: list[str] | None
    ended: bool = False
    renewal_expected: date | None = None


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
    """Missions whose mandate ends within ``within_days`` of ``today``, or ended within as many
    days before it (or ended with a renewal pending or a course still to run), soonest first."""
    window = timedelta(days=within_days)
    watches = []
    for mission in sorted(bundle.missions, key=lambda m: (m.ends, m.code)):
        ended = mission.ended(today)
        own = [c for c in bundle.courses if c.mission == mission.code]
        hanging = any(c.ends >= today for c in own)
        if not (today <= mission.ends <= today + window or (ended and (
                mission.ends >= today - window or mission.renewal_expected or hanging))):
            continue
        since = today - window if ended else today
        courses = sorted((c for c in own if c.ends >= since), key=lambda c: c.ref)
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
                                    sum(c.seats for c in courses), placed, needs, ended,
                                    mission.renewal_expected))
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
