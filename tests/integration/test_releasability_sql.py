"""The SQL releasability predicate (adapters/db/releasability.py) agrees with the domain's
is_released_to on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import create_engine, literal, select

from clearinghouse.adapters.db.releasability import released_to_nation
from clearinghouse.domain.releasability import is_released_to, parse_releasability

STORED = ["ALL", "POL", "POL;USA", "DEU;POL;USA", "USA", "FRA;GBR"]
NATIONS = ["POL", "USA", "GBR", "DEU", "PO", "OL", "%", "_OL"]


def test_a_nation_sees_in_sql_exactly_the_records_the_domain_releases_to_it(
        database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            for stored in STORED:
                for nation in NATIONS:
                    seen = connection.execute(
                        select(released_to_nation(literal(stored), nation))).scalar_one()
                    assert bool(seen) == is_released_to(parse_releasability(stored), nation), (
                        stored, nation)
    finally:
        engine.dispose()

