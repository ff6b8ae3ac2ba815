"""Fixtures of the exchange tests."""

from __future__ import annotations

import pytest

from .helpers import VALID


@pytest.fixture
def sheets() -> dict[str, str]:
    """A fresh copy of the valid bundle's CSV texts, by sheet name, for a test to change."""
    return dict(VALID)
