"""Procurement results as files and as stored JSON: ``procurement.csv``,
``procurement_unfilled.csv`` and the ``procurement`` section of ``summary.json``.

- ``procurement.csv``: ``request,producer,month,quantity,unit_price_eur`` — one row per line,
  ``month`` the plan month of *production* (delivery is ``lead_months`` later).
- ``procurement_unfilled.csv``: ``request,buyer,class,quantity,filled,reason`` — one row per
  request not filled in full, with the reason (see :mod:`clearinghouse.planning.procurement`).
- ``summary.json`` ``procurement``: per request ``{quantity, filled, reason}``, the total
  units and EUR, and the EUR earned per production month.

Rows are sorted and numbers have a fixed format, so the same result gives the same bytes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from clearinghouse.domain.formula_cells import neutralise
from clearinghouse.domain.procurement import ProcurementRequest
from clearinghouse.planning.procurement import Procurement, ProcurementLine

COLUMNS = ("request", "producer", "month", "quantity", "unit_price_eur")
UNFILLED_COLUMNS = ("request", "buyer", "class", "quantity", "filled", "reason")


def procurement_csv(result: Procurement) -> str:
    """The lines as CSV text, sorted by request, producer and production month."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for line in result.lines:
        w.writerow([neutralise(line.request), neutralise(line.producer), line.month,
                    line.quantity, _eur(line.unit_price_eur)])
    return buf.getvalue()


def unfilled_csv(result: Procurement, requests: Sequence[ProcurementRequest]) -> str:
    """The requests not filled in full, sorted by ref, with what they got and why not more."""
    by_ref = {r.ref: r for r in requests}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(UNFILLED_COLUMNS)
    for ref, res in result.requests.items():
        if res.reason is not None:
            r = by_ref[ref]
            w.writerow([neutralise(ref), neutralise(r.buyer), neutralise(r.class_code),
                        res.quantity, res.filled, res.reason])
    return buf.getvalue()


def procurement_summary(result: Procurement) -> dict[str, Any]:
    """The ``procurement`` section of ``summary.json``."""
    return {
        "requests": {ref: {"quantity": r.quantity, "filled": r.filled, "reason": r.reason}
                     for ref, r in result.requests.items()},
        "units": result.units,
        "amount_eur": float(_eur(result.amount_eur)),
        "earnings_per_month": [float(_eur(e)) for e in result.earnings_per_month()],
        "kept": {"units": result.kept, "of": result.kept_of},
    }


def lines_json(lines: Iterable[ProcurementLine]) -> list[dict[str, Any]]:
    """Lines as stored with a plan run (JSON)."""
    return [{"request": x.request, "producer": x.producer, "month": x.month,
             "quantity": x.quantity, "unit_price_eur": x.unit_price_eur,
             "delivery": x.delivery} for x in lines]


def lines_from_json(rows: Iterable[Mapping[str, Any]]) -> list[ProcurementLine]:
    """Lines stored by :func:`lines_json` back as :class:`ProcurementLine`."""
    return [ProcurementLine(str(r["request"]), str(r["producer"]), int(r["month"]),
                            int(r["quantity"]), float(r["unit_price_eur"]), int(r["delivery"]))
            for r in rows]


def _eur(x: float) -> str:
    """EUR with at most cents, no trailing zeros (``400``, ``420.5``)."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"
