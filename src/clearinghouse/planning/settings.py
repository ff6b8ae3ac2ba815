"""Plan settings: the start month, horizon, priority weights, lateness decay and solver limits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from clearinghouse.domain.errors import require
from clearinghouse.domain.months import month_index

DEFAULT_WEIGHTS: tuple[float, ...] = (1000, 100, 10, 3, 1)


@dataclass(frozen=True, slots=True)
class PlanSettings:
    """The settings of SPEC §4: W, δ, the lateness cut-off and the horizon, plus solver limits."""

    start: date
    horizon: int = 12
    weights: tuple[float, ...] = DEFAULT_WEIGHTS
    decay: float = 0.5
    late_cutoff_months: int = 3
    time_limit_s: float = 300
    mip_rel_gap: float = 1e-4

    def __post_init__(self) -> None:
        require(self.start.day == 1, f"plan start {self.start} is not the first of a month",
                field="start", rule="must be the first day of a month", value=self.start)
        require(_whole(self.horizon) and self.horizon >= 1,
                f"plan horizon {self.horizon} months is too short", field="horizon",
                rule="must be a whole number of months >= 1", value=self.horizon)
        require(len(self.weights) == 5 and all(0 < w < float("inf") for w in self.weights),
                f"priority weights {self.weights} are not five positive numbers",
                field="weights", rule="must be five positive numbers, W[1] … W[5]",
                value=self.weights)
        require(0 < self.decay <= 1, f"lateness decay {self.decay} is out of range",
                field="decay", rule="must satisfy 0 < decay <= 1", value=self.decay)
        require(_whole(self.late_cutoff_months) and self.late_cutoff_months >= 0,
                f"lateness cut-off {self.late_cutoff_months} months is negative",
                field="late_cutoff_months", rule="must be a whole number of months >= 0",
                value=self.late_cutoff_months)
        require(0 < self.time_limit_s < float("inf"),
                f"solver time limit {self.time_limit_s} s must be positive",
                field="time_limit_s", rule="must be > 0 seconds", value=self.time_limit_s)
        require(0 <= self.mip_rel_gap < 1, f"MIP gap {self.mip_rel_gap} is out of range",
                field="mip_rel_gap", rule="must satisfy 0 <= gap < 1", value=self.mip_rel_gap)

    def plan_month(self, d: date) -> int:
        """The plan month of ``d``: months from the start month; dates before the start are 0."""
        return max(0, month_index(d, self.start))

    def weight(self, priority: int) -> float:
        """W[p] for priority ``p`` (1 is the most urgent)."""
        return self.weights[priority - 1]


def _whole(n: object) -> bool:
    return isinstance(n, int) and not isinstance(n, bool)
