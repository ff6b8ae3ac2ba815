"""``clearinghouse init``, ``import``, ``export`` and ``demo``: the database and its bundles."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from clearinghouse.cli.common import (
    ActorOption,
    DbOption,
    HorizonOption,
    StartOption,
    as_operator,
    console,
    progress_bar,
    settings_for,
    start_month,
    user_errors,
)


def init(database_url: DbOption = None) -> None:
    """Create the database or migrate it to the latest schema."""
    from clearinghouse.services.exchange import files as exchange

    settings = settings_for(database_url)
    with user_errors():
        exchange.init_database(settings.sqlalchemy_url)
    console.print(f"Database ready: {settings.database_url}")


def import_(
    path: Annotated[Path, typer.Argument(help="A folder of CSV files or one .xlsx workbook")],
    database_url: DbOption = None,
    actor: ActorOption = "cli",
) -> None:
    """Import an exchange bundle: all rows or nothing; re-importing changes nothing."""
    from clearinghouse.cli.render import render_import_report
    from clearinghouse.services.exchange import files as exchange
    from clearinghouse.services.records.users import operator
    from clearinghouse.services.runtime.database import migrated_engine

    settings = settings_for(database_url)
    with user_errors(), migrated_engine(settings) as engine, \
            progress_bar("Importing") as progress:
        report = exchange.import_bundle_file(engine, operator(actor), path, progress)
    render_import_report(console, report)


def export(
    path: Annotated[Path, typer.Argument(help="A folder for CSV files, or a path ending .xlsx")],
    database_url: DbOption = None,
) -> None:
    """Export the database as an exchange bundle (CSV folder or .xlsx workbook)."""
    from clearinghouse.services.exchange import files as exchange
    from clearinghouse.services.records.users import operator
    from clearinghouse.services.runtime.database import migrated_engine

    settings = settings_for(database_url)
    with user_errors(), migrated_engine(settings) as engine:
        counts = exchange.export_bundle_file(engine, operator("export"), path)
    console.print(f"Exported {sum(counts.values())} records to {path}")


def demo(
    database_url: DbOption = None,
    start: StartOption = None,
    horizon: HorizonOption = 12,
    out: Annotated[Path, typer.Option("--out", help="Where to write the demo plan")] = Path(
        "out/demo-plan"),
) -> None:
    """Load the built-in demo picture into the database, summarise it, and plan it."""
    from clearinghouse.cli.render import render_demo_summary, render_import_report, render_plan
    from clearinghouse.services.exchange import demo as demo_service
    from clearinghouse.services.planning import plan_runs as planning

    settings = settings_for(database_url)
    first = start_month(start)
    with as_operator(settings, "demo") as (engine, user):
        with progress_bar("Loading the demo picture") as progress:
            report, summary = demo_service.load_demo(engine, user, start=first,
                                                     progress=progress)
        render_import_report(console, report)
        render_demo_summary(console, summary)
        with console.status("Planning the demo picture…"):
            result = planning.plan_database(engine, user, start=first, horizon=horizon,
                                            out=out)
    render_plan(console, result)
    console.print(f"Plan run {result.run_id} stored; files in {out}/ "
                  f"(approve with: clearinghouse plan approve {result.run_id})")
