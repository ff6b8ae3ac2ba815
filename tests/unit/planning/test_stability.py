"""Stability (SPEC §4): a re-plan changes its reference plan only as much as value requires."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clearinghouse.domain.bundle import Bundle
from clearinghouse.planning.engine import plan
from clearinghouse.planning.files import summary_dict
from clearinghouse.planning.plan import Allocation
from clearinghouse.planning.settings import PlanSettings

from .bundles import bundle, check_feasible, hub, item, need, offer, settings
from .churn_mip import least_churn
from .test_properties import PROPERTY, bundles


def _edited(b: Bundle, data: st.DataObject) -> Bundle:
    """The bundle with one need's quantity changed, or one offer gone, or one hub halved."""
    what = data.draw(st.sampled_from(["need", "offer", "hub"]))
    if what == "need" or not b.offers:
        i = data.draw(st.integers(0, len(b.needs) - 1))
        needs = list(b.needs)
        needs[i] = dataclasses.replace(needs[i], quantity=data.draw(st.integers(1, 25)))
        return dataclasses.replace(b, needs=needs)
    if what == "offer":
        i = data.draw(st.integers(0, len(b.offers) - 1))
        return dataclasses.replace(b, offers=b.offers[:i] + b.offers[i + 1:])
    hubs = [dataclasses.replace(h, capacity_t_per_month=h.capacity_t_per_month / 2)
            for h in b.hubs]
    return dataclasses.replace(b, hubs=hubs)


@PROPERTY
@given(bundles())
def test_a_plan_against_its_own_optimal_plan_changes_nothing(
        case: tuple[Bundle, PlanSettings]) -> None:
    b, s = case
    first = plan(b, s)
    again = plan(b, s, reference=first.allocations)
    assert again.churn is not None
    assert again.churn.lines == 0
    assert again.churn.units == 0
    assert sorted(again.allocations, key=str) == sorted(first.allocations, key=str)


@PROPERTY
@given(bundles(), st.data())
def test_churn_is_the_least_among_whole_unit_plans_of_the_same_value(
        case: tuple[Bundle, PlanSettings], data: st.DataObject) -> None:
    b, s = case
    reference = plan(_edited(b, data), s).allocations
    p = plan(b, s, reference=reference)
    check_feasible(p, b)
    assert p.churn is not None
    if p.status == "optimal":
        assert p.churn.units == pytest.approx(least_churn(b, s, reference, p.value - 1e-7),
                                              abs=1e-6)
        assert p.value >= plan(b, s).value - 1e-7


@PROPERTY
@given(bundles(), st.data())
def test_a_re_plan_is_worth_as_much_as_the_plan_without_a_reference(
        case: tuple[Bundle, PlanSettings], data: st.DataObject) -> None:
    b, s = case
    reference = plan(_edited(b, data), s).allocations
    p, fresh = plan(b, s, reference=reference, mip=False), plan(b, s, mip=False)
    check_feasible(p, b)
    assert p.value >= fresh.value * (1 - s.mip_rel_gap) - 1e-7
    assert p.value <= p.lp_bound + 1e-9


def test_a_need_raised_by_three_keeps_every_line_and_adds_three_units() -> None:
    b = bundle(needs=[need("N1", qty=10, priority=3), need("N2", qty=10, priority=3)],
               offers=[offer("O1", qty=10), offer("O2", qty=10), offer("O3", qty=5)],
               hubs=[hub("H1"), hub("H2")])
    s = settings()
    before = plan(b, s)
    raised = dataclasses.replace(b, needs=[need("N1", qty=13, priority=3), b.needs[1]])
    after = plan(raised, s, reference=before.allocations)
    assert after.churn is not None
    assert after.churn.units == 1.5  # three units added: |3 − 0| / 2
    assert set(after.churn.needs) == {"N1"}
    assert after.churn.needs["N1"].why == "gets more units"
    kept = {(a.offer, a.need, a.hub, a.month): a.quantity for a in after.allocations}
    for a in before.allocations:
        assert kept[(a.offer, a.need, a.hub, a.month)] >= a.quantity


def test_a_withdrawn_offer_is_explained_and_only_its_need_changes() -> None:
    b = bundle(needs=[need("N1", qty=10), need("N2", cls="B", qty=10)],
               items=[item("A1", "A"), item("B1", "B")],
               offers=[offer("O1", qty=10), offer("O2", qty=10), offer("O3", "B1", qty=10)])
    s = settings()
    before = plan(b, s)
    used = next(a.offer for a in before.allocations if a.need == "N1")
    after = plan(dataclasses.replace(b, offers=[o for o in b.offers if o.ref != used]), s,
                 reference=before.allocations)
    assert after.churn is not None
    assert set(after.churn.needs) == {"N1"}
    assert after.churn.needs["N1"].why == "offer or pledge gone"
    assert after.churn.units == 10  # ten units off the gone offer, ten onto the other


def test_a_reference_line_that_no_longer_fits_is_cut_to_what_fits() -> None:
    b = bundle(needs=[need("N1", qty=10)], offers=[offer("O1", qty=10)])
    s = settings()
    reference = [Allocation("O1", "N1", "H1", None, 0, 10, 10.0)]
    smaller = dataclasses.replace(b, needs=[need("N1", qty=6)])
    p = plan(smaller, s, reference=reference)
    assert [(a.offer, a.quantity) for a in p.allocations] == [("O1", 6)]
    assert p.churn is not None
    assert p.churn.units == 2
    assert p.churn.lines == 1
    assert p.churn.needs["N1"].why == "gets fewer units"


def test_a_reference_naming_unknown_records_counts_them_as_changed() -> None:
    b = bundle(needs=[need("N1", qty=10)], offers=[offer("O1", qty=10)])
    reference = [Allocation("O-GONE", "N1", "H1", None, 0, 4, 4.0),
                 Allocation("O1", "N-GONE", "H1", None, 0, 2, 2.0)]
    p = plan(b, settings(), reference=reference)
    assert p.churn is not None
    assert p.churn.needs["N-GONE"].why == "need no longer planned"
    assert p.churn.needs["N1"].why == "offer or pledge gone"
    assert p.churn.units == (4 + 2 + 10) / 2


def test_summary_json_reports_churn_lines_units_and_needs() -> None:
    b = bundle(needs=[need("N1", qty=10)], offers=[offer("O1", qty=10)])
    s = settings()
    before = plan(b, s)
    after = plan(dataclasses.replace(b, needs=[need("N1", qty=7)]), s,
                 reference=before.allocations)
    churn = summary_dict(after)["churn"]
    assert churn["lines"] == 1
    assert churn["units"] == 1.5
    assert churn["needs"]["N1"] == {"before": 10, "after": 7, "lines": 1, "units": 1.5,
                                    "why": "gets fewer units"}
    assert "churn" not in summary_dict(plan(b, s))
