"""Shipment events: the lifecycle, partial receipts and write-offs, and what is refused."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from clearinghouse.domain.errors import DomainError, IllegalTransition
from clearinghouse.domain.shipments import EventKind, Shipment, ShipmentLine, ShipmentStatus

T0 = datetime(2027, 1, 4, 8, 0, tzinfo=UTC)
E = EventKind


def shipment(*, hub: str | None = "PL-RZE", lines: tuple[int, ...] = (60, 40)) -> Shipment:
    return Shipment(
        ref="S1-O-1-PL-RZE-M00", run_id=1, offer="O-1", hub=hub,
        producer=None if hub else "UA-DRONE-1", month=0, item="155-HE", destination="UKR",
        tonnes=4.7, departs=date(2027, 1, 4), at_hub=date(2027, 1, 6) if hub else None,
        arrives=date(2027, 1, 9),
        lines=[ShipmentLine(f"N-{i}", q) for i, q in enumerate(lines, 1)])


def moved(s: Shipment, *kinds: EventKind) -> Shipment:
    for n, kind in enumerate(kinds):
        s.record(kind, T0 + timedelta(hours=n))
    return s


def dispatched(s: Shipment | None = None) -> Shipment:
    return moved(s or shipment(), E.LOADED, E.AT_HUB, E.DISPATCHED)


LATER = T0 + timedelta(days=3)


def test_a_hub_shipment_goes_planned_loaded_at_hub_dispatched_delivered() -> None:
    s = shipment()
    seen = [s.status]
    for n, kind in enumerate((E.LOADED, E.AT_HUB, E.DISPATCHED, E.DELIVERED)):
        s.record(kind, T0 + timedelta(hours=n))
        seen.append(s.status)
    assert seen == ["planned", "loaded", "at-hub", "dispatched", "delivered"]
    assert (s.delivered, s.open, s.closed) == (100, 0, True)


def test_a_move_event_reports_every_open_unit() -> None:
    s = shipment()
    assert s.record(E.LOADED, T0).quantity == 100


def test_delivered_before_dispatched_is_refused() -> None:
    s = moved(shipment(), E.LOADED, E.AT_HUB)
    with pytest.raises(IllegalTransition, match="must be dispatched first"):
        s.record(E.DELIVERED, LATER, 10)
    assert (s.status, s.delivered) == (ShipmentStatus.AT_HUB, 0)


def test_a_planned_shipment_cannot_be_delivered() -> None:
    with pytest.raises(IllegalTransition, match="dispatched first"):
        shipment().record(E.DELIVERED, T0)


@pytest.mark.parametrize(("done", "kind"), [
    ((), E.AT_HUB), ((), E.DISPATCHED), ((E.LOADED,), E.DISPATCHED),
    ((E.LOADED,), E.LOADED), ((E.LOADED, E.AT_HUB), E.LOADED),
    ((E.LOADED, E.AT_HUB, E.DISPATCHED), E.AT_HUB)])
def test_a_move_out_of_order_is_refused_and_names_the_step_before(
        done: tuple[EventKind, ...], kind: EventKind) -> None:
    s = moved(shipment(), *done)
    before = s.status
    with pytest.raises(IllegalTransition, match=r"must be .* first"):
        s.record(kind, LATER)
    assert s.status is before


def test_more_delivered_than_shipped_is_refused() -> None:
    s = dispatched()
    with pytest.raises(DomainError, match="only 100 of 100 are still open"):
        s.record(E.DELIVERED, LATER, 101)
    assert s.delivered == 0


def test_more_delivered_than_still_open_after_a_short_receipt_is_refused() -> None:
    s = dispatched()
    s.record(E.DELIVERED, LATER, 70)
    with pytest.raises(DomainError, match="only 30 of 100"):
        s.record(E.DELIVERED, LATER, 31)


@pytest.mark.parametrize("units", [0, -5])
def test_a_receipt_of_no_units_is_refused(units: int) -> None:
    with pytest.raises(DomainError, match="greater than 0"):
        dispatched().record(E.DELIVERED, LATER, units)


def test_a_short_receipt_leaves_the_rest_open_for_a_later_receipt() -> None:
    s = dispatched()
    s.record(E.DELIVERED, LATER, 70)
    assert (s.status, s.delivered, s.open) == (ShipmentStatus.DISPATCHED, 70, 30)
    s.record(E.DELIVERED, LATER + timedelta(days=1), 30)
    assert (s.status, s.delivered, s.open) == (ShipmentStatus.DELIVERED, 100, 0)


def test_the_rest_of_a_short_receipt_can_be_written_off_as_lost_and_closes_as_delivered() -> None:
    s = dispatched()
    s.record(E.DELIVERED, LATER, 70)
    event = s.record(E.LOST, LATER)
    assert event.quantity == 30
    assert (s.status, s.delivered, s.lost, s.open) == (ShipmentStatus.DELIVERED, 70, 30, 0)


def test_receipts_fill_the_first_need_first_and_write_offs_hit_the_last_first() -> None:
    s = dispatched()
    s.record(E.DELIVERED, LATER, 70)
    assert [(line.delivered, line.open) for line in s.lines] == [(60, 0), (10, 30)]
    s = dispatched()
    s.record(E.LOST, LATER, 50)
    assert [(line.written_off, line.open) for line in s.lines] == [(10, 50), (40, 0)]


def test_a_wholly_lost_shipment_closes_as_lost_and_a_returned_one_as_returned() -> None:
    lost = moved(shipment(), E.LOADED)
    lost.record(E.LOST, LATER)
    returned = moved(shipment(), E.LOADED, E.AT_HUB)
    returned.record(E.RETURNED, LATER)
    assert (lost.status, lost.lost) == (ShipmentStatus.LOST, 100)
    assert (returned.status, returned.returned) == (ShipmentStatus.RETURNED, 100)


def test_a_planned_shipment_cannot_be_lost_or_returned_before_it_is_loaded() -> None:
    for kind in (E.LOST, E.RETURNED):
        with pytest.raises(IllegalTransition, match="only a loaded shipment"):
            shipment().record(kind, T0)


@pytest.mark.parametrize("kind", list(EventKind))
def test_an_event_on_a_closed_shipment_is_refused(kind: EventKind) -> None:
    s = dispatched()
    s.record(E.DELIVERED, LATER)
    with pytest.raises(IllegalTransition, match=r"is closed \(delivered\)"):
        s.record(kind, LATER, 1)


def test_more_lost_than_open_is_refused() -> None:
    s = dispatched()
    with pytest.raises(DomainError, match="still open"):
        s.record(E.LOST, LATER, 101)


def test_a_move_names_every_open_unit_or_none() -> None:
    with pytest.raises(DomainError, match="whole consignment of 100 units, not 90"):
        shipment().record(E.LOADED, T0, 90)


def test_an_event_dated_before_the_last_one_is_refused() -> None:
    s = moved(shipment(), E.LOADED)
    with pytest.raises(DomainError, match="before its last event"):
        s.record(E.AT_HUB, T0 - timedelta(minutes=1))
    assert s.status is ShipmentStatus.LOADED


def test_a_direct_shipment_from_a_producer_skips_the_hub() -> None:
    s = shipment(hub=None)
    s.record(E.LOADED, T0)
    with pytest.raises(IllegalTransition, match="never reaches a hub"):
        s.record(E.AT_HUB, LATER)
    s.record(E.DISPATCHED, LATER)
    s.record(E.DELIVERED, LATER, 100)
    assert s.status is ShipmentStatus.DELIVERED


def test_a_hub_shipment_cannot_skip_the_hub() -> None:
    s = moved(shipment(), E.LOADED)
    with pytest.raises(IllegalTransition, match="must be at-hub first"):
        s.record(E.DISPATCHED, LATER)


def test_a_shipment_needs_at_least_one_line_of_whole_units() -> None:
    with pytest.raises(DomainError, match="no need"):
        shipment(lines=())
    with pytest.raises(DomainError, match="greater than 0"):
        shipment(lines=(10, 0))
