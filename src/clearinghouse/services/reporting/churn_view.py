"""A plan run's churn against the plan it changed least (SPEC §4 "Stability"), as a user's
nation may see it: per visible need, and totals over those needs only (SPEC §1.1)."""

from __future__ import annotations

from collections.abc import Container, Mapping
from typing import Any


def visible_churn(summary: Mapping[str, Any] | None,
                  visible_needs: Container[str]) -> dict[str, Any] | None:
    """``{"lines", "units", "needs": {ref: {before, after, lines, units, why}}}`` over the
    needs the user sees; None when the run had no reference plan (nothing approved)."""
    churn = (summary or {}).get("churn")
    if not churn:
        return None
    needs = {ref: entry for ref, entry in (churn.get("needs") or {}).items()
             if ref in visible_needs}
    return {"lines": sum(int(e.get("lines", 0)) for e in needs.values()),
            "units": sum(float(e.get("units", 0.0)) for e in needs.values()),
            "needs": needs}
