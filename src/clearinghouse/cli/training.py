"""``clearinghouse training …`` and ``clearinghouse mandates``: course seats and mandates."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from clearinghouse.cli.common import (
    DbOption,
    HorizonOption,
    SourceArg,
    StartOption,
    console,
    settings_for,
    start_month,
    user_errors,
)

if TYPE_CHECKING:
    from rich.console import Console

    from clearinghouse.services.training.plans import RenewalImpact, TrainingPlan

training_app = typer.Typer(help="Training: fill training needs with course seats.",
                           no_args_is_help=True)


def render_training_plan(console: Console, plan: TrainingPlan) -> None:
    console.print(f"[bold]Training plan[/] status {plan.status}: value {plan.value:,.2f} "
                  f"(LP bound {plan.lp_bound:,.2f}); {plan.trainees_placed:,} of "
                  f"{plan.trainees_requested:,} trainees placed")
    for title, figures in (("Trainees placed by category", plan.by_category),
                           ("Trainees placed by host nation", plan.by_host)):
        table = Table(title=title)
        table.add_column("")
        table.add_column("trainees", justify="right")
        for key, placed in figures.items():
            table.add_row(key, f"{placed:,}")
        console.print(table)
    unmet = [(ref, r) for ref, r in plan.needs.items() if r.placed < r.requested]
    table = Table(title=f"Training needs not fully met: {len(unmet)}")
    for col in ("need", "placed", "requested", "reason"):
        table.add_column(col)
    for ref, r in unmet[:25]:
        table.add_row(ref, str(r.placed), str(r.requested), r.reason or "")
    console.print(table)


@training_app.command("plan")
def plan(source: SourceArg = None, start: StartOption = None, horizon: HorizonOption = 12,
         database_url: DbOption = None) -> None:
    """Place trainees on course seats optimally (caveats and mandates respected)."""
    from clearinghouse.services.training.plans import training_plan

    settings = settings_for(database_url)
    with user_errors():
        result = training_plan(settings, source, start=start_month(start), horizon=horizon)
    render_training_plan(console, result)


def mandates_command(
    source: SourceArg = None,
    within: Annotated[int, typer.Option(min=1, help="How many days ahead (and back, for "
                                        "mandates that have ended) to look")] = 90,
    not_renewed: Annotated[str | None, typer.Option(
        "--not-renewed", metavar="MISSION", help="Re-plan training without the mission's "
        "courses after its mandate's end and show what is lost")] = None,
    database_url: DbOption = None,
) -> None:
    """Mandates ending soon or ended and what depends on them; courses past their mandate;
    --not-renewed MISSION: what training loses if the mandate is not renewed."""
    from clearinghouse.services.training.plans import mandates, not_renewed_scenario

    settings = settings_for(database_url)
    with user_errors():
        ending, past = mandates(settings, source, today=date.today(), within_days=within,
                                start=start_month(None), horizon=12)
    if not ending:
        console.print(f"No mandate ends within {within} days or ended within the last {within}.")
    for w in ending:
        when = (f"ended {w.ends}, {-w.days_left} days ago" if w.ended
                else f"ends {w.ends}, in {w.days_left} days")
        renewal = (f"; renewal pending, expected {w.renewal_expected}"
                   if w.renewal_expected else "")
        console.print(f"[bold yellow]{w.mission}[/] ({w.name}) {when}{renewal}: "
                      f"{len(w.courses)} courses, {w.seats} seats, "
                      f"{w.trainees_placed or 0} trainees placed for "
                      f"{len(w.needs or [])} training needs")
    for c in past:
        console.print(f"[red]course {c.course}[/] runs {c.starts}–{c.ends}, outside the "
                      f"mandate of {c.mission} ({c.mandate_starts}–{c.mandate_ends})")
    if not_renewed is not None:
        with user_errors():
            impact = not_renewed_scenario(settings, source, mission=not_renewed,
                                          start=start_month(None), horizon=12)
        render_renewal(console, impact)


def render_renewal(console: Console, impact: RenewalImpact) -> None:
    console.print(f"[bold]If {impact.mission} is not renewed[/] (mandate ends {impact.ends}): "
                  f"{len(impact.courses_lost)} courses after its end drop out "
                  f"({impact.seats_lost:,} seats); trainees placed {impact.trainees_before:,} → "
                  f"{impact.trainees_after:,}, value {impact.value_before:,.2f} → "
                  f"{impact.value_after:,.2f}")
    if impact.courses_lost:
        console.print("Courses lost: " + ", ".join(impact.courses_lost))
    table = Table(title=f"Training needs that change: {len(impact.needs)}")
    for col in ("need", "placed", "if not renewed"):
        table.add_column(col)
    for c in impact.needs[:25]:
        table.add_row(c.need, str(c.before), str(c.after))
    console.print(table)
