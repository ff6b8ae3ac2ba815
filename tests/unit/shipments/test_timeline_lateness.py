"""A shipment's lateness against its needs' earliest due day: what happened outranks what
was planned."""

from __future__ import annotations

from datetime import UTC, date, datetime

from clearinghouse.domain.shipment_timeline import Lateness, by_hub_month, timeline_row
from clearinghouse.domain.shipments import EventKind, Shipment, ShipmentEvent, ShipmentLine

TODAY = date(2027, 3, 1)


def shipment(arrives: date, *, delivered: int = 0) -> Shipment:
    return Shipment("S1-O-PL-RZE-M00", 1, "O", "PL-RZE", None, 0, "IFAK", "UKR", 1.0,
                    date(2027, 1, 5), date(2027, 1, 8), arrives,
                    [ShipmentLine("N-A", 6), ShipmentLine("N-B", 4)], delivered=delivered)


def event(kind: EventKind, day: date) -> ShipmentEvent:
    return ShipmentEvent("S1-O-PL-RZE-M00", kind, datetime(day.year, day.month, day.day,
                                                           tzinfo=UTC), 10)


DUE = {"N-A": date(2027, 2, 20), "N-B": date(2027, 2, 10)}  # the earliest counts


def test_a_shipment_planned_to_arrive_after_its_earliest_due_day_is_planned_late() -> None:
    row = timeline_row(shipment(date(2027, 2, 14)), [], DUE, date(2027, 2, 1))
    assert (row.due, row.lateness, row.days_late) == (date(2027, 2, 10),
                                                      Lateness.PLANNED_LATE, 4)
    assert row.said == "planned to arrive 4 days after due"


def test_open_units_after_the_due_day_are_overdue_whatever_the_plan_said() -> None:
    row = timeline_row(shipment(date(2027, 2, 1)), [], DUE, TODAY)
    assert (row.lateness, row.days_late) == (Lateness.OVERDUE, 19)


def test_a_delivery_after_the_due_day_is_late_and_one_in_time_is_on_time() -> None:
    late = timeline_row(shipment(date(2027, 2, 1), delivered=10),
                        [event(EventKind.DELIVERED, date(2027, 2, 11))], DUE, TODAY)
    assert (late.lateness, late.said) == (Lateness.DELIVERED_LATE, "delivered 1 day after due")
    in_time = timeline_row(shipment(date(2027, 2, 14), delivered=10),
                           [event(EventKind.DELIVERED, date(2027, 2, 9))], DUE, TODAY)
    assert in_time.lateness is Lateness.ON_TIME
    assert not in_time.late


def test_a_shipment_whose_needs_are_not_known_is_never_called_late() -> None:
    assert timeline_row(shipment(date(2027, 2, 14)), [], {}, TODAY).lateness is Lateness.ON_TIME


def test_rows_are_counted_per_hub_and_month_of_planned_arrival() -> None:
    rows = [timeline_row(shipment(date(2027, 2, 14)), [], DUE, TODAY),
            timeline_row(shipment(date(2027, 2, 1), delivered=10),
                         [event(EventKind.DELIVERED, date(2027, 2, 9))], DUE, TODAY)]
    [cell] = by_hub_month(rows)
    assert (cell.hub, cell.month, cell.shipments, cell.delivered) == (
        "PL-RZE", date(2027, 2, 1), 2, 1)
    assert cell.count(Lateness.OVERDUE) == 1
    assert cell.count(Lateness.DELIVERED_LATE) == 0
