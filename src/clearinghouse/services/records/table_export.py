"""Lists as spreadsheets: what a list shows (its filters, its search, releasability applied in
SQL), every page of it, as CSV or XLSX, with text cells neutralised against formula
injection (``domain.formula_cells``) before either writer sees them."""

from __future__ import annotations

import csv
import dataclasses
import io
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from clearinghouse.adapters.exchange.xlsx_io import save_workbook
from clearinghouse.domain.formula_cells import neutralise
from clearinghouse.services.records.records import list_records
from clearinghouse.services.records.users import User

CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Records read per query while exporting.
CHUNK = 5_000
#: The most rows one export holds (a larger list asks for a narrower filter).
MAX_ROWS = 200_000
Cell = str | int | float | bool | date | None


def wanted_format(accept: str) -> str | None:
    """The spreadsheet type an ``Accept`` header asks for (CSV or XLSX), else ``None``."""
    kinds = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    return next((kind for kind in kinds if kind in (CSV, XLSX)), None)


def cell(value: Any) -> Cell:
    """A value as a spreadsheet cell: numbers and dates typed, text neutralised, lists of
    codes joined by ``;`` (as in the exchange format)."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, tuple | list | frozenset | set):
        value = ";".join(sorted(str(v.value if isinstance(v, Enum) else v) for v in value))
    if value is None or isinstance(value, bool | int | float | date):
        return value
    return neutralise(str(value))


def export_records(engine: Engine, user: User, sheet: str, *, filters: Mapping[str, Any],
                   sort: str | None, q: str | None) -> tuple[list[str], list[list[Cell]]]:
    """Every record of the list (as ``GET /{sheet}`` would page it), as a header and rows."""
    header: list[str] = []
    rows: list[list[Cell]] = []
    while len(rows) < MAX_ROWS:
        found = list_records(engine, user, sheet, filters=filters, sort=sort,
                             limit=CHUNK, offset=len(rows), q=q)
        for stored in found.records:
            fields = dataclasses.asdict(stored.record)
            header = header or list(fields)
            rows.append([cell(v) for v in fields.values()])
        if not found.records or len(rows) >= found.total:
            break
    return header, rows


def as_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """UTF-8 CSV with a header row (cells already neutralised by :func:`cell`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return buffer.getvalue().encode()


def as_xlsx(sheet: str, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """One worksheet named ``sheet``: numbers and dates typed (``xlsx_io.save_workbook``)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.xlsx"
        save_workbook(path, [(sheet, header, ([None if v == "" else v for v in row]
                                              for row in rows))])
        return path.read_bytes()


def as_file(kind: str, sheet: str, header: Sequence[str],
            rows: Sequence[Sequence[Cell]]) -> bytes:
    """The rows as ``kind`` (:data:`CSV` or :data:`XLSX`)."""
    return as_csv(header, rows) if kind == CSV else as_xlsx(sheet, header, rows)
