"""Month arithmetic and a hub's open months: the one definition the planner, the logistics
figures and the charts share."""

from __future__ import annotations

from datetime import date

from clearinghouse.domain.logistics import Hub
from clearinghouse.domain.months import add_months, month_index, month_label, month_start

START = date(2027, 3, 1)


def test_month_index_counts_calendar_months_from_the_start_month_and_is_negative_before() -> None:
    assert month_index(date(2027, 3, 31), START) == 0
    assert month_index(date(2027, 4, 1), START) == 1
    assert month_index(date(2028, 2, 15), START) == 11
    assert month_index(date(2026, 12, 31), START) == -3


def test_add_months_keeps_the_day_and_falls_back_to_the_last_day_of_a_shorter_month() -> None:
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2027, 3, 1), 10) == date(2028, 1, 1)
    assert add_months(date(2027, 3, 1), -3) == date(2026, 12, 1)


def test_add_months_and_month_index_are_inverse_for_first_days() -> None:
    for n in range(-30, 30):
        assert month_index(add_months(START, n), START) == n


def test_month_start_and_label_name_the_calendar_month() -> None:
    assert month_start(date(2027, 5, 17)) == date(2027, 5, 1)
    assert month_label(date(2027, 11, 20), 2) == "2028-01"


def test_a_hub_is_open_from_its_opening_month_until_the_month_it_closes() -> None:
    hub = Hub("H1", "Hub", "POL", 10.0, opens=date(2027, 4, 20), closes=date(2027, 6, 2))
    assert [hub.is_open(t, START) for t in range(5)] == [False, True, True, False, False]


def test_a_hub_opened_before_the_start_and_never_closing_is_open_in_every_month() -> None:
    hub = Hub("H1", "Hub", "POL", 10.0, opens=date(2020, 1, 1))
    assert all(hub.is_open(t, START) for t in range(24))
