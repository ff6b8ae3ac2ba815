"""Security headers on every answer, and the API documentation pages under a policy they satisfy.

The pages under ``/ui`` load only their own scripts and styles, so the default policy allows
``'self'`` and nothing inline. Swagger UI and ReDoc load their bundles from a CDN
(cdn.jsdelivr.net) and start with an inline script; their pages get their own policy that
allows that CDN and exactly the inline scripts they carry (by SHA-256 hash).
"""

from __future__ import annotations

import base64
import hashlib
import re

from fastapi import FastAPI, Request
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
               "frame-ancestors 'none'")
DOCS_CDN = "https://cdn.jsdelivr.net"
FASTAPI_FAVICON = "https://fastapi.tiangolo.com"
COMMON: tuple[tuple[bytes, bytes], ...] = (
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def inline_script_hashes(html: str) -> str:
    """The CSP sources (``'sha256-…'``) of the inline scripts of ``html``."""
    return " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(html))


def docs_policy(html: str) -> str:
    """The policy of a documentation page: the CDN bundles and the page's own inline scripts.

    Swagger UI sets style attributes from its script, hence ``'unsafe-inline'`` for styles
    (not for scripts) on these pages only; ReDoc also loads Google fonts and runs a worker.
    """
    return (f"default-src 'self'; script-src 'self' {DOCS_CDN} {inline_script_hashes(html)}; "
            f"style-src 'self' 'unsafe-inline' {DOCS_CDN} https://fonts.googleapis.com; "
            f"font-src 'self' https://fonts.gstatic.com; "
            f"img-src 'self' data: {FASTAPI_FAVICON} {DOCS_CDN}; connect-src 'self'; "
            "worker-src 'self' blob:; object-src 'none'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'")


def _docs_page(response: HTMLResponse) -> HTMLResponse:
    response.headers["Content-Security-Policy"] = docs_policy(bytes(response.body).decode())
    return response


def add_docs_pages(app: FastAPI) -> None:
    """``/docs``, its OAuth2 redirect and ``/redoc`` (the app is built without FastAPI's own)."""
    @app.get("/docs", include_in_schema=False)
    def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return _docs_page(get_swagger_ui_html(
            openapi_url=root + "/openapi.json", title=f"{app.title} - Swagger UI",
            oauth2_redirect_url=root + "/docs/oauth2-redirect"))

    @app.get("/docs/oauth2-redirect", include_in_schema=False)
    def swagger_ui_redirect() -> HTMLResponse:
        return _docs_page(get_swagger_ui_oauth2_redirect_html())

    @app.get("/redoc", include_in_schema=False)
    def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return _docs_page(get_redoc_html(openapi_url=root + "/openapi.json",
                                         title=f"{app.title} - ReDoc"))


class SecurityHeaders:
    """ASGI middleware adding the headers to every HTTP answer (a route's own CSP wins)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        secure = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                extra = [h for h in COMMON if h[0] not in present]
                if b"content-security-policy" not in present:
                    extra.append((b"content-security-policy", PAGE_POLICY.encode()))
                if secure:
                    extra.append(HSTS)
                message = {**message, "headers": headers + extra}
            await send(message)

        await self.app(scope, receive, send_with_headers)
