"""The stability stage (SPEC §4 "Stability"): among plans of the optimal value, the one that
changes the reference plan least, then the cheapest.

Churn is Σ_l |x_l − r_l| / 2 over lines l (offer, need, hub, producer, month), x the plan's
units and r the reference's; line_model.py makes it linear. The value to keep, V, is that of
the plan without a reference (the value stage's) or, if more, that of the reference's lines
that still fit (booked in order, each cut to what fits). Small problems (branch and bound in
the engine) solve the line model over every possible line in whole units: exact. Larger ones
solve it as an LP over the lines of the reference and of the plan without it, holding every
line at what the reference keeps except the *neighbourhood* of what changed — lines of the
needs the plan without a reference serves better and of the rows the reference no longer
fits, widened by the offers, needs, producers and pledges those lines use, hop by hop, until
V is reachable (``HOPS``; then all lines). The LP is rounded down (which keeps every row) and
topped up with reference lines first — rounding keeps reference lines where it can — then
the plan's own, then the manual way. A rounded plan that falls short of V by more than the
MIP gap is replaced by the better of the plan without a reference and the reference's lines
that fit, topped up (``fallback``).
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from clearinghouse.planning.allotment import Allotment, Row
from clearinghouse.planning.greedy import fill
from clearinghouse.planning.line_model import HUB, NEED, LineRows, least_churn, line_rows, weighted
from clearinghouse.planning.lines import (
    Lines,
    allotment_lines,
    concat,
    every_line,
    read_allocations,
)
from clearinghouse.planning.plan import Allocation
from clearinghouse.planning.problem import Bools, Floats, Problem
from clearinghouse.planning.result import plan_value

HOPS = 2  # widenings of the neighbourhood before the whole line model is solved


@dataclass(frozen=True, eq=False, slots=True)
class Stable:
    """The stable plan's allotment and how it was found: ``optimal`` (whole units), ``rounded``,
    ``time-limit`` (reference lines that fit, topped up) or ``fallback``."""

    allotment: Allotment
    how: str


def stabilise(p: Problem, fresh: Allotment, reference: Sequence[Allocation], *,
              exact: bool, order: Sequence[int], deadline: float) -> Stable:
    """The plan of least churn against ``reference`` worth at least ``fresh`` (the plan
    without a reference), then the cheapest; ``exact``: every line, whole units;
    ``order``: the needs in the order the manual way tops up."""
    ref, ref_qty, code = read_allocations(p, reference)
    keep = code == 0
    ref, ref_qty = _merged(p, ref.take(keep), ref_qty[keep])
    kept_units = book_fresh(Allotment(p), ref, line_rows(p, ref), ref_qty, record=False)
    kept_value = float(np.sum(ref.value(p) * kept_units))
    worth = plan_value(p, fresh)
    target = max(worth, kept_value)
    # whole units must be worth the reference's lines that fit and, within the MIP gap, the
    # value stage's plan; the LP gets half the gap, rounding (and topping up) the rest
    gap = p.settings.mip_rel_gap
    floor = target if exact else max(kept_value, worth * (1 - gap / 2))
    accept = max(kept_value, worth * (1 - gap)) - 1e-9
    got, got_qty = allotment_lines(p, fresh)
    lines, r = _candidates(p, ref, ref_qty, every_line(p) if exact else got)
    held = np.zeros(len(lines))
    held[np.searchsorted(lines.key(p), ref.key(p))] = kept_units
    rows = line_rows(p, lines)
    if exact:
        solved = least_churn(p, lines, rows, r, held, np.ones(len(lines), bool), floor,
                             integer=True, deadline=deadline)
        tries = [] if solved is None else [solved]
    else:
        tries = _local(p, lines, rows, r, held, units_on(p, lines, got, got_qty), floor,
                       deadline)
    for x in reversed(tries):  # least churn first; rounding may cost too much value
        allotment = Allotment(p)
        book_fresh(allotment, lines, rows, np.floor(x + 1e-6))
        if not exact:
            book_lines(allotment, lines, r)  # reference lines the rounding cut short
            book_lines(allotment, got, got_qty)
            fill(allotment, order)
        if plan_value(p, allotment) >= accept:
            return Stable(allotment, "optimal" if exact else "rounded")
    kept = Allotment(p)
    book_at_once(kept, ref, kept_units)
    fill(kept, order)
    if not tries and time.perf_counter() >= deadline:  # out of time: what fits of the reference
        return Stable(kept, "time-limit")
    best = kept if plan_value(p, kept) >= plan_value(p, fresh) else fresh
    return Stable(best, "fallback")


def _local(p: Problem, lines: Lines, rows: LineRows, r: Floats, held: Floats, fresh: Floats,
           floor: float, deadline: float) -> list[Floats]:
    """The LP's solutions worth ``floor`` over a widening neighbourhood of what changed."""
    a = rows.matrix
    by_row = a.T.tocsr()
    gains = (rows.kind == NEED) & (a @ fresh > a @ held + 1e-6)
    clipped = held < r - 1e-6
    seeds = gains | (_touching(by_row, clipped) & (rows.kind != HUB))
    free = _touching(a, seeds)
    least = floor * (1 - 1e-9) - 1e-9
    for _ in range(HOPS):
        free = _touching(a, _touching(by_row, free) & (rows.kind != HUB))
        found = weighted(p, lines, rows, r, held, free, floor, deadline)
        if not found:
            return []
        if found[-1][1] >= least:
            return [x for x, worth in found if worth >= least]
        if free.all():
            break
    return []


