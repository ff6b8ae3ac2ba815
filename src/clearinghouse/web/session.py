"""Web sessions: an httponly SameSite=strict cookie holding the user's API token, and a
per-form CSRF token derived from it (a form from another site can neither send the cookie
nor know the token)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from fastapi import Request
from sqlalchemy import Engine
from starlette.responses import Response

from clearinghouse.services.records.users import AuthenticationFailed, User, authenticate

SESSION_COOKIE = "ch_session"
LOGIN_COOKIE = "ch_login"


class LoginRequired(Exception):
    """No valid session: the browser is sent to the login page."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


class BadCsrf(Exception):
    """A form came without this session's CSRF token."""


@dataclass(frozen=True, slots=True)
class Session:
    user: User
    token: str

    @property
    def csrf(self) -> str:
        return csrf_for(self.token)


def csrf_for(secret: str) -> str:
    """The form token bound to a session (or login) secret."""
    return hmac.new(secret.encode(), b"clearinghouse-form", hashlib.sha256).hexdigest()


def engine_of(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def current_session(request: Request) -> Session:
    """The session of the request's cookie; :class:`LoginRequired` without a valid one."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        raise LoginRequired(request.url.path)
    try:
        user = authenticate(engine_of(request), token)
    except AuthenticationFailed:
        raise LoginRequired(request.url.path) from None
    return Session(user, token)


def check_csrf(expected: str, given: object) -> None:
    """Refuse a form whose token is not the expected one."""
    if not isinstance(given, str) or not hmac.compare_digest(expected, given):
        raise BadCsrf("the form is stale or came from another site: reload the page")


def set_cookie(response: Response, name: str, value: str, *, secure: bool) -> None:
    response.set_cookie(name, value, httponly=True, samesite="strict", secure=secure,
                        path="/")


def new_login_secret() -> str:
    return secrets.token_urlsafe(24)
