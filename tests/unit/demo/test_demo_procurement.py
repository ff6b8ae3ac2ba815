"""The demo's allies' procurement requests: drones from the recipient's makers; planned on
the demo picture, some are filled and others are short for each kind of reason."""

from __future__ import annotations

from datetime import date

from clearinghouse.demo.generate import generate
from clearinghouse.planning.engine import plan
from clearinghouse.planning.procurement import fill_requests
from clearinghouse.planning.settings import PlanSettings

START = date(2026, 12, 1)


def test_the_demo_requests_buy_drones_from_the_recipients_makers() -> None:
    picture = generate(START)
    made = {p.class_code for p in picture.producers}
    assert len(picture.procurement) >= 5
    assert all("DRONE" in r.class_code for r in picture.procurement)
    assert {r.class_code for r in picture.procurement} - made == set()
    assert any(r.releasability != ("ALL",) for r in picture.procurement)


def test_planned_the_demo_fills_some_requests_and_shows_why_others_are_short() -> None:
    picture = generate(START)
    result = fill_requests(plan(picture, PlanSettings(START)), picture.producers,
                           picture.procurement)
    reasons = {r.reason for r in result.requests.values()}
    assert None in reasons  # some filled in full
    assert {"price-cap", "too-late", "no-capacity-left"} <= reasons
    assert result.amount_eur > 0
