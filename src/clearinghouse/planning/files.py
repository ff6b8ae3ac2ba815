"""A plan as files (SPEC §4): ``allocations.csv`` and ``summary.json``, byte-identical for
the same input, written atomically so that a failure leaves nothing half-written."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from clearinghouse.domain.bundle import Bundle
from clearinghouse.planning.plan import Plan

ALLOCATION_COLUMNS = ("offer", "need", "hub", "producer", "month", "quantity", "tonnes")


def _num(x: float, digits: int = 6) -> float:
    """Round for stable text; -0.0 becomes 0.0."""
    return round(float(x), digits) + 0.0


def summary_dict(plan: Plan) -> dict[str, Any]:
    """The summary of SPEC §4 (status, value, lp_bound, needs, hub_tonnes) plus settings."""
    s = plan.settings
    return {
        "status": plan.status,
        "value": _num(plan.value),
        "lp_bound": _num(plan.lp_bound),
        "transport_cost": _num(plan.transport_cost),
        "greedy_value": None if plan.greedy_value is None else _num(plan.greedy_value),
        "settings": {"start": s.start.isoformat(), "horizon": s.horizon,
                     "weights": list(s.weights), "decay": s.decay,
                     "late_cutoff_months": s.late_cutoff_months},
        "needs": {ref: {"delivered": _num(r.delivered), "fraction": _num(r.fraction),
                        "reason": r.reason}
                  for ref, r in sorted(plan.needs.items())},
        "hub_tonnes": {hub: [_num(t, 3) for t in tonnes]
                       for hub, tonnes in sorted(plan.hub_tonnes.items())},
    }


def allocations_csv(plan: Plan) -> str:
    """``allocations.csv``: one row per allocation, sorted, ``\\n`` line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ALLOCATION_COLUMNS)
    rows = sorted(plan.allocations,
                  key=lambda a: (a.need, a.month, a.offer, a.hub or "", a.producer or ""))
    for a in rows:
        writer.writerow([a.offer, a.need, a.hub or "", a.producer or "", a.month, a.quantity,
                         f"{_num(a.tonnes, 3):.3f}"])
    return out.getvalue()


def write_plan(plan: Plan, out_dir: Path, bundle: Bundle | None = None) -> None:
    """Write both files into ``out_dir`` at once: built in a temporary folder, then moved."""
    files = {"allocations.csv": allocations_csv(plan),
             "summary.json": json.dumps(summary_dict(plan), indent=2, sort_keys=True) + "\n"}
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        if not out_dir.exists():
            os.replace(staging, out_dir)
            return
        for name in files:
            os.replace(staging / name, out_dir / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
