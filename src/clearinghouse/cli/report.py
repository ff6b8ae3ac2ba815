"""``clearinghouse report``: the briefing, as one HTML file with its figures as CSV."""

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


def report_command(
    out: Annotated[Path, typer.Option("--out", help="The HTML file to write")] = Path(
        "report.html"),
    nation: NationOption = None,
    database_url: DbOption = None,
) -> None:
    """Write the briefing: a self-contained HTML file with charts (logistics, training, the
    latest scenario runs, each labelled with the records it planned), and its figures as
    CSV. With --nation every figure counts only the records released to that nation, and
    the scenario runs shown are only those planned on the same records (run by that nation's
    coordinators through the API or the web UI; `clearinghouse scenario` plans every record)."""
    from clearinghouse.services.reporting.briefing import write_briefing

    settings = settings_for(database_url)
    user = reader(settings, nation)
    with user_errors():
        briefing = write_briefing(settings, out, today=date.today(), reader=user)
    for warning in briefing.warnings:
        err.print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)
    console.print(f"Briefing written to {briefing.html} with {len(briefing.csv)} CSV files "
                  f"beside it")
