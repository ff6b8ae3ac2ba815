"""Procurement requests: allies buying what the recipient's industry makes (SPEC §5)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from clearinghouse.domain.catalogue import check_ref
from clearinghouse.domain.errors import require
from clearinghouse.domain.nations import check_code
from clearinghouse.domain.needs import check_quantity
from clearinghouse.domain.releasability import ALL, Releasability

#: Why a request is not filled in full, in the order they are tested (see
#: :mod:`clearinghouse.planning.procurement` for their exact meaning).
UNFILLED_REASONS: tuple[str, ...] = ("no-producer", "price-cap", "too-late", "no-capacity-left")


@dataclass(slots=True)
class ProcurementRequest:
    """An allied nation (``buyer``) asks to buy ``quantity`` units of a class from the
    recipient's producers, at most ``max_unit_price_eur`` a unit, delivered by ``due``.

    The buyer owns the request (SPEC §1.1): it always sees it, whatever ``releasability``
    says, and only its users and coordinators change it.
    """

    ref: str
    buyer: str
    class_code: str
    quantity: int
    max_unit_price_eur: float
    due: date
    releasability: Releasability = (ALL,)

    def __post_init__(self) -> None:
        check_ref(self.ref, what="procurement request")
        check_code(self.buyer, field="buyer", what="buyer nation")
        check_ref(self.class_code, field="class", what="class")
        check_quantity(f"procurement request {self.ref}", self.quantity)
        price = self.max_unit_price_eur
        require(isinstance(price, int | float) and not isinstance(price, bool)
                and math.isfinite(price) and price >= 0,
                f"procurement request {self.ref}: maximum unit price {price} EUR is negative",
                field="max_unit_price_eur", rule="must be a number >= 0", value=price)
