"""Futures planned from scratch: the comparison for the Monte Carlo re-solves.

:func:`draw_future` writes run ``i``'s future as a bundle (offers slipped or withdrawn, a hub
shut for a month) and :func:`fresh_future` plans that bundle with the engine; the product
re-solves one model instead (planning.scenarios.replan), and the tests and the scenario
benchmark check that both agree.
"""

from __future__ import annotations

import dataclasses

from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.logistics import Hub
from clearinghouse.domain.months import add_months
from clearinghouse.domain.offers import Offer
from clearinghouse.planning.engine import plan
from clearinghouse.planning.figures import fill_rates
from clearinghouse.planning.result import FULL
from clearinghouse.planning.scenarios.edits import copied
from clearinghouse.planning.scenarios.futures import FutureSpec, draw
from clearinghouse.planning.scenarios.montecarlo import PRIORITIES, RunOutcome
from clearinghouse.planning.settings import PlanSettings


def draw_future(bundle: Bundle, settings: PlanSettings, spec: FutureSpec, run: int) -> Bundle:
    """A copy of ``bundle`` as run ``run`` of ``spec`` finds the future."""
    offers = sorted(bundle.offers, key=lambda o: o.ref)
    hubs = sorted(bundle.hubs, key=lambda h: h.code)
    d = draw(spec, len(offers), len(hubs), settings.horizon, run)
    kept: list[Offer] = []
    for o, months, gone in zip(offers, d.slip.tolist(), d.withdrawn.tolist(), strict=True):
        if gone:
            continue
        kept.append(dataclasses.replace(o, available=add_months(o.available, months))
                    if months else o)
    new_hubs: list[Hub] = []
    lanes = list(bundle.lanes)
    for h, m in zip(hubs, d.outage.tolist(), strict=True):
        parts = _outage(h, settings, m) if m >= 0 else [h]
        new_hubs.extend(parts)
        lanes += [dataclasses.replace(lane, hub=p.code) for p in parts if p.code != h.code
                  for lane in bundle.lanes if lane.hub == h.code]
    return copied(bundle, offers=kept, hubs=new_hubs, lanes=lanes)


def _outage(h: Hub, settings: PlanSettings, m: int) -> list[Hub]:
    """Hub ``h`` out in month ``m``: the hub until then, and a twin (same country, capacity and
    lanes) from month m + 1 on — a hub's opening period has no gaps in the domain."""
    if not h.is_open(m, settings.start):
        return [h]
    opens = settings.plan_month(h.opens)
    closes = settings.plan_month(h.closes) if h.closes else settings.horizon
    parts = []
    if opens < m:
        parts.append(dataclasses.replace(h, closes=add_months(settings.start, m)))
    if m + 1 < closes:
        parts.append(dataclasses.replace(h, code=f"{h.code}.after{m}",
                                         opens=add_months(settings.start, m + 1)))
    return parts



def fresh_future(bundle: Bundle, settings: PlanSettings, spec: FutureSpec,
                 run: int) -> RunOutcome:
    """Run ``run`` planned from scratch: the future's bundle through the engine (the
    comparison for :func:`run_future`)."""
    future = plan(draw_future(bundle, settings, spec, run), settings)
    requested = dict.fromkeys(PRIORITIES, 0.0)
    delivered = dict.fromkeys(PRIORITIES, 0.0)
    for row in fill_rates(future, bundle):
        requested[row.priority] += row.requested
        delivered[row.priority] += row.delivered
    fill = tuple(delivered[p] / requested[p] if requested[p] else None for p in PRIORITIES)
    unmet = tuple(sorted(ref for ref, r in future.needs.items() if r.fraction < FULL))
    return RunOutcome(run, future.value, fill, unmet)
