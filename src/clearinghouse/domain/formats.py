"""How figures are written for people: one rule per kind of number, used by every page,
report and export that shows a figure in words.

- Units are whole (never more than were counted: fractions of a unit are cut, not rounded
  up) and carry thousands separators: ``52,000``.
- A share is never written as 100 % unless it is whole, nor as 0 % unless it is nothing:
  51,999 of 52,000 is ``99.998 %``, not ``100 %``.
- Money is in EUR and weight in tonnes, each with its unit.
- Times are to the minute, in UTC, and say so.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

#: Tolerance for units that are whole up to floating-point noise (substitution factors).
_EPSILON = 1e-6
#: Tolerance of a share (quantities run to 10^9 units, so 1 short of 10^9 must still show).
_SHARE_EPSILON = 1e-12
_MAX_DECIMALS = 8


def whole_units(quantity: float) -> int:
    """The whole units in ``quantity``: cut, never rounded up (39.99 units are 39)."""
    if not math.isfinite(quantity):
        return 0
    return math.floor(quantity + _EPSILON)


def units(quantity: float | None, unit: str = "") -> str:
    """``52,000`` (or ``52,000 rounds`` with a unit); nothing known is ``–``."""
    if quantity is None:
        return "–"
    text = f"{whole_units(quantity):,}"
    return f"{text} {unit}" if unit else text


def share(fraction: float | None) -> str:
    """A fraction in per cent, with as many decimals as it takes never to show 100 % for
    less than the whole, nor 0 % for more than nothing: ``99.998 %``."""
    if fraction is None or not math.isfinite(fraction):
        return "–"
    if fraction >= 1 - _SHARE_EPSILON:
        return "100 %" if fraction <= 1 + _SHARE_EPSILON else f"{fraction * 100:,.0f} %"
    if fraction <= _SHARE_EPSILON:
        return "0 %"
    percent = fraction * 100
    for decimals in range(_MAX_DECIMALS + 1):
        text = f"{percent:.{decimals}f}"
        if 0 < float(text) < 100:
            return f"{text} %"
    # Closer to 100 % than the decimals tell apart: cut, do not round, so it stays below.
    cut = math.floor(percent * 10**_MAX_DECIMALS) / 10**_MAX_DECIMALS
    return f"{cut:.{_MAX_DECIMALS}f} %"


def part_of(part: float, whole: float) -> str:
    """``part`` of ``whole`` in per cent (:func:`share`); no whole is ``–``."""
    return share(part / whole) if whole else "–"


def shortfall(requested: int, received: float) -> str:
    """What a need still lacks in words: ``1 short``, ``met`` when nothing is."""
    missing = requested - whole_units(received)
    return "met" if missing <= 0 else f"{missing:,} short"


def eur(amount: float | None) -> str:
    """``1,500,000 EUR`` (whole euros)."""
    if amount is None or not math.isfinite(amount):
        return "–"
    return f"{round(amount):,} EUR"


def tonnes(weight: float | None) -> str:
    """``18,000 t``; below 100 t with one decimal (``0.5 t``), so small loads still show."""
    if weight is None or not math.isfinite(weight):
        return "–"
    return f"{weight:,.1f} t" if abs(weight) < 100 else f"{round(weight):,} t"


def plan_value(value: float | None) -> str:
    """A plan's priority-weighted value: a score, not units or money (``9,322.4``)."""
    if value is None or not math.isfinite(value):
        return "–"
    return f"{value:,.1f}"


#: What a plan's value means, for a tooltip beside it (SPEC §4).
VALUE_FORMULA = ("priority-weighted value: the sum over deliveries of units × W[priority] ÷ "
                 "units requested × 0.5^(months late), W = 1000, 100, 10, 3, 1 for priorities "
                 "1 to 5 — a score for comparing plans, not units or money")


def utc_minute(moment: datetime | date | None) -> str:
    """``2026-12-02 14:05 UTC``; a naive time is taken as UTC; a date stays a date."""
    if moment is None:
        return "–"
    if not isinstance(moment, datetime):
        return moment.isoformat()
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return f"{aware.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
