"""The training model (SPEC §4, training): a transportation problem from needs to intakes.

Naming grammar: column ``x[n,g]`` is the number of trainees of training need ``n`` placed in
intake ``g`` (the usable courses of one category starting in one month; see problem.py); row
block ``trainees[n]`` caps what a need receives, ``seats[g]`` an intake's seats. Columns exist
only where the intake has the need's category and starts at most ``late_cutoff`` months after
its due month. plan.py splits each intake's trainees over its courses.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from clearinghouse.planning.lp import Builder, LinearModel
from clearinghouse.planning.training.problem import (
    Floats,
    Ints,
    TrainingProblem,
    category_blocks,
    in_time,
)


@dataclass(frozen=True, eq=False, slots=True)
class TrainingModel:
    """max value·x s.t. matrix·x <= row_upper, 0 <= x <= upper; column j is x[need[j],intake[j]].

    The linear model is the planner's (planning/lp.py), built by the same :class:`Builder`.
    """

    need: Ints
    intake: Ints
    lp: LinearModel

    @property
    def num_cols(self) -> int:
        return self.lp.num_cols

    @property
    def value(self) -> Floats:
        return self.lp.value

    @property
    def upper(self) -> Floats:
        return self.lp.upper

    @property
    def row_upper(self) -> Floats:
        return self.lp.row_upper

    @property
    def matrix(self) -> sp.csc_matrix:
        return self.lp.matrix()


def usable_pairs(p: TrainingProblem) -> tuple[Ints, Ints]:
    """The (need, intake) index pairs that get a column, sorted by need then intake."""
    needs: list[Ints] = [np.zeros(0, np.int64)]
    intakes: list[Ints] = [np.zeros(0, np.int64)]
    for block_needs, block_intakes in category_blocks(p, p.intake_category):
        i, j = np.nonzero(in_time(p, block_needs, p.intake_month[block_intakes]))
        needs.append(block_needs[i])
        intakes.append(block_intakes[j])
    n, g = np.concatenate(needs), np.concatenate(intakes)
    order = np.lexsort((g, n))
    return n[order], g[order]


def trainee_value(p: TrainingProblem, need: Ints, intake: Ints) -> Floats:
    """Value of one trainee of ``need`` in ``intake``: W[p] / requested × δ^max(0, start − due)."""
    late = np.maximum(0, p.intake_month[intake] - p.need_due[need])
    return np.asarray(p.need_weight[need] / p.need_trainees[need] * p.decay ** late,
                      dtype=np.float64)


def add_trainee_rows(lp: Builder, p: TrainingProblem, need: Ints) -> None:
    """trainees[n]:  Σ_g x[n,g] <= requested[n]  — a need receives at most what it asks for."""
    first = lp.add_rows("trainees", p.need_trainees.astype(np.float64))
    lp.add_entries(first + need, np.arange(len(need)), 1.0)


def add_seat_rows(lp: Builder, p: TrainingProblem, intake: Ints) -> None:
    """seats[g]:  Σ_n x[n,g] <= Σ_{c in g} seats[c]  — an intake takes at most its seats."""
    first = lp.add_rows("seats", p.intake_seats.astype(np.float64))
    lp.add_entries(first + intake, np.arange(len(intake)), 1.0)


def build_model(p: TrainingProblem) -> TrainingModel:
    """Columns for the usable pairs, the trainee and seat rows, and the value objective."""
    need, intake = usable_pairs(p)
    lp = Builder()
    # Neither row alone lets a column exceed the smaller of the two; stating it helps presolve.
    upper = np.minimum(p.need_trainees[need], p.intake_seats[intake]).astype(np.float64)
    lp.add_columns("x", len(need), value=trainee_value(p, need, intake), upper=upper,
                   integer=True)
    add_trainee_rows(lp, p, need)
    add_seat_rows(lp, p, intake)
    return TrainingModel(need=need, intake=intake, lp=lp.build())
