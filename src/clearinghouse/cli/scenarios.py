"""``clearinghouse scenario …``: drop-outs, hub changes, dependency and Monte Carlo futures."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from clearinghouse.cli.common import (
    DbOption,
    HorizonOption,
    SourceArg,
    StartOption,
    as_operator,
    console,
    fail,
    progress_bar,
    settings_for,
    start_month,
)

if TYPE_CHECKING:
    from clearinghouse.services.scenarios.runs import (
        DependencyReport,
        FillChange,
        ScenarioComparison,
    )

scenario_app = typer.Typer(help="What-if scenarios on a copy of the picture (never the live plan).",
                           no_args_is_help=True)

FromOption = Annotated[str | None, typer.Option(
    "--from", help="First month of the change, YYYY-MM (default: the plan's start)")]
ActorOption = Annotated[str, typer.Option("--as", help="Who runs the scenario, for its record")]
BAR = 20


def _bar(fraction: float) -> str:
    filled = round(max(0.0, min(1.0, fraction)) * BAR)
    return "█" * filled + "·" * (BAR - filled)


def _fill_table(title: str, rows: list[FillChange]) -> Table:
    table = Table(title=title)
    for col in ("", "requested", "before", "after", "", "change"):
        table.add_column(col, justify="right" if col in ("requested", "change") else "left")
    for r in rows:
        delta = r.after - r.before
        style = "red" if delta < -1e-9 else ""
        table.add_row(r.key, f"{r.requested:,}", f"{r.before:6.1%}", f"{r.after:6.1%}",
                      f"[dim]{_bar(r.before)}[/]\n[{style or 'green'}]{_bar(r.after)}[/]",
                      f"[{style}]{delta:+.1%}[/]" if style else f"{delta:+.1%}")
    return table


def render_comparison(run_id: int | None, c: ScenarioComparison) -> None:
    console.print(f"[bold]Scenario {c.kind}[/] {c.params} — stored as scenario run {run_id}")
    console.print(f"Plan value {c.value_before:,.2f} → {c.value_after:,.2f} "
                  f"([bold]{-c.value_lost:+,.2f}[/])")
    console.print(_fill_table("Fill rate per capability (bars: before, after)", c.by_capability))
    console.print(_fill_table("Fill rate per priority", c.by_priority))
    table = Table(title=f"Needs unmet or less met: {len(c.needs)}")
    for col in ("need", "class", "priority", "requested", "before", "after", "reason"):
        table.add_column(col)
    for n in c.needs[:30]:
        table.add_row(n.ref, n.class_code, str(n.priority), f"{n.requested:,}",
                      f"{n.before:,.0f}", f"{n.after:,.0f}", n.reason or "")
    console.print(table)
    if c.kind == "dropout":
        table = Table(title=f"Single-source classes (only these donors supply them): "
                            f"{len(c.single_source)}")
        for col in ("class", "capability", "donors", "units to replace", "tonnes", "EUR"):
            table.add_column(col)
        for r in c.single_source:
            table.add_row(r.class_code, r.capability, ", ".join(r.donors), f"{r.units:,.0f}",
                          f"{r.tonnes:,.1f}",
                          "no producer" if r.eur is None else f"{r.eur:,.0f}")
        console.print(table)


@scenario_app.command("dropout")
def dropout_command(
    source: SourceArg = None,
    donor: Annotated[list[str] | None, typer.Option(
        "--donor", help="A donor nation that halts (repeat for several)")] = None,
    from_: FromOption = None, start: StartOption = None, horizon: HorizonOption = 12,
    actor: ActorOption = "cli", database_url: DbOption = None,
) -> None:
    """Re-plan without donors' offers and pledges from a month on; what is lost."""
    from clearinghouse.services.scenarios.runs import dropout_scenario

    if not donor:
        fail("give at least one --donor")
    settings = settings_for(database_url)
    with as_operator(settings, actor) as (engine, user):
        run = dropout_scenario(engine, user, source, donors=donor,
                               from_month=start_month(from_) if from_ else None,
                               start=start_month(start), horizon=horizon)
    render_comparison(run.run_id, run.result)


@scenario_app.command("hub")
def hub_command(
    source: SourceArg = None,
    close: Annotated[str | None, typer.Option("--close", help="Hub to close")] = None,
    open_: Annotated[str | None, typer.Option("--open", help="Code of a hub to open")] = None,
    country: Annotated[str | None, typer.Option(help="Country of the hub to open")] = None,
    capacity: Annotated[float | None, typer.Option(
        min=0, help="Tonnes per month of the hub to open")] = None,
    from_: FromOption = None, start: StartOption = None, horizon: HorizonOption = 12,
    actor: ActorOption = "cli", database_url: DbOption = None,
) -> None:
    """Re-plan with a hub closed, or a new hub opened, from a month on."""
    from clearinghouse.services.scenarios.runs import HubSpec, hub_scenario

    if (close is None) == (open_ is None):
        fail("give either --close HUB or --open CODE --country XXX --capacity T")
    first = start_month(start)
    when = start_month(from_) if from_ else None
    spec = None
    if open_ is not None:
        if country is None or capacity is None:
            fail("--open needs --country and --capacity")
        spec = HubSpec(open_, country, capacity, when or first)
    settings = settings_for(database_url)
    with as_operator(settings, actor) as (engine, user):
        run = hub_scenario(engine, user, source, close=close, open_=spec, from_month=when,
                           start=first, horizon=horizon)
    render_comparison(run.run_id, run.result)


