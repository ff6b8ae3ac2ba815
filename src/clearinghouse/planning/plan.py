"""A plan: whole-unit allocations, per-need results and hub loads, with its value and bound."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from clearinghouse.planning.settings import PlanSettings

if TYPE_CHECKING:
    from clearinghouse.planning.churn import Churn

#: Why a need is not fully met (SPEC §4), in the order the engine tests them.
REASONS: tuple[str, ...] = ("no-compatible-offer", "caveat", "too-late", "hub-capacity",
                            "outbid-by-higher-priority")


@dataclass(frozen=True, slots=True)
class Allocation:
    """``quantity`` whole units of the offer's item (or produced units) to a need in ``month``.

    Units through a hub have ``hub`` set and ``producer`` None; produced units have
    ``producer`` set, ``hub`` None, ``offer`` the funding pledge and ``month`` the delivery month.
    """

    offer: str
    need: str
    hub: str | None
    producer: str | None
    month: int
    quantity: int
    tonnes: float


@dataclass(frozen=True, slots=True)
class NeedResult:
    """Units the need holds after the plan (its own units, factors applied) and why not more."""

    delivered: float
    fraction: float
    reason: str | None


@dataclass(slots=True)
class Plan:
    """A whole-unit plan.

    ``status``: ``optimal`` (branch and bound within ``mip_rel_gap``), ``rounded`` (LP optimum
    rounded down and topped up), ``greedy`` (the manual method was worth more and is kept),
    ``time-limit`` (the solver ran out of time; the best plan found). ``value`` is the SPEC
    §4 value of the allocations; ``lp_bound`` the optimum with fractional quantities (NaN
    when the LP was not solved in time, and for the greedy baseline on its own).
    ``transport_cost`` is tonnes × lane cost; ``greedy_value`` the baseline's value;
    ``churn`` what changed against the reference plan (None: planned without one).
    """

    status: str
    value: float
    lp_bound: float
    allocations: list[Allocation]
    needs: dict[str, NeedResult]
    hub_tonnes: dict[str, list[float]]
    transport_cost: float
    settings: PlanSettings
    solve_seconds: float = 0.0
    greedy_value: float | None = None
    churn: Churn | None = None
