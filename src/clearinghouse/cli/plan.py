"""``clearinghouse plan …``: plan a bundle or the database; ``plan approve RUN``.

``plan`` is a command group whose default action plans: ``clearinghouse plan DATA --out
OUT`` (the reference interface) and ``clearinghouse plan --db`` run it; a first word that
names a subcommand (``approve``) runs that subcommand instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from clearinghouse.cli.common import (
    ActorOption,
    DbOption,
    HorizonOption,
    StartOption,
    as_operator,
    console,
    fail,
    settings_for,
    start_month,
    user_errors,
)
from clearinghouse.cli.groups import DefaultCommand, default_group

#: The hidden name of the default action; a bundle folder of that name still plans.
_DEFAULT = "bundle-or-db"

plan_app = typer.Typer(
    cls=default_group(_DEFAULT),
    help="Plan an exchange bundle or the database; 'plan approve RUN' approves a stored run.",
)


@plan_app.command(_DEFAULT, cls=DefaultCommand, hidden=True)
def plan(
    target: Annotated[Path | None, typer.Argument(
        metavar="DATA_DIR", help="An exchange bundle (folder or .xlsx) to plan")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Folder for allocations.csv "
                                             "and summary.json")] = None,
    db: Annotated[bool, typer.Option("--db", help="Plan the records in the database")] = False,
    keep: Annotated[Path | None, typer.Option(
        "--keep", metavar="DIR", help="An earlier plan's folder (its allocations.csv): of the "
        "plans of optimal value, make the one that changes it least (SPEC §4 Stability) and "
        "report what changed and why")] = None,
    bottlenecks: Annotated[bool, typer.Option(
        "--bottlenecks", help="Also write OUT_DIR/bottlenecks.csv (kind,resource,month,"
        "marginal_value,addition,value_gain): the additions worth most, each confirmed by "
        "re-solving the value LP — 10 % of a hub's monthly capacity (t), one month of a "
        "producer's capacity (units), 10 % of a pledge (EUR), 10 % of a class's units "
        "offered in a month")] = False,
    what_it_takes: Annotated[str | None, typer.Option(
        "--what-it-takes", metavar="NEED_REF", help="Also show and write "
        "OUT_DIR/what_it_takes.csv (kind,resource,month,amount,value): the least hub tonnes, "
        "units of a compatible class and funding per producer that meet the need by its "
        "due month, then the deliveries worth less per unit they displace")] = None,
    start: StartOption = None,
    horizon: HorizonOption = 12,
    database_url: DbOption = None,
    actor: ActorOption = "cli",
) -> None:
    """Plan an exchange bundle (DATA_DIR --out OUT_DIR) or the database (--db, stored as a
    plan run). Approve a stored run with: clearinghouse plan approve RUN."""
    from clearinghouse.cli.render import render_plan
    from clearinghouse.services.planning import plan_runs as planning

    settings = settings_for(database_url)
    first = start_month(start)
    if db == (target is not None):
        fail("plan: give either a DATA_DIR (folder or .xlsx) or --db")
    if target is not None and out is None:
        fail("plan DATA_DIR: --out OUT_DIR is required")
    if target is None and keep is not None:
        fail("plan: --keep works on a DATA_DIR (a plan of the database keeps the approved run)")
    if target is None and (bottlenecks or what_it_takes is not None):
        fail("plan: --bottlenecks and --what-it-takes work on a DATA_DIR")
    if target is not None:
        assert out is not None
        with user_errors(), console.status("Planning…"):
            result = planning.plan_bundle_file(target, out=out, start=first, horizon=horizon,
                                               keep=keep)
    else:
        with as_operator(settings, actor) as (engine, user), console.status("Planning…"):
            result = planning.plan_database(engine, user, start=first, horizon=horizon,
                                            out=out)
    render_plan(console, result)
    if target is not None and (bottlenecks or what_it_takes is not None):
        _decisions(target, out, first, horizon, bottlenecks, what_it_takes)


def _decisions(target: Path, out: Path | None, first: Any, horizon: int, bottlenecks: bool,
               need: str | None) -> None:
    """``--bottlenecks`` and ``--what-it-takes``: tables, and their CSV files in ``out``."""
    from clearinghouse.cli.decisions import render_bottlenecks, render_what_it_takes
    from clearinghouse.services.planning import decisions

    with user_errors():
        if bottlenecks:
            with console.status("Pricing bottlenecks…"):
                found = decisions.bundle_bottlenecks(target, start=first, horizon=horizon,
                                                     out=out)
            render_bottlenecks(console, found)
        if need is not None:
            with console.status(f"What it takes for {need}…"):
                taken = decisions.bundle_what_it_takes(target, need, start=first,
                                                       horizon=horizon, out=out)
            render_what_it_takes(console, taken)


@plan_app.command("approve")
def approve(
    run: Annotated[int, typer.Argument(metavar="RUN", help="The id of a stored plan run, e.g. 3")],
    database_url: DbOption = None,
    actor: ActorOption = "cli",
) -> None:
    """Approve a stored plan run: its offers become allocated, its needs met or partially met."""
    from clearinghouse.services.planning.approval import approve_run
    from clearinghouse.services.records.users import operator
    from clearinghouse.services.runtime.database import migrated_engine

    settings = settings_for(database_url)
    with user_errors(), migrated_engine(settings) as engine:
        approved = approve_run(engine, operator(actor), run)
    console.print(approved.describe())

