"""Per-user and global limits on unfinished jobs: beyond them, 429 with Retry-After."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from clearinghouse.config import Settings
from clearinghouse.planning.plan import Plan
from clearinghouse.services.planning import plan_runs
from clearinghouse.services.records.users import Role
from tests.api.test_jobs import PLAN, wait_for

Headers = Callable[[str, Role], dict[str, str]]


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url, environment="test", job_workers=1,
                    jobs_unfinished_per_user=2, jobs_unfinished_total=3, jobs_retry_after_s=7)


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Plan jobs wait until the event is set (so they stay queued or running)."""
    release = threading.Event()
    real = plan_runs.solve

    def waiting(*args: object) -> Plan:
        release.wait(30)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(plan_runs, "solve", waiting)
    yield release
    release.set()


def test_a_user_beyond_their_unfinished_jobs_gets_429_with_retry_after(
        client: TestClient, headers: Headers, held: threading.Event) -> None:
    pol = headers("POL", Role.COORDINATOR)
    first = [client.post("/plans", json=PLAN, headers=pol) for _ in range(2)]
    assert [a.status_code for a in first] == [202, 202]
    refused = client.post("/plans", json=PLAN, headers=pol)
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "7"
    assert "2 jobs queued or running" in refused.json()["detail"]
    held.set()
    for answer in first:
        wait_for(client, answer.headers["Location"], pol)
    assert client.post("/plans", json=PLAN, headers=pol).status_code == 202


def test_all_users_together_beyond_the_global_limit_get_429(
        client: TestClient, headers: Headers, held: threading.Event) -> None:
    pol, usa = headers("POL", Role.COORDINATOR), headers("USA", Role.COORDINATOR)
    assert [client.post("/plans", json=PLAN, headers=pol).status_code for _ in range(2)] == [
        202, 202]
    assert client.post("/plans", json=PLAN, headers=usa).status_code == 202
    refused = client.post("/plans", json=PLAN, headers=usa)
    assert refused.status_code == 429
    assert "the most it takes" in refused.json()["detail"]
