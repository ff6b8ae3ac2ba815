"""The ``clearinghouse`` command starts fast: help imports Typer, Rich and the commands only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import clearinghouse

#: What a command imports when it runs, never to print help: each costs 0.05-0.5 s.
#: (pydantic itself is not listed: Typer uses it to convert a command's parameters.)
HEAVY = ("matplotlib", "fastapi", "starlette", "uvicorn", "distributed", "dask", "highspy",
         "numpy", "scipy", "sqlalchemy", "alembic", "openpyxl", "pydantic_settings", "jinja2",
         "argon2", "clearinghouse.services", "clearinghouse.adapters", "clearinghouse.planning",
         "clearinghouse.config")

PROBE = """
import json, sys
{run}
print(json.dumps(sorted(sys.modules)))
"""


def _modules_after(run: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``run``."""
    src = str(Path(clearinghouse.__file__).parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", PROBE.format(run=run)], capture_output=True,
                          text=True, env=env, check=True)
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def test_importing_the_cli_imports_no_service_database_solver_or_web_framework() -> None:
    assert _heavy(_modules_after("import clearinghouse.cli")) == []


@pytest.mark.parametrize("args", [["--help"], ["plan", "--help"], ["scenario", "--help"],
                                  ["shipments", "event", "--help"], ["report", "--help"]])
def test_printing_help_imports_no_service_database_solver_or_web_framework(
        args: list[str]) -> None:
    run = (f"sys.argv = ['clearinghouse', *{args!r}]\n"
           "from clearinghouse.cli import main\n"
           "try:\n    main()\nexcept SystemExit as e:\n    assert e.code == 0, e.code\n"
           "sys.stdout.flush()")
    assert _heavy(_modules_after(run)) == []
