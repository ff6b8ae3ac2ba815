"""Calendar helpers that lay the demo picture out over the planning horizon."""

from __future__ import annotations

import random
from datetime import date, timedelta

from clearinghouse.domain.months import add_months

#: The demo fits the default planning horizon (SPEC §4): twelve months from the start month.
HORIZON_MONTHS = 12


def horizon_end(start: date) -> date:
    """The first day after the horizon that begins with ``start``'s month."""
    return add_months(start, HORIZON_MONTHS)


def day_in_months(rng: random.Random, start: date, first: int, last: int) -> date:
    """A random day in months ``first`` … ``last`` (inclusive) counted from ``start``'s month."""
    lo = add_months(start, first)
    hi = add_months(start, last + 1)
    return lo + timedelta(days=rng.randrange((hi - lo).days))
