"""Request and response bodies: ``NeedCreate / NeedUpdate / NeedRead`` and the like."""

from datetime import date
from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from clearinghouse.domain import fields
from clearinghouse.domain.lifecycle import NeedStatus, OfferStatus
from clearinghouse.domain.offers import OfferKind

T = TypeVar("T")
MAX_INT = 2_147_483_647  # the largest whole number every supported database stores

# The field rules of domain.fields, which the web forms apply too (one home, not two copies).
Ref = Annotated[str, Field(min_length=1, max_length=fields.REF_MAX, pattern=fields.REF_PATTERN,
                           description="letters, digits and . _ / - (at most 40)")]
Text = Annotated[str, Field(min_length=1, max_length=fields.TEXT_MAX,
                            pattern=fields.TEXT_PATTERN)]
Quantity = Annotated[int, Field(gt=0, le=fields.QUANTITY_MAX, description="whole units")]
Priority = Annotated[int, Field(ge=1, le=5, description="1 (most urgent) to 5")]
Euros = Annotated[float, Field(ge=0, lt=1e15, allow_inf_nan=False)]
Releasability = Annotated[list[Annotated[str, Field(pattern=r"^([A-Z]{3}|ALL)$")]], Field(
    min_length=1, max_length=60, description='nation codes allowed to see it, or ["ALL"]')]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(description="records matching the filters that the user may see")
    limit: int
    offset: int


class Transition(Strict):
    status: str = Field(min_length=1, max_length=40, description="the status to move to")


class Stale(BaseModel):
    detail: str
    current_version: int | None


class NeedCreate(Strict):
    ref: Ref
    class_code: Ref
    quantity: Quantity
    priority: Priority
    due: date
    destination: Text
    releasability: Releasability = ["ALL"]


class NeedUpdate(Strict):
    class_code: Ref | None = None
    quantity: Quantity | None = None
    priority: Priority | None = None
    due: date | None = None
    destination: Text | None = None
    releasability: Releasability | None = None


class NeedRead(NeedCreate):
    """A need with its fulfilment side by side: ``quantity`` requested, ``planned`` by the
    approved plan, ``delivered`` by recorded receipts (the status follows ``delivered``)."""

    status: NeedStatus
    owner: str | None = Field(description="the owning nation: the filer's (the recipient's "
                                          "for imported needs); it always sees the need")
    planned: int = Field(description="units the approved plan provides (set by approval)")
    delivered: int = Field(description="units received (shipment receipts); the status "
                                       "is partially-met once some are, met once all are")
    version: int


class OfferCreate(Strict):
    ref: Ref
    donor: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    item: Ref
    quantity: Quantity
    available: date
    origin: Ref
    kind: OfferKind = OfferKind.STOCK
    value_eur: Euros | None = None
    funding: Text | None = None
    releasability: Releasability = ["ALL"]


class OfferUpdate(Strict):
    item: Ref | None = None
    quantity: Quantity | None = None
    available: date | None = None
    origin: Ref | None = None
    kind: OfferKind | None = None
    value_eur: Euros | None = None
    funding: Text | None = None
    releasability: Releasability | None = None


class OfferRead(OfferCreate):
    status: OfferStatus
    version: int


class FundingCreate(Strict):
    ref: Ref
    donor: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    amount_eur: Annotated[float, Field(gt=0, lt=1e15, allow_inf_nan=False)]
    instrument: Text
    available: date
    earmark: Text | None = None


class FundingUpdate(Strict):
    amount_eur: Annotated[float, Field(gt=0, lt=1e15, allow_inf_nan=False)] | None = None
    instrument: Text | None = None
    available: date | None = None
    earmark: Text | None = None


class FundingRead(FundingCreate):
    version: int


class ProcurementCreate(Strict):
    """An ally's request to buy from the recipient's industry (SPEC §5); owned by ``buyer``."""

    ref: Ref
    buyer: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    class_code: Ref
    quantity: Quantity
    max_unit_price_eur: Euros
    due: date
    releasability: Releasability = ["ALL"]


class ProcurementUpdate(Strict):
    class_code: Ref | None = None
    quantity: Quantity | None = None
    max_unit_price_eur: Euros | None = None
    due: date | None = None
    releasability: Releasability | None = None


class ProcurementRead(ProcurementCreate):
    version: int
