"""Retrying a whole unit of work that SQLite refused because another one was writing."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import OperationalError

from clearinghouse.services.errors import Conflict

T = TypeVar("T")
ATTEMPTS = 30


def is_locked(error: OperationalError) -> bool:
    """True for SQLite's "database is locked" (a read turned write lost to another writer)."""
    return "locked" in str(error.orig)


def retrying(work: Callable[[], T], attempts: int = ATTEMPTS) -> T:
    """Run ``work`` (one whole unit of work) again while SQLite answers "database is locked".

    SQLite lets one writer in at a time, and a transaction that read before another writer
    committed cannot write at all: only starting over helps. Re-running re-reads, so version
    checks still refuse a stale write.
    """
    for attempt in range(attempts):
        try:
            return work()
        except OperationalError as e:
            if not is_locked(e):
                raise
            time.sleep(min(0.2, 0.005 * 2 ** attempt))
    raise Conflict("the database stayed busy with other writes: try again")
