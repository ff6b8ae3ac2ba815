"""No input of any shape makes reading raise anything but BundleInvalid or ExchangeError."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from clearinghouse.adapters.exchange import BundleInvalid, ExchangeError, read_bundle
from clearinghouse.adapters.exchange.columns import SHEETS

from .helpers import VALID, write_sheets

FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NAMES = list(SHEETS)
COLUMNS = sorted({c.name for s in SHEETS.values() for c in s.columns})
# Cells close to valid ones find the deep paths (parsers, domain rules, cross-file checks).
NEAR_MISSES = ["", " ", "true", "FALSE", "yes", "0", "1", "-1", "1.5", "1e999", "nan", "inf",
               "2026-01-01", "2026-02-30", "0000-01-01", "9999-12-31", "POL", "JPN", "UKR",
               "ALL", "ALL;POL", "pol", "IFAK", "155-HE-M795", "155mm-NATO", "NSATU", "O-1",
               "N-1", "combat", "medical", "stock", "donor", "non-lethal-only", ";", "=1+1",
               "1320-01-234-5678", "9" * 40, "\x00", "é", '"', "a\nb", "_x000D_"]
cells = st.one_of(st.sampled_from(NEAR_MISSES), st.text(max_size=12))
headers = st.lists(st.one_of(st.sampled_from(COLUMNS), st.text(max_size=8)), max_size=12)
ragged_rows = st.lists(st.lists(cells, max_size=14), max_size=8)


@contextmanager
def bundle_folder(sheets: dict[str, str]) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as temp:
        yield write_sheets(Path(temp) / "bundle", sheets)


def read_or_refuse(path: Path) -> None:
    """Read ``path``; a refusal must carry printable row errors."""
    refusal: ExchangeError | None = None
    try:
        read_bundle(path)
    except ExchangeError as e:  # BundleInvalid included
        refusal = e
    if isinstance(refusal, BundleInvalid):
        assert refusal.errors
    if refusal is not None:
        assert str(refusal)


def grid_text(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows([header, *rows])
    return out.getvalue()


@FUZZ
@given(name=st.sampled_from([*NAMES, "unknown"]), data=st.binary(max_size=600))
def test_random_bytes_in_any_file_are_refused_or_read(name: str, data: bytes) -> None:
    with bundle_folder(dict(VALID)) as folder:
        (folder / f"{name}.csv").write_bytes(data)
        read_or_refuse(folder)


@FUZZ
@given(name=st.sampled_from(NAMES), text=st.text(alphabet=st.sampled_from(
    list(',"\r\n ;-.:0123456789aeTFtrufls\x00\ufeff')), max_size=300))
def test_random_csv_punctuation_is_refused_or_read(name: str, text: str) -> None:
    with bundle_folder({**VALID, name: text}) as folder:
        read_or_refuse(folder)


@FUZZ
@given(name=st.sampled_from(NAMES), header=headers, rows=ragged_rows)
def test_random_column_sets_and_ragged_rows_are_refused_or_read(
        name: str, header: list[str], rows: list[list[str]]) -> None:
    with bundle_folder({**VALID, name: grid_text(header, rows)}) as folder:
        read_or_refuse(folder)


@FUZZ
@given(name=st.sampled_from(NAMES), data=st.data())
def test_random_cells_under_the_right_header_are_refused_or_read(
        name: str, data: st.DataObject) -> None:
    header = [c.name for c in SHEETS[name].columns]
    rows = data.draw(st.lists(st.lists(cells, min_size=len(header), max_size=len(header)),
                              min_size=1, max_size=6))
    with bundle_folder({**VALID, name: grid_text(header, rows)}) as folder:
        read_or_refuse(folder)


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=400))
def test_random_bytes_as_a_workbook_are_refused(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as temp:
        (Path(temp) / "book.xlsx").write_bytes(data)
        with pytest.raises(BundleInvalid, match=r"^book\.xlsx: \(empty\) — cannot be read as an"):
            read_bundle(Path(temp) / "book.xlsx")


@settings(max_examples=30, deadline=None)
@given(title=st.sampled_from([*NAMES, "Sheet1"]), header=headers,
       rows=st.lists(st.lists(st.one_of(cells, st.integers(), st.floats(), st.booleans(),
                                        st.dates()), max_size=12), max_size=5))
def test_random_typed_cells_in_a_workbook_are_refused_or_read(
        title: str, header: list[str], rows: list[list[object]]) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title)
    for row in [header, *rows]:
        # Characters no workbook can hold are not what this test is about.
        ws.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in row])
    with tempfile.TemporaryDirectory() as temp:
        wb.save(Path(temp) / "book.xlsx")
        read_or_refuse(Path(temp) / "book.xlsx")
