"""Funding pledges and the recipient's own producers they buy from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from clearinghouse.domain.catalogue import check_ref
from clearinghouse.domain.errors import require
from clearinghouse.domain.nations import check_code
from clearinghouse.domain.needs import check_quantity


@dataclass(frozen=True, slots=True)
class FundingPledge:
    """Money a donor pledges to buy units from producers; ``earmark`` is a class or capability."""

    ref: str
    donor: str
    amount_eur: float
    instrument: str
    available: date
    earmark: str | None = None

    def __post_init__(self) -> None:
        check_ref(self.ref, what="funding pledge")
        check_code(self.donor, field="donor", what="donor nation")
        require(0 < self.amount_eur < float("inf"),
                f"funding pledge {self.ref}: amount {self.amount_eur} EUR must be positive",
                field="amount_eur", rule="must be > 0", value=self.amount_eur)
        require(bool(self.instrument.strip()), f"funding pledge {self.ref}: instrument is empty",
                field="instrument", rule="must name the funding instrument", value=self.instrument)


@dataclass(frozen=True, slots=True)
class Producer:
    """A producer in the recipient's industry: makes units of a class, delivered after a lead."""

    code: str
    name: str
    class_code: str
    unit_price_eur: float
    capacity_per_month: int
    available: date
    lead_months: int

    def __post_init__(self) -> None:
        check_ref(self.code, field="code", what="producer")
        check_ref(self.class_code, field="class", what="class")
        require(0 < self.unit_price_eur < float("inf"),
                f"producer {self.code}: unit price {self.unit_price_eur} EUR must be positive",
                field="unit_price_eur", rule="must be > 0", value=self.unit_price_eur)
        check_quantity(f"producer {self.code}", self.capacity_per_month, "capacity_per_month")
        require(isinstance(self.lead_months, int) and self.lead_months >= 0,
                f"producer {self.code}: lead time {self.lead_months} months is negative",
                field="lead_months", rule="must be a whole number >= 0", value=self.lead_months)
