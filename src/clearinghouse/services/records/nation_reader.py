"""The database operator reading as one nation (the command line's ``--nation``).

Without a nation the operator (``users.operator``, the whole view) reads every record; with
one, the reader is a read-only :class:`User` of that nation. Either way every figure goes
through the same use cases as the API's (:func:`uploads.visible_bundle` for records,
:mod:`shipment_views` for shipments, their events and pending allocations).
"""

from __future__ import annotations

from clearinghouse.config import Settings
from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.nations import check_code
from clearinghouse.services.errors import UserError
from clearinghouse.services.logistics.facts import LogisticsFacts
from clearinghouse.services.logistics.shipment_views import visible_facts
from clearinghouse.services.records.users import Role, User, operator
from clearinghouse.services.runtime.database import migrated_engine, ready_engine
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

#: The name the operator's reads go by, and the role of a reader: reads only, writes nothing.
READER_NAME = "cli"
READER_ROLE = Role.AUDITOR


def reader_for(settings: Settings, nation: str) -> User:
    """A read-only user of ``nation``; refuse a code that is malformed or not a stored
    nation."""
    try:
        check_code(nation, field="nation")
    except DomainError as e:
        raise UserError(str(e)) from e
    engine = ready_engine(settings)
    try:
        with SqlUnitOfWork(engine, READER_NAME) as uow:
            known = sorted(s.record.code for s in uow.sheet("nations").list())
    finally:
        engine.dispose()
    if nation not in known:
        listed = ", ".join(known) if known else "none is stored yet"
        raise UserError(f"nation {nation} is unknown: must be a stored nation ({listed})")
    return User(READER_NAME, nation, READER_ROLE)


def facts_for(settings: Settings, reader: User | None) -> LogisticsFacts:
    """The logistics facts over every record (``reader`` None, the database operator) or
    over the records released to the reader's nation."""
    with migrated_engine(settings) as engine:
        return visible_facts(engine, operator(READER_NAME) if reader is None else reader)
