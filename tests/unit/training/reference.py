"""A plainly written reference model: one integer variable per need × course, built by loops.

The rules are restated here from SPEC §2 and §4 rather than imported, so that the planner
and this model can disagree.
"""

from __future__ import annotations

from datetime import date

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.training import CourseOffer
from clearinghouse.planning.settings import PlanSettings


def month_index(day: date, start: date) -> int:
    return max(0, (day.year - start.year) * 12 + day.month - start.month)


def allowed(bundle: Bundle, course: CourseOffer) -> bool:
    """The host's caveats and the mission's mandate allow this course."""
    nations = {n.code: n for n in bundle.nations}
    missions = {m.code: m for m in bundle.missions}
    host, location = nations.get(course.host), nations.get(course.location)
    mission = missions.get(course.mission)
    if host is None or location is None or mission is None:
        return False
    if "nato-territory-only" in host.caveats and not location.nato:
        return False
    if "eu-territory-only" in host.caveats and not location.eu:
        return False
    if "non-combat-only" in host.caveats and course.category == "combat":
        return False
    return mission.starts <= course.starts and course.ends <= mission.ends


def reference_optimum(bundle: Bundle, s: PlanSettings) -> float:
    """The best value of whole trainees on seats, solved as an integer program (no gap)."""
    needs, courses = bundle.training_needs, bundle.courses
    value = np.zeros((len(needs), len(courses)))
    upper = np.zeros((len(needs), len(courses)))
    for i, n in enumerate(needs):
        due = month_index(n.due, s.start)
        for j, c in enumerate(courses):
            starts = month_index(c.starts, s.start)
            if (c.category == n.category and allowed(bundle, c) and starts < s.horizon
                    and starts <= due + s.late_cutoff_months):
                late = max(0, starts - due)
                value[i, j] = s.weights[n.priority - 1] / n.trainees * s.decay ** late
                upper[i, j] = n.trainees
    rows, limits = [], []
    for i, n in enumerate(needs):
        row = np.zeros((len(needs), len(courses)))
        row[i, :] = 1
        rows.append(row.ravel())
        limits.append(n.trainees)
    for j, c in enumerate(courses):
        row = np.zeros((len(needs), len(courses)))
        row[:, j] = 1
        rows.append(row.ravel())
        limits.append(c.seats)
    if value.size == 0:
        return 0.0
    result = milp(-value.ravel(), integrality=np.ones(value.size),
                  bounds=Bounds(0, upper.ravel()),
                  constraints=LinearConstraint(np.array(rows), -np.inf, np.array(limits)),
                  options={"mip_rel_gap": 0})
    assert result.success, result.message
    return float(-result.fun)
