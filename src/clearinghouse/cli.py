"""The ``clearinghouse`` command: Typer commands that call services and render with Rich."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from clearinghouse.cli_render import render_demo_summary, render_import_report, render_plan
from clearinghouse.config import Settings, get_settings
from clearinghouse.services import demo as demo_service
from clearinghouse.services import exchange, planning
from clearinghouse.services.errors import UserError

app = typer.Typer(
    help="Clearing House: match the recipient's needs with donor offers through hubs, optimally.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
)
console = Console()
err = Console(stderr=True)

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _fail(message: str, code: int = 2) -> NoReturn:
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _start_month(text: str | None) -> date:
    if text is None:
        today = date.today()
        return date(today.year, today.month, 1)
    m = _MONTH.match(text)
    if not m or not 1 <= int(m.group(2)) <= 12:
        _fail(f"--start {text!r}: must be a month written YYYY-MM (e.g. 2027-01)")
    return date(int(m.group(1)), int(m.group(2)), 1)


def _settings(database_url: str | None) -> Settings:
    try:
        base = get_settings()
    except ValueError as e:
        _fail(f"configuration: {e}")
    return base if database_url is None else base.model_copy(update={"database_url": database_url})


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None]]:
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


@contextmanager
def _user_errors() -> Iterator[None]:
    """Map every error meant for the user to a message and exit code 2, never a traceback."""
    try:
        yield
    except UserError as e:
        _fail(str(e))


DbOption = Annotated[str | None, typer.Option(
    "--database-url", help="SQLAlchemy URL (default: DATABASE_URL or ./clearinghouse.db)")]
ActorOption = Annotated[str, typer.Option("--as", help="Who is acting, for the audit log")]
StartOption = Annotated[str | None, typer.Option(
    "--start", help="First month of the plan, YYYY-MM (default: the current month)")]
HorizonOption = Annotated[int, typer.Option(
    "--horizon", min=1, max=120, help="Months the plan covers")]


@app.command()
def init(database_url: DbOption = None) -> None:
    """Create the database or migrate it to the latest schema."""
    settings = _settings(database_url)
    with _user_errors():
        exchange.init_database(settings)
    console.print(f"Database ready: {settings.database_url}")


@app.command("import")
def import_(
    path: Annotated[Path, typer.Argument(help="A folder of CSV files or one .xlsx workbook")],
    database_url: DbOption = None,
    actor: ActorOption = "cli",
) -> None:
    """Import an exchange bundle: all rows or nothing; re-importing changes nothing."""
    settings = _settings(database_url)
    with _user_errors(), _progress("Importing") as progress:
        report = exchange.import_bundle_file(path, settings=settings, actor=actor,
                                             progress=progress)
    render_import_report(console, report)


@app.command("export")
def export(
    path: Annotated[Path, typer.Argument(help="A folder for CSV files, or a path ending .xlsx")],
    database_url: DbOption = None,
) -> None:
    """Export the database as an exchange bundle (CSV folder or .xlsx workbook)."""
    settings = _settings(database_url)
    with _user_errors():
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
    settings = _settings(database_url)
    first = _start_month(start)
    with _user_errors():
        with _progress("Loading the demo picture") as progress:
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
    settings = _settings(database_url)
    if target == "approve":
        if run is None:
            _fail("plan approve: give the run id, e.g. clearinghouse plan approve 3")
        with _user_errors():
            approved = planning.approve_run(settings, run, actor=actor)
        console.print(approved.describe())
        return
    if run is not None:
        _fail(f"unexpected argument {run}: only 'plan approve RUN' takes a run id")
    first = _start_month(start)
    if db == (target is not None):
        _fail("plan: give either a DATA_DIR (folder or .xlsx) or --db")
    with _user_errors(), console.status("Planning…"):
        if target is not None:
            if out is None:
                _fail("plan DATA_DIR: --out OUT_DIR is required")
            result = planning.plan_bundle_file(Path(target), out=out, start=first,
                                               horizon=horizon)
        else:
            result = planning.plan_database(settings, start=first, horizon=horizon, out=out,
                                            actor=actor)
    render_plan(console, result)


def main() -> None:
    app()
