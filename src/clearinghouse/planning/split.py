"""From the pooled model's passes (pooled.py) to routes through hubs on the offers' own groups.

The pooled optimum says how many units of each item pass some hub in each month. The split
spreads them over the full model's groups (item and allowed hubs) with the full model's
supply rows, in two steps:

1. the groups' passes ``pass[g,t]``, with the pooled hub rows of pooled.py over the groups'
   own hub sets, and
       item[i,t]:  Σ_{g of item i} pass[g,t] = passes of item i in month t,
   at the least cost if each unit took its group's cheapest lane;
2. for each group and month, its passes spread over its hubs (``route[g,h,t]``, hub rows
   ``hub[h,t]``) at the least transport cost — always possible after step 1 (Gale).

A solution is a solution of the full model worth the pooled optimum, which bounds the full
model's: the plan is optimal. Step 1 fails only when the pooled model's relaxation mattered
(some offers' routes allow fewer hubs than their item's other offers'); the engine then
solves the full model. With too many hub sets (pooled.MAX_SETS) both steps are one: routes
per hub with the ``item`` rows. Transport cost is low for these passes, not necessarily the
least among all plans of optimal value.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from clearinghouse.planning.groups import SupplyGroups, last_useful_month, supply_groups
from clearinghouse.planning.lp import Builder
from clearinghouse.planning.model import Routes, add_hub_capacity, add_routes, add_supply
from clearinghouse.planning.pooled import PooledModel, add_hub_sets, add_passes, hub_reach, hub_sets
from clearinghouse.planning.problem import Floats, Ints, Problem
from clearinghouse.planning.solve import cheapest

PASSED = 1e-9  # units below which an item passes nothing in a month
SLACK = 1e-7  # units an item's month may fall short by (the solvers' tolerance)


def split_passes(p: Problem, pooled: PooledModel, x: Floats,
                 deadline: float) -> tuple[SupplyGroups, Routes, Floats] | None:
    """The routes of the pooled solution ``x`` (groups, route columns, units on each), or
    None when it has no split."""
    m = pooled.model
    r, H = m.routes, p.horizon
    passed = np.zeros((len(p.item_codes), H))
    np.add.at(passed, (m.groups.item[r.group], r.month), x[r.start:r.start + len(r.group)])
    passed[passed < PASSED] = 0.0
    groups = supply_groups(p, by_cost=False)
    last = last_useful_month(p)
    b = Builder()
    reach = np.where(passed[groups.item] > 0, hub_reach(p, groups, last), 0)
    sets = hub_sets(p, groups, reach)
    if sets is None:
        routes = add_routes(b, p, groups, last, where=reach > 0)
        add_supply(b, p, groups, routes)
        add_hub_capacity(b, p, groups, routes)
    else:
        routes = add_passes(b, groups, reach)
        add_supply(b, p, groups, routes)
        add_hub_sets(b, p, groups, routes, reach, sets)
    _add_totals(b, routes, groups.item[routes.group], passed)
    model = b.build()
    if sets is not None:  # each unit on its group's cheapest lane, for now
        cheapest_lane = np.where(groups.allowed, groups.cost, np.inf).min(axis=1, initial=np.inf)
        lane = np.zeros(model.num_cols)
        lane[routes.start:routes.start + len(routes.group)] = (
            groups.weight[routes.group] / 1000 * cheapest_lane[routes.group])
        model = dataclasses.replace(model, cost=lane)
    solved = cheapest(model, deadline)
    if solved is None:
        return None
    route_x = solved[routes.start:routes.start + len(routes.group)]
    if sets is not None:
        routes, route_x = _through_hubs(p, groups, routes, route_x, deadline)
    # each month's passes exactly: the slack must not add up along the FIFO match (extract)
    key = groups.item[routes.group], routes.month
    got = np.zeros_like(passed)
    np.add.at(got, key, route_x)
    scale = np.divide(passed, got, out=np.zeros_like(passed), where=got > 0)
    return groups, routes, route_x * scale[key]


def _add_totals(b: Builder, r: Routes, key: Ints, total: Floats) -> None:
    """total[k,t]: Σ_{columns of key k in month t} = total[k,t] (less the slack)."""
    k, month = np.nonzero(total)
    amount = total[k, month]
    row0 = b.add_rows("total", amount, lower=np.maximum(amount - SLACK, 0.0))
    row_of = np.full(total.shape, -1, dtype=np.int64)
    row_of[k, month] = row0 + np.arange(len(k))
    b.add_entries(row_of[key, r.month], r.start + np.arange(len(r.group)), 1.0)


def _through_hubs(p: Problem, groups: SupplyGroups, passes: Routes, pass_x: Floats,
                  deadline: float) -> tuple[Routes, Floats]:
    """Each group's passes of a month spread over its hubs at the least transport cost."""
    total = np.zeros((groups.count, p.horizon))
    np.add.at(total, (passes.group, passes.month), pass_x)
    total[total < PASSED] = 0.0
    b = Builder()
    routes = add_routes(b, p, groups, np.full(len(p.classes), p.horizon - 1), where=total > 0)
    add_hub_capacity(b, p, groups, routes)
    _add_totals(b, routes, routes.group, total)
    route_x = cheapest(b.build(), deadline)
    if route_x is None:  # out of time (Gale's rows held): the manual way fills the rest
        return routes, np.zeros(len(routes.group))
    return routes, route_x[routes.start:routes.start + len(routes.group)]
