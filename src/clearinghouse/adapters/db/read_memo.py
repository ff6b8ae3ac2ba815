"""One reading per page: inside :func:`reading_once`, each visible sheet and each plan run's
allocations are read from the database once and handed out again (as new lists of the same
records) to every later reader in the block.

A page that draws several figures from the same records (the dashboard: fill rates, the
plan's needs, tonnes per hub-month, pledges per donor) then reads them once instead of once
per figure, and every figure on it counts the same records. Only reads use it; the records
handed out are shared within the block, so readers must not change them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_memo: ContextVar[dict[Hashable, Any] | None] = ContextVar("clearinghouse_read_memo",
                                                           default=None)


@contextmanager
def reading_once() -> Iterator[None]:
    """Within the block, each remembered read happens once (nested blocks share the outer)."""
    if _memo.get() is not None:
        yield
        return
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def remembered(key: Hashable, load: Callable[[], list[T]]) -> list[T]:
    """``load()`` — or, inside :func:`reading_once`, what it gave for ``key`` the first time."""
    memo = _memo.get()
    if memo is None:
        return load()
    if key not in memo:
        memo[key] = load()
    return list(memo[key])
