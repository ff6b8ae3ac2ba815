"""A Monte Carlo run's charts: how many futures reached each plan value and each priority's
fill rate, drawn from the histograms the run stored (its futures are not kept)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from clearinghouse.domain.formats import plan_value, share
from clearinghouse.web import charts


def _histogram(stored: dict[str, Any] | None, label: str, written: Any) -> Markup | None:
    """A stored histogram as a chart; None for a run stored before runs kept histograms."""
    if not stored:
        return None
    return charts.histogram_chart(stored["low"], stored["high"], stored["counts"],
                                  label=label, written=written)


def montecarlo_view(result: dict[str, Any]) -> dict[str, Any]:
    """The value histogram and one fill-rate histogram per priority with needs."""
    fills = result.get("fill_histograms") or {}
    return {
        "value_histogram": _histogram(result.get("value_histogram"),
                                      "futures per priority-weighted plan value", plan_value),
        "fill_histograms": [
            (p, _histogram(fills[p], f"futures per priority {p} fill rate", share))
            for p in sorted(fills, key=int)]}
