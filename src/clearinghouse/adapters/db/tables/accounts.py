"""Users and their bearer tokens (the service's own records, no releasability)."""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from clearinghouse.adapters.db.tables.base import metadata

# -- users, their tokens, background jobs (the service's own records, no releasability) ------

ROLES = ("coordinator", "recipient-liaison", "donor-liaison", "logistician", "auditor")

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(), nullable=False),
    Column("password_hash", Text, nullable=False),
    # No foreign key: users may be created before the nations are imported.
    Column("nation", String(), nullable=False),
    Column("role", String(), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("name"),
    CheckConstraint("role IN ('coordinator', 'recipient-liaison', 'donor-liaison', "
                    "'logistician', 'auditor')", name="known_role"),
)

user_tokens = Table(
    "user_tokens", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token_hash", String(), nullable=False),  # SHA-256 of the bearer token, never it
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
    UniqueConstraint("token_hash"),
)

#: One row per failed login and key it counts against (``kind`` "user" or "address"), at
#: ``at`` seconds since the epoch: shared by every process of the service, so that the limits
#: hold however many workers answer logins. Rows older than the window are deleted as
#: failures are added.
login_failures = Table(
    "login_failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(), nullable=False),
    Column("value", String(), nullable=False),
    Column("at", Float, nullable=False),
    Index("ix_login_failures_key_at", "kind", "value", "at"),
)
