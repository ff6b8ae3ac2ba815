"""Which needs and offers a plan covers: one definition (domain.lifecycle) for the planner,
a plan of the database and the dashboard's unmet needs."""

from __future__ import annotations

import dataclasses

from clearinghouse.domain.lifecycle import PLANNED_NEEDS, PLANNED_OFFERS, NeedStatus, OfferStatus
from clearinghouse.planning.engine import plan
from clearinghouse.services.planning.plan_runs import plannable

from .bundles import bundle, need, offer, settings


def test_a_need_is_planned_from_validation_until_it_is_fully_met() -> None:
    assert {NeedStatus.VALIDATED, NeedStatus.OPEN, NeedStatus.PARTIALLY_MET} == PLANNED_NEEDS


def test_an_offer_is_planned_until_it_ships_or_is_declined_or_withdrawn() -> None:
    assert {OfferStatus.OFFERED, OfferStatus.ACCEPTED, OfferStatus.ALLOCATED} == PLANNED_OFFERS


def test_a_met_need_is_left_out_of_a_plan_of_the_database_as_out_of_the_planner() -> None:
    met = dataclasses.replace(need("N-MET"), status=NeedStatus.MET, delivered=10)
    b = bundle(needs=[need("N1"), met], offers=[offer("O1")])
    assert [n.ref for n in plannable(b).needs] == ["N1"]
    assert set(plan(b, settings()).needs) == {"N1"}
