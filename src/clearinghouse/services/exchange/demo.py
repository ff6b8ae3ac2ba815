"""Load the built-in demo picture into the database."""

from __future__ import annotations

from datetime import date

from clearinghouse.config import Settings
from clearinghouse.demo import generate
from clearinghouse.demo.summary import DemoSummary, summarize
from clearinghouse.services.exchange.bundles import ImportReport
from clearinghouse.services.exchange.files import Progress, import_records, stored_bundle

# DemoSummary is the read model load_demo answers; interfaces take it from here.
__all__ = ["DemoSummary", "load_demo"]


def load_demo(settings: Settings, *, start: date, progress: Progress | None = None,
              today: date | None = None) -> tuple[ImportReport, DemoSummary]:
    """Import the demo picture for a plan starting at ``start`` and summarise what is stored."""
    report = import_records(generate(start), settings=settings, actor="demo", progress=progress)
    return report, summarize(stored_bundle(settings), today or date.today())
