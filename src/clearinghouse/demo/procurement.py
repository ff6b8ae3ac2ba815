"""Allies' procurement requests for the recipient's industry (SPEC §5, two-way procurement).

"Defence procurement is not a one-way street": a few allies ask to buy drones from the
recipient's makers, at prices around theirs — some above, some below — with due months
spread over the horizon, so that a plan fills some, and leaves others short for a reason.
"""

from __future__ import annotations

import random
from datetime import date

from clearinghouse.demo.dates import day_in_months
from clearinghouse.domain.procurement import ProcurementRequest

# (buyer, class, units, max EUR a unit, due months from start, releasability)
_REQUESTS: tuple[tuple[str, str, int, float, int, str], ...] = (
    ("POL", "FPV-DRONE", 30000, 450, 5, "ALL"),
    ("LTU", "FPV-DRONE", 8000, 430, 3, "LTU;POL;UKR"),
    ("NLD", "FPV-DRONE", 20000, 400, 9, "ALL"),
    ("DNK", "INTERCEPTOR-DRONE", 9000, 4200, 3, "ALL"),  # more than the makers have left
    ("DEU", "BOMBER-DRONE", 300, 20000, 4, "DEU;UKR"),
    ("GBR", "LR-STRIKE-DRONE", 20, 1.3e5, 8, "ALL"),  # below every maker's price
    ("CAN", "RECON-DRONE-FW", 6, 1.4e5, 1, "ALL"),  # due before a delivery can arrive
    ("NOR", "FPV-DRONE", 15000, 360, 11, "ALL"),
)


def requests(rng: random.Random, start: date) -> list[ProcurementRequest]:
    """The demo's procurement requests; quantities and prices vary a little by seed."""
    out = []
    for number, (buyer, class_code, units, price, due, released) in enumerate(_REQUESTS, 1):
        out.append(ProcurementRequest(
            f"PR-{buyer}-{number:02d}", buyer, class_code,
            max(1, round(units * rng.uniform(0.9, 1.1))), round(price * rng.uniform(0.97, 1.03)),
            day_in_months(rng, start, due, due),
            tuple(sorted(released.split(";")))))
    return out
