"""Training planner: fill training needs with course seats under caveats and mandates."""

from __future__ import annotations

from clearinghouse.domain.bundle import Bundle
from clearinghouse.planning.settings import PlanSettings
from clearinghouse.planning.training.model import build_model
from clearinghouse.planning.training.plan import (
    Assignment,
    TrainingNeedResult,
    TrainingPlan,
    extract,
)
from clearinghouse.planning.training.problem import snapshot
from clearinghouse.planning.training.reasons import REASONS
from clearinghouse.planning.training.renewal import RenewalImpact, not_renewed
from clearinghouse.planning.training.solve import solve_model
from clearinghouse.planning.training.watch import (
    CoursePastMandate,
    MandateWatch,
    courses_past_mandate,
    mandate_watch,
)


def plan_training(bundle: Bundle, settings: PlanSettings) -> TrainingPlan:
    """The value-maximising placement of trainees on course seats (SPEC §4, training)."""
    problem = snapshot(bundle, settings)
    model = build_model(problem)
    return extract(problem, model, solve_model(model, settings), settings)


__all__ = [
    "REASONS",
    "Assignment",
    "CoursePastMandate",
    "MandateWatch",
    "RenewalImpact",
    "TrainingNeedResult",
    "TrainingPlan",
    "courses_past_mandate",
    "mandate_watch",
    "not_renewed",
    "plan_training",
]
