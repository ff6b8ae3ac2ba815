"""What it takes (SPEC §5): the smallest additions that meet a need by its due month."""

from __future__ import annotations

import dataclasses

import pytest
from scipy.optimize import linprog

from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.logistics import Lane
from clearinghouse.planning.engine import plan
from clearinghouse.planning.what_it_takes import Requirement, what_it_takes

from .bundles import W, bundle, hub, item, need, offer, pledge, producer, settings


@pytest.fixture(autouse=True, params=["full", "pooled"])
def model_kind(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every rule holds on the full model and on the large bundles' pooled one."""
    if request.param == "pooled":
        for module in ("what_it_takes", "value_lp"):
            monkeypatch.setattr(f"clearinghouse.planning.{module}.COST_GROUPS", -1)
    return str(request.param)


def test_a_need_short_of_hub_capacity_takes_the_missing_tonnes_in_its_due_month() -> None:
    b = bundle(needs=[need("N1", qty=10, due=0)], offers=[offer("O1", qty=10)],
               hubs=[hub(capacity=6)])
    found = what_it_takes(b, settings(), "N1")
    assert found.status == "possible"
    assert found.on_time == pytest.approx(6)
    assert found.additions == [Requirement("hub", "H1", 0, pytest.approx(4.0))]
    assert found.displaced == []
    assert found.value_after == pytest.approx(W[0])


def test_the_additions_are_the_least_by_an_lp_written_out_by_hand() -> None:
    # 10 units due now; 4 offered (1 t each), a 6 t hub, a producer of 3 a month and no money.
    # Shares: a unit offered 1/10, a tonne 1/6, a funded unit 1/3 (of a month's output).
    b = bundle(needs=[need("N1", qty=10)], offers=[offer("O1", qty=4)], hubs=[hub(capacity=6)],
               producers=[producer(capacity=3)])
    found = what_it_takes(b, settings(), "N1")
    # s: offered units shipped, c: units added, t: tonnes added, u: funded units
    ref = linprog([0, 1 / 10, 1 / 6, 1 / 3],
                  A_ub=[[1, 1, -1, 0]], b_ub=[6], A_eq=[[1, 1, 0, 1]], b_eq=[10],
                  bounds=[(0, 4), (0, None), (0, None), (0, 3)])
    share = {"hub": 1 / 6, "class": 1 / 10, "funding": 1 / 3 / 10}  # funding in EUR (10/unit)
    assert sum(share[a.kind] * a.amount for a in found.additions) == pytest.approx(ref.fun)
    assert {(a.kind, a.resource, a.month): a.amount for a in found.additions} == {
        ("hub", "H1", 0): pytest.approx(4.0), ("class", "A", 0): pytest.approx(6.0)}


def test_the_additions_applied_to_the_bundle_meet_the_need_by_its_due_month() -> None:
    b = bundle(needs=[need("N1", qty=10, due=1)], offers=[offer("O1", qty=4)],
               hubs=[hub(capacity=3)], producers=[producer(capacity=2, price=5.0)],
               funding=[pledge(amount=5.0)])
    found = what_it_takes(b, settings(), "N1")
    assert found.status == "possible"
    more = [offer(f"X{i}", qty=round(a.amount), available=a.month)
            for i, a in enumerate(found.additions) if a.kind == "class"]
    money = sum(a.amount for a in found.additions if a.kind == "funding")
    tonnes = max((a.amount for a in found.additions if a.kind == "hub"), default=0.0)
    applied = dataclasses.replace(
        b, offers=[*b.offers, *more], hubs=[hub(capacity=3 + tonnes)],
        funding=[pledge(amount=5.0 + money)])
    planned = plan(applied, settings())
    assert planned.needs["N1"].delivered == pytest.approx(10)
    assert max(a.month for a in planned.allocations) <= 1


def test_meeting_a_need_displaces_only_deliveries_worth_less_per_unit() -> None:
    # N1 (priority 2, 10 units: 10 a unit) is due in month 1 but the only open hub opens in
    # month 2, so the LP gives the offer to N2 (8.33 a unit, on time in month 2). Meeting N1
    # takes 10 t through the empty hub H0 in month 1, and N2 loses its 10 units.
    b = bundle(needs=[need("N1", qty=10, priority=2, due=1),
                      need("N2", qty=12, priority=2, due=2)],
               offers=[offer("O1", qty=10, available=1)],
               hubs=[hub("H0", capacity=0), hub("H1", capacity=10, opens=2)])
    found = what_it_takes(b, settings(), "N1")
    assert found.additions == [Requirement("hub", "H0", 1, pytest.approx(10.0))]
    assert [(d.need, d.units, d.value) for d in found.displaced] == [
        ("N2", pytest.approx(10), pytest.approx(10 * W[1] / 12))]
    assert found.value_after == pytest.approx(W[1])


def test_deliveries_worth_more_per_unit_are_never_displaced() -> None:
    # N2 (priority 1) holds the offer; N1 can only be met by more units, not by taking N2's.
    b = bundle(needs=[need("N1", qty=10, priority=2), need("N2", qty=10, priority=1)],
               offers=[offer("O1", qty=10)])
    found = what_it_takes(b, settings(), "N1")
    assert found.additions == [Requirement("class", "A", 0, pytest.approx(10.0))]
    assert found.displaced == []


def test_a_need_met_on_time_takes_nothing() -> None:
    b = bundle(needs=[need("N1", qty=10)], offers=[offer("O1", qty=10)])
    found = what_it_takes(b, settings(), "N1")
    assert (found.status, found.additions, found.displaced) == ("met", [], [])


def test_a_heavy_need_due_before_any_hub_opens_cannot_be_met() -> None:
    b = bundle(needs=[need("N1", qty=10, due=0)], offers=[offer("O1", qty=10)],
               hubs=[hub(opens=2)])
    assert what_it_takes(b, settings(), "N1").status == "impossible"


def test_a_weightless_class_needs_no_hub() -> None:
    b = bundle(needs=[need("N1", cls="S", qty=5, due=0)], hubs=[hub(opens=2)],
               items=[item("A1", "A"), item("S1", "S", 0.0)])
    found = what_it_takes(b, settings(), "N1")
    assert found.additions == [Requirement("class", "S", 0, pytest.approx(5.0))]


def test_an_unknown_need_is_refused_with_the_field_named() -> None:
    b = bundle(needs=[need("N1")])
    with pytest.raises(DomainError, match="need N9"):
        what_it_takes(b, settings(), "N9")


def test_added_units_may_pass_a_hub_no_offer_can_reach() -> None:
    # O1's lane reaches H1 only (4 t, all its own); H2 (5 t) is open but on no offer's lane.
    # The 6 units added take H2's 5 t and one more tonne, cheapest at H2 (1/5 < 1/4 a tonne).
    b = bundle(needs=[need("N1", qty=10)], offers=[offer("O1", qty=4)],
               hubs=[hub("H1", capacity=4), hub("H2", capacity=5)],
               lanes=[Lane("POL", "H1", 2, 10.0)])
    found = what_it_takes(b, settings(), "N1")
    assert {(a.kind, a.resource): a.amount for a in found.additions} == {
        ("class", "A"): pytest.approx(6.0), ("hub", "H2"): pytest.approx(1.0)}
