"""Producer capacity booked by shipments: counted per month of making, taken off a re-plan's
producers as steps the planner understands, and written back to the real producer."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tests.factories import small_bundle

from clearinghouse.domain.funding import Producer
from clearinghouse.domain.shipments import EventKind, Shipment, ShipmentLine
from clearinghouse.planning.plan import Allocation, Plan
from clearinghouse.planning.settings import PlanSettings
from clearinghouse.services.booked_capacity import (
    booked_production,
    with_real_producers,
    without_booked,
)

START = date(2027, 1, 1)
SETTINGS = PlanSettings(start=START, horizon=6)
DRONES = "UA-DRONE-1"  # IFAK, 1000 a month from 2027-01, lead 2 months


def produced(month: int, quantity: int, run_id: int = 1) -> Shipment:
    return Shipment(ref=f"S{run_id}-F-1-{DRONES}-M{month:02d}", run_id=run_id, offer="F-1",
                    hub=None, producer=DRONES, month=month, item="IFAK", destination="UKR",
                    tonnes=0.0, departs=START, at_hub=None, arrives=START,
                    lines=[ShipmentLine("N-2", quantity)])


def capacity(producers: list[Producer], month: int) -> int:
    """Units the producers standing for DRONES may make in plan month ``month``."""
    return sum(p.capacity_per_month for p in producers
               if SETTINGS.month_index(p.available) <= month)


def test_units_delivered_or_open_are_booked_in_their_month_of_making_lost_ones_are_not() -> None:
    moving = produced(3, 600)
    moving.record(EventKind.LOADED, datetime(2027, 1, 2, tzinfo=UTC))
    moving.record(EventKind.LOST, datetime(2027, 1, 3, tzinfo=UTC), 100)
    moving.record(EventKind.RETURNED, datetime(2027, 1, 4, tzinfo=UTC), 50)
    later_run = produced(2, 200, run_id=2)
    booked = booked_production(small_bundle(), [moving, later_run],
                               {1: START, 2: date(2027, 3, 1)})
    # Delivered in month 3 of a run from January (April) less 2 months' lead: February.
    assert booked == {(DRONES, date(2027, 2, 1)): 450, (DRONES, date(2027, 3, 1)): 200}


def test_capacity_left_after_earlier_months_are_booked_is_given_to_the_planner_exactly() -> None:
    booked = {(DRONES, date(2027, 1, 1)): 1000, (DRONES, date(2027, 2, 1)): 700}
    bundle, stand_ins = without_booked(small_bundle(), booked, SETTINGS)
    assert set(stand_ins.values()) == {DRONES}
    assert [capacity(bundle.producers, m) for m in range(6)] == [0, 300, 1000, 1000, 1000,
                                                                 1000]


def test_a_later_month_booked_more_holds_the_earlier_months_to_its_level() -> None:
    booked = {(DRONES, date(2027, 1, 1)): 200, (DRONES, date(2027, 3, 1)): 900}
    bundle, _ = without_booked(small_bundle(), booked, SETTINGS)
    left = [800, 1000, 100, 1000, 1000, 1000]
    planned = [capacity(bundle.producers, m) for m in range(6)]
    assert planned == [100, 100, 100, 1000, 1000, 1000]
    assert all(p <= room for p, room in zip(planned, left, strict=True))


def test_nothing_booked_leaves_the_producers_as_they_are() -> None:
    bundle = small_bundle()
    assert without_booked(bundle, {}, SETTINGS) == (bundle, {})
    outside = {(DRONES, date(2026, 6, 1)): 1000}
    assert without_booked(bundle, outside, SETTINGS)[0].producers == bundle.producers


def test_allocations_of_stand_ins_are_merged_into_the_real_producer() -> None:
    plan = Plan("optimal", 1.0, 1.0, [
        Allocation("F-1", "N-2", None, DRONES, 4, 100, 0.0),
        Allocation("F-1", "N-2", None, f"{DRONES}+M02", 4, 300, 0.0),
        Allocation("O-2", "N-2", "PL-RZE", None, 1, 50, 0.025)], {}, {}, 0.0, SETTINGS)
    merged = with_real_producers(plan, {f"{DRONES}+M02": DRONES})
    assert merged.allocations == [Allocation("F-1", "N-2", None, DRONES, 4, 400, 0.0),
                                  Allocation("O-2", "N-2", "PL-RZE", None, 1, 50, 0.025)]
