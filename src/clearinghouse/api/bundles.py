"""Bundles over HTTP: upload an .xlsx or a CSV zip to import, download what you may see."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, UploadFile
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from clearinghouse.api.deps import CurrentUser, EngineDep, SettingsDep
from clearinghouse.services.exchange.archive import UploadLimits
from clearinghouse.services.exchange.uploads import export_visible, import_upload

router = APIRouter(prefix="/bundles", tags=["bundles"])

MEDIA = {"zip": "application/zip",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


class SheetCountsRead(BaseModel):
    created: int
    updated: int
    unchanged: int


class ImportRead(BaseModel):
    created: int
    updated: int
    unchanged: int
    sheets: dict[str, SheetCountsRead]


class RowProblemRead(BaseModel):
    file: str
    row: int
    column: str
    value: str
    rule: str


class ImportRefusedRead(BaseModel):
    detail: str
    errors: list[str]
    problems: list[RowProblemRead]


@router.post("/import", responses={
    422: {"model": ImportRefusedRead, "description": "every bad row; nothing imported"},
    413: {"description": "the upload, or what it inflates to, exceeds a limit (in words)"}})
async def import_bundle(file: UploadFile, engine: EngineDep, settings: SettingsDep,
                        user: CurrentUser) -> ImportRead:
    """Import an .xlsx workbook or a .zip of CSV files: every row, or none (coordinators).

    The counts cover only records released to your nation: a row keyed like a record not
    released to it refuses the upload (the key is taken), whatever the row holds.
    """
    filename, limits = file.filename or "upload", UploadLimits.of(settings)
    if file.size is not None:  # refused before it is read into memory
        limits.check_size(filename, file.size)
    data = await file.read()
    report = await run_in_threadpool(import_upload, engine, user, filename, data, limits)
    return ImportRead(created=report.created, updated=report.updated,
                      unchanged=report.unchanged,
                      sheets={s: SheetCountsRead(created=c.created, updated=c.updated,
                                                 unchanged=c.unchanged)
                              for s, c in report.sheets.items()})


@router.get("/export", response_class=Response,
            responses={200: {"content": {m: {} for m in MEDIA.values()}}})
def export_bundle(engine: EngineDep, user: CurrentUser,
                  format: Annotated[Literal["zip", "xlsx"], Query()] = "zip") -> Response:
    """Every record released to your nation, as a CSV zip or an .xlsx workbook."""
    data = export_visible(engine, user, format)
    return Response(data, media_type=MEDIA[format], headers={
        "Content-Disposition": f'attachment; filename="clearinghouse.{format}"'})
