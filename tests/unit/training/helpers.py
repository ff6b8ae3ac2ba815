"""Small training pictures: a few nations, one mission, needs and courses built by hand."""

from __future__ import annotations

from datetime import date, timedelta

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.nations import Caveat, Nation, NationRole
from clearinghouse.domain.training import CourseCategory, CourseOffer, Mission, TrainingNeed
from clearinghouse.planning.settings import PlanSettings
from clearinghouse.planning.training import TrainingPlan, plan_training

START = date(2027, 1, 1)
SETTINGS = PlanSettings(START)
MEDICAL, COMBAT = CourseCategory.MEDICAL, CourseCategory.COMBAT

NATIONS = [
    Nation("POL", "Poland", True, True, NationRole.DONOR),
    Nation("NOR", "Norway", True, False, NationRole.DONOR),
    Nation("AUT", "Austria", False, True, NationRole.PARTNER,
           frozenset({Caveat.EU_TERRITORY_ONLY})),
    Nation("MNE", "Montenegro", True, False, NationRole.DONOR,
           frozenset({Caveat.NATO_TERRITORY_ONLY})),
    Nation("JPN", "Japan", False, False, NationRole.PARTNER,
           frozenset({Caveat.NON_COMBAT_ONLY, Caveat.NON_LETHAL_ONLY})),
    Nation("UKR", "Ukraine", False, False, NationRole.RECIPIENT),
]
NSATU = Mission("NSATU", "NSATU", date(2024, 12, 19), date(2028, 12, 31))


def month(months: int, day: int = 10) -> date:
    """A day in month ``months`` of the plan (0 is the start month)."""
    index = START.year * 12 + START.month - 1 + months
    return date(index // 12, index % 12 + 1, day)


def need(ref: str, trainees: int = 10, priority: int = 1, due: int = 0,
         category: CourseCategory = MEDICAL) -> TrainingNeed:
    return TrainingNeed(ref, category, trainees, priority, month(due))


def course(ref: str, host: str = "POL", location: str = "POL", seats: int = 10,
           starts: int = 0, category: CourseCategory = MEDICAL, mission: str = "NSATU",
           days: int = 14) -> CourseOffer:
    first = month(starts, 2)
    return CourseOffer(ref, host, location, category, mission, seats, first,
                       first + timedelta(days=days))


def picture(needs: list[TrainingNeed], courses: list[CourseOffer],
            missions: list[Mission] | None = None) -> Bundle:
    return Bundle(nations=list(NATIONS), missions=missions or [NSATU],
                  training_needs=needs, courses=courses)


def plan(needs: list[TrainingNeed], courses: list[CourseOffer],
         missions: list[Mission] | None = None) -> TrainingPlan:
    return plan_training(picture(needs, courses, missions), SETTINGS)


def placed(result: TrainingPlan) -> dict[tuple[str, str], int]:
    """Trainees per (need, course)."""
    return {(a.need, a.course): a.trainees for a in result.assignments}
