"""Burden sharing and a nation's impact card, over the records released to the reader."""

from dataclasses import asdict
from datetime import date

from fastapi import APIRouter
from pydantic import BaseModel, Field

from clearinghouse.api.deps import CurrentUser, EngineDep
from clearinghouse.services.reporting.burden import KINDS, burden_report

router = APIRouter(tags=["reports"])


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
def burden(engine: EngineDep, user: CurrentUser, as_of: date | None = None) -> BurdenRead:
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
