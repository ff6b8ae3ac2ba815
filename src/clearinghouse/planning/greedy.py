"""The coordinators' manual method, as the documented baseline the engine must never lose to.

Needs in order of priority, then due date, then ref. For each need, offers of its class or
a substitute in order of available date, then ref: each is sent through the first allowed
hub (by code) with capacity left, in the earliest month it can be (from its available
month up to due + cut-off); then, if the need still has room, funded production: pledges by
available date and ref, producers by available date and code, earliest month first. The
feasibility rules are the engine's (lanes, caveats, opening months, capacities, earmarks).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from clearinghouse.domain.bundle import Bundle
from clearinghouse.planning.allotment import TOL, Allotment
from clearinghouse.planning.groups import last_useful_month, usable_offers
from clearinghouse.planning.plan import Plan
from clearinghouse.planning.problem import Problem, per_problem, snapshot
from clearinghouse.planning.result import to_plan
from clearinghouse.planning.settings import PlanSettings

COMPACT = 64


def plan_greedy(bundle: Bundle, settings: PlanSettings) -> Plan:
    """The greedy priority-first plan of ``bundle``."""
    p = snapshot(bundle, settings)
    allotment = Allotment(p)
    fill(allotment, greedy_order(p))
    return to_plan(p, allotment, status="greedy", lp_bound=None)


def greedy_order(p: Problem) -> list[int]:
    """Needs by priority, then due date, then ref."""
    order: list[int] = np.lexsort(
        (np.arange(len(p.need_ref)), p.need_due, p.need_priority)).tolist()
    return order


def fill(allotment: Allotment, needs: Iterable[int]) -> None:
    """Fill ``needs`` in this order from what the allotment has left, the manual way."""
    filler = _Filler(allotment)
    for n in needs:
        filler.serve(n)


@dataclass(frozen=True, eq=False, slots=True)
class _Lists:
    """What the manual method scans, the same for every allotment of a problem."""

    month: list[int]
    allowed: list[list[int]]
    route: list[int]
    hubs: list[list[int]]
    is_open: list[list[bool]]
    weight: list[float]
    offers: dict[int, tuple[list[int], list[float]]]
    makers: dict[int, list[tuple[int, float]]]
    pledges: list[int]
    due: list[int]
    need_class: list[int]
    weightless: set[int]


@per_problem
def _lists(p: Problem) -> _Lists:
    allowed = [np.flatnonzero(a).tolist() for a in p.route_allowed]
    route = p.offer_route.tolist()
    weight = p.offer_weight.tolist()
    offers = _offer_lists(p, usable_offers(p, last_useful_month(p)))
    return _Lists(
        month=p.offer_month.tolist(), allowed=allowed, route=route,
        hubs=[allowed[r] for r in route], is_open=p.hub_open.tolist(), weight=weight,
        offers=offers, makers=_maker_lists(p),
        pledges=np.lexsort((np.arange(len(p.pledge_ref)), p.pledge_day)).tolist(),
        due=p.need_due.tolist(), need_class=p.need_class.tolist(),
        weightless={c for c, (members, _) in offers.items()
                    if any(weight[o] <= 0 for o in members)})


class _Filler:
    """The manual method's state: offers per need class, months each route has room in."""

    def __init__(self, allotment: Allotment) -> None:
        p = self.p = allotment.p
        self.allotment = allotment
        self.cutoff = p.settings.late_cutoff_months
        s = _lists(p)
        self.month, self.allowed, self.route, self.hubs = s.month, s.allowed, s.route, s.hubs
        self.is_open, self.weight, self.makers, self.pledges = (s.is_open, s.weight, s.makers,
                                                                s.pledges)
        self.due, self.need_class, self.weightless = s.due, s.need_class, s.weightless
        self.lists = dict(s.offers)  # its own: used-up offers are dropped from it
        self.heads = dict.fromkeys(self.lists, 0)
        self.room: dict[tuple[int, float], int] = {}  # (route, unit kg) → months it may fit
        # need class → the latest last month for which its offers gave a need nothing: with
        # supply and capacity only shrinking, needs of that class ending no later get nothing
        self.fruitless: dict[int, int] = {}
        self.masks: list[int] = []
        self.anywhere, self.seen = 0, -1

    def serve(self, n: int) -> None:
        """Send what the manual method would to need ``n``, then buy production for the rest."""
        allotment = self.allotment
        if allotment.need_left[n] <= TOL:
            return
        c, last = self.need_class[n], min(self.due[n] + self.cutoff, self.p.horizon - 1)
        if self.seen != allotment.closings:  # a hub-month filled up: refresh the route masks
            self.masks = [allotment.open_months(hubs) for hubs in self.allowed]
            self.anywhere, self.seen = 0, allotment.closings
            for m in self.masks:
                self.anywhere |= m
        blocked = not self.anywhere & ((2 << last) - 1) and c not in self.weightless
        if not blocked and last > self.fruitless.get(c, -1):
            room_before = allotment.need_left[n]
            self._scan(n, c, last)
            if allotment.need_left[n] == room_before and room_before >= 1:
                self.fruitless[c] = last
        if allotment.need_left[n] > TOL:
            _buy(allotment, n, last, self.makers.get(c, []), self.pledges)

    def _scan(self, n: int, c: int, last: int) -> None:
        allotment = self.allotment
        offers, factors = self.lists[c]
        i = self.heads[c]
        while i < len(offers) and allotment.offer_left[offers[i]] <= 0:
            i += 1
        self.heads[c] = i
        dead = 0
        for o, f in zip(offers[i:], factors[i:], strict=True):
            if self.month[o] > last:
                break
            if allotment.offer_left[o] <= 0:
                dead += 1
                continue
            if not self._may_fit(o, last):
                continue
            want = allotment.units_for(n, f)
            if not want:
                continue
            if _send(allotment, o, n, f, want, self.month[o], last, self.hubs[o], self.is_open):
                if allotment.need_left[n] <= TOL:
                    break
            elif self.weight[o] > 0:  # nothing fitted: refresh this route's room for the weight
                key = (self.route[o], self.weight[o])
                self.room[key] = allotment.open_months(self.hubs[o], self.weight[o])
        if dead > COMPACT:  # drop used-up offers from this list once they slow the scan
            live = [(o, f) for o, f in zip(offers, factors, strict=True)
                    if allotment.offer_left[o] > 0]
            self.lists[c] = ([o for o, _ in live], [f for _, f in live])
            self.heads[c] = 0

    def _may_fit(self, o: int, last: int) -> bool:
        """Whether a unit of offer ``o`` may still pass a hub between its month and ``last``."""
        if self.weight[o] <= 0:
            return True
        window = ((2 << (last - self.month[o])) - 1) << self.month[o]
        if not self.masks[self.route[o]] & window:
            return False
        key = (self.route[o], self.weight[o])
        fits = self.room.get(key)
        if fits is None:
            fits = self.room[key] = self.allotment.open_months(self.hubs[o], self.weight[o])
        return bool(fits & window)


