"""The generated picture is deterministic, consistent and large enough to plan with."""

from __future__ import annotations

from datetime import date

import pytest

from clearinghouse.demo import generate
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.nations import Caveat, NationRole

from .conftest import START

NATO = {"ALB", "BEL", "BGR", "CAN", "HRV", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC",
        "HUN", "ISL", "ITA", "LVA", "LTU", "LUX", "MNE", "NLD", "MKD", "NOR", "POL", "PRT",
        "ROU", "SVK", "SVN", "ESP", "SWE", "TUR", "GBR", "USA"}
EU = {"AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC",
      "HUN", "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK",
      "SVN", "ESP", "SWE"}


def test_the_same_start_and_seed_give_the_same_bundle() -> None:
    assert generate(START, seed=7) == generate(START, seed=7)


def test_another_seed_gives_another_picture() -> None:
    one, other = generate(START, seed=1), generate(START, seed=2)
    assert one.needs != other.needs
    assert one.offers != other.offers


def test_a_mid_month_start_lays_out_the_picture_from_the_first_of_that_month() -> None:
    assert generate(date(2026, 11, 17)) == generate(START)


@pytest.mark.parametrize("start", [date(2025, 1, 1), START, date(2029, 3, 1)])
@pytest.mark.parametrize("seed", [1, 2026])
def test_the_picture_breaks_no_rule_spanning_records(start: date, seed: int) -> None:
    assert generate(start, seed).problems() == []


def test_the_picture_holds_enough_items_needs_and_offers_to_plan_with(picture: Bundle) -> None:
    counts = picture.counts()
    assert counts["items"] >= 60
    assert counts["needs"] >= 500
    assert counts["offers"] >= 2000
    assert counts["producers"] > 0
    assert counts["funding"] > 0
    assert counts["training_needs"] > 0
    assert counts["courses"] > 0


def test_all_32_nato_members_are_present_with_their_eu_membership(picture: Bundle) -> None:
    nations = {n.code: n for n in picture.nations}
    assert {code for code, n in nations.items() if n.nato} == NATO
    for code, nation in nations.items():
        assert nation.eu == (code in EU), code


def test_partners_and_the_recipient_carry_their_roles_and_caveats(picture: Bundle) -> None:
    nations = {n.code: n for n in picture.nations}
    japan = nations["JPN"]
    assert japan.caveats == {Caveat.NON_LETHAL_ONLY, Caveat.NON_COMBAT_ONLY}
    assert not japan.nato
    assert not japan.eu
    assert japan.role is NationRole.PARTNER
    assert nations["IRL"].eu
    assert not nations["IRL"].nato
    assert nations["AUT"].eu
    assert not nations["AUT"].nato
    assert nations["AUT"].has(Caveat.NON_LETHAL_ONLY)
    assert nations["MNE"].nato
    assert nations["MNE"].caveats == {Caveat.NATO_TERRITORY_ONLY}
    assert {"AUS", "NZL"} <= set(nations)
    assert nations["UKR"].role is NationRole.RECIPIENT
    assert [n.code for n in picture.nations if n.role is NationRole.RECIPIENT] == ["UKR"]
    assert all(n.role is NationRole.DONOR for n in picture.nations if n.nato)


def test_the_polish_hub_moves_about_18000_tonnes_and_is_open_before_the_start(
        picture: Bundle) -> None:
    (poland,) = [h for h in picture.hubs if h.country == "POL"]
    assert poland.capacity_t_per_month == pytest.approx(18000, rel=0.05)
    assert poland.opens < START
    assert poland.closes is None


def test_the_romanian_hub_opens_strictly_inside_the_twelve_month_horizon(
        picture: Bundle) -> None:
    (romania,) = [h for h in picture.hubs if h.country == "ROU"]
    assert date(2026, 12, 1) <= romania.opens < date(2027, 11, 1)
    assert len(picture.hubs) >= 3


def test_every_offer_origin_has_a_lane_and_overseas_partners_reach_only_some_hubs(
        picture: Bundle) -> None:
    reachable: dict[str, set[str]] = {}
    for lane in picture.lanes:
        reachable.setdefault(lane.origin, set()).add(lane.hub)
    assert {o.origin for o in picture.offers} <= set(reachable)
    all_hubs = {h.code for h in picture.hubs}
    assert reachable["JPN"] < all_hubs
    assert reachable["AUS"] < all_hubs


def test_nearer_origins_ship_cheaper_to_the_polish_hub(picture: Bundle) -> None:
    cost = {lane.origin: lane.cost_per_t for lane in picture.lanes if lane.hub == "HUB-RZESZOW"}
    assert cost["POL"] < cost["DEU"] < cost["GBR"] < cost["USA"] < cost["AUS"]


def test_satellite_imagery_weighs_nothing_and_is_not_lethal(picture: Bundle) -> None:
    imagery = [i for i in picture.items if i.class_code == "SAT-IMAGERY"]
    assert imagery
    assert all(i.unit_weight_kg == 0 and not i.lethal for i in imagery)


def test_the_catalogue_spans_the_capabilities_and_classes_a_staff_officer_expects(
        picture: Bundle) -> None:
    classes = picture.classes
    assert {"PATRIOT-PAC3", "PATRIOT-GEM-T", "IRIS-T-SLM", "NASAMS-AMRAAM", "SAMP/T-ASTER30",
            "155mm-NATO", "152mm", "122mm", "AT-MINE", "FPV-DRONE", "RECON-DRONE", "IFV",
            "IFAK", "TOURNIQUET", "FIELD-HOSPITAL", "WINTER-CLOTHING"} <= classes
    assert sum(i.class_code == "155mm-NATO" for i in picture.items) >= 3
    assert any(i.nsn for i in picture.items)
    shell = next(i for i in picture.items if i.code == "M795")
    assert 40 <= shell.unit_weight_kg <= 55
    assert shell.lethal


def test_substitutions_name_sensible_stand_ins_with_a_discount(picture: Bundle) -> None:
    rules = {(s.need_class, s.offer_class): s.factor for s in picture.substitutes}
    assert rules[("PATRIOT-PAC3", "PATRIOT-GEM-T")] == 0.8
    assert rules[("FPV-DRONE", "FPV-DRONE-KIT")] == 0.7
    assert ("155mm-NATO", "152mm") not in rules
