"""Drop-out and hub-change scenarios: re-plan a copy of the picture and compare.

"After" is planned with "before" as its reference plan (SPEC §5), so that it shows only the
changes the scenario causes. A change that only removes (a drop-out, a hub closed) leaves
"after" feasible for the picture, and one that only adds (a hub opened) leaves "before"
feasible for the copy: whole-unit rounding must not make the first show more value nor the
second less, so the better of the two feasible plans is kept on that side.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

from clearinghouse.domain.bundle import Bundle
from clearinghouse.planning.churn import Churn
from clearinghouse.planning.engine import plan
from clearinghouse.planning.plan import Plan
from clearinghouse.planning.scenarios.compare import ScenarioComparison, compare
from clearinghouse.planning.scenarios.edits import HubSpec, with_hub_change, without_donors
from clearinghouse.planning.scenarios.sources import single_source
from clearinghouse.planning.settings import PlanSettings

Planner = Callable[..., Plan]  # (bundle, settings, *, reference=allocations) -> Plan


def dropout(bundle: Bundle, settings: PlanSettings, donors: list[str],
            from_month: date | None, *, base: Plan | None = None,
            planner: Planner = plan) -> ScenarioComparison:
    """Re-plan without the donors' offers and pledges available from ``from_month`` on."""
    before = base or planner(bundle, settings)
    changed = without_donors(bundle, donors, from_month)
    before, after = replan(planner, changed, settings, before, removes=True)
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
    before, after = replan(planner, changed, settings, before, removes=open_ is None,
                           adds=close is None)
    params: dict[str, object] = {"close": close, "from": _month(from_month), "open": None}
    if open_ is not None:
        params["open"] = {"code": open_.code, "country": open_.country,
                          "capacity_t_per_month": open_.capacity_t_per_month,
                          "opens": (from_month or open_.opens).isoformat()}
    return compare("hub", params, (bundle, before), (changed, after))


def replan(planner: Planner, changed: Bundle, settings: PlanSettings, before: Plan, *,
           removes: bool = False, adds: bool = False) -> tuple[Plan, Plan]:
    """"Before" and the copy ``changed`` re-planned with it as reference; with a change that
    only ``removes`` (or only ``adds``), whichever of the two plans is worth more on the side
    where it is feasible too."""
    after = planner(changed, settings, reference=before.allocations)
    if removes and after.value > before.value:
        before = dataclasses.replace(after, churn=None)  # after's lines fit the picture
    elif adds and after.value < before.value:
        after = dataclasses.replace(before, churn=Churn(0, 0.0, len(before.allocations)))
    return before, after


def _month(d: date | None) -> str | None:
    return None if d is None else f"{d.year:04d}-{d.month:02d}"
