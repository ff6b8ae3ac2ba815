"""The database schema: one table per bundle sheet, the audit log, plan runs and jobs, users,
shipments.

Column names are the domain's field names (``class_code`` for the exchange column ``class``).
Every record table also has ``id``, ``version`` (1 on insert, +1 on every update: the ETag)
and ``created_at`` / ``updated_at``. References between records use natural keys, as the
exchange files do. Importing this package registers every table on :data:`metadata` (what
Alembic compares the migrations against).
"""

from clearinghouse.adapters.db.tables.accounts import ROLES, login_failures, user_tokens, users
from clearinghouse.adapters.db.tables.audit import audit_log
from clearinghouse.adapters.db.tables.base import metadata
from clearinghouse.adapters.db.tables.records import SHEET_TABLES
from clearinghouse.adapters.db.tables.runs import jobs, plan_allocations, plan_runs
from clearinghouse.adapters.db.tables.shipments import shipment_events, shipments

__all__ = ["ROLES", "SHEET_TABLES", "audit_log", "jobs", "login_failures", "metadata",
           "plan_allocations", "plan_runs", "shipment_events", "shipments", "user_tokens",
           "users"]
