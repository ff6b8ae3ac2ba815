"""Errors the services raise for a user to read: each interface maps them once."""

from __future__ import annotations


class UserError(Exception):
    """Something the user can fix: bad input, an unknown run, a refused transition."""


class NotFound(UserError):
    """The record does not exist (or is not released to the user: same answer)."""


class Conflict(UserError):
    """The record changed since the user read it, or the action clashes with its state."""


class TooManyRequests(UserError):
    """A limit is reached (failed logins, queued jobs): try again after ``retry_after`` s."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
