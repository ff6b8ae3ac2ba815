"""Small bundles built from domain records, and the checks every plan must pass."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.catalogue import Item, Substitution
from clearinghouse.domain.funding import FundingPledge, Producer
from clearinghouse.domain.logistics import Hub, Lane
from clearinghouse.domain.months import add_months
from clearinghouse.domain.nations import Caveat, Nation, NationRole
from clearinghouse.domain.needs import Need
from clearinghouse.domain.offers import Offer
from clearinghouse.planning.plan import Plan
from clearinghouse.planning.settings import PlanSettings

START = date(2027, 1, 1)
W = (1000, 100, 10, 3, 1)

NATIONS = [
    Nation("POL", "Poland", True, True, NationRole.DONOR),
    Nation("USA", "United States", True, False, NationRole.DONOR),
    Nation("JPN", "Japan", False, False, NationRole.PARTNER,
           frozenset({Caveat.NATO_TERRITORY_ONLY})),
    Nation("AUT", "Austria", False, True, NationRole.PARTNER,
           frozenset({Caveat.EU_TERRITORY_ONLY})),
    Nation("UKR", "Ukraine", False, False, NationRole.RECIPIENT),
]


def month(i: int) -> date:
    """The first day of month ``i`` of the plan (negative: before the start)."""
    return add_months(START, i)


def settings(**kw: object) -> PlanSettings:
    return PlanSettings(START, **kw)  # type: ignore[arg-type]


def item(code: str, cls: str, tonnes: float = 1.0, capability: str = "artillery") -> Item:
    return Item(code, f"item {code}", capability, cls, "unit", tonnes * 1000, False)


def need(ref: str, cls: str = "A", qty: int = 10, priority: int = 1, due: int = 0) -> Need:
    return Need(ref, cls, qty, priority, month(due), "UKR")


def offer(ref: str, item_code: str = "A1", qty: int = 10, available: int = 0,
          donor: str = "POL", origin: str | None = None) -> Offer:
    return Offer(ref, donor, item_code, qty, month(available), origin or donor)


def hub(code: str = "H1", country: str = "POL", capacity: float = 1000.0, opens: int = -12,
        closes: int | None = None) -> Hub:
    return Hub(code, f"hub {code}", country, capacity, month(opens),
               month(closes) if closes is not None else None)


def bundle(*, needs: list[Need], offers: list[Offer] | None = None,
           items: list[Item] | None = None, hubs: list[Hub] | None = None,
           lanes: list[Lane] | None = None, substitutes: list[Substitution] | None = None,
           producers: list[Producer] | None = None,
           funding: list[FundingPledge] | None = None) -> Bundle:
    b = Bundle(nations=list(NATIONS), items=items or [item("A1", "A"), item("B1", "B")],
               substitutes=substitutes or [], hubs=hubs if hubs is not None else [hub()],
               lanes=lanes or [], needs=needs, offers=offers or [], producers=producers or [],
               funding=funding or [])
    assert b.problems() == [], b.problems()
    return b


def producer(code: str = "P1", cls: str = "A", price: float = 10.0, capacity: int = 5,
             available: int = 0, lead: int = 0,
             booked: dict[int, int] | None = None) -> Producer:
    """A producer; ``booked``: units already booked per plan month of making."""
    p = Producer(code, f"producer {code}", cls, price, capacity, month(available), lead)
    return p.with_booked((month(m), u) for m, u in booked.items()) if booked else p


def capacity_left(k: Producer, made_in: int) -> int:
    """Units producer ``k`` may still make in plan month ``made_in``: its capacity less what
    is booked then."""
    booked = sum(u for m, u in k.booked if m == month(made_in))
    return max(0, k.capacity_per_month - booked)


def pledge(ref: str = "F1", amount: float = 1000.0, available: int = 0,
           earmark: str | None = None) -> FundingPledge:
    return FundingPledge(ref, "USA", amount, "European Peace Facility", month(available),
                         earmark)


def check_feasible(plan: Plan, b: Bundle) -> None:
    """Every rule of SPEC §4 that a plan's allocations must keep."""
    s = plan.settings
    items = {i.code: i for i in b.items}
    offers = {o.ref: o for o in b.offers}
    needs = {n.ref: n for n in b.needs}
    hubs = {h.code: h for h in b.hubs}
    nations = {n.code: n for n in b.nations}
    producers = {p.code: p for p in b.producers}
    pledges = {f.ref: f for f in b.funding}
    factor = {(x.need_class, x.offer_class): x.factor for x in b.substitutes}
    lanes = {(lane.origin, lane.hub) for lane in b.lanes}
    used: dict[str, int] = defaultdict(int)
    got: dict[str, float] = defaultdict(float)
    tonnes: dict[tuple[str, int], float] = defaultdict(float)
    made: dict[tuple[str, int], int] = defaultdict(int)
    spent: dict[str, float] = defaultdict(float)
    for a in plan.allocations:
        assert a.quantity > 0
        assert isinstance(a.quantity, int)
        n = needs[a.need]
        assert 0 <= a.month < s.horizon
        assert a.month <= s.plan_month(n.due) + s.late_cutoff_months
        if a.producer is None:
            o, h = offers[a.offer], hubs[a.hub or ""]
            cls = items[o.item].class_code
            assert a.month >= s.plan_month(o.available)
            assert s.plan_month(h.opens) <= a.month
            assert h.closes is None or a.month < s.plan_month(h.closes)
            assert not b.lanes or (o.origin, h.code) in lanes
            assert nations[o.donor].allows_territory(nations[h.country]) is None
            used[o.ref] += a.quantity
            tonnes[(h.code, a.month)] += a.quantity * items[o.item].unit_weight_kg / 1000
        else:
            k, f = producers[a.producer], pledges[a.offer]
            cls = k.class_code
            made_in = a.month - k.lead_months
            assert made_in >= max(s.plan_month(k.available), s.plan_month(f.available))
            caps = {i.capability for i in b.items if i.class_code == cls}
            assert f.earmark in (None, cls) or f.earmark in caps
            made[(k.code, made_in)] += a.quantity
            spent[f.ref] += a.quantity * k.unit_price_eur
        f_ = 1.0 if cls == n.class_code else factor[(n.class_code, cls)]
        got[n.ref] += a.quantity * f_
    for ref, q in used.items():
        assert q <= offers[ref].quantity
    for ref, g in got.items():
        assert g <= needs[ref].quantity + 1e-9
        assert math.isclose(plan.needs[ref].delivered, g, rel_tol=1e-9, abs_tol=1e-9)
    for (code, t), tn in tonnes.items():
        assert tn <= hubs[code].capacity_t_per_month + 1e-9
        assert math.isclose(plan.hub_tonnes[code][t], tn, rel_tol=1e-9, abs_tol=1e-9)
    for (code, made_in), q in made.items():
        assert q <= capacity_left(producers[code], made_in)
    for ref, eur in spent.items():
        assert eur <= pledges[ref].amount_eur * (1 + 1e-12)
    assert math.isnan(plan.lp_bound) or plan.value <= plan.lp_bound + 1e-9


