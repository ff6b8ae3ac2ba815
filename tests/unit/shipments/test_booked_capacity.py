"""Producer capacity booked by shipments: counted per month of making, set on a re-plan's
producers, and the planner makes no more than what is left in each month."""

from __future__ import annotations

import tempfile
from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path

from tests.factories import small_bundle

from clearinghouse.adapters.db.codecs import CODECS
from clearinghouse.adapters.exchange import read_bundle, write_bundle
from clearinghouse.domain.funding import Producer
from clearinghouse.domain.months import add_months
from clearinghouse.domain.shipments import EventKind, Shipment, ShipmentLine
from clearinghouse.planning.settings import PlanSettings
from clearinghouse.services.planning.booked_capacity import booked_production, with_booked
from clearinghouse.services.planning.plan_runs import solve

START = date(2027, 1, 1)
SETTINGS = PlanSettings(start=START, horizon=6)
DRONES = "UA-DRONE-1"  # IFAK, 1000 a month from 2027-01, lead 2 months


def produced(month: int, quantity: int, run_id: int = 1) -> Shipment:
    return Shipment(ref=f"S{run_id}-F-1-{DRONES}-M{month:02d}", run_id=run_id, offer="F-1",
                    hub=None, producer=DRONES, month=month, item="IFAK", destination="UKR",
                    tonnes=0.0, departs=START, at_hub=None, arrives=START,
                    lines=[ShipmentLine("N-2", quantity)])


def drones(producers: list[Producer]) -> Producer:
    (found,) = [p for p in producers if p.code == DRONES]
    return found


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


def test_each_producer_gets_its_booked_months_and_keeps_its_own_record() -> None:
    bundle = small_bundle()
    booked = {(DRONES, date(2027, 3, 1)): 900, (DRONES, date(2027, 1, 1)): 200}
    planned = drones(with_booked(bundle, booked).producers)
    assert planned.booked == ((date(2027, 1, 1), 200), (date(2027, 3, 1), 900))
    assert planned.capacity_per_month == drones(bundle.producers).capacity_per_month == 1000
    assert drones(bundle.producers).booked == ()


def test_nothing_booked_leaves_the_bundle_as_it_is() -> None:
    bundle = small_bundle()
    assert with_booked(bundle, {}) is bundle
    elsewhere = with_booked(bundle, {("NO-SUCH-PRODUCER", START): 10})
    assert elsewhere.producers == bundle.producers


def test_a_re_plan_uses_an_earlier_months_capacity_left_even_if_a_later_month_is_fuller() -> None:
    # January has 800 left, February 1000, March 100: all of it is the re-plan's to use
    # (stand-in producers held January and February to March's 100).
    booked = {(DRONES, date(2027, 1, 1)): 200, (DRONES, date(2027, 3, 1)): 900}
    plan = solve(with_booked(small_bundle(), booked), SETTINGS)
    made: dict[date, int] = defaultdict(int)
    for a in plan.allocations:
        if a.producer == DRONES:
            made[add_months(START, a.month - 2)] += a.quantity
    # N-2 (5000 kits, due March + 3 months' cut-off) can take production made up to April;
    # Japan's 2000 kits cover part of it.
    assert made == {date(2027, 1, 1): 800, date(2027, 2, 1): 1000, date(2027, 3, 1): 100,
                    date(2027, 4, 1): 1000}


def test_booked_months_are_never_written_to_exchange_files_or_the_store() -> None:
    bundle = small_bundle()
    planned = with_booked(bundle, {(DRONES, START): 300})
    with tempfile.TemporaryDirectory() as folder:
        write_bundle(planned, Path(folder) / "bundle")
        assert read_bundle(Path(folder) / "bundle").producers == bundle.producers
    codec = CODECS["producers"]
    assert codec.to_row(drones(planned.producers)) == codec.to_row(drones(bundle.producers))