@scenario_app.command("dependency")
def dependency_command(source: SourceArg = None, start: StartOption = None,
                       horizon: HorizonOption = 12, actor: ActorOption = "cli",
                       database_url: DbOption = None) -> None:
    """Donor shares and HHI per capability; donors ranked by the value lost without each."""
    from clearinghouse.services.scenarios.runs import dependency_scenario

    settings = settings_for(database_url)
    with as_operator(settings, actor) as (engine, user), progress_bar("single drop-outs") as bar:
        run = dependency_scenario(engine, user, source, start=start_month(start),
                                  horizon=horizon, progress=bar)
    report: DependencyReport = run.result
    table = Table(title=f"Dependency per capability (HHI on 0..1) — scenario run {run.run_id}")
    for col in ("capability", "units", "top donor", "top share", "HHI", "donors",
                "single-source classes"):
        table.add_column(col)
    for c in report.capabilities:
        table.add_row(c.capability, f"{c.units:,.0f}", c.top_donor or "—", f"{c.top_share:.0%}",
                      f"{c.hhi:.2f}", str(len(c.shares)),
                      ", ".join(f"{k} ({d})" for k, d in c.single_source.items()))
    console.print(table)
    table = Table(title="Donors by value lost without them (LP value, all single drop-outs)")
    for col in ("donor", "value lost", "share of value", ""):
        table.add_column(col)
    for d in report.ranking:
        table.add_row(d.donor, f"{d.value_lost:,.2f}", f"{d.share_lost:.1%}", _bar(d.share_lost))
    console.print(table)


@scenario_app.command("montecarlo")
def montecarlo_command(
    source: SourceArg = None,
    runs: Annotated[int, typer.Option(min=1, help="Random futures to plan")] = 100,
    delay_prob: Annotated[float, typer.Option(min=0, max=1, help="P(offer slips 1–3 months)")]
    = 0.1,
    withdraw_prob: Annotated[float, typer.Option(min=0, max=1, help="P(offer withdrawn)")]
    = 0.05,
    hub_outage_prob: Annotated[float, typer.Option(
        min=0, max=1, help="P(a hub is out for one random month)")] = 0.1,
    seed: Annotated[int, typer.Option(min=0, help="Seed: same seed, same result")] = 0,
    scheduler: Annotated[str | None, typer.Option(
        help="Address of a running Dask scheduler (tcp://HOST:PORT); a local cluster if none")]
    = None,
    workers: Annotated[int | None, typer.Option(
        min=1, help="Local worker processes (default: all cores)")] = None,
    start: StartOption = None, horizon: HorizonOption = 12, actor: ActorOption = "cli",
    database_url: DbOption = None,
) -> None:
    """Plan many random futures (delays, withdrawals, hub outages) on Dask; distributions."""
    from clearinghouse.services.scenarios.runs import montecarlo_scenario

    settings = settings_for(database_url)
    with as_operator(settings, actor) as (engine, user), progress_bar("futures") as bar:
        run = montecarlo_scenario(
            engine, user, source, runs=runs, delay_prob=delay_prob, withdraw_prob=withdraw_prob,
            hub_outage_prob=hub_outage_prob, seed=seed, scheduler=scheduler, workers=workers,
            start=start_month(start), horizon=horizon, progress=bar)
    r = run.result
    table = Table(title=f"{r.runs:,} futures (seed {seed}) — scenario run {run.run_id}")
    for col in ("", "mean", "p5", "p50", "p95"):
        table.add_column(col, justify="right")
    table.add_row("plan value", *(f"{v:,.2f}" for v in (r.value.mean, r.value.p5, r.value.p50,
                                                         r.value.p95)))
    for p, d in sorted(r.fill_by_priority.items()):
        table.add_row(f"priority {p} fill", *(f"{v:.1%}" for v in (d.mean, d.p5, d.p50, d.p95)))
    console.print(table)
    table = Table(title="Needs most often unmet")
    table.add_column("need")
    table.add_column("share of futures", justify="right")
    table.add_column("")
    for ref, share in r.most_unmet:
        table.add_row(ref, f"{share:.0%}", _bar(share))
    console.print(table)


@scenario_app.command("compare")
def compare_command(a: Annotated[int, typer.Argument(help="A stored scenario run")],
                    b: Annotated[int, typer.Argument(help="Another stored scenario run")],
                    database_url: DbOption = None) -> None:
    """Two stored scenario runs side by side."""
    from clearinghouse.services.scenarios.jobs import compare_runs

    settings = settings_for(database_url)
    with as_operator(settings, "cli") as (engine, user):
        rows = compare_runs(engine, settings, user, a, b)
    table = Table(title=f"Scenario run {a} against run {b}")
    for col in ("figure", f"run {a}", f"run {b}"):
        table.add_column(col, justify="right")
    for r in rows:
        table.add_row(r.key, *("—" if v is None else f"{v:,.4g}" for v in (r.a, r.b)))
    console.print(table)
