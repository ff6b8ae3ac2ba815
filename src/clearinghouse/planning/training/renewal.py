"""The "not renewed" scenario: training re-planned without a mission's courses after its end.

The base is the training plan as the picture stands — a mandate whose renewal is pending is
assumed to be renewed, so its courses past the end are planned. Not renewed, those courses
(every course of the mission that ends after the mandate's last day) drop out and the
trainees are re-placed where other courses allow.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.errors import DomainError
from clearinghouse.planning.settings import PlanSettings
from clearinghouse.planning.training.plan import TrainingPlan


@dataclass(frozen=True, slots=True)
class NeedChange:
    """A training need whose trainees placed change: before and after."""

    need: str
    before: int
    after: int


@dataclass(frozen=True, slots=True)
class RenewalImpact:
    """What the training plan loses if ``mission``'s mandate is not renewed."""

    mission: str
    ends: date
    renewal_expected: date | None
    courses_lost: list[str]
    seats_lost: int
    trainees_before: int
    trainees_after: int
    value_before: float
    value_after: float
    needs: list[NeedChange]

    @property
    def trainees_lost(self) -> int:
        return self.trainees_before - self.trainees_after


def not_renewed(bundle: Bundle, settings: PlanSettings, mission: str) -> RenewalImpact:
    """Re-plan training without ``mission``'s courses after its end; compare with the plan."""
    from clearinghouse.planning.training import plan_training  # the package imports this one

    found = next((m for m in bundle.missions if m.code == mission), None)
    if found is None:
        raise DomainError(f"unknown mission {mission!r}", field="mission",
                          rule="must be a mission of the clearing house", value=mission)
    lost = sorted((c for c in bundle.courses if c.mission == mission and c.ends > found.ends),
                  key=lambda c: c.ref)
    gone = {c.ref for c in lost}
    cut = dataclasses.replace(
        bundle,
        missions=[dataclasses.replace(m, renewal_expected=None) if m.code == mission else m
                  for m in bundle.missions],
        courses=[c for c in bundle.courses if c.ref not in gone])
    before, after = plan_training(bundle, settings), plan_training(cut, settings)
    return RenewalImpact(mission, found.ends, found.renewal_expected, [c.ref for c in lost],
                         sum(c.seats for c in lost), before.trainees_placed,
                         after.trainees_placed, before.value, after.value,
                         _changes(before, after))


def _changes(before: TrainingPlan, after: TrainingPlan) -> list[NeedChange]:
    out = []
    for ref, r in before.needs.items():
        placed = after.needs[ref].placed if ref in after.needs else 0
        if placed != r.placed:
            out.append(NeedChange(ref, r.placed, placed))
    return sorted(out, key=lambda c: (c.after - c.before, c.need))
