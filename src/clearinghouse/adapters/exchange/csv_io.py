"""A folder of CSV files (UTF-8, header row): read into raw sheets, and render as text."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from clearinghouse.adapters.exchange.columns import SHEETS, Cell, cell_text
from clearinghouse.adapters.exchange.errors import ExchangeError, RowError
from clearinghouse.adapters.exchange.raw import RawSheet

_FILES = {sheet.file_name: name for name, sheet in SHEETS.items()}


def read_folder(folder: Path) -> tuple[dict[str, RawSheet], list[RowError]]:
    """The sheets of a bundle folder by name, and the files that cannot be read as sheets."""
    try:
        entries = sorted(folder.iterdir())
    except OSError as e:
        raise ExchangeError(f"{folder}: cannot list the folder ({e.strerror or e})") from e
    sheets: dict[str, RawSheet] = {}
    errors: list[RowError] = []
    for entry in entries:
        # Hidden files are editors' and operating systems' litter (.~lock, ._name), not sheets.
        if entry.name.startswith(".") or entry.suffix.lower() != ".csv":
            continue
        name = _FILES.get(entry.name)
        if name is None:
            errors.append(RowError(entry.name, 0, "", entry.name,
                                   "unknown file (a bundle holds " + ", ".join(_FILES) + ")"))
            continue
        raw, error = read_csv(entry, entry.name)
        if raw is None:
            errors.append(error or RowError(entry.name, 0, "", "", "cannot be read"))
        else:
            sheets[name] = raw
    if not sheets and not errors:
        # Most likely the wrong folder: say so rather than import nothing.
        raise ExchangeError(f"{folder}: holds none of a bundle's files ({', '.join(_FILES)})")
    return sheets, errors


def read_csv(path: Path, label: str) -> tuple[RawSheet | None, RowError | None]:
    """One CSV file as a raw sheet, or the reason it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as e:
        return None, RowError(label, 0, "", "", f"cannot be read ({e.strerror or e})")
    try:
        text = data.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a byte-order mark
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        bad = repr(data[e.start:e.end])[2:-1]
        return None, RowError(label, line, "", bad,
                              "is not UTF-8 text (save the sheet as CSV UTF-8)")
    return parse_csv(text, label)


def parse_csv(text: str, label: str) -> tuple[RawSheet | None, RowError | None]:
    """CSV text as a raw sheet; rows are numbered as a spreadsheet shows them (header: 1)."""
    # strict: an unclosed quote is an error, not a cell swallowing the rest of the file.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    ended = 0  # the line on which the last good record ended
    try:
        for number, record in enumerate(reader, 1):
            ended = reader.line_num
            cells = [c.strip() for c in record]
            if number == 1:
                header = cells
            elif any(cells):
                rows.append((number, cells))
    except csv.Error as e:
        return None, RowError(label, ended + 1, "", "",
                              f"is not well-formed CSV from this line on ({e})")
    if not any(header):
        return None, RowError(label, 1, "", "",
                              "has no header (the first line must name the columns)")
    return RawSheet(label, header, rows), None


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """The CSV text of a sheet: ``\\r\\n`` line ends, cells quoted only where needed."""
    out = io.StringIO()
    # With \r\n as line end the writer quotes cells holding either (a lone \r included).
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([cell_text(v) for v in row] for row in rows)
    return out.getvalue()
