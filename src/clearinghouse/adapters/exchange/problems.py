"""Cross-record problems of a bundle, traced back to the file and row that hold them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from clearinghouse.adapters.exchange.errors import RowError
from clearinghouse.adapters.exchange.raw import Layout, RawSheet
from clearinghouse.domain.bundle import Bundle, Problem, record_key

#: A record read from a sheet, with its row number and the row's cells.
Located = tuple[Any, int, list[str]]

_UNIQUE_RULE = "must be unique in the file"
_REFERENCE_RULE = "must name a known"


def locate_problems(bundle: Bundle, located: dict[str, list[Located]],
                    layouts: dict[str, Layout], raws: dict[str, RawSheet],
                    refused_rows: Iterable[list[str]], *,
                    only_located: bool = False) -> list[RowError]:
    """``bundle.problems()`` as row errors.

    A reference to a value that appears in a row refused on its own is left out: that row's
    error already says what is wrong, and the reference may well be right once it is fixed.
    With ``only_located`` (records stored already were added to the check), a problem no
    row of the upload holds is left to the import's own check of the stored picture.
    """
    problems = bundle.problems()
    if not problems:
        return []
    refused = {cell for cells in refused_rows for cell in cells if cell}
    finder = _RowFinder(located)
    errors: list[RowError] = []
    for p in problems:
        if p.rule.startswith(_REFERENCE_RULE) and str(p.value) in refused:
            continue
        if only_located and (p.sheet not in raws or p.sheet not in layouts):
            continue
        label = raws[p.sheet].label
        position = _position(layouts[p.sheet], p.field)
        found = finder.find(p, position)
        if found is None:
            if only_located:
                continue
            errors.append(RowError(label, 0, p.field, str(p.value), p.rule))
            continue
        number, cells = found
        value = _cell(cells, position) if position is not None else str(p.value)
        errors.append(RowError(label, number, p.field, value, p.rule))
    return errors


def _position(lay: Layout, column: str) -> int | None:
    return next((i for i, c in lay.positions if c.name == column), None)


class _RowFinder:
    """Finds the row of a problem's record by its key, building each sheet's index once."""

    def __init__(self, located: dict[str, list[Located]]) -> None:
        self.located = located
        self.indexes: dict[str, dict[str, list[int]]] = {}
        self.repeats: Counter[tuple[str, str]] = Counter()

    def find(self, p: Problem, position: int | None) -> tuple[int, list[str]] | None:
        records = self.located.get(p.sheet, [])
        candidates = self._index(p.sheet, records).get(p.key, [])
        if not candidates:
            return None
        chosen = candidates[0]
        if p.rule == _UNIQUE_RULE:
            # The n-th report of a repeated key is about its (n+1)-th occurrence.
            self.repeats[p.sheet, p.key] += 1
            chosen = candidates[min(self.repeats[p.sheet, p.key], len(candidates) - 1)]
        elif len(candidates) > 1 and position is not None:
            # Records sharing a key: the one whose cell holds the faulty value.
            shown = str(p.value)
            chosen = next((c for c in candidates if _cell(records[c][2], position) == shown),
                          chosen)
        _, number, cells = records[chosen]
        return number, cells

    def _index(self, sheet: str, records: list[Located]) -> dict[str, list[int]]:
        if sheet not in self.indexes:
            index: dict[str, list[int]] = {}
            for i, (record, _, _) in enumerate(records):
                index.setdefault(record_key(sheet, record), []).append(i)
            self.indexes[sheet] = index
        return self.indexes[sheet]


def _cell(cells: list[str], position: int) -> str:
    return cells[position] if position < len(cells) else ""
