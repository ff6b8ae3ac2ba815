"""Hubs and lanes of the demo: the Polish hub, the Romanian hub being set up, a Slovak node."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date

from clearinghouse.demo.nations import OVERSEAS, Country, contributors
from clearinghouse.domain.logistics import Hub, Lane
from clearinghouse.domain.months import add_months


@dataclass(frozen=True, slots=True)
class HubSite:
    code: str
    name: str
    country: str
    capacity_t_per_month: float
    lat: float
    lon: float
    seaport: bool  # reachable by sea via the Black Sea


SITES: tuple[HubSite, ...] = (
    # NSATU's hub in Poland moves about 18,000 t a month (seed news).
    HubSite("HUB-RZESZOW", "Rzeszów logistics hub", "POL", 18000, 50.1, 22.0, seaport=False),
    # The second hub, in Romania, opens half-way through the horizon.
    HubSite("HUB-ROMANIA", "Romanian logistics hub", "ROU", 9000, 44.2, 28.6, seaport=True),
    HubSite("HUB-KOSICE", "Košice logistics node", "SVK", 3500, 48.7, 21.3, seaport=False),
)

#: Month (from the start month) in which the Romanian hub opens: strictly inside the horizon.
ROMANIA_OPENS_MONTH = 6

# Road and rail reach a hub when the capital is at most this far (km) as the crow flies.
_OVERLAND_KM = 1800
_MEDITERRANEAN = ("PRT", "ESP", "FRA", "ITA", "GRC", "TUR", "HRV", "ALB", "MNE")


def hubs(start: date) -> list[Hub]:
    """The hubs: two open before ``start``, the Romanian one opening inside the horizon."""
    already_open = add_months(start, -1)
    opens = {
        "HUB-RZESZOW": min(date(2022, 3, 1), already_open),
        "HUB-KOSICE": min(date(2023, 6, 1), already_open),
        "HUB-ROMANIA": add_months(start, ROMANIA_OPENS_MONTH),
    }
    return [Hub(s.code, s.name, s.country, s.capacity_t_per_month, opens[s.code])
            for s in SITES]


def lanes(rng: random.Random) -> list[Lane]:
    """Lanes from every contributor to the hubs it can reach; nearer origins are cheaper."""
    result: list[Lane] = []
    for country in contributors():
        result.extend(_lanes_from(rng, country))
    return result


def _lanes_from(rng: random.Random, country: Country) -> list[Lane]:
    found: list[Lane] = []
    for site in SITES:
        km = _distance_km(country.lat, country.lon, site.lat, site.lon)
        if country.code in OVERSEAS:
            # sea freight to Gdańsk then rail, or to the Black Sea; the small node is inland
            if site.code == "HUB-KOSICE" or (country.code == "ISL" and site.seaport):
                continue
            days = 18 + round(km / 1200) + rng.randint(0, 4)
            cost = 140 + km * 0.012 + rng.uniform(0, 40)
        elif km <= _OVERLAND_KM:
            days = 1 + math.ceil(km / 450) + rng.randint(0, 2)
            cost = 35 + km * 0.085 + rng.uniform(0, 15)
        elif site.seaport and country.code in _MEDITERRANEAN:
            days = 8 + round(km / 400) + rng.randint(0, 3)
            cost = 60 + km * 0.03 + rng.uniform(0, 20)
        else:
            continue
        found.append(Lane(country.code, site.code, days, round(cost, 2)))
    if not found:  # far corners of Europe still reach the nearest hub by road
        site = min(SITES, key=lambda s: _distance_km(country.lat, country.lon, s.lat, s.lon))
        km = _distance_km(country.lat, country.lon, site.lat, site.lon)
        found.append(Lane(country.code, site.code, 2 + math.ceil(km / 450),
                          round(50 + km * 0.095, 2)))
    return found


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))
