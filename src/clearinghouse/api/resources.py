"""The record resources served: needs, offers, funding pledges, posts …, with their filters."""

from typing import Annotated, Any

from fastapi import APIRouter, Query

from clearinghouse.api.catalogue_schemas import (
    HubCreate,
    HubRead,
    HubUpdate,
    ItemCreate,
    ItemRead,
    ItemUpdate,
    LaneCreate,
    LaneRead,
    LaneUpdate,
    MissionCreate,
    MissionRead,
    MissionUpdate,
    NationCreate,
    NationRead,
    NationUpdate,
    ProducerCreate,
    ProducerRead,
    ProducerUpdate,
    SubstituteCreate,
    SubstituteRead,
    SubstituteUpdate,
)
from clearinghouse.api.crud import record_router
from clearinghouse.api.post_schemas import PostCreate, PostRead, PostUpdate
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
    ProcurementCreate,
    ProcurementRead,
    ProcurementUpdate,
)
from clearinghouse.api.training_schemas import (
    CourseCreate,
    CourseRead,
    CourseUpdate,
    TrainingNeedCreate,
    TrainingNeedRead,
    TrainingNeedUpdate,
)
from clearinghouse.domain.lifecycle import NeedStatus, OfferStatus
from clearinghouse.domain.nations import NationRole
from clearinghouse.domain.offers import OfferKind
from clearinghouse.domain.posts import Branch
from clearinghouse.domain.training import CourseCategory

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


def nation_filters(role: NationRole | None = None, nato: bool | None = None,
                   eu: bool | None = None) -> dict[str, Any]:
    return _given(role=role, nato=nato, eu=eu)


def item_filters(class_code: Code = None, capability: Code = None,
                 lethal: bool | None = None) -> dict[str, Any]:
    return _given(class_code=class_code, capability=capability, lethal=lethal)


def hub_filters(country: Code = None) -> dict[str, Any]:
    return _given(country=country)


def class_filters(need_class: Code = None, offer_class: Code = None) -> dict[str, Any]:
    return _given(need_class=need_class, offer_class=offer_class)


def lane_filters(origin: Code = None, hub: Code = None) -> dict[str, Any]:
    return _given(origin=origin, hub=hub)


def producer_filters(class_code: Code = None) -> dict[str, Any]:
    return _given(class_code=class_code)


def procurement_filters(buyer: Code = None, class_code: Code = None) -> dict[str, Any]:
    return _given(buyer=buyer, class_code=class_code)


def no_filters() -> dict[str, Any]:
    return {}


def training_filters(category: CourseCategory | None = None,
                     priority: Annotated[int | None, Query(ge=1, le=5)] = None
                     ) -> dict[str, Any]:
    return _given(category=category, priority=priority)


def course_filters(host: Code = None, location: Code = None, mission: Code = None,
                   category: CourseCategory | None = None) -> dict[str, Any]:
    return _given(host=host, location=location, mission=mission, category=category)


def post_filters(nation: Code = None, branch: Branch | None = None) -> dict[str, Any]:
    return _given(nation=nation, branch=branch)


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
        record_router(sheet="nations", create=NationCreate, update=NationUpdate,
                      read=NationRead, filters=nation_filters,
                      sort_fields=("code", "name", "role")),
        record_router(sheet="items", create=ItemCreate, update=ItemUpdate, read=ItemRead,
                      filters=item_filters,
                      sort_fields=("code", "name", "capability", "class_code",
                                   "unit_weight_kg")),
        record_router(sheet="hubs", create=HubCreate, update=HubUpdate, read=HubRead,
                      filters=hub_filters,
                      sort_fields=("code", "name", "country", "capacity_t_per_month",
                                   "opens")),
        record_router(sheet="substitutes", create=SubstituteCreate, update=SubstituteUpdate,
                      read=SubstituteRead, filters=class_filters,
                      sort_fields=("need_class", "offer_class", "factor")),
        record_router(sheet="lanes", create=LaneCreate, update=LaneUpdate, read=LaneRead,
                      filters=lane_filters,
                      sort_fields=("origin", "hub", "transit_days", "cost_per_t")),
        record_router(sheet="producers", create=ProducerCreate, update=ProducerUpdate,
                      read=ProducerRead, filters=producer_filters,
                      sort_fields=("code", "class_code", "unit_price_eur", "available")),
        record_router(sheet="missions", create=MissionCreate, update=MissionUpdate,
                      read=MissionRead, filters=no_filters,
                      sort_fields=("code", "starts", "ends")),
        record_router(sheet="training_needs", create=TrainingNeedCreate,
                      update=TrainingNeedUpdate, read=TrainingNeedRead,
                      filters=training_filters,
                      sort_fields=("ref", "category", "trainees", "priority", "due")),
        record_router(sheet="courses", create=CourseCreate, update=CourseUpdate,
                      read=CourseRead, filters=course_filters,
                      sort_fields=("ref", "host", "category", "seats", "starts")),
        record_router(sheet="posts", create=PostCreate, update=PostUpdate, read=PostRead,
                      filters=post_filters,
                      sort_fields=("ref", "nation", "title", "branch", "starts", "ends")),
        record_router(sheet="procurement", create=ProcurementCreate, update=ProcurementUpdate,
                      read=ProcurementRead, filters=procurement_filters,
                      sort_fields=("ref", "buyer", "class_code", "quantity",
                                   "max_unit_price_eur", "due")),
    ]
