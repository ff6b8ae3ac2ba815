"""Edits of a copied bundle that express a scenario; the live bundle is never changed."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.logistics import Hub, Lane


@dataclass(frozen=True, slots=True)
class HubSpec:
    """A hub to open in a scenario: code, country, tonnes per month, opening date."""

    code: str
    country: str
    capacity_t_per_month: float
    opens: date
    name: str | None = None

    def hub(self) -> Hub:
        return Hub(self.code, self.name or f"hub {self.code}", self.country,
                   self.capacity_t_per_month, self.opens)


def copied(bundle: Bundle, **sheets: list[Any]) -> Bundle:
    """A shallow copy of ``bundle`` with fresh lists (records are shared, never mutated)."""
    fields = {f.name: list(getattr(bundle, f.name)) for f in dataclasses.fields(Bundle)}
    fields.update(sheets)
    return Bundle(**fields)


def _closed(h: Hub, when: date) -> Hub:
    closes = min(when, h.closes) if h.closes else when
    if closes > h.opens:
        return dataclasses.replace(h, closes=closes)
    return dataclasses.replace(h, capacity_t_per_month=0.0)


def _lanes_to(lanes: list[Lane], hub: str) -> list[Lane]:
    """With a lane file, a new hub gets a lane from every origin, as quick and as cheap as the
    origin's best existing lane (no lanes: every origin already reaches every hub)."""
    best: dict[str, Lane] = {}
    for lane in lanes:
        held = best.get(lane.origin)
        if held is None or (lane.cost_per_t, lane.transit_days) < (held.cost_per_t,
                                                                  held.transit_days):
            best[lane.origin] = lane
    return [Lane(origin, hub, lane.transit_days, lane.cost_per_t)
            for origin, lane in sorted(best.items())]


def _dropped(available: date, from_month: date | None) -> bool:
    """Offers and pledges available from the drop-out month on are lost; earlier ones stay."""
    return from_month is None or (available.year, available.month) >= (
        from_month.year, from_month.month)


def without_donors(bundle: Bundle, donors: Collection[str], from_month: date | None) -> Bundle:
    """A copy without the donors' offers and funding pledges available from ``from_month``."""
    lost = set(donors)
    return copied(
        bundle,
        offers=[o for o in bundle.offers
                if not (o.donor in lost and _dropped(o.available, from_month))],
        funding=[f for f in bundle.funding
                 if not (f.donor in lost and _dropped(f.available, from_month))])


def with_hub_change(bundle: Bundle, *, close: str | None, open_: HubSpec | None,
                    from_month: date | None) -> Bundle:
    """A copy with hub ``close`` closing at ``from_month`` (None: at once) and ``open_`` added.

    A hub that would close before it opens keeps no capacity instead (its lanes stay).
    """
    hubs = list(bundle.hubs)
    lanes = list(bundle.lanes)
    if close is not None:
        if close not in {h.code for h in hubs}:
            raise KeyError(close)
        when = from_month or date.min
        hubs = [h if h.code != close else _closed(h, when) for h in bundle.hubs]
    if open_ is not None:
        spec = open_ if from_month is None else dataclasses.replace(open_, opens=from_month)
        hubs = [h for h in hubs if h.code != spec.code] + [spec.hub()]
        lanes = [lane for lane in lanes if lane.hub != spec.code] + _lanes_to(lanes, spec.code)
    return copied(bundle, hubs=hubs, lanes=lanes)
