"""Rich tables for the CLI: how summaries, import reports and plans look on a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table

if TYPE_CHECKING:
    from rich.console import Console

    from clearinghouse.domain.logistics import HubMonthLoad
    from clearinghouse.services.exchange.demo import DemoSummary
    from clearinghouse.services.exchange.files import ImportReport
    from clearinghouse.services.planning.plan_runs import PlanResult
    from clearinghouse.services.reporting.burden import BurdenReport
    from clearinghouse.services.reporting.impact import ImpactCard


def _pct(fraction: float) -> str:
    return f"{100 * fraction:5.1f} %"


def render_import_report(console: Console, report: ImportReport) -> None:
    table = Table(title="Import", show_footer=False)
    for col in ("sheet", "created", "updated", "unchanged"):
        table.add_column(col, justify="left" if col == "sheet" else "right")
    for sheet, counts in report.sheets.items():
        if counts.created or counts.updated or counts.unchanged:
            table.add_row(sheet, str(counts.created), str(counts.updated), str(counts.unchanged))
    console.print(table)
    console.print(f"{report.created} created, {report.updated} updated, "
                  f"{report.unchanged} unchanged")


def render_demo_summary(console: Console, summary: DemoSummary) -> None:
    needs = Table(title="Needs by capability and priority (1 = most urgent)")
    needs.add_column("capability")
    for p in range(1, 6):
        needs.add_column(f"P{p}", justify="right")
    needs.add_column("total", justify="right")
    for capability, row in summary.needs_by_capability.items():
        needs.add_row(capability, *map(str, row), str(sum(row)))
    console.print(needs)

    donors = Table(title="Offers by donor")
    for col in ("donor", "offers", "units", "value EUR"):
        donors.add_column(col, justify="left" if col == "donor" else "right")
    for d in summary.offers_by_donor:
        donors.add_row(f"{d.donor} {d.name}", str(d.offers), f"{d.units:,}",
                       f"{d.value_eur:,.0f}")
    console.print(donors)

    hubs = Table(title="Hubs")
    for col in ("hub", "country", "t / month", "opens", "closes"):
        hubs.add_column(col)
    for h in summary.hubs:
        hubs.add_row(f"{h.code} {h.name}", h.country, f"{h.capacity_t_per_month:,.0f}",
                     h.opens.isoformat(), h.closes.isoformat() if h.closes else "")
    console.print(hubs)

    if summary.mandates_ending:
        for m in summary.mandates_ending:
            console.print(f"[bold yellow]Mandate ending:[/] {m.code} ({m.name}) ends "
                          f"{m.ends.isoformat()}, in {m.days_left} days")
    else:
        console.print("No mandate ends within 90 days.")


def render_plan(console: Console, result: PlanResult) -> None:
    plan = result.plan
    console.print(f"[bold]Plan[/] status {plan.status}: value {plan.value:,.2f} "
                  f"(LP bound {plan.lp_bound:,.2f}, "
                  f"{100 * plan.value / plan.lp_bound if plan.lp_bound else 100.0:.2f} % of it), "
                  f"transport cost {plan.transport_cost:,.0f}")
    _render_churn(console, result)

    fill = Table(title="Fill rate by capability × priority")
    fill.add_column("capability")
    for p in range(1, 6):
        fill.add_column(f"P{p}", justify="right")
    by_cap: dict[str, dict[int, str]] = {}
    for row in result.fill_rates:
        by_cap.setdefault(row.capability, {})[row.priority] = _pct(row.fraction)
    for capability, cells in by_cap.items():
        fill.add_row(capability, *(cells.get(p, "") for p in range(1, 6)))
    console.print(fill)

    hubs = Table(title="Hub tonnes per month against capacity (t)")
    hubs.add_column("month")
    by_hub: dict[str, list[HubMonthLoad]] = {}
    for load in result.hub_loads:  # hub by hub, each month in order
        by_hub.setdefault(load.hub, []).append(load)
    for hub, months in by_hub.items():
        hubs.add_column(f"{hub}\n/ {max(m.capacity_t for m in months):,.0f}", justify="right")
    for t in range(max((len(months) for months in by_hub.values()), default=0)):
        hubs.add_row(f"M{t}", *(f"{months[t].planned_t:,.0f}" if months[t].capacity_t > 0
                                else "closed" for months in by_hub.values()))
    console.print(hubs)

    unmet = Table(title=f"Needs not fully met: {len(result.unmet)} (most urgent first)")
    for col in ("need", "class", "P", "due", "delivered", "requested"):
        unmet.add_column(col)
    unmet.add_column("reason", no_wrap=True)
    for need in result.unmet[:25]:
        unmet.add_row(need.ref, need.class_code, str(need.priority), need.due,
                      f"{need.delivered:,.1f}", f"{need.requested:,}", need.reason)
    console.print(unmet)
    if len(result.unmet) > 25:
        console.print(f"… and {len(result.unmet) - 25} more in summary.json")
    if result.changes is not None:
        console.print(result.changes.describe())
    if result.procurement is not None:
        from clearinghouse.cli.render_procurement import render_procurement

        render_procurement(console, result.procurement)


#: The burden table's columns: (header, kind) — shares of the kind.
_BURDEN_COLUMNS = (("posts", "posts"), ("in-kind pledged", "inkind_pledged_eur"),
                   ("allocated", "inkind_allocated_eur"), ("delivered", "inkind_delivered_eur"),
                   ("funding", "funding_pledged_eur"), ("spent", "funding_spent_eur"),
                   ("seats", "seats_hosted"), ("used", "seats_used"),
                   ("hub t/month", "hub_capacity_t"))


def burden_table(report: BurdenReport) -> Table:
    """Each nation's share per kind of contribution (EUR for in-kind and funding), largest
    posts first; nations with nothing at all are left out of the terminal table (not the CSV)."""
    table = Table(title=f"Burden sharing on {report.as_of} (shares; computed on "
                        f"{report.computed_on})")
    table.add_column("nation")
    for header, _ in _BURDEN_COLUMNS:
        table.add_column(header, justify="right")
    table.add_column("vacant", justify="right")
    rows = sorted(report.nations, key=lambda n: (-n.figures["posts"], n.nation))
    for n in rows:
        if any(n.figures.values()) or n.posts_vacant:
            table.add_row(n.nation, *(_pct(n.shares[k]) for _, k in _BURDEN_COLUMNS),
                          str(n.posts_vacant))
    table.add_row("total", *(f"{report.totals[k]:,.0f}" for _, k in _BURDEN_COLUMNS),
                  str(report.posts_vacant))
    return table


def render_impact(console: Console, card: ImpactCard) -> None:
    """The impact card: posts by branch, value and units lost, single sources, seats, hubs."""
    console.print(f"[bold]If {card.name} ({card.nation}) leaves[/] — computed on "
                  f"{card.computed_on}, on {card.as_of}; plan window {card.window_start:%Y-%m} "
                  f"for {card.horizon} months", highlight=False)
    posts = Table(title=f"Posts to refill: {card.posts} "
                        f"({_pct(card.share.shares['posts']).strip()} of the cell's)")
    posts.add_column("branch")
    posts.add_column("posts", justify="right")
    for branch, count in card.posts_by_branch.items():
        posts.add_row(branch, str(count))
    console.print(posts)
    console.print(f"Plan value {card.value_before:,.2f} → {card.value_after:,.2f}: "
                  f"[bold]{card.value_lost:,.2f} lost[/]; {card.needs_losing} needs get less",
                  highlight=False)
    lost = Table(title="Units lost per capability (drop-out re-plan)")
    for col in ("capability", "requested", "fill before", "fill after", "units lost"):
        lost.add_column(col, justify="left" if col == "capability" else "right")
    for c in card.capabilities:
        lost.add_row(c.capability, f"{c.requested:,}", _pct(c.before), _pct(c.after),
                     f"{c.units_lost:,.0f}")
    console.print(lost)
    if card.single_source:
        only = Table(title=f"Classes only {card.nation} supplies")
        for col in ("class", "capability", "suppliers", "units lost", "EUR to replace"):
            only.add_column(col)
        for r in card.single_source:
            only.add_row(r.class_code, r.capability, ", ".join(r.donors), f"{r.units:,.0f}",
                         "no producer" if r.eur is None else f"{r.eur:,.0f}")
        console.print(only)
    else:
        console.print("No class is supplied by this nation alone.")
    console.print(f"Training seats lost: {card.seats_hosted:,.0f} hosted, "
                  f"{card.seats_used:,.0f} used; hub capacity lost: "
                  f"{card.hub_capacity_t:,.0f} t/month"
                  + "".join(f" ({h.code} {h.capacity_t_per_month:,.0f})" for h in card.hubs),
                  highlight=False)


def _render_churn(console: Console, result: PlanResult, top: int = 20) -> None:
    """What changed against the reference plan, and why, need by need (most units first)."""
    churn = result.plan.churn
    if churn is None:
        return
    console.print(f"[bold]Against the reference plan[/]: {churn.lines:,} of "
                  f"{churn.reference_lines:,} lines changed, {churn.units:,.1f} units moved")
    if not churn.needs:
        return
    table = Table(title=f"What changed and why: {len(churn.needs)} needs")
    for name in ("need", "before", "after", "lines", "units moved", "why"):
        table.add_column(name, justify="left" if name in ("need", "why") else "right")
    ranked = sorted(churn.needs.items(), key=lambda kv: (-kv[1].units, kv[0]))
    for ref, c in ranked[:top]:
        table.add_row(ref, f"{c.before:,}", f"{c.after:,}", f"{c.lines:,}", f"{c.units:,.1f}",
                      c.why)
    if len(ranked) > top:
        table.add_row(f"… {len(ranked) - top} more", "", "", "", "", "")
    console.print(table)
