"""The record resources served: needs, offers and funding pledges, with their filters."""

from typing import Annotated, Any

from fastapi import APIRouter, Query

from clearinghouse.api.crud import record_router
from clearinghouse.api.schemas import (
    FundingCreate,
    FundingRead,
    FundingUpdate,
    NeedCreate,
    NeedRead,
    NeedUpdate,
    OfferCreate,
    OfferRead,
    OfferUpdate,
)
from clearinghouse.domain.lifecycle import NeedStatus, OfferStatus
from clearinghouse.domain.offers import OfferKind

Code = Annotated[str | None, Query(max_length=100)]


def _given(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def need_filters(status: NeedStatus | None = None, class_code: Code = None,
                 priority: Annotated[int | None, Query(ge=1, le=5)] = None,
                 destination: Code = None) -> dict[str, Any]:
    return _given(status=status, class_code=class_code, priority=priority,
                  destination=destination)


def offer_filters(status: OfferStatus | None = None, donor: Code = None, item: Code = None,
                  kind: OfferKind | None = None, origin: Code = None) -> dict[str, Any]:
    return _given(status=status, donor=donor, item=item, kind=kind, origin=origin)


def funding_filters(donor: Code = None, instrument: Code = None) -> dict[str, Any]:
    return _given(donor=donor, instrument=instrument)


def routers() -> list[APIRouter]:
    """One router per record resource."""
    return [
        record_router(sheet="needs", create=NeedCreate, update=NeedUpdate, read=NeedRead,
                      filters=need_filters, transitions=True,
                      sort_fields=("ref", "class_code", "quantity", "priority", "due",
                                   "status")),
        record_router(sheet="offers", create=OfferCreate, update=OfferUpdate, read=OfferRead,
                      filters=offer_filters, transitions=True,
                      sort_fields=("ref", "donor", "item", "quantity", "available",
                                   "status")),
        record_router(sheet="funding", create=FundingCreate, update=FundingUpdate,
                      read=FundingRead, filters=funding_filters,
                      sort_fields=("ref", "donor", "amount_eur", "available")),
    ]
