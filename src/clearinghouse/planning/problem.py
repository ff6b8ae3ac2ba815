"""The planning problem: a bundle snapshotted into sorted NumPy arrays, month indices applied.

Only needs still to be met (validated, open, partially met) and offers still usable
(offered, accepted, allocated) are planned; a need's room is its quantity less what it
already holds. Everything is sorted by ref or code, so the same bundle gives the same arrays.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.funding import Producer
from clearinghouse.domain.lifecycle import PLANNED_NEEDS, PLANNED_OFFERS
from clearinghouse.domain.months import month_index
from clearinghouse.domain.nations import Nation
from clearinghouse.planning.settings import PlanSettings

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]


T = TypeVar("T")


@dataclass(frozen=True, eq=False, slots=True)
class Problem:
    """Arrays of the planning policy: hubs × months, routes, offers, needs, producers, pledges.

    A *route* is what an offer's origin and donor allow: per hub, whether it may be used
    (lane and territory caveat) and its cost per tonne. ``route_caveat`` marks hubs a lane
    reaches but the donor's territory caveat forbids. ``producer_cap[k, m]`` is what producer
    k may still make in plan month m: its monthly capacity less what is booked then.
    """

    settings: PlanSettings
    classes: list[str]
    hubs: list[str]
    hub_capacity: Floats
    hub_open: Bools
    route_allowed: Bools
    route_cost: Floats
    route_caveat: Bools
    item_codes: list[str]
    offer_ref: list[str]
    offer_item: Ints
    offer_class: Ints
    offer_weight: Floats
    offer_qty: Ints
    offer_month: Ints
    offer_day: Ints
    offer_route: Ints
    need_ref: list[str]
    need_class: Ints
    need_room: Floats
    need_held: Floats
    need_qty: Floats
    need_due: Ints
    need_priority: Ints
    need_unit_value: Floats
    sub_need: Ints
    sub_offer: Ints
    sub_factor: Floats
    producer_code: list[str]
    producer_class: Ints
    producer_price: Floats
    producer_cap: Floats
    producer_month: Ints
    producer_day: Ints
    producer_lead: Ints
    pledge_ref: list[str]
    pledge_amount: Floats
    pledge_month: Ints
    pledge_day: Ints
    pledge_producer: Bools

    @property
    def horizon(self) -> int:
        return self.settings.horizon

    def compatible(self, need_class: int) -> list[tuple[int, float]]:
        """(offer class, factor) pairs a need of ``need_class`` may take, its own class first."""
        rows = np.flatnonzero(self.sub_need == need_class)
        return [(int(self.sub_offer[i]), float(self.sub_factor[i])) for i in rows]


def per_problem(derive: Callable[[Problem], T]) -> Callable[[Problem], T]:
    """``derive`` remembering its value for the last problem it saw (problems are not changed
    once made): the engine works it out on its second thread, the plan uses it later."""
    last: list[tuple[Problem, T]] = []
    lock = threading.Lock()

    def cached(p: Problem) -> T:
        with lock:
            if last and last[0][0] is p:
                return last[0][1]
        value = derive(p)
        with lock:
            last[:] = [(p, value)]
        return value

    return cached


def snapshot(bundle: Bundle, settings: PlanSettings) -> Problem:
    """The planning arrays of ``bundle`` under ``settings``."""
    month = settings.plan_month
    nations = {n.code: n for n in bundle.nations}
    items = {i.code: i for i in bundle.items}
    needs = sorted((n for n in bundle.needs if n.status in PLANNED_NEEDS), key=lambda n: n.ref)
    offers = sorted((o for o in bundle.offers if o.status in PLANNED_OFFERS),
                    key=lambda o: o.ref)
    producers = sorted(bundle.producers, key=lambda p: p.code)
    pledges = sorted(bundle.funding, key=lambda f: f.ref)
    hubs = sorted(bundle.hubs, key=lambda h: h.code)
    classes = sorted(bundle.classes | {n.class_code for n in needs}
                     | {p.class_code for p in producers})
    cls = {c: i for i, c in enumerate(classes)}
    item_codes = sorted(items)
    item_index = {c: i for i, c in enumerate(item_codes)}

    horizon = settings.horizon
    hub_open = np.array([[h.is_open(t, settings.start) for t in range(horizon)] for h in hubs],
                        dtype=bool).reshape(len(hubs), horizon)

    routes = _Routes(bundle, [_known(nations, h.country, "hubs", h.code, "country")
                              for h in hubs])
    offer_item = [item_index[_known(items, o.item, "offers", o.ref, "item").code]
                  for o in offers]
    offer_route = [routes.index(o.origin, _known(nations, o.donor, "offers", o.ref, "donor"))
                   for o in offers]
    item_class = np.array([cls[items[c].class_code] for c in item_codes], dtype=np.int64)
    item_weight = np.array([items[c].unit_weight_kg for c in item_codes], dtype=np.float64)
    oi = np.array(offer_item, dtype=np.int64)

    qty = _floats(n.quantity for n in needs)
    held = _floats(min(n.delivered, n.quantity) for n in needs)
    weights = _floats(settings.weight(n.priority) for n in needs)

    subs = sorted((cls[s.need_class], cls[s.offer_class], s.factor) for s in bundle.substitutes
                  if s.need_class in cls and s.offer_class in cls)
    sub_rows = sorted([(c, c, 1.0) for c in range(len(classes))] + subs,
                      key=lambda r: (r[0], r[0] != r[1], r[1]))
    capability_classes = _capability_classes(bundle)
    return Problem(
        settings=settings, classes=classes, hubs=[h.code for h in hubs],
        hub_capacity=_floats(h.capacity_t_per_month for h in hubs), hub_open=hub_open,
        route_allowed=routes.allowed(), route_cost=routes.cost(), route_caveat=routes.caveat(),
        item_codes=item_codes, offer_ref=[o.ref for o in offers], offer_item=oi,
        offer_class=item_class[oi] if len(oi) else _ints([]),
        offer_weight=item_weight[oi] if len(oi) else _floats([]),
        offer_qty=_ints(o.quantity for o in offers),
        offer_month=_ints(month(o.available) for o in offers),
        offer_day=_ints(o.available.toordinal() for o in offers),
        offer_route=_ints(offer_route),
        need_ref=[n.ref for n in needs], need_class=_ints(cls[n.class_code] for n in needs),
        need_room=qty - held, need_held=held, need_qty=qty,
        need_due=_ints(month(n.due) for n in needs),
        need_priority=_ints(n.priority for n in needs),
        need_unit_value=weights / np.maximum(qty, 1),
        sub_need=_ints(r[0] for r in sub_rows), sub_offer=_ints(r[1] for r in sub_rows),
        sub_factor=_floats(r[2] for r in sub_rows),
        producer_code=[p.code for p in producers],
        producer_class=_ints(cls[p.class_code] for p in producers),
        producer_price=_floats(p.unit_price_eur for p in producers),
        producer_cap=producer_capacity(producers, settings),
        producer_month=_ints(month(p.available) for p in producers),
        producer_day=_ints(p.available.toordinal() for p in producers),
        producer_lead=_ints(p.lead_months for p in producers),
        pledge_ref=[f.ref for f in pledges], pledge_amount=_floats(f.amount_eur for f in pledges),
        pledge_month=_ints(month(f.available) for f in pledges),
        pledge_day=_ints(f.available.toordinal() for f in pledges),
        pledge_producer=np.array(
            [[_earmark_allows(f.earmark, p.class_code, capability_classes) for p in producers]
             for f in pledges], dtype=np.bool_).reshape(len(pledges), len(producers)),
    )


class _Routes:
    """Distinct (origin, donor) routes: per hub, allowed?, cost per tonne, blocked by a caveat?"""

    def __init__(self, bundle: Bundle, hub_countries: list[Nation]) -> None:
        self._hubs = sorted(bundle.hubs, key=lambda h: h.code)
        self._countries = hub_countries
        self._lanes: dict[str, dict[str, float]] = {}
        for lane in bundle.lanes:
            self._lanes.setdefault(lane.origin, {})[lane.hub] = lane.cost_per_t
        self._any_lane = bool(bundle.lanes)
        self._keys: dict[tuple[tuple[bool, float, bool], ...], int] = {}
        self._by_pair: dict[tuple[str, str], int] = {}

    def index(self, origin: str, donor: Nation) -> int:
        pair = (origin, donor.code)
        found = self._by_pair.get(pair)
        if found is not None:
            return found
        lanes = self._lanes.get(origin, {})
        key = []
        for hub, country in zip(self._hubs, self._countries, strict=True):
            reached = hub.code in lanes or not self._any_lane
            forbidden = donor.allows_territory(country) is not None
            key.append((reached and not forbidden, lanes.get(hub.code, 0.0), reached and forbidden))
        route = self._keys.setdefault(tuple(key), len(self._keys))
        self._by_pair[pair] = route
        return route

    def _column(self, pick: Callable[[tuple[bool, float, bool]], T]) -> list[list[T]]:
        return [[pick(cell) for cell in key] for key in self._keys]

    def allowed(self) -> Bools:
        return np.array(self._column(lambda c: c[0]), dtype=np.bool_).reshape(self._shape)

    def cost(self) -> Floats:
        return np.array(self._column(lambda c: c[1]), dtype=np.float64).reshape(self._shape)

    def caveat(self) -> Bools:
        return np.array(self._column(lambda c: c[2]), dtype=np.bool_).reshape(self._shape)

    @property
    def _shape(self) -> tuple[int, int]:
        return len(self._keys), len(self._hubs)


def producer_capacity(producers: list[Producer], settings: PlanSettings) -> Floats:
    """Per producer × plan month: max(0, capacity_per_month − units booked in that month)."""
    cap = np.repeat(_floats(p.capacity_per_month for p in producers)[:, None],
                    settings.horizon, axis=1)
    for k, producer in enumerate(producers):
        for made, units in producer.booked:
            # not settings.plan_month: a month booked before the start takes nothing
            m = month_index(made, settings.start)
            if 0 <= m < settings.horizon:
                cap[k, m] -= units
    out: Floats = np.maximum(cap, 0.0)
    return out


def _capability_classes(bundle: Bundle) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for item in bundle.items:
        out.setdefault(item.capability, set()).add(item.class_code)
    return out


def _earmark_allows(earmark: str | None, class_code: str,
                    capability_classes: dict[str, set[str]]) -> bool:
    """No earmark: any producer; a class: that class; a capability: every class of its items."""
    if not earmark:
        return True
    return earmark == class_code or class_code in capability_classes.get(earmark, set())


def _known(table: dict[str, T], key: str, sheet: str, ref: str, column: str) -> T:
    try:
        return table[key]
    except KeyError:
        raise DomainError(f"{sheet} {ref}: unknown {column} {key!r}", field=column,
                          rule=f"must name a known {column}", value=key) from None


def _ints(values: Iterable[int]) -> Ints:
    return np.fromiter(values, dtype=np.int64)


def _floats(values: Iterable[float]) -> Floats:
    return np.fromiter(values, dtype=np.float64)
