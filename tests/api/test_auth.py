"""Logging in: argon2-checked passwords, expiring tokens, revocation."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clearinghouse.services.errors import UserError
from clearinghouse.services.records.users import Role, create_user, login
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.api.conftest import PASSWORD, log_in, user_name


def test_a_user_logs_in_and_the_token_says_who_it_is(client: TestClient) -> None:
    headers = log_in(client, user_name("POL", Role.DONOR_LIAISON))
    me = client.get("/auth/me", headers=headers)
    assert me.status_code == 200
    assert me.json() == {"name": "pol-donor-liaison", "nation": "POL", "role": "donor-liaison"}


def test_a_wrong_password_or_unknown_user_gets_401_and_no_token(client: TestClient) -> None:
    for name, password in (("pol-coordinator", "wrong password"), ("nobody", PASSWORD)):
        answer = client.post("/auth/token", data={"username": name, "password": password})
        assert answer.status_code == 401
        assert "access_token" not in answer.json()


def test_requests_without_a_valid_token_get_401(client: TestClient) -> None:
    assert client.get("/needs").status_code == 401
    bogus = {"Authorization": "Bearer not-a-token"}
    answer = client.get("/needs", headers=bogus)
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"] == "Bearer"


def test_an_expired_token_authenticates_nothing(app: FastAPI, client: TestClient) -> None:
    token = login(app.state.engine, "pol-auditor", PASSWORD, timedelta(milliseconds=200))
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/auth/me", headers=headers).status_code == 200
    time.sleep(0.3)
    assert client.get("/auth/me", headers=headers).status_code == 401


def test_a_revoked_token_authenticates_nothing_but_other_tokens_still_work(
        client: TestClient) -> None:
    first = log_in(client, "usa-coordinator")
    second = log_in(client, "usa-coordinator")
    assert client.post("/auth/logout", headers=first).status_code == 204
    assert client.get("/auth/me", headers=first).status_code == 401
    assert client.get("/auth/me", headers=second).status_code == 200


def test_a_created_user_has_an_argon2_hash_never_the_password_and_can_log_in(
        app: FastAPI, client: TestClient) -> None:
    create_user(app.state.engine, "ukr-liaison", "s3cret-enough", "UKR", "recipient-liaison")
    with SqlUnitOfWork(app.state.engine, "test") as uow:
        row = uow.users.get_by_name("ukr-liaison")
    assert row is not None
    assert row.password_hash.startswith("$argon2id$")
    assert "s3cret-enough" not in row.password_hash
    assert client.get("/auth/me", headers=log_in(client, "ukr-liaison", "s3cret-enough")
                      ).json()["role"] == "recipient-liaison"


def test_a_user_of_an_unknown_role_or_a_bad_nation_code_is_refused(app: FastAPI) -> None:
    with pytest.raises(UserError, match="unknown role"):
        create_user(app.state.engine, "x", "long enough pw", "POL", "general")
    with pytest.raises(UserError, match="alpha-3"):
        create_user(app.state.engine, "x", "long enough pw", "Poland", "auditor")
    with pytest.raises(UserError, match="exists already"):
        create_user(app.state.engine, "pol-auditor", "long enough pw", "POL", "auditor")
