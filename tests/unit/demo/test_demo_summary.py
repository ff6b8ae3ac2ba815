"""The summary's figures add up to the bundle they describe."""

from __future__ import annotations

from datetime import date

from clearinghouse.demo import summarize
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.catalogue import Item
from clearinghouse.domain.needs import Need
from clearinghouse.domain.offers import Offer
from clearinghouse.domain.training import Mission

from .conftest import TODAY


def test_needs_per_capability_and_priority_add_up_to_every_need(picture: Bundle) -> None:
    table = summarize(picture, TODAY).needs_by_capability
    assert sum(sum(row) for row in table.values()) == len(picture.needs)
    for priority in range(1, 6):
        column = sum(row[priority - 1] for row in table.values())
        assert column == sum(n.priority == priority for n in picture.needs)
    totals = [sum(row) for row in table.values()]
    assert totals == sorted(totals, reverse=True)


def test_offers_per_donor_add_up_to_every_offer_unit_and_euro(picture: Bundle) -> None:
    donors = summarize(picture, TODAY).offers_by_donor
    assert sum(d.offers for d in donors) == len(picture.offers)
    assert sum(d.units for d in donors) == sum(o.quantity for o in picture.offers)
    assert abs(sum(d.value_eur for d in donors)
               - sum(o.value_eur or 0 for o in picture.offers)) < 1.0
    assert [d.value_eur for d in donors] == sorted((d.value_eur for d in donors), reverse=True)
    assert next(d for d in donors if d.donor == "USA").name == "United States"


def test_hubs_are_listed_with_capacity_and_opening(picture: Bundle) -> None:
    hubs = summarize(picture, TODAY).hubs
    assert [(h.code, h.capacity_t_per_month, h.opens, h.closes) for h in hubs] == [
        (h.code, h.capacity_t_per_month, h.opens, h.closes) for h in picture.hubs]


def test_only_mandates_ending_within_90_days_are_flagged(picture: Bundle) -> None:
    ending = summarize(picture, TODAY).mandates_ending
    assert [(m.code, m.days_left) for m in ending] == [("EUMAM", 6)]
    assert summarize(picture, date(2026, 6, 1)).mandates_ending == ()


def test_a_need_of_an_unknown_class_is_counted_apart() -> None:
    bundle = Bundle(
        items=[Item("IFAK", "First-aid kit", "medical", "IFAK", "kit", 0.6, False)],
        needs=[Need("N-1", "IFAK", 10, 2, date(2027, 1, 1), "UKR"),
               Need("N-2", "GHOST", 5, 5, date(2027, 1, 1), "UKR")],
        offers=[Offer("O-1", "JPN", "IFAK", 4, date(2027, 1, 1), "JPN", value_eur=320.0),
                Offer("O-2", "JPN", "IFAK", 6, date(2027, 1, 1), "JPN")],
        missions=[Mission("M", "Mission", date(2026, 1, 1), date(2027, 1, 1))],
    )
    summary = summarize(bundle, date(2026, 12, 1))
    assert summary.needs_by_capability == {"medical": (0, 1, 0, 0, 0),
                                           "(unknown class)": (0, 0, 0, 0, 1)}
    (japan,) = summary.offers_by_donor
    assert (japan.name, japan.offers, japan.units, japan.value_eur) == ("JPN", 2, 10, 320.0)
    assert [(m.code, m.days_left) for m in summary.mandates_ending] == [("M", 31)]
