"""One demo picture per test session: generating is cheap, but the tests only read it."""

from __future__ import annotations

from datetime import date

import pytest

from clearinghouse.demo import generate
from clearinghouse.domain.bundle import Bundle

START = date(2026, 11, 1)
TODAY = date(2026, 11, 24)


@pytest.fixture(scope="session")
def picture() -> Bundle:
    return generate(START)
