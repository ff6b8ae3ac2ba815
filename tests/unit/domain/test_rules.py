"""Every rule of SPEC §2 that a single record or a pair of records enforces."""

from __future__ import annotations

from datetime import date

import pytest

from clearinghouse.domain.catalogue import Item, Substitution
from clearinghouse.domain.errors import CaveatViolation, DomainError, IllegalTransition
from clearinghouse.domain.funding import FundingPledge, Producer
from clearinghouse.domain.lifecycle import NeedStatus, OfferStatus
from clearinghouse.domain.logistics import Hub, Lane
from clearinghouse.domain.nations import Caveat, Nation, NationRole, parse_caveats
from clearinghouse.domain.needs import Need
from clearinghouse.domain.offers import Offer
from clearinghouse.domain.releasability import ALL, is_released_to, parse_releasability
from clearinghouse.domain.training import CourseCategory, CourseOffer, Mission

JAPAN = Nation("JPN", "Japan", nato=False, eu=False, role=NationRole.PARTNER,
               caveats=frozenset({Caveat.NON_LETHAL_ONLY, Caveat.NON_COMBAT_ONLY}))
MONTENEGRO = Nation("MNE", "Montenegro", nato=True, eu=False, role=NationRole.DONOR,
                    caveats=frozenset({Caveat.NATO_TERRITORY_ONLY}))
AUSTRIA = Nation("AUT", "Austria", nato=False, eu=True, role=NationRole.PARTNER)
POLAND = Nation("POL", "Poland", nato=True, eu=True, role=NationRole.DONOR)
NORWAY = Nation("NOR", "Norway", nato=True, eu=False, role=NationRole.DONOR)
SHELL = Item("155-HE", "155mm HE M795", "artillery", "155mm-NATO", "round", 47.0, lethal=True)
IFAK = Item("IFAK", "Individual first aid kit", "medical", "IFAK", "kit", 0.5, lethal=False)
NSATU = Mission("NSATU", "NATO Security Assistance and Training for Ukraine",
                date(2024, 12, 19), date(2028, 12, 31))


def offer(item: str = "155-HE", donor: str = "JPN", quantity: int = 10) -> Offer:
    return Offer("O-17", donor, item, quantity, date(2026, 12, 1), donor)


def course(host: str, location: str, category: CourseCategory = CourseCategory.MEDICAL,
           ends: date = date(2027, 3, 1)) -> CourseOffer:
    return CourseOffer("C-1", host, location, category, "NSATU", 20, date(2027, 1, 1), ends)


def test_a_non_lethal_only_donor_may_not_offer_a_lethal_item() -> None:
    with pytest.raises(CaveatViolation) as e:
        offer().check_donor_may_offer(JAPAN, SHELL)
    assert e.value.field == "item"
    assert "Japan has the caveat non-lethal-only" in str(e.value)
    assert "155mm HE M795" in str(e.value)


def test_a_non_lethal_only_donor_may_offer_a_non_lethal_item() -> None:
    offer("IFAK").check_donor_may_offer(JAPAN, IFAK)


def test_a_nato_territory_only_host_may_not_locate_a_course_outside_nato() -> None:
    with pytest.raises(CaveatViolation) as e:
        course("MNE", "AUT").check_caveats(MONTENEGRO, AUSTRIA)
    assert e.value.field == "location"
    assert "nato-territory-only" in str(e.value)


def test_a_nato_territory_only_host_may_locate_a_course_in_a_nato_country() -> None:
    course("MNE", "POL").check_caveats(MONTENEGRO, POLAND)


def test_an_eu_territory_only_host_may_not_locate_a_course_outside_the_eu() -> None:
    host = Nation("IRL", "Ireland", nato=False, eu=True, role=NationRole.PARTNER,
                  caveats=frozenset({Caveat.EU_TERRITORY_ONLY}))
    with pytest.raises(CaveatViolation, match="eu-territory-only"):
        course("IRL", "NOR").check_caveats(host, NORWAY)


def test_a_non_combat_only_host_may_not_offer_a_combat_course() -> None:
    with pytest.raises(CaveatViolation) as e:
        course("JPN", "POL", CourseCategory.COMBAT).check_caveats(JAPAN, POLAND)
    assert e.value.field == "category"
    assert "non-combat-only" in str(e.value)


def test_a_course_may_not_run_past_its_missions_mandate() -> None:
    with pytest.raises(DomainError, match="outside the mandate of NSATU") as e:
        course("POL", "POL", ends=date(2029, 1, 31)).check_mandate(NSATU)
    assert e.value.field == "ends"


@pytest.mark.parametrize("nsn", ["1315-01-123-456", "131501123456 7", "ABCD-01-123-4567", ""])
def test_a_malformed_nsn_is_refused(nsn: str) -> None:
    with pytest.raises(DomainError) as e:
        Item("X", "x", "artillery", "155mm-NATO", "round", 1.0, True, nsn=nsn or "x")
    assert e.value.field == "nsn"
    assert "NNNN-NN-NNN-NNNN" in e.value.rule


def test_a_well_formed_nsn_is_accepted() -> None:
    assert Item("X", "x", "a", "c", "u", 1.0, True, nsn="1315-01-123-4567").nsn


@pytest.mark.parametrize("quantity", [0, -5])
def test_a_quantity_of_zero_or_less_is_refused(quantity: int) -> None:
    with pytest.raises(DomainError) as e:
        offer(quantity=quantity)
    assert e.value.field == "quantity"
    with pytest.raises(DomainError):
        Need("N-1", "155mm-NATO", quantity, 1, date(2027, 1, 1), "UKR")


