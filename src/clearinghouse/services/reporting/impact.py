"""A nation's impact card (SPEC §5): what the cell loses if that nation leaves — its posts
to refill by branch, the value and units lost per capability when its offers and pledges
go (the drop-out scenario's re-plan, so the value lost is that scenario's), the classes
only it supplies, its training seats and its hub capacity — computed on the records the
viewer may see, and saying so.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from clearinghouse.config import Settings
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.posts import J_CODE, Branch
from clearinghouse.planning.scenarios.compare import ScenarioComparison
from clearinghouse.planning.scenarios.sources import Replacement
from clearinghouse.services.errors import NotFound
from clearinghouse.services.logistics.facts import LogisticsFacts
from clearinghouse.services.logistics.shipment_views import visible_facts
from clearinghouse.services.records.nation_reader import facts_for
from clearinghouse.services.records.users import User
from clearinghouse.services.reporting.burden import (
    BurdenReport,
    NationBurden,
    TrainingPlanner,
    burden,
    computed_on,
    plan_seats,
)
from clearinghouse.services.scenarios.runs import dropout_comparison, loaded_picture


@dataclass(frozen=True, slots=True)
class CapabilityLoss:
    """A capability's requested units and the fraction delivered with and without the nation."""

    capability: str
    requested: int
    before: float
    after: float

    @property
    def units_lost(self) -> float:
        return max(0.0, (self.before - self.after) * self.requested)


@dataclass(frozen=True, slots=True)
class HubLoss:
    code: str
    name: str
    capacity_t_per_month: float


@dataclass(frozen=True, slots=True)
class ImpactCard:
    """What the cell loses if ``nation`` leaves, over the records the viewer may see."""

    nation: str
    name: str
    computed_on: str
    as_of: date
    window_start: date
    horizon: int
    posts_by_branch: dict[str, int]  # J-code and branch ("J3 operations") → posts to refill
    value_before: float
    value_after: float
    capabilities: list[CapabilityLoss]  # those that lose units, most units first
    needs_losing: int
    single_source: list[Replacement]
    seats_hosted: float
    seats_used: float
    hubs: list[HubLoss]
    share: NationBurden  # the nation's burden figures and shares

    @property
    def posts(self) -> int:
        return sum(self.posts_by_branch.values())

    @property
    def value_lost(self) -> float:
        return self.value_before - self.value_after

    @property
    def hub_capacity_t(self) -> float:
        return sum(h.capacity_t_per_month for h in self.hubs)


def leaving(bundle: Bundle, nation: str, start: date, horizon: int) -> ScenarioComparison:
    """The drop-out scenario of ``nation`` from the start on: the comparison
    :func:`services.scenarios.runs.dropout_scenario` makes of the same records."""
    return dropout_comparison(loaded_picture(bundle), donors=[nation], from_month=None,
                              start=start, horizon=horizon)


def impact(facts: LogisticsFacts, nation: str, *, as_of: date, view: str,
           planner: TrainingPlanner = plan_seats) -> ImpactCard:
    """The impact card of ``nation`` over ``facts`` (what a viewer sees) on ``as_of``."""
    bundle = facts.bundle
    names = {n.code: n.name for n in bundle.nations}
    if nation not in names:
        raise NotFound(f"nation {nation} is not known (or not released to you)")
    shares: BurdenReport = burden(facts, as_of=as_of, computed_on=view, planner=planner)
    mine = shares.nation(nation)
    assert mine is not None  # every nation shown has a row
    branches = Counter(p.branch for p in bundle.posts
                       if p.nation == nation and p.filled_on(as_of))
    posts = {f"{J_CODE[b]} {b.value}": branches[b] for b in Branch if branches[b]}
    result = leaving(bundle, nation, shares.window_start, shares.horizon)
    losses = [CapabilityLoss(c.key, c.requested, c.before, c.after)
              for c in result.by_capability]
    losses = sorted((c for c in losses if c.units_lost > 0),
                    key=lambda c: (-c.units_lost, c.capability))
    hubs = [HubLoss(h.code, h.name, h.capacity_t_per_month) for h in bundle.hubs
            if h.country == nation
            and any(h.is_open(m, shares.window_start) for m in range(shares.horizon))]
    return ImpactCard(nation, names[nation], view, as_of, shares.window_start, shares.horizon,
                      posts, result.value_before, result.value_after, losses,
                      len(result.needs), result.single_source, mine.figures["seats_hosted"],
                      mine.figures["seats_used"], hubs, mine)


def impact_card(engine: Engine, user: User, nation: str, *, as_of: date) -> ImpactCard:
    """The impact card over the records released to the user's nation (API and web)."""
    return impact(visible_facts(engine, user), nation, as_of=as_of, view=computed_on(user))


def impact_for(settings: Settings, nation: str, *, as_of: date,
               reader: User | None = None) -> ImpactCard:
    """The impact card over every record (``reader`` None) or the reader's released ones."""
    return impact(facts_for(settings, reader), nation, as_of=as_of, view=computed_on(reader))
