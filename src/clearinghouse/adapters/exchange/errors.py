"""Errors of the exchange format: one line per bad cell, naming file, row, column and rule."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: How many row errors ``str(BundleInvalid)`` lists before summarising the rest.
LISTED_ERRORS = 50
_SHOWN_VALUE_CHARS = 80
#: How an empty value (a blank cell, a missing column) is shown.
EMPTY = "(empty)"


class ExchangeError(Exception):
    """A bundle cannot be read or written (a missing path, a wrong extension, a failed write)."""


@dataclass(frozen=True, slots=True)
class RowError:
    """One broken rule at ``file:row:column``.

    ``row`` counts the header as row 1 (row 0: the file as a whole); ``column`` is empty when
    the fault is not in one column (an undecodable line, a malformed CSV record). Shown as
    ``file:row:column: value — rule``, leaving out a row 0 and an empty column.
    """

    file: str
    row: int
    column: str
    value: str
    rule: str

    def __str__(self) -> str:
        where = self.file
        if self.row:
            where += f":{self.row}"
        if self.column:
            where += f":{self.column}"
        return f"{where}: {_shown(self.value)} — {self.rule}"


class BundleInvalid(ExchangeError):
    """A bundle breaks rules: ``errors`` lists every bad row (the import is refused whole)."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = list(errors)
        super().__init__(_listing(self.errors))

    def __str__(self) -> str:
        return _listing(self.errors)


def _listing(errors: list[RowError]) -> str:
    lines = [str(e) for e in errors[:LISTED_ERRORS]]
    if len(errors) > LISTED_ERRORS:
        lines.append(f"… and {len(errors) - LISTED_ERRORS} more")
    return "\n".join(lines)


def _shown(value: str) -> str:
    if not value:
        return EMPTY
    # One error per line, whatever a cell holds: escape line breaks, cut very long cells.
    text = value.replace("\r", "\\r").replace("\n", "\\n")
    if len(text) > _SHOWN_VALUE_CHARS:
        text = text[: _SHOWN_VALUE_CHARS - 1] + "…"
    return text
