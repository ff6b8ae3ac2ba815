"""Load the built-in demo picture into the database."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from clearinghouse.demo import generate
from clearinghouse.demo.summary import DemoSummary, summarize
from clearinghouse.services.exchange.bundles import ImportReport
from clearinghouse.services.exchange.files import Progress
from clearinghouse.services.exchange.imports import import_records
from clearinghouse.services.exchange.uploads import visible_bundle
from clearinghouse.services.records.users import User

# DemoSummary is the read model load_demo answers; interfaces take it from here.
__all__ = ["DemoSummary", "load_demo"]


def load_demo(engine: Engine, user: User, *, start: date, progress: Progress | None = None,
              today: date | None = None) -> tuple[ImportReport, DemoSummary]:
    """Import the demo picture for a plan starting at ``start`` (coordinators; the command
    line as the operator) and summarise what the user may see of what is stored."""
    report = import_records(engine, user, generate(start), None if progress is None else (
        lambda _sheet, done, total: progress(done, total)))
    return report, summarize(visible_bundle(engine, user), today or date.today())
