"""Tables for ``plan --bottlenecks`` and ``plan --what-it-takes NEED``."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from clearinghouse.services.planning.decisions import BottleneckReport, NeedReport

SHOWN = 20  # rows of each table (the CSV files hold all)
UNIT = {"hub": "t", "class": "units", "funding": "EUR", "producer": "units"}


def render_bottlenecks(console: Console, report: BottleneckReport) -> None:
    table = Table(title=f"Additions worth most (value LP {report.lp_value:,.2f}; each "
                        f"confirmed by re-solving, {report.seconds:.1f} s)")
    for col in ("kind", "addition", "value per unit", "value gain"):
        table.add_column(col, justify="left" if col in ("kind", "addition") else "right")
    for a in report.additions[:SHOWN]:
        table.add_row(a.kind, report.label(a), f"{a.marginal_value:,.4g}",
                      f"{a.value_gain:+,.2f}")
    console.print(table)
    if not report.additions:
        console.print("No addition raises the value: nothing is short.")


def render_what_it_takes(console: Console, report: NeedReport) -> None:
    r = report.result
    head = (f"[bold]What it takes[/] for {r.need}: {r.room:,.0f} units by "
            f"{report.month(r.due_month)}, {r.on_time:,.0f} of them on time in the value LP")
    console.print(head)
    if r.status == "met":
        console.print("It is met on time already; nothing more is needed.")
        return
    if r.status == "impossible":
        console.print("No addition of hub tonnes, offered units or funding meets it by its "
                      "due month.")
        return
    adds = Table(title="Least additions")
    for col in ("kind", "resource", "month", "amount"):
        adds.add_column(col)
    for a in r.additions:
        adds.add_row(a.kind, a.resource, report.month(a.month),
                     f"{a.amount:,.1f} {UNIT[a.kind]}")
    console.print(adds)
    if r.displaced:
        lost = Table(title=f"Deliveries displaced (worth less per unit): {len(r.displaced)}")
        for col in ("need", "units", "value"):
            lost.add_column(col)
        for d in r.displaced[:SHOWN]:
            lost.add_row(d.need, f"{d.units:,.1f}", f"{d.value:,.2f}")
        console.print(lost)
    else:
        console.print("Nothing is displaced.")
    if r.value_after is not None:
        console.print(f"Plan value (LP) {r.value_before:,.2f} → {r.value_after:,.2f}")