def _touching(a: sp.csr_matrix, mask: Bools) -> Bools:
    """Columns of ``a`` (rows × columns) with an entry in a row of ``mask`` — or, given the
    transpose, rows with an entry in a column of ``mask`` (entries are never negative)."""
    hit: Bools = (a.T @ mask.astype(np.float64)) > 0
    return hit


def _merged(p: Problem, lines: Lines, qty: Floats) -> tuple[Lines, Floats]:
    """Equal lines merged (a reference file may repeat one), units summed."""
    keys, first, inverse = np.unique(lines.key(p), return_index=True, return_inverse=True)
    total = np.bincount(inverse.reshape(-1), weights=qty, minlength=len(keys))
    return lines.take(first), total.astype(np.float64)


def _candidates(p: Problem, ref: Lines, ref_qty: Floats, more: Lines) -> tuple[Lines, Floats]:
    """The reference lines and ``more``, each once, with its reference units (0: none)."""
    both = concat([ref, more])
    keys, first = np.unique(both.key(p), return_index=True)
    lines = both.take(first)
    r = np.zeros(len(keys))
    r[np.searchsorted(keys, ref.key(p))] = ref_qty
    return lines, r


def book_fresh(allotment: Allotment, lines: Lines, rows: LineRows, qty: Floats, *,
               record: bool = True) -> Floats:
    """Book whole ``qty`` units on each line into an empty allotment, as far as they fit: lines
    of rows they would overfill one by one, in order, the others at once; the units booked
    per line (``record=False``: the allotment keeps no rows for the lines booked at once)."""
    over = rows.matrix @ qty > rows.upper + 1e-9
    risky = _touching(rows.matrix, over)
    book_at_once(allotment, lines.take(~risky), qty[~risky], record=record)
    few = lines.take(risky)
    book_lines(allotment, few, qty[risky])
    booked: Floats = np.floor(qty + 1e-6)
    booked[risky] = held_units(allotment, few)
    return booked


def book_at_once(allotment: Allotment, lines: Lines, qty: Floats, *, record: bool = True) -> None:
    """Book whole ``qty`` units on each line, vectorised; the caller knows they fit."""
    p = allotment.p
    some = np.flatnonzero(qty >= 1)
    lines, units = lines.take(some), qty[some].astype(np.int64)
    made = lines.made
    s, o, h, k, t = lines.source, lines.source, lines.hub, lines.producer, lines.month
    offer_left = np.asarray(allotment.offer_left, dtype=np.int64)
    np.subtract.at(offer_left, o[~made], units[~made])
    hub_left = np.asarray(allotment.hub_left, dtype=np.float64).reshape(len(p.hubs), p.horizon)
    np.subtract.at(hub_left, (h[~made], t[~made]),
                   units[~made] * lines.tonnes(p)[~made])
    need_left = np.asarray(allotment.need_left, dtype=np.float64)
    np.subtract.at(need_left, lines.need, units * lines.factor)
    producer_left = np.asarray(allotment.producer_left, dtype=np.float64).reshape(
        len(p.producer_code), p.horizon)
    pledge_left = np.asarray(allotment.pledge_left, dtype=np.float64)
    if made.any():
        km = k[made]
        np.subtract.at(producer_left, (km, t[made] - p.producer_lead[km]), units[made])
        np.subtract.at(pledge_left, s[made], units[made] * p.producer_price[km])
    allotment.offer_left, allotment.hub_left = offer_left.tolist(), hub_left.tolist()
    allotment.need_left, allotment.producer_left = need_left.tolist(), producer_left.tolist()
    allotment.pledge_left = pledge_left.tolist()
    allotment.closings += 1  # hub-months may have filled up: the manual way looks again
    if record:
        allotment.rows.extend(Row(*fields) for fields in zip(
            s.tolist(), lines.need.tolist(), h.tolist(), k.tolist(), t.tolist(),
            units.tolist(), lines.factor.tolist(), strict=True))


def book_lines(allotment: Allotment, lines: Lines, qty: Floats) -> None:
    """Bring each line up to ``qty`` units, as far as what is left still fits."""
    p = allotment.p
    missing = qty - held_units(allotment, lines)
    for i in np.flatnonzero(missing >= 1 - 1e-6).tolist():
        want = math.floor(missing[i] + 1e-6)
        n, t, f = int(lines.need[i]), int(lines.month[i]), float(lines.factor[i])
        src = int(lines.source[i])
        if lines.producer[i] < 0:
            h = int(lines.hub[i])
            q = min(want, allotment.offer_left[src], allotment.hub_units(src, h, t),
                    allotment.units_for(n, f))
            if q > 0:
                allotment.ship(src, n, h, t, q, f)
        else:
            k = int(lines.producer[i])
            made = t - int(p.producer_lead[k])
            q = min(want, allotment.made_units(src, k, made), allotment.units_for(n, f))
            if q > 0:
                allotment.make(src, k, made, n, q, f)


def held_units(allotment: Allotment, lines: Lines) -> Floats:
    """Units the allotment books on each of ``lines``."""
    if not allotment.rows or not len(lines):
        return np.zeros(len(lines))
    have, qty = allotment_lines(allotment.p, allotment)
    return units_on(allotment.p, lines, have, qty)


def units_on(p: Problem, lines: Lines, have: Lines, qty: Floats) -> Floats:
    """The units ``qty`` of distinct lines ``have`` (sorted by key) on each of ``lines``."""
    out = np.zeros(len(lines))
    if not len(have) or not len(lines):
        return out
    hk = have.key(p)
    keys = lines.key(p)
    at = np.minimum(np.searchsorted(hk, keys), len(hk) - 1)
    match = hk[at] == keys
    out[match] = qty[at[match]]
    return out
