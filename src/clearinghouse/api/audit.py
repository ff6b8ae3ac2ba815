"""The audit log, for coordinators and auditors."""

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from clearinghouse.api.deps import CurrentUser, EngineDep
from clearinghouse.api.schemas import Page
from clearinghouse.services.records.audit import list_audit

router = APIRouter(prefix="/audit", tags=["audit"])


class AuditRead(BaseModel):
    id: str = Field(description="a random identifier of the entry (not a sequence number)")
    at: datetime
    actor: str
    action: str
    entity: str
    key: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@router.get("", response_model=Page[AuditRead])
def audit_log(engine: EngineDep, user: CurrentUser,
              entity: Annotated[str | None, Query(max_length=100)] = None,
              key: Annotated[str | None, Query(max_length=200)] = None,
              limit: Annotated[int, Query(ge=1, le=500)] = 50,
              offset: Annotated[int, Query(ge=0, le=2**31)] = 0) -> Any:
    """Who changed what and when, newest first (coordinators and auditors).

    Only entries about records released to your nation — now and in both snapshots —,
    users of your nation, and shipments whose offer and needs are all released to it; plan
    runs without their figures. ``total`` counts those entries only.
    """
    page = list_audit(engine, user, entity=entity, key=key, limit=limit, offset=offset)
    return {"items": [AuditRead(id=e.uid, at=e.at, actor=e.actor, action=e.action,
                                entity=e.entity, key=e.key, before=e.before, after=e.after)
                      for e in page.entries],
            "total": page.total, "limit": limit, "offset": offset}
