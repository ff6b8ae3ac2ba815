"""Needs (requirements) of the recipient."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from clearinghouse.domain.catalogue import check_ref
from clearinghouse.domain.errors import require
from clearinghouse.domain.lifecycle import NEED_TRANSITIONS, NeedStatus, check_transition
from clearinghouse.domain.nations import check_code
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
    #: Units the approved plan provides (set by approval; shown beside ``delivered``).
    planned: int = field(default=0)
    #: The owning nation (SPEC §1.1): the filer's, the recipient's for imported needs. It
    #: always sees the need and, with coordinators who see it, alone may change it.
    owner: str | None = None

    def __post_init__(self) -> None:
        check_ref(self.ref, what="need")
        check_ref(self.class_code, field="class", what="class")
        check_quantity(f"need {self.ref}", self.quantity)
        check_priority(f"need {self.ref}", self.priority)
        require(bool(self.destination.strip()), f"need {self.ref}: destination is empty",
                field="destination", rule="must not be empty", value=self.destination)
        if self.owner is not None:
            check_code(self.owner, field="owner", what=f"need {self.ref} owner")

    def move_to(self, status: NeedStatus) -> None:
        """Change status along the need lifecycle (draft → validated → open → … → closed)."""
        self.status = check_transition(f"need {self.ref}", self.status, status, NEED_TRANSITIONS)

    def plan(self, units: int) -> None:
        """Set the planned quantity: what the approved plan provides to the need (whole units,
        at most the quantity). Only deliveries move the status (SPEC §2): a plan is a
        promise, not a receipt, so approving one never marks a need met."""
        require(isinstance(units, int) and units >= 0,
                f"need {self.ref}: planned {units} must be a whole number of units, 0 or more",
                field="planned", rule="must be a whole number >= 0", value=units)
        self.planned = min(units, self.quantity)

    def record_fulfilment(self, delivered: int) -> None:
        """Set the delivered quantity and move the status by it: partially-met once some
        units are delivered, met once all are (the only way a need becomes met)."""
        require(0 <= delivered <= self.quantity,
                f"need {self.ref}: delivered {delivered} exceeds the {self.quantity} requested",
                field="delivered", rule="0 <= delivered <= quantity", value=delivered)
        self.delivered = delivered
        target = (NeedStatus.MET if delivered == self.quantity
                  else NeedStatus.PARTIALLY_MET if delivered > 0 else self.status)
        if target != self.status:
            self.move_to(target)
