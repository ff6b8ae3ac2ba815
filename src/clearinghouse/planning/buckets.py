"""Needs in buckets: the demand side of the large model, exact for fractional quantities.

Needs of the same class due the same month (months past the horizon's end count as its last)
can take the same classes in the same months; they differ only in value per unit
``v = W[p]/r`` and room. Given how many need-units a bucket receives at each lateness
``ℓ`` (``W_ℓ``), the best split gives the most valuable needs the most timely units
(rearrangement), which is worth

    F(W) = Σ_{ℓ<M} (δ^ℓ − δ^ℓ+1) · G(S_ℓ) + δ^M · G(S_M),   S_ℓ = W_0 + … + W_ℓ,

with ``G`` the bucket's concave curve (rooms in order of ``v``). The model writes each
``G(S_ℓ)`` with one bounded *fill* column per need on one *level* row; per-need rows vanish.
:func:`split` undoes the aggregation the same way the value was counted.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from clearinghouse.planning.problem import Floats, Ints, Problem


@dataclass(frozen=True, eq=False, slots=True)
class Buckets:
    """Buckets ``b`` (class, due month) with members sorted by value per unit, levels and draws.

    Level ``i`` is one row ``(bucket, lateness, coefficient)``; draw ``j`` takes units of a
    class from the pool of month due + lateness into the bucket.
    """

    cls: Ints
    due: Ints
    members: Ints
    member_start: Ints
    level_bucket: Ints
    level_late: Ints
    level_coef: Floats
    draw_bucket: Ints
    draw_cls: Ints
    draw_factor: Floats
    draw_late: Ints

    @property
    def draw_month(self) -> Ints:
        month: Ints = self.due[self.draw_bucket] + self.draw_late
        return month


def need_buckets(p: Problem, earliest: Ints) -> Buckets:
    """Bucket the needs with room; draws only from classes that can arrive in time."""
    H, cutoff, decay = p.horizon, p.settings.late_cutoff_months, p.settings.decay
    live = np.flatnonzero(p.need_room > 0)
    due = np.minimum(p.need_due[live], H - 1)
    key = p.need_class[live] * H + due
    order = np.lexsort((live, -p.need_unit_value[live], key))
    members, key = live[order], key[order]
    heads = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else _ints()
    b_cls, b_due = key[heads] // H, key[heads] % H
    top = np.minimum(cutoff, H - 1 - b_due)  # the latest lateness of each bucket
    lv_bucket, lv_late, lv_coef = [], [], []
    for late in range(cutoff + 1):
        coef = np.where(late < top, decay**late - decay ** (late + 1), decay**late)
        ok = np.flatnonzero((late <= top) & (coef > 0))
        lv_bucket.append(ok)
        lv_late.append(np.full(len(ok), late))
        lv_coef.append(coef[ok])
    dr_bucket, dr_cls, dr_factor, dr_late = [], [], [], []
    for need_class, offer_class, f in zip(p.sub_need.tolist(), p.sub_offer.tolist(),
                                          p.sub_factor.tolist(), strict=True):
        mine = np.flatnonzero(b_cls == need_class)
        for late in range(cutoff + 1):
            ok = mine[(late <= top[mine]) & (b_due[mine] + late >= earliest[offer_class])]
            dr_bucket.append(ok)
            dr_cls.append(np.full(len(ok), offer_class))
            dr_factor.append(np.full(len(ok), f))
            dr_late.append(np.full(len(ok), late))
    level_order = np.lexsort((_cat(lv_late), _cat(lv_bucket)))
    draw_order = np.lexsort((_cat(dr_cls), _cat(dr_late), _cat(dr_bucket)))
    return Buckets(
        cls=b_cls, due=b_due, members=members,
        member_start=np.r_[heads, len(members)].astype(np.int64),
        level_bucket=_cat(lv_bucket)[level_order], level_late=_cat(lv_late)[level_order],
        level_coef=_catf(lv_coef)[level_order], draw_bucket=_cat(dr_bucket)[draw_order],
        draw_cls=_cat(dr_cls)[draw_order], draw_factor=_catf(dr_factor)[draw_order],
        draw_late=_cat(dr_late)[draw_order])


def split(p: Problem, bk: Buckets, draw_x: Floats) -> tuple[Ints, Ints, Floats]:
    """Per-need pieces (draw, need, class units) of the bucket draws ``draw_x``: in each
    bucket the most timely need-units go to the most valuable needs, in order."""
    draws, needs, units = [], [], []
    used = np.flatnonzero(draw_x > 1e-9)
    bounds = np.searchsorted(bk.draw_bucket[used], np.arange(len(bk.cls) + 1))
    for b in range(len(bk.cls)):
        mine = used[bounds[b]:bounds[b + 1]]
        if not len(mine):
            continue
        members = bk.members[bk.member_start[b]:bk.member_start[b + 1]]
        supply = np.cumsum(draw_x[mine] * bk.draw_factor[mine])
        rooms = np.cumsum(p.need_room[members])
        end = min(supply[-1], rooms[-1])
        points = np.unique(np.r_[0.0, supply[supply < end], rooms[rooms < end], end])
        mids = (points[:-1] + points[1:]) / 2
        i = np.searchsorted(supply, mids, side="right")
        k = np.searchsorted(rooms, mids, side="right")
        draws.append(mine[i])
        needs.append(members[k])
        units.append(np.diff(points) / bk.draw_factor[mine[i]])
    return _cat(draws), _cat(needs), _catf(units)


def _cat(parts: list[Ints]) -> Ints:
    return np.concatenate(parts).astype(np.int64) if parts else _ints()


def _catf(parts: list[Floats]) -> Floats:
    return np.concatenate(parts).astype(np.float64) if parts else np.zeros(0)


def _ints() -> Ints:
    return np.zeros(0, dtype=np.int64)
