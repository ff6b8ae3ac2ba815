"""Burden sharing and a nation's impact card, over the records released to the reader."""

from dataclasses import asdict
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from clearinghouse.api.deps import CurrentUser, EngineDep
from clearinghouse.services.reporting.burden import KINDS, burden_report
from clearinghouse.services.reporting.impact import impact_card

router = APIRouter(tags=["reports"])
#: The day the figures are for (default today); bounded so that its plan window is a calendar.
AsOf = Annotated[date | None, Query(ge=date(1900, 1, 1), le=date(2200, 12, 31),
                                    description="the day posts are counted on; default today")]


class KindRead(BaseModel):
    name: str
    label: str
    unit: str


class NationBurdenRead(BaseModel):
    nation: str
    name: str
    figures: dict[str, float] = Field(description="kind → the nation's absolute figure")
    shares: dict[str, float] = Field(description="kind → its share of all nations shown "
                                                 "(0 when nobody contributes the kind)")
    posts_vacant: int = Field(description="the nation's posts not filled on as_of")


class BurdenRead(BaseModel):
    as_of: date
    window_start: date = Field(description="first month of the plan window (seats, hubs)")
    horizon: int
    computed_on: str = Field(description='in words: "the records released to DEU"')
    kinds: list[KindRead]
    totals: dict[str, float]
    posts_vacant: int
    nations: list[NationBurdenRead]
    notes: list[str]


@router.get("/reports/burden")
def burden(engine: EngineDep, user: CurrentUser, as_of: AsOf = None) -> BurdenRead:
    """Per nation and in total: staff posts filled (and vacant), in-kind value pledged,
    allocated and delivered (EUR, tonnes), funding pledged and spent, training seats hosted
    and used, hub capacity hosted — each absolute and as a share of all nations shown
    (every share of a kind adds up to 1 when the kind's total is positive), computed on the
    records released to your nation."""
    report = burden_report(engine, user, as_of=as_of or date.today())
    return BurdenRead(
        as_of=report.as_of, window_start=report.window_start, horizon=report.horizon,
        computed_on=report.computed_on, kinds=[KindRead(**asdict(k)) for k in KINDS],
        totals=report.totals, posts_vacant=report.posts_vacant,
        nations=[NationBurdenRead(**asdict(n)) for n in report.nations], notes=report.notes)


class CapabilityLossRead(BaseModel):
    capability: str
    requested: int
    before: float = Field(description="fraction of the requested units delivered with it")
    after: float = Field(description="and without it (the drop-out re-plan)")
    units_lost: float


class ReplacementRead(BaseModel):
    class_code: str
    capability: str
    donors: list[str]
    units: float
    tonnes: float
    eur: float | None = Field(description="at the cheapest producer's price; null: none")


class HubLossRead(BaseModel):
    code: str
    name: str
    capacity_t_per_month: float


class ImpactRead(BaseModel):
    nation: str
    name: str
    computed_on: str = Field(description='in words: "the records released to DEU"')
    as_of: date
    window_start: date
    horizon: int
    posts: int = Field(description="posts the nation fills on as_of: to refill")
    posts_by_branch: dict[str, int]
    value_before: float
    value_after: float
    value_lost: float = Field(description="the drop-out scenario's value lost")
    capabilities: list[CapabilityLossRead]
    needs_losing: int
    single_source: list[ReplacementRead]
    seats_hosted: float
    seats_used: float
    hubs: list[HubLossRead]
    hub_capacity_t: float
    burden: NationBurdenRead


@router.get("/reports/impact/{nation}", responses={404: {"description": "no such nation"}})
def impact(nation: Annotated[str, Path(pattern=r"^[A-Z]{3}$")], engine: EngineDep,
           user: CurrentUser, as_of: AsOf = None) -> ImpactRead:
    """If the nation leaves: its posts to refill by branch, the value and units lost per
    capability (the drop-out scenario without its offers and pledges, over the approved
    plan's window), classes only it supplies, training seats and hub capacity lost —
    computed on the records released to your nation."""
    card = impact_card(engine, user, nation, as_of=as_of or date.today())
    return ImpactRead(
        nation=card.nation, name=card.name, computed_on=card.computed_on, as_of=card.as_of,
        window_start=card.window_start, horizon=card.horizon, posts=card.posts,
        posts_by_branch=card.posts_by_branch, value_before=card.value_before,
        value_after=card.value_after, value_lost=card.value_lost,
        capabilities=[CapabilityLossRead(**asdict(c), units_lost=c.units_lost)
                      for c in card.capabilities],
        needs_losing=card.needs_losing,
        single_source=[ReplacementRead(**asdict(r)) for r in card.single_source],
        seats_hosted=card.seats_hosted, seats_used=card.seats_used,
        hubs=[HubLossRead(**asdict(h)) for h in card.hubs], hub_capacity_t=card.hub_capacity_t,
        burden=NationBurdenRead(**asdict(card.share)))
