"""Offers (pledges of items) from donor nations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from clearinghouse.domain.catalogue import Item, check_ref
from clearinghouse.domain.errors import CaveatViolation, require
from clearinghouse.domain.lifecycle import OFFER_TRANSITIONS, OfferStatus, check_transition
from clearinghouse.domain.nations import Caveat, Nation, check_code
from clearinghouse.domain.needs import check_quantity
from clearinghouse.domain.releasability import ALL, Releasability


class OfferKind(StrEnum):
    STOCK = "stock"
    PRODUCTION = "production"


@dataclass(slots=True)
class Offer:
    ref: str
    donor: str
    item: str
    quantity: int
    available: date
    origin: str
    kind: OfferKind = OfferKind.STOCK
    value_eur: float | None = None
    funding: str | None = None
    releasability: Releasability = (ALL,)
    status: OfferStatus = OfferStatus.OFFERED

    def __post_init__(self) -> None:
        check_ref(self.ref, what="offer")
        check_code(self.donor, field="donor", what="donor nation")
        check_ref(self.item, field="item", what="item")
        check_ref(self.origin, field="origin", what="origin")
        check_quantity(f"offer {self.ref}", self.quantity)
        if self.value_eur is not None:
            require(0 <= self.value_eur < float("inf"),
                    f"offer {self.ref}: value {self.value_eur} EUR is negative",
                    field="value_eur", rule="must be >= 0", value=self.value_eur)

    def check_donor_may_offer(self, donor: Nation, item: Item) -> None:
        """A ``non-lethal-only`` nation may offer only non-lethal items."""
        if donor.has(Caveat.NON_LETHAL_ONLY) and item.lethal:
            raise CaveatViolation(
                f"offer {self.ref}: {donor.name} has the caveat non-lethal-only; "
                f"item {item.code} ({item.name}) is lethal",
                field="item", rule="a non-lethal-only donor may offer only non-lethal items",
                value=item.code)

    def move_to(self, status: OfferStatus) -> None:
        """Change status along the offer lifecycle (offered → accepted → allocated → …)."""
        self.status = check_transition(f"offer {self.ref}", self.status, status,
                                       OFFER_TRANSITIONS)