def random_bundle(seed: int, n_offers: int = 150, n_needs: int = 80) -> Bundle:
    """A seeded medium bundle: four classes, two hubs with lanes, production and pledges."""
    import random

    rng = random.Random(seed)
    items = [item(f"{c}{k}", c, rng.choice([0.2, 0.5, 1.0, 2.0]),
                  "artillery" if c in "AB" else "medical") for c in "ABCD" for k in (1, 2)]
    hubs = [hub("H1", "POL", 40.0), hub("H2", "UKR", 25.0, opens=3)]
    lanes = [Lane(o, h.code, 3, rng.choice([5.0, 20.0, 40.0]))
             for o in ("POL", "USA", "JPN", "AUT") for h in hubs]
    offers = [offer(f"O{i:03d}", rng.choice(items).code, rng.randint(5, 60),
                    rng.randint(-1, 9), rng.choice(["POL", "USA", "JPN", "AUT"]))
              for i in range(n_offers)]
    needs = [need(f"N{i:03d}", rng.choice("ABCD"), rng.randint(5, 80), rng.randint(1, 5),
                  rng.randint(-1, 11)) for i in range(n_needs)]
    return bundle(needs=needs, offers=offers, items=items, hubs=hubs, lanes=lanes,
                  substitutes=[Substitution("A", "B", 0.5), Substitution("C", "D", 0.8)],
                  producers=[producer("P1", "A", 10.0, 20, 0, 1)],
                  funding=[pledge("F1", 1500.0), pledge("F2", 800.0, 2, "medical")])
