"""Test data: small consistent bundles, and large ones for import tests and benchmarks."""

from __future__ import annotations

from datetime import date, timedelta

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.catalogue import Item, Substitution
from clearinghouse.domain.funding import FundingPledge, Producer
from clearinghouse.domain.logistics import Hub, Lane
from clearinghouse.domain.nations import Caveat, Nation, NationRole
from clearinghouse.domain.needs import Need
from clearinghouse.domain.offers import Offer, OfferKind
from clearinghouse.domain.training import CourseCategory, CourseOffer, Mission, TrainingNeed

DONORS = ("POL", "USA", "DEU")


def small_bundle() -> Bundle:
    """A consistent bundle: three donors (Japan non-lethal-only), a recipient, one hub."""
    return Bundle(
        nations=[
            Nation("POL", "Poland", True, True, NationRole.DONOR),
            Nation("JPN", "Japan", False, False, NationRole.PARTNER,
                   frozenset({Caveat.NON_LETHAL_ONLY, Caveat.NON_COMBAT_ONLY})),
            Nation("UKR", "Ukraine", False, False, NationRole.RECIPIENT),
        ],
        items=[
            Item("155-HE", "155mm HE", "artillery", "155mm-NATO", "round", 47.0, True,
                 "1320-01-123-4567"),
            Item("152-HE", "152mm HE", "artillery", "152mm", "round", 44.0, True),
            Item("IFAK", "First aid kit", "medical", "IFAK", "kit", 0.5, False),
            Item("SAT-IMG", "Satellite imagery", "intelligence", "SAT-IMG", "scene", 0.0, False),
        ],
        substitutes=[Substitution("155mm-NATO", "152mm", 0.5)],
        hubs=[Hub("PL-RZE", "Rzeszów", "POL", 18000.0, date(2024, 1, 1))],
        lanes=[Lane("POL", "PL-RZE", 2, 15.0), Lane("JPN", "PL-RZE", 30, 120.0)],
        needs=[
            Need("N-1", "155mm-NATO", 1000, 1, date(2027, 2, 1), "UKR"),
            Need("N-2", "IFAK", 5000, 3, date(2027, 3, 1), "UKR", ("POL", "UKR")),
        ],
        offers=[
            Offer("O-1", "POL", "155-HE", 500, date(2027, 1, 1), "POL", OfferKind.STOCK,
                  1_500_000.0, "European Peace Facility"),
            Offer("O-2", "JPN", "IFAK", 2000, date(2027, 1, 1), "JPN",
                  releasability=("JPN", "UKR")),
        ],
        producers=[Producer("UA-DRONE-1", "Drone works", "IFAK", 40.0, 1000,
                            date(2027, 1, 1), 2)],
        funding=[FundingPledge("F-1", "POL", 2_000_000.0, "national budget",
                               date(2027, 1, 1), "medical")],
        missions=[Mission("NSATU", "NSATU", date(2024, 12, 19), date(2028, 12, 31))],
        training_needs=[TrainingNeed("T-1", CourseCategory.MEDICAL, 40, 2, date(2027, 4, 1))],
        courses=[CourseOffer("C-1", "JPN", "POL", CourseCategory.MEDICAL, "NSATU", 20,
                             date(2027, 1, 1), date(2027, 2, 1))],
    )


def offers_bundle(count: int, *, first: int = 0) -> Bundle:
    """A consistent bundle with ``count`` offers (and a need per ten offers) of a few items."""
    base = small_bundle()
    base.nations += [Nation("USA", "United States", True, False, NationRole.DONOR),
                     Nation("DEU", "Germany", True, True, NationRole.DONOR)]
    items = [i for i in base.items if i.lethal]
    start = date(2027, 1, 1)
    base.offers = [
        Offer(f"O-{n:06d}", DONORS[n % 3], items[n % len(items)].code, 1 + n % 500,
              start + timedelta(days=n % 365), DONORS[n % 3], value_eur=float(n % 9_000),
              releasability=("ALL",) if n % 4 else ("POL", "USA"))
        for n in range(first, first + count)
    ]
    base.needs = [
        Need(f"N-{n:06d}", items[n % len(items)].class_code, 10 + n % 1000, 1 + n % 5,
             start + timedelta(days=n % 400), "UKR")
        for n in range(first, first + count // 10)
    ]
    return base
