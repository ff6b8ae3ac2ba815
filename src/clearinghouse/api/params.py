"""Types of request values shared by the routes, read strictly: a month is written
``YYYY-MM-01`` (not a number of seconds), an id in a path is digits only (``%0C6`` is not 6)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated

from fastapi import Path
from pydantic import AfterValidator, BeforeValidator, Field

MAX_ID = 2**31 - 1
_DIGITS = re.compile(r"[0-9]{1,10}")
MONTH_PATTERN = r"^(20[0-9]{2}|2100)-(0[1-9]|1[0-2])-01$"


def _first_of_month(d: date) -> date:
    if d.day != 1:
        raise ValueError("must be the first day of a month (YYYY-MM-01)")
    return d


def _digits_only(value: object) -> object:
    # Lax int parsing would strip whitespace and control characters: "\x0c6" would be 6.
    if isinstance(value, str) and not _DIGITS.fullmatch(value):
        raise ValueError("must be written with digits only")
    return value


def _written_as_a_date(value: object) -> object:
    # Lax date parsing would read a number as seconds since 1970: 0 would be 1970-01-01.
    if not isinstance(value, str | date) or isinstance(value, datetime):
        raise ValueError("must be a date written YYYY-MM-01")
    return value


#: A month as its first day, written as a date (0 is not 1970-01-01).
Month = Annotated[date, Field(ge=date(2000, 1, 1), le=date(2100, 12, 1),
                              description="a month, as its first day: YYYY-MM-01",
                              json_schema_extra={"pattern": MONTH_PATTERN}),
                  BeforeValidator(_written_as_a_date), AfterValidator(_first_of_month)]
#: A record id in a path: digits only, 1 to 2**31 - 1.
PathId = Annotated[int, Path(ge=1, le=MAX_ID), BeforeValidator(_digits_only)]
