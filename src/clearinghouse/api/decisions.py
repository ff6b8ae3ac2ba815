"""Decision support on a plan run: bottlenecks and what it would take to meet a need."""

from typing import Annotated, Any

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from clearinghouse.api.deps import CurrentUser, EngineDep
from clearinghouse.api.params import PathId
from clearinghouse.services.planning.decisions import run_bottlenecks, run_what_it_takes

router = APIRouter(tags=["plans"])

RunId = PathId
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "no such plan run, or no such need released to you"}}


class AdditionRead(BaseModel):
    kind: str = Field(description="hub, producer, funding or class")
    resource: str = Field(description="hub or producer code, pledge ref, or class")
    month: int | None = Field(description="plan month index; null for a pledge")
    label: str = Field(description="the addition in words, e.g. +1,000 t at H1 in 2027-06")
    marginal_value: float = Field(description="value per tonne, unit or EUR (dual price)")
    addition: float = Field(description="tonnes, units or EUR added")
    value_gain: float = Field(description="value gained, confirmed by re-solving the LP")
    priority_units: list[float] = Field(description="extra need-units per priority 1-5")


class BottlenecksRead(BaseModel):
    run_id: int
    computed_on: str = Field(description="whose records the figures were computed on")
    lp_value: float
    additions: list[AdditionRead]


class RequirementRead(BaseModel):
    kind: str = Field(description="hub (t), class (units) or funding (EUR)")
    resource: str
    month: int
    month_label: str
    amount: float


class DisplacedRead(BaseModel):
    need: str
    units: float
    value: float


class WhatItTakesRead(BaseModel):
    run_id: int
    computed_on: str
    need: str
    status: str = Field(description="met, possible or impossible")
    due_month: int
    room: float = Field(description="units the need still lacks before the plan")
    on_time: float = Field(description="units the value LP delivers by the due month")
    additions: list[RequirementRead]
    displaced: list[DisplacedRead]
    value_before: float
    value_after: float | None


@router.get("/plans/{run_id}/bottlenecks", responses=NOT_FOUND)
def plan_bottlenecks(run_id: RunId, engine: EngineDep, user: CurrentUser) -> BottlenecksRead:
    """Where one more tonne, unit or euro is worth most under this run's window, each addition
    confirmed by re-solving; computed on the records released to your nation."""
    r = run_bottlenecks(engine, user, run_id)
    return BottlenecksRead(
        run_id=run_id, computed_on=f"the records released to {r.view}", lp_value=r.lp_value,
        additions=[AdditionRead(kind=a.kind, resource=a.resource, month=a.month,
                                label=r.label(a), marginal_value=a.marginal_value,
                                addition=a.addition, value_gain=a.value_gain,
                                priority_units=list(a.priority_units)) for a in r.additions])


@router.get("/plans/{run_id}/needs/{ref}/what-it-takes", responses=NOT_FOUND)
def need_what_it_takes(run_id: RunId, ref: Annotated[str, Path(max_length=64)],
                       engine: EngineDep, user: CurrentUser) -> WhatItTakesRead:
    """The smallest additions (hub tonnes, units of a compatible class, funding) that meet the
    need by its due month under this run's window, and the deliveries worth less they would
    displace; computed on the records released to your nation."""
    r = run_what_it_takes(engine, user, run_id, ref)
    w = r.result
    return WhatItTakesRead(
        run_id=run_id, computed_on=f"the records released to {r.view}", need=w.need,
        status=w.status, due_month=w.due_month, room=w.room, on_time=w.on_time,
        additions=[RequirementRead(kind=a.kind, resource=a.resource, month=a.month,
                                   month_label=r.month(a.month), amount=a.amount)
                   for a in w.additions],
        displaced=[DisplacedRead(need=d.need, units=d.units, value=d.value)
                   for d in w.displaced],
        value_before=w.value_before, value_after=w.value_after)
