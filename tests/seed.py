"""Test set-up as the database operator, as the command line does: store records, plan the
database, approve runs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from clearinghouse.config import Settings
from clearinghouse.domain.bundle import Bundle
from clearinghouse.services.exchange.bundles import ImportReport
from clearinghouse.services.exchange.imports import import_records
from clearinghouse.services.planning.approval import Approval, approve_run
from clearinghouse.services.planning.plan_runs import PlanResult, plan_database
from clearinghouse.services.records.users import operator
from clearinghouse.services.runtime.database import migrated_engine


def seed(settings: Settings, bundle: Bundle, actor: str = "test") -> ImportReport:
    """Import ``bundle`` into the settings' database (migrated first) as the operator."""
    with migrated_engine(settings) as engine:
        return import_records(engine, operator(actor), bundle)


def approve(settings: Settings, run_id: int, actor: str = "test") -> Approval:
    """Approve a stored plan run as the operator (``clearinghouse plan approve``)."""
    with migrated_engine(settings) as engine:
        return approve_run(engine, operator(actor), run_id)


def plan_stored(settings: Settings, *, start: date, horizon: int = 12,
                out: Path | None = None, actor: str = "test") -> PlanResult:
    """Plan the stored records as the operator (``clearinghouse plan --db``)."""
    with migrated_engine(settings) as engine:
        return plan_database(engine, operator(actor), start=start, horizon=horizon, out=out)
