"""/docs and /redoc in a real browser with every request off this server refused (the
cell's networks have no internet): both render the API's operations. Screenshots go to
tests/artifacts/docs_{swagger,redoc}.png."""

from __future__ import annotations

from playwright.sync_api import Page, Route, expect

from tests.e2e.browser.conftest import ARTIFACTS, log_in, screenshot


def _blocked_code(errors: list[str]) -> list[str]:
    """The console's CSP refusals of scripts, styles, workers or requests (ReDoc's
    "powered by" badge image from its CDN is refused too, and harmlessly so)."""
    return [e for e in errors if "Content Security Policy" in e
            and not e.startswith("Loading the image")]


def _offline(page: Page, server: str) -> list[str]:
    """Refuse every request that leaves ``server``; the list names those refused."""
    refused: list[str] = []

    def only_local(route: Route) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()
    page.route("**/*", only_local)
    return refused


def test_swagger_ui_renders_the_operations_without_internet(open_page: Page,
                                                            server: str) -> None:
    refused = _offline(open_page, server)
    errors: list[str] = []
    open_page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    open_page.goto("/docs")
    expect(open_page.locator(".swagger-ui .info .title")).to_contain_text("Clearing House")
    expect(open_page.locator(".opblock-summary-path", has_text="/needs").first).to_be_visible()
    screenshot(open_page, "docs_swagger")
    assert refused == []
    assert not _blocked_code(errors), errors


def test_redoc_renders_the_operations_without_internet(open_page: Page, server: str) -> None:
    refused = _offline(open_page, server)
    errors: list[str] = []
    open_page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    open_page.goto("/redoc")
    expect(open_page.locator("h1", has_text="Clearing House").first).to_be_visible(timeout=30_000)
    expect(open_page.locator("h2", has_text="List Records").first).to_be_attached()
    # The viewport only: the whole ReDoc page is too tall to capture in time.
    ARTIFACTS.mkdir(exist_ok=True)
    open_page.screenshot(path=str(ARTIFACTS / "docs_redoc.png"))
    assert refused == []
    assert not _blocked_code(errors), errors


def test_an_unknown_ui_address_shows_a_page_in_the_browser(open_page: Page) -> None:
    log_in(open_page, "coord")
    answer = open_page.goto("/ui/no-such-page")
    assert answer is not None
    assert answer.status == 404
    expect(open_page.locator("h1")).to_have_text("Not found")
    screenshot(open_page, "error_not_found")
