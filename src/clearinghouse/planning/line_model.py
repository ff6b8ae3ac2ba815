"""The line model of the stability stage: one column per line, rows per record, solved for
least churn at a value, then least cost.

Rows (as in reference.py, only for the records some line uses):

    offer[o]:    Σ x <= units of o             need[n]:      Σ f·x <= room of n
    hub[h,t]:    Σ tonnes·x <= capacity_h if h is open in t, else 0
    producer[k,m]: Σ x <= cap[k,m]             pledge[p]:    Σ price·x <= amount of p

Columns: *added* ``add[l] >= 0`` for every line and *kept* ``keep[l] ∈ [0, r_l]`` for every
reference line (x = keep + add); churn = (Σ r − Σ keep + Σ add) / 2. Lines outside ``free``
are held at given units (their use of the rows is taken off the bounds), so that a large
problem solves only the neighbourhood of what changed (stability.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np
import scipy.sparse as sp

from clearinghouse.planning.highs import new_highs
from clearinghouse.planning.lines import Lines
from clearinghouse.planning.problem import Bools, Floats, Ints, Problem
from clearinghouse.planning.solve import run_until

VALUE_KEEP = 1e-9  # relative value the churn step may give up (solver tolerance, not policy)
CHURN_KEEP = 1e-7  # units of churn the cost step may add (solver tolerance)
COST_NODES = 1_000  # branch-and-bound nodes the whole-unit cost step may explore
STEPS, STEP = 7, 100.0  # weights of churn tried by :func:`weighted`, each STEP× the last
OFFER, NEED, HUB, PRODUCER, PLEDGE = range(5)  # row kinds


@dataclass(frozen=True, eq=False, slots=True)
class LineRows:
    """The rows of a set of lines: ``matrix`` (rows × lines), upper bounds, each row's kind."""

    matrix: sp.csr_matrix
    upper: Floats
    kind: Ints


def line_rows(p: Problem, lines: Lines) -> LineRows:
    """The rows the lines use, with their coefficients."""
    H = p.horizon
    n = len(lines)
    made, shipped = lines.made, ~lines.made
    o, mk = np.flatnonzero(shipped), np.flatnonzero(made)
    tonnes = lines.tonnes(p)
    heavy = np.flatnonzero(shipped & (tonnes > 0))
    k = lines.producer[mk]
    parts = [
        (lines.source[o], o, np.ones(len(o)), p.offer_qty.astype(np.float64)),
        (lines.need, np.arange(n), lines.factor, p.need_room),
        (lines.hub[heavy] * H + lines.month[heavy], heavy, tonnes[heavy],
         (p.hub_capacity[:, None] * p.hub_open).reshape(-1)),
        (k * H + lines.month[mk] - p.producer_lead[k], mk, np.ones(len(mk)),
         p.producer_cap.reshape(-1)),
        (lines.source[mk], mk, p.producer_price[k], p.pledge_amount),
    ]
    rows, cols, coefs, bounds, kinds, offset = [], [], [], [], [], 0
    for kind, (keys, c, coef, bound) in enumerate(parts):
        used, inverse = np.unique(keys.astype(np.int64), return_inverse=True)
        rows.append(offset + inverse.reshape(-1))
        cols.append(c)
        coefs.append(np.asarray(coef, dtype=np.float64))
        bounds.append(bound[used] if len(used) else np.zeros(0))
        kinds.append(np.full(len(used), kind))
        offset += len(used)
    matrix = sp.csr_matrix((np.concatenate(coefs), (np.concatenate(rows), np.concatenate(cols))),
                           shape=(offset, n))
    return LineRows(matrix, np.concatenate(bounds).astype(np.float64),
                    np.concatenate(kinds).astype(np.int64))


def least_churn(p: Problem, lines: Lines, rows: LineRows, r: Floats, held: Floats,
                free: Bools, target: float, *, integer: bool,
                deadline: float) -> Floats | None:
    """Units per line: lines outside ``free`` at ``held``; the free ones of least churn with
    total value >= ``target``, then least transport cost. None: no such plan (or no time)."""
    value = lines.value(p)
    fixed = np.where(free, 0.0, held)
    cols = np.flatnonzero(free)
    if not len(cols):
        return fixed if float(np.sum(value * fixed)) >= target * (1 - VALUE_KEEP) - 1e-9 else None
    refd = cols[r[cols] > 0]
    col_of = np.r_[cols, refd]
    m = len(col_of)
    sub = rows.matrix[:, col_of].tocsc()
    used = np.flatnonzero(np.diff(sub.tocsr().indptr) > 0)
    upper_rows = (rows.upper - rows.matrix @ fixed)[used]
    values = value[col_of]
    matrix = sp.vstack([sub[used], sp.csr_matrix(values[None, :])]).tocsc()
    floor = target * (1 - VALUE_KEEP) - float(np.sum(value * fixed)) - 1e-9
    churn = np.r_[np.ones(len(cols)), -np.ones(len(refd))]
    upper = np.r_[np.full(len(cols), np.inf), r[refd]]
    h = new_highs()
    # no "threads": HiGHS refuses to run when it differs from the scheduler another solver
    # of the process started; "parallel" off keeps the search deterministic
    for name, v in (("output_flag", False), ("random_seed", 0), ("parallel", "off"),
                    ("mip_rel_gap", 0.0)):
        h.setOptionValue(name, v)
    h.passModel(m, matrix.shape[0], matrix.nnz, 1, 1, float(r[cols].sum()), churn,
                np.zeros(m), upper, np.r_[np.full(len(used), -np.inf), floor],
                np.r_[np.maximum(upper_rows, 0.0), np.inf], matrix.indptr.astype(np.int32),
                matrix.indices.astype(np.int32), matrix.data.astype(np.float64),
                np.full(m, 1 if integer else 0, dtype=np.int32))
    if run_until(h, deadline) != "optimal":
        return None
    x = _columns(h, m)
    best = float(np.sum(churn * x))
    cost = lines.cost(p)[col_of]
    if np.any(cost != 0):
        x = _cheapest(h, x, churn, best, cost, values, floor, integer, deadline)
    units: Floats = fixed.copy()
    np.add.at(units, col_of, x)
    return units


