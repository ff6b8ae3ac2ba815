"""Month arithmetic: the one place that turns dates into month counts and back.

Plans, shipments, hubs and charts all count in calendar months from a start month; the
day within a month never changes which month a date falls in.
"""

from __future__ import annotations

from datetime import date


def month_start(day: date) -> date:
    """The first day of ``day``'s month."""
    return day.replace(day=1)


def month_index(day: date, start: date) -> int:
    """Calendar months from ``start``'s month to ``day``'s month (negative before it)."""
    return (day.year - start.year) * 12 + day.month - start.month


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (negative: earlier); the month's last day when it is shorter.

    The first of a month stays the first of a month, so plan months map to their first days.
    """
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, last)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def month_label(start: date, months: int) -> str:
    """``YYYY-MM`` of the month ``months`` after ``start``'s month."""
    first = add_months(month_start(start), months)
    return f"{first.year:04d}-{first.month:02d}"
