"""Donor offers: sized against the needs so that some classes are scarce and hubs fill up."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from clearinghouse.demo.catalogue import ITEM_SPECS, ItemSpec
from clearinghouse.demo.dates import day_in_months
from clearinghouse.demo.nations import COUNTRY, Country, contributors
from clearinghouse.demo.needs import nice_quantity
from clearinghouse.demo.profiles import CLASS_PROFILES
from clearinghouse.domain.needs import Need
from clearinghouse.domain.offers import Offer, OfferKind
from clearinghouse.domain.releasability import ALL, Releasability

OFFER_COUNT = 2400

EPF = "European Peace Facility"
NATIONAL = "national budget"
PURL = "PURL"
CZECH = "Czech ammunition initiative"

# Allies that buy US stock for the recipient through NATO's PURL, and those that pay for
# third-country shells sourced through Czechia: the donor pays, the goods leave from there.
_PURL_BUYERS = ("NLD", "DNK", "NOR", "SWE", "DEU", "CAN", "BEL", "FIN")
_PURL_CLASSES = ("PATRIOT-PAC3", "NASAMS-AMRAAM", "GMLRS", "155mm-NATO", "JAVELIN", "MANPADS")
_CZECH_BUYERS = ("NLD", "DNK", "CAN", "NOR", "DEU", "BEL", "SWE", "PRT", "LTU")
_CZECH_CLASSES = ("155mm-NATO", "152mm", "152mm-RECON", "122mm")


@dataclass(frozen=True, slots=True)
class _Draft:
    donor: Country
    item: ItemSpec
    quantity: int
    origin: str
    funding: str


def generate_offers(rng: random.Random, start: date, needs: Sequence[Need],
                    count: int = OFFER_COUNT) -> list[Offer]:
    """About ``count`` offers from the contributors, available across the horizon."""
    demand: dict[str, int] = {}
    for need in needs:
        demand[need.class_code] = demand.get(need.class_code, 0) + need.quantity
    drafts: list[_Draft] = []
    for class_code, offers in _apportion(count).items():
        profile = CLASS_PROFILES[class_code]
        total = profile.supply * demand.get(profile.basis or class_code, 0)
        if total <= 0:
            continue
        pairs = _supplier_pairs(class_code)
        weights = [donor.aid * (1.0 if spec.sources else 0.3) for donor, spec in pairs]
        for _ in range(offers):
            donor, spec = rng.choices(pairs, weights)[0]
            quantity = nice_quantity(total / offers * rng.lognormvariate(-0.245, 0.7))
            drafts.append(_channel(rng, donor, spec, quantity))
    rng.shuffle(drafts)
    return [_offer(rng, start, f"O-{n:05d}", d) for n, d in enumerate(drafts, start=1)]


def _apportion(count: int) -> dict[str, int]:
    """Offers per class in proportion to ``offer_weight`` (largest remainder, sums to count)."""
    weights = {c: p.offer_weight for c, p in CLASS_PROFILES.items()
               if p.offer_weight > 0 and p.supply > 0}
    scale = count / sum(weights.values())
    shares = {c: w * scale for c, w in weights.items()}
    result = {c: max(1, int(s)) for c, s in shares.items()}
    by_remainder = sorted(shares, key=lambda c: (int(shares[c]) - shares[c], c))
    for c in by_remainder[: max(0, count - sum(result.values()))]:
        result[c] += 1
    return result


def _supplier_pairs(class_code: str) -> list[tuple[Country, ItemSpec]]:
    """Every (donor, item) of the class the donor holds and its caveats let it offer."""
    pairs = []
    for spec in ITEM_SPECS:
        if spec.class_code != class_code:
            continue
        for donor in contributors():
            if spec.sources and donor.code not in spec.sources:
                continue
            if spec.lethal and "non-lethal-only" in donor.caveats:
                continue
            pairs.append((donor, spec))
    return pairs


def _channel(rng: random.Random, donor: Country, spec: ItemSpec, quantity: int) -> _Draft:
    """Who pays and where it leaves from: own stock, PURL purchases, or Czech-sourced shells."""
    if donor.code == "USA" and spec.class_code in _PURL_CLASSES and rng.random() < 0.35:
        buyer = COUNTRY[rng.choice(_PURL_BUYERS)]
        return _Draft(buyer, spec, quantity, "USA", PURL)
    if (spec.class_code in _CZECH_CLASSES and (not spec.sources or "CZE" in spec.sources)
            and rng.random() < 0.15):
        buyer = COUNTRY[rng.choice(_CZECH_BUYERS)]
        return _Draft(buyer, spec, quantity, "CZE", CZECH)
    return _Draft(donor, spec, quantity, donor.code, _instrument(rng, donor))


def _instrument(rng: random.Random, donor: Country) -> str:
    if donor.code == "USA":
        return rng.choice(("Presidential Drawdown Authority",
                           "Ukraine Security Assistance Initiative"))
    if donor.code == "GBR":
        return rng.choice((NATIONAL, "International Fund for Ukraine"))
    if donor.code == "NOR":
        return "Nansen Support Programme"
    if donor.code == "JPN":
        return "NATO CAP Trust Fund"
    if "non-lethal-only" in donor.caveats and donor.eu:
        return f"{EPF} (non-lethal)"
    if donor.eu and rng.random() < 0.3:
        return EPF
    return NATIONAL


def _offer(rng: random.Random, start: date, ref: str, draft: _Draft) -> Offer:
    spec = draft.item
    production = spec.lethal and spec.unit_weight_kg > 0 and rng.random() < 0.15
    if production:
        available = day_in_months(rng, start, 3, 11)
    elif rng.random() < 0.45:  # stock already waiting at the donor
        available = start - timedelta(days=rng.randint(0, 60))
    else:
        available = day_in_months(rng, start, 0, 8)
    value = round(draft.quantity * spec.price_eur * rng.uniform(0.85, 1.15), -2)
    return Offer(
        ref=ref, donor=draft.donor.code, item=spec.code, quantity=draft.quantity,
        available=available, origin=draft.origin,
        kind=OfferKind.PRODUCTION if production else OfferKind.STOCK,
        value_eur=max(value, 100.0), funding=draft.funding,
        releasability=_releasability(rng, draft.donor.code),
    )


def _releasability(rng: random.Random, donor: str) -> Releasability:
    roll = rng.random()
    if roll < 0.9:
        return (ALL,)
    if roll < 0.96:
        return tuple(sorted({donor, "UKR"}))
    return tuple(sorted({donor, "UKR", "USA", "GBR"}))