def weighted(p: Problem, lines: Lines, rows: LineRows, r: Floats, held: Floats, free: Bools,
             floor: float, deadline: float) -> list[tuple[Floats, float]]:
    """Units per line and their value: lines outside ``free`` at ``held``, the free ones
    maximising value − μ·churn − ν·cost (ν small enough that cost only breaks ties of churn),
    with the largest μ of a few tried (×``STEP`` from one that makes churn cost almost
    nothing) whose optimum is still worth ``floor`` — an LP re-solved from its last basis,
    in place of a row on value, which makes it several times slower. Every solution worth
    ``floor``, least churn last (the caller rounds them in turn); without one, the most
    valuable found (the caller widens); none when out of time."""
    value = lines.value(p)
    fixed = np.where(free, 0.0, held)
    cols = np.flatnonzero(free)
    refd = cols[r[cols] > 0]
    col_of = np.r_[cols, refd]
    m = len(col_of)
    sub = rows.matrix[:, col_of]
    used = np.flatnonzero(np.diff(sub.indptr) > 0)
    sub = sub[used].tocsc()
    upper_rows = np.maximum(rows.upper - rows.matrix @ fixed, 0.0)[used]
    churn = np.r_[np.ones(len(cols)), -np.ones(len(refd))]
    cost = lines.cost(p)[col_of]
    values = value[col_of]
    base = float(np.sum(value * fixed))
    mu = max(floor, 1.0) * 1e-7 / max(float(r.sum()), 1.0)
    h = new_highs()
    # the primal simplex: about half the time of the dual one on these models
    for name, v in (("output_flag", False), ("random_seed", 0), ("parallel", "off"),
                    ("simplex_strategy", 4)):
        h.setOptionValue(name, v)
    every = np.arange(m, dtype=np.int32)
    h.passModel(m, sub.shape[0], sub.nnz, 1, 1, 0.0, np.zeros(m),
                np.zeros(m), np.r_[np.full(len(cols), np.inf), r[refd]],
                np.full(sub.shape[0], -np.inf), upper_rows, sub.indptr.astype(np.int32),
                sub.indices.astype(np.int32), sub.data.astype(np.float64),
                np.zeros(m, dtype=np.int32))
    found: list[tuple[Floats, float]] = []
    least = floor * (1 - 1e-9) - 1e-9  # the floor, less the solver's tolerance
    step = STEP
    for _ in range(STEPS):
        h.changeColsCost(m, every, _objective(values, churn, cost, mu))
        if run_until(h, deadline) != "optimal":
            break
        x = _columns(h, m)
        worth = base + float(np.sum(values * x))
        if worth >= least or not found:
            out: Floats = fixed.copy()
            np.add.at(out, col_of, x)
            found.append((out, worth))
        if worth < least:
            if found[-1][1] < least or step < STEP:  # nothing worth the floor, or refined
                break
            mu /= step
            step = float(np.sqrt(step))  # once more, half-way (on a log scale)
        mu *= step
    return found


def _objective(values: Floats, churn: Floats, cost: Floats, mu: float) -> Floats:
    """Minimise −value + μ·churn + ν·cost, ν·(the dearest line) = μ / 1000."""
    nu = mu * 1e-3 / max(float(cost.max(initial=0.0)), 1e-12)
    out: Floats = -values + mu * churn + nu * cost
    return out


def _cheapest(h: highspy.Highs, x: Floats, churn: Floats, best: float, cost: Floats,
              values: Floats, floor: float, integer: bool, deadline: float) -> Floats:
    """Least cost among solutions of churn <= best (less the tolerance), from ``x``."""
    m = len(x)
    every = np.arange(m, dtype=np.int32)
    h.addRow(-np.inf, best + CHURN_KEEP, m, every, churn)
    h.changeColsCost(m, every, cost)
    h.changeObjectiveOffset(0.0)
    if integer:
        h.setOptionValue("mip_max_nodes", COST_NODES)
    else:
        h.setOptionValue("simplex_strategy", 4)  # primal: every iterate keeps the churn
    run_until(h, deadline)
    solution = h.getSolution()
    if solution.value_valid:
        cheaper: Floats = np.maximum(np.asarray(solution.col_value, dtype=np.float64), 0.0)
        if (float(np.sum(churn * cheaper)) <= best + 2 * CHURN_KEEP
                and float(np.sum(values * cheaper)) >= floor - 1e-6
                and float(np.sum(cost * cheaper)) <= float(np.sum(cost * x))):
            return cheaper
    return x


def _columns(h: highspy.Highs, m: int) -> Floats:
    solution = h.getSolution()
    out: Floats = np.maximum(np.asarray(solution.col_value, dtype=np.float64), 0.0)
    return out if len(out) == m else np.zeros(m)
