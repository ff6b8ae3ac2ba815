"""A page reads each visible sheet once, however many figures it draws from it."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.integration.test_read_memo import counted_selects


def test_the_dashboard_reads_the_offers_and_the_needs_once(
        app: FastAPI, as_user: Callable[[str], TestClient]) -> None:
    client = as_user("coord")
    for table in ("offers", "needs"):
        with counted_selects(app.state.engine, table) as selects:
            assert client.get("/ui/").status_code == 200
        visible = [s for s in selects if "ORDER BY" in s and "LIMIT" not in s]
        assert len(visible) <= 1, f"{table}: {len(visible)} full reads\n" + "\n".join(visible)
