"""The reports page: the briefing (as ``clearinghouse report --out`` writes it) for the
user's view — every figure over the records released to the user's nation — read in the
browser (a page of the site: its charts as images, its tables, no inline style) or
downloaded as a zip of its HTML and CSV figures."""

from __future__ import annotations

import io
import tempfile
import zipfile
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from clearinghouse.config import Settings
from clearinghouse.services.errors import UserError
from clearinghouse.services.reporting import charts
from clearinghouse.services.reporting.briefing import BriefingContent, write_briefing
from clearinghouse.services.reporting.briefing import briefing as briefing_content
from clearinghouse.services.reporting.briefing_sections import SHOWN_ROWS, Section, note_html
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


def _part(section: Section) -> dict[str, object]:
    """A briefing section as the page shows it: notes as HTML, charts as data URIs, tables
    cut to the rows the download shows."""
    return {"section": section, "notes": [Markup(note_html(n)) for n in section.notes],
            "charts": [(alt, charts.data_uri(png)) for alt, png in section.images.items()],
            "tables": [(caption, header, rows[:SHOWN_ROWS], len(rows))
                       for caption, (header, rows) in section.shown.items() if rows]}


def _briefing_page(request: Request, session: Session, content: BriefingContent) -> HTMLResponse:
    return page(request, "briefing.html", session, content=content,
                parts=[_part(s) for s in content.sections])


def reports_router(settings: Settings) -> APIRouter:
    """The reports page, the briefing in the browser and its download."""
    router = APIRouter(include_in_schema=False)

    @router.get("/ui/reports")
    def show(request: Request, session: CurrentSession) -> HTMLResponse:
        return page(request, "reports.html", session)

    @router.get("/ui/reports/briefing")
    async def read(request: Request, session: CurrentSession) -> HTMLResponse:
        try:
            content = await run_in_threadpool(briefing_content, settings, today=date.today(),
                                              reader=session.user)
        except UserError as e:
            return error_page(request, session, status_of(e), str(e))
        return _briefing_page(request, session, content)

    @router.get("/ui/reports/briefing.zip")
    async def download(request: Request, session: CurrentSession) -> Response:
        today = date.today()
        try:
            data = await run_in_threadpool(_briefing_zip, settings, session, today)
        except UserError as e:
            return error_page(request, session, status_of(e), str(e))
        name = f"briefing_{session.user.nation}_{today.isoformat()}.zip"
        return Response(data, media_type="application/zip",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    return router
