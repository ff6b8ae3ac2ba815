"""Figures in words: whole units, shares that never round up to 100 %, units named, UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from clearinghouse.domain.formats import (
    eur,
    part_of,
    plan_value,
    share,
    shortfall,
    tonnes,
    units,
    utc_minute,
    whole_units,
)


@pytest.mark.parametrize(("part", "whole", "shown"), [
    (51_999, 52_000, "99.998 %"), (40, 35_000, "0.1 %"), (999_999_999, 10**9, "99.9999999 %"),
    (1, 3, "33 %"), (0, 5, "0 %"), (5, 5, "100 %"), (1, 10**9, "0.0000001 %")])
def test_a_share_never_reads_100_percent_unless_whole_nor_0_percent_unless_nothing(
        part: int, whole: int, shown: str) -> None:
    assert part_of(part, whole) == shown


def test_a_share_of_no_whole_is_a_dash_not_zero() -> None:
    assert part_of(3, 0) == "–"
    assert share(None) == "–"


def test_units_are_whole_with_thousands_separators_and_never_rounded_up() -> None:
    assert units(52_000) == "52,000"
    assert units(1_500_000.0) == "1,500,000"
    assert units(39.99) == "39"
    assert units(39.9999999999) == "40"  # floating-point noise of a substitution factor
    assert whole_units(float("nan")) == 0
    assert units(12, "rounds") == "12 rounds"


def test_a_need_short_of_its_quantity_says_how_many_units_it_lacks() -> None:
    assert shortfall(52_000, 51_999) == "1 short"
    assert shortfall(52_000, 51_999.5) == "1 short"
    assert shortfall(35_000, 40) == "34,960 short"
    assert shortfall(10, 10) == "met"


def test_money_and_weight_carry_their_units() -> None:
    assert eur(900_000.0) == "900,000 EUR"
    assert tonnes(18_000.4) == "18,000 t"
    assert tonnes(0.47) == "0.5 t"
    assert plan_value(9_322.41) == "9,322.4"


def test_times_are_written_to_the_minute_in_utc() -> None:
    moment = datetime(2026, 12, 2, 14, 5, 59, 123456, tzinfo=UTC)
    assert utc_minute(moment) == "2026-12-02 14:05 UTC"
    cet = datetime(2026, 12, 2, 15, 5, tzinfo=timezone(timedelta(hours=1)))
    assert utc_minute(cet) == "2026-12-02 14:05 UTC"
    assert utc_minute(datetime(2026, 12, 2, 14, 5)) == "2026-12-02 14:05 UTC"
    assert utc_minute(date(2026, 12, 2)) == "2026-12-02"
