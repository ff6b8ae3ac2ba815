"""Every GET reads each visible sheet and each run's allocations once
(``services.reporting.reading.one_reading``): a page of several figures decodes the records
once, and its figures all count the same records. Writes (every other method) read afresh."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from clearinghouse.services.reporting.reading import one_reading


class OneReadingPerGet:
    """ASGI middleware: a GET request is answered inside one :func:`one_reading` block."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        with one_reading():
            await self.app(scope, receive, send)
