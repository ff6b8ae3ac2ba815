"""What would it take to meet a need in full by its due month (SPEC §5)?

For need n (room r = quantity − held, due month d, value per unit v_n) the engine's value
model (model.py with needs in buckets, or pooled.py for large bundles, as value_lp.py) is
built without n and given, in HiGHS:

- ``take[c]`` for each class c that n may take (factor f_c), drawn from the pool of month d
  (``keep`` brings earlier arrivals): ``met``: Σ_c f_c × take[c] = r;
- ``hub+[h,t]`` >= 0, t <= d, h open in t: tonnes added to ``hub[h,t]``'s capacity;
- ``class+[c,h,t]`` >= 0: units of c offered and passing open hub h in month t <= d (any
  route: the donor is not known), entering ``pool[c,t]`` and using w_c/1000 t of
  ``hub[h,t]`` (w_c: the heaviest catalogue item of c; weightless classes need no hub) — in
  the pooled model one column per month on the row of all open hubs (added_tonnes.py);
- ``fund+[k,m]`` >= 0, k making a class n may take, m + lead_k <= d: units bought with new
  money, sharing ``producer[k,m]``'s capacity, delivered to ``pool[c_k, m + lead_k]``;
- ``kept``: Σ value of the fills of every other need m with v_m >= v_n >= their value in
  the value LP's optimum — deliveries worth as much per unit as n's are never displaced.

Stage 1 minimises the additions, each as a share of what it adds to:

    A = Σ hub+[h,t] / cap_h  +  Σ class+[c,h,t] / r  +  Σ fund+[k,m] / cap_k

Stage 2 keeps A <= A* (1 + 1e-9) and maximises the value of the other needs; the needs that
get less value than in the value LP's optimum are what the additions would displace.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass

import highspy
import numpy as np

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.errors import DomainError
from clearinghouse.planning.added_tonnes import HubRows
from clearinghouse.planning.engine import COST_GROUPS
from clearinghouse.planning.groups import route_group_count
from clearinghouse.planning.model import Model, build_model
from clearinghouse.planning.pooled import build_pooled_model
from clearinghouse.planning.problem import Floats, Problem, snapshot
from clearinghouse.planning.settings import PlanSettings
from clearinghouse.planning.value_lp import (
    fill_members,
    loaded_highs,
    run,
    solve_value_lp,
)

TINY = 1e-7  # amounts below this are solver noise
A_SLACK = 1e-9  # relative room stage 2 leaves on stage 1's additions (solver tolerance)


@dataclass(frozen=True, slots=True)
class Requirement:
    """One addition: ``amount`` tonnes (hub), units (class) or EUR (funding, for producer
    ``resource`` making in ``month``)."""

    kind: str
    resource: str
    month: int
    amount: float


@dataclass(frozen=True, slots=True)
class Displaced:
    """A delivery the additions would displace: need-units and value the need loses."""

    need: str
    units: float
    value: float


@dataclass(frozen=True, slots=True)
class WhatItTakes:
    """``status``: ``met`` (the value LP meets the need on time already), ``possible`` (with
    the additions) or ``impossible`` (no addition of these kinds meets it by its due month)."""

    need: str
    due_month: int
    room: float
    on_time: float
    status: str
    additions: list[Requirement]
    displaced: list[Displaced]
    value_before: float
    value_after: float | None


def what_it_takes(bundle: Bundle, settings: PlanSettings, need_ref: str) -> WhatItTakes:
    """The smallest additions that meet ``need_ref`` by its due month (module docstring)."""
    p = snapshot(bundle, settings)
    if need_ref not in p.need_ref:
        raise DomainError(f"need {need_ref}: not a need the plan covers (unknown, or not "
                          "validated, open or partially met)", field="need",
                          rule="must be a planned need", value=need_ref)
    n = p.need_ref.index(need_ref)
    deadline = time.perf_counter() + settings.time_limit_s
    base = solve_value_lp(p, deadline)
    before_value, before_units, on_time = _per_need(p, base.model, base.x)
    d = int(min(p.need_due[n], p.horizon - 1))
    room = float(p.need_room[n])
    result = WhatItTakes(need_ref, d, room, float(on_time[n]), "met", [], [], base.value,
                         base.value)
    if on_time[n] >= room * (1 - 1e-9) - TINY:
        return result
    without = dataclasses.replace(p, need_room=np.where(np.arange(len(p.need_ref)) == n,
                                                        0.0, p.need_room))
    sets = None
    if route_group_count(without) <= COST_GROUPS:
        model = build_model(without, by_cost=False, per_need=False)
    else:  # the engine's large model (pooled.py), as for the value LP
        pooled = build_pooled_model(without)
        model, sets = pooled.model, pooled.sets
    h = loaded_highs(model.lp, np.zeros(model.lp.num_cols))
    hubs = HubRows(without, model, sets, h, d)
    extra = _Extras(without, model, h, n, d, room, _class_weights(bundle, p), hubs)
    protected = (p.need_unit_value >= p.need_unit_value[n]) & (np.arange(len(p.need_ref)) != n)
    _keep(h, without, model, protected, float(before_value[protected].sum()))
    if run(h, deadline) != highspy.HighsModelStatus.kOptimal:
        return dataclasses.replace(result, status="impossible", value_after=None)
    least = h.getInfo().objective_function_value
    weights = extra.weights
    h.addRow(-highspy.kHighsInf, least * (1 + A_SLACK) + TINY, len(weights.nonzero()[0]),
             np.flatnonzero(weights).astype(np.int32) + model.lp.num_cols,
             weights[weights != 0])
    cost = np.zeros(model.lp.num_cols + len(weights))
    cost[:model.lp.num_cols] = -model.lp.value
    h.changeColsCost(len(cost), np.arange(len(cost), dtype=np.int32), cost)
    if run(h, deadline) != highspy.HighsModelStatus.kOptimal:
        raise DomainError(f"need {need_ref}: the solver did not finish in time",
                          field="time_limit_s", rule="must leave the solver time")
    x = np.asarray(h.getSolution().col_value, dtype=np.float64)
    after_value, after_units, _ = _per_need(without, model, x[:model.lp.num_cols])
    lost = before_value - after_value
    lost[n] = 0.0
    tol = TINY * max(1.0, base.value)
    displaced = [Displaced(p.need_ref[m], float(before_units[m] - after_units[m]),
                           float(lost[m])) for m in np.argsort(-lost, kind="stable")
                 if lost[m] > tol]
    others = -h.getInfo().objective_function_value
    noise = 2 * (least * A_SLACK + TINY)
    return dataclasses.replace(
        result, status="possible", additions=extra.requirements(x[model.lp.num_cols:], noise),
        displaced=displaced, value_after=others + float(p.need_unit_value[n]) * room)


class _Extras:
    """The ``take``, ``hub+``, ``class+`` and ``fund+`` columns and the ``met`` row."""

    def __init__(self, p: Problem, model: Model, h: highspy.Highs, n: int, d: int,
                 room: float, class_weight: Floats, hubs: HubRows) -> None:
        lp, H = model.lp, p.horizon
        pool0 = lp.rows["pool"].start
        # (kind, resource, month, amount per column unit, rows, coefficients, weight in A)
        cols: list[tuple[str, str, int, float, list[int], list[float], float]] = []
        take = p.compatible(int(p.need_class[n]))
        for hh, t in zip(*np.nonzero(p.hub_open[:, :d + 1]), strict=True):
            rows = hubs.capacity(int(hh), int(t))
            cols.append(("hub", p.hubs[hh], int(t), 1.0, rows, [-1.0] * len(rows),
                         1.0 / max(float(p.hub_capacity[hh]), 1.0)))
        for c, _ in take:
            w = float(class_weight[c]) / 1000
            for t in range(d + 1):
                ways = hubs.passes(t) if w > 0 else [(None, [])]
                for _, rows in ways:
                    cols.append(("class", p.classes[c], t, 1.0, [pool0 + c * H + t, *rows],
                                 [-1.0] + [w] * len(rows), 1.0 / max(room, 1.0)))
        prod0 = lp.rows["producer"].start
        ok_class = {c for c, _ in take}
        for k in range(len(p.producer_code)):
            c, lead = int(p.producer_class[k]), int(p.producer_lead[k])
            if c not in ok_class:
                continue
            for m in range(int(p.producer_month[k]), d - lead + 1):
                if p.producer_cap[k, m] > 0:
                    cols.append(("funding", p.producer_code[k], m, float(p.producer_price[k]),
                                 [prod0 + k * H + m, pool0 + c * H + m + lead], [1.0, -1.0],
                                 1.0 / max(float(p.producer_cap[k].max()), 1.0)))
        self.cols = cols
        first = lp.num_cols
        takes = [(pool0 + c * H + d, f) for c, f in take]
        for row, _ in takes:  # take[c]: one more draw on the pool of month d
            _add_col(h, 0.0, [row], [1.0])
        for _, _, _, _, rows, coefs, weight in cols:
            _add_col(h, weight, rows, coefs)
        self.weights: Floats = np.r_[np.zeros(len(takes)), [c[6] for c in cols]]
        self.takes = len(takes)
        h.addRow(room, room, len(takes), first + np.arange(len(takes), dtype=np.int32),
                 np.array([f for _, f in takes], dtype=np.float64))  # met

    def requirements(self, slack: Floats, noise: float) -> list[Requirement]:
        """The additions a stage-2 solution makes, summed per kind, resource and month
        (leaving out those within ``noise`` of A: the room stage 2 had)."""
        totals: dict[tuple[str, str, int], float] = {}
        for (kind, resource, month, scale, *_, weight), amount in zip(
                self.cols, slack[self.takes:].tolist(), strict=True):
            if amount > TINY and amount * weight > noise:
                key = (kind, resource, month)
                totals[key] = totals.get(key, 0.0) + amount * scale
        order = {"hub": 0, "class": 1, "funding": 2}
        return [Requirement(kind, resource, month, amount)
                for (kind, resource, month), amount in sorted(
                    totals.items(), key=lambda kv: (order[kv[0][0]], kv[0][1], kv[0][2]))]


def _add_col(h: highspy.Highs, cost: float, rows: list[int], coefs: list[float]) -> None:
    h.addCol(cost, 0.0, highspy.kHighsInf, len(rows), np.array(rows, dtype=np.int32),
             np.array(coefs, dtype=np.float64))


def _keep(h: highspy.Highs, p: Problem, model: Model, protected: np.ndarray,
          floor: float) -> None:
    """kept: the fills of the protected needs are worth at least ``floor``."""
    bk = model.buckets
    if bk is None or floor <= 0:
        return
    _, member, _ = fill_members(bk)
    cols = np.arange(model.lp.columns["fill"].start, model.lp.columns["fill"].stop)
    mine = np.flatnonzero(protected[member])
    h.addRow(floor * (1 - 1e-9) - TINY, highspy.kHighsInf, len(mine),
             cols[mine].astype(np.int32), model.lp.value[cols[mine]])


def _per_need(p: Problem, model: Model, x: Floats) -> tuple[Floats, Floats, Floats]:
    """Per need: the value of its fills, its units (last level) and units on time (level 0)."""
    value, units, on_time = (np.zeros(len(p.need_ref)) for _ in range(3))
    bk = model.buckets
    if bk is None or not len(bk.level_bucket):
        return value, units, on_time
    level, member, last = fill_members(bk)
    cols = model.lp.columns["fill"]
    fill = x[cols]
    np.add.at(value, member, fill * model.lp.value[cols])
    np.add.at(units, member[last], fill[last])
    timely = bk.level_late[level] == 0
    np.add.at(on_time, member[timely], fill[timely])
    return value, units, on_time


def _class_weights(bundle: Bundle, p: Problem) -> Floats:
    """Per class: the unit weight (kg) of its heaviest catalogue item (0 without items)."""
    out = np.zeros(len(p.classes))
    index = {c: i for i, c in enumerate(p.classes)}
    for item in bundle.items:
        i = index.get(item.class_code)
        if i is not None:
            out[i] = max(out[i], item.unit_weight_kg)
    return out

