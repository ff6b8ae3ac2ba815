"""The reports page: the briefing (as ``clearinghouse report --out`` writes it) for the
user's view — every figure over the records released to the user's nation — downloaded as
a zip of its HTML and CSV figures."""

from __future__ import annotations

import io
import tempfile
import zipfile
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from clearinghouse.config import Settings
from clearinghouse.services.errors import UserError
from clearinghouse.services.reporting.briefing import write_briefing
from clearinghouse.web.render import error_page, page, status_of
from clearinghouse.web.session import Session, current_session

CurrentSession = Annotated[Session, Depends(current_session)]


def _briefing_zip(settings: Settings, session: Session, today: date) -> bytes:
    with tempfile.TemporaryDirectory(prefix="clearinghouse-briefing-") as tmp:
        written = write_briefing(settings, Path(tmp) / "briefing.html", today=today,
                                 reader=session.user)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in [written.html, *written.csv]:
                archive.write(path, path.name)
    return buffer.getvalue()


def reports_router(settings: Settings) -> APIRouter:
    """The reports page and the briefing download."""
    router = APIRouter(include_in_schema=False)

    @router.get("/ui/reports")
    def show(request: Request, session: CurrentSession) -> HTMLResponse:
        return page(request, "reports.html", session)

    @router.get("/ui/reports/briefing.zip")
    async def briefing(request: Request, session: CurrentSession) -> Response:
        today = date.today()
        try:
            data = await run_in_threadpool(_briefing_zip, settings, session, today)
        except UserError as e:
            return error_page(request, session, status_of(e), str(e))
        name = f"briefing_{session.user.nation}_{today.isoformat()}.zip"
        return Response(data, media_type="application/zip",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    return router
