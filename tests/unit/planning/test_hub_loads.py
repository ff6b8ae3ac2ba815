"""A plan's hub loads: one HubMonthLoad per hub and plan month, the same read model the
approved-plan report and the throughput figures use."""

from __future__ import annotations

from clearinghouse.domain.months import add_months
from clearinghouse.planning.engine import plan
from clearinghouse.planning.figures import hub_loads

from .bundles import START, bundle, hub, need, offer, settings


def test_a_plans_hub_loads_give_every_month_and_no_capacity_while_the_hub_is_shut() -> None:
    b = bundle(needs=[need("N1", qty=10, due=6)], offers=[offer("O1", qty=10)],
               hubs=[hub(capacity=4, opens=1, closes=3)])
    s = settings(horizon=4)
    loads = hub_loads(plan(b, s), b, s)
    assert [x.month for x in loads] == [add_months(START, t) for t in range(4)]
    assert [x.capacity_t for x in loads] == [0, 4, 4, 0]
    assert [x.planned_t for x in loads] == [0, 4, 4, 0]
    assert all(x.actual_t == 0 for x in loads)
