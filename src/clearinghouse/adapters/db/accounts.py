"""Users and their bearer tokens (stored as SHA-256 hashes, never in clear)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

from clearinghouse.adapters.db.audit import AuditLog, Change, as_utc, utc_now
from clearinghouse.adapters.db.repositories import DuplicateRecord
from clearinghouse.adapters.db.tables import user_tokens, users


@dataclass(frozen=True, slots=True)
class UserRow:
    id: int
    name: str
    password_hash: str
    nation: str
    role: str


class UserRepository:
    """Users and tokens; creating a user is audited (without its password hash)."""

    def __init__(self, connection: Connection, audit: AuditLog) -> None:
        self._connection = connection
        self._audit = audit

    def add(self, name: str, password_hash: str, nation: str, role: str) -> UserRow:
        """Store a new user; refuse a name that exists."""
        if self.get_by_name(name) is not None:
            raise DuplicateRecord(f"user {name} exists already")
        now = utc_now()
        user_id: int = self._connection.execute(insert(users).values(
            name=name, password_hash=password_hash, nation=nation, role=role,
            created_at=now).returning(users.c.id)).scalar_one()
        self._audit.record(Change("create", "users", name, None,
                                  {"name": name, "nation": nation, "role": role}), now)
        return UserRow(user_id, name, password_hash, nation, role)

    def get_by_name(self, name: str) -> UserRow | None:
        row = self._connection.execute(select(users).where(users.c.name == name)).first()
        return None if row is None else _user(row)

    def set_password_hash(self, user_id: int, password_hash: str) -> None:
        """Replace a hash (argon2 asks for a rehash when its parameters change)."""
        self._connection.execute(update(users).where(users.c.id == user_id)
                                 .values(password_hash=password_hash))

    def add_token(self, user_id: int, token_hash: str, expires_at: datetime) -> None:
        self._connection.execute(insert(user_tokens).values(
            token_hash=token_hash, user_id=user_id, created_at=utc_now(),
            expires_at=expires_at))

    def user_of_token(self, token_hash: str, now: datetime) -> UserRow | None:
        """The user of an unexpired, unrevoked token, or None."""
        query = (select(users).join(user_tokens, user_tokens.c.user_id == users.c.id)
                 .where(user_tokens.c.token_hash == token_hash,
                        user_tokens.c.revoked_at.is_(None)))
        row = self._connection.execute(
            query.add_columns(user_tokens.c.expires_at.label("token_expires_at"))).first()
        if row is None or as_utc(row.token_expires_at) <= now:
            return None
        return _user(row)

    def revoke_token(self, token_hash: str) -> None:
        self._connection.execute(update(user_tokens).where(
            user_tokens.c.token_hash == token_hash, user_tokens.c.revoked_at.is_(None))
            .values(revoked_at=utc_now()))


def _user(row: Row[Any]) -> UserRow:
    m = row._mapping
    return UserRow(m[users.c.id], m[users.c.name], m[users.c.password_hash],
                   m[users.c.nation], m[users.c.role])
