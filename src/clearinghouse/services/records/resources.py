"""Who may do what to which records: one policy per resource (needs, offers, funding, …)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import true

from clearinghouse.adapters.db.listing import page
from clearinghouse.domain.catalogue import Item, Substitution
from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.funding import FundingPledge, Producer
from clearinghouse.domain.lifecycle import NeedStatus, OfferStatus
from clearinghouse.domain.logistics import Hub, Lane
from clearinghouse.domain.nations import Nation
from clearinghouse.domain.needs import Need
from clearinghouse.domain.offers import Offer
from clearinghouse.domain.posts import Post
from clearinghouse.domain.procurement import ProcurementRequest
from clearinghouse.domain.training import CourseOffer, Mission, TrainingNeed
from clearinghouse.services.records.users import Role
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

C, R, D, L, A = (Role.COORDINATOR, Role.RECIPIENT_LIAISON, Role.DONOR_LIAISON,
                 Role.LOGISTICIAN, Role.AUDITOR)
Check = Callable[[SqlUnitOfWork, Any], None]


@dataclass(frozen=True, slots=True)
class Resource:
    """A sheet as the API serves it.

    ``writers`` may create, update and delete; a writer in ``own_nation_only`` only records
    whose ``owner_field`` is its own nation (before and after the write). ``transitions``
    gives, per role, the statuses it may move a record to (``None``: any the lifecycle
    allows). ``deletable`` lists the statuses in which a record may still be deleted.
    """

    sheet: str
    record_type: type[Any]
    writers: frozenset[Role] = frozenset({C})
    owner_field: str | None = None
    own_nation_only: frozenset[Role] = frozenset()
    transitions: Mapping[Role, frozenset[str] | None] = field(default_factory=dict)
    status_type: type[Any] | None = None
    initial_status: str | None = None
    deletable: frozenset[str] | None = None  # None: in any status
    check: Check | None = None
    #: The owner is the filer's nation (set on create, never from the request).
    owner_is_filer: bool = False


def _check_offer(uow: SqlUnitOfWork, offer: Offer) -> None:
    donor = uow.nations.get_by_ref(offer.donor)
    if donor is None:
        raise DomainError(f"offer {offer.ref}: donor nation {offer.donor} is not known",
                          field="donor", rule="must be a nation of the clearing house",
                          value=offer.donor)
    item = uow.items.get_by_ref(offer.item)
    if item is None:
        raise DomainError(f"offer {offer.ref}: item {offer.item} is not in the catalogue",
                          field="item", rule="must be a catalogue item", value=offer.item)
    offer.check_donor_may_offer(donor.record, item.record)


def _check_pledge(uow: SqlUnitOfWork, pledge: FundingPledge) -> None:
    if uow.nations.get_by_ref(pledge.donor) is None:
        raise DomainError(f"funding pledge {pledge.ref}: donor nation {pledge.donor} is not "
                          "known", field="donor", rule="must be a nation of the clearing house",
                          value=pledge.donor)


def _nation_of(uow: SqlUnitOfWork, course: CourseOffer, name: str) -> Nation:
    code = getattr(course, name)
    found = uow.nations.get_by_ref(code)
    if found is None:
        raise DomainError(f"course {course.ref}: {name} nation {code} is not known",
                          field=name, rule="must be a nation of the clearing house", value=code)
    return found.record


def _check_course(uow: SqlUnitOfWork, course: CourseOffer) -> None:
    host, location = _nation_of(uow, course, "host"), _nation_of(uow, course, "location")
    mission = uow.missions.get_by_ref(course.mission)
    if mission is None:
        raise DomainError(f"course {course.ref}: mission {course.mission} is not known",
                          field="mission", rule="must be a mission of the clearing house",
                          value=course.mission)
    course.check_caveats(host, location)
    course.check_mandate(mission.record)


def _check_post(uow: SqlUnitOfWork, post: Post) -> None:
    if uow.nations.get_by_ref(post.nation) is None:
        raise DomainError(f"post {post.ref}: nation {post.nation} is not known", field="nation",
                          rule="must be a nation of the clearing house", value=post.nation)
def _check_request(uow: SqlUnitOfWork, request: ProcurementRequest) -> None:
    if uow.nations.get_by_ref(request.buyer) is None:
        raise DomainError(f"procurement request {request.ref}: buyer nation {request.buyer} is "
                          "not known", field="buyer", rule="must be a nation of the clearing house",
                          value=request.buyer)
    _, items_of_class = page(uow.connection, "items", visible=true(),
                             filters={"class_code": request.class_code}, sort=None, limit=1,
                             offset=0)
    if not items_of_class:
        raise DomainError(f"procurement request {request.ref}: class {request.class_code} is "
                          "not in the catalogue", field="class",
                          rule="must be a class of the catalogue's items",
                          value=request.class_code)


_N, _O = NeedStatus, OfferStatus
RESOURCES: dict[str, Resource] = {r.sheet: r for r in (
    Resource("needs", Need, writers=frozenset({C, R}), owner_field="owner",
             own_nation_only=frozenset({R}), owner_is_filer=True, status_type=NeedStatus,
             initial_status=_N.DRAFT, transitions={C: None, R: frozenset({_N.CANCELLED})},
             deletable=frozenset({_N.DRAFT})),
    Resource("offers", Offer, writers=frozenset({D}), owner_field="donor",
             own_nation_only=frozenset({D}), status_type=OfferStatus,
             initial_status=_O.OFFERED,
             transitions={C: None, D: frozenset({_O.WITHDRAWN}),
                          L: frozenset({_O.SHIPPED, _O.DELIVERED})},
             deletable=frozenset({_O.OFFERED}), check=_check_offer),
    Resource("funding", FundingPledge, writers=frozenset({D}), owner_field="donor",
             own_nation_only=frozenset({D}), check=_check_pledge),
    Resource("nations", Nation),
    Resource("items", Item),
    Resource("substitutes", Substitution),
    Resource("hubs", Hub),
    Resource("lanes", Lane),
    Resource("producers", Producer),
    Resource("missions", Mission),
    Resource("training_needs", TrainingNeed, writers=frozenset({C, R})),
    Resource("courses", CourseOffer, writers=frozenset({C, D}), owner_field="host",
             own_nation_only=frozenset({D}), check=_check_course),
    # The cell's coordinators keep the establishment; the post's nation always sees it.
    Resource("posts", Post, owner_field="nation", check=_check_post),
    Resource("procurement", ProcurementRequest, writers=frozenset({C, D}), owner_field="buyer",
             own_nation_only=frozenset({D}), check=_check_request),
)}

#: Roles that may read the audit log.
AUDIT_READERS = frozenset({C, A})


def owner_of(sheet: str) -> str | None:
    """The field naming the nation that owns a record of ``sheet`` (None: no owner)."""
    return RESOURCES[sheet].owner_field if sheet in RESOURCES else None
