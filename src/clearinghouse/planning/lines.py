"""Allocation lines in problem indices: a reference plan read onto a problem, and every line
a small problem allows.

A *line* is one (offer, need, hub, producer, month) of SPEC §4 stability: units of an offer
through a hub (``producer`` −1), or units a pledge buys from a producer (``hub`` −1, the
pledge in ``source``, ``month`` the delivery month). A line read from a reference plan may no
longer be possible — its offer withdrawn, its hub closed, its month past the need's cut-off —
and :func:`blocked` says why, per line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter

import numpy as np

from clearinghouse.planning.allotment import Allotment
from clearinghouse.planning.plan import Allocation
from clearinghouse.planning.problem import Bools, Floats, Ints, Problem

#: Why a reference line cannot be kept (index = the code :func:`blocked` returns; 0: it can).
BLOCKS: tuple[str, ...] = ("", "need no longer planned", "offer or pledge gone",
                           "class no longer compatible", "hub closed or not allowed",
                           "outside the delivery window", "production no longer possible")


@dataclass(frozen=True, eq=False, slots=True)
class Lines:
    """Lines ``l``: ``source`` is an offer (``producer`` −1) or a pledge (``hub`` −1);
    ``factor`` converts the source's units into the need's (0: not compatible)."""

    source: Ints
    need: Ints
    hub: Ints
    producer: Ints
    month: Ints
    factor: Floats

    def __len__(self) -> int:
        return len(self.need)

    @property
    def made(self) -> Bools:
        made: Bools = self.producer >= 0
        return made

    def key(self, p: Problem) -> Ints:
        """One integer per distinct line (equal lines, equal keys)."""
        sources = max(len(p.offer_ref), len(p.pledge_ref), 1)
        k = self.made.astype(np.int64) * sources + self.source
        k = k * max(len(p.need_ref), 1) + self.need
        k = k * (len(p.hubs) + 1) + self.hub + 1
        k = k * (len(p.producer_code) + 1) + self.producer + 1
        out: Ints = k * p.horizon + self.month
        return out

    def take(self, which: Ints | Bools) -> Lines:
        return Lines(self.source[which], self.need[which], self.hub[which],
                     self.producer[which], self.month[which], self.factor[which])

    def value(self, p: Problem) -> Floats:
        """Value per unit: factor × W[p]/r × δ^max(0, month − due)."""
        late = np.maximum(0, self.month - p.need_due[self.need]).astype(np.float64)
        out: Floats = self.factor * p.need_unit_value[self.need] * p.settings.decay ** late
        return out

    def tonnes(self, p: Problem) -> Floats:
        """Tonnes per unit through the line's hub (0 for produced units)."""
        if not len(p.offer_ref):
            return np.zeros(len(self))
        out: Floats = np.where(self.made, 0.0, p.offer_weight[self.source * ~self.made] / 1000)
        return out

    def cost(self, p: Problem) -> Floats:
        """Transport cost per unit: tonnes × the lane's cost per tonne."""
        shipped = ~self.made
        if not len(p.offer_ref) or not len(p.hubs):
            return np.zeros(len(self))
        lane = p.route_cost[p.offer_route[self.source * shipped], np.maximum(self.hub, 0)]
        out: Floats = np.where(shipped, self.tonnes(p) * lane, 0.0)
        return out


def concat(parts: Iterable[Lines]) -> Lines:
    parts = list(parts)
    return Lines(*(np.concatenate([getattr(x, f) for x in parts]) for f in
                   ("source", "need", "hub", "producer", "month", "factor")))


def read_allocations(p: Problem, allocations: Sequence[Allocation]) -> tuple[Lines, Floats,
                                                                              Ints]:
    """A reference plan's allocations as lines of ``p``, their units, and per line why it
    cannot be kept (:data:`BLOCKS`; 0: it can). Refs ``p`` does not plan get index 0 and a
    block."""
    made = np.array([a.producer is not None for a in allocations], dtype=bool)
    offer = _find(p.offer_ref, [a.offer for a in allocations])
    pledge = _find(p.pledge_ref, [a.offer for a in allocations])
    source = np.where(made, pledge, offer)
    need = _find(p.need_ref, [a.need for a in allocations])
    hub = np.where(made, -1, _find(p.hubs, [a.hub or "" for a in allocations]))
    producer = np.where(made, _find(p.producer_code, [a.producer or "" for a in allocations]),
                        -1)
    month = np.array([a.month for a in allocations], dtype=np.int64)
    qty = np.array([a.quantity for a in allocations], dtype=np.float64)
    gone_source = (source < 0) | (made & (producer < 0))
    gone_hub = ~made & (hub < 0)
    lines = Lines(np.maximum(source, 0), np.maximum(need, 0),
                  np.where(made, -1, np.maximum(hub, 0)),
                  np.where(made, np.maximum(producer, 0), -1), month, np.zeros(len(month)))
    code = np.where(need < 0, 1, np.where(gone_source, 2, np.where(gone_hub, 4, 0)))
    if len(p.need_ref) and len(month):
        lines = _with_factors(p, lines)
        code = np.where(code == 0, blocked(p, lines), code)
    return lines, qty, code.astype(np.int64)