@pytest.mark.parametrize("priority", [0, 6])
def test_a_priority_outside_one_to_five_is_refused(priority: int) -> None:
    with pytest.raises(DomainError, match="priority") as e:
        Need("N-1", "155mm-NATO", 10, priority, date(2027, 1, 1), "UKR")
    assert e.value.field == "priority"


@pytest.mark.parametrize("factor", [0.0, -0.5, 1.5])
def test_a_substitution_factor_must_lie_in_zero_exclusive_to_one(factor: float) -> None:
    with pytest.raises(DomainError, match="0 < factor <= 1"):
        Substitution("PATRIOT-PAC3", "PATRIOT-GEM-T", factor)


def test_a_negative_unit_weight_is_refused_and_zero_is_a_service() -> None:
    with pytest.raises(DomainError, match=">= 0"):
        Item("SAT", "imagery", "isr", "SAT-IMAGERY", "scene", -1.0, False)
    assert Item("SAT", "imagery", "isr", "SAT-IMAGERY", "scene", 0.0, False).unit_weight_kg == 0


def test_a_nation_code_must_be_iso_alpha3() -> None:
    with pytest.raises(DomainError, match="ISO 3166-1 alpha-3"):
        Nation("PL", "Poland", True, True, NationRole.DONOR)


def test_an_unknown_caveat_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(DomainError, match="non-lethal-only"):
        parse_caveats("non-lethal-only;peacekeeping-only")


def test_a_hub_may_not_close_before_it_opens() -> None:
    with pytest.raises(DomainError, match="closes"):
        Hub("RO-1", "Romania", "ROU", 9000, date(2027, 5, 1), closes=date(2027, 1, 1))


def test_a_lane_cost_may_not_be_negative() -> None:
    with pytest.raises(DomainError, match=r"cost_per_t|negative"):
        Lane("DEU", "PL-RZE", 3, -1.0)


def test_a_funding_pledge_must_pledge_a_positive_amount() -> None:
    with pytest.raises(DomainError, match="amount"):
        FundingPledge("F-1", "DNK", 0, "national budget", date(2027, 1, 1))


def test_a_producer_needs_a_positive_monthly_capacity_and_a_lead_time_of_zero_or_more() -> None:
    with pytest.raises(DomainError):
        Producer("P-1", "drones", "FPV-DRONE", 400.0, 0, date(2027, 1, 1), 1)
    with pytest.raises(DomainError, match="lead"):
        Producer("P-1", "drones", "FPV-DRONE", 400.0, 100, date(2027, 1, 1), -1)


def test_a_need_follows_its_lifecycle_and_refuses_a_skipped_step() -> None:
    need = Need("N-1", "155mm-NATO", 10, 1, date(2027, 1, 1), "UKR", status=NeedStatus.DRAFT)
    with pytest.raises(IllegalTransition, match="cannot go from draft to met"):
        need.move_to(NeedStatus.MET)
    need.move_to(NeedStatus.VALIDATED)
    need.move_to(NeedStatus.OPEN)
    need.record_fulfilment(4)
    assert need.status is NeedStatus.PARTIALLY_MET
    need.record_fulfilment(10)
    assert need.status is NeedStatus.MET


def test_a_need_cannot_receive_more_than_it_asked_for() -> None:
    need = Need("N-1", "155mm-NATO", 10, 1, date(2027, 1, 1), "UKR")
    with pytest.raises(DomainError, match="exceeds"):
        need.record_fulfilment(11)


def test_an_offer_follows_its_lifecycle_and_a_delivered_offer_is_final() -> None:
    o = offer("IFAK")
    for status in (OfferStatus.ACCEPTED, OfferStatus.ALLOCATED, OfferStatus.SHIPPED,
                   OfferStatus.DELIVERED):
        o.move_to(status)
    with pytest.raises(IllegalTransition, match="final status"):
        o.move_to(OfferStatus.WITHDRAWN)


def test_releasability_is_all_or_a_list_of_nations() -> None:
    assert parse_releasability("") == (ALL,)
    assert parse_releasability("USA;POL") == ("POL", "USA")
    assert is_released_to(("POL", "USA"), "POL")
    assert not is_released_to(("POL", "USA"), "DEU")
    assert is_released_to((ALL,), "DEU")
    with pytest.raises(DomainError, match="mixes ALL"):
        parse_releasability("ALL;POL")


def test_planning_a_need_sets_its_planned_quantity_and_never_its_status() -> None:
    need = Need("N-1", "155mm-NATO", 10, 1, date(2027, 1, 1), "UKR",
                status=NeedStatus.VALIDATED)
    need.plan(10)
    assert (need.planned, need.status, need.delivered) == (10, NeedStatus.VALIDATED, 0)
    need.plan(25)
    assert need.planned == 10  # never more than it asked for
    need.plan(0)
    assert need.planned == 0
    with pytest.raises(DomainError, match="planned"):
        need.plan(-1)


def test_only_delivered_units_make_a_need_partially_met_or_met() -> None:
    need = Need("N-1", "155mm-NATO", 35_000, 1, date(2027, 1, 1), "UKR")
    need.plan(35_000)
    need.record_fulfilment(40)
    assert need.status is NeedStatus.PARTIALLY_MET
    need.record_fulfilment(34_999)
    assert need.status is NeedStatus.PARTIALLY_MET
    need.record_fulfilment(35_000)
    assert need.status is NeedStatus.MET
