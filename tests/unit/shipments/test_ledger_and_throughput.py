"""Ledger stages and hub throughput, worked by hand on the small bundle."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from tests.factories import small_bundle

from clearinghouse.domain.lifecycle import OfferStatus
from clearinghouse.domain.logistics import Hub
from clearinghouse.domain.pipeline import outstanding
from clearinghouse.domain.shipments import EventKind, Shipment, ShipmentLine
from clearinghouse.planning.plan import Allocation
from clearinghouse.services.logistics.ledger import ledger, stage_shares, totals
from clearinghouse.services.logistics.throughput import (
    capacity_in,
    hub_throughput,
    throughput_warnings,
)

E = EventKind
START = date(2027, 1, 1)


def o1_shipment(quantity: int = 500, month: int = 0) -> Shipment:
    return Shipment(ref=f"S1-O-1-PL-RZE-M{month:02d}", run_id=1, offer="O-1", hub="PL-RZE",
                    producer=None, month=month, item="155-HE", destination="UKR",
                    tonnes=quantity * 0.047, departs=START, at_hub=date(2027, 1, 3),
                    arrives=date(2027, 1, 6), lines=[ShipmentLine("N-1", quantity)])


def at(day: int, month: int = 1) -> datetime:
    return datetime(2027, month, day, 12, tzinfo=UTC)


def test_the_ledger_follows_an_offer_from_pledged_to_delivered_in_units_and_eur() -> None:
    bundle = small_bundle()
    bundle.offers[0].status = OfferStatus.SHIPPED
    s = o1_shipment()
    for n, kind in enumerate((E.LOADED, E.AT_HUB, E.DISPATCHED)):
        s.record(kind, at(1 + n))
    s.record(E.DELIVERED, at(5), 400)
    s.record(E.LOST, at(6))
    rows = {(r.donor, r.source): r for r in ledger(bundle, [s])}
    pol = rows[("POL", "in-kind")]
    assert (pol.capability, pol.instrument) == ("artillery", "European Peace Facility")
    per_unit = 1_500_000 / 500
    assert {k: (a.units, a.eur) for k, a in pol.stages.items()} == {
        "pledged": (500, 500 * per_unit), "accepted": (500, 500 * per_unit),
        "allocated": (500, 500 * per_unit), "shipped": (500, 500 * per_unit),
        "delivered": (400, 400 * per_unit)}
    jpn = rows[("JPN", "in-kind")]
    assert (jpn.stages["pledged"].units, jpn.stages["accepted"].units) == (2000, 0)
    funded = rows[("POL", "funded")]
    assert (funded.capability, funded.instrument) == ("medical", "national budget")
    assert (funded.stages["pledged"].units, funded.stages["pledged"].eur) == (0, 2_000_000)


def test_returned_units_leave_allocated_and_shipped_and_produced_units_are_priced() -> None:
    bundle = small_bundle()
    s = o1_shipment()
    s.record(E.LOADED, at(1))
    s.record(E.RETURNED, at(2), 100)
    made = Shipment(ref="S1-F-1-UA-DRONE-1-M02", run_id=1, offer="F-1", hub=None,
                    producer="UA-DRONE-1", month=2, item="IFAK", destination="UKR", tonnes=0,
                    departs=date(2027, 3, 1), at_hub=None, arrives=date(2027, 3, 4),
                    lines=[ShipmentLine("N-2", 1000)])
    pending = [Allocation("O-2", "N-2", "PL-RZE", None, 1, 2000, 1.0)]
    rows = {(r.donor, r.capability, r.source): r for r in ledger(bundle, [s, made], pending)}
    pol = rows[("POL", "artillery", "in-kind")].stages
    assert (pol["allocated"].units, pol["shipped"].units, pol["delivered"].units) == (400, 400, 0)
    produced = rows[("POL", "medical", "funded")].stages
    assert (produced["allocated"].units, produced["allocated"].eur) == (1000, 40_000.0)
    assert produced["shipped"].units == 0
    assert rows[("JPN", "medical", "in-kind")].stages["allocated"].units == 2000
    shares = stage_shares(rows.values())
    assert shares["medical"] == {"JPN": pytest.approx(2 / 3), "POL": pytest.approx(1 / 3)}
    assert sum(shares["artillery"].values()) == pytest.approx(1)
    assert totals(rows.values())["POL"]["allocated"].units == 1400


def test_a_re_plan_keeps_returned_units_plannable_and_lost_units_spent() -> None:
    bundle = small_bundle()
    s = o1_shipment()
    s.record(E.LOADED, at(1))
    s.record(E.RETURNED, at(2), 100)
    s.record(E.LOST, at(3), 150)
    left = outstanding(bundle, [s])
    o1 = next(o for o in left.offers if o.ref == "O-1")
    assert o1.quantity == 100
    assert o1.value_eur == pytest.approx(300_000)
    n1 = next(n for n in left.needs if n.ref == "N-1")
    assert n1.delivered == 250  # in flight: planned again only beyond what is coming


def test_a_hub_has_no_capacity_before_it_opens_or_from_the_month_it_closes() -> None:
    hub = Hub("RO-1", "Romania", "POL", 9000, date(2027, 7, 15), date(2027, 10, 1))
    assert [capacity_in(hub, date(2027, m, 1)) for m in (6, 7, 9, 10)] == [0, 9000, 9000, 0]


def test_throughput_counts_planned_tonnes_by_plan_month_and_actual_at_hub_arrivals() -> None:
    bundle = small_bundle()
    s = o1_shipment()
    s.record(E.LOADED, at(30, 1))
    event = s.record(E.AT_HUB, at(2, 2))
    pending = [Allocation("O-2", "N-2", "PL-RZE", None, 2, 2000, 1.0)]
    loads = hub_throughput(bundle.hubs, [s], [event], {1: START}, pending, START,
                           [date(2027, m, 1) for m in (1, 2, 3)])
    assert [(x.month.month, x.planned_t, x.actual_t) for x in loads] == [
        (1, pytest.approx(23.5), 0), (2, 0, pytest.approx(23.5)), (3, 1.0, 0)]
    assert all(x.capacity_t == 18000 for x in loads)


def test_a_plan_month_above_what_the_hub_moved_recently_is_warned_about() -> None:
    bundle = small_bundle()
    s = o1_shipment(100)
    s.record(E.LOADED, at(1, 2))
    event = s.record(E.AT_HUB, at(2, 2))
    big = o1_shipment(500, month=3)
    loads = hub_throughput(bundle.hubs, [s, big], [event], {1: START})
    warnings = throughput_warnings(loads, today=date(2027, 3, 10))
    assert len(warnings) == 1
    assert "PL-RZE" in warnings[0]
    assert "2027-04" in warnings[0]
    assert throughput_warnings(loads, today=date(2027, 9, 10)) == []  # no recent movements
