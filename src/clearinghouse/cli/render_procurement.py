"""The allies' requests filled after a plan, as Rich output for ``clearinghouse plan``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table

from clearinghouse.domain.months import month_label

if TYPE_CHECKING:
    from rich.console import Console

    from clearinghouse.services.planning.procurement import Procurement


def render_procurement(console: Console, result: Procurement) -> None:
    """The allies' requests filled after the plan: lines, earnings per month, unfilled."""
    start = result.settings.start
    lines = Table(title=f"Allies' requests filled from capacity the plan leaves: "
                        f"{result.units:,} units, {result.amount_eur:,.0f} EUR")
    for col in ("request", "producer", "made", "delivered", "units", "EUR / unit"):
        lines.add_column(col, justify="left" if col in ("request", "producer") else "right")
    for x in result.lines[:25]:
        lines.add_row(x.request, x.producer, month_label(start, x.month),
                      month_label(start, x.delivery), f"{x.quantity:,}",
                      f"{x.unit_price_eur:,.2f}")
    console.print(lines)
    if len(result.lines) > 25:
        console.print(f"… and {len(result.lines) - 25} more lines in procurement.csv")
    earned = [(m, e) for m, e in enumerate(result.earnings_per_month()) if e]
    if earned:
        console.print("Industry earns per month of making: " + ", ".join(
            f"{month_label(start, m)} {e:,.0f} EUR" for m, e in earned))
    unfilled = [(ref, r) for ref, r in result.requests.items() if r.reason is not None]
    console.print(f"Requests not filled in full: {len(unfilled)} of {len(result.requests)}"
                  + ("" if not unfilled else " (procurement_unfilled.csv): " + ", ".join(
                      f"{ref} {r.filled}/{r.quantity} {r.reason}" for ref, r in unfilled[:10])
                     + (" …" if len(unfilled) > 10 else "")))
