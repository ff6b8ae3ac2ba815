"""Write a bundle as a folder of CSV files or one .xlsx workbook, all at once or not at all."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Iterator
from operator import attrgetter
from pathlib import Path

from clearinghouse.adapters.exchange.columns import SHEETS, Cell
from clearinghouse.adapters.exchange.csv_io import csv_text
from clearinghouse.adapters.exchange.errors import ExchangeError
from clearinghouse.adapters.exchange.xlsx_io import save_workbook
from clearinghouse.domain.bundle import Bundle
from clearinghouse.domain.formula_cells import neutralise

#: A sheet ready to write: its name, header and rows of cell values.
Table = tuple[str, list[str], list[list[Cell]]]


def write_bundle(bundle: Bundle, path: Path) -> None:
    """Write every sheet of ``bundle`` (empty ones as a bare header) to a folder or an .xlsx."""
    path = Path(path)
    tables = list(_tables(bundle))
    try:
        if path.suffix.lower() == ".xlsx":
            _write_workbook(tables, path)
        else:
            _write_folder(tables, path)
    except (OSError, ValueError) as e:  # ValueError: text a workbook or UTF-8 cannot hold
        raise ExchangeError(f"{path}: cannot write the bundle ({e})") from e


def _tables(bundle: Bundle) -> Iterator[Table]:
    for name, sheet in SHEETS.items():
        header = [c.name for c in sheet.columns]
        getters = [(attrgetter(c.field), c.export) for c in sheet.columns]
        rows = [[_inert(None if (v := get(record)) is None else export(v))
                 for get, export in getters] for record in bundle.sheet(name)]
        yield name, header, rows


def _inert(value: Cell) -> Cell:
    # Text a spreadsheet would run as a formula gets a leading quote; numbers stay numbers.
    return neutralise(value) if isinstance(value, str) else value


def _write_workbook(tables: list[Table], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = _temp_name(path)
    try:
        save_workbook(Path(temp), tables)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _write_folder(tables: list[Table], path: Path) -> None:
    # Render and encode everything before touching the disk: most failures happen here.
    files = {f"{name}.csv": csv_text(header, rows).encode("utf-8")
             for name, header, rows in tables}
    if path.exists() and not path.is_dir():
        raise ExchangeError(f"{path}: exists and is not a folder")
    if path.is_dir():
        _replace_files(files, path)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = _temp_name(path)
    temp.mkdir()
    try:
        for name, data in files.items():
            (temp / name).write_bytes(data)
        os.replace(temp, path)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise


def _replace_files(files: dict[str, bytes], folder: Path) -> None:
    """Replace the bundle's files in an existing folder, leaving its other files alone.

    All files are written to temporary names first; only the renames, which do not fail
    for want of space, touch the bundle's files.
    """
    temps: dict[str, Path] = {}
    try:
        for name, data in files.items():
            temps[name] = temp = _temp_name(folder / name)
            with temp.open("xb") as out:
                out.write(data)
        for name, temp in temps.items():
            os.replace(temp, folder / name)
    except BaseException:
        for temp in temps.values():
            with contextlib.suppress(OSError):
                temp.unlink()
        raise


def _temp_name(path: Path) -> Path:
    # A hidden sibling: same file system (so the rename is atomic), skipped by the reader.
    # Made with the default permissions, unlike tempfile's private 0600 ones.
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
