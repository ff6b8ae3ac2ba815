"""The migration that gives needs an owner: existing needs belong to the recipient."""

from __future__ import annotations

from datetime import datetime

from alembic import command
from sqlalchemy import insert, select

from clearinghouse.adapters.db.engine import make_engine
from clearinghouse.adapters.db.migrate import alembic_config, upgrade_to_head
from clearinghouse.adapters.db.tables.records import nations, needs


def test_existing_needs_come_to_belong_to_the_recipient_nation(database_url: str) -> None:
    config = alembic_config()
    engine = make_engine(database_url)
    now = datetime(2026, 12, 1)
    stamp = {"version": 1, "created_at": now, "updated_at": now}
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "2026_12_04_0009")
        with engine.begin() as connection:
            connection.execute(insert(nations).values([
                {"code": code, "name": code, "nato": False, "eu": False, "role": role,
                 "caveats": "", **stamp}
                for code, role in (("POL", "donor"), ("UKR", "recipient"))]))
            connection.execute(insert(needs).values([
                {"ref": ref, "class_code": "C", "quantity": 5, "priority": 1,
                 "due": now.date(), "destination": "Kyiv", "releasability": rel,
                 "status": "open", "delivered": 0, "planned": 0, **stamp}
                for ref, rel in (("N-1", "ALL"), ("N-2", "POL"))]))
        upgrade_to_head(database_url)
        with engine.connect() as connection:
            owners = dict(connection.execute(select(needs.c.ref, needs.c.owner)).all())
    finally:
        engine.dispose()
    assert owners == {"N-1": "UKR", "N-2": "UKR"}
