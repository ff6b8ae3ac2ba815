"""The recipient's needs: weighted towards air defence, artillery ammunition and mines."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from clearinghouse.demo.catalogue import AIR, AMMO, MINES
from clearinghouse.demo.dates import HORIZON_MONTHS
from clearinghouse.demo.profiles import CLASS_PROFILES
from clearinghouse.domain.months import add_months
from clearinghouse.domain.needs import Need
from clearinghouse.domain.releasability import ALL, Releasability

NEED_COUNT = 560

# Oblasts near the front ask most; ``UKR`` is the general staff's pool.
_DESTINATIONS: tuple[tuple[str, float], ...] = (
    ("UKR-DONETSK", 16), ("UKR-KHARKIV", 14), ("UKR-ZAPORIZHZHIA", 12),
    ("UKR-DNIPROPETROVSK", 10), ("UKR-SUMY", 8), ("UKR-KHERSON", 7), ("UKR-ODESA", 6),
    ("UKR-KYIV", 6), ("UKR-MYKOLAIV", 5), ("UKR-CHERNIHIV", 4), ("UKR-POLTAVA", 3),
    ("UKR-LVIV", 3), ("UKR", 10),
)

# Chance of priority 1 … 5 by capability: interceptors and shells are the most urgent.
_URGENCY: dict[str, tuple[float, ...]] = {
    AIR: (0.35, 0.30, 0.20, 0.10, 0.05),
    AMMO: (0.25, 0.30, 0.25, 0.12, 0.08),
    MINES: (0.20, 0.30, 0.30, 0.10, 0.10),
}
_OTHER_URGENCY = (0.05, 0.15, 0.30, 0.30, 0.20)

# Restricted needs are released to the recipient and a few close partners only.
_RESTRICTED: tuple[Releasability, ...] = (
    ("GBR", "UKR", "USA"),
    ("DEU", "FRA", "GBR", "UKR", "USA"),
    ("DEU", "NLD", "POL", "UKR"),
    ("DNK", "FIN", "NOR", "SWE", "UKR"),
)


def nice_quantity(x: float) -> int:
    """Round to two significant figures, as staff write quantities (never below 1)."""
    if x < 20:
        return max(1, round(x))
    step = 10 ** (math.floor(math.log10(x)) - 1)
    return int(round(x / step) * step)


def generate_needs(rng: random.Random, start: date, capability_of: dict[str, str],
                   count: int = NEED_COUNT) -> list[Need]:
    """``count`` open needs, due across the horizon from ``start`` (a few already overdue)."""
    classes = [c for c, p in CLASS_PROFILES.items() if p.need_weight > 0]
    weights = [CLASS_PROFILES[c].need_weight for c in classes]
    places = [d for d, _ in _DESTINATIONS]
    place_weights = [w for _, w in _DESTINATIONS]
    days = (add_months(start, HORIZON_MONTHS) - start).days
    needs: list[Need] = []
    for number in range(1, count + 1):
        class_code = rng.choices(classes, weights)[0]
        urgency = _URGENCY.get(capability_of[class_code], _OTHER_URGENCY)
        priority = rng.choices(range(1, 6), urgency)[0]
        if rng.random() < 0.06:
            due = start - timedelta(days=rng.randint(1, 45))
        else:  # front-loaded: today's war asks for more now than later
            due = start + timedelta(days=int(days * rng.betavariate(1.0, 1.5)))
        lot = CLASS_PROFILES[class_code].need_lot
        needs.append(Need(
            ref=f"N-{number:04d}",
            class_code=class_code,
            quantity=nice_quantity(lot * rng.lognormvariate(0, 0.5)),
            priority=priority,
            due=due,
            destination=rng.choices(places, place_weights)[0],
            releasability=(ALL,) if rng.random() < 0.85 else rng.choice(_RESTRICTED),
        ))
    return needs
