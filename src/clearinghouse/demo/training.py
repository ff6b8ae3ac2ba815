"""Training: the NSATU and EUMAM mandates, the recipient's training needs and course offers."""

from __future__ import annotations

import random
from datetime import date, timedelta

from clearinghouse.demo.dates import HORIZON_MONTHS, day_in_months
from clearinghouse.demo.nations import COUNTRY
from clearinghouse.domain.training import CourseCategory, CourseOffer, Mission, TrainingNeed

TRAINING_NEED_COUNT = 80
COURSE_COUNT = 160

NSATU = Mission("NSATU", "NATO Security Assistance and Training for Ukraine",
                date(2024, 12, 19), date(2028, 12, 31))
# EUMAM's mandate as it stands in this picture ends late in November 2026, so a run in the
# autumn of 2026 warns that it ends within 90 days.
EUMAM = Mission("EUMAM", "EU Military Assistance Mission in support of Ukraine",
                date(2022, 11, 15), date(2026, 11, 30))
MISSIONS = (NSATU, EUMAM)

_C = CourseCategory
_CATEGORY_WEIGHTS: dict[CourseCategory, float] = {
    _C.COMBAT: 35, _C.MEDICAL: 12, _C.LOGISTICS: 8, _C.DEMINING: 12, _C.ENGINEERING: 8,
    _C.CYBER: 5, _C.MAINTENANCE: 12, _C.STAFF: 8,
}

# host: (relative number of courses, where it runs them, categories; empty = any)
_HOSTS: dict[str, tuple[float, tuple[str, ...], tuple[CourseCategory, ...]]] = {
    "GBR": (14, ("GBR",), ()), "DEU": (14, ("DEU",), ()), "POL": (12, ("POL",), ()),
    "FRA": (8, ("FRA",), ()), "USA": (8, ("DEU",), ()), "NLD": (5, ("NLD",), ()),
    "DNK": (5, ("DNK",), ()), "SWE": (5, ("SWE",), ()), "NOR": (4, ("NOR", "GBR"), ()),
    "ESP": (5, ("ESP",), ()), "ITA": (4, ("ITA",), ()), "CAN": (5, ("GBR", "POL"), ()),
    "CZE": (3, ("CZE",), ()), "LTU": (3, ("LTU",), ()), "ROU": (3, ("ROU",), ()),
    "BEL": (2, ("BEL",), ()), "FIN": (3, ("FIN",), ()), "EST": (2, ("EST",), ()),
    "AUS": (2, ("GBR",), ()), "NZL": (2, ("GBR",), ()),
    # Montenegro trains at home (a NATO member) and joins EUMAM (seed news).
    "MNE": (3, ("MNE",), (_C.DEMINING, _C.MEDICAL, _C.STAFF)),
    # Japan: non-combat courses only, hosted in allied countries.
    "JPN": (4, ("POL", "DEU"), (_C.MEDICAL, _C.DEMINING, _C.LOGISTICS, _C.MAINTENANCE)),
    "AUT": (2, ("AUT",), (_C.DEMINING, _C.MEDICAL)),
    "IRL": (2, ("IRL",), (_C.DEMINING, _C.MEDICAL)),
}


def missions() -> list[Mission]:
    """The two training missions with their mandates."""
    return list(MISSIONS)


def training_needs(rng: random.Random, start: date,
                   count: int = TRAINING_NEED_COUNT) -> list[TrainingNeed]:
    """Training needs across the horizon: many combat courses, the rest specialist."""
    categories = list(_CATEGORY_WEIGHTS)
    weights = list(_CATEGORY_WEIGHTS.values())
    needs = []
    for number in range(1, count + 1):
        category = rng.choices(categories, weights)[0]
        low, high = (100, 800) if category is _C.COMBAT else (20, 200)
        needs.append(TrainingNeed(
            ref=f"T-{number:03d}", category=category,
            trainees=round(rng.randint(low, high), -1),
            priority=rng.choices(range(1, 6), (0.2, 0.3, 0.25, 0.15, 0.1))[0],
            due=day_in_months(rng, start, 0, HORIZON_MONTHS - 1)))
    return needs


def courses(rng: random.Random, start: date, count: int = COURSE_COUNT) -> list[CourseOffer]:
    """Course offers of the training nations, each inside its mission's mandate."""
    hosts = list(_HOSTS)
    weights = [_HOSTS[h][0] for h in hosts]
    result = []
    for number in range(1, count + 1):
        host = rng.choices(hosts, weights)[0]
        _, places, allowed = _HOSTS[host]
        location = rng.choice(places)
        category = rng.choice(allowed) if allowed else rng.choices(
            list(_CATEGORY_WEIGHTS), list(_CATEGORY_WEIGHTS.values()))[0]
        length = timedelta(days=rng.randint(35, 56) if category is _C.COMBAT
                           else rng.randint(10, 35))
        starts = day_in_months(rng, start, -2, HORIZON_MONTHS - 2)
        mission = _mission_for(rng, host, starts, starts + length)
        starts = _clamp(starts, mission.starts, mission.ends - length)
        result.append(CourseOffer(f"C-{number:03d}", host, location, category, mission.code,
                                  rng.choice((12, 16, 20, 24, 30, 40, 60, 80)),
                                  starts, starts + length))
    return result


def _mission_for(rng: random.Random, host: str, starts: date, ends: date) -> Mission:
    """EU members (and Montenegro, Norway) often run EUMAM courses while its mandate lasts."""
    eumam_host = COUNTRY[host].eu or host in ("MNE", "NOR")
    if eumam_host and EUMAM.starts <= starts and ends <= EUMAM.ends and rng.random() < 0.6:
        return EUMAM
    if COUNTRY[host].eu and not COUNTRY[host].nato:
        return EUMAM  # EU neutrals train only under the EU's mission
    return NSATU


def _clamp(day: date, low: date, high: date) -> date:
    return max(low, min(day, high))
