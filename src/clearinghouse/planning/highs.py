"""A HiGHS solver that keeps the terminal clean."""

from __future__ import annotations

import os
import sys
import threading

import highspy

_lock = threading.Lock()
_greeted = False


def new_highs() -> highspy.Highs:
    """A new ``Highs`` with its output off.

    HiGHS prints a licence banner on stdout when the first solver of a process is created,
    before any option can silence it; that first creation runs with stdout pointed at the
    null device so that CLI tables and CSV written to stdout stay clean.
    """
    global _greeted
    with _lock:
        if _greeted:
            solver = highspy.Highs()  # type: ignore[no-untyped-call]
        else:
            solver = _quietly_create()
            _greeted = True
    solver.setOptionValue("output_flag", False)
    return solver


def limit_time(solver: highspy.Highs, seconds: float) -> None:
    """Let the next run of ``solver`` take at most ``seconds`` (at least 1 ms).

    HiGHS's clock counts every run of an instance since it was made, and its ``time_limit``
    is read on that clock: an instance re-solved many times (a Monte Carlo worker's) would
    otherwise stop every run once its runs add up to the limit.
    """
    solver.setOptionValue("time_limit", solver.getRunTime() + max(seconds, 1e-3))


def _quietly_create() -> highspy.Highs:
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no file descriptor 1 (embedded use): nothing to protect
        return highspy.Highs()  # type: ignore[no-untyped-call]
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            return highspy.Highs()  # type: ignore[no-untyped-call]
    finally:
        os.dup2(saved, 1)
        os.close(saved)
