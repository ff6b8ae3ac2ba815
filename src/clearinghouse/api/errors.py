"""Every error the services raise, mapped once to an HTTP answer; nothing answers a traceback."""

import logging
from dataclasses import asdict

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError

from clearinghouse.domain.errors import DomainError
from clearinghouse.services.errors import Conflict, NotFound, TooManyRequests, UserError
from clearinghouse.services.exchange.archive import UploadTooLarge
from clearinghouse.services.exchange.uploads import ImportRefused
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


async def user_error(_: Request, exc: Exception) -> JSONResponse:
    status = next(code for kind, code in STATUS_OF if isinstance(exc, kind))
    retry_after = exc.retry_after if isinstance(exc, TooManyRequests) else None
    return _answer(status, str(exc), retry_after=retry_after)


async def import_refused(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ImportRefused)
    return _answer(422, str(exc), errors=[str(p) for p in exc.problems],
                   problems=[asdict(p) for p in exc.problems])


def unstorable_reason(exc: Exception) -> str:
    """Why the database refused a value, in our words: a driver's text never reaches users."""
    text = str(exc).lower()
    if "nul" in text or "0x00" in text:
        return "a text holds a NUL byte (\\x00), which no field accepts"
    if "out of range" in text or "overflow" in text or "too large" in text:
        return "a number is outside the range a field holds"
    if "too long" in text:
        return "a text is longer than its field holds"
    return "a value is not of a kind its field holds"


async def unstorable(request: Request, exc: Exception) -> JSONResponse:
    # Input the database cannot hold (a NUL byte in PostgreSQL text, a number out of range).
    log.info("refused a value on %s %s: %s", request.method, request.url.path, exc)
    return _answer(422, f"a value cannot be stored or searched: {unstorable_reason(exc)}")


async def unexpected(request: Request, exc: Exception) -> JSONResponse:
    # Logged in full for the operators; the client gets no traceback.
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return _answer(500, "internal error: the request was not carried out; it is logged")


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    app.add_exception_handler(DomainError, domain_error)
    app.add_exception_handler(UserError, user_error)
    app.add_exception_handler(ImportRefused, import_refused)
    app.add_exception_handler(DataError, unstorable)
    app.add_exception_handler(Exception, unexpected)
