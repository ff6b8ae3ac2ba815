"""One router shape for every record resource: list, get, create, update, transition, delete.

Bodies and answers are the resource's own schemas (``NeedCreate`` …); the routes only turn
HTTP into calls of :mod:`clearinghouse.services.records.records` and records back into schemas.
"""

import dataclasses
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel

from clearinghouse.api.deps import CurrentUser, EngineDep, IfMatch, OptionalIfMatch, etag
from clearinghouse.api.errors import current_version_on_conflict
from clearinghouse.api.schemas import Page, Stale, Transition
from clearinghouse.domain.errors import DomainError
from clearinghouse.services.records import records, table_export

B = TypeVar("B", bound=BaseModel)
MAX_PAGE = 500
Responses = dict[int | str, dict[str, Any]]


def to_read(read: type[B], stored: Any) -> B:
    """The read schema of a stored record (its fields, status and version)."""
    return read.model_validate({**dataclasses.asdict(stored.record), "version": stored.version})


def record_router(*, sheet: str, create: type[BaseModel], update: type[BaseModel],
                  read: type[BaseModel], filters: Callable[..., dict[str, Any]],
                  sort_fields: tuple[str, ...], key: str = "ref",
                  transitions: bool = False) -> APIRouter:
    """The routes of one resource under ``/{sheet}``."""
    # Paths are hyphenated like every other route (/training-needs for sheet training_needs).
    router = APIRouter(prefix="/" + sheet.replace("_", "-"), tags=[sheet])
    # Fields that may be cleared with null: optional in the create schema, None by default.
    nullable = {name for name, f in create.model_fields.items()
                if not f.is_required() and f.default is None}
    sort_pattern = "^-?(" + "|".join(sort_fields) + ")$"
    not_found: Responses = {
        404: {"description": "no such record, or not released to the user's nation"}}
    stale: Responses = {409: {"model": Stale, "description": "stale If-Match: current version"}}

    def _with_etag(response: Response, stored: Any) -> BaseModel:
        response.headers["ETag"] = etag(stored.version)
        return to_read(read, stored)

    spreadsheets: Responses = {200: {"content": {table_export.CSV: {}, table_export.XLSX: {}},
                                         "description": "the page, or with Accept: text/csv "
                                         "or the XLSX type every matching record"}}

    @router.get("", response_model=Page[read], responses=spreadsheets)  # type: ignore[valid-type]
    def list_records(
        request: Request, engine: EngineDep, user: CurrentUser,
        matching: Annotated[dict[str, Any], Depends(filters)],
        sort: Annotated[str | None, Query(pattern=sort_pattern,
                                          description="a field; -field: descending")] = None,
        q: Annotated[str | None, Query(max_length=200, description=(
            "text held by a ref, code or name: of the record, its item or class (name, "
            "capability) or its nations (donor, destination …)"))] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
        offset: Annotated[int, Query(ge=0, le=2**31)] = 0,
    ) -> Any:
        """Records released to the user's nation, filtered, searched, sorted, one page with
        the total; ``Accept: text/csv`` or the XLSX type: every matching record (not one
        page) as a spreadsheet, text cells neutralised against formulas."""
        kind = table_export.wanted_format(request.headers.get("accept", ""))
        if kind is not None:
            header, rows = table_export.export_records(engine, user, sheet, filters=matching,
                                                       sort=sort, q=q)
            name = sheet.replace("_", "-") + (".csv" if kind == table_export.CSV else ".xlsx")
            return Response(table_export.as_file(kind, sheet, header, rows),
                            media_type=kind + ("; charset=utf-8" if kind == table_export.CSV
                                               else ""),
                            headers={"Content-Disposition": f'attachment; filename="{name}"'})
        page = records.list_records(engine, user, sheet, filters=matching, sort=sort,
                                    limit=limit, offset=offset, q=q)
        return {"items": [to_read(read, s) for s in page.records], "total": page.total,
                "limit": limit, "offset": offset}

    @router.get("/{ref}", response_model=read, responses=not_found)
    def get_record(ref: str, engine: EngineDep, user: CurrentUser, response: Response) -> Any:
        """One record by its key; 404 when it does not exist or is not released to you."""
        return _with_etag(response, records.get_record(engine, user, sheet, ref))

    def create_record(body: Any, engine: EngineDep, user: CurrentUser,
                      response: Response) -> Any:
        stored = records.create_record(engine, user, sheet, body.model_dump())
        return _with_etag(response, stored)

    create_record.__annotations__["body"] = create
    create_record.__doc__ = f"Create one of {sheet}; the answer's ETag is its version."
    router.post("", response_model=read, status_code=201)(create_record)

    def update_record(ref: str, body: Any, version: IfMatch, engine: EngineDep,
                      user: CurrentUser, response: Response) -> Any:
        changes = body.model_dump(exclude_unset=True)
        for name, value in changes.items():
            if value is None and name not in nullable:
                raise DomainError(f"{sheet} {ref}: {name} cannot be removed", field=name,
                                  rule="must not be null", value=None)
        with current_version_on_conflict(lambda: _current_version(engine, user, ref)):
            stored = records.update_record(engine, user, sheet, ref, changes, version)
        return _with_etag(response, stored)

    update_record.__annotations__["body"] = update
    update_record.__doc__ = (f"Change fields of one of {sheet}; If-Match must carry the "
                             "version you read (409 with the current one when stale).")
    router.patch("/{ref}", response_model=read, responses={**not_found, **stale})(update_record)

    def _current_version(engine: Any, user: Any, ref: str) -> int:
        return records.get_record(engine, user, sheet, ref).version

    if transitions:
        @router.post("/{ref}/transitions", response_model=read,
                     responses={**not_found, **stale})
        def transition(ref: str, body: Transition, version: OptionalIfMatch,
                       engine: EngineDep, user: CurrentUser, response: Response) -> Any:
            """Move the record to another status of its lifecycle (422 names the rule)."""
            with current_version_on_conflict(lambda: _current_version(engine, user, ref)):
                stored = records.transition_record(engine, user, sheet, ref, body.status,
                                                   version)
            return _with_etag(response, stored)

    @router.delete("/{ref}", status_code=204, response_model=None,
                   responses={**not_found, **stale})
    def delete_record(ref: str, version: OptionalIfMatch, engine: EngineDep,
                      user: CurrentUser) -> Response:
        """Delete the record (only while its status allows; If-Match guards a stale read)."""
        with current_version_on_conflict(lambda: _current_version(engine, user, ref)):
            records.delete_record(engine, user, sheet, ref, version)
        return Response(status_code=204)

    return router
