"""Small pictures for two-way procurement: requests, a plan of the recipient, the checks."""

from __future__ import annotations

from collections import defaultdict

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.procurement import ProcurementRequest
from clearinghouse.planning.engine import plan
from clearinghouse.planning.plan import Plan
from clearinghouse.planning.procurement import Procurement, fill_requests
from clearinghouse.planning.settings import PlanSettings

from .bundles import capacity_left, month


def request(ref: str, cls: str = "A", qty: int = 5, cap: float = 100.0, due: int = 11,
            buyer: str = "POL") -> ProcurementRequest:
    """A request due in plan month ``due`` (negative: before the start)."""
    return ProcurementRequest(ref, buyer, cls, qty, cap, month(due))


def procure(b: Bundle, s: PlanSettings, requests: list[ProcurementRequest],
            **kw: object) -> tuple[Plan, Procurement]:
    p = plan(b, s)
    return p, fill_requests(p, b.producers, requests, **kw)  # type: ignore[arg-type]


def got(result: Procurement) -> dict[str, int]:
    """Units per request, filled ones only."""
    out: dict[str, int] = defaultdict(int)
    for line in result.lines:
        out[line.request] += line.quantity
    return dict(out)


def check_procurement(p: Plan, b: Bundle, requests: list[ProcurementRequest],
                      result: Procurement) -> None:
    """Capacity (plan + requests), price cap, quantity and due month are never exceeded."""
    s = p.settings
    producers = {k.code: k for k in b.producers}
    wanted = {r.ref: r for r in requests}
    made: dict[tuple[str, int], int] = defaultdict(int)
    for a in p.allocations:
        if a.producer is not None:
            made[(a.producer, a.month - producers[a.producer].lead_months)] += a.quantity
    per_request: dict[str, int] = defaultdict(int)
    for line in result.lines:
        k, r = producers[line.producer], wanted[line.request]
        assert line.quantity > 0
        assert k.class_code == r.class_code
        assert line.unit_price_eur == k.unit_price_eur <= r.max_unit_price_eur
        assert s.plan_month(k.available) <= line.month
        assert line.delivery == line.month + k.lead_months < s.horizon
        assert line.delivery <= (r.due.year - s.start.year) * 12 + r.due.month - s.start.month
        made[(line.producer, line.month)] += line.quantity
        per_request[line.request] += line.quantity
    for (code, m), units in made.items():
        assert units <= capacity_left(producers[code], m), (code, m)
    for r in requests:
        res = result.requests[r.ref]
        assert res.filled == per_request[r.ref] <= r.quantity
        assert (res.reason is None) == (res.filled == r.quantity)
