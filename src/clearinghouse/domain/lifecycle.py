"""Status lifecycles: which status may follow which."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from clearinghouse.domain.errors import IllegalTransition


class NeedStatus(StrEnum):
    DRAFT = "draft"
    VALIDATED = "validated"
    OPEN = "open"
    PARTIALLY_MET = "partially-met"
    MET = "met"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class OfferStatus(StrEnum):
    OFFERED = "offered"
    ACCEPTED = "accepted"
    ALLOCATED = "allocated"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


_N = NeedStatus
_O = OfferStatus

#: Needs still to be met: validated and not yet fully delivered. A plan covers these, and
#: the dashboard lists them as unmet.
PLANNED_NEEDS = frozenset({_N.VALIDATED, _N.OPEN, _N.PARTIALLY_MET})
#: Offers still to be placed: pledged and not yet shipped, declined or withdrawn.
PLANNED_OFFERS = frozenset({_O.OFFERED, _O.ACCEPTED, _O.ALLOCATED})
#: Needs left out of requested and delivered totals: never validated, or cancelled.
UNCOUNTED_NEEDS = frozenset({_N.DRAFT, _N.CANCELLED})

NEED_TRANSITIONS: Mapping[NeedStatus, frozenset[NeedStatus]] = {
    _N.DRAFT: frozenset({_N.VALIDATED, _N.CANCELLED}),
    _N.VALIDATED: frozenset({_N.OPEN, _N.CANCELLED}),
    _N.OPEN: frozenset({_N.PARTIALLY_MET, _N.MET, _N.CANCELLED}),
    _N.PARTIALLY_MET: frozenset({_N.PARTIALLY_MET, _N.MET, _N.OPEN, _N.CANCELLED}),
    _N.MET: frozenset({_N.CLOSED, _N.PARTIALLY_MET}),
    _N.CLOSED: frozenset(),
    _N.CANCELLED: frozenset(),
}

OFFER_TRANSITIONS: Mapping[OfferStatus, frozenset[OfferStatus]] = {
    _O.OFFERED: frozenset({_O.ACCEPTED, _O.DECLINED, _O.WITHDRAWN}),
    _O.ACCEPTED: frozenset({_O.ALLOCATED, _O.WITHDRAWN}),
    _O.ALLOCATED: frozenset({_O.SHIPPED, _O.ACCEPTED, _O.WITHDRAWN}),
    _O.SHIPPED: frozenset({_O.DELIVERED}),
    _O.DELIVERED: frozenset(),
    _O.DECLINED: frozenset(),
    _O.WITHDRAWN: frozenset(),
}


S = TypeVar("S", bound=StrEnum)


def check_transition(
    what: str, current: S, new: S, allowed: Mapping[S, frozenset[S]]
) -> S:
    """Return ``new`` if ``current → new`` is allowed, else raise :class:`IllegalTransition`."""
    if new not in allowed[current]:
        following = ", ".join(sorted(allowed[current])) or "nothing (final status)"
        raise IllegalTransition(
            f"{what}: cannot go from {current} to {new}; {current} may be followed by {following}",
            field="status", rule=f"{current} → {new} is not a step of the lifecycle", value=new,
        )
    return new
