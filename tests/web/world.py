"""A small clearing house for the web tests: two donors that must not see each other's
unreleased offers, a non-lethal-only partner, a recipient, a hub opening later, and a
user of each role."""

from __future__ import annotations

import time
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine

from clearinghouse.config import Settings
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.catalogue import Item
from clearinghouse.domain.logistics import Hub, Lane
from clearinghouse.domain.nations import Caveat, Nation, NationRole
from clearinghouse.domain.needs import Need
from clearinghouse.domain.offers import Offer
from clearinghouse.domain.training import Mission
from clearinghouse.services.records.users import password_hash
from clearinghouse.services.runtime.unit_of_work import SqlUnitOfWork
from tests.seed import seed

PASSWORD = "correct horse battery"
#: user name → (nation, role)
USERS = {
    "coord": ("POL", "coordinator"),
    "pol-donor": ("POL", "donor-liaison"),
    "usa-donor": ("USA", "donor-liaison"),
    "jpn-donor": ("JPN", "donor-liaison"),
    "ukr-liaison": ("UKR", "recipient-liaison"),
    "auditor": ("POL", "auditor"),
    "logistician": ("POL", "logistician"),
}
#: An offer only its donor (USA) and the recipient may see: never on a Polish page.
HIDDEN_OFFER = "O-USA-SECRET"


def world(today: date) -> Bundle:
    """The records every web test starts from (dates relative to ``today``)."""
    soon = today + timedelta(days=60)
    return Bundle(
        nations=[Nation("POL", "Poland", True, True, NationRole.DONOR),
                 Nation("USA", "United States", True, False, NationRole.DONOR),
                 Nation("JPN", "Japan", False, False, NationRole.PARTNER,
                        frozenset({Caveat.NON_LETHAL_ONLY})),
                 Nation("UKR", "Ukraine", False, False, NationRole.RECIPIENT),
                 Nation("ROU", "Romania", True, True, NationRole.DONOR)],
        items=[Item("155-HE", "155mm HE", "artillery", "155mm-NATO", "round", 47.0, True),
               Item("IFAK", "First aid kit", "medical", "IFAK", "kit", 0.5, False)],
        hubs=[Hub("PL-RZE", "Rzeszów", "POL", 18000.0, date(2024, 1, 1)),
              Hub("RO-SUC", "Suceava", "ROU", 6000.0, today + timedelta(days=120))],
        lanes=[Lane("POL", "PL-RZE", 2, 15.0), Lane("USA", "PL-RZE", 20, 60.0),
               Lane("JPN", "PL-RZE", 30, 120.0)],
        needs=[Need("N-ART", "155mm-NATO", 400, 1, soon, "UKR"),
               Need("N-MED", "IFAK", 900, 2, soon, "UKR", ("POL", "UKR")),
               Need("N-USA-ONLY", "155mm-NATO", 50, 1, soon, "UKR", ("UKR", "USA"))],
        offers=[Offer("O-POL", "POL", "155-HE", 300, today, "POL", value_eur=900_000.0),
                Offer(HIDDEN_OFFER, "USA", "155-HE", 777, today, "USA",
                      releasability=("UKR", "USA")),
                Offer("O-JPN", "JPN", "IFAK", 500, today, "JPN")],
        missions=[Mission("NSATU", "NSATU", date(2024, 12, 19), today + timedelta(days=45)),
                  Mission("EUMAM", "EUMAM Ukraine", date(2022, 11, 15),
                          today + timedelta(days=900))],
    )


def populate(settings: Settings, engine: Engine, today: date) -> None:
    """Import the world and add one user per entry of ``USERS``."""
    seed(settings, world(today), "test")
    hashed = password_hash(PASSWORD)  # argon2 is slow on purpose: hash once for all
    with SqlUnitOfWork(engine, "test") as uow:
        for name, (nation, role) in USERS.items():
            uow.users.add(name, hashed, nation, role)
        uow.commit()


def wait_for_run(client: Any, run_path: str) -> str:
    """The result page of a job-backed run (scenario, training) once its job is done."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = client.get(f"{run_path}/status").json()
        if job["status"] in ("done", "failed"):
            assert job["status"] == "done", job
            assert job["plan"] == run_path
            page = client.get(run_path)
            assert page.status_code == 200
            return str(page.text)
        time.sleep(0.2)
    raise AssertionError(f"the job of {run_path} did not finish within 60 s")
