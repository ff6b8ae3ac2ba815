"""One .xlsx workbook whose sheets are named like the CSV files (``offers`` for offers.csv)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils.exceptions import IllegalCharacterError

from clearinghouse.adapters.exchange.columns import SHEETS, Cell
from clearinghouse.adapters.exchange.errors import RowError
from clearinghouse.adapters.exchange.progress import RowCounter
from clearinghouse.adapters.exchange.raw import RawSheet

_DATE_FORMAT = "yyyy-mm-dd"
_FIRST_SERIAL_DATE = date(1900, 3, 1)
# XML turns a carriage return into a line feed, so OOXML writes it _x000D_; a text that
# itself looks like _xHHHH_ gets its underscore escaped (_x005F_). Excel reads both back.
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_TO_ESCAPE = re.compile(r"\r|_(?=x[0-9A-Fa-f]{4}_)")


def read_workbook(path: Path, counter: RowCounter | None = None,
                  ) -> tuple[dict[str, RawSheet], list[RowError]]:
    """The sheets of a bundle workbook by name, and the sheets that cannot be read.

    Reading a workbook takes far longer than building its records, so ``counter`` is
    ticked for every row read, and expects each row twice (read, then built).
    """
    counter = counter or RowCounter(None)
    book = path.name
    sheets: dict[str, RawSheet] = {}
    errors: list[RowError] = []
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # a damaged file raises any of a dozen exception types
        return {}, [RowError(book, 0, "", "", f"cannot be read as an .xlsx workbook ({e!r})")]
    try:
        for title in wb.sheetnames:
            if title not in SHEETS:
                errors.append(RowError(book, 0, "", title,
                                       "unknown sheet (a bundle holds " + ", ".join(SHEETS) + ")"))
                continue
            label = f"{book}[{title}]"
            try:
                counter.expect(2 * _count_rows(wb, wb[title]))
                raw = _read_sheet(wb[title], label, counter)
            except Exception as e:  # the XML of one sheet may be damaged
                errors.append(RowError(label, 0, "", "", f"cannot be read ({e!r})"))
                continue
            if raw is None:
                errors.append(RowError(label, 1, "", "",
                                       "has no header (the first row must name the columns)"))
            else:
                sheets[title] = raw
    finally:
        wb.close()
    return sheets, errors


def _count_rows(wb: Any, ws: Any) -> int:
    """The rows of a sheet, counted in its XML (a tenth of the time openpyxl takes to read it)."""
    try:
        archive, member = wb._archive, ws._worksheet_path  # openpyxl's read-only internals
    except AttributeError:
        return 0
    rows, tail = 0, b""
    with archive.open(member) as xml:
        while chunk := xml.read(1 << 22):
            text = tail + chunk
            rows += text.count(b"<row ") + text.count(b"<row>")
            tail = text[-4:]  # shorter than "<row ": no tag is counted twice
    return int(rows)


def _read_sheet(ws: Any, label: str, counter: RowCounter) -> RawSheet | None:
    # The stored dimensions may be stale or absent; the rows themselves are the truth.
    ws.reset_dimensions()
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    for number, values in enumerate(ws.iter_rows(values_only=True), 1):
        counter.tick()
        cells = [_text(v) for v in values]
        if number == 1:
            header = cells
        elif any(cells):
            rows.append((number, cells))
    return RawSheet(label, header, rows) if any(header) else None


def _text(value: object) -> str:
    """A cell's value as the text a CSV file would hold (stripped, like CSV cells)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        # Spreadsheets keep whole numbers as floats now and then; 5.0 units are 5 units.
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if "_x" in text:
        text = _ESCAPED.sub(lambda m: chr(int(m[1], 16)), text)
    return text.strip()


def save_workbook(path: Path, sheets: Iterable[tuple[str, Sequence[str],
                                                     Iterable[Sequence[Cell]]]]) -> None:
    """Write ``(name, header, rows)`` sheets to ``path``: numbers, dates and booleans typed."""
    wb = Workbook(write_only=True)
    try:
        for name, header, rows in sheets:
            ws = wb.create_sheet(name)
            ws.append(list(header))
            for row in rows:
                ws.append([_cell(ws, v) for v in row])
    except IllegalCharacterError as e:
        raise ValueError(f"a cell holds a control character a workbook cannot hold ({e})") from e
    wb.save(path)


def _cell(ws: Any, value: Cell) -> object:
    if isinstance(value, date) and value < _FIRST_SERIAL_DATE:
        return value.isoformat()  # spreadsheet date serials start in 1900; text does not
    if isinstance(value, date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = _DATE_FORMAT
        return cell
    if isinstance(value, float | int) and not isinstance(value, bool) and _lossy(value):
        # openpyxl writes numbers with 16 significant digits; some need 17 to read back exact.
        cell = WriteOnlyCell(ws, value=repr(value))
        cell.data_type = "n"
        return cell
    if isinstance(value, str):
        if "\r" in value or "_x" in value:
            value = _TO_ESCAPE.sub(lambda m: f"_x{ord(m[0][0]):04X}_{m[0][1:]}", value)
        if value.startswith("="):
            # Text, not a formula: a name like "=HYPERLINK(...)" must come back as written.
            cell = WriteOnlyCell(ws, value=value)
            cell.data_type = "s"
            return cell
    return value


def _lossy(value: float) -> bool:
    return float(f"{value:.16g}") != value or (isinstance(value, int) and abs(value) >= 10**15)
