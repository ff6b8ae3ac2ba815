"""A sheet as read from a file, before typing: a header and rows of text cells."""

from __future__ import annotations

from dataclasses import dataclass

from clearinghouse.adapters.exchange.columns import Column, Sheet
from clearinghouse.adapters.exchange.errors import RowError


@dataclass(frozen=True, slots=True)
class RawSheet:
    """``label`` names the source in errors (``offers.csv``, ``book.xlsx[offers]``).

    ``rows`` pairs each data row's number (the header is row 1) with its cells, stripped of
    surrounding white space; blank rows are left out.
    """

    label: str
    header: list[str]
    rows: list[tuple[int, list[str]]]


@dataclass(frozen=True, slots=True)
class Layout:
    """Where each column of a sheet sits in a file's header."""

    positions: tuple[tuple[int, Column], ...]
    width: int
    #: header positions left blank: tolerated (spreadsheets add them) while their cells are empty
    blank: tuple[int, ...]

    def stray_cells(self, cells: list[str]) -> list[int]:
        """Positions of non-empty cells outside the header's named columns."""
        stray = [i for i in self.blank if i < len(cells) and cells[i]]
        if len(cells) > self.width:
            stray.extend(i for i in range(self.width, len(cells)) if cells[i])
        return stray


def layout(sheet: Sheet, raw: RawSheet) -> tuple[Layout, list[RowError]]:
    """Match ``raw``'s header to ``sheet``'s columns; unknown, repeated and missing are errors."""
    by_name = {c.name: c for c in sheet.columns}
    known = ", ".join(by_name)
    errors: list[RowError] = []
    positions: dict[str, int] = {}
    blank: list[int] = []
    for i, name in enumerate(raw.header):
        if not name:
            blank.append(i)
        elif name not in by_name:
            errors.append(RowError(raw.label, 1, name, name,
                                   f"unknown column ({sheet.name} has the columns {known})"))
        elif name in positions:
            errors.append(RowError(raw.label, 1, name, name, "the column appears twice"))
        else:
            positions[name] = i
    for c in sheet.columns:
        if c.name not in positions and not c.optional:
            errors.append(RowError(raw.label, 1, c.name, "", "required column is missing"))
    placed = tuple((positions[c.name], c) for c in sheet.columns if c.name in positions)
    return Layout(placed, len(raw.header), tuple(blank)), errors


def column_label(position: int) -> str:
    """A header-less position as a spreadsheet user counts it (``column 12``)."""
    return f"column {position + 1}"
