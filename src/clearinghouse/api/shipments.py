"""Shipments and the logistics reports, as far as the user's nation may see them: create a
run's shipments, list and read them, record their events; hub throughput and the ledger."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, Field

from clearinghouse.api.crud import MAX_PAGE, Responses
from clearinghouse.api.deps import CurrentUser, EngineDep, OptionalIfMatch, etag
from clearinghouse.api.errors import current_version_on_conflict
from clearinghouse.api.params import PathId
from clearinghouse.api.schemas import MAX_INT, Page, Stale
from clearinghouse.domain.shipments import EventKind, ShipmentStatus
from clearinghouse.services.logistics import shipment_views as views
from clearinghouse.services.logistics import shipments
from clearinghouse.services.logistics.ledger import STAGES
from clearinghouse.services.records.users import User

router = APIRouter(tags=["shipments"])
RunId = PathId
#: S{run}-{offer}-{hub or producer}-M{month}: longer than one record's ref may be.
ShipmentRef = Annotated[str, Path(min_length=1, max_length=400, pattern=r"^[^\x00-\x1f]+$")]
NOT_FOUND: Responses = {404: {"description": "no such shipment, or not released to you"}}
FORBIDDEN: Responses = {403: {"description": "only coordinators and logisticians write"}}


class LineRead(BaseModel):
    need: str
    quantity: int
    factor: float
    delivered: int
    written_off: int


class ShipmentRead(BaseModel):
    ref: str
    run_id: int
    offer: str = Field(description="the offer, or the funding pledge for produced units")
    hub: str | None
    producer: str | None
    month: int
    item: str
    destination: str
    quantity: int
    tonnes: float
    departs: date
    at_hub: date | None
    arrives: date
    status: ShipmentStatus
    delivered: int
    lost: int
    returned: int
    open: int
    last_event_at: datetime | None
    lines: list[LineRead]
    version: int | None = Field(default=None, description="the ETag of the shipment")


class EventRead(BaseModel):
    kind: EventKind
    at: datetime
    quantity: int
    note: str
    actor: str | None = Field(description="who recorded it (coordinators, auditors and "
                                          "logisticians see it)")


class ShipmentDetail(ShipmentRead):
    events: list[EventRead]


class EventCreate(BaseModel):
    kind: EventKind
    quantity: Annotated[int, Field(gt=0, le=MAX_INT)] | None = Field(
        default=None, description="units received, lost or returned; default every open unit")
    at: datetime | None = Field(default=None, description="when it happened (UTC if no zone); "
                                                          "default now")
    note: Annotated[str, Field(max_length=500, pattern=r"^[^\x00]*$")] = ""


class EventRecorded(BaseModel):
    event: EventRead
    shipment: ShipmentDetail
    needs_changed: list[str]
    offers_changed: list[str]


class HubMonthLoadRead(BaseModel):
    hub: str
    month: date = Field(description="the first day of the month")
    capacity_t: float
    planned_t: float
    actual_t: float


class HubThroughputRead(BaseModel):
    loads: list[HubMonthLoadRead]
    warnings: list[str]


class AmountRead(BaseModel):
    units: int
    eur: float


class LedgerLineRead(BaseModel):
    key: str = Field(description="the donor, capability or funding instrument")
    stages: dict[str, AmountRead] = Field(description="pledged, accepted, allocated, "
                                                      "shipped and delivered")


class LedgerRead(BaseModel):
    by: str
    stages: list[str]
    rows: list[LedgerLineRead]


def _detail(user: User, found: views.ShipmentDetail) -> ShipmentDetail:
    return ShipmentDetail.model_validate({
        **views.as_plain(found.stored.shipment), "version": found.stored.version,
        "events": [{"kind": e.event.kind, "at": e.event.at, "quantity": e.event.quantity,
                    "note": e.event.note, "actor": views.event_actor(user, e)}
                   for e in found.events]})


@router.post("/plans/{run_id}/shipments", status_code=201,
             responses={**FORBIDDEN, 404: {"description": "no such plan run"},
                        409: {"description": "the run has shipments already"},
                        422: {"description": "the run is not approved"}})
def create_shipments(run_id: RunId, engine: EngineDep,
                     user: CurrentUser) -> list[ShipmentRead]:
    """Turn an approved plan run into shipments (one per offer × hub × month); the answer
    lists those released to you."""
    made = shipments.create_shipments(engine, user, run_id)
    return [ShipmentRead.model_validate(views.as_plain(s)) for s in made]


@router.get("/shipments")
def list_shipments(
    engine: EngineDep, user: CurrentUser,
    run: Annotated[int | None, Query(ge=1, le=MAX_INT, description="plan run id")] = None,
    hub: Annotated[str | None, Query(max_length=100)] = None,
    status: ShipmentStatus | None = None,
    offer: Annotated[str | None, Query(max_length=100,
                                       description="offer or funding pledge")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=2**31)] = 0,
) -> Page[ShipmentRead]:
    """Shipments released to you (source and every line's need), filtered, one page."""
    found = views.list_shipments(engine, user, run=run, hub=hub, status=status, offer=offer)
    items = [ShipmentRead.model_validate({**views.as_plain(s.shipment), "version": s.version})
             for s in found[offset:offset + limit]]
    return Page[ShipmentRead](items=items, total=len(found), limit=limit, offset=offset)


@router.get("/shipments/{ref}", responses=NOT_FOUND)
def get_shipment(ref: ShipmentRef, engine: EngineDep, user: CurrentUser,
                 response: Response) -> ShipmentDetail:
    """One shipment with its events; the ETag is its version."""
    found = views.get_shipment(engine, user, ref)
    response.headers["ETag"] = etag(found.stored.version)
    return _detail(user, found)


@router.post("/shipments/{ref}/events", status_code=201, response_model=EventRecorded,
             responses={**NOT_FOUND, **FORBIDDEN,
                        409: {"model": Stale, "description": "stale If-Match, or an event "
                                                             "the shipment's state refuses"}})
def record_event(ref: ShipmentRef, body: EventCreate, version: OptionalIfMatch,
                 engine: EngineDep, user: CurrentUser,
                 response: Response) -> Any:
    """Record what happened to a shipment: loaded, at-hub, dispatched, delivered, lost or
    returned. If-Match guards a stale read (409 with the current version); an event the
    shipment's state refuses is 409 too, saying why."""
    with current_version_on_conflict(
            lambda: views.get_shipment(engine, user, ref).stored.version):
        done = shipments.record_event(engine, user, ref, body.kind,
                                      quantity=body.quantity, at=body.at, note=body.note,
                                      expected_version=version)
    found = views.get_shipment(engine, user, ref)
    response.headers["ETag"] = etag(found.stored.version)
    event = done.event
    return EventRecorded(
        event=EventRead(kind=event.kind, at=event.at, quantity=event.quantity, note=event.note,
                        actor=user.name if user.role in views.ACTOR_READERS else None),
        shipment=_detail(user, found), needs_changed=done.needs_changed,
        offers_changed=done.offers_changed)


@router.get("/reports/hub-throughput", tags=["reports"])
def hub_throughput(engine: EngineDep, user: CurrentUser) -> HubThroughputRead:
    """Planned and actual tonnes per hub and month against capacity, over the shipments and
    pending allocations released to you, with warnings where a plan outruns a hub."""
    loads, warnings = views.hub_throughput_report(engine, user, today=date.today())
    return HubThroughputRead(
        loads=[HubMonthLoadRead(hub=x.hub, month=x.month, capacity_t=x.capacity_t,
                                planned_t=x.planned_t, actual_t=x.actual_t) for x in loads],
        warnings=warnings)


@router.get("/reports/ledger", tags=["reports"])
def ledger(engine: EngineDep, user: CurrentUser,
           by: Literal["donor", "capability", "funding"] = "donor") -> LedgerRead:
    """Pledged → accepted → allocated → shipped → delivered, in units and EUR, per donor,
    capability or funding instrument, over the records released to you."""
    summed = views.ledger_report(engine, user, by)
    return LedgerRead(by=by, stages=list(STAGES), rows=[
        LedgerLineRead(key=key, stages={s: AmountRead(units=a.units, eur=a.eur)
                                        for s, a in cells.items()})
        for key, cells in summed.items()])