def _find(names: list[str], wanted: list[str]) -> Ints:
    """Index of each wanted name in the sorted ``names`` (−1: not there)."""
    if not names or not wanted:
        return np.full(len(wanted), -1, dtype=np.int64)
    table = np.array(names, dtype=str)
    keys = np.array(wanted, dtype=str)
    at = np.minimum(np.searchsorted(table, keys), len(table) - 1)
    out: Ints = np.where(table[at] == keys, at, -1).astype(np.int64)
    return out


def _with_factors(p: Problem, lines: Lines) -> Lines:
    """``lines`` with each line's factor (0 when its class does not serve the need's)."""
    C = len(p.classes)
    factor = np.zeros((C, C))
    factor[p.sub_need, p.sub_offer] = p.sub_factor
    made = lines.made
    src_class = np.where(made, p.producer_class[lines.producer * made] if len(p.producer_code)
                         else 0, p.offer_class[lines.source * ~made] if len(p.offer_ref) else 0)
    f = factor[p.need_class[lines.need], src_class]
    return Lines(lines.source, lines.need, lines.hub, lines.producer, lines.month, f)


def blocked(p: Problem, lines: Lines) -> Ints:
    """Per line: 0 when SPEC §4 allows it in ``p``, else the index of its reason in BLOCKS."""
    H, cutoff = p.horizon, p.settings.late_cutoff_months
    t = lines.month
    code = np.zeros(len(lines), dtype=np.int64)
    code[lines.factor <= 0] = 3
    late = (t < 0) | (t >= H) | (t > p.need_due[lines.need] + cutoff)
    code[(code == 0) & late] = 5
    made, shipped = lines.made, ~lines.made
    tc = np.clip(t, 0, H - 1)
    if not (len(p.offer_ref) and len(p.hubs)):
        code[(code == 0) & shipped] = 2
    else:
        o = lines.source * shipped
        route_ok = p.route_allowed[p.offer_route[o], lines.hub] & p.hub_open[lines.hub, tc]
        code[(code == 0) & shipped & ~route_ok] = 4
        code[(code == 0) & shipped & (t < p.offer_month[o])] = 5
    if len(p.producer_code) and len(p.pledge_ref):
        k, pl = lines.producer * made, lines.source * made
        m = t - p.producer_lead[k]
        mc = np.clip(m, 0, H - 1)
        ok = (p.pledge_producer[pl, k] & (m >= 0) & (m >= p.producer_month[k])
              & (m >= p.pledge_month[pl]) & (p.producer_cap[k, mc] > 0))
        code[(code == 0) & made & ~ok] = 6
    elif made.any():
        code[(code == 0) & made] = 2
    return code


def allotment_lines(p: Problem, allotment: Allotment) -> tuple[Lines, Floats]:
    """The distinct lines an allotment books and their units."""
    rows = allotment.rows
    if not rows:
        return _empty(), np.zeros(0)
    n = len(rows)

    def column(name: str, dtype: type = np.int64) -> np.ndarray:
        return np.fromiter(map(attrgetter(name), rows), dtype=dtype, count=n)

    lines = Lines(column("source"), column("need"), column("hub"), column("producer"),
                  column("month"), column("factor", np.float64))
    units = column("quantity").astype(np.float64)
    keys, first, inverse = np.unique(lines.key(p), return_index=True, return_inverse=True)
    qty = np.bincount(inverse.reshape(-1), weights=units, minlength=len(keys))
    return lines.take(first), qty.astype(np.float64)


def every_line(p: Problem) -> Lines:
    """Every line SPEC §4 allows in ``p`` (for small problems: offers × needs × hubs ×
    months, pledges × producers × needs × months)."""
    H = p.horizon
    parts = [_empty()]
    room = np.flatnonzero(p.need_room > 0)
    n_hubs = len(p.hubs)
    if len(p.offer_ref) and n_hubs:
        o, n, h, t = (a.reshape(-1) for a in np.meshgrid(
            np.arange(len(p.offer_ref)), room, np.arange(n_hubs), np.arange(H), indexing="ij"))
        parts.append(_with_factors(p, Lines(o, n, h, np.full(len(o), -1), t, np.zeros(len(o)))))
    if len(p.pledge_ref) and len(p.producer_code):
        pl, n, k, t = (a.reshape(-1) for a in np.meshgrid(
            np.arange(len(p.pledge_ref)), room, np.arange(len(p.producer_code)),
            np.arange(H), indexing="ij"))
        parts.append(_with_factors(p, Lines(pl, n, np.full(len(pl), -1), k, t,
                                            np.zeros(len(pl)))))
    lines = concat(parts)
    return lines.take(blocked(p, lines) == 0) if len(lines) else lines


def _empty() -> Lines:
    z = np.zeros(0, dtype=np.int64)
    return Lines(z, z, z, z, z, np.zeros(0))
