"""Scenario rules: drop-outs, hub changes, dependency metrics and Monte Carlo futures."""

from __future__ import annotations

import pytest
from tests.support.futures import draw_future
from tests.unit.planning.bundles import (
    bundle,
    hub,
    month,
    need,
    offer,
    pledge,
    producer,
    settings,
)

from clearinghouse.planning.engine import plan
from clearinghouse.planning.scenarios.dependency import dependency, hhi
from clearinghouse.planning.scenarios.dropout import dropout, hub_change
from clearinghouse.planning.scenarios.edits import HubSpec, without_donors
from clearinghouse.planning.scenarios.futures import FutureSpec
from clearinghouse.planning.scenarios.montecarlo import montecarlo
from clearinghouse.planning.scenarios.sweep import ValueModel, donor_losses, fresh_lp_value


def picture():
    """Two hubs, three donors (USA alone offers class B), a producer of A funded by POL."""
    b = bundle(
        needs=[need("N1", "A", qty=10), need("N2", "B", qty=4, priority=2, due=1),
               need("N3", "A", qty=6, priority=3, due=2)],
        offers=[offer("O1", "A1", qty=8), offer("O2", "B1", qty=4, donor="USA"),
                offer("O3", "A1", qty=5, donor="USA", available=2)],
        hubs=[hub("H1", capacity=6.0), hub("H2", capacity=4.0)],
        producers=[producer("P1", "A", price=10.0, capacity=2)],
        funding=[pledge("F1", amount=40.0)])
    return b


def test_dropping_a_donor_who_offers_nothing_changes_nothing():
    b, s = picture(), settings(horizon=6)
    result = dropout(b, s, ["JPN"], None)
    assert result.value_after == pytest.approx(result.value_before)
    assert result.needs == []
    assert result.single_source == []
    assert all(c.before == pytest.approx(c.after) for c in result.by_capability)


def test_dropping_the_only_donor_of_a_class_marks_it_single_source():
    b, s = picture(), settings(horizon=6)
    result = dropout(b, s, ["USA"], None)
    assert [r.class_code for r in result.single_source] == ["B"]
    lost = result.single_source[0]
    assert lost.donors == ["USA"]
    assert lost.units == pytest.approx(4)
    assert lost.tonnes == pytest.approx(4)
    assert lost.eur is None  # nobody produces class B
    assert [n.ref for n in result.needs if n.class_code == "B"] == ["N2"]
    assert result.value_after < result.value_before


def test_a_class_another_donor_funds_is_not_single_source_and_its_replacement_is_priced():
    b = bundle(needs=[need("N1", "A", qty=10)], offers=[offer("O1", "A1", qty=10)],
               producers=[producer("P1", "A", price=10.0, capacity=2)],
               funding=[pledge("F1", amount=40.0)])  # F1 is USA's; O1 is POL's
    s = settings(horizon=3)
    assert dropout(b, s, ["POL"], None).single_source == []
    both = dropout(b, s, ["POL", "USA"], None)
    (lost,) = both.single_source
    assert (lost.class_code, lost.donors) == ("A", ["POL", "USA"])
    assert lost.units == pytest.approx(10)
    assert lost.eur == pytest.approx(100.0)  # 10 units at producer P1's 10 EUR


def test_offers_available_before_the_drop_out_month_stay():
    b = picture()
    kept = without_donors(b, ["USA"], month(1))
    assert {o.ref for o in kept.offers} == {"O1", "O2"}
    assert {o.ref for o in b.offers} == {"O1", "O2", "O3"}  # the live bundle is untouched


@pytest.mark.parametrize("hub_code", ["H1", "H2"])
@pytest.mark.parametrize("from_month", [None, 1, 3])
def test_closing_a_hub_never_raises_the_plans_value(hub_code, from_month):
    b, s = picture(), settings(horizon=6)
    when = None if from_month is None else month(from_month)
    result = hub_change(b, s, hub_code, None, when)
    assert result.value_after <= result.value_before + 1e-9


def test_opening_a_hub_relieves_a_full_one():
    b = bundle(needs=[need("N1", "A", qty=10)], offers=[offer("O1", "A1", qty=10)],
               hubs=[hub("H1", capacity=4.0)])
    result = hub_change(b, settings(horizon=3), None,
                        HubSpec("RO1", "POL", 9000.0, month(0)), None)
    assert result.value_after > result.value_before


