"""Assemble the demo picture: one deterministic clearing house for a 12-month horizon."""

from __future__ import annotations

import random
from datetime import date

from clearinghouse.demo import catalogue, industry, logistics, nations, procurement, training
from clearinghouse.demo import posts as staff
from clearinghouse.demo.needs import generate_needs
from clearinghouse.demo.offers import generate_offers
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.months import month_start


def generate(start: date, seed: int = 2026) -> Bundle:
    """A realistic clearing house for 12 months from ``start``'s month; same inputs, same bundle."""
    start = month_start(start)

    # One stream per sheet, so that growing one sheet does not reshuffle the others.
    def stream(sheet: str) -> random.Random:
        return random.Random(f"{seed}:{sheet}")

    needs = generate_needs(stream("needs"), start, catalogue.CLASS_CAPABILITY)
    return Bundle(
        nations=nations.nations(),
        items=catalogue.items(),
        substitutes=list(catalogue.SUBSTITUTIONS),
        hubs=logistics.hubs(start),
        lanes=logistics.lanes(stream("lanes")),
        needs=needs,
        offers=generate_offers(stream("offers"), start, needs),
        producers=industry.producers(stream("producers"), start),
        funding=industry.funding(stream("funding"), start),
        missions=training.missions(),
        training_needs=training.training_needs(stream("training_needs"), start),
        courses=training.courses(stream("courses"), start),
        posts=staff.posts(stream("posts"), start),
        procurement=procurement.requests(stream("procurement"), start),
    )
