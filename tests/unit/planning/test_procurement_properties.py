"""Properties of two-way procurement on random bundles and requests: the recipient's plan is
untouched, capacity, price cap and quantity are never exceeded, and the order holds."""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from hypothesis import given
from hypothesis import strategies as st

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.funding import Producer
from clearinghouse.domain.months import month_index
from clearinghouse.domain.procurement import ProcurementRequest
from clearinghouse.planning.engine import plan
from clearinghouse.planning.plan import Plan
from clearinghouse.planning.problem import producer_capacity
from clearinghouse.planning.procurement import fill_requests
from clearinghouse.planning.settings import PlanSettings

from .procurement_pictures import check_procurement, request
from .test_properties import CLASSES, PROPERTY, bundles


@st.composite
def pictures(draw: st.DrawFn) -> tuple[Bundle, PlanSettings, list[ProcurementRequest]]:
    b, s = draw(bundles())
    # classes with producers more often, and more units than capacity: requests compete
    made = [k.class_code for k in b.producers] or list(CLASSES)
    requests = [request(f"R{i}", draw(st.sampled_from([*made, "A"])), draw(st.integers(1, 40)),
                        draw(st.sampled_from([0.0, 5.0, 10.0, 20.0, 30.0])),
                        draw(st.integers(-1, 10)))
                for i in range(draw(st.integers(0, 10)))]
    return b, s, requests


def rank(r: ProcurementRequest) -> tuple[float, object, str]:
    return (-r.max_unit_price_eur, r.due, r.ref)


def eligible(r: ProcurementRequest, k: Producer, m: int, s: PlanSettings) -> bool:
    d = m + k.lead_months
    return (k.class_code == r.class_code and k.unit_price_eur <= r.max_unit_price_eur
            and m >= s.plan_month(k.available) and d < s.horizon
            and d <= month_index(r.due, s.start))


def month_by_month(p: Plan, producers: list[Producer],
                   requests: list[ProcurementRequest]) -> dict[tuple[str, str, int], int]:
    """The policy written literally: months outside, requests by rank, producers cheapest."""
    s = p.settings
    makers = sorted(producers, key=lambda k: k.code)
    cap = producer_capacity(makers, s)
    free = {(k.code, m): int(cap[i, m]) for i, k in enumerate(makers) for m in range(s.horizon)}
    lead = {k.code: k.lead_months for k in makers}
    for a in p.allocations:
        if a.producer is not None:
            free[(a.producer, a.month - lead[a.producer])] -= a.quantity
    lacking = {r.ref: r.quantity for r in requests}
    out: dict[tuple[str, str, int], int] = {}
    for m in range(s.horizon):
        for r in sorted(requests, key=rank):
            for k in sorted(makers, key=lambda k: (k.unit_price_eur, k.code)):
                if eligible(r, k, m, s):
                    units = min(lacking[r.ref], free[(k.code, m)])
                    if units > 0:
                        out[(r.ref, k.code, m)] = units
                        lacking[r.ref] -= units
                        free[(k.code, m)] -= units
    return out


@PROPERTY
@given(pictures())
def test_the_recipients_plan_and_value_are_the_same_with_and_without_requests(
        picture: tuple[Bundle, PlanSettings, list[ProcurementRequest]]) -> None:
    b, s, requests = picture
    p = plan(b, s)
    before = (p.value, list(p.allocations))
    fill_requests(p, b.producers, requests)
    assert (p.value, p.allocations) == before
    with_requests = plan(dataclasses.replace(b, procurement=requests), s)
    assert (with_requests.value, with_requests.allocations) == before


@PROPERTY
@given(pictures())
def test_capacity_price_cap_quantity_and_due_month_are_never_exceeded(
        picture: tuple[Bundle, PlanSettings, list[ProcurementRequest]]) -> None:
    b, s, requests = picture
    p = plan(b, s)
    check_procurement(p, b, requests, fill_requests(p, b.producers, requests))


@PROPERTY
@given(pictures())
def test_no_request_takes_a_unit_a_higher_ranked_request_lacks_and_could_take(
        picture: tuple[Bundle, PlanSettings, list[ProcurementRequest]]) -> None:
    b, s, requests = picture
    p = plan(b, s)
    result = fill_requests(p, b.producers, requests)
    producers = {k.code: k for k in b.producers}
    for high in requests:
        if result.requests[high.ref].reason is None:
            continue
        for line in result.lines:
            low = next(r for r in requests if r.ref == line.request)
            if rank(low) > rank(high):
                assert not eligible(high, producers[line.producer], line.month, s)


@PROPERTY
@given(pictures())
def test_the_fill_is_the_month_by_month_policy_written_literally(
        picture: tuple[Bundle, PlanSettings, list[ProcurementRequest]]) -> None:
    b, s, requests = picture
    p = plan(b, s)
    result = fill_requests(p, b.producers, requests)
    lines: dict[tuple[str, str, int], int] = defaultdict(int)
    for line in result.lines:
        lines[(line.request, line.producer, line.month)] += line.quantity
    assert dict(lines) == month_by_month(p, b.producers, requests)
