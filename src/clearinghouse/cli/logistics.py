"""``clearinghouse shipments …``: from an approved plan to delivery, and hub throughput."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

import typer
from rich.table import Table

from clearinghouse.cli.common import (
    ActorOption,
    DbOption,
    NationOption,
    console,
    err,
    fail,
    reader,
    settings_for,
    user_errors,
)
from clearinghouse.domain.shipments import EventKind

shipments_app = typer.Typer(help="Shipments: from an approved plan to delivery.",
                            no_args_is_help=True)


@shipments_app.command("create")
def create(run: Annotated[int, typer.Argument(help="An approved plan run id")],
           database_url: DbOption = None, actor: ActorOption = "cli") -> None:
    """Turn an approved plan run into shipments, one per offer × hub × month."""
    from clearinghouse.services.logistics.shipments import create_shipments
    from clearinghouse.services.records.users import operator
    from clearinghouse.services.runtime.database import migrated_engine

    settings = settings_for(database_url)
    with user_errors(), migrated_engine(settings) as engine:
        made = create_shipments(engine, operator(actor), run)
    tonnes = sum(s.tonnes for s in made)
    direct = sum(1 for s in made if s.hub is None)
    console.print(f"{len(made)} shipments created from plan run {run} "
                  f"({direct} straight from producers), {tonnes:,.1f} t through hubs")


@shipments_app.command("event")
def event(
    shipment: Annotated[str, typer.Argument(help="Shipment reference, e.g. S3-O-1-PL-RZE-M00")],
    kind: Annotated[EventKind, typer.Option("--kind", help="What happened")],
    quantity: Annotated[int | None, typer.Option(
        "--quantity", help="Units received, lost or returned (default: every open unit)")
    ] = None,
    note: Annotated[str, typer.Option("--note", help="Free text kept with the event")] = "",
    at: Annotated[str | None, typer.Option(
        "--at", help="When it happened, ISO date or date-time in UTC (default: now)")] = None,
    database_url: DbOption = None,
    actor: ActorOption = "cli",
) -> None:
    """Record an event: loaded, at-hub, dispatched, delivered, lost or returned."""
    from clearinghouse.services.logistics.shipments import record_event
    from clearinghouse.services.records.users import operator
    from clearinghouse.services.runtime.database import migrated_engine

    settings = settings_for(database_url)
    when = None if at is None else _when(at)
    with user_errors(), migrated_engine(settings) as engine:
        done = record_event(engine, operator(actor), shipment, kind, quantity=quantity,
                            note=note, at=when)
    s = done.shipment
    console.print(f"shipment {s.ref}: {done.event.kind} {done.event.quantity} units; now "
                  f"{s.status}, {s.delivered} delivered, {s.lost} lost, {s.returned} returned, "
                  f"{s.open} open of {s.quantity}")
    if done.needs_changed:
        console.print(f"needs updated: {', '.join(done.needs_changed)}")
    if done.offers_changed:
        console.print(f"offers updated: {', '.join(done.offers_changed)}")


def _when(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        fail(f"--at {text!r}: must be an ISO date or date-time, e.g. 2027-01-05T14:30")
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@shipments_app.command("list")
def list_(
    run: Annotated[int | None, typer.Option("--run", help="Only this plan run")] = None,
    open_only: Annotated[bool, typer.Option("--open", help="Only shipments not closed")] = False,
    nation: NationOption = None,
    database_url: DbOption = None,
) -> None:
    """List shipments with their status, units and dates (with --nation, those shown to it:
    its source and every line's need released to it)."""
    from clearinghouse.services.records.nation_reader import facts_for

    settings = settings_for(database_url)
    user = reader(settings, nation)
    with user_errors():
        facts = facts_for(settings, user)
    shown = [s for s in facts.shipments if (run is None or s.run_id == run)
             and not (open_only and s.closed)]
    table = Table(title=f"Shipments: {len(shown)}")
    for col in ("ref", "via", "status", "units", "delivered", "lost", "returned", "tonnes",
                "departs", "arrives"):
        table.add_column(col)
    for s in shown:
        table.add_row(s.ref, s.hub or f"direct ({s.producer})", str(s.status), str(s.quantity),
                      str(s.delivered), str(s.lost), str(s.returned), f"{s.tonnes:,.1f}",
                      str(s.departs), str(s.arrives))
    console.print(table)


@shipments_app.command("hubs")
def hubs(nation: NationOption = None, database_url: DbOption = None) -> None:
    """Planned and actual tonnes per hub and month against capacity, with warnings (with
    --nation, over the shipments and plan allocations shown to it)."""
    from clearinghouse.services.logistics.facts import throughput
    from clearinghouse.services.records.nation_reader import facts_for

    settings = settings_for(database_url)
    user = reader(settings, nation)
    with user_errors():
        loads, warnings = throughput(facts_for(settings, user), today=date.today())
    table = Table(title="Hub tonnes per month")
    for col in ("hub", "month", "capacity t", "planned t", "actual t"):
        table.add_column(col, justify="left" if col in ("hub", "month") else "right")
    for x in loads:
        table.add_row(x.hub, f"{x.month:%Y-%m}", f"{x.capacity_t:,.0f}", f"{x.planned_t:,.1f}",
                      f"{x.actual_t:,.1f}")
    console.print(table)
    for warning in warnings:
        err.print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)
