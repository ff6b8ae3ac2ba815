"""``clearinghouse mandates``: ended mandates, a pending renewal, the "not renewed" scenario."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path

from typer.testing import CliRunner

from clearinghouse.adapters.exchange import write_bundle
from clearinghouse.cli import app
from clearinghouse.domain.training import CourseOffer, Mission
from tests.unit.training.helpers import MEDICAL, NSATU, need, picture

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit), f"traceback for {args}: {result.exception!r}"
    return result.exit_code, " ".join(result.output.split())


def write(tmp_path: Path, ends: date, renewal: date | None) -> Path:
    """EUMAM ending (or ended) on ``ends``, one course inside it and one after its end."""
    today = date.today()
    eumam = Mission("EUMAM", "EU mission", date(2022, 11, 15), ends, renewal)
    inside = CourseOffer("C-IN", "POL", "POL", MEDICAL, "EUMAM", 10, ends - timedelta(days=30),
                         ends - timedelta(days=16))
    after = CourseOffer("C-AFTER", "POL", "POL", MEDICAL, "EUMAM", 12, today + timedelta(days=40),
                        today + timedelta(days=54))
    bundle = picture([dataclasses.replace(need("T-1", 20), due=today + timedelta(days=60))],
                     [inside, after] if renewal else [inside], [NSATU, eumam])
    write_bundle(bundle, tmp_path / "b")
    return tmp_path / "b"


def test_a_mandate_that_ended_is_shown_with_its_courses(tmp_path: Path) -> None:
    ended = date.today() - timedelta(days=4)
    code, out = run("mandates", str(write(tmp_path, ended, None)))
    assert code == 0, out
    assert f"EUMAM (EU mission) ended {ended}, 4 days ago: 1 courses, 10 seats" in out


def test_a_pending_renewal_is_shown_and_not_renewed_shows_what_training_loses(
        tmp_path: Path) -> None:
    ends, renewal = date.today() + timedelta(days=20), date.today() + timedelta(days=10)
    code, out = run("mandates", str(write(tmp_path, ends, renewal)), "--not-renewed", "EUMAM")
    assert code == 0, out
    assert f"renewal pending, expected {renewal}" in out
    assert "If EUMAM is not renewed" in out
    assert "1 courses after its end drop out (12 seats)" in out
    assert "Courses lost: C-AFTER" in out


def test_not_renewed_names_an_unknown_mission(tmp_path: Path) -> None:
    code, out = run("mandates", str(write(tmp_path, date.today(), None)), "--not-renewed",
                    "NOPE")
    assert code != 0
    assert "unknown mission 'NOPE'" in out
