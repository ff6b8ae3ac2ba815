"""Catalogue items, compatibility classes and substitution rules."""

from __future__ import annotations

import re
from dataclasses import dataclass

from clearinghouse.domain.errors import require

_NSN = re.compile(r"^\d{4}-\d{2}-\d{3}-\d{4}$")
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/+-]*$")


def check_ref(ref: str, *, field: str = "ref", what: str = "record") -> str:
    """A reference or code is a non-empty word of letters, digits and ``. _ / + -``."""
    require(bool(_CODE.match(ref)), f"{what} reference {ref!r} is not a valid code",
            field=field, rule="must be letters, digits and . _ / + - (no spaces)", value=ref)
    return ref


def check_nsn(nsn: str) -> str:
    """A NATO Stock Number has 13 digits written NNNN-NN-NNN-NNNN."""
    require(bool(_NSN.match(nsn)), f"NSN {nsn!r} is malformed", field="nsn",
            rule="a NATO Stock Number is 13 digits written NNNN-NN-NNN-NNNN", value=nsn)
    return nsn


@dataclass(frozen=True, slots=True)
class Item:
    code: str
    name: str
    capability: str
    class_code: str
    unit: str
    unit_weight_kg: float
    lethal: bool
    nsn: str | None = None

    def __post_init__(self) -> None:
        check_ref(self.code, field="code", what="item")
        check_ref(self.class_code, field="class", what="class")
        require(bool(self.name.strip()), f"item {self.code}: name is empty", field="name",
                rule="must not be empty", value=self.name)
        require(bool(self.capability.strip()), f"item {self.code}: capability is empty",
                field="capability", rule="must not be empty", value=self.capability)
        require(bool(self.unit.strip()), f"item {self.code}: unit is empty", field="unit",
                rule="must not be empty", value=self.unit)
        require(self.unit_weight_kg >= 0 and self.unit_weight_kg < float("inf"),
                f"item {self.code}: unit weight {self.unit_weight_kg} kg is negative",
                field="unit_weight_kg", rule="must be >= 0 (0 for services)",
                value=self.unit_weight_kg)
        if self.nsn:
            check_nsn(self.nsn)


@dataclass(frozen=True, slots=True)
class Substitution:
    """One unit of ``offer_class`` counts as ``factor`` units of ``need_class``."""

    need_class: str
    offer_class: str
    factor: float

    def __post_init__(self) -> None:
        require(0 < self.factor <= 1,
                f"substitution {self.offer_class} for {self.need_class}: factor {self.factor} "
                "is out of range", field="factor", rule="must satisfy 0 < factor <= 1",
                value=self.factor)
        require(self.need_class != self.offer_class,
                f"substitution of class {self.need_class} for itself", field="offer_class",
                rule="must differ from need_class", value=self.offer_class)
