"""One error body for every refusal, and an OpenAPI document that says so.

Every 4xx/5xx answer is an :class:`ErrorRead` (``detail`` always; ``field``, ``rule`` and
``value`` when one value is at fault; ``errors`` listing every problem). FastAPI's own
validation errors are answered in that shape too, and the document lists, for every
operation, the statuses any request may get (401 without a valid token, 403 for a role that
may not, 404, 409, 422, 429 at a limit, 503 while the database is unreachable; 413 where an
upload is taken).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

_SOURCES = ("body", "query", "path", "header", "cookie")


class ErrorRead(BaseModel):
    """Why a request was refused."""

    detail: str = Field(description="what went wrong, in words")
    field: str | None = Field(default=None, description="the field at fault")
    rule: str | None = Field(default=None, description="the rule it breaks")
    value: Any = Field(default=None, description="the value at fault")
    errors: list[str] | None = Field(default=None, description="every problem found")
    problems: list[dict[str, Any]] | None = Field(
        default=None, description="an import's problems, row by row")
    current_version: int | None = Field(
        default=None, description="a stale write: the record's version now (If-Match it)")


STATUSES: dict[str, str] = {
    "400": "the request cannot be read (a malformed body)",
    "401": "no valid bearer token (log in at /auth/token), or a wrong password",
    "403": "your role or nation may not do this",
    "404": "no such record, or not released to your nation",
    "409": "the record changed since you read it, or clashes with its state",
    "422": "a value breaks a rule: field, rule and value say which",
    "429": "a limit is reached (failed logins, unfinished jobs): see Retry-After",
    "503": "the database is unreachable or a part of the service is missing: see Retry-After",
}
UPLOAD = {"413": "the upload, or what it inflates to, exceeds a limit (in words)"}


def _path(loc: tuple[Any, ...]) -> list[str]:
    return [str(p) for p in (loc[1:] if loc and loc[0] in _SOURCES else loc)]


def _plain(value: Any) -> Any:
    return value if isinstance(value, str | int | float | bool | None) else None


async def invalid_request(_: Request, exc: Exception) -> JSONResponse:
    """A request FastAPI could not validate, answered as an :class:`ErrorRead`."""
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    first = errors[0] if errors else {"loc": (), "msg": "invalid request"}
    loc = tuple(first.get("loc", ()))
    path = _path(loc)
    # The field at fault is the innermost name (``open.capacity_t_per_month``: the latter).
    names = [str(p) for p in loc[1:] if not isinstance(p, int)] if loc else []
    field = names[-1] if names else str(loc[0] if loc else "body")
    where = ".".join(path) or field
    body = ErrorRead(detail=f"{where}: {first['msg']}", field=field, rule=str(first["msg"]),
                     value=_plain(first.get("input")),
                     errors=[f"{'.'.join(_path(tuple(e['loc']))) or e['loc'][0]}: {e['msg']}"
                             for e in errors])
    return JSONResponse(body.model_dump(exclude_none=True), status_code=422)


def _document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["ErrorRead"] = ErrorRead.model_json_schema(
        ref_template="#/components/schemas/{model}")
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorRead"}}}
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            statuses = {**STATUSES, **(UPLOAD if method == "post" and "import" in path else {})}
            for status, description in statuses.items():
                answer = responses.setdefault(status, {"description": description})
                answer["content"] = error
    # Bodies no answer names any more (FastAPI's validation error, the old 422/409 bodies).
    for name in ("HTTPValidationError", "ValidationError", "ImportRefusedRead", "Stale",
                 "RowProblemRead"):
        if f'"#/components/schemas/{name}"' not in json.dumps(schema):
            components.pop(name, None)
    return schema


def install_error_docs(app: FastAPI) -> None:
    """Answer validation errors as ErrorRead and document every error status of every route."""
    app.add_exception_handler(RequestValidationError, invalid_request)
    default: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _document_errors(default())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
