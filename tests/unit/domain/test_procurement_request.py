"""A procurement request's own rules: whole units > 0, a price >= 0, a buyer's nation code."""

from __future__ import annotations

from datetime import date

import pytest

from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.procurement import ProcurementRequest


def make(**kw: object) -> ProcurementRequest:
    values: dict[str, object] = {"ref": "PR-1", "buyer": "POL", "class_code": "FPV-DRONE",
                                 "quantity": 10, "max_unit_price_eur": 400.0,
                                 "due": date(2027, 6, 1)}
    return ProcurementRequest(**{**values, **kw})  # type: ignore[arg-type]


def test_a_valid_request_is_released_to_all_by_default() -> None:
    assert make().releasability == ("ALL",)


def test_a_free_request_at_price_zero_is_allowed() -> None:
    assert make(max_unit_price_eur=0.0).max_unit_price_eur == 0.0


@pytest.mark.parametrize(("field", "value", "rule"), [
    ("quantity", 0, "must be a whole number > 0"),
    ("quantity", 1.5, "must be a whole number > 0"),
    ("max_unit_price_eur", -1.0, "must be a number >= 0"),
    ("max_unit_price_eur", float("nan"), "must be a number >= 0"),
    ("max_unit_price_eur", float("inf"), "must be a number >= 0"),
    ("buyer", "Poland", "must be three capital letters (ISO 3166-1 alpha-3)"),
    ("ref", "PR 1", "must be letters, digits and . _ / + - (no spaces)"),
    ("class_code", "", "must be letters, digits and . _ / + - (no spaces)"),
])
def test_a_request_breaking_a_rule_is_refused_naming_the_field(field: str, value: object,
                                                               rule: str) -> None:
    with pytest.raises(DomainError) as e:
        make(**{field: value})
    assert e.value.rule == rule
    assert e.value.field == {"class_code": "class"}.get(field, field)
