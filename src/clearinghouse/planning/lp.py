"""A linear model as sparse arrays: columns with two objectives, rows with bounds, entries.

Each constraint family adds a named block of columns or rows and its entries as NumPy
arrays; :meth:`Builder.build` turns the entries into one CSC matrix for HiGHS.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from clearinghouse.planning.problem import Bools, Floats, Ints

INF = float("inf")
Int32s = NDArray[np.int32]


@dataclass(frozen=True, eq=False, slots=True)
class LinearModel:
    """max value·x, then min cost·x, subject to row_lower <= A x <= row_upper, 0 <= x <= upper."""

    value: Floats
    cost: Floats
    upper: Floats
    integer: Bools
    row_lower: Floats
    row_upper: Floats
    start: Int32s
    index: Int32s
    entries: Floats
    columns: dict[str, slice]
    rows: dict[str, slice]

    @property
    def num_cols(self) -> int:
        return len(self.value)

    @property
    def num_rows(self) -> int:
        return len(self.row_lower)

    def matrix(self) -> sp.csc_matrix:
        return sp.csc_matrix((self.entries, self.index, self.start),
                             shape=(self.num_rows, self.num_cols))


@dataclass(eq=False)
class Builder:
    """Collects column blocks, row blocks and their entries."""

    _value: list[Floats] = field(default_factory=list)
    _cost: list[Floats] = field(default_factory=list)
    _upper: list[Floats] = field(default_factory=list)
    _integer: list[Bools] = field(default_factory=list)
    _lower_rows: list[Floats] = field(default_factory=list)
    _upper_rows: list[Floats] = field(default_factory=list)
    _rows: list[Ints] = field(default_factory=list)
    _cols: list[Ints] = field(default_factory=list)
    _coefs: list[Floats] = field(default_factory=list)
    columns: dict[str, slice] = field(default_factory=dict)
    rows: dict[str, slice] = field(default_factory=dict)
    n_cols: int = 0
    n_rows: int = 0

    def add_columns(self, name: str, count: int, *, value: Floats | None = None,
                    cost: Floats | None = None, upper: Floats | None = None,
                    integer: bool = True) -> int:
        """Add ``count`` columns ``0 <= x <= upper``; returns the index of the first."""
        self._value.append(np.zeros(count) if value is None else np.asarray(value, float))
        self._cost.append(np.zeros(count) if cost is None else np.asarray(cost, float))
        self._upper.append(np.full(count, INF) if upper is None else np.asarray(upper, float))
        self._integer.append(np.full(count, integer))
        start = self.n_cols
        self.columns[name] = slice(start, start + count)
        self.n_cols += count
        return start

    def add_rows(self, name: str, upper: Floats, lower: Floats | None = None) -> int:
        """Add rows ``lower <= A x <= upper`` (lower −∞ unless given); returns the first index."""
        upper = np.asarray(upper, dtype=np.float64)
        self._upper_rows.append(upper)
        self._lower_rows.append(np.full(len(upper), -INF) if lower is None
                                else np.asarray(lower, dtype=np.float64))
        start = self.n_rows
        self.rows[name] = slice(start, start + len(upper))
        self.n_rows += len(upper)
        return start

    def add_entries(self, rows: Ints, cols: Ints, coefs: Floats | float) -> None:
        """Add ``A[rows, cols] += coefs`` (arrays of equal length, or one coefficient)."""
        rows = np.asarray(rows, dtype=np.int64)
        self._rows.append(rows)
        self._cols.append(np.asarray(cols, dtype=np.int64))
        self._coefs.append(np.broadcast_to(np.asarray(coefs, dtype=np.float64), rows.shape))

    def build(self) -> LinearModel:
        rows, cols, coefs = (np.concatenate(a) if a else np.zeros(0)
                             for a in (self._rows, self._cols, self._coefs))
        matrix = sp.csc_matrix((coefs, (rows.astype(np.int64), cols.astype(np.int64))),
                               shape=(self.n_rows, self.n_cols))
        matrix.sum_duplicates()
        return LinearModel(
            value=_cat(self._value), cost=_cat(self._cost), upper=_cat(self._upper),
            integer=np.concatenate(self._integer) if self._integer else np.zeros(0, bool),
            row_lower=_cat(self._lower_rows), row_upper=_cat(self._upper_rows),
            start=matrix.indptr.astype(np.int32), index=matrix.indices.astype(np.int32),
            entries=matrix.data.astype(np.float64), columns=dict(self.columns),
            rows=dict(self.rows))


def _cat(parts: list[Floats]) -> Floats:
    return np.concatenate(parts).astype(np.float64) if parts else np.zeros(0)
