"""The unit of work: one transaction, its repositories, rollback unless committed."""

from __future__ import annotations

from types import TracebackType
from typing import Any, Self

from sqlalchemy import Connection, Engine

from clearinghouse.adapters.db.accounts import UserRepository
from clearinghouse.adapters.db.audit import AuditLog
from clearinghouse.adapters.db.engine import WRITES
from clearinghouse.adapters.db.jobs import JobRepository
from clearinghouse.adapters.db.plan_runs import PlanRunRepository
from clearinghouse.adapters.db.repositories import (
    DuplicateRecord,
    RecordNotFound,
    SheetRepository,
    StaleRecord,
    sheet_repositories,
)
from clearinghouse.adapters.db.shipments import ShipmentRepository
from clearinghouse.domain.catalogue import Item, Substitution
from clearinghouse.domain.funding import FundingPledge, Producer
from clearinghouse.domain.logistics import Hub, Lane
from clearinghouse.domain.nations import Nation
from clearinghouse.domain.needs import Need
from clearinghouse.domain.offers import Offer
from clearinghouse.domain.procurement import ProcurementRequest
from clearinghouse.domain.training import CourseOffer, Mission, TrainingNeed
from clearinghouse.services.errors import Conflict, NotFound


class SqlUnitOfWork:
    """``with SqlUnitOfWork(engine, actor) as uow: …; uow.commit()`` — nothing is kept
    unless :meth:`commit` is called; an exception or leaving the block rolls back.

    Every write through its repositories is audited under ``actor`` in the same transaction.
    A missing record leaves the block as :class:`NotFound`, a stale or duplicate write as
    :class:`Conflict`. A unit of work that will write says so (``writes=True``): on SQLite it
    then waits for the write lock before it reads, so that no other writer can commit between
    its reads and its writes (which SQLite would answer with "database is locked").
    """

    nations: SheetRepository[Nation]
    items: SheetRepository[Item]
    substitutes: SheetRepository[Substitution]
    hubs: SheetRepository[Hub]
    lanes: SheetRepository[Lane]
    needs: SheetRepository[Need]
    offers: SheetRepository[Offer]
    producers: SheetRepository[Producer]
    funding: SheetRepository[FundingPledge]
    missions: SheetRepository[Mission]
    training_needs: SheetRepository[TrainingNeed]
    courses: SheetRepository[CourseOffer]
    procurement: SheetRepository[ProcurementRequest]
    audit: AuditLog
    plan_runs: PlanRunRepository
    users: UserRepository
    jobs: JobRepository
    shipments: ShipmentRepository

    def __init__(self, engine: Engine, actor: str, *, writes: bool = False) -> None:
        self.engine = engine
        self.actor = actor
        self.writes = writes
        self._connection: Connection | None = None
        self._sheets: dict[str, SheetRepository[Any]] = {}

    def __enter__(self) -> Self:
        if self._connection is not None:
            raise RuntimeError("this unit of work is already in use")
        # The connection begins a transaction on first use ("commit as you go").
        connection = self.engine.connect()
        if self.writes:
            connection.execution_options(**{WRITES: True})
        self._connection = connection
        self.audit = AuditLog(connection, self.actor)
        self._sheets = sheet_repositories(connection, self.audit)
        for name, repository in self._sheets.items():
            setattr(self, name, repository)
        self.plan_runs = PlanRunRepository(connection, self.audit)
        self.users = UserRepository(connection, self.audit)
        self.jobs = JobRepository(connection)
        self.shipments = ShipmentRepository(connection, self.audit)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.rollback()
            finally:
                connection.close()
        # Storage errors leave the unit of work as the errors every interface maps.
        if isinstance(exc, RecordNotFound):
            raise NotFound(str(exc)) from exc
        if isinstance(exc, StaleRecord | DuplicateRecord):
            raise Conflict(str(exc)) from exc

    def sheet(self, name: str) -> SheetRepository[Any]:
        """The repository of a bundle sheet by name (``"offers"``)."""
        return self._sheets[name]

    @property
    def connection(self) -> Connection:
        if self._connection is None:
            raise RuntimeError("the unit of work is not open: use it in a with block")
        return self._connection

    def commit(self) -> None:
        """Keep everything written so far; later writes start a new transaction."""
        self.connection.commit()

    def rollback(self) -> None:
        """Drop everything written since the last commit."""
        self.connection.rollback()
