"""Rules spanning records: references must exist, keys are unique, caveats hold."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.catalogue import Item, Substitution
from clearinghouse.domain.logistics import Hub
from clearinghouse.domain.nations import Caveat, Nation, NationRole
from clearinghouse.domain.needs import Need
from clearinghouse.domain.offers import Offer
from clearinghouse.domain.training import CourseCategory, CourseOffer, Mission


def bundle() -> Bundle:
    return Bundle(
        nations=[
            Nation("POL", "Poland", True, True, NationRole.DONOR),
            Nation("JPN", "Japan", False, False, NationRole.PARTNER,
                   frozenset({Caveat.NON_LETHAL_ONLY, Caveat.NON_COMBAT_ONLY})),
            Nation("UKR", "Ukraine", False, False, NationRole.RECIPIENT),
        ],
        items=[Item("155-HE", "155mm HE", "artillery", "155mm-NATO", "round", 47, True),
               Item("152-HE", "152mm HE", "artillery", "152mm", "round", 44, True),
               Item("IFAK", "First aid kit", "medical", "IFAK", "kit", 0.5, False)],
        substitutes=[Substitution("155mm-NATO", "152mm", 0.5)],
        hubs=[Hub("PL-RZE", "Rzeszów", "POL", 18000, date(2024, 1, 1))],
        needs=[Need("N-1", "155mm-NATO", 1000, 1, date(2027, 2, 1), "UKR")],
        offers=[Offer("O-1", "POL", "155-HE", 500, date(2027, 1, 1), "POL"),
                Offer("O-2", "JPN", "IFAK", 500, date(2027, 1, 1), "JPN")],
        missions=[Mission("NSATU", "NSATU", date(2024, 12, 19), date(2028, 12, 31))],
        courses=[CourseOffer("C-1", "JPN", "POL", CourseCategory.MEDICAL, "NSATU", 20,
                             date(2027, 1, 1), date(2027, 2, 1))],
    )


def test_a_consistent_bundle_has_no_problems() -> None:
    assert bundle().problems() == []


def test_a_need_for_an_unknown_class_is_refused() -> None:
    b = bundle()
    b.needs.append(Need("N-2", "203mm", 5, 2, date(2027, 2, 1), "UKR"))
    [p] = b.problems()
    assert (p.sheet, p.key, p.field, p.value) == ("needs", "N-2", "class", "203mm")
    assert "unknown class" in p.message


def test_an_offer_of_a_lethal_item_from_a_non_lethal_only_donor_is_refused() -> None:
    b = bundle()
    b.offers.append(Offer("O-3", "JPN", "155-HE", 5, date(2027, 1, 1), "JPN"))
    [p] = b.problems()
    assert (p.sheet, p.key, p.field) == ("offers", "O-3", "item")
    assert "non-lethal-only" in p.message


def test_an_offer_from_an_unknown_donor_names_the_donor_field() -> None:
    b = bundle()
    b.offers.append(Offer("O-3", "XXX", "IFAK", 5, date(2027, 1, 1), "POL"))
    assert [(p.field, p.value) for p in b.problems()] == [("donor", "XXX")]


def test_a_combat_course_from_a_non_combat_only_host_is_refused() -> None:
    b = bundle()
    b.courses[0] = replace(b.courses[0], category=CourseCategory.COMBAT)
    [p] = b.problems()
    assert p.field == "category"
    assert "non-combat-only" in p.message


def test_a_duplicate_ref_is_refused() -> None:
    b = bundle()
    b.offers.append(b.offers[0])
    [p] = b.problems()
    assert (p.sheet, p.field, p.value) == ("offers", "ref", "O-1")


def test_a_substitution_between_unknown_classes_is_refused() -> None:
    b = bundle()
    b.substitutes.append(Substitution("155mm-NATO", "105mm", 0.3))
    assert [(p.sheet, p.field) for p in b.problems()] == [("substitutes", "offer_class")]


def test_a_hub_in_an_unknown_country_is_refused() -> None:
    b = bundle()
    b.hubs.append(Hub("XX-1", "Nowhere", "XYZ", 10, date(2027, 1, 1)))
    assert [(p.sheet, p.field) for p in b.problems()] == [("hubs", "country")]
