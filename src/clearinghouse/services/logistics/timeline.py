"""The shipments timeline as the user's nation may see it: each shipment's plan, recorded
events and lateness against its needs' due dates (rule: ``domain.shipment_timeline``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy import Engine

from clearinghouse.adapters.db.listing import visible_records
from clearinghouse.domain.shipment_timeline import TimelineRow, timeline_row
from clearinghouse.domain.shipments import Shipment, ShipmentEvent
from clearinghouse.services.records.resources import owner_of
from clearinghouse.services.records.users import User
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork


def timeline(engine: Engine, user: User, shipments: Sequence[Shipment], *,
             today: date) -> list[TimelineRow]:
    """The timeline rows of ``shipments`` (already those shown to the user, e.g. a listing's),
    in the same order; due dates come from the needs released to the user's nation."""
    refs = {s.ref for s in shipments}
    if not refs:
        return []
    with SqlUnitOfWork(engine, user.name) as uow:
        needs = visible_records(uow.connection, "needs",
                                None if user.whole_view else user.nation, owner_of("needs"))
        stored = uow.shipments.events()
    due = {n.ref: n.due for n in needs}
    events: dict[str, list[ShipmentEvent]] = defaultdict(list)
    for e in stored:
        if e.event.shipment in refs:
            events[e.event.shipment].append(e.event)
    return [timeline_row(s, events[s.ref], due, today) for s in shipments]
