"""SPEC §5: a scenario's "after" is re-planned with "before" as reference, so it shows only what
the scenario causes — never less value for a change that only adds, never more for one that
only removes, and only needs whose planned units change."""

from __future__ import annotations

import dataclasses
from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from tests.unit.planning.bundles import START, bundle, hub, need, offer, settings
from tests.unit.planning.test_properties import PROPERTY, bundles

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.formats import whole_units
from clearinghouse.planning.engine import plan
from clearinghouse.planning.scenarios.compare import ScenarioComparison
from clearinghouse.planning.scenarios.dropout import dropout, hub_change, replan
from clearinghouse.planning.scenarios.edits import HubSpec
from clearinghouse.planning.settings import PlanSettings


def _only_real_losses(c: ScenarioComparison) -> None:
    for n in c.needs:
        assert whole_units(n.after) < whole_units(n.before)


@PROPERTY
@given(bundles(), st.integers(1, 40), st.sampled_from(["POL", "USA", "UKR"]))
def test_opening_a_hub_never_shows_less_value(case: tuple[Bundle, PlanSettings],
                                              capacity: int, country: str) -> None:
    b, s = case
    c = hub_change(b, s, None, HubSpec("NEW", country, float(capacity), START), None)
    assert c.value_after >= c.value_before - 1e-9
    _only_real_losses(c)


@PROPERTY
@given(bundles(), st.data())
def test_raising_capacity_or_adding_an_offer_never_shows_less_value(
        case: tuple[Bundle, PlanSettings], data: st.DataObject) -> None:
    b, s = case
    if data.draw(st.booleans()) or not b.offers:
        more = dataclasses.replace(b, hubs=[dataclasses.replace(
            h, capacity_t_per_month=h.capacity_t_per_month + 10) for h in b.hubs])
    else:
        o = data.draw(st.sampled_from(b.offers))
        more = dataclasses.replace(b, offers=[*b.offers, dataclasses.replace(o, ref="EXTRA")])
    before, after = replan(plan, more, s, plan(b, s), adds=True)
    assert after.value >= before.value - 1e-9


@PROPERTY
@given(bundles(), st.sampled_from(["POL", "USA", "JPN", "AUT"]))
def test_a_drop_out_never_shows_more_value(case: tuple[Bundle, PlanSettings],
                                           donor: str) -> None:
    b, s = case
    c = dropout(b, s, [donor], None)
    assert c.value_after <= c.value_before + 1e-9
    _only_real_losses(c)


@PROPERTY
@given(bundles())
def test_closing_a_hub_never_shows_more_value(case: tuple[Bundle, PlanSettings]) -> None:
    b, s = case
    c = hub_change(b, s, b.hubs[0].code, None, None)
    assert c.value_after <= c.value_before + 1e-9
    _only_real_losses(c)


def test_a_drop_out_lists_only_the_needs_it_takes_units_from() -> None:
    b = bundle(needs=[need("N1", qty=10), need("N2", qty=10, priority=2)],
               offers=[offer("O1", qty=10), offer("O2", qty=10, donor="USA")])
    c = dropout(b, settings(), ["USA"], date(2027, 1, 1))
    assert [n.ref for n in c.needs] == ["N2"]
    assert (c.needs[0].before, c.needs[0].after) == (10, 0)


def test_after_keeps_the_lines_of_before_that_the_scenario_leaves_alone() -> None:
    b = bundle(needs=[need("N1", qty=10), need("N2", qty=10)],
               offers=[offer("O1", qty=10), offer("O2", qty=10, donor="USA")],
               hubs=[hub("H1"), hub("H2")])
    s = settings()
    before = plan(b, s)
    _, after = replan(plan, dataclasses.replace(b, offers=b.offers[:1]), s, before,
                      removes=True)
    kept = {(a.offer, a.need, a.hub, a.month, a.quantity) for a in after.allocations}
    assert kept == {(a.offer, a.need, a.hub, a.month, a.quantity) for a in before.allocations
                    if a.offer == "O1"}
