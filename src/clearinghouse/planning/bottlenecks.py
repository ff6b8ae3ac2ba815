"""Bottlenecks: where one more tonne, unit or euro is worth most, confirmed by re-solving.

The value LP's dual prices (value_lp.py) give the marginal value of each resource:

- ``hub``: one more tonne of hub h's capacity in month t (value per tonne);
- ``producer``: one more unit of producer k's capacity in month m (value per unit);
- ``funding``: one more EUR of pledge p (value per EUR);
- ``class``: one more unit of a class offered in month a, like the offers already there
  (same item and route: the block ``supply[g,j]`` priced highest for that class and month).

A price holds only locally, so each candidate becomes a concrete addition of a stated size
and is confirmed by re-solving the LP with it; the list is ranked by the confirmed gain.
Sizes (``ADDITION_SHARE``): 10 % of the hub's monthly capacity (at least 1 t); one month of
the producer's capacity; 10 % of the pledge's amount (at least 1 EUR); 10 % of the class's
units offered in that month (at least 1 unit). Per kind the ``confirm`` candidates with the
largest price × size are re-solved (the others are not listed).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import date

import numpy as np

from clearinghouse.domain.months import month_label
from clearinghouse.planning.problem import Floats, Problem
from clearinghouse.planning.value_lp import ValueLP, solve_value_lp, units_by_priority

KINDS = ("hub", "producer", "funding", "class")
ADDITION_SHARE = 0.1
CONFIRM = 10  # candidates per kind re-solved by default
GAINED = 1e-7  # a confirmed gain below this (relative to the value) is none


@dataclass(frozen=True, slots=True)
class Addition:
    """One concrete addition: ``addition`` tonnes, units or EUR of a resource, its price
    (value per tonne, unit or EUR) and the confirmed gain; ``priority_units[i]`` the extra
    need-units of priority i+1 the re-solved LP delivers."""

    kind: str
    resource: str
    month: int | None
    marginal_value: float
    addition: float
    value_gain: float
    priority_units: tuple[float, ...]

    def describe(self, start: date) -> str:
        """E.g. ``+1,000 t at HUB-RO in 2027-06: +412 value, +38 priority-1 units``."""
        what = {"hub": f"{self.addition:,.0f} t at {self.resource}",
                "producer": f"{self.addition:,.0f} units of {self.resource}'s capacity",
                "funding": f"EUR {self.addition:,.0f} on pledge {self.resource}",
                "class": f"{self.addition:,.0f} units of {self.resource} offered"}[self.kind]
        when = f" in {month_label(start, self.month)}" if self.month is not None else ""
        units = [f"{u:+,.0f} priority-{i + 1} units"
                 for i, u in enumerate(self.priority_units) if abs(u) >= 0.5]
        return f"+{what}{when}: {self.value_gain:+,.2f} value" + "".join(f", {u}" for u in units)


@dataclass(frozen=True, slots=True)
class Bottlenecks:
    """The value LP's optimum and the confirmed additions, best first."""

    lp_value: float
    additions: list[Addition]
    seconds: float


@dataclass(frozen=True, slots=True)
class _Candidate:
    kind: str
    resource: str
    month: int | None
    price: float
    size: float
    rows: np.ndarray


def find_bottlenecks(p: Problem, *, confirm: int = CONFIRM) -> Bottlenecks:
    """Price every resource of ``p``'s value LP and confirm the most promising additions."""
    started = time.perf_counter()
    lp = solve_value_lp(p, started + p.settings.time_limit_s)
    base = units_by_priority(lp, lp.x)
    found = []
    for kind in KINDS:
        candidates = sorted(_candidates(lp, kind), key=lambda c: -c.price * c.size)
        for c in candidates[:confirm]:
            gain, x = lp.gain(c.rows, c.size)
            if gain <= GAINED * max(1.0, lp.value):
                continue
            extra = units_by_priority(lp, x) - base
            found.append(Addition(c.kind, c.resource, c.month, c.price, c.size, gain,
                                  tuple(float(u) for u in extra)))
    found.sort(key=lambda a: (-a.value_gain, KINDS.index(a.kind), a.resource,
                              -1 if a.month is None else a.month))
    return Bottlenecks(lp.value, found, time.perf_counter() - started)


def _candidates(lp: ValueLP, kind: str) -> list[_Candidate]:
    p, price = lp.p, lp.price
    out: list[_Candidate] = []
    if kind == "hub":
        for h, t in zip(*np.nonzero(p.hub_open), strict=True):
            rows = lp.hub_rows(int(h), int(t))
            value = float(price[rows].sum())
            if value > 0:
                out.append(_Candidate(kind, p.hubs[h], int(t), value,
                                      _size(p.hub_capacity[h]), rows))
    elif kind == "producer":
        for k, m in zip(*np.nonzero(p.producer_cap > 0), strict=True):
            row = lp.producer_row(int(k), int(m))
            if price[row] > 0:
                out.append(_Candidate(kind, p.producer_code[k], int(m), float(price[row]),
                                      max(1.0, float(p.producer_cap[k].max())),
                                      np.array([row])))
    elif kind == "funding":
        for i, row in enumerate(lp.pledge_rows().tolist()):
            if price[row] > 0:
                out.append(_Candidate(kind, p.pledge_ref[i], None, float(price[row]),
                                      _size(p.pledge_amount[i]), np.array([row])))
    else:
        out = _class_candidates(lp)
    return out


def _class_candidates(lp: ValueLP) -> list[_Candidate]:
    """Per class and month, the offered block priced highest."""
    p, g = lp.p, lp.model.groups
    rows = np.arange(lp.supply_rows().start, lp.supply_rows().stop)
    price: Floats = lp.price[rows]
    best: dict[tuple[int, int], int] = {}
    for j in np.flatnonzero(price > 0).tolist():
        key = (int(g.cls[g.block_group[j]]), int(g.block_month[j]))
        if key not in best or price[j] > price[best[key]]:
            best[key] = j
    return [_Candidate("class", p.classes[c], month, float(price[j]),
                       max(1.0, math.ceil(ADDITION_SHARE * g.block_qty[j])),
                       np.array([rows[j]]))
            for (c, month), j in sorted(best.items())]


def _size(amount: float) -> float:
    return max(1.0, ADDITION_SHARE * float(amount))
