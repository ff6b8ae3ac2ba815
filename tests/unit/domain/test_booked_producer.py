"""A producer with capacity already booked: one whole, non-negative number of units per
calendar month of making, and nothing else of the producer changes."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime

import pytest

from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.funding import BookedProducer, Producer

DRONES = Producer("P-1", "drones", "FPV-DRONE", 400.0, 100, date(2027, 1, 1), 1)


def test_booked_months_are_first_days_of_months_earliest_first_one_per_month() -> None:
    booked = DRONES.with_booked([(date(2027, 3, 15), 40), (date(2027, 1, 1), 10),
                                 (date(2027, 3, 1), 5), (date(2027, 2, 1), 0)])
    assert booked.booked == ((date(2027, 1, 1), 10), (date(2027, 3, 1), 45))


def test_a_booked_producer_is_the_producer_with_its_booked_months() -> None:
    booked = DRONES.with_booked([(date(2027, 1, 1), 10)])
    assert isinstance(booked, BookedProducer)
    assert all(getattr(booked, f.name) == getattr(DRONES, f.name) for f in fields(Producer))
    assert DRONES.booked == ()
    assert "booked" not in {f.name for f in fields(Producer)}  # never stored nor exchanged


@pytest.mark.parametrize("booked", [
    [(date(2027, 1, 1), -1)], [(date(2027, 1, 1), 2.5)], [(date(2027, 1, 1), True)],
    [("2027-01", 10)], [(datetime(2027, 1, 1), 10)], [(date(2027, 1, 1),)], [10], "2027-01",
])
def test_booked_capacity_must_be_months_with_whole_units_of_zero_or_more(
        booked: object) -> None:
    with pytest.raises(DomainError, match="booked") as error:
        DRONES.with_booked(booked)  # type: ignore[arg-type]
    assert error.value.field == "booked"
    assert "P-1" in error.value.message


def test_a_booked_producer_still_keeps_the_producers_own_rules() -> None:
    with pytest.raises(DomainError, match="lead"):
        BookedProducer("P-1", "drones", "FPV-DRONE", 400.0, 100, date(2027, 1, 1), -1)
