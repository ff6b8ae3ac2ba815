"""Which courses the training planner may use: the host's caveats, the mandate, the horizon.

The rules themselves live in the domain (:meth:`CourseOffer.check_caveats`,
:meth:`CourseOffer.check_mandate`); the planner only asks whether a course passes them, so a
record refused at import and a course skipped in planning are refused by the same code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.nations import Nation
from clearinghouse.domain.training import CourseOffer, Mission
from clearinghouse.planning.settings import PlanSettings


@dataclass(frozen=True, slots=True)
class CourseCheck:
    """One course as the planner sees it: which rules it passes and its start month."""

    course: CourseOffer
    respects_caveats: bool
    within_mandate: bool
    month: int
    in_horizon: bool

    @property
    def usable(self) -> bool:
        """Usable by a need of its category whose due month allows its start month."""
        return self.respects_caveats and self.within_mandate and self.in_horizon


def respects_caveats(course: CourseOffer, nations: Mapping[str, Nation]) -> bool:
    """True when the host's caveats allow the course (location territory, category).

    A course whose host or location nation is unknown cannot be shown to respect the host's
    caveats, so it counts as breaking them.
    """
    host, location = nations.get(course.host), nations.get(course.location)
    if host is None or location is None:
        return False
    try:
        course.check_caveats(host, location)
    except DomainError:
        return False
    return True


def within_mandate(course: CourseOffer, missions: Mapping[str, Mission]) -> bool:
    """True when the course starts and ends inside its mission's mandate (unknown: no mandate)."""
    mission = missions.get(course.mission)
    if mission is None:
        return False
    try:
        course.check_mandate(mission)
    except DomainError:
        return False
    return True


def check_courses(bundle: Bundle, settings: PlanSettings) -> list[CourseCheck]:
    """Every course of the bundle, sorted by ref, with the rules it passes."""
    nations = {n.code: n for n in bundle.nations}
    missions = {m.code: m for m in bundle.missions}
    checks = []
    for course in sorted(bundle.courses, key=lambda c: c.ref):
        month = settings.plan_month(course.starts)
        checks.append(CourseCheck(course, respects_caveats(course, nations),
                                  within_mandate(course, missions), month,
                                  month < settings.horizon))
    return checks
