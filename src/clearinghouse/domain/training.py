"""Training: missions and their mandates, training needs and course offers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from clearinghouse.domain.catalogue import check_ref
from clearinghouse.domain.errors import CaveatViolation, DomainError, require
from clearinghouse.domain.nations import Caveat, Nation, check_code
from clearinghouse.domain.needs import check_priority, check_quantity

MANDATE_WARNING = timedelta(days=90)


class CourseCategory(StrEnum):
    COMBAT = "combat"
    MEDICAL = "medical"
    LOGISTICS = "logistics"
    DEMINING = "demining"
    ENGINEERING = "engineering"
    CYBER = "cyber"
    MAINTENANCE = "maintenance"
    STAFF = "staff"


def parse_category(text: str) -> CourseCategory:
    try:
        return CourseCategory(text)
    except ValueError:
        known = ", ".join(c.value for c in CourseCategory)
        raise DomainError(f"unknown course category {text!r}", field="category",
                          rule=f"must be one of {known}", value=text) from None


@dataclass(frozen=True, slots=True)
class Mission:
    """A programme (NSATU, EUMAM) whose mandate runs from ``starts`` to ``ends``.

    ``renewal_expected``: a renewal of the mandate is pending, expected to be decided on that
    date. While it is pending, courses may be planned past ``ends`` on the assumption that
    the mandate is renewed (the "not renewed" scenario shows what hangs on that).
    """

    code: str
    name: str
    starts: date
    ends: date
    renewal_expected: date | None = None

    def __post_init__(self) -> None:
        check_ref(self.code, field="code", what="mission")
        require(self.ends > self.starts,
                f"mission {self.code}: mandate ends {self.ends} before it starts {self.starts}",
                field="ends", rule="must be after starts", value=self.ends)
        require(self.renewal_expected is None or self.renewal_expected > self.starts,
                f"mission {self.code}: renewal expected {self.renewal_expected}, before its "
                f"mandate starts {self.starts}", field="renewal_expected",
                rule="must be after starts", value=self.renewal_expected)

    def ended(self, today: date) -> bool:
        """True once the mandate's last day has passed."""
        return self.ends < today

    def ends_soon(self, today: date) -> bool:
        """True within 90 days before the mandate's end (and not yet ended)."""
        return today <= self.ends <= today + MANDATE_WARNING


@dataclass(frozen=True, slots=True)
class TrainingNeed:
    ref: str
    category: CourseCategory
    trainees: int
    priority: int
    due: date

    def __post_init__(self) -> None:
        check_ref(self.ref, what="training need")
        check_quantity(f"training need {self.ref}", self.trainees, "trainees")
        check_priority(f"training need {self.ref}", self.priority)


@dataclass(frozen=True, slots=True)
class CourseOffer:
    ref: str
    host: str
    location: str
    category: CourseCategory
    mission: str
    seats: int
    starts: date
    ends: date

    def __post_init__(self) -> None:
        check_ref(self.ref, what="course")
        check_code(self.host, field="host", what="host nation")
        check_code(self.location, field="location", what="location country")
        check_ref(self.mission, field="mission", what="mission")
        check_quantity(f"course {self.ref}", self.seats, "seats")
        require(self.ends >= self.starts,
                f"course {self.ref}: ends {self.ends} before it starts {self.starts}",
                field="ends", rule="must be on or after starts", value=self.ends)

    def check_caveats(self, host: Nation, location: Nation) -> None:
        """The host's caveats: territory of the location, and non-combat categories only."""
        broken = host.allows_territory(location)
        if broken is not None:
            bloc = "NATO" if broken is Caveat.NATO_TERRITORY_ONLY else "the EU"
            raise CaveatViolation(
                f"course {self.ref}: {host.name} has the caveat {broken}; "
                f"{location.name} is not in {bloc}",
                field="location", rule=f"a {broken} host's courses must be located in {bloc}",
                value=self.location)
        if host.has(Caveat.NON_COMBAT_ONLY) and self.category is CourseCategory.COMBAT:
            raise CaveatViolation(
                f"course {self.ref}: {host.name} has the caveat non-combat-only; "
                "category combat is a combat role",
                field="category", rule="a non-combat-only host offers only non-combat categories",
                value=self.category.value)

    def check_mandate(self, mission: Mission) -> None:
        """A course cannot run outside its mission's mandate (past its end only while a
        renewal is pending)."""
        past_end = self.ends > mission.ends and mission.renewal_expected is None
        if past_end or self.starts < mission.starts:
            raise DomainError(
                f"course {self.ref}: runs {self.starts}–{self.ends}, outside the mandate of "
                f"{mission.code} ({mission.starts}–{mission.ends})",
                field="ends" if past_end else "starts",
                rule=f"must lie within the mandate of mission {mission.code}",
                value=self.ends if past_end else self.starts)
