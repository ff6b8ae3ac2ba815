"""Where the tests run: under CI a missing service is a failure, not a skip."""

from __future__ import annotations

import os


def running_in_ci() -> bool:
    """True when the environment variable ``CI`` is ``true`` (as CI services set it)."""
    return os.environ.get("CI", "").strip().lower() == "true"
