"""Burden figures on hand-made pictures: each figure per nation, shares adding up to 1, a
nation with nothing shown with zeros."""

from __future__ import annotations

from datetime import date

import pytest

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.catalogue import Item
from clearinghouse.domain.funding import FundingPledge, Producer
from clearinghouse.domain.lifecycle import OfferStatus
from clearinghouse.domain.logistics import Hub
from clearinghouse.domain.nations import Nation, NationRole
from clearinghouse.domain.needs import Need
from clearinghouse.domain.offers import Offer
from clearinghouse.domain.posts import Branch, Post
from clearinghouse.domain.shipments import Shipment, ShipmentLine, ShipmentStatus
from clearinghouse.domain.training import CourseCategory, CourseOffer, Mission, TrainingNeed
from clearinghouse.planning.plan import Allocation
from clearinghouse.services.logistics.facts import LogisticsFacts
from clearinghouse.services.reporting.burden import KIND_NAMES, BurdenReport, burden, csv_rows

START = date(2027, 1, 1)
AS_OF = date(2027, 1, 15)
D = date(2025, 1, 1)


def picture() -> Bundle:
    """USA and POL contribute every kind; LUX nothing at all."""
    return Bundle(
        nations=[Nation("USA", "United States", True, False, NationRole.DONOR),
                 Nation("POL", "Poland", True, True, NationRole.DONOR),
                 Nation("LUX", "Luxembourg", True, True, NationRole.DONOR),
                 Nation("UKR", "Ukraine", False, False, NationRole.RECIPIENT)],
        items=[Item("155-HE", "155mm HE", "artillery", "155mm-NATO", "round", 50.0, True),
               Item("FPV", "FPV drone", "drones", "FPV", "drone", 2.0, True)],
        hubs=[Hub("PL-RZE", "Rzeszów", "POL", 18000.0, date(2024, 1, 1)),
              Hub("US-OLD", "Closed", "USA", 5000.0, date(2024, 1, 1), date(2026, 6, 1)),
              Hub("RO-SUC", "Suceava", "USA", 2000.0, date(2027, 6, 1))],
        needs=[Need("N-1", "155mm-NATO", 1000, 1, date(2027, 3, 1), "UKR"),
               Need("N-2", "FPV", 1000, 1, date(2027, 3, 1), "UKR")],
        offers=[Offer("O-US", "USA", "155-HE", 100, D, "USA", value_eur=300_000.0,
                      status=OfferStatus.ACCEPTED),
                Offer("O-PL", "POL", "155-HE", 300, D, "POL", value_eur=300_000.0,
                      status=OfferStatus.ACCEPTED)],
        producers=[Producer("UA-1", "Drone works", "FPV", 400.0, 1000, D, 1)],
        funding=[FundingPledge("F-US", "USA", 1_000_000.0, "national budget", D),
                 FundingPledge("F-PL", "POL", 3_000_000.0, "EPF", D)],
        missions=[Mission("NSATU", "NSATU", date(2024, 12, 19), date(2028, 12, 31))],
        courses=[CourseOffer("C-US", "USA", "POL", CourseCategory.MEDICAL, "NSATU", 30,
                             date(2027, 2, 1), date(2027, 3, 1)),
                 CourseOffer("C-PL", "POL", "POL", CourseCategory.MEDICAL, "NSATU", 10,
                             date(2027, 2, 1), date(2027, 3, 1)),
                 CourseOffer("C-LATE", "POL", "POL", CourseCategory.MEDICAL, "NSATU", 99,
                             date(2028, 2, 1), date(2028, 3, 1))],
        posts=[Post("P-1", "USA", "Commander", Branch.COMMAND, D),
               Post("P-2", "POL", "Chief J4", Branch.LOGISTICS, D),
               Post("P-3", "POL", "Chief J3", Branch.OPERATIONS, D),
               Post("P-4", "POL", "Chief J5", Branch.PLANS, D),
               Post("P-5", "USA", "Arrives later", Branch.PLANS, date(2027, 3, 1)),
               Post("P-6", "USA", "Left", Branch.PLANS, D, date(2027, 1, 15))],
    )


def shipment(offer: str, quantity: int, delivered: int, tonnes: float) -> Shipment:
    return Shipment(f"SH-{offer}", 1, offer, "PL-RZE", None, 0, "155-HE", "UKR", tonnes,
                    START, START, START, [ShipmentLine("N-1", quantity, 1.0, delivered)],
                    ShipmentStatus.DELIVERED, delivered)


def facts(bundle: Bundle | None = None) -> LogisticsFacts:
    """The picture with one delivered shipment each and the approved plan's produced units."""
    return LogisticsFacts(
        bundle or picture(),
        [shipment("O-US", 100, 100, 5.0), shipment("O-PL", 100, 50, 5.0)], [], {1: START},
        pending=[Allocation("F-US", "N-2", None, "UA-1", 2, 500, 0.0),
                 Allocation("F-PL", "N-2", None, "UA-1", 2, 250, 0.0)],
        plan_start=START, horizon=12)


class _Placed:
    """A training plan stand-in: trainees placed per host."""

    def __init__(self, by_host: dict[str, int]) -> None:
        self.by_host = by_host


