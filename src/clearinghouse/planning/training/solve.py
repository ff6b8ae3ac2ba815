"""Solve the training model with HiGHS and return whole trainees.

Placing trainees on seats is a transportation problem: its matrix is totally unimodular and
its bounds are whole numbers, so the simplex optimum (a vertex) is already integral and the
LP optimum is also the bound. We still round, then verify the rounded plan: it must keep every
row and bound and lose no value; otherwise (an interior point, a solver tolerance) we solve the
same model again with integer columns.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import highspy
import numpy as np

from clearinghouse.planning.highs import new_highs
from clearinghouse.planning.settings import PlanSettings
from clearinghouse.planning.training.model import TrainingModel
from clearinghouse.planning.training.problem import Floats, Ints

INTEGRAL = 1e-6  # how far from a whole number a column may sit and still be rounded


@dataclass(frozen=True, eq=False, slots=True)
class TrainingSolution:
    """Whole trainees per column, the LP optimum (the bound) and how integrality was reached."""

    status: str
    trainees: Ints
    lp_bound: float
    integral_by: str
    seconds: float


def solve_model(model: TrainingModel, settings: PlanSettings) -> TrainingSolution:
    """Maximise value over the LP, round to whole trainees, verify; fall back to the MIP."""
    started = time.perf_counter()
    if model.num_cols == 0:
        return TrainingSolution("optimal", np.zeros(0, np.int64), 0.0, "empty",
                                time.perf_counter() - started)
    h = _highs(settings)
    lp = model.lp
    h.passModel(lp.num_cols, lp.num_rows, len(lp.entries), 1, 1, 0.0, -lp.value,
                np.zeros(lp.num_cols), lp.upper, lp.row_lower, lp.row_upper, lp.start,
                lp.index, lp.entries, np.zeros(lp.num_cols, dtype=np.int32))
    status = _run(h)
    if status != "optimal":
        return TrainingSolution(status, np.zeros(model.num_cols, np.int64), 0.0, "none",
                                time.perf_counter() - started)
    lp_bound = -float(h.getInfo().objective_function_value)
    x = np.asarray(h.getSolution().col_value, dtype=np.float64)
    trainees, integral_by = rounded(model, x, lp_bound), "lp-vertex"
    if trainees is None:
        cols = np.arange(model.num_cols, dtype=np.int32)
        h.changeColsIntegrality(len(cols), cols, np.ones(len(cols), dtype=np.uint8))
        status = _run(h)
        x = np.asarray(h.getSolution().col_value, dtype=np.float64)
        trainees, integral_by = rounded(model, x, None), "mip"
        if trainees is None:
            raise RuntimeError(f"training plan: HiGHS returned no whole-trainee plan ({status})")
    return TrainingSolution(status, trainees, lp_bound, integral_by,
                            time.perf_counter() - started)


def rounded(model: TrainingModel, x: Floats, lp_bound: float | None) -> Ints | None:
    """``x`` rounded to whole trainees, or None if rounding moved it, broke a row or lost value."""
    whole = np.rint(x)
    if np.max(np.abs(x - whole), initial=0.0) > INTEGRAL:
        return None
    if not is_feasible(model, whole):
        return None
    if lp_bound is not None and float(model.value @ whole) < lp_bound * (1 - 1e-9) - 1e-9:
        return None
    return whole.astype(np.int64)


def is_feasible(model: TrainingModel, x: Floats) -> bool:
    """0 <= x <= upper and every trainee and seat row holds, exactly (x is whole)."""
    rows = model.matrix @ x
    return bool(np.all(x >= 0) and np.all(x <= model.upper) and np.all(rows <= model.row_upper))


def _highs(settings: PlanSettings) -> highspy.Highs:
    h = new_highs()
    for name, value in (("output_flag", False), ("random_seed", 0), ("parallel", "off"),
                        ("time_limit", settings.time_limit_s),
                        ("mip_rel_gap", settings.mip_rel_gap)):
        h.setOptionValue(name, value)
    return h


def _run(h: highspy.Highs) -> str:
    h.run()
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kOptimal:
        return "optimal"
    if status in (highspy.HighsModelStatus.kTimeLimit, highspy.HighsModelStatus.kIterationLimit):
        return "time-limit"
    return str(h.modelStatusToString(status)).lower().replace(" ", "-")
