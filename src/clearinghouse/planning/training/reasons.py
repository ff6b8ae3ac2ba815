"""Why a training need is not fully met: the rule that removed its last candidate course.

The courses of a need's category pass through the rules in this order, and the reason is the
first rule after which none is left:

1. ``no-compatible-course`` — no course of the need's category exists at all;
2. ``caveat``   — every such course breaks its host's caveats (location territory, category);
3. ``mandate``  — every course left runs outside its mission's mandate;
4. ``too-late`` — every course left starts after the due month + the late cut-off, or at or
   after the horizon;
5. ``seats``    — usable courses exist, and the plan has filled every one of them.

``seats`` is checked, not assumed: a need left short while a usable course still has a free
seat would mean the solve stopped before the optimum (one more trainee there adds value), so
that need gets ``solver-stopped`` — and on an optimal plan this is an error.
"""

from __future__ import annotations

import numpy as np

from clearinghouse.planning.training.problem import Ints, TrainingProblem, category_blocks, in_time

REASONS: tuple[str, ...] = ("no-compatible-course", "caveat", "mandate", "too-late", "seats")
SOLVER_STOPPED = "solver-stopped"


def unmet_reasons(p: TrainingProblem, placed: Ints, seats_used: Ints,
                  optimal: bool) -> list[str | None]:
    """Per need (in ``p.needs`` order): None when fully met, else its reason (see module)."""
    reasons: list[str | None] = [REASONS[0]] * len(p.needs)
    caveat_ok = np.asarray([c.respects_caveats for c in p.courses], dtype=np.bool_)
    mandate_ok = np.asarray([c.within_mandate for c in p.courses], dtype=np.bool_)
    horizon_ok = np.asarray([c.in_horizon for c in p.courses], dtype=np.bool_)
    full = seats_used >= p.course_seats
    for needs, courses in category_blocks(p, p.course_category):
        if not len(courses):
            continue
        after_caveat = caveat_ok[courses]
        after_mandate = after_caveat & mandate_ok[courses]
        usable = np.asarray((after_mandate & horizon_ok[courses])[None, :]
                            & in_time(p, needs, p.course_month[courses]), dtype=np.bool_)
        spare = np.asarray((usable & ~full[courses][None, :]).any(axis=1), dtype=np.bool_)
        for row, n in enumerate(needs):
            if not after_caveat.any():
                reasons[n] = "caveat"
            elif not after_mandate.any():
                reasons[n] = "mandate"
            elif not usable[row].any():
                reasons[n] = "too-late"
            elif spare[row] and placed[n] < p.need_trainees[n]:
                if optimal:
                    raise RuntimeError(f"training need {p.needs[n].ref}: left short while a "
                                       "usable course has a free seat; the plan is not optimal")
                reasons[n] = SOLVER_STOPPED
            else:
                reasons[n] = "seats"
    return [None if placed[n] >= p.need_trainees[n] else reasons[n] for n in range(len(p.needs))]
