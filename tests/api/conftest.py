"""API fixtures: the app on a fresh database (SQLite file and PostgreSQL schema), a small
clearing house of two donor nations and a recipient, and a user of each role per donor."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from clearinghouse.api.app import create_app
from clearinghouse.config import Settings
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.catalogue import Item
from clearinghouse.domain.funding import FundingPledge
from clearinghouse.domain.logistics import Hub
from clearinghouse.domain.nations import Nation, NationRole
from clearinghouse.domain.needs import Need
from clearinghouse.domain.offers import Offer
from clearinghouse.services.records.users import Role, password_hash
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.integration.conftest import database_url, postgres_database
from tests.seed import seed

__all__ = ["database_url", "postgres_database"]

NATIONS = ("POL", "USA")
PASSWORD = "correct horse battery"
PASSWORD_HASH = password_hash(PASSWORD)
Headers = dict[str, str]

#: Which nations see which need and offer (UKR, the recipient, has no users here).
NEED_RELEASE = {"N-ALL": ("ALL",), "N-POL": ("POL", "UKR"), "N-USA": ("UKR", "USA")}
OFFER_RELEASE = {"O-POL": ("POL",), "O-USA": ("UKR", "USA"), "O-USA-ALL": ("ALL",)}
OFFER_DONOR = {"O-POL": "POL", "O-USA": "USA", "O-USA-ALL": "USA"}


def user_name(nation: str, role: Role) -> str:
    return f"{nation.lower()}-{role.value}"


def clearing_house() -> Bundle:
    """Two donors and a recipient; needs and offers released to each donor or to all."""
    due = date(2027, 3, 1)
    return Bundle(
        nations=[Nation("POL", "Poland", True, True, NationRole.DONOR),
                 Nation("USA", "United States", True, False, NationRole.DONOR),
                 Nation("UKR", "Ukraine", False, False, NationRole.RECIPIENT)],
        items=[Item("155-HE", "155mm HE", "artillery", "155mm-NATO", "round", 47.0, True),
               Item("IFAK", "First aid kit", "medical", "IFAK", "kit", 0.5, False)],
        hubs=[Hub("PL-RZE", "Rzeszów", "POL", 18000.0, date(2024, 1, 1))],
        needs=[Need(ref, "155mm-NATO", 100 * (i + 1), i + 1, due, "UKR", rel)
               for i, (ref, rel) in enumerate(NEED_RELEASE.items())],
        offers=[Offer(ref, OFFER_DONOR[ref], "155-HE", 50, date(2027, 1, 1),
                      OFFER_DONOR[ref], releasability=rel)
                for ref, rel in OFFER_RELEASE.items()],
        funding=[FundingPledge("F-POL", "POL", 1e6, "national budget", date(2027, 1, 1))],
    )


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url, environment="test")


@pytest.fixture
def app(settings: Settings) -> Iterator[FastAPI]:
    app = create_app(settings)
    engine: Engine = app.state.engine
    seed(settings, clearing_house(), "test")
    # One argon2 hash for all users: hashing is slow on purpose, and create_user has its own test.
    with SqlUnitOfWork(engine, "test") as uow:
        for nation in NATIONS:
            for role in Role:
                uow.users.add(user_name(nation, role), PASSWORD_HASH, nation, role.value)
        uow.commit()
    yield app
    app.state.jobs.shutdown(wait=True)
    engine.dispose()


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    return TestClient(app)


def log_in(client: TestClient, name: str, password: str = PASSWORD) -> Headers:
    """Bearer headers for the user (fails the test when the login is refused)."""
    answer = client.post("/auth/token", data={"username": name, "password": password})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


@pytest.fixture
def headers(client: TestClient) -> Callable[[str, Role], Headers]:
    """``headers(nation, role)``: a logged-in user's bearer headers (one login per user)."""
    cache: dict[str, Headers] = {}

    def of(nation: str, role: Role) -> Headers:
        name = user_name(nation, role)
        if name not in cache:
            cache[name] = log_in(client, name)
        return cache[name]

    return of
