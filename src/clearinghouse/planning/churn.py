"""Churn of a plan against its reference plan (SPEC §4 "Stability"), in total and by need.

``units`` is Σ over lines (offer, need, hub, producer, month) of |units − reference units| / 2,
``lines`` how many lines differ. Per need: its units in the reference and in the plan (line
units, as churn counts them), its changed lines and churn, and why in a few words — the first
reason a reference line of the need can no longer be kept (lines.BLOCKS), else whether the
need gets more or fewer units, else that its units moved for a more valuable use.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from clearinghouse.planning.lines import BLOCKS, Lines, read_allocations
from clearinghouse.planning.plan import Allocation
from clearinghouse.planning.problem import Floats, Problem


@dataclass(frozen=True, slots=True)
class NeedChurn:
    """One need's changed lines: units before (reference) and after, lines and churn, why."""

    before: int
    after: int
    lines: int
    units: float
    why: str


@dataclass(frozen=True, slots=True)
class Churn:
    """Lines and units changed against the reference plan, by need (only needs that change)."""

    lines: int
    units: float
    reference_lines: int
    needs: dict[str, NeedChurn] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {"lines": self.lines, "units": self.units,
                "reference_lines": self.reference_lines,
                "needs": {ref: {"before": c.before, "after": c.after, "lines": c.lines,
                                "units": c.units, "why": c.why}
                          for ref, c in sorted(self.needs.items())}}


def churn(p: Problem, reference: Sequence[Allocation], plan: Lines,
          units: Floats) -> Churn:
    """How the plan's distinct ``plan`` lines with ``units`` differ from ``reference``."""
    ref, ref_qty, code = read_allocations(p, reference)
    ok = code == 0
    keys, inverse = np.unique(ref.take(ok).key(p), return_inverse=True)
    r = np.bincount(inverse.reshape(-1), weights=ref_qty[ok], minlength=len(keys))
    need_of = np.zeros(len(keys), dtype=np.int64)
    need_of[inverse.reshape(-1)] = ref.need[ok]
    plan_keys = plan.key(p)
    both = np.union1d(keys, plan_keys)
    before, after = np.zeros(len(both)), np.zeros(len(both))
    before[np.searchsorted(both, keys)] = r
    after[np.searchsorted(both, plan_keys)] = units
    need = np.zeros(len(both), dtype=np.int64)
    need[np.searchsorted(both, plan_keys)] = plan.need
    need[np.searchsorted(both, keys)] = need_of
    diff = np.abs(after - before)
    changed = diff > 0.5
    per_need: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0, 0.0])
    touched = np.unique(need[changed])
    for n in touched.tolist():
        mine = need == n
        per_need[p.need_ref[n]] = [before[mine].sum(), after[mine].sum(),
                                   int(np.count_nonzero(changed & mine)),
                                   float(diff[mine].sum() / 2)]
    blocked: dict[str, str] = {}
    for i in np.flatnonzero(~ok).tolist():  # lines that cannot be kept: all churn
        a = reference[i]
        blocked.setdefault(a.need, BLOCKS[int(code[i])])
        acc = per_need[a.need]
        acc[0] += a.quantity
        acc[2] += 1
        acc[3] += a.quantity / 2
    lines = int(np.count_nonzero(changed)) + int(np.count_nonzero(~ok))
    total = float(diff.sum() / 2 + ref_qty[~ok].sum() / 2)
    needs = {ref_: NeedChurn(int(b), int(a), int(n), u, _why(ref_, b, a, blocked))
             for ref_, (b, a, n, u) in per_need.items() if n}
    return Churn(lines, total, len(reference), needs)


def _why(ref: str, before: float, after: float, blocked: dict[str, str]) -> str:
    if ref in blocked:
        return blocked[ref]
    if not before:
        return "newly planned"
    if after > before:
        return "gets more units"
    if after < before:
        return "gets fewer units"
    return "same units, moved for a more valuable use"
