"""The field rules at the edge (domain.fields), shared by the API's schemas and the forms."""

from __future__ import annotations

from datetime import date

import pytest

from clearinghouse.domain import fields


def test_a_reference_is_at_most_40_characters_of_letters_digits_and_dot_underscore_slash_dash(
        ) -> None:
    assert fields.ref_problem("N-0545/a_b.c") is None
    assert fields.ref_problem("X" * 40) is None
    assert "at most 40" in (fields.ref_problem("X" * 41) or "")
    assert "no spaces" in (fields.ref_problem("N 1") or "")
    assert fields.ref_problem("N+1") is not None


def test_free_text_is_at_most_200_characters_without_control_characters() -> None:
    assert fields.text_problem("Kyiv depot 3") is None
    assert fields.text_problem("K" * 201) is not None
    assert fields.text_problem("a\tb") is not None


def test_trainees_and_seats_run_from_1_to_a_million_people() -> None:
    assert fields.people_problem(1) is None
    assert fields.people_problem(10**6) is None
    assert fields.people_problem(10**6 + 1) is not None
    assert fields.people_problem(0) is not None


def test_quantities_run_from_1_to_a_billion_and_plans_from_1_to_120_months() -> None:
    assert fields.quantity_problem(10**9) is None
    assert fields.quantity_problem(10**9 + 1) is not None
    assert fields.quantity_problem(0) is not None
    assert fields.horizon_problem(120) is None
    assert fields.horizon_problem(-3) is not None


def test_a_start_month_is_the_first_of_a_month() -> None:
    assert fields.start_month("2027-03") == date(2027, 3, 1)
    assert fields.start_month("2027-03-01") == date(2027, 3, 1)
    for bad in ("2027-13", "2027-03-15", "March", "1970-01"):
        with pytest.raises(ValueError, match="YYYY-MM"):
            fields.start_month(bad)


def test_a_due_date_in_the_past_is_a_warning_not_an_error() -> None:
    assert fields.due_warning(date(2027, 1, 1), date(2026, 12, 4)) is None
    assert "in the past" in (fields.due_warning(date(2020, 1, 1), date(2026, 12, 4)) or "")
