"""Training use cases: place trainees on course seats, watch mandates ending."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from clearinghouse.config import Settings
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.errors import DomainError
from clearinghouse.planning.training import (
    CoursePastMandate,
    MandateWatch,
    RenewalImpact,
    TrainingPlan,
    courses_past_mandate,
    mandate_watch,
    not_renewed,
    plan_training,
)
from clearinghouse.services.errors import UserError
from clearinghouse.services.exchange.files import load_bundle_file, stored_bundle
from clearinghouse.services.planning.plan_runs import plan_settings

__all__ = ["CoursePastMandate", "MandateWatch", "RenewalImpact", "TrainingPlan", "mandates",
           "not_renewed_scenario", "training_plan"]


def _source(settings: Settings, path: Path | Bundle | None) -> Bundle:
    if isinstance(path, Bundle):
        return path
    return stored_bundle(settings) if path is None else load_bundle_file(path)


def training_plan(settings: Settings, path: Path | Bundle | None, *, start: date,
                  horizon: int) -> TrainingPlan:
    """The optimal placement of trainees for a bundle (file), or the database when None."""
    bundle = _source(settings, path)
    try:
        return plan_training(bundle, plan_settings(start, horizon))
    except DomainError as e:
        raise UserError(str(e)) from e


def mandates(settings: Settings, path: Path | Bundle | None, *, today: date,
             within_days: int, start: date,
             horizon: int) -> tuple[list[MandateWatch], list[CoursePastMandate]]:
    """Mandates ending within ``within_days`` with what depends on them, and courses past one,
    for a bundle (file), a bundle already loaded (the records released to a user's nation),
    or the database when None."""
    bundle = _source(settings, path)
    try:
        plan = plan_training(bundle, plan_settings(start, horizon))
    except DomainError as e:
        raise UserError(str(e)) from e
    return mandate_watch(bundle, today, within_days, plan), courses_past_mandate(bundle)


def not_renewed_scenario(settings: Settings, path: Path | Bundle | None, *, mission: str,
                         start: date, horizon: int) -> RenewalImpact:
    """Training re-planned without ``mission``'s courses after its end, against the plan as
    the picture stands (a pending renewal assumed to pass), for a bundle (file), a bundle
    already loaded (a user's view), or the database when None."""
    bundle = _source(settings, path)
    try:
        return not_renewed(bundle, plan_settings(start, horizon), mission)
    except DomainError as e:
        raise UserError(str(e)) from e
