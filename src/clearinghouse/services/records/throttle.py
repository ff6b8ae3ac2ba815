"""Login throttling: too many wrong passwords for one user name, or from one client address,
within a window lock further attempts out until the window has moved on.

Where the counts live is the failure log's business: :class:`MemoryFailureLog` keeps them in
one process (tests, the CLI), ``adapters.db.login_failures.SqlFailureLog`` in the database,
so that every worker of a service counts the same failures (the service uses it).
"""

from __future__ import annotations

import math
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import Engine

from clearinghouse.adapters.db.login_failures import SqlFailureLog
from clearinghouse.services.errors import TooManyRequests

#: A key failures count against: ("user", name) or ("address", client address).
Key = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Limit:
    """At most ``failures`` failed logins per key within ``window_s`` seconds."""

    failures: int
    window_s: float


class FailureLog(Protocol):
    """The failure times per key (what :class:`LoginThrottle` counts)."""

    def times(self, key: Key, since: float) -> list[float]:
        """The failures of ``key`` after ``since``, oldest first."""
        ...

    def add(self, key: Key, at: float, forget_before: float) -> int:
        """Record a failure; forget those up to ``forget_before``; count those after it."""
        ...

    def clear(self, key: Key) -> None:
        """Forget every failure of ``key``."""
        ...


class MemoryFailureLog:
    """Failure times in this process's memory."""

    def __init__(self) -> None:
        self._times: dict[Key, list[float]] = defaultdict(list)
        self._lock = threading.Lock()

    def times(self, key: Key, since: float) -> list[float]:
        with self._lock:
            return [t for t in self._times.get(key, []) if t > since]

    def add(self, key: Key, at: float, forget_before: float) -> int:
        with self._lock:
            kept = [t for t in self._times[key] if t > forget_before] + [at]
            self._times[key] = kept
            return len(kept)

    def clear(self, key: Key) -> None:
        with self._lock:
            self._times.pop(key, None)


class LoginThrottle:
    """Failed logins per user name and per client address, each with its own limit.

    A key is locked out while ``failures`` of its failures lie within the last ``window_s``
    seconds; it opens again when the oldest of those leaves the window."""

    def __init__(self, per_user: Limit, per_address: Limit,
                 clock: Callable[[], float] = time.monotonic,
                 log: FailureLog | None = None) -> None:
        self._limits = {"user": per_user, "address": per_address}
        self._clock = clock
        self._log: FailureLog = log if log is not None else MemoryFailureLog()

    def _keys(self, name: str, address: str | None) -> list[Key]:
        return [("user", name)] + ([("address", address)] if address else [])

    def check(self, name: str, address: str | None) -> None:
        """Refuse (:class:`TooManyRequests`) while the name or the address is locked out."""
        now = self._clock()
        waits = []
        for key in self._keys(name, address):
            limit = self._limits[key[0]]
            times = self._log.times(key, now - limit.window_s)
            if len(times) >= limit.failures:
                # Open again when the oldest failure that keeps the count at the limit
                # leaves the window.
                waits.append(times[-limit.failures] + limit.window_s - now)
        if waits:
            retry_after = max(1, math.ceil(max(waits)))
            raise TooManyRequests(
                f"too many failed logins for this user name or from this address: "
                f"try again in {retry_after} s", retry_after=retry_after)

    def failed(self, name: str, address: str | None) -> list[Key]:
        """Count a failed login; the keys (kind, value) it has just locked out."""
        now = self._clock()
        locked = []
        for key in self._keys(name, address):
            limit = self._limits[key[0]]
            if self._log.add(key, now, now - limit.window_s) == limit.failures:
                locked.append(key)
        return locked

    def succeeded(self, name: str) -> None:
        """A correct password clears the name's failures (not the address's)."""
        self._log.clear(("user", name))


def shared_throttle(engine: Engine, per_user: Limit, per_address: Limit) -> LoginThrottle:
    """The service's throttle: failures counted in the database by wall-clock time, so that
    every worker process (and a restart) sees the same counts."""
    return LoginThrottle(per_user, per_address, clock=time.time, log=SqlFailureLog(engine))
