"""Hubs and lanes: where supplies pass on their way to the recipient."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from clearinghouse.domain.catalogue import check_ref
from clearinghouse.domain.errors import require
from clearinghouse.domain.months import month_index
from clearinghouse.domain.nations import check_code


@dataclass(frozen=True, slots=True)
class Hub:
    code: str
    name: str
    country: str
    capacity_t_per_month: float
    opens: date
    closes: date | None = None

    def __post_init__(self) -> None:
        check_ref(self.code, field="code", what="hub")
        check_code(self.country, field="country", what="hub country")
        require(0 <= self.capacity_t_per_month < float("inf"),
                f"hub {self.code}: capacity {self.capacity_t_per_month} t/month is negative",
                field="capacity_t_per_month", rule="must be >= 0",
                value=self.capacity_t_per_month)
        if self.closes is not None:
            require(self.closes > self.opens,
                    f"hub {self.code}: closes {self.closes} before it opens {self.opens}",
                    field="closes", rule="must be after opens", value=self.closes)

    def is_open(self, month: int, start: date) -> bool:
        """Whether the hub moves supplies in ``month`` (counted from ``start``'s month): from
        its opening month up to, not including, its closing month."""
        if month < month_index(self.opens, start):
            return False
        return self.closes is None or month < month_index(self.closes, start)


@dataclass(frozen=True, slots=True)
class HubMonthLoad:
    """One hub in one month: tonnes planned through it (and, once shipments move, tonnes that
    reached it) against what it can move that month — 0 while it is shut."""

    hub: str
    month: date  # the first day of the month
    capacity_t: float
    planned_t: float
    actual_t: float = 0.0


@dataclass(frozen=True, slots=True)
class Lane:
    """Origin → hub, with transit days and cost per tonne."""

    origin: str
    hub: str
    transit_days: int
    cost_per_t: float

    def __post_init__(self) -> None:
        check_ref(self.origin, field="origin", what="origin")
        check_ref(self.hub, field="hub", what="hub")
        require(isinstance(self.transit_days, int) and self.transit_days >= 0,
                f"lane {self.origin}→{self.hub}: transit of {self.transit_days} days",
                field="transit_days", rule="must be a whole number >= 0",
                value=self.transit_days)
        require(0 <= self.cost_per_t < float("inf"),
                f"lane {self.origin}→{self.hub}: cost {self.cost_per_t} per t is negative",
                field="cost_per_t", rule="must be >= 0", value=self.cost_per_t)
