"""Whole trainees: the LP vertex is rounded only when rounding keeps every row and all value."""

from __future__ import annotations

import numpy as np

from clearinghouse.planning.training.model import TrainingModel, build_model
from clearinghouse.planning.training.problem import snapshot
from clearinghouse.planning.training.solve import rounded

from .helpers import SETTINGS, course, need, picture


def two_needs_one_course() -> TrainingModel:
    p = snapshot(picture([need("T-1", 10), need("T-2", 10)], [course("C-1", seats=15)]),
                 SETTINGS)
    return build_model(p)


def test_a_whole_plan_that_keeps_every_row_is_accepted() -> None:
    model = two_needs_one_course()
    x = np.array([10.0, 5.0 + 1e-9])
    whole = rounded(model, x, float(model.value @ np.array([10.0, 5.0])))
    assert whole is not None
    assert whole.tolist() == [10, 5]


def test_a_fractional_plan_is_refused_for_rounding() -> None:
    assert rounded(two_needs_one_course(), np.array([7.5, 7.5]), None) is None


def test_rounding_that_overfills_a_course_is_refused() -> None:
    assert rounded(two_needs_one_course(), np.array([10.0, 6.0]), None) is None


def test_rounding_that_loses_value_against_the_bound_is_refused() -> None:
    model = two_needs_one_course()
    assert rounded(model, np.array([10.0, 4.0]), float(model.value @ [10.0, 5.0])) is None