def _send(allotment: Allotment, o: int, n: int, f: float, want: int, first: int, last: int,
          hubs: list[int], is_open: list[list[bool]]) -> bool:
    """Send up to ``want`` units of offer ``o``, earliest month first, first hub first."""
    sent = False
    for t in range(first, last + 1):
        for h in hubs:
            if not is_open[h][t]:
                continue
            q = min(allotment.offer_left[o], want, allotment.hub_units(o, h, t))
            if q > 0:
                allotment.ship(o, n, h, t, q, f)
                want -= q
                sent = True
                if want == 0 or allotment.offer_left[o] == 0:
                    return sent
    return sent


def _buy(allotment: Allotment, n: int, last: int, makers: list[tuple[int, float]],
         pledge_order: list[int]) -> None:
    p = allotment.p
    if not makers:
        return
    cheapest = min(allotment.price[k] for k, _ in makers)
    for pledge in pledge_order:
        if allotment.pledge_left[pledge] < cheapest:
            continue
        for k, f in makers:
            if (allotment.pledge_left[pledge] < allotment.price[k]
                    or not p.pledge_producer[pledge, k]):
                continue
            lead = int(p.producer_lead[k])
            start = max(int(p.pledge_month[pledge]), int(p.producer_month[k]))
            for m in range(start, last - lead + 1):
                q = min(allotment.made_units(pledge, k, m), allotment.units_for(n, f))
                if q > 0:
                    allotment.make(pledge, k, m, n, q, f)
                if allotment.need_left[n] <= TOL:
                    return


def _offer_lists(p: Problem, usable: np.ndarray) -> dict[int, tuple[list[int], list[float]]]:
    """Per need class: its compatible usable offers by available month then ref, with factors."""
    by_class: dict[int, list[int]] = {}
    for o in np.lexsort((np.arange(len(p.offer_ref)), p.offer_day)).tolist():
        if usable[o]:
            by_class.setdefault(int(p.offer_class[o]), []).append(o)
    out: dict[int, tuple[list[int], list[float]]] = {}
    for c in range(len(p.classes)):
        merged = [(o, f) for oc, f in p.compatible(c) for o in by_class.get(oc, [])]
        merged.sort(key=lambda of: (int(p.offer_day[of[0]]), of[0]))
        out[c] = ([o for o, _ in merged], [f for _, f in merged])
    return out


def _maker_lists(p: Problem) -> dict[int, list[tuple[int, float]]]:
    """Per need class: compatible producers by available month then code, with factors."""
    order = np.lexsort((np.arange(len(p.producer_code)), p.producer_day)).tolist()
    out: dict[int, list[tuple[int, float]]] = {}
    for c in range(len(p.classes)):
        factors = dict(p.compatible(c))
        out[c] = [(k, factors[int(p.producer_class[k])]) for k in order
                  if int(p.producer_class[k]) in factors]
    return out
