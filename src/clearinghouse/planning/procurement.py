"""Two-way procurement (SPEC §5): allies' requests filled from the producer capacity that the
recipient's plan leaves unused — the recipient first, exactly.

The recipient's plan is computed as before, without the requests, and is only read here: no
request can change its allocations or its value.

**Capacity.** Producer k may make ``cap[k, m]`` units in plan month m: its
``capacity_per_month`` less what booked production holds then (as the engine sees it). The
plan's produced units take ``made[k, m]`` of it (production month = the allocation's delivery
month − ``lead_months``); requests share the rest, ``free[k, m] = cap[k, m] − made[k, m]``.

**Eligible.** Request r may take units that producer k makes in production month m when
- k makes r's class (no substitution: a buyer asks for a class and gets that class);
- k's ``unit_price_eur`` <= r's ``max_unit_price_eur`` (the buyer pays the producer's price);
- m >= k's available month, and the delivery month ``d = m + lead_months`` lies inside the
  horizon (``d < horizon``), as for the recipient's produced units;
- ``d <= due``, r's due month (the month index of ``due``, not clamped: a request due before
  the plan's start cannot be met). **No grace**: a need may be planned up to
  ``late_cutoff_months`` after its due month because a late delivery is still worth something
  to the recipient (decayed by δ); a buyer's due date is what it contracts for, so a request
  is never filled late.

**Order.** Production months are visited in order m = 0, 1, …; in each, requests take in the
order highest ``max_unit_price_eur``, then earliest ``due``, then ``ref``; each takes from its
eligible producers, cheapest first, then by code, at most what it still lacks and at most
``free[k, m]``. (This is the same as filling the requests one after another, each from its
earliest month on: what a request gets never depends on requests ranked after it.)

**Stability.** With ``keep`` (the approved plan's procurement lines), a kept line is placed
first — months and requests in the same order — as far as it is still eligible, still wanted
and its producer-month still has free capacity; the rest then follows the order above.

**Reasons.** A request not filled in full gets the first reason that applies:
- ``no-producer``: no producer makes its class;
- ``price-cap``: every producer of its class charges more than its maximum unit price;
- ``too-late``: none of those within its price can deliver by its due month (made at or after
  the producer's available month, delivered inside the horizon);
- ``no-capacity-left``: some can, but the capacity of those producer-months is taken by the
  recipient's plan, by booked production or by requests ranked before it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from clearinghouse.domain.funding import Producer
from clearinghouse.domain.months import month_index
from clearinghouse.domain.procurement import ProcurementRequest
from clearinghouse.planning.plan import Plan
from clearinghouse.planning.problem import producer_capacity
from clearinghouse.planning.settings import PlanSettings

#: ``take(request, producer, month, most)``: units placed (at most ``most``).
_Take = Callable[[int, int, int, int], int]


@dataclass(frozen=True, slots=True)
class ProcurementLine:
    """``quantity`` units that ``producer`` makes for ``request`` in production month ``month``
    (plan month index), delivered in ``delivery`` (= month + lead), at ``unit_price_eur``."""

    request: str
    producer: str
    month: int
    quantity: int
    unit_price_eur: float
    delivery: int

    @property
    def amount_eur(self) -> float:
        """What the buyer pays the producer for this line."""
        return self.quantity * self.unit_price_eur


@dataclass(frozen=True, slots=True)
class RequestResult:
    """How much of a request is filled, and why not more (None when filled in full)."""

    quantity: int
    filled: int
    reason: str | None


@dataclass(frozen=True, slots=True)
class Procurement:
    """The requests' lines (sorted by request, producer, month), each request's result and
    the units of the kept lines (``kept`` of ``kept_of`` asked to be kept)."""

    lines: list[ProcurementLine]
    requests: dict[str, RequestResult]
    settings: PlanSettings
    kept: int = 0
    kept_of: int = 0

    def earnings_per_month(self) -> list[float]:
        """EUR the recipient's industry earns from the requests, per production month."""
        out = [0.0] * self.settings.horizon
        for line in self.lines:
            out[line.month] += line.amount_eur
        return out

    @property
    def units(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def amount_eur(self) -> float:
        return sum(line.amount_eur for line in self.lines)


def fill_requests(plan: Plan, producers: Sequence[Producer],
                  requests: Sequence[ProcurementRequest],
                  keep: Iterable[ProcurementLine] = ()) -> Procurement:
    """Fill ``requests`` from the capacity of ``producers`` that ``plan`` leaves unused
    (see the module text for the rules); deterministic whatever the input order."""
    s = plan.settings
    makers = sorted(producers, key=lambda k: k.code)
    free = _free_capacity(plan, makers)
    ranked = sorted(requests, key=lambda r: (-r.max_unit_price_eur, r.due, r.ref))
    by_class: dict[str, list[int]] = defaultdict(list)
    for i in sorted(range(len(makers)), key=lambda i: (makers[i].unit_price_eur, makers[i].code)):
        by_class[makers[i].class_code].append(i)
    first = [s.plan_month(k.available) for k in makers]
    # per request: the producer-months it may take, (k, m), by month then cheapest producer
    slots = [_slots(r, makers, by_class, first, s) for r in ranked]
    lacking = [r.quantity for r in ranked]
    taken: dict[tuple[int, int, int], int] = defaultdict(int)  # (request, k, m) -> units

    def take(i: int, k: int, m: int, most: int) -> int:
        units = min(most, lacking[i], free[k][m])
        if units > 0:
            lacking[i] -= units
            free[k][m] -= units
            taken[(i, k, m)] += units
        return units

    kept, kept_of = _place_kept(keep, ranked, makers, slots, take)
    for i, _ in enumerate(ranked):
        for k, m in slots[i]:
            if not lacking[i]:
                break
            take(i, k, m, lacking[i])
    # the month-by-month order equals request-by-request (module text), so the loop above
    # may visit requests in turn
    lines = sorted((ProcurementLine(ranked[i].ref, makers[k].code, m, u,
                                    makers[k].unit_price_eur, m + makers[k].lead_months)
                    for (i, k, m), u in taken.items()),
                   key=lambda line: (line.request, line.producer, line.month))
    results = {r.ref: RequestResult(r.quantity, r.quantity - lacking[i],
                                    _reason(r, makers, first, s) if lacking[i] else None)
               for i, r in enumerate(ranked)}
    return Procurement(lines, dict(sorted(results.items())), s, kept, kept_of)


def _free_capacity(plan: Plan, makers: list[Producer]) -> list[list[int]]:
    """free[k][m]: units producer k may still make in month m once the plan's are made."""
    s = plan.settings
    cap = producer_capacity(makers, s)
    index = {k.code: i for i, k in enumerate(makers)}
    for a in plan.allocations:
        k = index.get(a.producer) if a.producer is not None else None
        if k is not None:
            made_in = a.month - makers[k].lead_months
            if 0 <= made_in < s.horizon:
                cap[k, made_in] -= a.quantity
    return [[max(0, round(c)) for c in row] for row in cap.tolist()]


def _slots(r: ProcurementRequest, makers: list[Producer], by_class: dict[str, list[int]],
           first: list[int], s: PlanSettings) -> list[tuple[int, int]]:
    """The (producer, production month) pairs ``r`` may take, by month, then cheapest."""
    due = month_index(r.due, s.start)
    out: list[tuple[int, int]] = []
    for k in by_class.get(r.class_code, ()):
        maker = makers[k]
        if maker.unit_price_eur > r.max_unit_price_eur:
            continue
        last = min(due, s.horizon - 1) - maker.lead_months  # the last month to make in
        out.extend((k, m) for m in range(first[k], last + 1))
    # stable sort: within a month the producers keep their cheapest-then-code order
    out.sort(key=lambda slot: slot[1])
    return out


def _place_kept(keep: Iterable[ProcurementLine], ranked: list[ProcurementRequest],
                makers: list[Producer], slots: list[list[tuple[int, int]]],
                take: _Take) -> tuple[int, int]:
    """Place the kept lines first, in the order of the fill; (units placed, units asked)."""
    wanted: dict[tuple[str, str, int], int] = defaultdict(int)
    for line in keep:
        wanted[(line.request, line.producer, line.month)] += line.quantity
    if not wanted:
        return 0, 0
    placed = 0
    for i, r in enumerate(ranked):
        for k, m in slots[i]:
            units = wanted.get((r.ref, makers[k].code, m), 0)
            if units:
                placed += take(i, k, m, units)
    return placed, sum(wanted.values())


def _reason(r: ProcurementRequest, makers: list[Producer], first: list[int],
            s: PlanSettings) -> str:
    """Why ``r`` is not filled in full (module text: the first reason that applies)."""
    of_class = [k for k, maker in enumerate(makers) if maker.class_code == r.class_code]
    if not of_class:
        return "no-producer"
    affordable = [k for k in of_class if makers[k].unit_price_eur <= r.max_unit_price_eur]
    if not affordable:
        return "price-cap"
    due = month_index(r.due, s.start)
    if all(first[k] + makers[k].lead_months > min(due, s.horizon - 1) for k in affordable):
        return "too-late"
    return "no-capacity-left"
