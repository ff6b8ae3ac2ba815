"""The impact card's value lost is the drop-out scenario's, on every record and on the
records released to one nation (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from clearinghouse.config import Settings
from clearinghouse.domain.posts import Branch, Post
from clearinghouse.services.errors import NotFound
from clearinghouse.services.exchange.uploads import visible_bundle
from clearinghouse.services.records.users import Role, User, operator
from clearinghouse.services.reporting.impact import impact_card, impact_for
from clearinghouse.services.runtime.database import ready_engine
from clearinghouse.services.scenarios.runs import dropout_scenario
from tests.factories import small_bundle
from tests.seed import seed

AS_OF = date(2027, 1, 15)
START = date(2027, 1, 1)


@pytest.fixture
def settings(database_url: str) -> Settings:
    s = Settings(database_url=database_url, environment="test")
    bundle = small_bundle()
    bundle.posts = [Post("P-1", "POL", "Deputy commander", Branch.COMMAND, date(2025, 1, 6)),
                    Post("P-2", "POL", "Chief J4", Branch.LOGISTICS, date(2025, 1, 6)),
                    Post("P-3", "POL", "Hub officer", Branch.LOGISTICS, date(2025, 1, 6)),
                    Post("P-4", "POL", "Left", Branch.PLANS, date(2025, 1, 6),
                         date(2026, 1, 1))]
    seed(s, bundle, "test")
    return s


def test_the_value_lost_on_every_record_equals_the_drop_out_scenarios(
        settings: Settings, engine: Engine) -> None:
    card = impact_for(settings, "POL", as_of=AS_OF)
    run = dropout_scenario(engine, operator("t"), None, donors=["POL"], from_month=None,
                           start=START, horizon=12)
    assert card.value_lost > 0
    assert card.value_lost == pytest.approx(run.result.value_lost, rel=1e-9)
    assert card.computed_on == "every record (the database operator's view)"


def test_the_value_lost_on_a_nations_records_equals_its_drop_out_scenarios(
        settings: Settings) -> None:
    engine = ready_engine(settings)
    try:
        reader = User("t", "JPN", Role.COORDINATOR)
        card = impact_card(engine, reader, "POL", as_of=AS_OF)
        run = dropout_scenario(engine, reader, visible_bundle(engine, reader), donors=["POL"],
                               from_month=None, start=START, horizon=12)
    finally:
        engine.dispose()
    assert card.value_lost == pytest.approx(run.result.value_lost, rel=1e-9)
    assert card.computed_on == "the records released to JPN"


def test_the_card_lists_the_posts_to_refill_by_branch_and_the_hubs_lost(
        settings: Settings) -> None:
    card = impact_for(settings, "POL", as_of=AS_OF)
    assert card.posts_by_branch == {"CG command": 1, "J4 logistics": 2}
    assert [(h.code, h.capacity_t_per_month) for h in card.hubs] == [("PL-RZE", 18000.0)]
    assert card.share.shares["hub_capacity_t"] == 1.0


def test_an_unknown_nation_has_no_card(settings: Settings) -> None:
    with pytest.raises(NotFound):
        impact_for(settings, "FRA", as_of=AS_OF)
