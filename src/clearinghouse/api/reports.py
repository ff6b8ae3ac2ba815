"""Reports and plan runs, as far as the user's nation may see them."""

from dataclasses import asdict
from datetime import datetime
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from clearinghouse.api.deps import CurrentUser, EngineDep
from clearinghouse.api.params import PathId
from clearinghouse.services.reporting.plan_source import (
    PlanSource,
    approved_source,
    run_label,
)
from clearinghouse.services.reporting.reports import (
    delivered_fill_rates,
    donor_shares,
    hub_tonnes,
    plan_view,
)

router = APIRouter(tags=["reports"])


class FillRateRead(BaseModel):
    capability: str
    priority: int
    requested: int
    delivered: int
    fill_rate: float


class HubMonthRead(BaseModel):
    hub: str
    month: int
    tonnes: float
    capacity_t: float


class AllocationRead(BaseModel):
    offer: str
    need: str
    hub: str | None
    producer: str | None
    month: int
    quantity: int
    tonnes: float


class PlanSourceRead(BaseModel):
    """The approved plan that plan-derived figures (hub tonnes, donor shares) come from."""

    run_id: int | None = Field(description="the approved plan run; null while none is")
    approved_at: datetime | None
    approved_by: str | None
    label: str = Field(description='in words: "approved plan run 3, approved 2026-12-02 '
                                   '14:05 UTC by alice" or "no plan approved yet"')


def _source(source: PlanSource) -> PlanSourceRead:
    return PlanSourceRead(run_id=source.run_id, approved_at=source.approved_at,
                          approved_by=source.approved_by, label=source.label)


class PlanRead(BaseModel):
    id: int
    created_at: datetime
    status: str
    approved_at: datetime | None
    approved_by: str | None
    approved: bool = Field(description="true only for the plan the cell executes now")
    label: str = Field(description="which plan this is in words: the approved plan, or a "
                                   "proposal nobody approved, naming the approved one")
    settings: dict[str, Any]
    needs: dict[str, Any]
    allocations: list[AllocationRead]
    churn: dict[str, Any] | None = Field(default=None, description=(
        "what changed against the plan approved when this run was made (SPEC §4 Stability):"
        " lines and units changed (units = sum of |units - reference units| / 2) in total"
        " over the needs you see and per need with why; null when nothing was approved"))


@router.get("/reports/fill-rate")
def fill_rate_report(engine: EngineDep, user: CurrentUser) -> list[FillRateRead]:
    """Requested and delivered units of live needs by capability and priority."""
    return [FillRateRead(capability=r.capability, priority=r.priority, requested=r.requested,
                         delivered=r.delivered, fill_rate=r.fill_rate)
            for r in delivered_fill_rates(engine, user)]


@router.get("/reports/approved-plan")
def approved_plan_report(engine: EngineDep, user: CurrentUser) -> PlanSourceRead:
    """The approved plan that hub tonnes, donor shares and planned quantities come from
    (never a later run nobody approved)."""
    return _source(approved_source(engine, user))


@router.get("/reports/hub-tonnes")
def hub_tonnes_report(engine: EngineDep, user: CurrentUser) -> list[HubMonthRead]:
    """Tonnes per hub and month of the approved plan (``/reports/approved-plan`` names it),
    against the hub's capacity."""
    tonnes = hub_tonnes(engine, user)
    return [HubMonthRead(hub=x.hub, month=tonnes.plan_month(x), tonnes=x.planned_t,
                         capacity_t=x.capacity_t) for x in tonnes.loads]


@router.get("/plans/{run_id}", responses={404: {"description": "no such plan run"}})
def plan_run(run_id: PathId, engine: EngineDep,
             user: CurrentUser) -> PlanRead:
    """A plan run: per-need results and allocations of the records released to you."""
    view = plan_view(engine, user, run_id)
    current = approved_source(engine, user)
    return PlanRead(id=view.id, created_at=view.created_at, status=view.status,
                    approved_at=view.approved_at, approved_by=view.approved_by,
                    approved=current.run_id == view.id,
                    label=run_label(view.id, view.status, view.approved_at, current),
                    settings=view.settings, needs=view.needs,
                    allocations=[AllocationRead(**asdict(a)) for a in view.allocations],
                    churn=view.churn)


class DonorShareRead(BaseModel):
    donor: str
    units: int
    tonnes: float
    share: float = Field(description="of the capability's planned units")
    tonnes_share: float = Field(description="of the capability's planned tonnes")


class CapabilitySharesRead(BaseModel):
    capability: str
    units: int
    tonnes: float
    donors: list[DonorShareRead]
    top_donor: str | None
    top_share: float
    hhi: float = Field(description="Herfindahl–Hirschman index of the units' shares, 0..1")


class DonorSharesRead(BaseModel):
    run_id: int | None = Field(description="the approved plan run; null while none is")
    source: PlanSourceRead
    capabilities: list[CapabilitySharesRead]


@router.get("/reports/donor-shares")
def donor_shares_report(engine: EngineDep, user: CurrentUser) -> DonorSharesRead:
    """Per capability, each donor's share of the approved plan's units and tonnes, with the
    top share and the HHI — over the allocations whose need and source are released to you."""
    report = donor_shares(engine, user)
    return DonorSharesRead(
        run_id=report.run_id, source=_source(report.source),
        capabilities=[CapabilitySharesRead.model_validate(asdict(c))
                      for c in report.capabilities])
