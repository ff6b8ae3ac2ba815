"""A plan run's two-way procurement: what allies can buy from the recipient's industry, when,
and what the industry earns — over the requests released to the reader's nation."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from clearinghouse.api.deps import CurrentUser, EngineDep
from clearinghouse.services.planning.procurement import plan_procurement

router = APIRouter(tags=["reports"])


class ProcurementLineRead(BaseModel):
    request: str
    buyer: str
    producer: str
    month: int = Field(description="plan month of production (0 = the run's start month)")
    made: str = Field(description="the month of production, YYYY-MM")
    delivered: str = Field(description="the month of delivery (production + lead), YYYY-MM")
    quantity: int
    unit_price_eur: float


class ProcurementRequestResult(BaseModel):
    ref: str
    buyer: str
    class_code: str
    quantity: int
    max_unit_price_eur: float
    due: date
    filled: int
    reason: str | None = Field(description="why not more: no-producer, price-cap, too-late, "
                                           "no-capacity-left (null when filled in full)")


class EarningsRead(BaseModel):
    month: str = Field(description="month of production, YYYY-MM")
    units: int
    eur: float


class ProcurementRead(BaseModel):
    run_id: int
    computed_on: str = Field(description="which requests the figures count, in words")
    lines: list[ProcurementLineRead]
    requests: list[ProcurementRequestResult]
    earnings: list[EarningsRead] = Field(description="per month of the run: units made for "
                                                     "allies and EUR the industry earns")
    units: int
    amount_eur: float


@router.get("/plans/{run_id}/procurement", responses={404: {"description": "no such plan run"}})
def plan_run_procurement(run_id: Annotated[int, Path(ge=1, le=2**31 - 1)], engine: EngineDep,
                         user: CurrentUser) -> ProcurementRead:
    """The allies' requests a plan run fills from the producer capacity its plan leaves: the
    lines (producer, month made and delivered, units, unit price), each request's result
    with the reason it is not filled in full, and what the recipient's industry earns per
    month — counting only requests released to your nation or bought by it."""
    view = plan_procurement(engine, user, run_id)
    units, earned = view.units_per_month(), view.earnings_per_month()
    return ProcurementRead(
        run_id=view.run_id,
        computed_on=("every request" if user.whole_view
                     else f"the requests released to {user.nation} or bought by it"),
        lines=[ProcurementLineRead(request=x.request, buyer=view.buyers[x.request],
                                   producer=x.producer, month=x.month, made=view.label(x.month),
                                   delivered=view.label(x.delivery), quantity=x.quantity,
                                   unit_price_eur=x.unit_price_eur) for x in view.lines],
        requests=[ProcurementRequestResult(**{f: getattr(r, f) for f in (
            "ref", "buyer", "class_code", "quantity", "max_unit_price_eur", "due", "filled",
            "reason")}) for r in view.requests],
        earnings=[EarningsRead(month=view.label(m), units=units[m], eur=earned[m])
                  for m in range(view.horizon)],
        units=sum(units), amount_eur=view.amount_eur)
