"""Where added tonnes go in a value model's hub rows (for what_it_takes.py).

With a row per hub and month (``hub[h,t]``), tonnes added at hub h in month t raise that row,
and units of a class added in month t pass one chosen open hub (a column per hub). In the
pooled model (pooled.py) the hubs of a month share capacity through rows ``hubs[U,t]`` over
the unions U of the groups' hub sets. Added units may pass any open hub: a group whose hub
set is every open hub N_t, which by Gale's theorem needs only one more row — the union of
everything, ``all[t]: Σ tonnes of every pass of month t <= Σ_{h open} capacity_h`` (added
unless a row of that set exists) — and added tonnes at h raise every row whose set holds h.
"""

from __future__ import annotations

import highspy
import numpy as np

from clearinghouse.planning.model import Model
from clearinghouse.planning.pooled import HubSets
from clearinghouse.planning.problem import Problem


class HubRows:
    """The rows that carry hub capacity in months up to ``d`` of ``model`` (loaded in ``h``)."""

    def __init__(self, p: Problem, model: Model, sets: HubSets | None, h: highspy.Highs,
                 d: int) -> None:
        self._p, self._sets = p, sets
        self._hub0 = model.lp.rows["hub"].start if sets is None else -1
        self._all: dict[int, int] = {}
        if sets is None:
            return
        r, g = model.routes, model.groups
        tonnes = g.weight[r.group] / 1000
        for t in range(min(d, p.horizon - 1) + 1):
            open_now = p.hub_open[:, t]
            if not open_now.any():
                continue
            same = np.flatnonzero((sets.month == t) & (sets.members == open_now).all(axis=1))
            if len(same):
                self._all[t] = int(sets.start + same[0])
                continue
            cols = np.flatnonzero((r.month == t) & (tonnes > 0))
            h.addRow(-highspy.kHighsInf, float(p.hub_capacity[open_now].sum()), len(cols),
                     (r.start + cols).astype(np.int32), tonnes[cols])
            self._all[t] = h.getNumRow() - 1

    def capacity(self, hub: int, t: int) -> list[int]:
        """Rows that tonnes added at ``hub`` in month ``t`` raise."""
        if self._sets is None:
            return [self._hub0 + hub * self._p.horizon + t]
        s = self._sets
        rows = (s.start + np.flatnonzero((s.month == t) & s.members[:, hub])).tolist()
        if t in self._all and self._all[t] not in rows:
            rows.append(self._all[t])
        return [int(row) for row in rows]

    def passes(self, t: int) -> list[tuple[int | None, list[int]]]:
        """Ways added units may pass a hub in month ``t``: (hub or None for any open one,
        the rows their tonnes load)."""
        if self._sets is None:
            return [(int(hub), [self._hub0 + int(hub) * self._p.horizon + t])
                    for hub in np.flatnonzero(self._p.hub_open[:, t])]
        return [(None, [self._all[t]])] if t in self._all else []
