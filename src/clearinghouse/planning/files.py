"""Write a plan as ``allocations.csv`` and ``summary.json`` (and the procurement files when
the bundle has requests): deterministic and atomic.

Rows are sorted, floats have a fixed format and JSON keys are sorted, so the same plan
gives byte-identical files. Both files are written into a temporary folder beside the
target and then moved into place, so a failure never leaves a half-written file.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.formula_cells import neutralise
from clearinghouse.planning.plan import Allocation, Plan
from clearinghouse.planning.procurement import Procurement
from clearinghouse.planning.procurement_files import (
    procurement_csv,
    procurement_summary,
    unfilled_csv,
)

COLUMNS = ("offer", "need", "hub", "producer", "month", "quantity", "tonnes")


def write_plan(plan: Plan, out_dir: Path, bundle: Bundle | None = None,
               procurement: Procurement | None = None) -> None:
    """Write ``allocations.csv`` and ``summary.json`` of ``plan`` into ``out_dir``; with
    ``procurement`` (the bundle's requests filled) also ``procurement.csv`` and
    ``procurement_unfilled.csv`` (:mod:`clearinghouse.planning.procurement_files`)."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    # every file is built before anything is written
    files = {"allocations.csv": allocations_csv(plan),
             "summary.json": summary_json(plan, bundle, procurement)}
    if procurement is not None:
        files["procurement.csv"] = procurement_csv(procurement)
        files["procurement_unfilled.csv"] = unfilled_csv(
            procurement, bundle.procurement if bundle is not None else [])
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        for name, text in files.items():
            with open(tmp / name, "w", encoding="utf-8", newline="") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
        if not out_dir.exists():
            tmp.rename(out_dir)
            return
        for name in files:
            os.replace(tmp / name, out_dir / name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def allocations_csv(plan: Plan) -> str:
    """The allocations as CSV text, one row per allocation, sorted."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for a in sorted(plan.allocations, key=lambda a: (a.offer, a.need, a.hub or "",
                                                     a.producer or "", a.month)):
        w.writerow([neutralise(a.offer), neutralise(a.need), neutralise(a.hub or ""),
                    neutralise(a.producer or ""), a.month, a.quantity, f"{a.tonnes:.6f}"])
    return buf.getvalue()


def summary_json(plan: Plan, bundle: Bundle | None = None,
                 procurement: Procurement | None = None) -> str:
    """The summary as JSON text with sorted keys and fixed float precision."""
    return json.dumps(summary_dict(plan, bundle, procurement), sort_keys=True, indent=2,
                      ensure_ascii=False) + "\n"


def summary_dict(plan: Plan, bundle: Bundle | None = None,
                 procurement: Procurement | None = None) -> dict[str, Any]:
    """The summary: status, value, lp_bound, per-need results, hub tonnes, settings, counts,
    and the churn against the reference plan when there was one."""
    s = plan.settings
    summary: dict[str, Any] = {
        "status": plan.status,
        "value": _num(plan.value),
        "lp_bound": _num(plan.lp_bound),
        "greedy_value": _num(plan.greedy_value),
        "transport_cost": _num(plan.transport_cost),
        "needs": {ref: {"delivered": _num(r.delivered), "fraction": _num(r.fraction),
                        "reason": r.reason} for ref, r in sorted(plan.needs.items())},
        "hub_tonnes": {hub: [_num(t) for t in months]
                       for hub, months in sorted(plan.hub_tonnes.items())},
        "settings": {"start": s.start.isoformat(), "horizon": s.horizon,
                     "weights": [_num(w) for w in s.weights], "decay": _num(s.decay),
                     "late_cutoff_months": s.late_cutoff_months},
        "allocations": len(plan.allocations),
    }
    if plan.churn is not None:
        summary["churn"] = plan.churn.as_dict()
    if bundle is not None:
        summary["records"] = {"needs": len(bundle.needs), "offers": len(bundle.offers),
                              "hubs": len(bundle.hubs), "funding": len(bundle.funding)}
    if procurement is not None:
        summary["procurement"] = procurement_summary(procurement)
    return summary


def _num(x: float | None) -> float | None:
    """Floats rounded to 9 significant decimals (so solver noise does not show); NaN and
    infinities → null."""
    if x is None or not math.isfinite(x):
        return None
    return float(f"{x:.9g}") if x else 0.0


def read_allocations(folder: Path) -> list[Allocation]:
    """The allocations of an earlier plan, from ``folder/allocations.csv`` (the file
    :func:`write_plan` writes), as the reference of a re-plan (SPEC §4 "Stability")."""
    path = Path(folder) / "allocations.csv"
    try:
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
            header = tuple(rows[0]) if rows else tuple(COLUMNS)
    except OSError as e:
        raise DomainError(f"cannot read the reference plan {path}: {e.strerror or e}",
                          field="keep", rule="must be a folder with allocations.csv",
                          value=str(folder)) from e
    if set(header) != set(COLUMNS):
        raise DomainError(f"{path}: columns {', '.join(header)} are not "
                          f"{','.join(COLUMNS)}", field="columns",
                          rule=f"must be {','.join(COLUMNS)}", value=",".join(header))
    out = []
    for i, row in enumerate(rows, start=2):
        try:
            month, quantity = int(row["month"]), int(row["quantity"])
        except (TypeError, ValueError):
            raise DomainError(f"{path} row {i}: month {row['month']!r} and quantity "
                              f"{row['quantity']!r} must be whole numbers", field="quantity",
                              rule="must be whole numbers", value=row["quantity"]) from None
        if quantity <= 0 or month < 0 or not row["offer"] or not row["need"] or (
                bool(row["hub"]) == bool(row["producer"])):
            raise DomainError(f"{path} row {i}: needs an offer, a need, a hub or a producer "
                              "(not both), a month >= 0 and a quantity >= 1", field="row",
                              rule="offer,need,hub|producer,month>=0,quantity>=1",
                              value=str(i))
        out.append(Allocation(row["offer"], row["need"], row["hub"] or None,
                              row["producer"] or None, month, quantity,
                              float(row["tonnes"] or 0.0)))
    return out
