"""Drop-out and hub-change scenarios: re-plan a copy of the picture and compare."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from clearinghouse.domain.bundle import Bundle
from clearinghouse.planning.engine import plan
from clearinghouse.planning.plan import Plan
from clearinghouse.planning.scenarios.compare import ScenarioComparison, compare
from clearinghouse.planning.scenarios.edits import HubSpec, with_hub_change, without_donors
from clearinghouse.planning.scenarios.sources import single_source
from clearinghouse.planning.settings import PlanSettings

Planner = Callable[[Bundle, PlanSettings], Plan]


def dropout(bundle: Bundle, settings: PlanSettings, donors: list[str],
            from_month: date | None, *, base: Plan | None = None,
            planner: Planner = plan) -> ScenarioComparison:
    """Re-plan without the donors' offers and pledges available from ``from_month`` on."""
    before = base or planner(bundle, settings)
    changed = without_donors(bundle, donors, from_month)
    after = planner(changed, settings)
    params: dict[str, object] = {"donors": sorted(donors), "from": _month(from_month)}
    return compare("dropout", params, (bundle, before), (changed, after),
                   single_source(bundle, donors, before, after))


def hub_change(bundle: Bundle, settings: PlanSettings, close: str | None,
               open_: HubSpec | None, from_month: date | None, *, base: Plan | None = None,
               planner: Planner = plan) -> ScenarioComparison:
    """Re-plan with hub ``close`` closed from ``from_month`` (None: at once) and/or hub
    ``open_`` opened from ``from_month`` (None: from its own opening date)."""
    before = base or planner(bundle, settings)
    changed = with_hub_change(bundle, close=close, open_=open_, from_month=from_month)
    after = planner(changed, settings)
    params: dict[str, object] = {"close": close, "from": _month(from_month), "open": None}
    if open_ is not None:
        params["open"] = {"code": open_.code, "country": open_.country,
                          "capacity_t_per_month": open_.capacity_t_per_month,
                          "opens": (from_month or open_.opens).isoformat()}
    return compare("hub", params, (bundle, before), (changed, after))


def _month(d: date | None) -> str | None:
    return None if d is None else f"{d.year:04d}-{d.month:02d}"
