"""Migrations: `upgrade head` builds, from nothing, exactly the schema the code declares."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from clearinghouse.adapters.db.codecs import CODECS
from clearinghouse.adapters.db.engine import make_engine
from clearinghouse.adapters.db.migrate import MIGRATIONS, current_revision, head_revision
from clearinghouse.adapters.db.tables import SHEET_TABLES, metadata
from clearinghouse.domain.bundle import SHEET_KEYS
from clearinghouse.services.runtime.database import init_database


def test_upgrade_head_on_an_empty_database_creates_every_table_at_the_head_revision(
        database_url: str) -> None:
    init_database(database_url)
    engine = make_engine(database_url)
    try:
        tables = set(inspect(engine).get_table_names())
        assert set(SHEET_KEYS) | {"audit_log", "plan_runs", "plan_allocations"} <= tables
        assert current_revision(engine) == head_revision()
        assert head_revision() is not None
    finally:
        engine.dispose()


def test_the_migrated_schema_matches_the_declared_tables(database_url: str) -> None:
    init_database(database_url)
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()


def test_upgrading_a_database_at_head_again_changes_nothing(database_url: str) -> None:
    init_database(database_url)
    init_database(database_url)
    engine = make_engine(database_url)
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_a_sqlite_file_is_created_with_its_folder_when_absent(tmp_path: Path) -> None:
    target = tmp_path / "new" / "folder" / "ch.db"
    init_database(f"sqlite:///{target}")
    assert target.is_file()


def test_record_tables_are_named_after_the_bundle_sheets() -> None:
    assert list(SHEET_TABLES) == list(SHEET_KEYS)


def test_revision_files_are_date_prefixed_and_ship_beside_the_code() -> None:
    names = [p.name for p in (MIGRATIONS / "versions").glob("*.py")]
    assert names
    assert all(n[:10].replace("_", "").isdigit() for n in names)
    assert (MIGRATIONS / "env.py").is_file()
    assert (MIGRATIONS / "script.py.mako").is_file()
    assert (MIGRATIONS.parent / "alembic.ini").is_file()


def test_every_domain_field_has_a_column_of_the_same_name() -> None:
    bookkeeping = {"id", "version", "created_at", "updated_at"}
    for sheet, table in SHEET_TABLES.items():
        assert set(CODECS[sheet].fields) == set(table.c.keys()) - bookkeeping, sheet
