"""The briefing's charts, drawn with matplotlib (no display needed) as PNG bytes."""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence

from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

from clearinghouse.domain.logistics import HubMonthLoad
from clearinghouse.services.reporting import colours

_DPI = 100


def png(figure: Figure) -> bytes:
    """The figure as PNG bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_DPI, bbox_inches="tight")
    return buffer.getvalue()


def data_uri(png_bytes: bytes) -> str:
    """The PNG as a ``data:`` URI, for an ``<img>`` that fetches nothing."""
    return "data:image/png;base64," + base64.b64encode(png_bytes).decode("ascii")


def fill_rate_chart(capabilities: Sequence[str], priorities: Sequence[int],
                    rates: dict[tuple[str, int], float]) -> bytes:
    """A heat map: fill rate per capability (rows) and priority (columns), in per cent."""
    figure = Figure(figsize=(7, 0.45 * max(len(capabilities), 2) + 1.5))
    ax = figure.subplots()
    grid = [[rates.get((c, p), float("nan")) * 100 for p in priorities] for c in capabilities]
    # The web pages' scale (colours.fill_colour: cividis, safe for colour-blind readers), each
    # label black or white, whichever contrasts more with its cell.
    scale = LinearSegmentedColormap.from_list("fill", list(colours.CIVIDIS))
    image = ax.imshow(grid, cmap=scale, vmin=0, vmax=100, aspect="auto")
    ax.set_xticks(range(len(priorities)), [f"P{p}" for p in priorities])
    ax.set_yticks(range(len(capabilities)), list(capabilities))
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            if value == value:  # not NaN: a cell with needs
                ax.text(j, i, f"{value:.0f}%", ha="center", va="center", fontsize=8,
                        color=colours.text_on(colours.fill_colour(value / 100)))
    ax.set_title("Fill rate (delivered ÷ requested) by capability and priority")
    figure.colorbar(image, ax=ax, label="%")
    return png(figure)


def throughput_chart(loads: Sequence[HubMonthLoad]) -> bytes:
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
    # Vermillion for "ends within the warning", blue otherwise (Okabe–Ito: apart for
    # colour-blind readers too), and the threshold line says which is which.
    bar_colours = [colours.PALETTE[3] if d <= warn_days else colours.PALETTE[0]
                   for d in days_left]
    ax.barh(list(missions), list(days_left), color=bar_colours)
    ax.axvline(warn_days, color="black", linestyle="--", label=f"{warn_days} days")
    ax.set_xlabel("days until the mandate ends")
    ax.set_title("Mandates ending soon")
    ax.legend(fontsize=7)
    return png(figure)


def paired_bars_chart(labels: Sequence[str], series: dict[str, Sequence[float]], title: str,
                      xlabel: str, *, percent: bool = False) -> bytes:
    """Horizontal bars, one group per label and one bar per series (e.g. before and after);
    fractions are drawn in per cent when ``percent``."""
    scale = 100.0 if percent else 1.0
    figure = Figure(figsize=(8, 0.3 * max(len(labels), 2) * max(len(series), 1) + 1.5))
    ax = figure.subplots()
    height = 0.8 / max(len(series), 1)
    for k, (name, values) in enumerate(series.items()):
        ys = [i + k * height for i in range(len(labels))]
        bars = ax.barh(ys, [v * scale for v in values], height, label=name)
        ax.bar_label(bars, fmt="%.0f%%" if percent else "%.3g", fontsize=7, padding=2)
    ax.set_yticks([i + (len(series) - 1) * height / 2 for i in range(len(labels))],
                  list(labels))
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    if percent:
        ax.set_xlim(0, 110)
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=7, loc="best")
    return png(figure)


def percentile_chart(labels: Sequence[str], p5: Sequence[float], p50: Sequence[float],
                     p95: Sequence[float], mean: Sequence[float], title: str) -> bytes:
    """Per label, the 5th–95th percentile range of a fraction as a bar, the median and mean as
    marks, in per cent."""
    figure = Figure(figsize=(7, 3.5))
    ax = figure.subplots()
    xs = list(range(len(labels)))
    low = [v * 100 for v in p5]
    ax.bar(xs, [hi * 100 - lo for lo, hi in zip(low, p95, strict=True)], 0.5, bottom=low,
           color="tab:blue", alpha=0.35, edgecolor="tab:blue", label="p5–p95")
    ax.scatter(xs, [v * 100 for v in p50], marker="_", s=600, color="black", label="median",
               zorder=3)
    ax.scatter(xs, [v * 100 for v in mean], marker="o", color="tab:red", label="mean", zorder=3)
    ax.set_xticks(xs, list(labels))
    ax.set_ylim(0, 105)
    ax.set_ylabel("fill rate %")
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=7, loc="best")
    return png(figure)
