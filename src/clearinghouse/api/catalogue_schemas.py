"""Bodies of the records released to all: ``NationCreate / NationUpdate / NationRead``,
items and hubs."""

from datetime import date
from typing import Annotated

from pydantic import Field

from clearinghouse.api.schemas import Ref, Strict, Text
from clearinghouse.domain.nations import Caveat, NationRole

Code3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
Tonnes = Annotated[float, Field(ge=0, lt=1e12, allow_inf_nan=False)]
Kilograms = Annotated[float, Field(ge=0, lt=1e9, allow_inf_nan=False)]
Nsn = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{3}-\d{4}$")]


class NationCreate(Strict):
    code: Code3
    name: Text
    nato: bool
    eu: bool
    role: NationRole
    caveats: list[Caveat] = Field(default_factory=list)


class NationUpdate(Strict):
    name: Text | None = None
    nato: bool | None = None
    eu: bool | None = None
    role: NationRole | None = None
    caveats: list[Caveat] | None = None


class NationRead(NationCreate):
    version: int


class ItemCreate(Strict):
    code: Ref
    name: Text
    capability: Text
    class_code: Ref
    unit: Ref
    unit_weight_kg: Kilograms
    lethal: bool
    nsn: Nsn | None = None


class ItemUpdate(Strict):
    name: Text | None = None
    capability: Text | None = None
    class_code: Ref | None = None
    unit: Ref | None = None
    unit_weight_kg: Kilograms | None = None
    lethal: bool | None = None
    nsn: Nsn | None = None


class ItemRead(ItemCreate):
    version: int


class HubCreate(Strict):
    code: Ref
    name: Text
    country: Code3
    capacity_t_per_month: Tonnes
    opens: date
    closes: date | None = None


class HubUpdate(Strict):
    name: Text | None = None
    capacity_t_per_month: Tonnes | None = None
    opens: date | None = None
    closes: date | None = None


class HubRead(HubCreate):
    version: int


class SubstituteCreate(Strict):
    need_class: Ref
    offer_class: Ref
    factor: Annotated[float, Field(gt=0, le=1, description="units of need_class per unit")]


class SubstituteUpdate(Strict):
    factor: Annotated[float, Field(gt=0, le=1)] | None = None


class SubstituteRead(SubstituteCreate):
    version: int


class LaneCreate(Strict):
    origin: Ref
    hub: Ref
    transit_days: Annotated[int, Field(ge=0, le=3650)]
    cost_per_t: Annotated[float, Field(ge=0, lt=1e9, allow_inf_nan=False)]


class LaneUpdate(Strict):
    transit_days: Annotated[int, Field(ge=0, le=3650)] | None = None
    cost_per_t: Annotated[float, Field(ge=0, lt=1e9, allow_inf_nan=False)] | None = None


class LaneRead(LaneCreate):
    version: int


class ProducerCreate(Strict):
    code: Ref
    name: Text
    class_code: Ref
    unit_price_eur: Annotated[float, Field(gt=0, lt=1e12, allow_inf_nan=False)]
    capacity_per_month: Annotated[int, Field(gt=0, le=2_147_483_647)]
    available: date
    lead_months: Annotated[int, Field(ge=0, le=120)]


class ProducerUpdate(Strict):
    name: Text | None = None
    unit_price_eur: Annotated[float, Field(gt=0, lt=1e12, allow_inf_nan=False)] | None = None
    capacity_per_month: Annotated[int, Field(gt=0, le=2_147_483_647)] | None = None
    available: date | None = None
    lead_months: Annotated[int, Field(ge=0, le=120)] | None = None


class ProducerRead(ProducerCreate):
    version: int


class MissionCreate(Strict):
    code: Ref
    name: Text
    starts: date
    ends: date
    renewal_expected: date | None = Field(
        default=None, description="a renewal is pending, expected on this date; courses may "
        "be planned past the mandate's end meanwhile")


class MissionUpdate(Strict):
    name: Text | None = None
    starts: date | None = None
    ends: date | None = None
    renewal_expected: date | None = None


class MissionRead(MissionCreate):
    version: int
