"""Many clients writing the same offer at once: every accepted write is in the audit log and
the final state follows the last of them; every refused one got 409; nothing is lost."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.exc import OperationalError

from clearinghouse.services.errors import Conflict
from clearinghouse.services.records.users import Role
from clearinghouse.services.runtime.retry import retrying

Headers = Callable[[str, Role], dict[str, str]]
CLIENTS = 50


def test_fifty_clients_updating_one_offer_lose_no_update(
        app: FastAPI, headers: Headers) -> None:
    usa = headers("USA", Role.DONOR_LIAISON)

    def client_writes(n: int) -> tuple[int, int, int | None]:
        client = TestClient(app)
        read = client.get("/offers/O-USA-ALL", headers=usa)
        answer = client.patch("/offers/O-USA-ALL", json={"quantity": 1000 + n},
                              headers={**usa, "If-Match": read.headers["ETag"]})
        version = answer.json()["version"] if answer.status_code == 200 else None
        return 1000 + n, answer.status_code, version

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        outcomes = list(pool.map(client_writes, range(CLIENTS)))

    assert {status for _, status, _ in outcomes} <= {200, 409}
    accepted = {version: quantity for quantity, status, version in outcomes if status == 200}
    assert accepted, "at least the first writer succeeds"
    # Each accepted write moved the version on by exactly one: none overwrote another.
    assert sorted(accepted) == list(range(2, 2 + len(accepted)))
    client = TestClient(app)
    final = client.get("/offers/O-USA-ALL", headers=usa).json()
    assert final["version"] == 1 + len(accepted)
    assert final["quantity"] == accepted[max(accepted)]
    log = client.get("/audit", params={"entity": "offers", "key": "O-USA-ALL", "limit": 500},
                     headers=headers("USA", Role.AUDITOR)).json()
    updates = [e["after"]["quantity"] for e in log["items"] if e["action"] == "update"]
    assert sorted(updates) == sorted(accepted.values())


def test_a_unit_of_work_sqlite_locked_out_is_run_again_and_gives_up_as_a_conflict() -> None:
    locked = OperationalError("UPDATE …", {}, Exception("database is locked"))
    calls: list[int] = []

    def locked_twice() -> str:
        calls.append(1)
        if len(calls) <= 2:
            raise locked
        return "written"

    assert retrying(locked_twice) == "written"
    assert len(calls) == 3

    def always_locked() -> None:
        raise locked

    with pytest.raises(Conflict):
        retrying(always_locked, attempts=3)
    other = OperationalError("SELECT …", {}, Exception("no such table: offers"))

    def broken() -> None:
        raise other

    with pytest.raises(OperationalError):
        retrying(broken)
