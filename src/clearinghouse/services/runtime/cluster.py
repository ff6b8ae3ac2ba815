"""Job work on a Dask cluster (``CLEARINGHOUSE_DASK_SCHEDULER=tcp://HOST:PORT``).

The job's thread in the web process still holds the job — heartbeat, status, progress, its
failure — and waits here for the work's result from the cluster. The work is a module-level
function called with picklable arguments (Settings pickles). A worker runs it with the web
process's settings, so work that reads or writes the database (a plan run stores itself)
connects to the same ``DATABASE_URL`` from the worker: every worker must reach that database
(PostgreSQL in practice) and have this package installed, of the same version.
"""

from __future__ import annotations

import threading
from concurrent.futures import CancelledError
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar, cast

from clearinghouse.domain.errors import DomainError
from clearinghouse.services.errors import UserError

if TYPE_CHECKING:
    from collections.abc import Callable

    from distributed import Client

P = ParamSpec("P")
T = TypeVar("T")

#: Seconds to keep trying the scheduler: an unreachable one fails the job, it never hangs.
CONNECT_TIMEOUT_S = 10.0
#: How often a waiting job's thread looks whether the service is stopping.
POLL_S = 0.2


class RemoteFailure(Exception):
    """The work failed on a Dask worker; the message is its reason (any exception type comes
    back as this one, whether or not it pickles)."""


class RemoteRefusal(UserError):
    """The work on a Dask worker refused its input with a reason meant for users (a
    UserError or DomainError there): shown to the user as such."""


def call_remotely(fn: Callable[..., T], args: tuple[Any, ...], kwargs: dict[str, Any]) -> T:
    """``fn(*args, **kwargs)`` on the worker, a failure turned into :class:`RemoteFailure`."""
    try:
        return fn(*args, **kwargs)
    except (UserError, DomainError) as e:
        raise RemoteRefusal(str(e) or type(e).__name__) from None
    except Exception as e:
        raise RemoteFailure(str(e) or type(e).__name__) from None


class DaskCluster:
    """One Client on the scheduler at ``address``, connected at the first job, closed once."""

    def __init__(self, address: str, connect_timeout_s: float | None = None) -> None:
        self.address = address
        self._timeout = connect_timeout_s
        self._client: Client | None = None
        self._lock = threading.Lock()
        self._closed = threading.Event()

    @property
    def _connect_timeout(self) -> float:
        return CONNECT_TIMEOUT_S if self._timeout is None else self._timeout

    def _connected(self) -> Client:
        with self._lock:
            if self._closed.is_set():
                raise UserError("the job service is stopping")
            if self._client is None or self._client.status in ("closing", "closed"):
                from distributed import Client

                try:
                    self._client = Client(self.address, timeout=self._connect_timeout,
                                          set_as_default=False)
                except Exception as e:  # refused, timed out, a malformed address
                    raise UserError(f"cannot reach the Dask scheduler {self.address}: "
                                    f"{e or type(e).__name__}") from e
            return self._client

    def run(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """``fn(*args, **kwargs)`` on a worker of the cluster; waits for its result (or
        its failure, raised here with the worker's reason)."""
        client = self._connected()
        try:  # a scheduler without workers would leave the job queued there for ever
            client.wait_for_workers(1, timeout=self._connect_timeout)
        except TimeoutError as e:
            raise UserError(f"the Dask cluster at {self.address} has no workers") from e
        # pure=False: two identical requests are two runs, not one result shared.
        future = client.submit(call_remotely, fn, args, kwargs, pure=False)
        while not future.done():
            if self._closed.wait(POLL_S):
                future.cancel()
                raise UserError("the job service stopped while the job ran on the Dask "
                                f"cluster at {self.address}")
        try:
            return cast("T", future.result())
        except CancelledError as e:  # the scheduler went away, or the service is stopping
            raise UserError(f"the Dask cluster at {self.address} dropped the job: "
                            f"{e or type(e).__name__}") from e

    def close(self) -> None:
        """Close the Client (jobs still waiting on the cluster fail; no new ones start)."""
        self._closed.set()
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            client.close(timeout=self._connect_timeout)
