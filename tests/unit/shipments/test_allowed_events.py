"""The events a shipment offers next are exactly those it accepts: the event form offers
only these, so an illegal event is never a choice."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime

import pytest

from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.shipments import EventKind, Shipment, ShipmentLine

E = EventKind
WHEN = datetime(2027, 1, 5, 12, tzinfo=UTC)


def shipment(*, direct: bool) -> Shipment:
    return Shipment(ref="S1-X", run_id=1, offer="O-1", hub=None if direct else "PL-RZE",
                    producer="P-1" if direct else None, month=0, item="155-HE",
                    destination="UKR", tonnes=4.7, departs=date(2027, 1, 1),
                    at_hub=None if direct else date(2027, 1, 3), arrives=date(2027, 1, 6),
                    lines=[ShipmentLine("N-1", 100)])


def accepts(s: Shipment, kind: EventKind) -> bool:
    try:
        copy.deepcopy(s).record(kind, WHEN)
    except DomainError:
        return False
    return True


@pytest.mark.parametrize("direct", [False, True])
@pytest.mark.parametrize("path", [(), (E.LOADED,), (E.LOADED, E.AT_HUB),
                                  (E.LOADED, E.AT_HUB, E.DISPATCHED),
                                  (E.LOADED, E.DISPATCHED),
                                  (E.LOADED, E.AT_HUB, E.DISPATCHED, E.DELIVERED),
                                  (E.LOADED, E.LOST)])
def test_the_events_allowed_next_are_exactly_the_events_record_accepts(
        direct: bool, path: tuple[EventKind, ...]) -> None:
    s = shipment(direct=direct)
    for kind in path:
        if not accepts(s, kind):
            pytest.skip(f"{kind} does not follow on this path")
        s.record(kind, WHEN)
    assert set(s.allowed_events) == {k for k in EventKind if accepts(s, k)}


def test_a_planned_shipment_may_only_be_loaded_and_a_closed_one_takes_nothing() -> None:
    s = shipment(direct=False)
    assert s.allowed_events == (E.LOADED,)
    for kind in (E.LOADED, E.AT_HUB, E.DISPATCHED, E.DELIVERED):
        s.record(kind, WHEN)
    assert s.allowed_events == ()
