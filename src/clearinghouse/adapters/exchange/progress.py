"""Progress of a long read: ``progress(done, total)`` every thousand rows or so."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]

#: ``progress(done, total)`` is called after every this many rows (and once at the end).
PROGRESS_EVERY = 1000


class RowCounter:
    """Counts row steps (reading a workbook row, building a record) against an expected total."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.done = 0
        self.total = 0
        self._next_report = PROGRESS_EVERY

    def expect(self, steps: int) -> None:
        """Add ``steps`` to the total (an estimate is fine: :meth:`settle` corrects it)."""
        self.total += steps

    def settle(self, remaining: int) -> None:
        """Exactly ``remaining`` steps are left."""
        self.total = self.done + remaining

    def tick(self) -> None:
        self.done += 1
        if self.progress is not None and self.done >= self._next_report:
            self._next_report += PROGRESS_EVERY
            self.progress(self.done, max(self.total, self.done))

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.done, self.done)
