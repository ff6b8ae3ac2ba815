"""Login throttling: too many wrong passwords for one user name, or from one client address,
within a window lock further attempts out until the window has moved on.

The counts live in the memory of one service process (each worker of a multi-worker
deployment counts on its own, so an attacker gets at most ``workers ×`` the limit).
"""

from __future__ import annotations

import math
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass

from clearinghouse.services.errors import TooManyRequests


@dataclass(frozen=True, slots=True)
class Limit:
    """At most ``failures`` failed logins per key within ``window_s`` seconds."""

    failures: int
    window_s: float


class LoginThrottle:
    """Failed logins per user name and per client address, each with its own limit."""

    def __init__(self, per_user: Limit, per_address: Limit,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._limits = {"user": per_user, "address": per_address}
        self._clock = clock
        self._failures: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _keys(self, name: str, address: str | None) -> list[tuple[str, str]]:
        return [("user", name)] + ([("address", address)] if address else [])

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self._failures[key]
        while times and times[0] <= now - self._limits[key[0]].window_s:
            times.popleft()
        return times

    def check(self, name: str, address: str | None) -> None:
        """Refuse (:class:`TooManyRequests`) while the name or the address is locked out."""
        with self._lock:
            now = self._clock()
            waits = []
            for key in self._keys(name, address):
                limit, times = self._limits[key[0]], self._recent(key, now)
                if len(times) >= limit.failures:
                    # Open again when the oldest failure that keeps the count at the limit
                    # leaves the window.
                    waits.append(times[-limit.failures] + limit.window_s - now)
        if waits:
            retry_after = max(1, math.ceil(max(waits)))
            raise TooManyRequests(
                f"too many failed logins for this user name or from this address: "
                f"try again in {retry_after} s", retry_after=retry_after)

    def failed(self, name: str, address: str | None) -> list[tuple[str, str]]:
        """Count a failed login; the keys (kind, value) it has just locked out."""
        locked = []
        with self._lock:
            now = self._clock()
            for key in self._keys(name, address):
                times = self._recent(key, now)
                times.append(now)
                if len(times) == self._limits[key[0]].failures:
                    locked.append(key)
        return locked

    def succeeded(self, name: str) -> None:
        """A correct password clears the name's failures (not the address's)."""
        with self._lock:
            self._failures.pop(("user", name), None)
