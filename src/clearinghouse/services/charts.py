"""The briefing's charts, drawn with matplotlib (no display needed) as PNG bytes."""

from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.figure import Figure

from clearinghouse.services.throughput import HubMonthLoad

_DPI = 100


def png(figure: Figure) -> bytes:
    """The figure as PNG bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_DPI, bbox_inches="tight")
    return buffer.getvalue()


def fill_rate_chart(capabilities: Sequence[str], priorities: Sequence[int],
                    rates: dict[tuple[str, int], float]) -> bytes:
    """A heat map: fill rate per capability (rows) and priority (columns), in per cent."""
    figure = Figure(figsize=(7, 0.45 * max(len(capabilities), 2) + 1.5))
    ax = figure.subplots()
    grid = [[rates.get((c, p), float("nan")) * 100 for p in priorities] for c in capabilities]
    image = ax.imshow(grid, cmap="RdYlGn", vmin=0, vmax=100, aspect="auto")
    ax.set_xticks(range(len(priorities)), [f"P{p}" for p in priorities])
    ax.set_yticks(range(len(capabilities)), list(capabilities))
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            if value == value:  # not NaN: a cell with needs
                ax.text(j, i, f"{value:.0f}%", ha="center", va="center", fontsize=8)
    ax.set_title("Fill rate (delivered ÷ requested) by capability and priority")
    figure.colorbar(image, ax=ax, label="%")
    return png(figure)


def hub_chart(loads: Sequence[HubMonthLoad]) -> bytes:
    """Per hub, planned and actual tonnes per month as bars, capacity as a line."""
    hubs = sorted({x.hub for x in loads}) or ["(no hubs)"]
    figure = Figure(figsize=(9, 2.6 * len(hubs)))
    axes = figure.subplots(len(hubs), 1, squeeze=False)[:, 0]
    for ax, hub in zip(axes, hubs, strict=True):
        rows = [x for x in loads if x.hub == hub]
        xs = list(range(len(rows)))
        ax.bar([x - 0.2 for x in xs], [r.planned_t for r in rows], 0.4, label="planned t")
        ax.bar([x + 0.2 for x in xs], [r.actual_t for r in rows], 0.4, label="actual t")
        ax.step(xs, [r.capacity_t for r in rows], where="mid", color="black",
                label="capacity t")
        ax.set_xticks(xs, [f"{r.month:%Y-%m}" for r in rows], rotation=45, fontsize=7)
        ax.set_title(f"Hub {hub}: tonnes per month against capacity", fontsize=10)
        ax.legend(fontsize=7, loc="upper left")
    figure.tight_layout()
    return png(figure)


def ledger_chart(donors: Sequence[str], stages: Sequence[str],
                 eur: dict[str, dict[str, float]]) -> bytes:
    """Per donor, EUR at each stage from pledged to delivered (millions)."""
    figure = Figure(figsize=(9, 0.35 * max(len(donors), 2) * len(stages) / 2 + 1.5))
    ax = figure.subplots()
    height = 0.8 / max(len(stages), 1)
    for k, stage in enumerate(stages):
        ys = [i + k * height for i in range(len(donors))]
        ax.barh(ys, [eur[d][stage] / 1e6 for d in donors], height, label=stage)
    ax.set_yticks([i + 0.4 - height / 2 for i in range(len(donors))], list(donors))
    ax.invert_yaxis()
    ax.set_xlabel("EUR million")
    ax.set_title("Ledger by donor: pledged → accepted → allocated → shipped → delivered")
    ax.legend(fontsize=7)
    return png(figure)


def mandate_chart(missions: Sequence[str], days_left: Sequence[int], warn_days: int) -> bytes:
    """Days until each mandate ends, with the warning threshold."""
    figure = Figure(figsize=(7, 0.5 * max(len(missions), 2) + 1.2))
    ax = figure.subplots()
    colours = ["tab:red" if d <= warn_days else "tab:blue" for d in days_left]
    ax.barh(list(missions), list(days_left), color=colours)
    ax.axvline(warn_days, color="black", linestyle="--", label=f"{warn_days} days")
    ax.set_xlabel("days until the mandate ends")
    ax.set_title("Mandates ending soon")
    ax.legend(fontsize=7)
    return png(figure)
