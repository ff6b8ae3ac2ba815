"""The ``clearinghouse`` command: Typer commands that call services and render with Rich."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from clearinghouse.cli_common import (
    ActorOption,
    DbOption,
    HorizonOption,
    StartOption,
    console,
    fail,
    progress_bar,
    settings_for,
    start_month,
    user_errors,
)
from clearinghouse.cli_logistics import report_command, shipments_app
from clearinghouse.cli_render import render_demo_summary, render_import_report, render_plan
from clearinghouse.cli_scenarios import scenario_app
from clearinghouse.cli_training import mandates_command, training_app
from clearinghouse.cli_users import users_app
from clearinghouse.services.exchange import demo as demo_service
from clearinghouse.services.exchange import files as exchange
from clearinghouse.services.planning import plan_runs as planning

app = typer.Typer(
    help="Clearing House: match the recipient's needs with donor offers through hubs, optimally.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
)
@app.command()
def init(database_url: DbOption = None) -> None:
    """Create the database or migrate it to the latest schema."""
    settings = settings_for(database_url)
    with user_errors():
        exchange.init_database(settings.sqlalchemy_url)
    console.print(f"Database ready: {settings.database_url}")


@app.command("import")
def import_(
    path: Annotated[Path, typer.Argument(help="A folder of CSV files or one .xlsx workbook")],
    database_url: DbOption = None,
    actor: ActorOption = "cli",
) -> None:
    """Import an exchange bundle: all rows or nothing; re-importing changes nothing."""
    settings = settings_for(database_url)
    with user_errors(), progress_bar("Importing") as progress:
        report = exchange.import_bundle_file(path, settings=settings, actor=actor,
                                             progress=progress)
    render_import_report(console, report)


@app.command("export")
def export(
    path: Annotated[Path, typer.Argument(help="A folder for CSV files, or a path ending .xlsx")],
    database_url: DbOption = None,
) -> None:
    """Export the database as an exchange bundle (CSV folder or .xlsx workbook)."""
    settings = settings_for(database_url)
    with user_errors():
        counts = exchange.export_bundle_file(path, settings=settings)
    console.print(f"Exported {sum(counts.values())} records to {path}")


@app.command()
def demo(
    database_url: DbOption = None,
    start: StartOption = None,
    horizon: HorizonOption = 12,
    out: Annotated[Path, typer.Option("--out", help="Where to write the demo plan")] = Path(
        "out/demo-plan"),
) -> None:
    """Load the built-in demo picture into the database, summarise it, and plan it."""
    settings = settings_for(database_url)
    first = start_month(start)
    with user_errors():
        with progress_bar("Loading the demo picture") as progress:
            report, summary = demo_service.load_demo(settings, start=first, progress=progress)
        render_import_report(console, report)
        render_demo_summary(console, summary)
        with console.status("Planning the demo picture…"):
            result = planning.plan_database(settings, start=first, horizon=horizon, out=out,
                                            actor="demo")
    render_plan(console, result)
    console.print(f"Plan run {result.run_id} stored; files in {out}/ "
                  f"(approve with: clearinghouse plan approve {result.run_id})")


@app.command()
def plan(
    target: Annotated[str | None, typer.Argument(
        metavar="[DATA_DIR | approve RUN]",
        help="An exchange bundle (folder or .xlsx) to plan, or 'approve' followed by a run id")
    ] = None,
    run: Annotated[int | None, typer.Argument(metavar="", help="Run id for 'approve'")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Folder for allocations.csv "
                                             "and summary.json")] = None,
    db: Annotated[bool, typer.Option("--db", help="Plan the records in the database")] = False,
    start: StartOption = None,
    horizon: HorizonOption = 12,
    database_url: DbOption = None,
    actor: ActorOption = "cli",
) -> None:
    """Plan an exchange bundle or the database; 'plan approve RUN' approves a stored run."""
    settings = settings_for(database_url)
    if target == "approve":
        if run is None:
            fail("plan approve: give the run id, e.g. clearinghouse plan approve 3")
        with user_errors():
            approved = planning.approve_run(settings, run, actor=actor)
        console.print(approved.describe())
        return
    if run is not None:
        fail(f"unexpected argument {run}: only 'plan approve RUN' takes a run id")
    first = start_month(start)
    if db == (target is not None):
        fail("plan: give either a DATA_DIR (folder or .xlsx) or --db")
    with user_errors(), console.status("Planning…"):
        if target is not None:
            if out is None:
                fail("plan DATA_DIR: --out OUT_DIR is required")
            result = planning.plan_bundle_file(Path(target), out=out, start=first,
                                               horizon=horizon)
        else:
            result = planning.plan_database(settings, start=first, horizon=horizon, out=out,
                                            actor=actor)
    render_plan(console, result)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on")] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes")] = 1,
    database_url: DbOption = None,
) -> None:
    """Start the REST API (OpenAPI at /openapi.json, docs at /docs) on the database."""
    import os

    import uvicorn

    settings = settings_for(database_url)
    with user_errors():
        exchange.init_database(settings.sqlalchemy_url)
    # Worker processes build the app from the environment: hand them the chosen database.
    os.environ["DATABASE_URL"] = settings.database_url
    uvicorn.run("clearinghouse.api.app:app_from_environment", factory=True, host=host,
                port=port, workers=workers)


app.add_typer(training_app, name="training")
app.add_typer(users_app, name="users")
app.add_typer(scenario_app, name="scenario")
app.command("mandates")(mandates_command)
app.add_typer(shipments_app, name="shipments")
app.command("report")(report_command)


def main() -> None:
    app()
