"""An .xlsx workbook reads like the CSV folder: errors name the sheet and its row number."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from clearinghouse.adapters.exchange import BundleInvalid, read_bundle, write_bundle

from .helpers import VALID, write_sheets

OFFER_HEADER = ["ref", "donor", "item", "quantity", "available", "origin"]


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def minimal(offers: list[list[object]]) -> dict[str, list[list[object]]]:
    return {
        "nations": [["code", "name", "nato", "eu", "role"], ["POL", "Poland", True, True, "donor"]],
        "items": [["code", "name", "capability", "class", "unit", "unit_weight_kg", "lethal"],
                  ["IFAK", "First aid kit", "medical", "IFAK", "kit", 0.5, False]],
        "offers": [OFFER_HEADER, *offers],
    }


def test_typed_cells_as_excel_stores_them_are_read(tmp_path: Path) -> None:
    path = workbook(tmp_path / "book.xlsx", minimal([
        ["O-1", "POL", "IFAK", 5.0, datetime(2026, 1, 15), "POL"],
        ["O-2", "POL", "IFAK", 7, "2026-02-01", "POL"]]))
    o1, o2 = read_bundle(path).offers
    assert (o1.quantity, o1.available) == (5, date(2026, 1, 15))
    assert (o2.quantity, o2.available) == (7, date(2026, 2, 1))


def test_an_error_names_the_workbook_sheet_and_row(tmp_path: Path) -> None:
    path = workbook(tmp_path / "book.xlsx", minimal([
        ["O-1", "POL", "IFAK", 5, date(2026, 1, 15), "POL"],
        [],
        ["O-2", "POL", "IFAK", 2.5, datetime(2026, 1, 15, 12, 30), "POL"],
        ["O-3", "FRA", "IFAK", 1, date(2026, 1, 15), "POL"]]))
    with pytest.raises(BundleInvalid) as raised:
        read_bundle(path)
    assert [str(e) for e in raised.value.errors] == [
        "book.xlsx[offers]:4:quantity: 2.5 — must be a whole number",
        "book.xlsx[offers]:4:available: 2026-01-15T12:30:00 — must be a date written YYYY-MM-DD",
        "book.xlsx[offers]:5:donor: FRA — must name a known nation",
    ]


def test_an_unknown_sheet_is_named(tmp_path: Path) -> None:
    path = workbook(tmp_path / "book.xlsx", {**minimal([]), "Sheet1": []})
    with pytest.raises(BundleInvalid) as raised:
        read_bundle(path)
    assert [str(e) for e in raised.value.errors] == [
        "book.xlsx: Sheet1 — unknown sheet (a bundle holds nations, items, substitutes, hubs, "
        "lanes, needs, offers, producers, funding, missions, training_needs, courses, posts, "
        "procurement)"]


def test_progress_through_a_workbook_rises_to_its_total(tmp_path: Path) -> None:
    offers = [f"O-{i},POL,IFAK,{i + 1},2026-01-01,JPN,,,," for i in range(3000)]
    folder = write_sheets(tmp_path / "csv", {
        **VALID, "offers": VALID["offers"].splitlines()[0] + "\n" + "\n".join(offers) + "\n"})
    write_bundle(read_bundle(folder), tmp_path / "book.xlsx")
    calls: list[tuple[int, int]] = []
    read_bundle(tmp_path / "book.xlsx", progress=lambda done, total: calls.append((done, total)))
    done = [d for d, _ in calls]
    assert done == sorted(done)
    assert all(d <= t for d, t in calls)
    assert len(calls) >= 6  # reading and building 3,000 offers: a call per thousand steps
    assert calls[-1][0] == calls[-1][1] >= 6000
