"""Stored plan runs with chosen allocations, for tests of shipments on known data."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import Engine

from clearinghouse.config import Settings
from clearinghouse.planning.plan import Allocation
from clearinghouse.services.planning.approval import approve_run
from clearinghouse.services.records.users import operator
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

ROUND_KG = 47.0  # one 155mm round


def through_hub(offer: str, need: str, month: int, quantity: int, *, hub: str = "PL-RZE",
                kg: float = ROUND_KG) -> Allocation:
    """Units of an offer to a need through a hub in a plan month."""
    return Allocation(offer, need, hub, None, month, quantity, quantity * kg / 1000)


def stored_run(engine: Engine, start: date, allocations: Sequence[Allocation]) -> int:
    """A finished (not approved) plan run holding exactly ``allocations``."""
    with SqlUnitOfWork(engine, "test") as uow:
        run = uow.plan_runs.add("test", {"start": start.isoformat(), "horizon": 12},
                                status="optimal")
        uow.plan_runs.record_result(run.id, status="optimal", value=1.0, lp_bound=1.0,
                                    summary={"status": "optimal", "needs": {}},
                                    allocations=allocations)
        uow.commit()
    return run.id


def approved_run(settings: Settings, engine: Engine, start: date,
                 allocations: Sequence[Allocation]) -> int:
    """A plan run holding exactly ``allocations``, approved (its offers become allocated)."""
    run_id = stored_run(engine, start, allocations)
    approve_run(engine, operator("test"), run_id)
    return run_id
