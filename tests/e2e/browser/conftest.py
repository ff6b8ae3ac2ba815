"""Browser fixtures: a real uvicorn server on a free localhost port over a fresh SQLite file
with the test world, and Debian's Chromium driven by Playwright (never a downloaded browser).

Without /usr/bin/chromium the browser tests are skipped, or fail when ``CI=true``."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from sqlalchemy import Engine

from clearinghouse.config import Settings
from clearinghouse.services.runtime.database import ready_engine
from tests.ci import running_in_ci
from tests.web.world import PASSWORD, populate

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"



def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_until_up(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"uvicorn exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/ui/login", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"uvicorn did not answer at {url} within 60 s")


@pytest.fixture(scope="module")
def seed() -> Callable[[Settings, Engine], object]:
    """What a test module stores beyond the test world before its server starts: a module
    overrides this fixture to add records (the default adds none)."""
    return lambda settings, engine: None


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory,
           seed: Callable[[Settings, Engine], object]) -> Iterator[str]:
    """The base URL of a uvicorn server of the app on its own fresh database."""
    url_db = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'web.db'}"
    settings = Settings(database_url=url_db, environment="test")
    engine = ready_engine(settings)
    populate(settings, engine, date.today())
    seed(settings, engine)
    engine.dispose()
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": url_db, "CLEARINGHOUSE_ENVIRONMENT": "test"}
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory",
         "clearinghouse.api.app:app_from_environment", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning"], env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: run scripts/system-deps.sh (apt-get install chromium)"
        if running_in_ci():
            pytest.fail(f"{reason} (CI=true: the browser tests are required)", pytrace=False)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser: Browser, server: str) -> Iterator[Page]:
    """A fresh browser context (no cookies) on a laptop-sized screen."""
    context = browser.new_context(viewport={"width": 1366, "height": 800},
                                  base_url=server)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def log_in(page: Page, name: str) -> None:
    """Log in through the login form and land on the dashboard."""
    page.goto("/ui/")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/ui/")


def screenshot(page: Page, name: str) -> Path:
    """Save the whole page under tests/artifacts/ (kept by CI)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 0
    return path
