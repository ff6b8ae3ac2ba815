"""The allotment being built: whole-unit allocations with what is left of every offer, hub,
producer, pledge and need; it refuses nothing itself, but :meth:`Allotment.fits` says what
still fits. (The money-and-units ledger of shipments is services/logistics/ledger.py.)"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from clearinghouse.planning.problem import Problem

TOL = 1e-9


@dataclass(frozen=True, slots=True)
class Row:
    """One allocation in indices: ``source`` is an offer (``producer`` −1) or a pledge."""

    source: int
    need: int
    hub: int
    producer: int
    month: int
    quantity: int
    factor: float


@dataclass(eq=False)
class Allotment:
    p: Problem
    rows: list[Row] = field(default_factory=list)

    def __post_init__(self) -> None:
        p = self.p
        self.offer_left: list[int] = p.offer_qty.tolist()
        self.hub_left: list[list[float]] = (
            p.hub_capacity[:, None] * p.hub_open.astype(np.float64)).tolist()
        self.need_left: list[float] = p.need_room.tolist()
        self.producer_left: list[list[float]] = p.producer_cap.tolist()
        self.pledge_left: list[float] = p.pledge_amount.tolist()
        self.weight: list[float] = p.offer_weight.tolist()
        self.price: list[float] = p.producer_price.tolist()
        heavy = p.offer_weight[p.offer_weight > 0]
        #: the lightest unit that needs hub capacity; a hub-month with less left is closed
        self.lightest = float(heavy.min()) if len(heavy) else float("inf")
        self.closings = 0  # counts hub-months that became too full for any unit

    def units_for(self, need: int, factor: float) -> int:
        """Whole units of a class with ``factor`` the need still has room for."""
        return max(0, math.floor(self.need_left[need] / factor + TOL))

    def hub_units(self, offer: int, hub: int, month: int) -> int:
        """Whole units of the offer's item that still fit through ``hub`` in ``month``."""
        w = self.weight[offer]
        if w <= 0:
            return 1 << 62
        return max(0, math.floor(self.hub_left[hub][month] * 1000 / w + TOL))

    def ship(self, offer: int, need: int, hub: int, month: int, qty: int, factor: float) -> None:
        self.offer_left[offer] -= qty
        before = self.hub_left[hub][month]
        self.hub_left[hub][month] = before - qty * self.weight[offer] / 1000
        if before * 1000 >= self.lightest > self.hub_left[hub][month] * 1000:
            self.closings += 1
        self.need_left[need] -= qty * factor
        self.rows.append(Row(offer, need, hub, -1, month, qty, factor))

    def open_months(self, hubs: list[int], weight: float | None = None) -> int:
        """Bit t set when one of ``hubs`` still has room in month t for a unit of ``weight``
        kg (default: the lightest unit)."""
        need = self.lightest if weight is None else weight
        bits = 0
        for h in hubs:
            for t, left in enumerate(self.hub_left[h]):
                if left * 1000 + TOL >= need:
                    bits |= 1 << t
        return bits

    def made_units(self, pledge: int, producer: int, month: int) -> int:
        """Whole units the pledge can still buy from the producer's month's capacity."""
        by_money = math.floor(self.pledge_left[pledge] / self.price[producer] + TOL)
        return max(0, min(by_money, math.floor(self.producer_left[producer][month] + TOL)))

    def make(self, pledge: int, producer: int, month: int, need: int, qty: int,
             factor: float) -> None:
        """Buy ``qty`` units made in ``month``; they reach the need at month + lead."""
        self.pledge_left[pledge] -= qty * self.price[producer]
        self.producer_left[producer][month] -= qty
        self.need_left[need] -= qty * factor
        delivery = month + int(self.p.producer_lead[producer])
        self.rows.append(Row(pledge, need, -1, producer, delivery, qty, factor))
