"""Every error the services raise, mapped once to an HTTP answer; nothing answers a traceback."""

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from clearinghouse.api.deps import etag
from clearinghouse.domain.errors import DomainError
from clearinghouse.services.errors import Conflict, NotFound, TooManyRequests, UserError
from clearinghouse.services.exchange.archive import UploadTooLarge
from clearinghouse.services.exchange.uploads import ImportRefused
from clearinghouse.services.records.integrity import unstorable_reason
from clearinghouse.services.records.records import Forbidden
from clearinghouse.services.records.users import AuthenticationFailed
from clearinghouse.services.runtime.jobs import Unavailable

log = logging.getLogger(__name__)


def _answer(status: int, detail: str, *, retry_after: int | None = None,
            **extra: object) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    return JSONResponse({"detail": detail, **extra}, status_code=status, headers=headers)


async def domain_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    value = exc.value if isinstance(exc.value, str | int | float | bool | None) else str(exc.value)
    return _answer(422, exc.message, field=exc.field, rule=exc.rule, value=value)


STATUS_OF: list[tuple[type[Exception], int]] = [
    (AuthenticationFailed, 401), (Forbidden, 403), (NotFound, 404), (Conflict, 409),
    (UploadTooLarge, 413), (TooManyRequests, 429), (Unavailable, 503), (UserError, 422),
]


def status_of(exc: Exception) -> int:
    """The HTTP status of a service error (the first kind in STATUS_OF it is)."""
    return next(code for kind, code in STATUS_OF if isinstance(exc, kind))


async def user_error(_: Request, exc: Exception) -> JSONResponse:
    retry_after = exc.retry_after if isinstance(exc, TooManyRequests) else None
    return _answer(status_of(exc), str(exc), retry_after=retry_after)


class StaleWrite(Conflict):
    """A write refused by the record's state or a stale If-Match, with the version to retry."""

    def __init__(self, message: str, current_version: int) -> None:
        super().__init__(message)
        self.current_version = current_version


@contextmanager
def current_version_on_conflict(current_version: Callable[[], int]) -> Iterator[None]:
    """Turn a Conflict of the write inside into a :class:`StaleWrite` that names the record's
    current version (read after the refusal), so the client can re-read and retry."""
    try:
        yield
    except Conflict as e:
        raise StaleWrite(str(e), current_version()) from e


async def stale_write(_: Request, exc: Exception) -> JSONResponse:
    # The answer's body and ETag carry the current version: If-Match it on the retry.
    assert isinstance(exc, StaleWrite)
    answer = _answer(status_of(exc), str(exc), current_version=exc.current_version)
    answer.headers["ETag"] = etag(exc.current_version)
    return answer


async def import_refused(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ImportRefused)
    return _answer(422, str(exc), errors=[str(p) for p in exc.problems],
                   problems=[asdict(p) for p in exc.problems])


async def unstorable(request: Request, exc: Exception) -> JSONResponse:
    # Input the database cannot hold (a NUL byte in PostgreSQL text, a number out of range).
    log.info("refused a value on %s %s: %s", request.method, request.url.path, exc)
    return _answer(422, f"a value cannot be stored or searched: {unstorable_reason(exc)}")


#: How long a client waits before retrying while the database is unreachable, seconds.
DATABASE_RETRY_AFTER_S = 5


async def database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    # Handled here, not as a 500: the connection stays open (keep-alive) and the client
    # learns when to retry; the engine's pool reconnects by itself once the database is back.
    log.warning("database unavailable on %s %s: %s", request.method, request.url.path,
                str(exc).splitlines()[0][:300])
    return _answer(503, "the database is unreachable or busy: the request was not carried "
                        f"out; try again in {DATABASE_RETRY_AFTER_S} s",
                   retry_after=DATABASE_RETRY_AFTER_S)


async def unexpected(request: Request, exc: Exception) -> JSONResponse:
    # Logged in full for the operators; the client gets no traceback.
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return _answer(500, "internal error: the request was not carried out; it is logged")


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    app.add_exception_handler(DomainError, domain_error)
    app.add_exception_handler(UserError, user_error)
    app.add_exception_handler(StaleWrite, stale_write)
    app.add_exception_handler(ImportRefused, import_refused)
    app.add_exception_handler(DataError, unstorable)
    for unavailable in (OperationalError, InterfaceError, PoolTimeout):
        app.add_exception_handler(unavailable, database_unavailable)
    app.add_exception_handler(Exception, unexpected)
