"""A database outage answers 503 with Retry-After (never 500), keeps the connection alive,
and the service recovers by itself when the database is back."""

from __future__ import annotations

import http.client
import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine

from clearinghouse.services.records.users import Role

Headers = Callable[[str, Role], dict[str, str]]
DEAD = {"postgresql": "postgresql+psycopg://root@127.0.0.1:1/test?connect_timeout=2",
        "sqlite": "sqlite:////proc/no-such-folder/clearinghouse.db"}


@pytest.fixture(params=sorted(DEAD))
def outage(request: pytest.FixtureRequest, app: FastAPI) -> Iterator[Callable[[bool], None]]:
    """``outage(True)`` points the app at a dead database, ``outage(False)`` back at its own."""
    own: Engine = app.state.engine
    dead = create_engine(DEAD[request.param])

    def switch(down: bool) -> None:
        app.state.engine = dead if down else own

    yield switch
    app.state.engine = own
    dead.dispose()


def test_requests_during_an_outage_answer_503_with_retry_after(
        client: TestClient, headers: Headers, outage: Callable[[bool], None]) -> None:
    who = headers("POL", Role.COORDINATOR)
    outage(True)
    for path in ("/needs", "/auth/me", "/jobs"):
        answer = client.get(path, headers=who)
        assert answer.status_code == 503, (path, answer.text)
        assert answer.headers["Retry-After"] == "5"
        assert "database is unreachable" in answer.json()["detail"]
        assert "psycopg" not in answer.text
        assert "sqlite" not in answer.text
    outage(False)
    assert client.get("/needs", headers=who).status_code == 200


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_an_outage_keeps_the_connection_alive_under_uvicorn(
        app: FastAPI, headers: Headers, outage: Callable[[bool], None]) -> None:
    who = headers("POL", Role.COORDINATOR)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if server.started:
                break
            time.sleep(0.05)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        outage(True)
        connection.request("GET", "/needs", headers=who)
        first = connection.getresponse()
        first.read()
        assert first.status == 503
        assert first.getheader("connection") != "close"
        socket_before = connection.sock
        outage(False)
        connection.request("GET", "/needs", headers=who)
        second = connection.getresponse()
        second.read()
        assert second.status == 200
        assert connection.sock is socket_before  # the same connection served both
        connection.close()
    finally:
        server.should_exit = True
        thread.join(10)
