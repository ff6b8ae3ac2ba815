"""Every HiGHS solver of the process runs, whichever ran first (the API serves training plans
and plans from one process)."""

from __future__ import annotations

import math

from tests.unit.training.helpers import course
from tests.unit.training.helpers import need as training_need
from tests.unit.training.helpers import plan as training_plan

from clearinghouse.planning.engine import plan
from clearinghouse.planning.problem import snapshot
from clearinghouse.planning.value_lp import solve_value_lp

from .bundles import bundle, hub, need, offer, settings


def test_a_plan_after_a_training_plan_is_still_solved_to_optimality() -> None:
    # The training planner starts HiGHS's thread scheduler with its default thread count; a
    # solver asking for another count afterwards used to stop at status "Not Set".
    assert training_plan([training_need("T-1", 8)], [course("C-1")]).status == "optimal"
    b = bundle(needs=[need("N1", qty=10, due=1)], offers=[offer("O1", qty=10, available=1)],
               hubs=[hub(capacity=8)])
    planned = plan(b, settings())
    assert planned.status == "optimal"
    assert math.isfinite(planned.lp_bound)
    assert solve_value_lp(snapshot(b, settings()), 1e12).value == planned.lp_bound
