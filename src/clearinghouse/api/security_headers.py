"""Security headers on every answer, and the API documentation pages under a policy they satisfy.

The pages under ``/ui`` load only their own scripts and styles, so the default policy allows
``'self'`` and nothing inline. Swagger UI and ReDoc are served from packaged assets (the
``fastapi-offline`` wheel's bundles and our own start script under ``/docs-assets``): the
cell's networks have no internet, so nothing may come from a CDN. Their pages allow scripts
from this server only; styles may be inline there (both set styles from their scripts).
"""

from __future__ import annotations

import base64
import hashlib
import re
from html import escape
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_oauth2_redirect_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
               "frame-ancestors 'none'")
COMMON: tuple[tuple[bytes, bytes], ...] = (
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
#: Where the documentation's assets are served: the vendored bundles and our start script.
DOCS_ASSETS = "/docs-assets"
VENDOR = Path(fastapi_offline.__file__).parent / "static"
START_SCRIPT = Path(__file__).parent / "docs_static" / "swagger-init.js"


def inline_script_hashes(html: str) -> str:
    """The CSP sources (``'sha256-…'``) of the inline scripts of ``html``."""
    return " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(html))


def docs_policy(html: str) -> str:
    """The policy of a documentation page: scripts from this server (and, on the OAuth2
    redirect page alone, its own inline script by hash); no other origin anywhere.

    Swagger UI and ReDoc set styles from their scripts, hence ``'unsafe-inline'`` for styles
    (never for scripts) on these pages only; ReDoc runs a worker from a blob.
    """
    hashes = inline_script_hashes(html)
    scripts = f"'self' {hashes}" if hashes else "'self'"
    return (f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; "
            "font-src 'self'; img-src 'self' data:; connect-src 'self'; "
            "worker-src 'self' blob:; object-src 'none'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'")


def _docs_page(response: HTMLResponse) -> HTMLResponse:
    response.headers["Content-Security-Policy"] = docs_policy(bytes(response.body).decode())
    return response


def swagger_html(title: str, root: str) -> str:
    """Swagger UI's page: the vendored bundle, started by our script from data attributes."""
    assets = root + DOCS_ASSETS
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<link rel="icon" href="{assets}/vendor/favicon.png">
<link rel="stylesheet" href="{assets}/vendor/swagger-ui.css"></head>
<body><div id="swagger-ui" data-openapi="{escape(root)}/openapi.json"
 data-oauth2="{escape(root)}/docs/oauth2-redirect"></div>
<script src="{assets}/vendor/swagger-ui-bundle.js"></script>
<script src="{assets}/swagger-init.js"></script></body></html>"""


def redoc_html(title: str, root: str) -> str:
    """ReDoc's page: the vendored standalone bundle reads the ``<redoc>`` element itself."""
    assets = root + DOCS_ASSETS
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<link rel="icon" href="{assets}/vendor/favicon.png"></head>
<body><redoc spec-url="{escape(root)}/openapi.json"></redoc>
<script src="{assets}/vendor/redoc.standalone.js"></script></body></html>"""


def add_docs_pages(app: FastAPI) -> None:
    """``/docs``, its OAuth2 redirect and ``/redoc`` (the app is built without FastAPI's own),
    and their assets under ``/docs-assets``."""
    @app.get(DOCS_ASSETS + "/swagger-init.js", include_in_schema=False)
    def swagger_start() -> FileResponse:
        return FileResponse(START_SCRIPT, media_type="text/javascript")

    app.mount(DOCS_ASSETS + "/vendor", StaticFiles(directory=str(VENDOR)), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return _docs_page(HTMLResponse(swagger_html(f"{app.title} - Swagger UI", root)))

    @app.get("/docs/oauth2-redirect", include_in_schema=False)
    def swagger_ui_redirect() -> HTMLResponse:
        return _docs_page(get_swagger_ui_oauth2_redirect_html())

    @app.get("/redoc", include_in_schema=False)
    def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return _docs_page(HTMLResponse(redoc_html(f"{app.title} - ReDoc", root)))


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
