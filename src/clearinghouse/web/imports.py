"""Import a bundle: upload, see the row-level errors or what would change, then confirm."""

from __future__ import annotations

import json
import re
import secrets
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from clearinghouse.config import Settings
from clearinghouse.services.errors import UserError
from clearinghouse.services.exchange.archive import UploadLimits
from clearinghouse.services.exchange.uploads import (
    ImportRefused,
    import_upload,
    preview_upload,
)
from clearinghouse.services.records.users import Role
from clearinghouse.web.render import error_page, page, status_of
from clearinghouse.web.session import Session, check_csrf, current_session, engine_of

CurrentSession = Annotated[Session, Depends(current_session)]
UPLOAD_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def _store() -> Path:
    # Kept on disk, not in memory, so that any worker process can confirm the upload.
    folder = Path(tempfile.gettempdir()) / "clearinghouse-web-uploads"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _keep(owner: str, filename: str, data: bytes) -> str:
    upload_id = secrets.token_urlsafe(24)
    (_store() / f"{upload_id}.bin").write_bytes(data)
    (_store() / f"{upload_id}.json").write_text(json.dumps(
        {"owner": owner, "filename": filename}))
    return upload_id


def _take(upload_id: str, owner: str) -> tuple[str, bytes]:
    meta_path = _store() / f"{upload_id}.json"
    if not UPLOAD_ID.match(upload_id) or not meta_path.exists():
        raise UserError("this upload is no longer waiting: upload the file again")
    meta = json.loads(meta_path.read_text())
    if meta["owner"] != owner:
        raise UserError("this upload is no longer waiting: upload the file again")
    data = (_store() / f"{upload_id}.bin").read_bytes()
    meta_path.unlink(missing_ok=True)
    (_store() / f"{upload_id}.bin").unlink(missing_ok=True)
    return str(meta["filename"]), data


def imports_router(settings: Settings) -> APIRouter:
    """Routes of the import page (the import writes through the app's engine; ``settings``
    gives the upload limits)."""
    router = APIRouter(include_in_schema=False)
    limits = UploadLimits.of(settings)

    def refuse_others(request: Request, session: Session) -> HTMLResponse | None:
        if session.user.role is Role.COORDINATOR:
            return None
        return error_page(request, session, 403,
                          f"a {session.user.role} may not import bundles")

    @router.get("/ui/import")
    def show_import(request: Request, session: CurrentSession) -> HTMLResponse:
        return refuse_others(request, session) or page(request, "import.html", session)

    @router.post("/ui/import")
    async def upload(request: Request, session: CurrentSession) -> HTMLResponse:
        refused = refuse_others(request, session)
        if refused is not None:
            return refused
        form = await request.form(max_part_size=limits.max_bytes)
        check_csrf(session.csrf, form.get("csrf"))
        file = form.get("bundle")
        if not isinstance(file, UploadFile) or not file.filename:
            return page(request, "import.html", session, status_code=422,
                        error="choose a .zip of CSV files or an .xlsx workbook")
        filename, data = file.filename, await file.read()
        try:
            report = await run_in_threadpool(preview_upload, engine_of(request), session.user,
                                             filename, data, limits)
        except ImportRefused as e:
            return page(request, "import.html", session, status_code=422, error=str(e),
                        problems=e.problems, filename=filename)
        except UserError as e:
            return page(request, "import.html", session, status_code=status_of(e),
                        error=str(e), filename=filename)
        upload_id = await run_in_threadpool(_keep, session.user.name, filename, data)
        return page(request, "import.html", session, preview=report, upload_id=upload_id,
                    filename=filename)

    @router.post("/ui/import/confirm")
    async def confirm(request: Request, session: CurrentSession) -> HTMLResponse:
        refused = refuse_others(request, session)
        if refused is not None:
            return refused
        form = await request.form()
        check_csrf(session.csrf, form.get("csrf"))
        try:
            filename, data = _take(str(form.get("upload_id", "")), session.user.name)
            report = await run_in_threadpool(import_upload, engine_of(request), session.user,
                                             filename, data, limits)
        except ImportRefused as e:
            return page(request, "import.html", session, status_code=422, error=str(e),
                        problems=e.problems)
        except UserError as e:
            return page(request, "import.html", session, status_code=status_of(e),
                        error=str(e))
        return page(request, "import.html", session, imported=report, filename=filename)

    return router
