"""``clearinghouse shipments`` and ``report`` from the command line: help, refusals, listing."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from clearinghouse.adapters.exchange import write_bundle
from clearinghouse.cli import app
from tests.factories import small_bundle

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit), f"traceback for {args}: {result.exception!r}"
    return result.exit_code, " ".join(result.output.split())


@pytest.mark.parametrize("command", [["shipments"], ["shipments", "create"],
                                     ["shipments", "event"], ["shipments", "list"],
                                     ["shipments", "hubs"], ["report"]])
def test_every_logistics_command_explains_itself_with_help(command: list[str]) -> None:
    code, out = run(*command, "--help")
    assert code == 0
    assert "Usage" in out


def test_a_logistician_follows_a_shipment_and_an_illegal_event_is_refused_plainly(
        tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'ch.db'}"
    write_bundle(small_bundle(), tmp_path / "bundle")
    assert run("import", str(tmp_path / "bundle"), "--database-url", db)[0] == 0
    assert run("plan", "--db", "--start", "2027-01", "--database-url", db)[0] == 0
    code, out = run("shipments", "create", "1", "--database-url", db)
    assert code == 2
    assert "not approved" in out
    assert run("plan", "approve", "1", "--database-url", db)[0] == 0
    code, out = run("shipments", "create", "1", "--database-url", db)
    assert (code, "shipments created from plan run 1" in out) == (0, True)
    ref = "S1-O-1-PL-RZE-M00"
    code, out = run("shipments", "event", ref, "--kind", "delivered", "--quantity", "5",
                    "--database-url", db)
    assert code == 2
    assert "must be dispatched first" in out
    assert "Traceback" not in out
    for day, kind in enumerate(("loaded", "at-hub", "dispatched"), 2):
        assert run("shipments", "event", ref, "--kind", kind, "--at", f"2026-11-0{day}",
                   "--database-url", db)[0] == 0
    code, out = run("shipments", "event", ref, "--kind", "delivered", "--at", "2026-11-01",
                    "--database-url", db)
    assert code == 2
    assert "before its last event" in out
    assert run("shipments", "event", ref, "--kind", "lost", "--at", "soon",
               "--database-url", db)[0] == 2
    code, out = run("shipments", "event", ref, "--kind", "delivered", "--quantity", "501",
                    "--database-url", db)
    assert code == 2
    assert "only 500 of 500 are still open" in out
    code, out = run("shipments", "event", ref, "--kind", "delivered", "--quantity", "500",
                    "--database-url", db)
    assert code == 0
    assert "now delivered, 500 delivered" in out
    assert "needs updated: N-1" in out
    code, out = run("shipments", "event", ref, "--kind", "lost", "--database-url", db)
    assert code == 2
    assert "is closed (delivered)" in out
    every = run("shipments", "list", "--database-url", db)[1]
    still_open = run("shipments", "list", "--open", "--database-url", db)[1]
    total = int(every.split("Shipments: ")[1].split()[0])
    assert f"Shipments: {total - 1} " in still_open


def test_hub_tonnes_are_shown_per_month_against_capacity(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'ch.db'}"
    write_bundle(small_bundle(), tmp_path / "bundle")
    assert run("import", str(tmp_path / "bundle"), "--database-url", db)[0] == 0
    assert run("plan", "--db", "--start", "2027-01", "--database-url", db)[0] == 0
    assert run("plan", "approve", "1", "--database-url", db)[0] == 0
    code, out = run("shipments", "hubs", "--database-url", db)
    assert code == 0
    assert "│ PL-RZE │ 2027-01 │ 18,000 │ 24.5 │ 0.0 │" in out  # O-1 23.5 t, O-2 1 t
