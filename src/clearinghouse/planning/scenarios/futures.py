"""Random futures of a picture: offers delayed or withdrawn, hubs out for a month.

Run ``i`` of seed ``s`` draws from ``numpy.random.default_rng([s, i])`` and always draws the
same arrays in the same order (offers by ref, hubs by code), whatever the probabilities, so
a run's future depends on (seed, run) alone — not on which worker runs it, nor when.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from clearinghouse.planning.problem import Bools, Ints

MAX_DELAY = 3  # months; a delayed offer slips by 1 to MAX_DELAY months, uniformly


@dataclass(frozen=True, slots=True)
class FutureSpec:
    """The probabilities of a Monte Carlo study and its seed."""

    delay_prob: float
    withdraw_prob: float
    hub_outage_prob: float
    seed: int

    def __post_init__(self) -> None:
        for name in ("delay_prob", "withdraw_prob", "hub_outage_prob"):
            p = getattr(self, name)
            if not 0 <= p <= 1:
                raise ValueError(f"{name} {p} must lie between 0 and 1")
        if self.seed < 0:
            raise ValueError(f"seed {self.seed} must be >= 0")


@dataclass(frozen=True, eq=False, slots=True)
class FutureDraw:
    """What run ``i`` finds: per offer of the bundle (by ref) the months it slips (0: on time)
    and whether it is withdrawn; per hub (by code) the month it is out (−1: none)."""

    slip: Ints
    withdrawn: Bools
    outage: Ints


def draw(spec: FutureSpec, n_offers: int, n_hubs: int, horizon: int, run: int) -> FutureDraw:
    """Run ``run``'s draws for ``n_offers`` offers and ``n_hubs`` hubs, always in this order."""
    rng = np.random.default_rng([spec.seed, run])
    delayed = rng.random(n_offers) < spec.delay_prob
    slip = rng.integers(1, MAX_DELAY + 1, n_offers)
    withdrawn = rng.random(n_offers) < spec.withdraw_prob
    out = rng.random(n_hubs) < spec.hub_outage_prob
    out_month = rng.integers(0, horizon, n_hubs)
    return FutureDraw(np.where(delayed, slip, 0).astype(np.int64), withdrawn,
                      np.where(out, out_month, -1).astype(np.int64))

