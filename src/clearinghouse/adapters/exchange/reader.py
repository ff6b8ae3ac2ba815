"""Read a bundle (CSV folder or .xlsx workbook) into domain records, or refuse it whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from clearinghouse.adapters.exchange.columns import SHEETS, CellError, Sheet
from clearinghouse.adapters.exchange.csv_io import read_folder
from clearinghouse.adapters.exchange.errors import BundleInvalid, ExchangeError, RowError
from clearinghouse.adapters.exchange.problems import Located, locate_problems
from clearinghouse.adapters.exchange.progress import Progress, RowCounter
from clearinghouse.adapters.exchange.raw import Layout, RawSheet, column_label, layout
from clearinghouse.adapters.exchange.xlsx_io import read_workbook
from clearinghouse.domain.bundle import SHEET_KEYS, Bundle, record_key
from clearinghouse.domain.errors import DomainError
from clearinghouse.domain.formula_cells import restore


def read_bundle(path: Path, progress: Progress | None = None, *,
                known: Bundle | None = None) -> Bundle:
    """Read and check a bundle; raise :class:`BundleInvalid` listing every bad row.

    ``known`` holds records stored already: a partial bundle's references resolve against
    them as well as against its own rows (a needs.csv alone may name stored classes).
    """
    counter = RowCounter(progress)
    raws, errors = _read_sources(Path(path), counter)
    layouts: dict[str, Layout] = {}
    for name, raw in raws.items():
        lay, header_errors = layout(SHEETS[name], raw)
        errors.extend(header_errors)
        if not header_errors:
            layouts[name] = lay
    counter.settle(sum(len(raws[n].rows) for n in layouts))
    located: dict[str, list[Located]] = {}
    row_errors: list[RowError] = []
    for name in SHEETS:
        if name in layouts:
            located[name] = _records(SHEETS[name], raws[name], layouts[name], row_errors,
                                     counter)
    counter.finish()
    bundle = Bundle(**{name: [rec for rec, _, _ in recs] for name, recs in located.items()})
    # Cross-record rules need every sheet whole: with a sheet unreadable they would only
    # echo its absence as a flood of "unknown ..." errors.
    if not errors:
        refused = _refused_rows(row_errors, raws) if row_errors else []
        checked = bundle if known is None else _with_known(bundle, known)
        row_errors.extend(locate_problems(checked, located, layouts, raws, refused,
                                          only_located=known is not None))
    if errors or row_errors:
        raise BundleInvalid(sorted(errors + row_errors, key=_in_sheet_order))
    return bundle


def _with_known(bundle: Bundle, known: Bundle) -> Bundle:
    """The bundle's rows with the known records whose keys it does not hold."""
    sheets = {}
    for name in SHEET_KEYS:
        own = bundle.sheet(name)
        keys = {record_key(name, r) for r in own}
        sheets[name] = own + [r for r in known.sheet(name) if record_key(name, r) not in keys]
    return Bundle(**sheets)


_SHEET_ORDER = {name: i for i, name in enumerate(SHEETS)}


def _in_sheet_order(e: RowError) -> tuple[int, int]:
    """Files and sheets in bundle order (the workbook itself, unknown files first), then rows."""
    name = e.file.rpartition("[")[2].rstrip("]") if e.file.endswith("]") else e.file[:-4]
    return _SHEET_ORDER.get(name, -1), e.row


def _read_sources(path: Path, counter: RowCounter) -> tuple[dict[str, RawSheet], list[RowError]]:
    if not path.exists():
        raise ExchangeError(f"{path}: no such file or folder")
    if path.is_dir():
        return read_folder(path)
    if path.suffix.lower() == ".xlsx":
        return read_workbook(path, counter)
    raise ExchangeError(f"{path}: a bundle is a folder of CSV files or one .xlsx workbook")


def _records(sheet: Sheet, raw: RawSheet, lay: Layout, errors: list[RowError],
             counter: RowCounter) -> list[Located]:
    """The records of ``raw``'s rows with their row numbers and cells; bad rows go to ``errors``."""
    label, make, positions = raw.label, sheet.make, lay.positions
    fields = [(i, c.name, c.field, c.parse, c.optional) for i, c in positions]
    records: list[Located] = []
    for number, cells in raw.rows:
        counter.tick()
        width = len(cells)
        kwargs: dict[str, Any] = {}
        bad = False
        for i, name, field, parse, optional in fields:
            cell = cells[i] if i < width else ""
            if cell[:1] == "'":  # a formula-like text the export made inert
                cell = restore(cell)
            if not cell:
                if not optional:
                    errors.append(RowError(label, number, name, "", "must not be empty"))
                    bad = True
                continue
            try:
                kwargs[field] = parse(cell)
            except (CellError, DomainError) as e:
                errors.append(RowError(label, number, name, cell, e.rule))
                bad = True
        if width > lay.width or lay.blank:
            for i in lay.stray_cells(cells):
                errors.append(RowError(label, number, column_label(i), cells[i],
                                       "cell outside the named columns (give the column a name)"))
                bad = True
        if bad:
            continue
        try:
            records.append((make(**kwargs), number, cells))
        except DomainError as e:
            errors.append(_domain_error(label, number, cells, positions, e))
    return records


def _domain_error(label: str, number: int, cells: list[str],
                  positions: tuple[tuple[int, Any], ...], e: DomainError) -> RowError:
    column = e.field or ""
    value = next((cells[i] for i, c in positions if c.name == column and i < len(cells)),
                 "" if e.value is None else str(e.value))
    return RowError(label, number, column, value, e.rule)


def _refused_rows(row_errors: list[RowError], raws: dict[str, RawSheet]) -> list[list[str]]:
    """The cells of the rows refused on their own."""
    refused = {(e.file, e.row) for e in row_errors}
    return [cells for raw in raws.values() for number, cells in raw.rows
            if (raw.label, number) in refused]
