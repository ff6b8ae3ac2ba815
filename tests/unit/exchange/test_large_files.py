"""Large files: one bad row among thousands is found exactly, and progress is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from clearinghouse.adapters.exchange import read_bundle

from .helpers import errors_of, write_sheets

ROWS = 10_000
HEADER = "ref,donor,item,quantity,available,origin,kind,value_eur,funding,releasability\n"


def offers_text(rows: int, bad_row: int = 0, bad_line: str = "") -> str:
    """``rows`` valid offers; the data line at file row ``bad_row`` replaced by ``bad_line``."""
    lines = [HEADER]
    for i in range(rows):
        number = i + 2  # the header is row 1
        lines.append(bad_line if number == bad_row else
                     f"O-{i},POL,155-HE-M795,{i % 500 + 1},2026-{i % 12 + 1:02d}-15,POL,"
                     f"stock,{i * 10},national budget,ALL\n")
    return "".join(lines)


@pytest.mark.parametrize(("bad_line", "error"), [
    ("O-x,POL,155-HE-M795,twelve,2026-01-01,POL,,,,\n",
     "offers.csv:5001:quantity: twelve — must be a whole number"),
    ("O-x,JPN,155-HE-M795,12,2026-01-01,JPN,,,,\n",
     "offers.csv:5001:item: 155-HE-M795 — a non-lethal-only donor may offer only non-lethal "
     "items"),
    ("O-17,POL,155-HE-M795,12,2026-01-01,POL,,,,\n",
     "offers.csv:5001:ref: O-17 — must be unique in the file"),
])
def test_one_bad_row_among_ten_thousand_is_the_only_one_reported(
        tmp_path: Path, sheets: dict[str, str], bad_line: str, error: str) -> None:
    sheets["offers"] = offers_text(ROWS, bad_row=5001, bad_line=bad_line)
    assert errors_of(write_sheets(tmp_path, sheets)) == [error]


def test_progress_is_reported_every_thousand_rows_and_at_the_end(
        tmp_path: Path, sheets: dict[str, str]) -> None:
    sheets["offers"] = offers_text(ROWS)
    calls: list[tuple[int, int]] = []
    bundle = read_bundle(write_sheets(tmp_path, sheets),
                         progress=lambda done, total: calls.append((done, total)))
    total = sum(bundle.counts().values())
    assert len(bundle.offers) == ROWS
    assert calls == [(n, total) for n in range(1000, total + 1, 1000)] + [(total, total)]
