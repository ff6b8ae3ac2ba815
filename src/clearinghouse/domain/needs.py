"""Needs (requirements) of the recipient."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from clearinghouse.domain.catalogue import check_ref
from clearinghouse.domain.errors import require
from clearinghouse.domain.lifecycle import NEED_TRANSITIONS, NeedStatus, check_transition
from clearinghouse.domain.releasability import ALL, Releasability


def check_quantity(what: str, quantity: int, field: str = "quantity") -> int:
    """Quantities are whole units greater than zero."""
    require(isinstance(quantity, int) and not isinstance(quantity, bool) and quantity > 0,
            f"{what}: quantity {quantity} must be a whole number of units greater than 0",
            field=field, rule="must be a whole number > 0", value=quantity)
    return quantity


def check_priority(what: str, priority: int) -> int:
    """Priority runs from 1 (most urgent) to 5."""
    require(isinstance(priority, int) and 1 <= priority <= 5,
            f"{what}: priority {priority} is out of range", field="priority",
            rule="must be 1 (most urgent) to 5", value=priority)
    return priority


@dataclass(slots=True)
class Need:
    ref: str
    class_code: str
    quantity: int
    priority: int
    due: date
    destination: str
    releasability: Releasability = (ALL,)
    status: NeedStatus = NeedStatus.OPEN
    delivered: int = field(default=0)

    def __post_init__(self) -> None:
        check_ref(self.ref, what="need")
        check_ref(self.class_code, field="class", what="class")
        check_quantity(f"need {self.ref}", self.quantity)
        check_priority(f"need {self.ref}", self.priority)
        require(bool(self.destination.strip()), f"need {self.ref}: destination is empty",
                field="destination", rule="must not be empty", value=self.destination)

    def move_to(self, status: NeedStatus) -> None:
        """Change status along the need lifecycle (draft → validated → open → … → closed)."""
        self.status = check_transition(f"need {self.ref}", self.status, status, NEED_TRANSITIONS)

    def mark_planned(self, fraction: float) -> bool:
        """Follow an approved plan: met when it fills the need, partially-met when it fills
        some, open again when it fills none. Returns True when the status changed."""
        if self.status in (NeedStatus.DRAFT, NeedStatus.CLOSED, NeedStatus.CANCELLED):
            return False
        before = self.status
        if self.status is NeedStatus.VALIDATED and fraction > 0:
            self.move_to(NeedStatus.OPEN)
        if fraction >= 1:
            target = NeedStatus.MET
        elif fraction > 0:
            target = NeedStatus.PARTIALLY_MET
        else:
            filled = (NeedStatus.PARTIALLY_MET, NeedStatus.MET)
            target = NeedStatus.OPEN if self.status in filled else self.status
        if target is NeedStatus.OPEN and self.status is NeedStatus.MET:
            self.move_to(NeedStatus.PARTIALLY_MET)
        if target is not self.status:
            self.move_to(target)
        return self.status is not before

    def record_fulfilment(self, delivered: int) -> None:
        """Set the delivered quantity and move to partially-met or met accordingly."""
        require(0 <= delivered <= self.quantity,
                f"need {self.ref}: delivered {delivered} exceeds the {self.quantity} requested",
                field="delivered", rule="0 <= delivered <= quantity", value=delivered)
        self.delivered = delivered
        target = (NeedStatus.MET if delivered == self.quantity
                  else NeedStatus.PARTIALLY_MET if delivered > 0 else self.status)
        if target != self.status:
            self.move_to(target)
