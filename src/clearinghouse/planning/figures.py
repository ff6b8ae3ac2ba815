"""The figures a coordinator reads off a plan: fill rates, hub loads, unmet needs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.logistics import HubMonthLoad
from clearinghouse.domain.months import add_months
from clearinghouse.planning.plan import Plan
from clearinghouse.planning.settings import PlanSettings


@dataclass(frozen=True, slots=True)
class FillRate:
    capability: str
    priority: int
    needs: int
    requested: int
    delivered: float

    @property
    def fraction(self) -> float:
        return self.delivered / self.requested if self.requested else 0.0


@dataclass(frozen=True, slots=True)
class UnmetNeed:
    ref: str
    class_code: str
    priority: int
    due: str
    requested: int
    delivered: float
    reason: str


def capability_of_class(bundle: Bundle) -> dict[str, str]:
    """Each class's capability area (the first, alphabetically, of its items')."""
    out: dict[str, str] = {}
    for item in sorted(bundle.items, key=lambda i: (i.class_code, i.capability)):
        out.setdefault(item.class_code, item.capability)
    return out


def fill_rates(plan: Plan, bundle: Bundle) -> list[FillRate]:
    """Requested and delivered units per capability × priority, sorted."""
    capability = capability_of_class(bundle)
    acc: dict[tuple[str, int], list[float]] = defaultdict(lambda: [0, 0, 0.0])
    for need in bundle.needs:
        row = acc[(capability.get(need.class_code, "?"), need.priority)]
        result = plan.needs.get(need.ref)
        row[0] += 1
        row[1] += need.quantity
        row[2] += result.delivered if result else 0.0
    return [FillRate(cap, prio, int(n), int(req), dlv)
            for (cap, prio), (n, req, dlv) in sorted(acc.items())]


def hub_loads(plan: Plan, bundle: Bundle, settings: PlanSettings) -> list[HubMonthLoad]:
    """Planned tonnes per hub (by code) and plan month against what the hub can move then."""
    loads = []
    for hub in sorted(bundle.hubs, key=lambda h: h.code):
        tonnes = plan.hub_tonnes.get(hub.code, [0.0] * settings.horizon)
        loads += [HubMonthLoad(hub.code, add_months(settings.start, t),
                               hub.capacity_t_per_month if hub.is_open(t, settings.start)
                               else 0.0, tonnes[t]) for t in range(settings.horizon)]
    return loads


def unmet_needs(plan: Plan, bundle: Bundle) -> list[UnmetNeed]:
    """Needs not fully met, most urgent first, with the binding reason."""
    rows = []
    for need in bundle.needs:
        result = plan.needs.get(need.ref)
        if result is None or result.fraction >= 1 - 1e-9:
            continue
        rows.append(UnmetNeed(need.ref, need.class_code, need.priority, need.due.isoformat(),
                              need.quantity, result.delivered, result.reason or "unknown"))
    return sorted(rows, key=lambda r: (r.priority, r.due, r.ref))