def test_a_hub_opened_without_a_change_month_opens_on_its_own_date():
    b = bundle(needs=[need("N1", "A", qty=10)], offers=[offer("O1", "A1", qty=10)],
               hubs=[hub("H1", capacity=4.0)])
    later = hub_change(b, settings(horizon=3), None,
                       HubSpec("RO1", "POL", 9000.0, month(3)), None)
    assert later.value_after == pytest.approx(later.value_before)
    assert later.params["open"]["opens"] == month(3).isoformat()  # type: ignore[index]


def test_the_hhi_of_a_single_donor_is_one():
    b = bundle(needs=[need("N1", "A", qty=10)], offers=[offer("O1", "A1", qty=10)])
    (dep,) = dependency(b, plan(b, settings(horizon=3)))
    assert dep.shares == {"POL": 1.0}
    assert dep.top_share == 1.0
    assert dep.hhi == 1.0
    assert dep.single_source == {"A": "POL"}


def test_the_hhi_of_equal_shares_is_one_over_the_number_of_donors():
    assert hhi([0.25] * 4) == pytest.approx(0.25)


def test_shares_count_units_in_the_needs_terms_with_substitution_factors():
    from clearinghouse.domain.catalogue import Substitution

    b = bundle(needs=[need("N1", "A", qty=10)],
               offers=[offer("O1", "A1", qty=5), offer("O2", "B1", qty=10, donor="USA")],
               substitutes=[Substitution("A", "B", 0.5)])
    (dep,) = dependency(b, plan(b, settings(horizon=3)))
    assert dep.units == pytest.approx(10)
    assert dep.shares == pytest.approx({"POL": 0.5, "USA": 0.5})


def test_a_re_solve_with_changed_bounds_equals_a_fresh_build_without_the_donor():
    b, s = picture(), settings(horizon=6)
    vm = ValueModel(b, s)
    for donor in ("POL", "USA"):
        for when in (None, month(1)):
            assert vm.without({donor}, when) == pytest.approx(
                fresh_lp_value(without_donors(b, [donor], when), s))
    assert vm.without(set()) == pytest.approx(vm.base)


def test_donors_are_ranked_by_the_value_lost_without_them():
    b, s = picture(), settings(horizon=6)
    ranking = donor_losses(b, s)
    assert [d.value_lost for d in ranking] == sorted((d.value_lost for d in ranking),
                                                     reverse=True)
    assert {d.donor for d in ranking} == {"POL", "USA"}
    assert all(d.value_lost > 0 for d in ranking)


def test_a_future_depends_on_the_seed_and_run_only():
    b, s = picture(), settings(horizon=6)
    spec = FutureSpec(0.5, 0.3, 0.5, seed=3)
    one, two = draw_future(b, s, spec, 4), draw_future(b, s, spec, 4)
    assert one.offers == two.offers
    assert one.hubs == two.hubs
    assert draw_future(b, s, FutureSpec(0, 0, 0, seed=3), 4).offers == b.offers


def test_a_hub_outage_leaves_the_hub_shut_for_exactly_one_month():
    b, s = picture(), settings(horizon=6)
    future = draw_future(b, s, FutureSpec(0, 0, 1.0, seed=1), 0)
    for code in ("H1", "H2"):
        parts = [h for h in future.hubs if h.code.split(".")[0] == code]
        open_months = [t for t in range(6) if any(
            s.plan_month(h.opens) <= t < (s.plan_month(h.closes) if h.closes else 6)
            for h in parts)]
        assert len(open_months) == 5


def test_monte_carlo_with_all_probabilities_zero_equals_the_plan():
    b, s = picture(), settings(horizon=6)
    result = montecarlo(b, s, 3, 0.0, 0.0, 0.0, seed=1, workers=1)
    value = plan(b, s).value
    assert (result.value.mean, result.value.p5, result.value.p95) == pytest.approx(
        (value, value, value))


def test_the_same_seed_gives_the_same_result_on_one_and_on_two_workers():
    b, s = picture(), settings(horizon=6)
    one = montecarlo(b, s, 8, 0.4, 0.2, 0.3, seed=11, workers=1)
    two = montecarlo(b, s, 8, 0.4, 0.2, 0.3, seed=11, workers=2)
    assert one.outcomes == two.outcomes
    assert one.value == two.value
    assert len({o.value for o in one.outcomes}) > 1  # the futures do differ


def test_a_priority_with_no_needs_has_no_fill_rate():
    b, s = picture(), settings(horizon=6)
    result = montecarlo(b, s, 2, 0.0, 0.0, 0.0, seed=1, workers=1)
    assert sorted(result.fill_by_priority) == [1, 2, 3]
    assert all(o.fill[4] is None for o in result.outcomes)

