"""The picture gives a planner real trade-offs and respects every nation's caveats."""

from __future__ import annotations

from collections import Counter
from datetime import date

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.months import add_months
from clearinghouse.domain.nations import Caveat
from clearinghouse.domain.releasability import ALL
from clearinghouse.domain.training import CourseCategory

from .conftest import START, TODAY


def month(day: date) -> int:
    """Month index from the start month; earlier dates count as month 0 (SPEC §4)."""
    return max(0, (day.year - START.year) * 12 + day.month - START.month)


def capability_shares(picture: Bundle) -> dict[str, float]:
    capability = {i.class_code: i.capability for i in picture.items}
    counts = Counter(capability[n.class_code] for n in picture.needs)
    return {c: k / len(picture.needs) for c, k in counts.items()}


def test_needs_lean_towards_air_defence_ammunition_and_mines(picture: Bundle) -> None:
    shares = capability_shares(picture)
    leading = shares["air-defence"] + shares["artillery-ammunition"] + shares["anti-tank-mines"]
    assert leading >= 0.55
    two_largest = sorted(shares, key=shares.__getitem__, reverse=True)[:2]
    assert set(two_largest) == {"air-defence", "artillery-ammunition"}
    assert shares["anti-tank-mines"] >= 0.08


def test_air_defence_needs_are_more_urgent_than_the_rest(picture: Bundle) -> None:
    capability = {i.class_code: i.capability for i in picture.items}
    urgent = [n.priority <= 2 for n in picture.needs if capability[n.class_code] == "air-defence"]
    others = [n.priority <= 2 for n in picture.needs
              if capability[n.class_code] not in ("air-defence", "artillery-ammunition",
                                                  "anti-tank-mines")]
    assert sum(urgent) / len(urgent) > 2 * sum(others) / len(others)


def test_needs_fall_due_across_the_horizon_and_go_to_ukrainian_destinations(
        picture: Bundle) -> None:
    assert {month(n.due) for n in picture.needs} == set(range(12))
    assert all(n.destination == "UKR" or n.destination.startswith("UKR-") for n in picture.needs)
    assert {n.priority for n in picture.needs} == {1, 2, 3, 4, 5}


def test_most_records_are_released_to_all_and_some_are_restricted(picture: Bundle) -> None:
    for records in (picture.needs, picture.offers):
        released = sum(r.releasability == (ALL,) for r in records) / len(records)
        assert 0.75 <= released < 1.0
        assert all("UKR" in r.releasability for r in records if r.releasability != (ALL,))


def test_non_lethal_only_donors_offer_nothing_lethal(picture: Bundle) -> None:
    lethal = {i.code for i in picture.items if i.lethal}
    bound = [n.code for n in picture.nations if n.has(Caveat.NON_LETHAL_ONLY)]
    assert "JPN" in bound
    assert any(o.donor == "JPN" for o in picture.offers)
    assert not [o.ref for o in picture.offers if o.donor in bound and o.item in lethal]


def test_the_big_donors_offer_the_most(picture: Bundle) -> None:
    ranking = [d for d, _ in Counter(o.donor for o in picture.offers).most_common(3)]
    assert ranking[0] == "USA"
    assert set(ranking) <= {"USA", "DEU", "GBR"}


def test_offers_mix_stock_and_production_with_named_funding(picture: Bundle) -> None:
    kinds = Counter(o.kind.value for o in picture.offers)
    assert kinds["stock"] > kinds["production"] > 0
    instruments = {o.funding for o in picture.offers}
    assert {"national budget", "European Peace Facility", "PURL"} <= instruments
    assert all(o.value_eur and o.value_eur > 0 for o in picture.offers)
    assert {month(o.available) for o in picture.offers} == set(range(12))


def test_ammunition_available_at_the_start_overfills_the_open_hubs(picture: Bundle) -> None:
    weight = {i.code: i.unit_weight_kg for i in picture.items}
    first_month = sum(o.quantity * weight[o.item] / 1000 for o in picture.offers
                      if month(o.available) == 0)
    open_now = sum(h.capacity_t_per_month for h in picture.hubs if h.opens <= START)
    assert first_month > 2 * open_now


def test_some_classes_are_scarce_and_some_needs_have_no_offer_at_all(picture: Bundle) -> None:
    item_class = {i.code: i.class_code for i in picture.items}
    supply = Counter[str]()
    for o in picture.offers:
        supply[item_class[o.item]] += o.quantity
    demand = Counter[str]()
    for n in picture.needs:
        demand[n.class_code] += n.quantity
    assert supply["PATRIOT-PAC3"] < 0.5 * demand["PATRIOT-PAC3"]
    produced = {p.class_code for p in picture.producers}
    unmeetable = [c for c in demand if supply[c] == 0 and c not in produced
                  and not any(s.need_class == c for s in picture.substitutes)]
    assert unmeetable


def test_the_recipients_industry_makes_drones_and_ammunition(picture: Bundle) -> None:
    capability = {i.class_code: i.capability for i in picture.items}
    made = {capability[p.class_code] for p in picture.producers}
    assert {"drones", "artillery-ammunition"} <= made
    assert any(p.available > START for p in picture.producers)
    earmarks = {f.earmark for f in picture.funding}
    assert None in earmarks
    assert earmarks & set(capability.values())
    assert earmarks & set(capability)
    assert {"DNK", "NLD", "NOR", "DEU"} <= {f.donor for f in picture.funding}


def test_montenegro_trains_only_on_nato_territory(picture: Bundle) -> None:
    nato = {n.code for n in picture.nations if n.nato}
    ours = [c for c in picture.courses if c.host == "MNE"]
    assert ours
    assert all(c.location in nato for c in ours)


def test_japan_runs_only_non_combat_courses_in_nato_or_eu_countries(picture: Bundle) -> None:
    allied = {n.code for n in picture.nations if n.nato or n.eu}
    ours = [c for c in picture.courses if c.host == "JPN"]
    assert ours
    assert all(c.category is not CourseCategory.COMBAT and c.location in allied for c in ours)


def test_every_course_lies_inside_its_missions_mandate(picture: Bundle) -> None:
    mandates = {m.code: m for m in picture.missions}
    for course in picture.courses:
        mission = mandates[course.mission]
        assert mission.starts <= course.starts <= course.ends <= mission.ends, course.ref
    assert {c.mission for c in picture.courses} == {"NSATU", "EUMAM"}


def test_eumams_mandate_ends_within_90_days_of_today_and_nsatus_does_not(
        picture: Bundle) -> None:
    mandates = {m.code: m for m in picture.missions}
    assert mandates["NSATU"].starts == date(2024, 12, 19)
    assert mandates["EUMAM"].ends_soon(TODAY)
    assert not mandates["NSATU"].ends_soon(TODAY)


def test_training_needs_ask_for_combat_and_non_combat_courses(picture: Bundle) -> None:
    categories = {t.category for t in picture.training_needs}
    assert CourseCategory.COMBAT in categories
    assert len(categories) >= 5
    assert all(START <= t.due < add_months(START, 12) for t in picture.training_needs)