def report(bundle: Bundle | None = None) -> BurdenReport:
    return burden(facts(bundle), as_of=AS_OF, computed_on="the records released to POL",
                  planner=lambda *_: _Placed({"USA": 30, "POL": 10}))  # type: ignore[arg-type, return-value]


def test_posts_count_those_filled_on_the_day_and_the_others_as_vacant() -> None:
    r = report()
    usa, pol = r.nation("USA"), r.nation("POL")
    assert usa is not None
    assert pol is not None
    assert (usa.figures["posts"], usa.posts_vacant) == (1, 2)
    assert (pol.figures["posts"], pol.posts_vacant) == (3, 0)
    assert usa.shares["posts"] == pytest.approx(0.25)


def test_in_kind_value_and_tonnes_follow_the_ledgers_stages() -> None:
    usa = report().nation("USA")
    assert usa is not None
    assert usa.figures["inkind_pledged_eur"] == pytest.approx(300_000.0)
    assert usa.figures["inkind_pledged_t"] == pytest.approx(5.0)
    assert usa.figures["inkind_allocated_eur"] == pytest.approx(300_000.0)
    assert usa.figures["inkind_delivered_t"] == pytest.approx(5.0)
    pol = report().nation("POL")
    assert pol is not None
    assert pol.figures["inkind_pledged_t"] == pytest.approx(15.0)
    assert pol.figures["inkind_delivered_eur"] == pytest.approx(50_000.0)
    assert pol.shares["inkind_delivered_eur"] == pytest.approx(50 / 350)


def test_funding_spent_is_the_approved_plans_produced_units_at_the_producers_price() -> None:
    r = report()
    usa = r.nation("USA")
    assert usa is not None
    assert usa.figures["funding_pledged_eur"] == pytest.approx(1_000_000.0)
    assert usa.figures["funding_spent_eur"] == pytest.approx(500 * 400.0)
    assert usa.shares["funding_spent_eur"] == pytest.approx(2 / 3)
    assert usa.shares["funding_pledged_eur"] == pytest.approx(0.25)


def test_seats_hosted_count_courses_starting_before_the_window_ends_and_used_those_placed() -> None:
    pol = report().nation("POL")
    assert pol is not None
    assert (pol.figures["seats_hosted"], pol.figures["seats_used"]) == (10, 10)
    assert pol.shares["seats_hosted"] == pytest.approx(0.25)


def test_hub_capacity_counts_the_hubs_open_in_the_window_in_their_country() -> None:
    r = report()
    usa, pol = r.nation("USA"), r.nation("POL")
    assert usa is not None
    assert pol is not None
    assert usa.figures["hub_capacity_t"] == 2000.0  # the closed hub does not count
    assert pol.shares["hub_capacity_t"] == pytest.approx(0.9)


def test_every_share_column_adds_up_to_1_over_the_nations_shown() -> None:
    r = report()
    for kind in KIND_NAMES:
        assert sum(n.shares[kind] for n in r.nations) == pytest.approx(1.0), kind


def test_a_nation_shows_zeros_in_every_kind_it_brings_nothing_to() -> None:
    bundle = picture()
    bundle.posts.append(Post("P-LU", "LUX", "Staff officer", Branch.FINANCE, D))
    lux = report(bundle).nation("LUX")
    assert lux is not None
    assert lux.figures["posts"] == 1
    assert {v for k, v in lux.figures.items() if k != "posts"} == {0.0}
    assert {v for k, v in lux.shares.items() if k != "posts"} == {0.0}


def test_a_nation_bringing_nothing_the_viewer_sees_is_not_shown() -> None:
    assert report().nation("LUX") is None
    assert report().nation("UKR") is None


def test_a_kind_nobody_contributes_has_zero_shares_everywhere() -> None:
    bundle = picture()
    bundle.hubs = []
    r = report(bundle)
    assert r.totals["hub_capacity_t"] == 0
    assert {n.shares["hub_capacity_t"] for n in r.nations} == {0.0}


def test_the_csv_has_a_share_column_per_kind_that_adds_up_to_1_and_says_its_view() -> None:
    header, rows = csv_rows(report())
    assert header[:4] == ["nation", "posts", "posts_share", "posts_vacant"]
    shares = [i for i, h in enumerate(header) if h.endswith("_share")]
    assert len(shares) == len(KIND_NAMES)
    for i in shares:
        assert sum(float(row[i]) for row in rows) == pytest.approx(1.0), header[i]  # type: ignore[arg-type]
    assert [row[0] for row in rows] == ["POL", "USA"]
    assert {row[-1] for row in rows} == {"the records released to POL"}


def test_seats_used_are_the_trainees_the_training_planner_places_in_the_window() -> None:
    bundle = picture()
    bundle.training_needs = [TrainingNeed("T-1", CourseCategory.MEDICAL, 20, 1,
                                          date(2027, 2, 1))]
    r = burden(facts(bundle), as_of=AS_OF, computed_on="every record")
    assert r.totals["seats_used"] == 20
    assert sum(n.shares["seats_used"] for n in r.nations) == pytest.approx(1.0)
