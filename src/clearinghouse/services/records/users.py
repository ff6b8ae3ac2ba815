"""Users, roles and bearer tokens: add a user, log in, authenticate a token, log out."""

from __future__ import annotations

import functools
import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine

from clearinghouse.adapters.db.audit import Change, utc_now
from clearinghouse.config import Settings
from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.nations import check_code
from clearinghouse.services.errors import UserError
from clearinghouse.services.records.throttle import LoginThrottle
from clearinghouse.services.runtime.database import ready_engine
from clearinghouse.services.runtime.retry import retrying
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork

_hasher = PasswordHasher()
MIN_PASSWORD_LENGTH = 8


class Role(StrEnum):
    COORDINATOR = "coordinator"
    RECIPIENT_LIAISON = "recipient-liaison"
    DONOR_LIAISON = "donor-liaison"
    LOGISTICIAN = "logistician"
    AUDITOR = "auditor"


@dataclass(frozen=True, slots=True)
class User:
    """Who is asking: every read is filtered by ``nation``, every write checked by ``role``.

    The database operator (:func:`operator`, the command line) has the whole view: every
    record is shown to it, whatever it is released to.
    """

    name: str
    nation: str
    role: Role
    whole_view: bool = False


#: The operator's ``nation``: no nation's code, so a filter that missed ``whole_view`` would
#: show it nothing rather than another nation's records.
OPERATOR_NATION = "*"


def operator(name: str) -> User:
    """The database operator acting as ``name`` (the command line's ``--as``): a coordinator
    with the whole view, so that the command line runs the same use cases as the API."""
    return User(name, OPERATOR_NATION, Role.COORDINATOR, whole_view=True)


class AuthenticationFailed(UserError):
    """Unknown user, wrong password, or an expired or revoked token."""


def password_hash(password: str) -> str:
    """The argon2id hash stored for ``password``."""
    return _hasher.hash(password)


def _role(text: str) -> Role:
    try:
        return Role(text)
    except ValueError:
        known = ", ".join(r.value for r in Role)
        raise UserError(f"unknown role {text!r}: one of {known}") from None


def create_user(engine: Engine, name: str, password: str, nation: str, role: str,
                *, actor: str = "system") -> User:
    """Store a user with an argon2 hash of ``password``."""
    user_role = _role(role)
    if not name.strip() or name != name.strip():
        raise UserError("a user name must not be empty or start or end with spaces")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    try:
        check_code(nation, field="nation")
    except DomainError as e:
        raise UserError(str(e)) from e
    hashed = _hasher.hash(password)

    def work() -> None:
        with SqlUnitOfWork(engine, actor, writes=True) as uow:
            uow.users.add(name, hashed, nation, user_role.value)
            uow.commit()

    retrying(work)
    return User(name, nation, user_role)


def add_user(settings: Settings, name: str, password: str, nation: str, role: str) -> User:
    """Create a user on the configured database (the ``clearinghouse users add`` command)."""
    engine = ready_engine(settings)
    try:
        return create_user(engine, name, password, nation, role, actor="cli")
    finally:
        engine.dispose()


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@functools.cache
def _dummy_hash() -> str:
    """A hash no password matches, verified for unknown names so that they take as long."""
    return _hasher.hash(secrets.token_urlsafe(16))


def prepare_login() -> None:
    """Compute the dummy hash now (at start-up), not during the first unknown-name login."""
    _dummy_hash()


def login(engine: Engine, name: str, password: str, ttl: timedelta, *,
          throttle: LoginThrottle | None = None, address: str | None = None) -> str:
    """A fresh bearer token for the user, valid for ``ttl``; refuse a wrong password.

    With a ``throttle``, a locked-out name or ``address`` is refused before the password is
    checked (``TooManyRequests``), and the failure that locks one out is audited.
    """
    if throttle is not None:
        throttle.check(name, address)
    try:
        token = retrying(lambda: _login(engine, name, password, ttl))
    except AuthenticationFailed:
        if throttle is not None:
            locked = throttle.failed(name, address)
            if locked:
                retrying(lambda: _audit_lockout(engine, name, address, locked))
        raise
    if throttle is not None:
        throttle.succeeded(name)
    return token


def _login(engine: Engine, name: str, password: str, ttl: timedelta) -> str:
    with SqlUnitOfWork(engine, name) as uow:
        row = uow.users.get_by_name(name)
        # Verify a dummy hash when the user is unknown: both answers take one verification,
        # so timing does not tell which names exist.
        stored = row.password_hash if row is not None else _dummy_hash()
        try:
            _hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            raise AuthenticationFailed("wrong user name or password") from None
        if row is None:
            raise AuthenticationFailed("wrong user name or password")
        if _hasher.check_needs_rehash(row.password_hash):
            uow.users.set_password_hash(row.id, _hasher.hash(password))
        token = secrets.token_urlsafe(32)
        uow.users.add_token(row.id, _token_hash(token), utc_now() + ttl)
        uow.commit()
    return token


def _audit_lockout(engine: Engine, name: str, address: str | None,
                   locked: list[tuple[str, str]]) -> None:
    """One audit entry per locked-out key (entity ``users``; the user's nation when known)."""
    with SqlUnitOfWork(engine, "auth", writes=True) as uow:
        row = uow.users.get_by_name(name)
        nation = row.nation if row is not None else None
        for kind, value in locked:
            key = name if kind == "user" else f"address {value}"
            uow.audit.record(Change("transition", "users", key, None, {
                "event": "login-lockout", "by": kind, "name": name, "address": address,
                **({"nation": nation} if nation and kind == "user" else {})}))
        uow.commit()


def authenticate(engine: Engine, token: str) -> User:
    """The user holding this token; refuse an unknown, expired or revoked one."""
    with SqlUnitOfWork(engine, "auth") as uow:
        row = uow.users.user_of_token(_token_hash(token), utc_now())
    if row is None:
        raise AuthenticationFailed("the token is unknown, expired or revoked: log in again")
    return User(row.name, row.nation, Role(row.role))


def logout(engine: Engine, token: str) -> None:
    """Revoke the token: it authenticates nothing afterwards."""
    def work() -> None:
        with SqlUnitOfWork(engine, "auth", writes=True) as uow:
            uow.users.revoke_token(_token_hash(token))
            uow.commit()

    retrying(work)
