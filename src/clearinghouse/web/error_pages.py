"""Errors under ``/ui`` answer an HTML page; the API's paths keep their JSON.

The app's handlers (api/errors.py, FastAPI's own for unknown paths and bad parameters) answer
JSON. A browser that follows a stale link or types a wrong ``/ui/...`` address should get a
page it can read, with the same status and the same message, so each handler is wrapped:
under ``/ui`` (but not its static assets) a JSON answer becomes the error page.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import WebSocketRequestValidationError
from fastapi.responses import JSONResponse, Response

from clearinghouse.web.render import error_page

Handler = Callable[[Request, Any], Response | Awaitable[Response]]
#: Headers of the JSON answer the page keeps (when to retry).
KEPT_HEADERS = ("retry-after",)


def is_page_path(path: str) -> bool:
    """Whether ``path`` is a web page (under ``/ui``), not an asset or an API path."""
    return (path == "/ui" or path.startswith("/ui/")) and not path.startswith("/ui/static/")


def message_of(body: Any) -> str:
    """The words of a JSON error body: its ``detail``, or each invalid parameter and why."""
    detail = body.get("detail", "") if isinstance(body, dict) else body
    if isinstance(detail, list):
        return "; ".join(
            f"{'.'.join(str(p) for p in d.get('loc', [])[1:]) or 'request'}: {d.get('msg', '')}"
            for d in detail if isinstance(d, dict))
    return str(detail)


def _as_page(handler: Handler) -> Handler:
    async def answer(request: Request, exc: Any) -> Response:
        response = handler(request, exc)
        if not isinstance(response, Response):
            response = await response
        if not is_page_path(request.url.path) or not isinstance(response, JSONResponse):
            return response
        status = response.status_code
        if status == 404 and isinstance(getattr(exc, "detail", None), str) \
                and exc.detail == "Not Found":
            message = f"there is no page at {request.url.path}"
        else:
            message = message_of(json.loads(bytes(response.body)))
        page = error_page(request, None, status, message)
        for name in KEPT_HEADERS:
            if name in response.headers:
                page.headers[name] = response.headers[name]
        return page
    return answer


def html_errors_under_ui(app: FastAPI) -> None:
    """Wrap every exception handler registered so far (call after ``errors.install``)."""
    for kind, handler in list(app.exception_handlers.items()):
        if kind is not WebSocketRequestValidationError:  # no pages over a websocket
            app.exception_handlers[kind] = _as_page(handler)
