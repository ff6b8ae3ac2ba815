"""Stored plan runs: created, given a result with allocations, approved — each step audited."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from clearinghouse.adapters.db.repositories import RecordNotFound
from clearinghouse.planning.plan import Allocation
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

ALLOCATIONS = [Allocation("O-1", "N-1", "PL-RZE", None, 0, 500, 23.5),
               Allocation("F-1", "N-2", None, "UA-DRONE-1", 3, 1000, 0.5)]


def test_a_run_keeps_its_result_and_allocations_and_is_approved_once(engine: Engine) -> None:
    with SqlUnitOfWork(engine, "coordinator") as uow:
        run = uow.plan_runs.add("abc123", {"horizon": 12, "start": "2027-01"})
        assert (run.status, run.approved_at) == ("queued", None)
        uow.plan_runs.record_result(
            run.id, status="optimal", value=1000.0, lp_bound=1000.5,
            summary={"needs": {"N-1": {"delivered": 500}}}, allocations=ALLOCATIONS)
        approved = uow.plan_runs.approve(run.id)
        assert uow.plan_runs.approve(run.id) == approved
        uow.commit()
    with SqlUnitOfWork(engine, "auditor") as uow:
        stored = uow.plan_runs.get(run.id)
        assert stored is not None
        assert (stored.status, stored.value, stored.lp_bound) == ("optimal", 1000.0, 1000.5)
        assert stored.settings == {"horizon": 12, "start": "2027-01"}
        assert stored.summary == {"needs": {"N-1": {"delivered": 500}}}
        assert stored.approved_at is not None
        assert stored.approved_at.tzinfo is not None
        assert uow.plan_runs.allocations(run.id) == ALLOCATIONS
        assert [r.id for r in uow.plan_runs.list()] == [run.id]
        entries = uow.audit.list(entity="plan_runs", key=str(run.id))
    assert [e.action for e in entries] == ["create", "update", "transition"]
    assert entries[1].after is not None
    assert entries[1].after["allocations"] == 2
    assert entries[2].after is not None
    assert entries[2].after["approved_at"] is not None


def test_approving_an_unknown_run_is_refused(engine: Engine) -> None:
    with SqlUnitOfWork(engine, "coordinator") as uow, pytest.raises(RecordNotFound):
        uow.plan_runs.approve(404)
