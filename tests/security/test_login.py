"""Login throttling per user name and per client address, lockouts audited, and unknown
names answered after the same work as known ones."""

from __future__ import annotations

import re

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.adapters.db.login_failures import SqlFailureLog
from clearinghouse.api.app import create_app
from clearinghouse.config import Settings
from clearinghouse.services.errors import TooManyRequests
from clearinghouse.services.records import users
from clearinghouse.services.records.throttle import Limit, LoginThrottle, MemoryFailureLog
from clearinghouse.services.records.users import Role
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.api.conftest import PASSWORD, user_name

NAME = user_name("POL", Role.COORDINATOR)
OTHER = user_name("USA", Role.AUDITOR)


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url, environment="test", login_failures_per_user=3,
                    login_failures_per_address=6, login_window_s=60)


def _token(client: TestClient, name: str, password: str) -> int:
    return client.post("/auth/token", data={"username": name, "password": password}).status_code


def test_wrong_passwords_lock_the_name_out_with_retry_after(client: TestClient) -> None:
    assert [_token(client, NAME, "wrong password") for _ in range(3)] == [401, 401, 401]
    refused = client.post("/auth/token", data={"username": NAME, "password": PASSWORD})
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert "too many failed logins" in refused.json()["detail"]


def test_a_locked_out_name_does_not_lock_out_another_user(client: TestClient) -> None:
    for _ in range(3):
        _token(client, NAME, "wrong password")
    assert _token(client, OTHER, PASSWORD) == 200


def test_many_names_from_one_address_lock_the_address_out(client: TestClient) -> None:
    for i in range(6):
        assert _token(client, f"guess-{i}", "wrong password") == 401
    assert _token(client, OTHER, PASSWORD) == 429


def test_a_lockout_is_written_to_the_audit_log(client: TestClient, app: FastAPI) -> None:
    for _ in range(3):
        _token(client, NAME, "wrong password")
    with SqlUnitOfWork(app.state.engine, "test") as uow:
        entries = [e for e in uow.audit.list("users", NAME)
                   if (e.after or {}).get("event") == "login-lockout"]
    assert len(entries) == 1
    assert entries[0].after == {"event": "login-lockout", "by": "user", "name": NAME,
                                "address": "testclient", "nation": "POL"}


def test_the_web_login_is_throttled_too(app: FastAPI) -> None:
    browser = TestClient(app)
    statuses = []
    for password in ["wrong password"] * 3 + [PASSWORD]:
        form = browser.get("/ui/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
        assert csrf is not None
        answer = browser.post("/ui/login", data={"username": NAME, "password": password,
                                                 "csrf": csrf.group(1)}, follow_redirects=False)
        statuses.append(answer.status_code)
    assert statuses == [401, 401, 401, 429]
    assert "Retry-After" in answer.headers


def test_a_right_password_clears_the_name_s_failures(client: TestClient) -> None:
    for _ in range(2):
        _token(client, NAME, "wrong password")
    assert _token(client, NAME, PASSWORD) == 200
    assert [_token(client, NAME, "wrong password") for _ in range(2)] == [401, 401]
    assert _token(client, NAME, PASSWORD) == 200


def test_every_process_of_the_service_counts_the_same_failures(
        client: TestClient, settings: Settings) -> None:
    """Two app instances on one database (two workers of a deployment): the failures made at
    one lock the name out at the other too."""
    other = TestClient(create_app(settings))
    try:
        assert [_token(client, NAME, "wrong password") for _ in range(2)] == [401, 401]
        assert _token(other, NAME, "wrong password") == 401
        assert _token(other, NAME, PASSWORD) == 429
        assert _token(client, NAME, PASSWORD) == 429
    finally:
        other.app.state.jobs.shutdown(wait=True)  # type: ignore[attr-defined]
        other.app.state.engine.dispose()  # type: ignore[attr-defined]


@pytest.mark.parametrize("stored", ["memory", "database"])
def test_a_lockout_ends_when_the_window_moves_on(stored: str, app: FastAPI) -> None:
    now = [0.0]
    log = SqlFailureLog(app.state.engine) if stored == "database" else MemoryFailureLog()
    throttle = LoginThrottle(Limit(2, 10.0), Limit(100, 10.0), clock=lambda: now[0], log=log)
    throttle.failed("ann", "1.2.3.4")
    now[0] = 4.0
    assert throttle.failed("ann", "1.2.3.4") == [("user", "ann")]
    with pytest.raises(TooManyRequests) as refused:
        throttle.check("ann", "1.2.3.4")
    assert refused.value.retry_after == 6
    now[0] = 10.5  # the first failure has left the window
    throttle.check("ann", "1.2.3.4")


class CountingHasher:
    """The argon2 hasher, counting its expensive calls."""

    def __init__(self, hasher: PasswordHasher) -> None:
        self.hasher = hasher
        self.calls: list[str] = []

    def verify(self, stored: str, password: str) -> bool:
        self.calls.append("verify")
        return self.hasher.verify(stored, password)

    def hash(self, password: str) -> str:
        self.calls.append("hash")
        return self.hasher.hash(password)

    def check_needs_rehash(self, stored: str) -> bool:
        return self.hasher.check_needs_rehash(stored)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    counting = CountingHasher(users._hasher)
    monkeypatch.setattr(users, "_hasher", counting)
    return counting.calls


def test_an_unknown_name_costs_one_verification_like_a_known_one(
        client: TestClient, counted: list[str]) -> None:
    _token(client, NAME, "wrong password")
    known = list(counted)
    counted.clear()
    _token(client, "nobody-at-all", "wrong password")
    assert counted == known == ["verify"]
