"""Column generation for the bucketed model: pass only the fill columns that can matter.

In each level row the fill columns are ordered by value per unit, and the optimum fills
them in that order; so the columns passed to the solver are a prefix of each level's, and
a level's prefix grows (doubling) while its next column has a positive reduced cost
``coef × v − dual(level)``. When no level has one, the optimum is the full model's.
"""

from __future__ import annotations

import numpy as np

from clearinghouse.planning.model import Model
from clearinghouse.planning.problem import Bools, Floats, Ints

FIRST = 4  # fill columns per level to start with


class FillPricing:
    """Prefixes of each level's fill columns, grown by reduced cost."""

    def __init__(self, model: Model) -> None:
        lp = model.lp
        self._cols = lp.num_cols
        fill, level = lp.columns["fill"], lp.rows["level"]
        self._fill0, self._level0 = fill.start, level.start
        n_levels = level.stop - level.start
        self._value = lp.value
        bk = model.buckets
        assert bk is not None
        self._size = np.diff(bk.member_start)[bk.level_bucket] if n_levels else np.zeros(0, int)
        self._first = np.cumsum(self._size) - self._size  # first fill column of each level
        self._prefix = np.minimum(self._size, FIRST)

    def active(self) -> Bools:
        mask = np.ones(self._cols, dtype=bool)
        mask[self._fill0:self._fill0 + int(self._size.sum())] = False
        mask[self._fill0 + self._columns(np.zeros_like(self._prefix), self._prefix)] = True
        return mask

    def extend(self, row_dual: Floats) -> Ints:
        grow = np.flatnonzero(self._prefix < self._size)
        nxt = self._fill0 + self._first[grow] + self._prefix[grow]
        gain = self._value[nxt] - row_dual[self._level0 + grow]
        grow = grow[gain > 1e-9 * np.maximum(1.0, self._value[nxt])]
        start = self._prefix.copy()
        self._prefix[grow] = np.minimum(self._size[grow], 2 * self._prefix[grow])
        new: Ints = self._fill0 + self._columns(start[grow], self._prefix[grow], grow)
        return new

    def _columns(self, lo: Ints, hi: Ints, levels: Ints | None = None) -> Ints:
        """Fill columns (relative) [lo, hi) of each level (all levels unless given)."""
        first = self._first if levels is None else self._first[levels]
        count = hi - lo
        base = np.repeat(first + lo - np.cumsum(count) + count, count)
        out: Ints = base + np.arange(int(count.sum()))
        return out
