"""Field rules every write path applies at its edge — the API's schemas and the web forms
read them from here, so a value one accepts the other accepts too.

- a reference or code: 1 to 40 characters of ``A-Z a-z 0-9 . _ / -``;
- free text: 1 to 200 characters, no control characters;
- a quantity: a whole number of units from 1 to 10^9;
- a number of people (trainees, seats): a whole number from 1 to 10^6;
- a plan's months: 1 to 120, starting on the first of a month;
- a due date in the past is accepted, with a warning (a late need is still a need).

Each check returns the problem in words (None: fine), so that a form can show every field's
problem at once, next to its field.
"""

from __future__ import annotations

import re
from datetime import date

REF_MAX = 40
REF_PATTERN = r"^[A-Za-z0-9._/-]{1,40}$"
TEXT_MAX = 200
TEXT_PATTERN = r"^[^\x00-\x1f\x7f]+$"
QUANTITY_MAX = 10**9
PEOPLE_MAX = 10**6
HORIZON_MIN, HORIZON_MAX = 1, 120

_REF = re.compile(REF_PATTERN)
_TEXT = re.compile(TEXT_PATTERN)


def ref_problem(text: str) -> str | None:
    """Why ``text`` is no reference (None: it is one)."""
    if len(text) > REF_MAX:
        return f"at most {REF_MAX} characters (this has {len(text)})"
    if not _REF.match(text):
        return "only letters, digits and . _ / - (no spaces)"
    return None


def text_problem(text: str) -> str | None:
    """Why ``text`` is no free-text value (None: fine)."""
    if len(text) > TEXT_MAX:
        return f"at most {TEXT_MAX} characters (this has {len(text)})"
    if not _TEXT.match(text):
        return "no control characters (tabs, line breaks)"
    return None


def quantity_problem(value: int) -> str | None:
    """Why ``value`` is no quantity (None: fine)."""
    if value < 1 or value > QUANTITY_MAX:
        return f"must be a whole number of units from 1 to {QUANTITY_MAX:,}"
    return None


def people_problem(value: int) -> str | None:
    """Why ``value`` is no number of people (None: fine)."""
    if value < 1 or value > PEOPLE_MAX:
        return f"must be a whole number of people from 1 to {PEOPLE_MAX:,}"
    return None


def horizon_problem(months: int) -> str | None:
    """Why ``months`` is no plan horizon (None: fine)."""
    if not HORIZON_MIN <= months <= HORIZON_MAX:
        return f"from {HORIZON_MIN} to {HORIZON_MAX} months"
    return None


def start_month(text: str) -> date:
    """The first day of the month written ``YYYY-MM`` (or ``YYYY-MM-01``); ValueError naming
    the rule otherwise."""
    found = re.fullmatch(r"(\d{4})-(\d{2})(?:-01)?", text.strip())
    if found is None:
        raise ValueError("a month written YYYY-MM (a plan starts on the first of a month)")
    year, month = int(found[1]), int(found[2])
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise ValueError("a month written YYYY-MM, year 2000 to 2100")
    return date(year, month, 1)


def due_warning(due: date, today: date) -> str | None:
    """A warning for a due date already past (accepted: the need is late, not wrong)."""
    if due < today:
        return f"due {due.isoformat()} is in the past: the need is saved, and counts as late"
    return None
