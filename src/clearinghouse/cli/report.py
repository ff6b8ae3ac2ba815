"""``clearinghouse report``: the briefing (one HTML file with its figures as CSV),
``report burden`` (what each nation brings, DIR/burden.csv) and ``report impact NATION``
(what the cell loses if that nation leaves).

``report`` is a command group whose default action writes the briefing, so that
``clearinghouse report --out report.html`` works as it always has.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from clearinghouse.cli.common import (
    DbOption,
    NationOption,
    console,
    err,
    reader,
    settings_for,
    user_errors,
)
from clearinghouse.cli.groups import DefaultCommand, default_group

_DEFAULT = "briefing"

report_app = typer.Typer(
    cls=default_group(_DEFAULT),
    help="Write the briefing (report --out report.html); 'report burden --out DIR' writes "
         "what each nation brings to the cell, 'report impact NATION' what the cell loses if "
         "it leaves.")


@report_app.command(_DEFAULT, cls=DefaultCommand, hidden=True)
def report_command(
    out: Annotated[Path, typer.Option("--out", help="The HTML file to write")] = Path(
        "report.html"),
    nation: NationOption = None,
    database_url: DbOption = None,
) -> None:
    """Write the briefing: a self-contained HTML file with charts (logistics, training,
    burden sharing and the impact card of the nation with the largest in-kind allocations,
    the latest scenario runs, each labelled with the records it planned), and its figures as
    CSV. With --nation every figure counts only the records released to that nation, and
    the scenario runs shown are only those planned on the same records (run by that nation's
    coordinators through the API or the web UI; `clearinghouse scenario` plans every record).
    Also: `clearinghouse report burden --out DIR` (burden sharing per nation) and
    `clearinghouse report impact NATION` (what the cell loses if NATION leaves)."""
    from clearinghouse.services.reporting.briefing import write_briefing

    settings = settings_for(database_url)
    user = reader(settings, nation)
    with user_errors():
        briefing = write_briefing(settings, out, today=date.today(), reader=user)
    for warning in briefing.warnings:
        err.print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)
    console.print(f"Briefing written to {briefing.html} with {len(briefing.csv)} CSV files "
                  f"beside it")


@report_app.command("burden")
def burden_command(
    out: Annotated[Path, typer.Option("--out", help="The folder to write burden.csv into")
                   ] = Path("."),
    nation: NationOption = None,
    database_url: DbOption = None,
) -> None:
    """Burden sharing per nation: staff posts filled (and vacant), in-kind value pledged,
    allocated and delivered (EUR, tonnes), funding pledged and spent, training seats hosted
    and used, hub capacity hosted — each absolute and as a share of all nations shown.
    Writes OUT/burden.csv (one row per nation; every *_share column adds up to 1). With
    --nation the figures count only the records released to that nation, and say so."""
    from clearinghouse.cli.render import burden_table
    from clearinghouse.services.reporting.burden import write_burden

    settings = settings_for(database_url)
    user = reader(settings, nation)
    with user_errors():
        report, path = write_burden(settings, out, as_of=date.today(), reader=user)
    console.print(burden_table(report))
    console.print(f"Computed on {report.computed_on}. Written to {path}")


@report_app.command("impact")
def impact_command(
    nation_leaving: Annotated[str, typer.Argument(
        metavar="NATION", help="The nation that leaves (ISO alpha-3, e.g. USA)")],
    nation: NationOption = None,
    database_url: DbOption = None,
) -> None:
    """If NATION leaves: its posts to refill by branch, the value and units lost per
    capability (the drop-out scenario's re-plan without its offers and pledges over the
    approved plan's window), the classes only it supplies, its training seats and hub
    capacity. With --nation it is computed on the records released to that nation."""
    from clearinghouse.cli.render import render_impact
    from clearinghouse.services.reporting.impact import impact_for

    settings = settings_for(database_url)
    user = reader(settings, nation)
    with user_errors():
        card = impact_for(settings, nation_leaving.strip().upper(), as_of=date.today(),
                          reader=user)
    render_impact(console, card)
